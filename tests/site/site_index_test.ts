import { assert, assertEquals } from "../report/_assert.ts";
import { buildReport, type CellRecord, type SampleRecord } from "../../src/report/mod.ts";
import { contendedKey } from "../../src/site/pages/overview/contended.ts";
import { buildSiteIndex } from "../../src/site/site_index.ts";
import { slug } from "../../src/site/slug.ts";
import { latency, model, quality } from "../report/_records.ts";
import { makeSample } from "../results/_fixtures.ts";

const a = model("a"), b = model("b"), lost = model("lost");
// b's cell first: peers are ordered by model id, not by store order.
const bQa = quality(b, "qa", { value: 50 });
const aQa = quality(a, "qa", { value: 60 });
const aSum = quality(a, "summarize", { value: 40 });
const aLat = latency(a, { ttft: 10, tps: 10 });
const aBusy: CellRecord = {
  ...aLat,
  efficiency: {
    ...aLat.efficiency!,
    load: { loadAvg1: 9, otherEvals: 2, otherCpuCores: 1, contended: true },
  },
};
const lostCell: CellRecord = {
  ...latency(lost, { ttft: 10, tps: 10 }),
  status: "failed",
  efficiency: null,
  error: { reason: "crash", message: "boom", stderrTail: "", attempts: 1 },
};
const records = [bQa, aQa, aSum, aBusy, lostCell];
const samples = new Map<string, SampleRecord[]>([
  [bQa.cellKey, [makeSample(bQa.cellKey, 1)]],
  [aQa.cellKey, Array.from({ length: 150 }, (_, i) => makeSample(aQa.cellKey, i))],
]);
const index = buildSiteIndex({
  report: buildReport(records, { generatedAt: "x", samples }),
  records: new Map(records.map((c) => [c.cellKey, c])),
  samples,
  modelCards: new Map(),
  taskMeta: new Map([["qa", { description: "QA", metrics: ["squad"] }]]),
});

Deno.test("site index: a page per model with a row, then per model with failures only", () => {
  assertEquals([...index.models.keys()], ["a", "b", "lost"]);
  const l = index.models.get("lost")!;
  assert(l.row === null, "lost has no row");
  assertEquals(l.modelId, "lost");
  assertEquals(l.failures.map((f) => f.cellKey), [lostCell.cellKey]);
  assertEquals(index.models.get("a")!.row?.model.id, "a");
});

Deno.test("site index: cell pages for quality cells and unfinished ones, with their peers", () => {
  assertEquals(
    [...index.cells.keys()],
    [bQa, aQa, aSum, lostCell].map((c) => slug(c.cellKey)),
  );
  const qaPeers = [aQa, bQa].map((c) => ({
    cellKey: c.cellKey,
    modelId: c.model.id,
    target: c.target.id,
  }));
  assertEquals(index.cells.get(slug(aQa.cellKey))!.peers, qaPeers);
  assertEquals(index.cells.get(slug(bQa.cellKey))!.peers, qaPeers);
  // A task's list is made once and shared by its cells.
  assert(index.cells.get(slug(aQa.cellKey))!.peers === index.cells.get(slug(bQa.cellKey))!.peers);
  assertEquals(index.cells.get(slug(aSum.cellKey))!.peers, []);
  assertEquals(index.cells.get(slug(aQa.cellKey))!.samples, 150);
  assertEquals(index.cells.get(slug(lostCell.cellKey))!.samples, 0);
});

Deno.test("site index: data files of cells with samples, of models, of tables", () => {
  const s = slug(aQa.cellKey);
  assertEquals([...index.cellFiles.keys()], [bQa, aQa].map((c) => `${slug(c.cellKey)}.json`));
  assertEquals(index.cellFiles.get(`${s}.json`), {
    cell: aQa,
    samples: 150,
    samplePages: [`../samples/${s}/1.json`, `../samples/${s}/2.json`],
  });
  assertEquals(index.modelFiles.get("a.json"), [aQa, aSum, aBusy]);
  assertEquals(index.modelFiles.get("lost.json"), [lostCell]);
  assertEquals(index.tableByFile.size, 2 * index.tables.length);
  for (const t of index.tables) {
    assert(
      index.tableByFile.get(`${t.name}.csv`) === t && index.tableByFile.get(`${t.name}.json`) === t,
    );
  }
});

Deno.test("site index: task and target pages, contended latency", () => {
  assertEquals([...index.tasks.keys()].sort(), ["qa", "summarize"]);
  assertEquals(index.tasks.get("qa")!.meta?.description, "QA");
  assertEquals(index.tasks.get("summarize")!.meta, undefined);
  assertEquals([...index.targets.keys()], ["cpu"]);
  assertEquals([...index.contended], [contendedKey("a", "cpu")]);
});
