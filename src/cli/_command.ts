/** The one way every CLI makes its commander program. @module */
import { Command } from "commander";

/**
 * A new commander program that never calls `process.exit` (errors are thrown as
 * `CommanderError`, which `runCli` maps to an exit code), prints no error text of its own, and skips
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
