/**
 * The child entry of `deno task eval`: runs ONE cell, described by a spec file,
 * and writes its outcome to a file. Progress goes to stdout as JSON lines.
 * Exits 0 on success, 3 after writing `{ "error": ... }` on a caught failure;
 * a crash, hang or out-of-memory is detected by the parent. Exits when its
 * stdin closes (the parent is gone).
 *
 * Not meant to be run by hand: `src/scheduler/child.ts` starts it.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { loadModel } from "../engine/load_model.ts";
import type { LoadedModel } from "../engine/types.ts";
import { loadSplit } from "../datasets/mod.ts";
import { createMetric, scoreCorpus } from "../metrics/mod.ts";
import { loadRegistry, postprocess, renderSample } from "../tasks/mod.ts";
import { peakRssMiB } from "../targets/mod.ts";
import { CHILD_ERROR_EXIT } from "../scheduler/child.ts";
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

function watchParent(): void {
  // The parent holds our stdin open; EOF means it is gone.
  (async () => {
    const buf = new Uint8Array(64);
    try {
      while ((await Deno.stdin.read(buf)) !== null) { /* ignore input */ }
    } catch { /* stdin closed */ }
    Deno.exit(1);
  })();
}

async function main(): Promise<void> {
  const program = newCommand("cell")
    .requiredOption("--spec <file>", "cell spec (JSON)")
    .requiredOption("--out <file>", "where to write the outcome (JSON)");
  program.parse(Deno.args, { from: "user" });
  const { spec: specPath, out } = program.opts();
  watchParent();
  const spec = JSON.parse(await Deno.readTextFile(specPath)) as CellSpec;
  const tasks = new Map<string, Awaited<ReturnType<typeof loadRegistry>>>();
  const deps: CellDeps = {
    loadModel: async (dir, options) => {
      const model = await loadModel(dir, options);
      return spec.fault ? injectFault(model, spec.fault) : model;
    },
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
  const enc = new TextEncoder();
  let last = 0;
  const progress = (phase: string, done: number, total: number): void => {
    const now = performance.now();
    if (done < total && now - last < 200) return;
    last = now;
    Deno.stdout.writeSync(
      enc.encode(JSON.stringify({ event: "progress", phase, done, total }) + "\n"),
    );
  };
  try {
    const outcome = await runCell(spec, deps, progress);
    await Deno.writeTextFile(`${out}.tmp`, JSON.stringify(outcome));
    await Deno.rename(`${out}.tmp`, out);
    Deno.exit(0);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    await Deno.writeTextFile(out, JSON.stringify({ error: message }));
    Deno.exit(CHILD_ERROR_EXIT);
  }
}

if (import.meta.main) await main();
