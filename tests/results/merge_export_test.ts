import { parse } from "csv-parse/sync";
import { assert, assertEquals } from "./_assert.ts";
import {
  leaderboardCsv,
  leaderboardRecords,
  mergeStores,
  readSamples,
  readStore,
  RunWriter,
  samplesCsv,
  sha256Text,
  toRow,
  toSampleRow,
} from "../../src/results/mod.ts";
import { makeCell, makeSample } from "./_fixtures.ts";

async function storeWith(runId: string, keys: string[], finishedAt: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  const writer = new RunWriter(dir, runId);
  for (const k of keys) {
    const cell = makeCell({ runId, cellKey: sha256Text(k), finishedAt });
    await writer.writeCell(cell, [makeSample(cell.cellKey, 0)]);
  }
  return dir;
}

Deno.test("merge copies every run with its samples, de-duplicates and is idempotent", async () => {
  const a = await storeWith("20261128T100000Z-a-000001", ["x", "y"], "2026-11-28T10:00:00.000Z");
  const b = await storeWith("20261128T110000Z-b-000002", ["x", "z"], "2026-11-28T11:00:00.000Z");
  const dest = await Deno.makeTempDir();
  const first = await mergeStores([a, b], dest);
  assertEquals(first.added, 4);
  assertEquals(first.samples, 4);
  const again = await mergeStores([a, b, dest], dest);
  assertEquals(again.added, 0);
  assertEquals(again.duplicates, 4);
  const store = await readStore(dest, { strict: true });
  // History is kept: cell "x" was measured on both machines.
  assertEquals(store.cells.length, 4);
  assertEquals(store.runs, ["20261128T100000Z-a-000001", "20261128T110000Z-b-000002"]);
  const samples = await readSamples(
    dest,
    "20261128T110000Z-b-000002",
    new Set([sha256Text("x"), sha256Text("z")]),
  );
  assertEquals(samples.length, 2);
});

Deno.test("merge adds new records of a run the destination already has", async () => {
  const run = "20261128T100000Z-a-000001";
  const a = await storeWith(run, ["x"], "2026-11-28T10:00:00.000Z");
  const dest = await Deno.makeTempDir();
  await mergeStores([a], dest);
  const writer = new RunWriter(a, run);
  const y = makeCell({ runId: run, cellKey: sha256Text("y") });
  await writer.writeCell(y, [makeSample(y.cellKey, 1)]);
  const summary = await mergeStores([a], dest);
  assertEquals([summary.added, summary.duplicates], [1, 1]);
  assertEquals((await readStore(dest, { strict: true })).cells.length, 2);
});

Deno.test("the leaderboard keeps one quality row per model and task, latency per target", () => {
  const older = makeCell({ cellKey: sha256Text("1"), finishedAt: "2026-11-28T10:00:00.000Z" });
  const newer = makeCell({ cellKey: sha256Text("2"), finishedAt: "2026-11-28T11:00:00.000Z" });
  const otherTarget = makeCell({
    cellKey: sha256Text("3"),
    finishedAt: "2026-11-28T10:30:00.000Z",
    target: { ...older.target, id: "cpu-1t" },
  });
  const latency = (key: string, target: string) =>
    makeCell({
      cellKey: sha256Text(key),
      settings: { ...older.settings, profile: "latency" },
      quality: null,
      target: { ...older.target, id: target },
    });
  const rows = leaderboardRecords([
    older,
    newer,
    otherTarget,
    latency("4", "cpu-1t"),
    latency("5", "cpu"),
  ]).map(toRow);
  assertEquals(rows.map((r) => [r.target, r.profile, r.cellKey]), [
    ["cpu", "latency", sha256Text("5")],
    ["cpu", "quality", sha256Text("2")],
    ["cpu-1t", "latency", sha256Text("4")],
  ]);
  assertEquals(rows[1]!.score, 60);
  assertEquals(rows[1]!.ttftMsMean, 11.5);
});

Deno.test("CSV export round-trips through csv-parse, quoting commas and newlines", () => {
  const cell = makeCell();
  const csv = leaderboardCsv([toRow(cell)]);
  const parsed = parse(csv, { columns: true }) as Record<string, string>[];
  assertEquals(parsed.length, 1);
  assertEquals(parsed[0]!.model, "encdec-330m");
  assertEquals(Number(parsed[0]!.score), 60);
  const sample = { ...makeSample(cell.cellKey, 0), prediction: 'a, "b"\nc' };
  const sCsv = samplesCsv([toSampleRow(cell, sample)]);
  const sParsed = parse(sCsv, { columns: true }) as Record<string, string>[];
  assertEquals(sParsed[0]!.prediction, 'a, "b"\nc');
  assertEquals(sParsed[0]!["score.squad.f1"], "0");
  assert(leaderboardCsv([]).startsWith("model,architecture"));
});

Deno.test("export writes an unread peak memory as null in JSON and empty in CSV", () => {
  const base = makeCell();
  const cell = makeCell({ efficiency: { ...base.efficiency!, peakRssMiB: null } });
  assertEquals(toRow(cell).peakRssMiB, null);
  assertEquals(toRow(base).peakRssMiB, 200);
  const parsed = parse(leaderboardCsv([toRow(cell), toRow(base)]), { columns: true }) as Record<
    string,
    string
  >[];
  assertEquals(parsed.map((r) => r.peakRssMiB), ["", "200"]);
});

Deno.test("merge keeps destination lines it cannot read byte for byte and names them", async () => {
  const run = "20261128T100000Z-a-000001";
  const a = await storeWith(run, ["x"], "2026-11-28T10:00:00.000Z");
  const dest = await Deno.makeTempDir();
  await mergeStores([a], dest);
  const cellPath = `${dest}/${run}.jsonl`;
  const valid = await Deno.readTextFile(cellPath);
  const newer = JSON.stringify({ ...JSON.parse(valid), schema: "encoder-bench/cell@2" });
  // A newer schema's line, a damaged line (not UTF-8, not JSON) and a last line without newline.
  const foreign = new Uint8Array([
    ...new TextEncoder().encode(`${newer}\n`),
    0xff,
    0xfe,
    ...new TextEncoder().encode(" {not json\n"),
    ...new TextEncoder().encode('{"torn":'),
  ]);
  const before = new Uint8Array([...new TextEncoder().encode(valid), ...foreign]);
  await Deno.writeFile(cellPath, before);
  const writer = new RunWriter(a, run);
  const y = makeCell({ runId: run, cellKey: sha256Text("y") });
  await writer.writeCell(y, [makeSample(y.cellKey, 1)]);
  const warnings: string[] = [];
  const summary = await mergeStores([a], dest, { onWarning: (m) => warnings.push(m) });
  assertEquals(summary.added, 1);
  const after = await Deno.readFile(cellPath);
  assertEquals(after.subarray(0, before.length), before);
  assertEquals(after[before.length], 0x0a);
  const added = new TextDecoder().decode(after.subarray(before.length + 1)).trimEnd().split("\n");
  assertEquals(added.map((l) => JSON.parse(l).cellKey), [y.cellKey]);
  for (const line of [2, 3, 4]) {
    assert(
      warnings.some((w) => w.startsWith(`${cellPath}:${line}:`)),
      `no warning for line ${line}: ${warnings.join(" | ")}`,
    );
  }
  assert(!warnings.some((w) => w.startsWith("warning:")), warnings.join(" | "));
  const store = await readStore(dest, { onWarning: () => {} });
  assertEquals(store.cells.length, 2);
});
