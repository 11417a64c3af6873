import { assert, assertAlmost, assertEquals } from "./_assert.ts";
import {
  buildReport,
  meanInterval,
  paperRatio,
  ratioInterval,
  SHAPE_PAIRS,
  shapeReport,
} from "../../src/report/mod.ts";
import { latency, model, shapeCell, stat } from "./_records.ts";

const ED = "encoder-decoder" as const;
const DEC = "decoder-only" as const;

Deno.test("SHAPE_PAIRS names the issue's pairs by catalog id, encoder-decoder first", () => {
  assertEquals(SHAPE_PAIRS.map((p) => `${p.encDec}/${p.decOnly}`), [
    "mu/mu-twin",
    "mu/qwen2.5-0.5b",
    "flan-t5-small/smollm2-135m",
    "flan-t5-small/gpt2",
    "flan-t5-base/smollm2-360m",
  ]);
});

Deno.test("ratioInterval: the ratio of means, its interval from each meanInterval on the log scale", () => {
  const a = stat(100, 10, 4), b = stat(200, 40, 9);
  const r = ratioInterval(a, b);
  const ha = (meanInterval(a).high - 100) / 100, hb = (meanInterval(b).high - 200) / 200;
  assertAlmost(r.value, 0.5);
  assertAlmost(Math.log(r.high / r.value), Math.hypot(ha, hb));
  assertAlmost(Math.log(r.value / r.low), Math.hypot(ha, hb));
  // No spread (or a single run): the interval is the point.
  assertEquals(ratioInterval(stat(3, 0, 5), stat(6, 0, 5)), { value: 0.5, low: 0.5, high: 0.5 });
  assertEquals(ratioInterval(stat(3, 1, 1), stat(6, 2, 1)), { value: 0.5, low: 0.5, high: 0.5 });
});

Deno.test("paperRatio: Table 2's enc-dec over dec-only per device class, null for another", () => {
  const cpu = paperRatio("cpu")!;
  assertEquals(cpu.platform, "CPU");
  assertAlmost(cpu.ttft, 0.71, 0.005);
  assertAlmost(cpu.throughput, 3.8, 0.05);
  const npu = paperRatio("npu")!;
  assertAlmost(npu.ttft, 0.53, 0.005); // the abstract's "47% lower"
  assertAlmost(npu.throughput, 4.7, 0.05); // and "4.7x"
  assertAlmost(paperRatio("gpu")!.ttft, 86 / 149);
  assertEquals(paperRatio("tpu"), null);
});

Deno.test("shapeReport: ratios with intervals per place, the paper beside its own device class", () => {
  const recs = [
    shapeCell("mu", { arch: ED, ttft: 80, tps: 40, sd: 8, n: 4, params: 332_042_240 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 100, tps: 10, sd: 5, n: 3, params: 329_793_792 }),
    shapeCell("mu", { arch: ED, ttft: 30, tps: 60, target: "npu", device: "npu" }),
    shapeCell("mu-twin", { arch: DEC, ttft: 60, tps: 12, target: "npu", device: "npu" }),
    shapeCell("mu", { arch: ED, ttft: 10, tps: 90, target: "cuda", device: "gpu" }),
    shapeCell("mu-twin", { arch: DEC, ttft: 20, tps: 30, target: "cuda", device: "gpu" }),
  ];
  const { ratios, unpaired } = shapeReport(recs);
  assertEquals(unpaired, []);
  assertEquals(ratios.map((r) => `${r.targetId}:${r.encDec.modelId}/${r.decOnly.modelId}`), [
    "cpu:mu/mu-twin",
    "cuda:mu/mu-twin",
    "npu:mu/mu-twin",
  ]);
  const cpu = ratios[0]!;
  assertEquals(
    [cpu.inputTokens, cpu.newTokens, cpu.kvCache, cpu.batchSize, cpu.dtype],
    [64, 32, true, 1, "fp32"],
  );
  assertEquals([cpu.encDec.params, cpu.decOnly.params], [332_042_240, 329_793_792]);
  assertEquals([cpu.encDec.runs, cpu.decOnly.runs], [4, 3]);
  assertAlmost(cpu.ttftRatio.value, 0.8);
  assertAlmost(cpu.throughputRatio.value, 4);
  assertEquals(cpu.ttftRatio, ratioInterval(stat(80, 8, 4), stat(100, 5, 3)));
  assert.ok(cpu.ttftRatio.low < 0.8 && cpu.ttftRatio.high > 0.8);
  assert.ok(cpu.throughputRatio.low < 4 && cpu.throughputRatio.high > 4);
  assertEquals(cpu.encDec.ttftMs, meanInterval(stat(80, 8, 4)));
  // Each target beside the paper's figure of its own device class, and no other.
  assertEquals(cpu.paper, paperRatio("cpu"));
  assertEquals(ratios[1]!.paper, paperRatio("gpu"));
  assertEquals(ratios[2]!.paper, paperRatio("npu"));
  assertEquals(ratios[2]!.paper?.platform, "NPU");
});

Deno.test("shapeReport: a target of a device class the paper lacks stands beside nothing", () => {
  const recs = [
    shapeCell("mu", { arch: ED, ttft: 80, tps: 40 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 100, tps: 10 }),
  ].map((r) => ({ ...r, target: { ...r.target, device: "tpu" as "cpu" } }));
  assertEquals(shapeReport(recs).ratios.map((r) => r.paper), [null]);
});

