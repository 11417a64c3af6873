/**
 * Shape cells: the seeded random input, the batched timed loop, the plan (one cell per target
 * and grid point that fits, every setting in the key) and `runCell` (efficiency only, fixed
 * length, the model loaded without a tokenizer).
 */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import type { GenerateOptions, GenerateRequest, LoadOptions } from "../../src/engine/types.ts";
import { shapeInputIds, timedLoop } from "../../src/scheduler/passes.ts";
import { buildPlan } from "../../src/scheduler/plan.ts";
import { runCell } from "../../src/scheduler/run_cell.ts";
import { DEFAULT_SETTINGS, SHAPE_SWEEP, shapePoints } from "../../src/core/run_settings.ts";
import { sha256Text } from "../../src/results/mod.ts";
import { boardIdentity } from "../../src/results/select.ts";
import { makeCell } from "../results/_fixtures.ts";
import { fakeModel } from "./_fake_model.ts";
import { fakeDeps, fakeSpec } from "./_fake_deps.ts";

const cell = makeCell();

Deno.test("a shape's input: seeded ids in the vocabulary, one per (seed, length)", () => {
  const a = shapeInputIds(64, 100, 0);
  assertEquals(a.length, 64);
  assert(a.every((id) => Number.isInteger(id) && id >= 0 && id < 100));
  assertEquals(shapeInputIds(64, 100, 0), a);
  assert(new Set(a).size > 30, "ids spread over the vocabulary");
  assert(shapeInputIds(64, 100, 1).join() !== a.join(), "the seed changes the input");
  assert(shapeInputIds(65, 100, 0).slice(0, 64).join() !== a.join(), "each length its own draw");
});

Deno.test("the timed loop runs batches of batchSize requests; runs, not rows, count", async () => {
  const calls: { requests: GenerateRequest[]; options: GenerateOptions }[] = [];
  const model = fakeModel("decoder-only", 512, calls);
  const requests = [{ inputIds: [1] }, { inputIds: [2] }];
  const rules = { warmupRuns: 1, minRuns: 2, minDurationS: 0 };
  const out = await timedLoop(model, requests, { maxNewTokens: 3, batchSize: 3 }, rules, () => {});
  assertEquals(calls.map((c) => c.requests.map((r) => r.inputIds![0])), [
    [1, 2, 1], // warm-up
    [1, 2, 1],
    [2, 1, 2],
  ]);
  assert(calls.every((c) => c.options.batchSize === 3));
  assertEquals(out.length, 6);
  // Without batchSize: batch 1, one request per run, as the latency pass has always run.
  calls.length = 0;
  await timedLoop(model, requests, { maxNewTokens: 3 }, rules, () => {});
  assertEquals(calls.map((c) => c.requests.length), [1, 1, 1]);
});

/** A shape as the plan sees it: role `shape`, positions from its config. */
function shapeModel(
  id: string,
  architecture: "decoder-only" | "encoder-decoder",
  positions: number,
) {
  const info = { ...cell.model, id, architecture, role: "shape" as const, sha256: sha256Text(id) };
  return { entry: { id, dir: `/shapes/${id}`, info, positions }, info };
}

Deno.test("the plan: one shape cell per target and grid point that fits, settings in the key", () => {
  const targets = [cell.target, { ...cell.target, id: "cpu-1t" }].map((t) => ({
    ...t,
    session: {},
  }));
  const notes: string[] = [];
  const plan = buildPlan({
    models: [shapeModel("dec", "decoder-only", 1100), shapeModel("ed", "encoder-decoder", 1024)],
    tasks: [],
    targets,
    profiles: ["quality", "latency", "sweep"],
    settings: { ...DEFAULT_SETTINGS, shapes: SHAPE_SWEEP },
    environment: cell.environment,
    datasetsDir: "/d",
    onNote: (m) => notes.push(m),
  });
  const points = shapePoints(SHAPE_SWEEP).length; // 5 x 2 x 2 x 2 = 40
  assertEquals(points, 40);
  // dec: 1024 + 128 > 1100 leaves out 1024+128 at each cache and batch (4 points).
  assertEquals(plan.length, (points - 4 + points) * 2);
  assertEquals(notes.length, 4);
  assert(notes[0]!.includes("shape dec: 1024+128 cache on b1 skipped"), notes[0]);
  assert(plan.every((c) => c.spec.settings.profile === "shape" && c.spec.task === null));
  assertEquals(new Set(plan.map((c) => c.key)).size, plan.length);
  const first = plan[0]!;
  assertEquals(first.label, "dec / 64+32 cache on b1 / cpu [shape]");
  assertEquals(
    [
      first.spec.settings.inputTokens,
      first.spec.settings.maxNewTokens,
      first.spec.settings.batchSize,
    ],
    [64, 32, 1],
  );
  // The board keeps every point of a shape apart on one target, as the key does.
  const ed = plan.filter((c) => c.spec.model.id === "ed" && c.spec.target.id === "cpu");
  const ids = ed.map((c) =>
    boardIdentity({ ...cell, model: c.spec.model, settings: c.spec.settings })
  );
  assertEquals([ed.length, new Set(ids).size], [points, points]);
});

Deno.test("runCell: a shape cell is fixed-length, fed ids, efficiency only", async () => {
  const calls: { requests: GenerateRequest[]; options: GenerateOptions }[] = [];
  const loads: LoadOptions[] = [];
  const model = fakeModel("decoder-only", 4096, calls);
  const deps = fakeDeps({
    loadModel: (_dir, options) => {
      loads.push(options);
      return Promise.resolve(model);
    },
    loadTask: () => Promise.reject(new Error("a shape loads no task")),
  });
  const spec = fakeSpec("latency", {
    spec: { model: { ...cell.model, role: "shape", architecture: "decoder-only" }, task: null },
    settings: {
      profile: "shape",
      inputTokens: 40,
      maxNewTokens: 6,
      batchSize: 8,
      kvCache: false,
      limit: null,
      latency: { warmupRuns: 1, minRuns: 3, minDurationS: 0 },
    },
  });
  const outcome = await runCell(spec, deps);
  assertEquals(loads[0]!.idsOnly, true);
  assertEquals([outcome.quality, outcome.sweep, outcome.samples], [null, null, []]);
  const e = outcome.efficiency!;
  assertEquals([e.ttftMs.n, e.outputTokens.mean, e.inputTokens.mean, e.warmupRuns], [24, 6, 40, 1]);
  // 8 rows of 6 tokens per run, each run's batch taking 2 ms (the fake's batchMs).
  assertEquals(e.generatedTokensPerS, (8 * 6) / 0.002);
  assertEquals(e.outputDigests?.length, 1);
  assertEquals(calls.length, 4);
  for (const c of calls) {
    assertEquals(c.requests.length, 8);
    assert(c.requests.every((r) => r.inputIds?.length === 40 && r.text === undefined));
    assertEquals(c.requests[0]!.inputIds, shapeInputIds(40, 256, spec.settings.seed));
    assertEquals(
      [c.options.exactNewTokens, c.options.kvCache, c.options.batchSize, c.options.maxNewTokens],
      [true, false, 8, 6],
    );
  }
  // A shape runs nothing but shape cells.
  const latency = fakeSpec("latency", { spec: { model: { ...cell.model, role: "shape" } } });
  await assertRejects(() => runCell(latency, deps), Error);
});
