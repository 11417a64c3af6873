/**
 * `deno task tasks [--tokenizer DIR] [--json]`
 *
 * Lists the tasks: id, family, kind, direction, size per split (real-data
 * tasks without local files are shown as unavailable, with where to put the
 * file), and length statistics of the eval split in characters and tokens.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { assertInputFolder } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { SPLITS } from "../core/sample.ts";
import { type TaskOverview, taskOverview } from "../tasks/overview.ts";
import { loadRegistry } from "../tasks/registry.ts";
import {
  hasTokenizer,
  loadTokenCounter,
  type TokenCounter,
  WHITESPACE_COUNTER,
} from "../tasks/token_counter.ts";

const DEFAULT_TOKENIZER = "models/tokenizer";

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

function table(rows: readonly TaskOverview[], tokens: string): string {
  const head = [
    "task",
    "family",
    "kind",
    "direction",
    ...SPLITS,
    "eval",
    "in chars mean/p95",
    "out chars mean/p95",
    "in tok mean/p95",
    "out tok mean/p95",
    "out/in tok",
  ];
  const body = rows.map((r) => {
    const sizes = SPLITS.map((s) => {
      const v = r.splits[s];
      return v === null ? "-" : String(v);
    });
    const st = r.stats;
    const pair = (x: { mean: number; p95: number } | undefined): string =>
      x === undefined ? "-" : `${fmt(x.mean)}/${fmt(x.p95)}`;
    return [
      r.id,
      r.family,
      r.kind,
      r.direction,
      ...sizes,
      r.evalSplit,
      ...(st === null ? ["unavailable", "", "", "", ""] : [
        pair(st.inputChars),
        pair(st.outputChars),
        pair(st.inputTokens),
        pair(st.outputTokens),
        st.ratioTokens.toFixed(2),
      ]),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const out = [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
  out.push("", `tokens: ${tokens}; lengths of the eval split, input = encoder source`);
  for (const r of rows) if (!r.available) out.push(`${r.id}: unavailable: ${r.reason}`);
  return out.join("\n");
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("tasks")
    .description("List the tasks with their sizes and length statistics.")
    .option("--tokenizer <dir>", `folder with tokenizer.json (default ${DEFAULT_TOKENIZER}/)`)
    .option("--json", "print JSON instead of a table")
    .option("--tasks-dir <dir>", "folder of task modules", "tasks")
    .option("--datasets <dir>", "folder of shipped datasets", "datasets")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  await assertInputFolder("--datasets", opts.datasets);
  let counter: TokenCounter = WHITESPACE_COUNTER;
  if (opts.tokenizer !== undefined) counter = await loadTokenCounter(opts.tokenizer);
  else if (await hasTokenizer(DEFAULT_TOKENIZER)) {
    counter = await loadTokenCounter(DEFAULT_TOKENIZER);
  }
  const registry = await loadRegistry(opts.tasksDir);
  const rows: TaskOverview[] = [];
  for (const task of registry.tasks) {
    rows.push(
      await taskOverview(task, { datasetsDir: opts.datasets, countTokens: counter.count }),
    );
  }
  if (opts.json) console.log(JSON.stringify({ tokenizer: counter.name, tasks: rows }, null, 2));
  else {
    console.log(
      table(
        rows,
        counter.name === WHITESPACE_COUNTER.name
          ? `whitespace words (no tokenizer.json in ${DEFAULT_TOKENIZER}/; pass --tokenizer DIR)`
          : counter.name,
      ),
    );
  }
  return 0;
}

runCli(import.meta, main);
