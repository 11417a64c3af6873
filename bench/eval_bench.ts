/**
 * `deno task bench eval`: the quality pass's speed per lever, and the default
 * suite's wall time.
 *
 * 1. Levers, on whole splits of a subset (eb-dec-base and eb-ed23-base x
 *    summarize and write, quality only), each row adding one lever to the
 *    one before: today's path (one process per cell, the target's threads,
 *    sorted by characters within windows of four batches), + whole-split
 *    grouping by token length, + worker reuse per (model, target), + quality
 *    workers side by side (one per core, one thread each, longest first).
 *    Prints examples/s and the speed-up over today's path, and checks that
 *    every configuration gives the same greedy predictions.
 *    `EVAL_BENCH_MODELS`, `EVAL_BENCH_TASKS` and `EVAL_BENCH_LIMIT` shrink the
 *    subset (for a loaded machine).
 * 2. The default suite (every shipped model x every task on whole splits,
 *    quality + latency on `cpu` and `cpu-1t`) with every lever, wall time;
 *    with `EVAL_BENCH_BASELINE=1` also today's path. `EVAL_BENCH_SUITE=0`
 *    skips the suite (the levers alone take a few minutes).
 *
 * Everything is written to a temporary store, removed afterwards. Run it on
 * an idle machine: the timings are wall times.
 *
 * @module
 */
import type { CellRecord } from "../src/core/record.ts";
import { readSamplesOf, readStore } from "../src/results/reader.ts";
import { newRunId } from "../src/results/run_id.ts";
import { RunWriter } from "../src/results/writer.ts";
import { preparePlan } from "../src/scheduler/prepare.ts";
import { runPlan, type RunPlanOptions } from "../src/scheduler/run.ts";
import { type Profile } from "../src/scheduler/settings.ts";
import { DEFAULT_SETTINGS } from "../src/core/run_settings.ts";
import { environment } from "../src/targets/mod.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const list = (name: string, fallback: string[]): string[] =>
  Deno.env.get(name)?.split(",").filter(Boolean) ?? fallback;
const SUBSET_MODELS = list("EVAL_BENCH_MODELS", ["eb-dec-base", "eb-ed23-base"]);
const SUBSET_TASKS = list("EVAL_BENCH_TASKS", ["summarize", "write"]);
/** Samples per lever cell (whole splits unless `EVAL_BENCH_LIMIT` is set, for a loaded machine). */
const LIMIT = Deno.env.get("EVAL_BENCH_LIMIT") ? Number(Deno.env.get("EVAL_BENCH_LIMIT")) : null;

interface Lever {
  readonly name: string;
  readonly options: Pick<RunPlanOptions, "grouping" | "reuseWorkers" | "qualityWorkers">;
}

async function run(
  lever: Lever,
  scope: {
    models?: string[];
    tasks?: string[];
    targets: string[];
    profiles: Profile[];
    limit?: number | null;
  },
): Promise<{ wallS: number; examples: number; store: string; cells: CellRecord[] }> {
  const env = await environment();
  const prepared = await preparePlan({
    modelRoots: [`${ROOT}/models`],
    ...(scope.models ? { models: scope.models } : {}),
    tasksDir: `${ROOT}/tasks`,
    ...(scope.tasks ? { tasks: scope.tasks } : {}),
    datasetsDir: `${ROOT}/datasets`,
    targets: scope.targets,
    profiles: scope.profiles,
    settings: { ...DEFAULT_SETTINGS, limit: scope.limit ?? DEFAULT_SETTINGS.limit },
    environment: env,
  });
  const store = await Deno.makeTempDir({ prefix: "eval-bench-" });
  const tmpDir = await Deno.makeTempDir({ prefix: "eval-bench-tmp-" });
  const t0 = performance.now();
  const summary = await runPlan(prepared.plan, {
    store,
    writer: new RunWriter(store, newRunId(new Date(), env.hostname)),
    environment: env,
    tmpDir,
    timeoutS: 1800,
    retries: 0,
    fresh: true,
    onEvent: () => {},
    ...lever.options,
  });
  const wallS = (performance.now() - t0) / 1000;
  await Deno.remove(tmpDir, { recursive: true }).catch(() => {});
  if (summary.failed + summary.timeout > 0) {
    throw new Error(`${lever.name}: ${summary.failed + summary.timeout} cells failed`);
  }
  const cells = (await readStore(store)).cells;
  const examples = cells.reduce((s, c) => s + (c.quality?.n ?? 0), 0);
  return { wallS, examples, store, cells };
}

