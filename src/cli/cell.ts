/**
 * The worker entry of `deno task eval`: runs cells one after another, each
 * named by a line `{"spec": FILE, "out": FILE}` on stdin, for one (model,
 * target): the model and its tokenizer load once and serve every cell.
 * Progress goes to stdout as JSON lines, then `{"event":"done","ok":...}`
 * once the outcome (or `{ "error": ... }`) is in its file. A crash, hang or
 * out-of-memory is detected by the parent. Exits when stdin closes (the
 * parent is gone, or has no more cells).
 *
 * Not meant to be run by hand: `src/scheduler/child.ts` starts it.
 *
 * @module
 */
import { loadModel } from "../engine/load_model.ts";
import type { LoadedModel, LoadOptions } from "../engine/types.ts";
import { loadSplit } from "../datasets/mod.ts";
import { createMetric, scoreCorpus } from "../metrics/mod.ts";
import { loadRegistry, postprocess, renderSample } from "../tasks/mod.ts";
import { peakRssMiB } from "../targets/mod.ts";
import type { WorkDone, WorkRequest } from "../scheduler/child.ts";
import { ownCpuMs } from "../scheduler/load.ts";
import { type CellDeps, runCell } from "../scheduler/run_cell.ts";
import type { CellSpec } from "../scheduler/spec.ts";

/** Wraps a model so that generate fails the way `fault` says (test hook). */
function injectFault(model: LoadedModel, fault: NonNullable<CellSpec["fault"]>): LoadedModel {
  const generate: LoadedModel["generate"] = (requests, options) => {
    switch (fault) {
      case "throw":
        return Promise.reject(new Error("injected fault: session.run failed (test hook)"));
      case "hang":
        // Block the event loop, as a hang inside native code would.
        for (;;) { /* hang */ }
      case "crash":
        console.error("injected fault: crashing (test hook)");
        Deno.exit(134);
        break;
      case "oom": {
        const hoard: number[][] = [];
        for (;;) hoard.push(new Array(1 << 20).fill(1.5));
      }
    }
    return model.generate(requests, options);
  };
  return Object.assign(Object.create(model) as LoadedModel, { generate });
}

/** The one model this worker keeps loaded, and what it was loaded with. */
let cached: { id: string; model: LoadedModel } | null = null;

async function cachedModel(
  dir: string,
  options: LoadOptions,
  fault: CellSpec["fault"],
): Promise<LoadedModel> {
  const id = JSON.stringify([dir, options, fault]);
  if (cached?.id === id) return cached.model;
  if (cached) await cached.model.dispose();
  cached = null;
  const loaded = await loadModel(dir, options);
  const model = fault ? injectFault(loaded, fault) : loaded;
  // runCell disposes its model when done; the cached one lives as long as the worker.
  const kept = Object.assign(Object.create(model) as LoadedModel, { dispose: async () => {} });
  cached = { id, model: kept };
  return kept;
}

const tasks = new Map<string, Awaited<ReturnType<typeof loadRegistry>>>();

function deps(spec: CellSpec): CellDeps {
  return {
    loadModel: (dir, options) => cachedModel(dir, options, spec.fault),
    loadTask: async (dir, id) => {
      const registry = tasks.get(dir) ?? await loadRegistry(dir);
      tasks.set(dir, registry);
      return registry.get(id);
    },
    loadSplit: (task, split, options) => loadSplit(task, split, options),
    render: (task, sample, pool) => renderSample(task, sample, pool),
    postprocess: (raw, task) =>
      postprocess(raw, { stop: task.generation.stop, steps: task.postprocess }),
    createMetric: (name, options) => createMetric(name, options),
    scoreCorpus: (metric, predictions, references, options) =>
      scoreCorpus(metric, predictions, references, options),
    peakRssMiB,
  };
}

const enc = new TextEncoder();

function say(line: unknown): void {
  Deno.stdout.writeSync(enc.encode(JSON.stringify(line) + "\n"));
}

async function serve(request: WorkRequest): Promise<void> {
  let last = 0;
  const progress = (phase: string, done: number, total: number): void => {
    const now = performance.now();
    if (done < total && now - last < 200) return;
    last = now;
    say({ event: "progress", phase, done, total, cpuMs: ownCpuMs() });
  };
  try {
    const spec = JSON.parse(await Deno.readTextFile(request.spec)) as CellSpec;
    const outcome = await runCell(spec, deps(spec), progress);
    await Deno.writeTextFile(`${request.out}.tmp`, JSON.stringify(outcome));
    await Deno.rename(`${request.out}.tmp`, request.out);
    say({ event: "done", ok: true, cpuMs: ownCpuMs() } satisfies WorkDone);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    say({ event: "done", ok: false, error: message } satisfies WorkDone);
  }
}

async function main(): Promise<void> {
  // One request per line, served in order. The parent holds stdin open: EOF means it is
  // done or gone, so the worker exits at once, even in the middle of a cell.
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let queue = Promise.resolve();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: "", done: true }));
    if (done) break;
    buf += value;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) queue = queue.then(() => serve(JSON.parse(line) as WorkRequest));
    }
  }
  Deno.exit(0);
}

if (import.meta.main) await main();
