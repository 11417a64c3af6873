/** The one list of efficiency measures and the places that iterate it. */
import { assert, assertEquals } from "./_assert.ts";
import {
  buildReport,
  historySeries,
  MEASURES,
  recordValue,
  reportTables,
  targetValue,
} from "../../src/report/mod.ts";
import { targetEfficiency } from "../../src/report/efficiency.ts";
import { latency, model } from "./_records.ts";

const a = model("a");

Deno.test("MEASURES: every spelling of a measure is unique across the list", () => {
  for (const f of ["key", "label", "title", "name", "column", "gateName", "field"] as const) {
    const values = MEASURES.map((m) => m[f]);
    assertEquals(new Set(values).size, values.length, f);
  }
  assertEquals(MEASURES.map((m) => m.key), ["ttft", "tpot", "toks", "peak"]);
});

Deno.test("MEASURES: record and target values agree with the record's efficiency", () => {
  const r = latency(a, { ttft: 10, tps: 50, rss: 300 });
  assertEquals(MEASURES.map((m) => recordValue(m, r.efficiency!)), [10, 20, 50, 300]);
  const e = targetEfficiency([r, latency(a, { ttft: 20, tps: 50, rss: null })])!;
  assertEquals(MEASURES.map((m) => targetValue(m, e)), [15, 20, 50, 300]);
});

Deno.test("MEASURES: the report's history and flat tables cover every measure", () => {
  const r1 = latency(a, { ttft: 10, tps: 50, rss: 300, runId: "r1", at: "2026-01-01T00:00:00Z" });
  const r2 = latency(a, { ttft: 12, tps: 50, rss: 300, runId: "r2", at: "2026-01-02T00:00:00Z" });
  // history: one series per measure, named by its column
  assertEquals(
    historySeries([r1, r2]).map((s) => s.metric).sort(),
    MEASURES.map((m) => m.column).sort(),
  );
  // the overview table: one column per target and measure
  const overview = reportTables(buildReport([r1, r2], { generatedAt: "x" }))[0]!;
  for (const m of MEASURES) assert(overview.columns.includes(`cpu_${m.column}`), m.column);
});
