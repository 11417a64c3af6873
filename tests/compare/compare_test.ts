/** Compare's rules as fast-check properties, and the thresholds file. @module */
import fc from "fast-check";
import { assert, assertEquals, assertThrows } from "../results/_assert.ts";
import type { CellRecord, SampleRecord } from "../../src/core/record.ts";
import { sha256Text, summarize } from "../../src/results/mod.ts";
import {
  compareStores,
  DEFAULT_THRESHOLDS,
  type Finding,
  parseThresholds,
  sampleKey,
  speedCheck,
  speedVerdict,
  type StoreView,
} from "../../src/compare/mod.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { MEASURES } from "../../src/report/measures.ts";
import { makeCell, makeSample } from "../results/_fixtures.ts";

const T = DEFAULT_THRESHOLDS;

interface CellSpec {
  key: number;
  status: "ok" | "failed" | "timeout";
  ttft: number;
  scores: number[];
}

function build(run: number, specs: readonly CellSpec[]): StoreView {
  const runId = `202611${String(10 + run).padStart(2, "0")}T000000Z-m-${
    String(run).padStart(6, "0")
  }`;
  const at = `2026-11-${String(10 + run).padStart(2, "0")}T00:00:00.000Z`;
  const records: CellRecord[] = [];
  const samples = new Map<string, SampleRecord[]>();
  const seen = new Set<number>();
  for (const s of specs) {
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    const base = makeCell();
    const r = makeCell({
      runId,
      startedAt: at,
      finishedAt: at,
      cellKey: sha256Text(`k${s.key}`),
      status: s.status,
      quality: s.status === "ok" ? base.quality : null,
      efficiency: s.status === "ok"
        ? { ...base.efficiency!, ttftMs: summarize([s.ttft, s.ttft * 1.01]) }
        : null,
      error: s.status === "ok"
        ? null
        : { reason: "crash", message: "boom", stderrTail: "", attempts: 1 },
    });
    records.push(r);
    samples.set(
      sampleKey(r),
      s.scores.map((v, i) => ({
        ...makeSample(r.cellKey, i),
        prediction: `p${v}`,
        scores: { "squad.f1": v },
      })),
    );
  }
  return { records, samples };
}

const cellSpec = fc.record({
  key: fc.integer({ min: 0, max: 4 }),
  status: fc.constantFrom("ok", "ok", "ok", "failed", "timeout") as fc.Arbitrary<
    CellSpec["status"]
  >,
  ttft: fc.double({ min: 1, max: 1000, noNaN: true }),
  scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }),
});

function merged(...views: StoreView[]): StoreView {
  return {
    records: views.flatMap((v) => [...v.records]),
    samples: new Map(views.flatMap((v) => [...v.samples])),
  };
}

function pick(fs: readonly Finding[], verdict: string): string[] {
  return fs.filter((f) => (f.kind === "quality" || f.kind === "status") && f.verdict === verdict)
    .map((f) => `${f.kind}:${f.cellKey}`).sort();
}

