/** Shared CLI plumbing: flag errors and typed errors become one line and exit code 2. @module */
import { CommanderError } from "commander";
import { BenchError } from "../core/errors.ts";

/** Exit code of bad flags or bad input. */
export const EXIT_USAGE = 2;

/**
 * The exit code for an error thrown while parsing flags or running: prints one
 * `error: ...` line for flag, input and permission errors and returns 0 or 2;
 * rethrows anything else (a bug).
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    console.error(`error: ${error.message.replace(/^error: /, "").split("\n")[0]}`);
    return EXIT_USAGE;
  }
  if (
    error instanceof BenchError || error instanceof Deno.errors.NotCapable ||
    error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotFound
  ) {
    console.error(`error: ${error.message.split("\n")[0]}`);
    return EXIT_USAGE;
  }
  throw error;
}
