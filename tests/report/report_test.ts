import { assert, assertAlmost, assertEquals } from "./_assert.ts";
import { parse } from "csv-parse/sync";
import {
  buildReport,
  csvText,
  historySeries,
  reportTables,
  tableObjects,
} from "../../src/report/mod.ts";
import { loadStore } from "../../src/site/load.ts";
import { latency, model, quality } from "./_records.ts";

const a = model("a"), b = model("b"), c = model("c");

Deno.test("buildReport: rows carry normalised averages, tied ranks and efficiency", () => {
  const records = [
    quality(a, "qa", { value: 60, half: 2 }),
    quality(a, "sum", { metric: "rouge.rougeL", value: 0.4, half: 0.02 }),
    quality(b, "qa", { value: 59, half: 2 }),
    quality(b, "sum", { metric: "rouge.rougeL", value: 0.39, half: 0.02 }),
    quality(c, "qa", { value: 20, half: 2 }),
    quality(c, "sum", { metric: "rouge.rougeL", value: 0.1, half: 0.02 }),
    latency(a, { ttft: 100, tps: 10 }),
    latency(b, { ttft: 50, tps: 20 }),
    latency(c, { ttft: 10, tps: 50 }),
  ];
  const r = buildReport(records, { generatedAt: "x" });
  assertEquals(r.rows.map((x) => [x.model.id, x.rank?.label]), [["a", "=1"], ["b", "=1"], [
    "c",
    "3",
  ]]);
  assertAlmost(r.rows[0]!.average!.value, 50); // (60 + 40) / 2
  // Downloads carry the rank as a number and the tie in its own column (never `=1`).
  const overview = tableObjects(reportTables(r).find((t) => t.name === "overview")!);
  assertEquals(overview.map((o) => [o.model, o.rank, o.tied]), [
    ["a", 1, true],
    ["b", 1, true],
    ["c", 3, false],
  ]);
  assertEquals(r.rows[0]!.efficiency.cpu?.ttftMs.mean, 100);
  // Each model trades speed for quality: all three are on the front.
  assertEquals(r.pareto.cpu!.filter((p) => p.onFront).map((p) => p.modelId).sort(), [
    "a",
    "b",
    "c",
  ]);
});

Deno.test("buildReport: a model missing a task gets no average and no rank", () => {
  const r = buildReport([
    quality(a, "qa", { value: 60 }),
    quality(a, "sum", { value: 60 }),
    quality(b, "qa", { value: 70 }),
  ], { generatedAt: "x" });
  const rowB = r.rows.find((x) => x.model.id === "b")!;
  assertEquals([rowB.average, rowB.rank], [null, null]);
  assertEquals(r.rows[0]!.model.id, "a");
});

Deno.test("buildReport: the newest ok cell wins and failures are listed", () => {
  const old = quality(a, "qa", { value: 10, at: "2026-01-01T00:00:00Z", runId: "r1" });
  const neu = quality(a, "qa", { value: 20, at: "2026-02-01T00:00:00Z", runId: "r2" });
  const failed = { ...latency(a, { ttft: 1, tps: 1 }), status: "timeout" as const };
  const r = buildReport([neu, old, failed], { generatedAt: "x" });
  assertEquals(r.rows[0]!.scores.qa?.raw.value, 20);
  assertEquals(r.failures.map((f) => f.status), ["timeout"]);
  assertEquals(r.runs.map((x) => x.runId).sort(), ["r1", "r2", "run-1"]);
  // A failure is its cell's index entry plus the message, with the same fields in the same order.
  const { message, ...entry } = r.failures[0]!;
  assertEquals(entry, r.cells.find((c) => c.cellKey === failed.cellKey));
  assertEquals(Object.keys(r.failures[0]!), [...Object.keys(entry), "message"]);
  assertEquals(message, "timeout");
});

