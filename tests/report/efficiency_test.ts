import { assertEquals } from "./_assert.ts";
import { buildReport, historySeries, reportTables, tableObjects } from "../../src/report/mod.ts";
import { targetEfficiency } from "../../src/report/efficiency.ts";
import { latency, model } from "./_records.ts";

const a = model("a");

Deno.test("targetEfficiency: peak memory is the largest of the cells that measured it", () => {
  const known = latency(a, { ttft: 10, tps: 10, rss: 300 });
  const unknown = latency(a, { ttft: 20, tps: 10, rss: null });
  assertEquals(targetEfficiency([known, unknown])?.peakRssMiB, 300);
  assertEquals(targetEfficiency([unknown, known])?.peakRssMiB, 300);
  const more = latency(a, { ttft: 20, tps: 10, rss: 450 });
  assertEquals(targetEfficiency([known, unknown, more])?.peakRssMiB, 450);
  // The other numbers still pool over every cell.
  assertEquals(targetEfficiency([known, unknown])?.ttftMs.mean, 15);
});

Deno.test("targetEfficiency: peak memory is null when no cell could read it", () => {
  const e = targetEfficiency([
    latency(a, { ttft: 10, tps: 10, rss: null, target: "browser-wasm" }),
    latency(a, { ttft: 12, tps: 10, rss: null, target: "browser-wasm" }),
  ]);
  assertEquals(e?.peakRssMiB, null);
  assertEquals(e?.ttftMs.mean, 11);
});

Deno.test("an unread peak memory is an empty overview column and no history point", () => {
  const records = [
    latency(a, { ttft: 10, tps: 10, rss: null, target: "browser-wasm", runId: "r1" }),
    latency(a, { ttft: 10, tps: 10, rss: 120, target: "cpu", runId: "r1" }),
  ];
  const overview = tableObjects(
    reportTables(buildReport(records, { generatedAt: "x" })).find((t) => t.name === "overview")!,
  );
  assertEquals(overview[0]!["browser-wasm_peak_rss_mib"], null);
  assertEquals(overview[0]!["cpu_peak_rss_mib"], 120);
  const peaks = historySeries(records).filter((s) => s.metric === "peak_rss_mib");
  assertEquals(peaks.map((s) => [s.targetId, s.points.map((p) => p.value)]), [["cpu", [120]]]);
});
