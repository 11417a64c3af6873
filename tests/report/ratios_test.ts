import { assertAlmost, assertEquals } from "./_assert.ts";
import { archRatios, buildReport, decoderReference } from "../../src/report/mod.ts";
import { latency, model, quality } from "./_records.ts";

const dec = model("dec", { params: { total: 30_000_000 } });
const bigDec = model("dec-big", { params: { total: 300_000_000 } });
const decKd = model("dec-kd", { distilled: true });
const teacher = model("teacher", { role: "teacher", params: { total: 31_000_000 } });
const ed = model("ed", { architecture: "encoder-decoder", split: "2/3-1/3" });
const edKd = model("ed-kd", { architecture: "encoder-decoder", split: "2/3-1/3", distilled: true });

Deno.test("decoderReference: same distillation status, not the teacher, nearest size", () => {
  const all = [dec, bigDec, decKd, teacher, ed, edKd];
  assertEquals(decoderReference(ed, all)?.id, "dec");
  assertEquals(decoderReference(edKd, all)?.id, "dec-kd");
});

Deno.test("archRatios reports the paper-style TTFT reduction and throughput ratio per target", () => {
  const records = [
    latency(dec, { ttft: 2242, tps: 4.0 }),
    latency(ed, { ttft: 1591, tps: 15.3 }),
    latency(dec, { ttft: 358, tps: 26.5, target: "npu" }),
    latency(ed, { ttft: 189, tps: 123.8, target: "npu" }),
    quality(dec, "qa", { value: 1 }),
  ];
  const r = archRatios(buildReport(records, { generatedAt: "x" }).rows);
  assertEquals(r.map((x) => `${x.targetId}:${x.encDec}/${x.decOnly}`), [
    "cpu:ed/dec",
    "npu:ed/dec",
  ]);
  const npu = r[1]!;
  assertAlmost(npu.ttftReductionPct, 47.2, 0.1); // the paper's "47% lower"
  assertAlmost(npu.throughputRatio, 4.67, 0.01); // the paper's "4.7x"
  assertAlmost(r[0]!.ttftRatio, 1591 / 2242);
});

Deno.test("archRatios skips targets the reference was not measured on", () => {
  const records = [
    latency(dec, { ttft: 10, tps: 1 }),
    latency(ed, { ttft: 5, tps: 2, target: "gpu" }),
  ];
  assertEquals(archRatios(buildReport(records, { generatedAt: "x" }).rows), []);
});
