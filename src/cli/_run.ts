/**
 * The one entry of every CLI: `runCli(import.meta, main)` at the end of `src/cli/NAME.ts`.
 *
 * `main(args)` parses its flags with a `newCommand()` program (commander errors are thrown,
 * not printed), does its work, and returns an exit code (0 done, 1 done with failures it
 * recorded). It may throw: `exitCodeFor` maps flag errors, `BenchError`s (`UsageError` among
 * them) and Deno's path errors (NotFound, NotADirectory, AlreadyExists, PermissionDenied,
 * NotCapable, ...) to one `error: ...` line naming the flag and path, and exit code 2.
 * Anything else is a bug and keeps its stack trace.
 *
 * @module
 */
import { exitCodeFor } from "./_errors.ts";

/** A CLI's body: flags in, exit code out. */
export type CliMain = (args: readonly string[]) => Promise<number>;

/** Runs `main(args)` and returns its exit code, mapping thrown errors with `exitCodeFor`. */
export async function runMain(main: CliMain, args: readonly string[]): Promise<number> {
  try {
    return await main(args);
  } catch (error) {
    return exitCodeFor(error, args);
  }
}

/**
 * When `meta` is the main module (`import.meta.main`), runs `main(Deno.args)` and exits with
 * its code; when the module is imported (by tests), does nothing.
 */
export async function runCli(meta: ImportMeta, main: CliMain): Promise<void> {
  if (!meta.main) return;
  Deno.exit(await runMain(main, Deno.args));
}
