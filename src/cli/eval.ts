/**
 * `deno task eval [flags]`: scores every shipped model on every built-in task
 * on every available target (quality and efficiency on the same model files),
 * resumably, in worker subprocesses (one per model and target), and appends
 * the results to `leaderboard/results/`; cells are claimed, so two evals on
 * one store run each cell once. See docs/method.md.
 *
 * `deno task eval` runs it through `src/cli/launch.ts`, which grants write
 * access to exactly the `--out` folder and this user's temp folder
 * (`<TMPDIR or /tmp>/encoder-bench-<uid>`, see `src/scheduler/tmp_root.ts`).
 *
 * Exit codes: 0 every planned cell is ok (or was already done); 1 the run
 * finished but some cells failed or timed out (they are recorded), or a lock
 * wait passed `--lock-timeout` (nothing recorded, the run stopped); 2 bad
 * flags, a malformed model, task, target or dataset config, or a temp folder
 * that is not safe to use (nothing is written); 130 / 143 interrupted by
 * SIGINT / SIGTERM.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { Option } from "commander";
import { refusalLine, UsageError } from "./_errors.ts";
import {
  assertInputFolder,
  assertOutputFolder,
  choiceListFlag,
  integerFlag,
  integerListFlag,
  listFlag,
  repeatFlag,
  secondsFlag,
} from "./_flags.ts";
import { RESULTS_DIR } from "./_grants.ts";
import { DEFAULT_LOCK_TIMEOUT_S } from "../core/time_limits.ts";
import { DTYPE_SUFFIX } from "../core/dtype.ts";
import { runCli } from "./_run.ts";
import { newRunId } from "../results/run_id.ts";
import { RunWriter } from "../results/writer.ts";
import { denoCommand, killWorkersSync } from "../scheduler/child.ts";
import { Claims } from "../scheduler/claims.ts";
import { Machine } from "../scheduler/machine.ts";
import { thisOwner } from "../scheduler/owner.ts";
import { makeEvalTmpDir, removeStaleTmpDirs } from "../scheduler/tmp_dirs.ts";
import { benchTmpRoot, ensureBenchTmpRoot } from "../scheduler/tmp_root.ts";
import { preparePlan } from "../scheduler/prepare.ts";
import { createReporter, progressMode } from "../scheduler/progress.ts";
import { runPlan } from "../scheduler/run.ts";
import { PROFILE_CHOICES, profilesOf, QUICK_LIMIT } from "../scheduler/settings.ts";
import { DEFAULT_SETTINGS, SHAPE_SWEEP, type ShapeGrid } from "../core/run_settings.ts";
import { DEFAULT_SHAPE_CATALOG } from "../catalog/mod.ts";
import type { CellSpec } from "../scheduler/spec.ts";
import { environment } from "../targets/mod.ts";

function faults(): Map<string, NonNullable<CellSpec["fault"]>> {
  const raw = Deno.env.get("ENCODER_BENCH_FAULTS");
  const out = new Map<string, NonNullable<CellSpec["fault"]>>();
  if (!raw) return out;
  for (const part of raw.split(",")) {
    const [model, fault] = part.split("=");
    if (model && (fault === "throw" || fault === "hang" || fault === "crash" || fault === "oom")) {
      out.set(model, fault);
    }
  }
  return out;
}

/** The shape flags as given (commander's parsed values). */
interface ShapeFlags {
  readonly shapes?: string[];
  readonly shapesCatalog: string;
  readonly shapeInputs?: number[];
  readonly shapeNewTokens?: number[];
  readonly shapeCache?: ("on" | "off")[];
  readonly shapeBatch?: number[];
  readonly shapeSweep?: true;
}

/** The grid flags, by option name (the names `getOptionValueSource` takes). */
const GRID_FLAGS = {
  shapeInputs: "--shape-inputs",
  shapeNewTokens: "--shape-new-tokens",
  shapeCache: "--shape-cache",
  shapeBatch: "--shape-batch",
  shapeSweep: "--shape-sweep",
  shapesCatalog: "--shapes-catalog",
} as const;

/**
 * The shapes to time and their grid: the defaults, each grid flag replacing its axis, or the
 * full sweep. A grid flag without `--shapes`, or `--shape-sweep` with another grid flag, is a
 * usage error.
 */
