/**
 * `deno task machines [--json] [--file FILE] [--only IDS]`: the machines of the
 * scheduled hardware runs (`leaderboard/machines.json`). `--json` prints the
 * GitHub Actions matrix (`{"include": [...]}`) that `.github/workflows/hardware.yml`
 * runs; otherwise a table. Unknown targets, duplicate ids and unknown names in
 * `--only` are errors.
 *
 * Exit codes: 0 printed; 2 bad flags or a bad machine list.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { runCli } from "./_run.ts";
import { textTable } from "./_table.ts";
import { actionsMatrix, DEFAULT_TIMEOUT_MINUTES, loadMachines } from "../targets/machines.ts";

/** The machine list file, relative to the repository root. */
export const MACHINES_FILE = "leaderboard/machines.json";

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("machines")
    .description("Print the machines of the scheduled hardware runs.")
    .option("--file <file>", "the machine list", MACHINES_FILE)
    .option(
      "--only <ids>",
      "comma-separated machine ids (default: every machine not marked optional)",
    )
    .option("--json", "print the GitHub Actions matrix as JSON")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  const machines = await loadMachines(opts.file);
  const only = opts.only?.split(",").map((s) => s.trim()).filter(Boolean);
  const matrix = actionsMatrix(machines, only && only.length > 0 ? only : undefined, opts.file);
  if (opts.json) {
    console.log(JSON.stringify(matrix));
    return 0;
  }
  const chosen = new Set(matrix.include.map((m) => m.machine));
  console.log(textTable(
    ["id", "runs-on", "targets", "gating", "timeout", "runs", "note"],
    machines.map((m) => [
      m.id,
      m.runsOn.join(", "),
      m.targets.join(", "),
      m.gating ? "yes" : "no",
      `${m.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES} min`,
      chosen.has(m.id) ? "yes" : "on request",
      m.note.length > 60 ? `${m.note.slice(0, 57)}...` : m.note,
    ]),
  ));
  return 0;
}

runCli(import.meta, main);
