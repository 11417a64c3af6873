import { assertEquals } from "../report/_assert.ts";
import { latency, model, quality, task } from "../report/_records.ts";
import { deviceChartData } from "../../src/browser/device_chart.ts";
import type { BoardPoint } from "../../src/core/device.ts";
import type { CellRecord } from "../../src/core/record.ts";

const point = (
  model: string,
  task: string,
  target: string,
  ttftMs: number,
  sampleQuality: number | null = null,
): BoardPoint => ({
  model,
  task,
  target,
  ttftMs,
  tpotMs: ttftMs / 10,
  decodeTokensPerS: null,
  dtype: "fp32",
  sampleQuality,
});

const BOARD = [
  point("a", "qa", "webgpu", 2, 40),
  point("a", "qa", "cpu", 4, 40),
  point("b", "qa", "cpu", 8),
  point("a", "summarize", "cpu", 16, 0.25),
  point("c", "qa", "npu", 32),
];

const mine = (m: string, t: string, ttft: number) => ({
  ...latency(model(m), { ttft, tps: 100, target: "browser-wasm" }),
  task: task(t),
});

Deno.test("device chart: this device beside the board's targets on the pairs it ran", () => {
  const d = deviceChartData(BOARD, [
    quality(model("a"), "qa", { value: 50 }),
    mine("a", "qa", 100),
    mine("b", "qa", 200),
  ]);
  assertEquals(d.labels, ["a · qa", "b · qa"]);
  assertEquals(d.series.map((s) => [s.label, s.mine]), [
    ["cpu (board)", false],
    ["webgpu (board)", false],
    ["browser-wasm (this device)", true],
  ]);
  assertEquals(d.series.map((s) => s.ttftMs), [[4, 8], [2, null], [100, 200]]);
  assertEquals(d.series[2]!.tpotMs, [10, 10]);
});

Deno.test("device chart: nothing run, nothing drawn; the newest record of a pair wins", () => {
  assertEquals(deviceChartData(BOARD, []), { labels: [], series: [], quality: [] });
  const d = deviceChartData(BOARD, [mine("a", "summarize", 1), mine("a", "summarize", 3)]);
  assertEquals(d.labels, ["a · summarize"]);
  assertEquals(d.series.map((s) => s.ttftMs), [[16], [3]]);
});

Deno.test("device chart: quality beside the board's on the same samples, 0-100", () => {
  const q = (m: string, t: string, metric: string, value: number): CellRecord => {
    const r = quality(model(m), t, { metric, value });
    return { ...r, target: { ...r.target, id: "browser-wasm" } };
  };
  const d = deviceChartData(BOARD, [
    q("a", "qa", "squad.f1", 45),
    mine("a", "qa", 100),
    q("a", "summarize", "rouge.rougeL", 0.3),
    mine("a", "summarize", 50),
    mine("b", "qa", 200), // no quality record on this device: no scale, no bars
  ]);
  assertEquals(d.labels, ["a · qa", "a · summarize", "b · qa"]);
  assertEquals(d.quality.map((s) => [s.label, s.mine]), [
    ["board (same samples)", false],
    ["browser-wasm (this device)", true],
  ]);
  assertEquals(d.quality[0]!.values, [40, 25, null]);
  assertEquals(d.quality[1]!.values, [45, 30, null]);
});
