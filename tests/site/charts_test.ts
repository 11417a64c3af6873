import { assert, assertEquals } from "../report/_assert.ts";
import { buildReport } from "../../src/report/mod.ts";
import { overviewCharts, shapeCharts, taskChart } from "../../src/site/charts.ts";
import type { OverviewCharts, ShapeCharts, TaskChart } from "../../src/site/chart_data.ts";
import { jsonForScript } from "../../src/site/json_script.ts";
import { latency, model, quality, shapeCell } from "../report/_records.ts";

Deno.test("taskChart: models best first with intervals; references apart; other tasks left out", () => {
  const a = model("a"), b = model("b", { architecture: "encoder-decoder" });
  const r = buildReport([
    quality(a, "qa", { value: 30, half: 2 }),
    quality(b, "qa", { value: 60, half: 3 }),
    quality(b, "sum", { metric: "rouge.rougeL", value: 0.5, half: 0.01 }),
    quality(model("ref-copy", { role: "reference" }), "qa", { value: 40, half: 1 }),
  ], { generatedAt: "x" });
  assertEquals(taskChart(r, "qa"), {
    metric: "squad.f1",
    bars: [
      { label: "b", arch: "encoder-decoder", value: 60, low: 57, high: 63 },
      { label: "a", arch: "decoder-only", value: 30, low: 28, high: 32 },
    ],
    references: [{ label: "ref-copy", value: 40, low: 39, high: 41 }],
  });
  // rouge is recorded 0-1: the chart draws the normalised 0-100 scale
  assertEquals(taskChart(r, "sum").bars.map((x) => [x.label, x.value]), [["b", 50]]);
  assertEquals(taskChart(r, "sum").references, []);
});

Deno.test("chart data reaches the browser as its types say: JSON keeps every value", () => {
  const a = model("a"), b = model("b", { architecture: "encoder-decoder" });
  const r = buildReport([
    quality(a, "qa", { value: 30, half: 2 }),
    quality(b, "qa", { value: 60, half: 3 }),
    quality(model("ref-copy", { role: "reference" }), "qa", { value: 40, half: 1 }),
    latency(a, { ttft: 10, tps: 50 }),
    latency(b, { ttft: 40, tps: 20 }),
  ], { generatedAt: "x" });
  // What the page embeds is what the browser script parses (src/browser/site.ts): no value
  // may be lost on the way (undefined dropped, NaN or Infinity turned into null).
  const overview = overviewCharts(r);
  assert.ok(overview.pareto.cpu!.length === 2 && overview.throughput.cpu!.length === 2);
  assertEquals(JSON.parse(jsonForScript(overview)) as OverviewCharts, overview);
  const task = taskChart(r, "qa");
  assertEquals(JSON.parse(jsonForScript(task)) as TaskChart, task);
});

Deno.test("shapeCharts: per target and machine, a line per pair and setting with intervals", () => {
  const ED = "encoder-decoder" as const, DEC = "decoder-only" as const;
  const r = buildReport([
    shapeCell("mu", { arch: ED, ttft: 80, tps: 40, input: 64 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 100, tps: 10, input: 64 }),
    shapeCell("mu", { arch: ED, ttft: 160, tps: 40, input: 256 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 400, tps: 10, input: 256 }),
    shapeCell("mu", { arch: ED, ttft: 80, tps: 40, input: 64, cache: false, dtype: "q8" }),
    shapeCell("mu-twin", { arch: DEC, ttft: 100, tps: 5, input: 64, cache: false, dtype: "q8" }),
    shapeCell("mu", { arch: ED, ttft: 8, tps: 400, target: "cuda", device: "gpu" }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 100, target: "cuda", device: "gpu" }),
  ], { generatedAt: "x" });
  const c = shapeCharts(r);
  assertEquals(c.groups.map((g) => [g.key, g.paper?.platform]), [["1", "CPU"], ["2", "GPU"]]);
  const cpu = c.groups[0]!;
  assertEquals(cpu.ttft.map((l) => [l.label, l.kvCache, l.points.map((p) => [p.x, p.y])]), [
    ["mu / mu-twin, cache on, batch 1, 32 new", true, [[64, 0.8], [256, 0.4]]],
    ["mu / mu-twin, cache off, batch 1, 32 new, q8", false, [[64, 0.8]]],
  ]);
  assertEquals(cpu.throughput[1]!.points[0]!.y, 8);
  const iv = r.shapes.ratios[0]!.throughputRatio;
  assertEquals(cpu.throughput[0]!.points[0], { x: 64, y: iv.value, low: iv.low, high: iv.high });
  const back = JSON.parse(jsonForScript(c)) as ShapeCharts;
  assertEquals(back, c);
  assertEquals(shapeCharts(buildReport([], { generatedAt: "x" })), { groups: [] });
});