Deno.test("compare property: a store against itself has no regression", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(cellSpec, { maxLength: 5 }), { minLength: 1, maxLength: 4 }),
      (runs) => {
        const store = merged(...runs.map((specs, i) => build(i, specs)));
        const r = compareStores(store, store, T);
        assertEquals(r.regressions, 0);
        assertEquals(r.suspicious, 0);
        assertEquals(r.notComparable.length, 0);
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("compare property: swapping baseline and contender swaps regressions and improvements", () => {
  fc.assert(
    fc.property(
      fc.array(cellSpec, { maxLength: 5 }),
      fc.array(cellSpec, { maxLength: 5 }),
      (a, b) => {
        const x = build(1, a), y = build(2, b);
        const xy = compareStores(x, y, T), yx = compareStores(y, x, T);
        assertEquals(pick(xy.findings, "regression"), pick(yx.findings, "improvement"));
        assertEquals(pick(xy.findings, "improvement"), pick(yx.findings, "regression"));
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("compare property: timings inside the thresholds never regress; two violations confirm, one is suspicious", () => {
  const ok = (i: number, ttft: number): CellRecord =>
    build(i, [{ key: 0, status: "ok", ttft, scores: [] }]).records[0]!;
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 10, max: 11, noNaN: true }), { minLength: 2, maxLength: 8 }),
      fc.double({ min: 1.4, max: 5, noNaN: true }),
      (noise, slow) => {
        const hist = noise.map((t, i) => ok(i, t));
        assertEquals(speedVerdict(hist, T).verdict, "unchanged");
        const once = [...hist, ok(20, 10.5 * slow)];
        assertEquals(speedVerdict(once, T).verdict, "suspicious");
        const twice = [...once, ok(21, 10.5 * slow)];
        assertEquals(speedVerdict(twice, T).verdict, "regression");
        assertEquals(
          speedVerdict([ok(0, 10), ok(1, 10 * slow)], { ...T, minHistory: 2 }).verdict,
          "insufficient data",
        );
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("compare: identical predictions count no changed output; a status drop is a regression", () => {
  const specs: CellSpec[] = [{ key: 1, status: "ok", ttft: 10, scores: Array(20).fill(50) }];
  const r = compareStores(build(1, specs), build(2, specs), T);
  const q = r.findings.find((f) => f.kind === "quality")!;
  assertEquals([q.verdict, q.changedOutputs], ["unchanged", 0]);
  const failed = compareStores(build(1, specs), build(2, [{ ...specs[0]!, status: "timeout" }]), T);
  assertEquals(failed.findings.map((f) => [f.kind, f.verdict]), [["status", "regression"]]);
  assert(failed.findings[0]!.detail.startsWith("ok -> timeout"));
});

/** A latency record of one cell in run `run` with the given peak memory. */
function latencyRun(run: number, peakRssMiB: number | null): CellRecord {
  const at = `2026-11-${String(10 + run).padStart(2, "0")}T00:00:00.000Z`;
  const base = makeCell();
  return makeCell({
    runId: `202611${String(10 + run).padStart(2, "0")}T000000Z-m-${String(run).padStart(6, "0")}`,
    startedAt: at,
    finishedAt: at,
    cellKey: sha256Text("latency"),
    settings: { ...base.settings, profile: "latency", batchSize: 1 },
    quality: null,
    efficiency: { ...base.efficiency!, peakRssMiB },
  });
}

Deno.test("compare: a peak memory of null on either side is no regression and no ratio", () => {
  const view = (r: CellRecord): StoreView => ({ records: [r], samples: new Map() });
  const speed = (base: number | null, cont: number | null) =>
    compareStores(view(latencyRun(1, base)), view(latencyRun(2, cont)), T).findings
      .find((f) => f.kind === "speed")!;
  // 4.5x the memory is over the limit when both sides measured it
  const both = speed(200, 900);
  assertEquals(both.verdict, "suspicious");
  assert(both.detail.startsWith("peak memory over the limit"), both.detail);
  for (const [base, cont] of [[null, 900], [200, null], [null, null]] as const) {
    const f = speed(base, cont);
    assertEquals(f.verdict, "unchanged", `${base} -> ${cont}`);
    assert(!("peak memory" in (f.ratios ?? {})), `${base} -> ${cont}: ${f.detail}`);
  }
  // the earlier runs that measured it are the reference
  const mixed = speedCheck(latencyRun(3, 210), [latencyRun(1, null), latencyRun(2, 200)], T);
  assertEquals([mixed.ratios["peak memory"], mixed.violated], [1.05, []]);
});

Deno.test("compare: the speed check has one ratio per measure, named as the gate names it", () => {
  const { ratios } = speedCheck(latencyRun(2, 200), [latencyRun(1, 200)], T);
  assertEquals(Object.keys(ratios), MEASURES.map((m) => m.gateName));
  assertEquals(Object.keys(ratios), ["ttft", "tpot", "throughput", "peak memory"]);
});

Deno.test("compare: a latency cell whose greedy tokens changed on the same key is a regression", () => {
  const view = (r: CellRecord): StoreView => ({ records: [r], samples: new Map() });
  const withDigests = (run: number, digests: string[] | undefined) => {
    const r = latencyRun(run, 100);
    return {
      ...r,
      efficiency: { ...r.efficiency!, ...(digests ? { outputDigests: digests } : {}) },
    };
  };
  const d = ["a", "b", "c"].map((x) => sha256Text(x));
  const outputs = (a: string[] | undefined, b: string[] | undefined) =>
    compareStores(view(withDigests(1, a)), view(withDigests(2, b)), T).findings
      .filter((f) => f.kind === "outputs");
  const changed = outputs(d, [d[0]!, sha256Text("x"), sha256Text("y")]);
  assertEquals(changed.map((f) => [f.verdict, f.changedOutputs]), [["regression", 2]]);
  assert(changed[0]!.detail.startsWith("greedy tokens differ on 2 of 3"), changed[0]!.detail);
  // same tokens, or a side without digests (older records): no finding
  assertEquals(outputs(d, d), []);
  assertEquals(outputs(undefined, d), []);
  assertEquals(outputs(d, undefined), []);
  // only the samples both recorded are compared
  assertEquals(outputs(d, d.slice(0, 2)), []);
});

Deno.test("thresholds file: defaults filled in; unknown keys and bad values name the field", () => {
  assertEquals(parseThresholds({ ttftRatioMax: 1.5 }, "t.json"), { ...T, ttftRatioMax: 1.5 });
  const cases: [unknown, RegExp][] = [
    [{ ttft: 1.2 }, /t\.json: field "ttft" = 1\.2: unknown key/],
    [{ throughputRatioMin: 2 }, /field "throughputRatioMin" = 2: must be a number in \[0, 1\]/],
    [{ window: 2.5 }, /field "window" = 2\.5: must be an integer/],
    [[1], /must be a JSON object/],
  ];
  for (const [v, re] of cases) {
    const e = assertThrows(() => parseThresholds(v, "t.json"), ConfigError);
    assert(re.test(e.message), e.message);
  }
});
