import { assert, assertEquals } from "./_assert.ts";
import type { CellRecord } from "../../src/core/record.ts";
import { deferredCellOfLine, isReadable } from "../../src/results/deferred_cell.ts";
import { readStore } from "../../src/results/reader.ts";
import { latestByKey, sha256Text } from "../../src/results/mod.ts";
import { selectLatest } from "../../src/report/select.ts";
import { buildReport } from "../../src/report/mod.ts";
import { makeCell } from "./_fixtures.ts";

const RUN = "20261128T130000Z-host-abc123";
const WHERE = { file: `x/${RUN}.jsonl`, line: 1, runId: RUN };

/** A store folder of one run file holding `lines` as written. */
async function storeOf(lines: readonly string[]): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "eb-deferred-" });
  await Deno.writeTextFile(`${dir}/${RUN}.jsonl`, lines.map((l) => l + "\n").join(""));
  return dir;
}

function cell(n: number, o: Partial<CellRecord> = {}): CellRecord {
  return makeCell({
    cellKey: sha256Text(`cell-${n % 2}`),
    finishedAt: `2026-11-28T13:00:0${n}.000Z`,
    ...o,
  });
}

Deno.test("a deferred record is the whole record: same fields, same JSON, body parsed on use", () => {
  const r = makeCell();
  const line = JSON.stringify(r);
  const d = deferredCellOfLine(line, WHERE, () => {});
  if (d === null) throw new Error("not split");
  assertEquals(JSON.stringify(d), line);
  assertEquals(d.quality, r.quality);
  assertEquals(d.efficiency, r.efficiency);
  assertEquals(d.sweep, r.sweep);
  assertEquals(d.model, r.model);
  assert(isReadable(d));
});

Deno.test("a line in another field order is not split: the reader parses it whole", async () => {
  const r = makeCell();
  const { environment, error, ...rest } = r;
  const reordered = JSON.stringify({ environment, error, ...rest });
  assertEquals(deferredCellOfLine(reordered, WHERE, () => {}), null);
  const dir = await storeOf([reordered]);
  const { cells, warnings } = await readStore(dir, { deferBodies: true, onWarning: () => {} });
  assertEquals(warnings, []);
  assertEquals(cells.length, 1);
  assertEquals(cells[0]!.quality, r.quality);
});

Deno.test("a nested key named like a body field never splits a line", () => {
  // `quality` inside `settings`: the head up to it does not close, so it is not a split.
  const line = JSON.stringify(makeCell()).replace(
    '"settings":{"profile":"quality",',
    '"settings":{"profile":"quality","quality":1,',
  );
  assert(line.includes('"quality":1,'));
  assertEquals(deferredCellOfLine(line, WHERE, () => {}), null);
});

Deno.test("an invalid body: selection passes over the record as the whole-line reader skips it", async () => {
  const good = cell(1);
  // The newest record of cell-1 has a body that breaks the schema; its head is valid.
  const bad = JSON.stringify(cell(3)).replace('"n":50', '"n":"fifty"');
  // Another with a body that is not JSON at all, head and tail intact.
  const torn = JSON.stringify(cell(5)).replace('"primary":"squad.f1"', '"primary":squad');
  const other = cell(2);
  const dir = await storeOf([JSON.stringify(good), bad, torn, JSON.stringify(other)]);
  const eager = await readStore(dir, { onWarning: () => {} });
  assertEquals(eager.cells.length, 2);
  assertEquals(eager.warnings.length, 2);
  const warned: string[] = [];
  const lazy = await readStore(dir, { deferBodies: true, onWarning: (m) => warned.push(m) });
  assertEquals(lazy.cells.length, 4, "heads are valid: the bodies are not read yet");
  assertEquals(warned, []);
  // Picking the newest record of each cell reads the winners' bodies and passes over the bad.
  const picked = latestByKey(lazy.cells).map((r) => JSON.stringify(r));
  assertEquals(picked, latestByKey(eager.cells).map((r) => JSON.stringify(r)));
  assertEquals(warned.length, 2);
  assert(warned.some((w) => w.includes(":2:") && w.includes("quality.n")), warned.join("\n"));
  assert(warned.some((w) => w.includes(":3:") && w.includes("not valid JSON")), warned.join("\n"));
  // The whole report on the deferred records is the eager one's (its history aside).
  const at = "2026-12-01T00:00:00Z";
  const a = buildReport(eager.cells, { generatedAt: at, history: false });
  const b = buildReport(lazy.cells, { generatedAt: at, history: false });
  assertEquals(JSON.stringify(b.rows), JSON.stringify(a.rows));
  assertEquals(b.failures, a.failures);
  assertEquals(b.cells, a.cells);
  assertEquals(
    [...selectLatest(lazy.cells).quality.values()].map((r) => r.finishedAt),
    [...selectLatest(eager.cells).quality.values()].map((r) => r.finishedAt),
  );
});

Deno.test("a head that breaks the schema is skipped at once, as by the whole-line reader", async () => {
  const line = JSON.stringify(makeCell()).replace('"durationS":5', '"durationS":-5');
  const dir = await storeOf([line, JSON.stringify(cell(2))]);
  for (const deferBodies of [false, true]) {
    const warned: string[] = [];
    const { cells } = await readStore(dir, { deferBodies, onWarning: (m) => warned.push(m) });
    assertEquals(cells.length, 1);
    assertEquals(warned.length, 1);
    assert(warned[0]!.includes("durationS"), warned[0]);
  }
});

Deno.test("strict reading never defers: a bad body throws at once", async () => {
  const bad = JSON.stringify(cell(3)).replace('"n":50', '"n":"fifty"');
  const dir = await storeOf([bad]);
  let thrown = false;
  try {
    await readStore(dir, { deferBodies: true, strict: true });
  } catch {
    thrown = true;
  }
  assert(thrown);
});

Deno.test("equal nested values are parsed once and shared, frozen, between records", async () => {
  const dir = await storeOf([JSON.stringify(cell(1)), JSON.stringify(cell(2))]);
  const { cells } = await readStore(dir, { deferBodies: true });
  const [a, b] = cells;
  assert(a !== undefined && b !== undefined);
  assert(a.model === b.model, "one object for equal models");
  assert(Object.isFrozen(a.model) && Object.isFrozen(a.model.params));
  assert(a.environment === b.environment);
  const eager = await readStore(dir);
  assert(eager.cells[0]!.model !== eager.cells[1]!.model);
});