Deno.test("historySeries flags a slowdown beyond the threshold as a change", () => {
  const h = historySeries([
    latency(a, { ttft: 100, tps: 10, runId: "r1", at: "2026-01-01T00:00:00Z" }),
    latency(a, { ttft: 103, tps: 10, runId: "r2", at: "2026-01-02T00:00:00Z" }),
    latency(a, { ttft: 130, tps: 10, runId: "r3", at: "2026-01-03T00:00:00Z" }),
  ]);
  const ttft = h.find((s) => s.metric === "ttft_ms")!;
  assertEquals(ttft.points.map((p) => p.runId), ["r1", "r2", "r3"]);
  assertEquals(ttft.points.map((p) => p.flagged), [false, false, true]);
  const tps = h.find((s) => s.metric === "tokens_per_s")!;
  assertEquals(tps.points.every((p) => !p.flagged), true);
});

Deno.test("the fixture store gives every model, task and target, and flat tables", async () => {
  const store = await loadStore(new URL("../fixtures/results", import.meta.url).pathname);
  const r = buildReport(store.cells, { samples: store.samples, generatedAt: "x" });
  assertEquals(r.rows.length, 9);
  assertEquals(r.tasks.map((t) => t.info.id), [
    "code_translate",
    "qa",
    "summarize",
    "translate",
    "write",
  ]);
  assertEquals(r.targets.map((t) => t.info.id), ["cpu", "cpu-1t"]);
  assertEquals(r.tasks.every((t) => t.tieMethod === "paired-bootstrap"), true);
  assertEquals(r.rows[0]!.model.id, "eb-teacher");
  assert.ok(r.kd.some((d) => d.student === "eb-ed23-kd" && d.baseline === "eb-ed23-base"));
  const qa = r.asymmetry.find((x) => x.taskId === "qa")!;
  assert.ok(qa.ratio! > 10, "qa is long-to-short");
  const tables = reportTables(r);
  const overview = tables.find((t) => t.name === "overview")!;
  assertEquals(overview.rows.length, 9);
  for (const t of tables) {
    for (const row of t.rows) assertEquals(row.length, t.columns.length, t.name);
  }
  assertEquals(tableObjects(overview)[0]!.model, "eb-teacher");
});

Deno.test("buildReport: reference systems are listed apart, never ranked, and compared", () => {
  const ref = model("ref-copy", { role: "reference" });
  const records = [
    quality(a, "qa", { value: 60, half: 2 }),
    quality(b, "qa", { value: 30, half: 2 }),
    quality(c, "qa", { value: 41, half: 2 }),
    quality(ref, "qa", { value: 40, half: 2 }),
  ];
  const r = buildReport(records, { generatedAt: "x" });
  assertEquals(r.rows.map((x) => x.model.id), ["a", "c", "b"]);
  assertEquals(r.rows.map((x) => x.rank?.rank), [1, 2, 3]);
  assertEquals(r.references.map((x) => [x.reference, x.model.id, x.scores.qa?.raw.value]), [
    [true, "ref-copy", 40],
  ]);
  assertEquals(r.rows.map((x) => x.scores.qa?.vsReference?.verdict), ["above", "tie", "below"]);
  assertEquals(r.rows[0]!.scores.qa?.vsReference?.referenceId, "ref-copy");
  const table = tableObjects(reportTables(r).find((t) => t.name === "references")!);
  assertEquals(table.map((t) => [t.reference, t.task, t.value]), [["ref-copy", "qa", 40]]);
  const overview = tableObjects(reportTables(r).find((t) => t.name === "overview")!);
  assertEquals(overview.some((o) => o.model === "ref-copy"), false);
});

Deno.test("a hostile model id is inert in the overview CSV download", () => {
  const hostile = model('=HYPERLINK("http://evil.example","x")');
  const r = buildReport([quality(hostile, "qa", { value: 60 })], { generatedAt: "x" });
  const t = reportTables(r).find((x) => x.name === "overview")!;
  const rows = parse(csvText(t.columns, t.rows), { columns: true }) as Record<string, string>[];
  assertEquals(rows[0]!.model, `'${hostile.id}`);
  assertEquals([rows[0]!.rank, rows[0]!.tied], ["1", "false"]);
});
