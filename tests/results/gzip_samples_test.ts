import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { ResultsError } from "../../src/core/errors.ts";
import {
  gzipSamples,
  mergeStores,
  readSamples,
  readSamplesOf,
  readStore,
  RunWriter,
  sha256Text,
} from "../../src/results/mod.ts";
import { main as mergeMain } from "../../src/cli/merge.ts";
import { makeCell, makeSample } from "./_fixtures.ts";

const RUN = "20261128T130000Z-host-abc123";

async function storeWithSamples(n: number): Promise<{ dir: string; keys: Set<string> }> {
  const dir = await Deno.makeTempDir();
  const writer = new RunWriter(dir, RUN);
  const keys = new Set<string>();
  for (let c = 0; c < 3; c++) {
    const cell = makeCell({ cellKey: sha256Text(`c${c}`) });
    keys.add(cell.cellKey);
    await writer.writeCell(cell, Array.from({ length: n }, (_, i) => makeSample(cell.cellKey, i)));
  }
  return { dir, keys };
}

Deno.test("gzipSamples shrinks the samples file and the reader returns the same records", async () => {
  const { dir, keys } = await storeWithSamples(40);
  const before = await readSamples(dir, RUN, keys);
  const summary = await gzipSamples(dir);
  assertEquals(summary.runs, [RUN]);
  assert(summary.gzBytes * 5 < summary.plainBytes, `${summary.plainBytes} -> ${summary.gzBytes}`);
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  // The store lock stays (an empty file); its holder files go with their holders.
  assertEquals(names, [".lock", `${RUN}.jsonl`, `${RUN}.samples.jsonl.gz`]);
  assertEquals(await readSamples(dir, RUN, keys), before);
  const { cells } = await readStore(dir, { strict: true });
  assertEquals((await readSamplesOf(dir, cells)).get(sha256Text("c1"))?.length, 40);
});

Deno.test("a crash between writing the .gz and removing the plain file duplicates nothing", async () => {
  const { dir, keys } = await storeWithSamples(5);
  const plain = await Deno.readFile(`${dir}/${RUN}.samples.jsonl`);
  await gzipSamples(dir);
  await Deno.writeFile(`${dir}/${RUN}.samples.jsonl`, plain); // as if the remove never ran
  assertEquals((await readSamples(dir, RUN, keys)).length, 15);
  // Gzipping again folds the plain file into the .gz, still without duplicates.
  await gzipSamples(dir);
  assertEquals((await readSamples(dir, RUN, keys)).length, 15);
});

Deno.test("merge reads gzipped sources and `merge --gzip-samples` gzips the store", async () => {
  const { dir } = await storeWithSamples(4);
  await gzipSamples(dir);
  const dest = await Deno.makeTempDir();
  await mergeStores([dir], dest);
  const { cells } = await readStore(dest, { strict: true });
  assertEquals([...(await readSamplesOf(dest, cells)).values()].map((s) => s.length), [4, 4, 4]);
  assertEquals(await mergeMain(["--out", dest, "--gzip-samples"]), 0);
  assert(await Deno.stat(`${dest}/${RUN}.samples.jsonl.gz`).then(() => true));
  assertEquals([...(await readSamplesOf(dest, cells)).values()].map((s) => s.length), [4, 4, 4]);
});

Deno.test("a corrupt .gz samples file is an error naming the file", async () => {
  const { dir, keys } = await storeWithSamples(2);
  await Deno.writeTextFile(`${dir}/${RUN}.samples.jsonl.gz`, "not gzip");
  const err = await assertRejects(() => readSamples(dir, RUN, keys), ResultsError);
  assert(err.message.includes(`${RUN}.samples.jsonl.gz`), err.message);
});
