/**
 * The store index: the first update reads what `readStore` reads, later ones only what was
 * appended (whole lines), new run files, and files replaced by rename or cut shorter again.
 */
import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { ResultsError } from "../../src/core/errors.ts";
import type { CellRecord } from "../../src/core/record.ts";
import { readStore, sha256Text } from "../../src/results/mod.ts";
import { StoreIndex } from "../../src/results/store_index.ts";
import { makeCell } from "./_fixtures.ts";

const RUN = "20261128T130000Z-host-abc123";
const RUN_B = "20261128T140000Z-host-def456";

const cell = (name: string, runId = RUN): CellRecord =>
  makeCell({ runId, cellKey: sha256Text(name) });
const line = (c: CellRecord): string => JSON.stringify(c) + "\n";
const keys = (cs: readonly CellRecord[]): string[] => cs.map((c) => c.cellKey);

Deno.test("the first update reads what readStore reads; later ones only what was appended", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/${RUN}.jsonl`;
  await Deno.writeTextFile(path, line(cell("a")) + line(cell("b")));
  const index = new StoreIndex(dir, { strict: true });
  assertEquals(await index.update(), (await readStore(dir, { strict: true })).cells);
  assertEquals(await index.update(), []);
  // The first line changed in place (same file, same size): not read again, so no error.
  const text = await Deno.readTextFile(path);
  const first = text.indexOf("\n");
  await Deno.writeTextFile(path, "{" + " ".repeat(first - 1) + text.slice(first));
  await Deno.writeTextFile(path, line(cell("c")), { append: true });
  assertEquals(keys(await index.update()), [sha256Text("c")]);
  // A new run file is picked up.
  await Deno.writeTextFile(`${dir}/${RUN_B}.jsonl`, line(cell("d", RUN_B)));
  assertEquals(keys(await index.update()), [sha256Text("d")]);
});

Deno.test("a half-written line is read once its newline is there, without a warning", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/${RUN}.jsonl`;
  const whole = line(cell("a"));
  await Deno.writeTextFile(path, whole.slice(0, 100));
  const warnings: string[] = [];
  const index = new StoreIndex(dir, { onWarning: (m) => warnings.push(m) });
  assertEquals(await index.update(), []);
  await Deno.writeTextFile(path, whole.slice(100) + line(cell("b")).slice(0, 50), { append: true });
  assertEquals(keys(await index.update()), [sha256Text("a")]);
  await Deno.writeTextFile(path, line(cell("b")).slice(50), { append: true });
  assertEquals(keys(await index.update()), [sha256Text("b")]);
  assertEquals(warnings, []);
});

Deno.test("a file replaced by rename (merge) or cut shorter is read again from its start", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/${RUN}.jsonl`;
  await Deno.writeTextFile(path, line(cell("a")) + line(cell("b")));
  const index = new StoreIndex(dir, { strict: true });
  assertEquals((await index.update()).length, 2);
  // Same size, another inode: a merge's temporary file renamed over it.
  await Deno.writeTextFile(`${path}.tmp`, line(cell("b")) + line(cell("a")));
  await Deno.rename(`${path}.tmp`, path);
  assertEquals(keys(await index.update()), [sha256Text("b"), sha256Text("a")]);
  await Deno.writeTextFile(path, line(cell("e")));
  assertEquals(keys(await index.update()), [sha256Text("e")]);
});

Deno.test("bad lines warn as readStore does, once each; strict throws on a bad record", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/${RUN}.jsonl`;
  await Deno.writeTextFile(
    path,
    line(cell("a")) + "not json\n" + '{"schema":"encoder-bench/cell@1"}\n' +
      line(cell("x", RUN_B)),
  );
  await Deno.writeTextFile(`${dir}/notes.jsonl`, "");
  const fromStore: string[] = [];
  await readStore(dir, { onWarning: (m) => fromStore.push(m) });
  const warnings: string[] = [];
  const index = new StoreIndex(dir, { onWarning: (m) => warnings.push(m) });
  assertEquals(keys(await index.update()), [sha256Text("a")]);
  assertEquals(warnings, fromStore);
  assertEquals(warnings.length, 4);
  await Deno.writeTextFile(path, line(cell("b")), { append: true });
  assertEquals(keys(await index.update()), [sha256Text("b")]);
  assertEquals(warnings.length, 4);
  await Deno.writeTextFile(path, '{"schema":"encoder-bench/cell@1"}\n', { append: true });
  const strict = new StoreIndex(dir, { strict: true, onWarning: () => {} });
  await assertRejects(() => strict.update(), ResultsError);
  assert(warnings.every((w) => !w.startsWith("warning:")));
});
