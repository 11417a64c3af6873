/** The one way every CLI makes its commander program. @module */
import { Command, CommanderError } from "commander";
import { EXIT_USAGE } from "./_errors.ts";

/**
 * A new commander program that never calls `process.exit` (errors are thrown as
 * `CommanderError`, see `exitCodeFor`), prints no error text of its own, and skips
 * commander's colour detection, which reads environment variables and would need
 * `--allow-env` just to print `--help`.
 */
export function newCommand(name?: string): Command {
  return new Command(name)
    .exitOverride()
    .configureOutput({
      outputError: () => {},
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
}

/** Parsed flags, or the exit code to return at once (0 after `--help`, 2 on bad flags). */
export type ParsedFlags<T> = { readonly opts: T } | { readonly exitCode: number };

/**
 * Runs commander's `parse()`; a `CommanderError` becomes an exit code, with one
 * `error: ...` line on stderr for bad flags. Anything else is rethrown.
 */
export function parseFlags<T>(parse: () => T): ParsedFlags<T> {
  try {
    return { opts: parse() };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { exitCode: 0 };
    console.error(`error: ${error.message.replace(/^error: /, "").split("\n")[0]}`);
    return { exitCode: EXIT_USAGE };
  }
}
