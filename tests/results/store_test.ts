import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { LockTimeoutError, ResultsError } from "../../src/core/errors.ts";
import {
  listRunFiles,
  readJsonl,
  readSamples,
  readStore,
  RunWriter,
  sha256Text,
} from "../../src/results/mod.ts";
import { runIdOfFile } from "../../src/results/run_id.ts";
import { lockStore, STORE_LOCK_FILE } from "../../src/results/store_lock.ts";
import { makeCell, makeSample } from "./_fixtures.ts";

const RUN = "20261128T130000Z-host-abc123";

Deno.test("the writer appends samples then the cell record, and the reader reads them back", async () => {
  const dir = await Deno.makeTempDir();
  const writer = new RunWriter(dir, RUN);
  const cell = makeCell();
  const samples = [makeSample(cell.cellKey, 0), makeSample(cell.cellKey, 1)];
  await writer.writeCell(cell, samples);
  const cell2 = makeCell({ cellKey: sha256Text("cell-2") });
  await writer.writeCell(cell2, []);
  const store = await readStore(dir, { strict: true });
  assertEquals(store.cells, [cell, cell2]);
  assertEquals(store.runs, [RUN]);
  assertEquals(await readSamples(dir, RUN, new Set([cell.cellKey])), samples);
});

Deno.test("an invalid record is refused before anything is written", async () => {
  const dir = await Deno.makeTempDir();
  const writer = new RunWriter(dir, RUN);
  const cell = makeCell();
  const badSample = { ...makeSample(cell.cellKey, 0), prediction: 3 } as unknown as ReturnType<
    typeof makeSample
  >;
  await assertRejects(() => writer.writeCell(cell, [badSample]), ResultsError);
  await assertRejects(() => writer.writeCell({ ...cell, runId: "other" }), ResultsError);
  assertEquals([...Deno.readDirSync(dir)].length, 0);
});

Deno.test("a torn last line is skipped with a warning and earlier lines are kept", async () => {
  const dir = await Deno.makeTempDir();
  const writer = new RunWriter(dir, RUN);
  const a = makeCell({ cellKey: sha256Text("a") });
  const b = makeCell({ cellKey: sha256Text("b") });
  await writer.writeCell(a);
  await writer.writeCell(b);
  const full = await Deno.readTextFile(writer.cellPath);
  // Cut the second record in the middle, as a SIGKILL during write(2) would.
  await Deno.writeTextFile(writer.cellPath, full.slice(0, full.length - 200));
  const warnings: string[] = [];
  const store = await readStore(dir, { onWarning: (m) => warnings.push(m) });
  assertEquals(store.cells.map((c) => c.cellKey), [a.cellKey]);
  assertEquals(warnings.length, 1);
  assert(warnings[0]!.includes("torn last line"), warnings[0]);
  assert(warnings[0]!.includes(`${RUN}.jsonl:2`), warnings[0]);
});

Deno.test("a bad line in the middle is skipped and named; strict mode throws", async () => {
  const dir = await Deno.makeTempDir();
  const a = makeCell({ cellKey: sha256Text("a") });
  const b = makeCell({ cellKey: sha256Text("b") });
  const path = `${dir}/${RUN}.jsonl`;
  await Deno.writeTextFile(
    path,
    `${JSON.stringify(a)}\n{"schema":"encoder-bench/cell@1"}\n${JSON.stringify(b)}\n`,
  );
  const warnings: string[] = [];
  const store = await readStore(dir, { onWarning: (m) => warnings.push(m) });
  assertEquals(store.cells.map((c) => c.cellKey), [a.cellKey, b.cellKey]);
  assert(warnings[0]!.includes(`${RUN}.jsonl:2`), warnings[0]);
  await assertRejects(() => readStore(dir, { strict: true }), ResultsError);
});

Deno.test("readJsonl keeps a complete last line that only lacks its newline", async () => {
  const path = await Deno.makeTempFile();
  await Deno.writeTextFile(path, '{"a":1}\n{"b":2}');
  const read = await readJsonl(path);
  assertEquals(read.lines.map((l) => l.value), [{ a: 1 }, { b: 2 }]);
  assertEquals(read.warnings, []);
  assertEquals((await readJsonl(`${path}.missing`)).lines, []);
});

Deno.test("samples of a cell without a record are ignored", async () => {
  const dir = await Deno.makeTempDir();
  const writer = new RunWriter(dir, RUN);
  const cell = makeCell();
  await writer.writeCell(cell, [makeSample(cell.cellKey, 0)]);
  const orphan = sha256Text("orphan");
  await Deno.writeTextFile(writer.samplePath, JSON.stringify(makeSample(orphan, 9)) + "\n", {
    append: true,
  });
  const samples = await readSamples(dir, RUN, new Set([cell.cellKey, orphan].slice(0, 1)));
  assertEquals(samples.map((s) => s.sampleId), ["s0"]);
});