async function predictions(store: string, cells: CellRecord[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const samples of (await readSamplesOf(store, cells)).values()) {
    for (const s of samples) out.set(`${s.cellKey}/${s.sampleId}`, s.prediction);
  }
  return out;
}

const TODAY: Lever = {
  name: "today: one process per cell, target threads, window grouping",
  options: { grouping: "window", reuseWorkers: false, qualityWorkers: 1 },
};

/** Runs the benchmark and prints its tables. */
export default async function evalBench(): Promise<void> {
  const cores = navigator.hardwareConcurrency || 1;
  const levers: Lever[] = [
    TODAY,
    {
      name: "+ whole-split grouping by tokens",
      options: { grouping: "split", reuseWorkers: false, qualityWorkers: 1 },
    },
    {
      name: "+ worker reuse per (model, target)",
      options: { grouping: "split", reuseWorkers: true, qualityWorkers: 1 },
    },
    {
      name: `+ ${cores} one-thread workers side by side`,
      options: { grouping: "split", reuseWorkers: true, qualityWorkers: cores },
    },
  ];
  console.log(
    `Quality pass, ${LIMIT === null ? "whole splits" : `${LIMIT} samples`} of ` +
      `${SUBSET_MODELS.join(", ")} x ${SUBSET_TASKS.join(", ")}` +
      ` (cpu, ${cores} cores, load average ${Deno.loadavg()[0]?.toFixed(2)} at start)\n`,
  );
  console.log("| lever | wall s | examples/s | vs today | predictions as today |");
  console.log("| --- | ---: | ---: | ---: | --- |");
  let base: { eps: number; preds: Map<string, string> } | null = null;
  for (const lever of levers) {
    const r = await run(lever, {
      models: SUBSET_MODELS,
      tasks: SUBSET_TASKS,
      targets: ["cpu"],
      profiles: ["quality"],
      limit: LIMIT,
    });
    const eps = r.examples / r.wallS;
    const preds = await predictions(r.store, r.cells);
    base ??= { eps, preds };
    const same = [...base.preds].filter(([k, v]) => preds.get(k) === v).length;
    console.log(
      `| ${lever.name} | ${r.wallS.toFixed(1)} | ${eps.toFixed(2)} | ` +
        `${(eps / base.eps).toFixed(2)}x | ${same}/${base.preds.size} |`,
    );
    await Deno.remove(r.store, { recursive: true });
  }
  if (Deno.env.get("EVAL_BENCH_SUITE") === "0") return;
  console.log(`\nDefault suite: every shipped model x task, whole splits, quality + latency\n`);
  console.log("| path | wall s | quality examples | cells |");
  console.log("| --- | ---: | ---: | ---: |");
  const suite = [levers[levers.length - 1]!];
  if (Deno.env.get("EVAL_BENCH_BASELINE") === "1") suite.push(TODAY);
  for (const lever of suite) {
    const r = await run(lever, { targets: ["cpu", "cpu-1t"], profiles: ["quality", "latency"] });
    console.log(
      `| ${lever === TODAY ? "today" : "every lever"} | ${r.wallS.toFixed(1)} | ${r.examples} | ` +
        `${r.cells.length} |`,
    );
    await Deno.remove(r.store, { recursive: true });
  }
}
