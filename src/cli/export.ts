/**
 * `deno task export --format csv|json [--results DIR] [--out DIR]`: writes the
 * leaderboard table (one row per model, task, target, profile and machine: the
 * newest ok record) and the per-sample data of those cells:
 * `<out>/leaderboard.<fmt>` and `<out>/samples.<fmt>` (default out
 * `leaderboard/export`). Files are written atomically.
 *
 * Exit codes: 0 written; 2 bad flags or input.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { Option } from "commander";
import {
  leaderboardCsv,
  leaderboardRecords,
  readSamplesOf,
  readStore,
  samplesCsv,
  toRow,
  toSampleRow,
  writeFileAtomic,
} from "../results/mod.ts";
import { assertInputFolder, assertOutputFolder } from "./_flags.ts";
import { runCli } from "./_run.ts";

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("export")
    .description("Export the leaderboard table and per-sample data as CSV or JSON.")
    .addOption(
      new Option("--format <fmt>", "csv or json").choices(["csv", "json"] as const).default(
        "csv" as const,
      ),
    )
    .option("--results <dir>", "results store", "leaderboard/results")
    .option("--out <dir>", "output folder", "leaderboard/export")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  await assertInputFolder("--results", opts.results);
  await assertOutputFolder("--out", opts.out);
  const store = await readStore(opts.results, {
    onWarning: (m) => console.error(`warning: ${m}`),
  });
  const records = leaderboardRecords(store.cells);
  const rows = records.map(toRow);
  const samples = await readSamplesOf(opts.results, records, { onWarning: () => {} });
  const sampleRows = records.flatMap((r) =>
    (samples.get(r.cellKey) ?? []).map((s) => toSampleRow(r, s))
  );
  await Deno.mkdir(opts.out, { recursive: true });
  const board = `${opts.out}/leaderboard.${opts.format}`;
  const perSample = `${opts.out}/samples.${opts.format}`;
  if (opts.format === "csv") {
    await writeFileAtomic(board, leaderboardCsv(rows));
    await writeFileAtomic(perSample, samplesCsv(sampleRows));
  } else {
    await writeFileAtomic(board, JSON.stringify(rows, null, 1) + "\n");
    await writeFileAtomic(perSample, JSON.stringify(sampleRows) + "\n");
  }
  console.log(
    `wrote ${board} (${rows.length} rows) and ${perSample} (${sampleRows.length} rows)`,
  );
  return 0;
}

runCli(import.meta, main);