Deno.test("shapeReport: only cells of the same target, machine, dtype and grid point pair", () => {
  const recs = [
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4, input: 64 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1, input: 64 }),
    shapeCell("mu", { arch: ED, ttft: 20, tps: 4, input: 256 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 40, tps: 1, input: 256, cache: false }),
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4, input: 64, batch: 8 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1, input: 64, batch: 8, dtype: "q8" }),
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4, input: 64, newTokens: 128, cpu: "Other CPU" }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1, input: 64, newTokens: 128 }),
  ];
  const { ratios, unpaired } = shapeReport(recs);
  assertEquals(ratios.map((r) => `${r.inputTokens}`), ["64"]);
  const where = (u: (typeof unpaired)[number]) =>
    `${u.machine} ${u.dtype} b${u.batchSize} ${
      u.kvCache ? "on" : "off"
    } ${u.inputTokens}+${u.newTokens}: ${u.measured} without ${u.missing}`;
  assertEquals(unpaired.map(where), [
    "Test CPU:2 fp32 b1 on 256+32: mu without mu-twin",
    "Test CPU:2 fp32 b1 on 64+128: mu-twin without mu",
    "Test CPU:2 fp32 b1 off 256+32: mu-twin without mu",
    "Test CPU:2 fp32 b8 on 64+32: mu without mu-twin",
    "Test CPU:2 q8 b8 on 64+32: mu-twin without mu",
  ]);
});

Deno.test("shapeReport: gaps in a pair's grid are listed; a pair with a shape not timed is not", () => {
  const recs = [
    shapeCell("flan-t5-small", { arch: ED, ttft: 5, tps: 50 }),
    shapeCell("smollm2-135m", { arch: DEC, ttft: 8, tps: 20 }),
    shapeCell("t5-small", { arch: ED, ttft: 4, tps: 60 }),
    shapeCell("gpt2", { arch: DEC, ttft: 30, tps: 8, input: 256 }),
    shapeCell("qwen2.5-0.5b", { arch: DEC, ttft: 30, tps: 8 }),
  ];
  const { shapes, ratios, unpaired } = shapeReport(recs);
  assertEquals(ratios.map((r) => `${r.encDec.modelId}/${r.decOnly.modelId}`), [
    "flan-t5-small/smollm2-135m",
  ]);
  // Every shape with a cell is listed, paired or not.
  assertEquals(shapes.map((s) => s.id), [
    "flan-t5-small",
    "gpt2",
    "qwen2.5-0.5b",
    "smollm2-135m",
    "t5-small",
  ]);
  assertEquals(unpaired.map((u) => `${u.encDec}/${u.decOnly}: ${u.measured}, no ${u.missing}`), [
    "flan-t5-small/gpt2: flan-t5-small, no gpt2",
    "flan-t5-small/gpt2: gpt2, no flan-t5-small",
  ]);
});

Deno.test("shapeReport: the newest ok record stands for a cell; failed ones never pair", () => {
  const recs = [
    shapeCell("mu", { arch: ED, ttft: 50, tps: 20, at: "2026-01-01T00:00:00.000Z" }),
    shapeCell("mu", { arch: ED, ttft: 60, tps: 20, at: "2026-01-02T00:00:00.000Z" }),
    {
      ...shapeCell("mu", { arch: ED, ttft: 1, tps: 1, at: "2026-01-03T00:00:00.000Z" }),
      status: "failed" as const,
      efficiency: null,
    },
    shapeCell("mu-twin", { arch: DEC, ttft: 100, tps: 10 }),
    {
      ...shapeCell("flan-t5-base", { arch: ED, ttft: 1, tps: 1 }),
      status: "failed" as const,
      efficiency: null,
    },
    shapeCell("smollm2-360m", { arch: DEC, ttft: 100, tps: 10 }),
  ];
  const { ratios, unpaired } = shapeReport(recs);
  assertEquals(ratios.map((r) => r.ttftRatio.value), [0.6]);
  // flan-t5-base's only cell failed: its pair is not compared, not even as a gap.
  assertEquals(unpaired, []);
});

Deno.test("shapeReport: a pair whose records' architectures do not fit, or with no timed decode, is no ratio", () => {
  const swapped = [
    shapeCell("mu", { arch: DEC, ttft: 8, tps: 4 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1 }),
  ];
  assertEquals(shapeReport(swapped).ratios, []);
  const mu = shapeCell("mu", { arch: ED, ttft: 8, tps: 4, newTokens: 1 });
  const noDecode = [
    { ...mu, efficiency: { ...mu.efficiency!, decodeTokensPerS: stat(0, 0, 0) } },
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1, newTokens: 1 }),
  ];
  assertEquals(shapeReport(noDecode).ratios, []);
});

Deno.test("buildReport: shape cells reach the shape ratios only, never the board's rows", () => {
  const dec = model("dec");
  const recs = [
    latency(dec, { ttft: 10, tps: 5 }),
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1 }),
  ];
  const r = buildReport(recs, { generatedAt: "x" });
  assertEquals(r.rows.map((x) => x.model.id), ["dec"]);
  assertEquals(r.shapes.ratios.length, 1);
  assertEquals(r.shapes.shapes, [
    { id: "mu", architecture: ED, params: 100_000_000, targets: ["cpu"], cells: 1 },
    { id: "mu-twin", architecture: DEC, params: 100_000_000, targets: ["cpu"], cells: 1 },
  ]);
  assertEquals(buildReport([latency(dec, { ttft: 10, tps: 5 })]).shapes, {
    shapes: [],
    ratios: [],
    unpaired: [],
  });
});
