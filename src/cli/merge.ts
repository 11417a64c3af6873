/**
 * `deno task merge DIR... [--out DIR] [--gzip-samples] [--skip-invalid] [--lock-timeout S]`:
 * merges result folders from several machines into one store (default `leaderboard/results`),
 * de-duplicating by cell key and run and keeping every other record as history. The merge
 * holds the store lock exclusive (evals appending to the store wait, and it waits for them,
 * naming who holds it, at most `--lock-timeout` seconds), replaces files atomically and reads
 * the store again to check the count it reports. A source line merge cannot carry (a newer
 * schema, damage) refuses the merge unless `--skip-invalid` leaves such lines out, each with a
 * warning. `--gzip-samples` then gzips the store's per-sample files
 * (`<run>.samples.jsonl.gz`, read like the plain form) to keep the shipped store light;
 * `deno task merge --gzip-samples` alone only gzips.
 *
 * Exit codes: 0 merged; 1 gave up waiting for the store lock (nothing written); 2 bad flags,
 * unreadable input or a line merge cannot carry (nothing written).
 *
 * Test hook (no user feature): `ENCODER_BENCH_MERGE_GATE=<file>` (read only where the env
 * permission grants it) makes the merge, holding the store lock, print a `note:` line and wait
 * until `<file>` exists before it replaces its first file.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { mergeStores, type MergeSummary } from "../results/merge.ts";
import { gzipSamples } from "../results/gzip_samples.ts";
import { lockStore } from "../results/store_lock.ts";
import { DEFAULT_LOCK_TIMEOUT_S } from "../core/time_limits.ts";
import { UsageError } from "./_errors.ts";
import { assertOutputFolder, secondsFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";

const GATE_ENV = "ENCODER_BENCH_MERGE_GATE";

/** The summary of `--gzip-samples` alone. */
const NOTHING_MERGED: MergeSummary = {
  added: 0,
  duplicates: 0,
  samples: 0,
  runs: [],
  warnings: [],
};

/** The test hook's gate: wait for a file to exist before writing (see the module doc). */
function gateHook(): ((path: string) => Promise<void>) | undefined {
  if (Deno.permissions.querySync({ name: "env", variable: GATE_ENV }).state !== "granted") {
    return undefined;
  }
  const gate = Deno.env.get(GATE_ENV);
  if (!gate) return undefined;
  return async (path) => {
    if (await Deno.stat(gate).then(() => true, () => false)) return;
    console.error(`note: about to replace ${path}; waiting for ${gate} (${GATE_ENV})`);
    while (!(await Deno.stat(gate).then(() => true, () => false))) {
      await new Promise((r) => setTimeout(r, 20));
    }
  };
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("merge")
    .description("Merge result folders into one store, keeping history.")
    .argument("[dirs...]", "result folders to merge in")
    .option("--gzip-samples", "gzip the store's per-sample files afterwards")
    .option("--out <dir>", "the store to merge into", "leaderboard/results")
    .option("--skip-invalid", "leave out source lines merge cannot carry, with a warning each")
    .option(
      "--lock-timeout <s>",
      `longest wait for the store lock, in seconds (default ${DEFAULT_LOCK_TIMEOUT_S})`,
      secondsFlag(),
      DEFAULT_LOCK_TIMEOUT_S,
    )
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
  const lockOptions = {
    timeoutMs: opts.lockTimeout * 1000,
    onWait: (m: string) => console.error(`warning: ${m}`),
  };
  const beforeWrite = gateHook();
  const summary: MergeSummary = dirs.length === 0
    ? NOTHING_MERGED
    : await mergeStores(dirs, opts.out, {
      onWarning: (m) => console.error(`warning: ${m}`),
      skipInvalid: opts.skipInvalid === true,
      lockTimeoutMs: lockOptions.timeoutMs,
      onLockWait: lockOptions.onWait,
      ...(beforeWrite ? { beforeWrite } : {}),
    });
  if (opts.gzipSamples) {
    const lock = await lockStore(opts.out, { exclusive: true, ...lockOptions });
    try {
      const gz = await gzipSamples(opts.out);
      console.error(
        `gzipped samples of ${gz.runs.length} runs: ${gz.plainBytes} -> ${gz.gzBytes} bytes`,
      );
    } finally {
      lock.release();
    }
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
