import { assert, assertEquals } from "../results/_assert.ts";
import type { GenerateOptions, GenerateRequest } from "../../src/engine/types.ts";
import { fakeModel } from "./_fake_model.ts";
import {
  fitInput,
  KEEP_TAIL_TOKENS,
  sweepPass,
  syntheticIds,
  timedLoop,
  timingStats,
} from "../../src/scheduler/passes.ts";

Deno.test("the timed loop warms up, then runs batch 1 until both minimums are met", async () => {
  const calls: { requests: GenerateRequest[]; options: GenerateOptions }[] = [];
  const model = fakeModel("encoder-decoder", 512, calls);
  const results = await timedLoop(
    model,
    [{ text: "a" }, { text: "b" }, { text: "c" }],
    { maxNewTokens: 4 },
    { warmupRuns: 2, minRuns: 5, minDurationS: 0 },
    () => {},
  );
  assertEquals(results.length, 5);
  assertEquals(calls.length, 7);
  assert(calls.every((c) => c.requests.length === 1 && c.options.batchSize === 1));
  // Warm-up uses the first request; timed runs cycle through the subset.
  assertEquals(calls.map((c) => c.requests[0]!.text), ["a", "a", "a", "b", "c", "a", "b"]);
  const slow = await timedLoop(model, [{ text: "a" }], { maxNewTokens: 1 }, {
    warmupRuns: 0,
    minRuns: 1,
    minDurationS: 0.05,
  }, () => {});
  assert(slow.length > 1, "the minimum duration did not extend the loop");
});

Deno.test("timing stats skip missing TPOT values of one-token outputs", () => {
  const model = fakeModel("decoder-only", 512);
  return Promise.all([
    model.generate([{ text: "a" }], { maxNewTokens: 1 }),
    model.generate([{ text: "b" }], { maxNewTokens: 5 }),
  ]).then(([one, five]) => {
    const t = timingStats([...one!, ...five!]);
    assertEquals([t.ttftMs.n, t.tpotMs.n, t.outputTokens.mean], [2, 1, 3]);
    assertEquals(t.tpotMs.mean, 0.5);
  });
});

Deno.test("long inputs keep their head and last 16 tokens; decoder-only leaves room for the output", () => {
  const text = "h".repeat(100) + "t".repeat(KEEP_TAIL_TOKENS);
  const ed = fitInput(fakeModel("encoder-decoder", 64), text, 32);
  assert("inputIds" in ed);
  assertEquals(ed.inputIds.length, 64);
  assertEquals(String.fromCharCode(...ed.inputIds.slice(-KEEP_TAIL_TOKENS)), "t".repeat(16));
  const dec = fitInput(fakeModel("decoder-only", 64), text, 32);
  assert("inputIds" in dec);
  assertEquals(dec.inputIds.length, 32);
  const trained = fitInput(fakeModel("encoder-decoder", 512), text, 32, 50);
  assert("inputIds" in trained && trained.inputIds.length === 50);
  assertEquals(fitInput(fakeModel("encoder-decoder", 512), "short", 32), { text: "short" });
});

Deno.test("the sweep measures every length that fits, with the cache on and off", async () => {
  const calls: { requests: GenerateRequest[]; options: GenerateOptions }[] = [];
  const points = await sweepPass(
    fakeModel("decoder-only", 200, calls),
    { inputLengths: [64, 128, 256], outputLengths: [32, 100], kvCache: [true, false] },
    { warmupRuns: 1, minRuns: 2, minDurationS: 0 },
    () => {},
  );
  // 64+32, 64+100, 128+32 fit in 200 positions; 128+100 and 256 do not.
  assertEquals(points.map((p) => [p.inputTokens, p.outputTokens, p.kvCache]), [
    [64, 32, true],
    [64, 32, false],
    [64, 100, true],
    [64, 100, false],
    [128, 32, true],
    [128, 32, false],
  ]);
  assert(calls.every((c) => c.options.ignoreEos === true));
  assert(
    calls.every((c) =>
      c.requests[0]!.inputIds!.length === 64 || c.requests[0]!.inputIds!.length === 128
    ),
  );
  assertEquals(syntheticIds(fakeModel("encoder-decoder", 9999), 1000).length, 1000);
});
