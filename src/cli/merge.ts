/**
 * `deno task merge DIR... [--out DIR] [--gzip-samples]`: merges result
 * folders from several machines into one store (default
 * `leaderboard/results`), de-duplicating by cell key and run and keeping every
 * other record as history. `--gzip-samples` then gzips the store's per-sample
 * files (`<run>.samples.jsonl.gz`, read like the plain form) to keep the
 * shipped store light; `deno task merge --gzip-samples` alone only gzips.
 *
 * Exit codes: 0 merged; 2 bad flags or unreadable input (nothing written).
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { mergeStores } from "../results/merge.ts";
import { gzipSamples } from "../results/gzip_samples.ts";
import { UsageError } from "./_errors.ts";
import { assertOutputFolder } from "./_flags.ts";
import { runCli } from "./_run.ts";

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("merge")
    .description("Merge result folders into one store, keeping history.")
    .argument("[dirs...]", "result folders to merge in")
    .option("--gzip-samples", "gzip the store's per-sample files afterwards")
    .option("--out <dir>", "the store to merge into", "leaderboard/results")
    .option("--json", "print the summary as JSON");
  program.parse(args, { from: "user" });
  const opts = program.opts();
  const dirs: string[] = program.processedArgs[0] ?? [];
  if (dirs.length === 0 && !opts.gzipSamples) {
    throw new UsageError("give result folders to merge, or --gzip-samples");
  }
  for (const d of dirs) {
    const info = await Deno.stat(d).catch(() => null);
    if (!info?.isDirectory) throw new UsageError(`${d}: not a results folder`);
  }
  await assertOutputFolder("--out", opts.out);
  const summary = await mergeStores(dirs, opts.out, {
    onWarning: (m) => console.error(`warning: ${m}`),
  });
  const gz = opts.gzipSamples ? await gzipSamples(opts.out) : null;
  if (gz) {
    console.error(
      `gzipped samples of ${gz.runs.length} runs: ${gz.plainBytes} -> ${gz.gzBytes} bytes`,
    );
  }
  if (opts.json) console.log(JSON.stringify(summary));
  else {
    console.log(
      `merged into ${opts.out}: ${summary.added} cell records added (${summary.samples} samples), ` +
        `${summary.duplicates} already present, runs: ${summary.runs.join(", ") || "none"}`,
    );
  }
  return 0;
}

runCli(import.meta, main);
