/**
 * `deno task pairs --out DIR [--tasks a,b] [--splits train,validation,test]`
 *
 * Writes the training pairs for the model recipe: `DIR/<split>.jsonl`, one
 * line `{"task","id","source","prompt","target","references"}` per sample,
 * rendered by the task definitions, plus `DIR/pairs.json` with the counts.
 * Without `--tasks`, real-data tasks whose files are not configured are
 * skipped (noted on stderr); naming one in `--tasks` makes it required.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { InvalidArgumentError, Option } from "commander";
import { UsageError } from "./_errors.ts";
import { assertOutputFolder, integerFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { type SplitName, SPLITS } from "../core/sample.ts";
import { loadRegistry } from "../tasks/registry.ts";
import { writePairs } from "../tasks/pairs.ts";

function list(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

function splitsOf(value: string): SplitName[] {
  const splits = list(value);
  for (const s of splits) {
    if (!(SPLITS as readonly string[]).includes(s)) {
      throw new InvalidArgumentError(`unknown split "${s}" (${SPLITS.join(", ")})`);
    }
  }
  return splits as SplitName[];
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("pairs")
    .description("Write training pairs (source, prompt, target) for every task and split.")
    .option("--out <dir>", "output folder (required)")
    .option("--tasks <ids>", "comma-separated task ids (default: all available)", list)
    .addOption(
      new Option("--splits <names>", "comma-separated splits").default(
        [...SPLITS] as SplitName[],
        "train,validation,test",
      ).argParser(splitsOf),
    )
    .option("--tasks-dir <dir>", "folder of task modules", "tasks")
    .option("--datasets <dir>", "folder of shipped datasets", "datasets")
    .option("--limit <n>", "at most n samples per task and split", integerFlag(1))
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  if (opts.out === undefined || opts.out === "") throw new UsageError("--out <dir> is required");
  const out = opts.out;
  await assertOutputFolder("--out", out);
  const registry = await loadRegistry(opts.tasksDir);
  const tasks = registry.select(opts.tasks);
  const summary = await writePairs({
    out,
    tasks,
    splits: opts.splits,
    datasetsDir: opts.datasets,
    skipUnavailable: opts.tasks === undefined,
    ...(opts.limit === undefined ? {} : { limit: opts.limit }),
  });
  for (const why of summary.skipped) console.error(`skipped ${why}`);
  for (const [split, byTask] of Object.entries(summary.counts)) {
    const total = Object.values(byTask).reduce((a, b) => a + b, 0);
    const detail = Object.entries(byTask).map(([t, n]) => `${t}=${n}`).join(" ");
    console.log(`${out.replace(/\/$/, "")}/${split}.jsonl: ${total} pairs (${detail})`);
  }
  return 0;
}

runCli(import.meta, main);