Deno.test("a .jsonl whose name is not a run file's is skipped with a warning", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cell = makeCell();
    await new RunWriter(dir, RUN).writeCell(cell);
    // A copy under another name and one in incoming/ must not count twice.
    const text = await Deno.readTextFile(`${dir}/${RUN}.jsonl`);
    await Deno.writeTextFile(`${dir}/notes.jsonl`, text);
    await Deno.writeTextFile(`${dir}/${RUN} copy.jsonl`, text);
    await Deno.mkdir(`${dir}/incoming`);
    await Deno.writeTextFile(`${dir}/incoming/${RUN}.jsonl`, text);
    const warnings: string[] = [];
    const store = await readStore(dir, { onWarning: (m) => warnings.push(m) });
    assertEquals(store.runs, [RUN]);
    assertEquals(store.cells.map((c) => c.cellKey), [cell.cellKey]);
    assertEquals(warnings.length, 2, warnings.join("\n"));
    assert(warnings.some((w) => w.includes("notes.jsonl: not a run file, skipped")), warnings[0]);
    assertEquals(runIdOfFile("notes.jsonl"), null);
    assertEquals(runIdOfFile(`${RUN}.samples.jsonl.gz`), { runId: RUN, kind: "samples" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the store lock and its holder files are no run files: readers pass them by silently", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cell = makeCell();
    await new RunWriter(dir, RUN).writeCell(cell, [makeSample(cell.cellKey, 0)]);
    const held = await lockStore(dir, { exclusive: false });
    try {
      const names = [...Deno.readDirSync(dir)].map((e) => e.name);
      assert(names.includes(STORE_LOCK_FILE), names.join(" "));
      assert(names.some((n) => n.startsWith(`${STORE_LOCK_FILE}.holder-`)), names.join(" "));
      const warnings: string[] = [];
      const store = await readStore(dir, { onWarning: (m) => warnings.push(m) });
      assertEquals(store.cells, [cell]);
      assertEquals(warnings, []);
      assertEquals(await listRunFiles(dir, (m) => warnings.push(m)), [
        { runId: RUN, path: `${dir}/${RUN}.jsonl` },
      ]);
      assertEquals(warnings, []);
    } finally {
      held.release();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a symlinked run file is skipped with a warning that names it and says why", async () => {
  const dir = await Deno.makeTempDir();
  const elsewhere = await Deno.makeTempDir();
  try {
    const cell = makeCell();
    await new RunWriter(elsewhere, RUN).writeCell(cell, [makeSample(cell.cellKey, 0)]);
    await Deno.symlink(`${elsewhere}/${RUN}.jsonl`, `${dir}/${RUN}.jsonl`);
    const warnings: string[] = [];
    const store = await readStore(dir, { onWarning: (m) => warnings.push(m) });
    assertEquals(store.cells, []);
    assertEquals(warnings.length, 1, warnings.join("\n"));
    assert(warnings[0]!.startsWith(`${dir}/${RUN}.jsonl: a symbolic link, skipped`), warnings[0]);
    assert(warnings[0]!.includes("outside"), warnings[0]);
    // A run file of its own with a symlinked samples file: the record stays, the samples are
    // skipped the same way.
    await Deno.copyFile(`${elsewhere}/${RUN}.jsonl`, `${dir}/${RUN}.jsonl.tmp`);
    await Deno.remove(`${dir}/${RUN}.jsonl`);
    await Deno.rename(`${dir}/${RUN}.jsonl.tmp`, `${dir}/${RUN}.jsonl`);
    await Deno.symlink(`${elsewhere}/${RUN}.samples.jsonl`, `${dir}/${RUN}.samples.jsonl`);
    warnings.length = 0;
    const samples = await readSamples(dir, RUN, new Set([cell.cellKey]), {
      onWarning: (m) => warnings.push(m),
    });
    assertEquals(samples, []);
    assertEquals(warnings.length, 1, warnings.join("\n"));
    assert(warnings[0]!.startsWith(`${dir}/${RUN}.samples.jsonl: a symbolic link`), warnings[0]);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(elsewhere, { recursive: true });
  }
});

Deno.test("the writer appends under the store lock, shared: it waits while a merge holds it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const merge = await lockStore(dir, { exclusive: true });
    const writer = new RunWriter(dir, RUN, { lockTimeoutMs: 200, onLockWait: () => {} });
    await assertRejects(() => writer.writeCell(makeCell()), LockTimeoutError);
    assertEquals(await readStore(dir, { strict: true }), { cells: [], runs: [], warnings: [] });
    merge.release();
    // Shared with another appender (another eval) it goes ahead.
    const other = await lockStore(dir, { exclusive: false });
    try {
      await writer.writeCell(makeCell());
      assertEquals((await readStore(dir, { strict: true })).cells.length, 1);
    } finally {
      other.release();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strict reading throws on a torn line too, naming file:line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await new RunWriter(dir, RUN).writeCell(makeCell());
    await Deno.writeTextFile(`${dir}/${RUN}.jsonl`, '{"torn":', { append: true });
    const err = await assertRejects(() => readStore(dir, { strict: true }), ResultsError);
    assert(err.message.includes(`${RUN}.jsonl:2`), err.message);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