function shapeSelection(
  o: ShapeFlags,
  given: (name: string) => boolean,
): { catalog: string; ids: string[]; grid: ShapeGrid } | undefined {
  const used = Object.entries(GRID_FLAGS).filter(([name]) => given(name)).map(([, f]) => f);
  if (o.shapes === undefined) {
    if (used.length > 0) throw new UsageError(`${used[0]} needs --shapes`);
    return undefined;
  }
  if (o.shapeSweep && used.some((f) => f !== "--shape-sweep" && f !== "--shapes-catalog")) {
    throw new UsageError(
      `--shape-sweep is the whole grid: leave out ${
        used.find((f) => f !== "--shape-sweep" && f !== "--shapes-catalog")
      }`,
    );
  }
  const d = o.shapeSweep ? SHAPE_SWEEP : DEFAULT_SETTINGS.shapes;
  return {
    catalog: o.shapesCatalog,
    ids: o.shapes,
    grid: {
      inputTokens: o.shapeInputs ?? d.inputTokens,
      newTokens: o.shapeNewTokens ?? d.newTokens,
      kvCache: o.shapeCache?.map((c) => c === "on") ?? d.kvCache,
      batchSize: o.shapeBatch ?? d.batchSize,
    },
  };
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("eval")
    .description("Evaluate models x tasks x targets into the results store (resumable).")
    .option(
      "--models <ids>",
      "model ids or globs, comma-separated (default: all, plus the reference systems ref-*)",
      listFlag,
    )
    .option(
      "--no-references",
      "leave out the reference systems (ref-copy, ref-unanswerable, ref-lead)",
    )
    .option(
      "--models-dir <dir>",
      "folder of model folders, or one model folder (repeatable)",
      repeatFlag,
    )
    .addOption(
      new Option(
        "--dtype <name>",
        "ONNX variant of every model (transformers.js file suffixes; default: a card's, else fp32)",
      ).choices(Object.keys(DTYPE_SUFFIX)),
    )
    .option("--tasks <ids>", "task ids or globs (default: every task with data here)", listFlag)
    .option("--tasks-dir <dir>", "folder of task modules", "tasks")
    .option("--datasets-dir <dir>", "folder of shipped datasets", "datasets")
    .option("--targets <ids>", "target ids or globs (default: every available target)", listFlag)
    .option("--targets-file <file>", "JSON file of extra targets")
    .option(
      "--limit <n>",
      "quality samples per (model, task); 0 = whole split (default: the whole test split)",
      integerFlag(0),
    )
    .option("--quick", `smoke run: ${QUICK_LIMIT} quality samples per (model, task)`)
    .option(
      "--workers <n>",
      "quality cells side by side on the CPU, one intra-op thread each (default: cores)",
      integerFlag(1),
    )
    .option(
      "--batch-size <n>",
      `quality pass batch size (default ${DEFAULT_SETTINGS.batchSize})`,
      integerFlag(1),
    )
    .option("--out <dir>", "results folder", RESULTS_DIR)
    .option("--timeout <s>", "time limit per cell attempt, seconds", secondsFlag(), 300)
    .option(
      "--lock-timeout <s>",
      "give up (exit 1, nothing recorded) after waiting this long for a device, claims or store lock",
      secondsFlag(),
      DEFAULT_LOCK_TIMEOUT_S,
    )
    .option(
      "--retries <n>",
      "extra attempts after a crash, timeout or out-of-memory",
      integerFlag(0),
      1,
    )
    .addOption(
      new Option("--profile <name>", "what to measure: default = quality + latency")
        .choices(PROFILE_CHOICES).default("default" as const),
    )
    .option(
      "--shapes <ids>",
      "time these shapes (ids or globs; built with deno task shapes build); alone, only them",
      listFlag,
    )
    .option("--shapes-catalog <file>", "the shape catalog", DEFAULT_SHAPE_CATALOG)
    .option(
      "--shape-inputs <n,...>",
      `shapes: input lengths in tokens (default ${DEFAULT_SETTINGS.shapes.inputTokens.join(",")})`,
      integerListFlag(1),
    )
    .option(
      "--shape-new-tokens <n,...>",
      `shapes: new tokens, exactly (default ${DEFAULT_SETTINGS.shapes.newTokens.join(",")})`,
      integerListFlag(1),
    )
    .option(
      "--shape-cache <on,off>",
      "shapes: KV cache on, off (recompute the prefix every step) or both (default on)",
      choiceListFlag(["on", "off"] as const),
    )
    .option(
      "--shape-batch <n,...>",
      `shapes: rows per batch (default ${DEFAULT_SETTINGS.shapes.batchSize.join(",")})`,
      integerListFlag(1),
    )
    .option(
      "--shape-sweep",
      `shapes: the full grid (inputs ${SHAPE_SWEEP.inputTokens.join(",")}; new tokens ${
        SHAPE_SWEEP.newTokens.join(",")
      }; cache on,off; batch ${SHAPE_SWEEP.batchSize.join(",")})`,
    )
    .option("--fresh", "rerun cells that are already in the store")
    .option("--dry-run", "print the plan and the estimated time; run nothing")
    .option("--json", "print machine-readable events (JSON lines)")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  await assertOutputFolder("--out", opts.out);
  for (const dir of opts.modelsDir ?? []) await assertInputFolder("--models-dir", dir);
  if (program.getOptionValueSource("datasetsDir") === "cli") {
    await assertInputFolder("--datasets-dir", opts.datasetsDir);
  }
  const env = await environment();
  const settings = {
    ...DEFAULT_SETTINGS,
    ...(opts.quick ? { limit: QUICK_LIMIT } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit === 0 ? null : opts.limit } : {}),
    ...(opts.batchSize !== undefined ? { batchSize: opts.batchSize } : {}),
  };
  const shapes = shapeSelection(opts, (name) => program.getOptionValueSource(name) === "cli");
  const prepared = await preparePlan({
    modelRoots: opts.modelsDir ?? ["models"],
    ...(opts.models ? { models: opts.models } : {}),
    ...(opts.dtype ? { dtype: opts.dtype } : {}),
    references: opts.references !== false,
    tasksDir: opts.tasksDir,
    ...(opts.tasks ? { tasks: opts.tasks } : {}),
    datasetsDir: opts.datasetsDir,
    ...(opts.targets ? { targets: opts.targets } : {}),
    ...(opts.targetsFile ? { targetsFile: opts.targetsFile } : {}),
    profiles: profilesOf(opts.profile),
    settings,
    environment: env,
    ...(shapes ? { shapes } : {}),
  });
  const workers = opts.workers ?? Math.max(1, env.cores);
  const injected = faults();
  const plan = prepared.plan.map((c) => {
    const fault = injected.get(c.spec.model.id);
    return fault ? { ...c, spec: { ...c.spec, fault } } : c;
  });
  const mode = progressMode(opts.json === true);
  const say = (text: string): void => {
    if (mode === "json") console.log(JSON.stringify({ event: "note", message: text }));
    else console.log(text);
  };
  for (const note of prepared.notes) say(note);
  if (opts.dryRun) {
    const { dryRun } = await import("../scheduler/dry_run.ts");
    const text = await dryRun(plan, opts.out, mode === "json", workers);
    console.log(text);
    return 0;
  }
  const deno = denoCommand();
  if (Deno.permissions.querySync({ name: "run", command: deno }).state !== "granted") {
    throw new UsageError(`eval runs each cell with ${deno}: it needs --allow-run=deno`);
  }
  // Every refusal comes before the first write.
  const tmpRoot = benchTmpRoot();
  if (Deno.permissions.querySync({ name: "write", path: tmpRoot }).state !== "granted") {
    throw new UsageError(refusalLine("write", `the temp folder ${tmpRoot}`));
  }
  ensureBenchTmpRoot(tmpRoot);
  await Deno.mkdir(opts.out, { recursive: true });
  const owner = thisOwner();
  const warn = (m: string): void => console.error(`warning: ${m}`);
  const lockTimeoutMs = opts.lockTimeout * 1000;
  const machine = new Machine(owner, { root: tmpRoot, lockTimeoutMs, onWait: warn });
  for (const dir of await removeStaleTmpDirs(tmpRoot)) say(`removed ${dir} (its eval is gone)`);
  const tmpDir = await makeEvalTmpDir(owner, tmpRoot);
  const claims = new Claims(opts.out, owner, { lockTimeoutMs, onWait: warn });
  // On SIGINT / SIGTERM or a lock wait given up: stop the workers, give back the claims, leave
  // no temp folder.
  const cleanupSync = (): void => {
    killWorkersSync();
    claims.releaseAllSync();
    tmpDir.removeSync();
  };
  const onSignal = { SIGINT: () => exitOn(130), SIGTERM: () => exitOn(143) };
  const exitOn = (code: number): never => {
    cleanupSync();
    Deno.exit(code);
  };
  Deno.addSignalListener("SIGINT", onSignal.SIGINT);
  Deno.addSignalListener("SIGTERM", onSignal.SIGTERM);
  const reporter = createReporter(mode);
  try {
    const summary = await runPlan(plan, {
      store: opts.out,
      writer: new RunWriter(opts.out, newRunId(new Date(), env.hostname), {
        lockTimeoutMs,
        onLockWait: warn,
      }),
      environment: env,
      tmpDir: tmpDir.path,
      timeoutS: opts.timeout,
      retries: opts.retries,
      fresh: opts.fresh === true,
      onEvent: reporter.sink,
      onWarning: warn,
      claims,
      machine,
      qualityWorkers: workers,
    });
    return summary.failed + summary.timeout > 0 ? 1 : 0;
  } finally {
    reporter.close();
    Deno.removeSignalListener("SIGINT", onSignal.SIGINT);
    Deno.removeSignalListener("SIGTERM", onSignal.SIGTERM);
    cleanupSync();
  }
}

runCli(import.meta, main);
