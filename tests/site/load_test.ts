/**
 * What the site loads from a store: every record once, and for each cell the samples of the
 * record standing for it (its own run only, not every run that measured the cell), nothing
 * dropped from the shipped store's samples.
 */
import { assertEquals } from "../results/_assert.ts";
import type { SampleRecord } from "../../src/core/record.ts";
import { RunWriter, sha256Text } from "../../src/results/mod.ts";
import { loadShapeMirrors, loadStore } from "../../src/site/load.ts";
import { makeCell, makeSample } from "../results/_fixtures.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("a cell measured by several runs shows the samples of its newest record only", async () => {
  const dir = await Deno.makeTempDir();
  const key = sha256Text("cell"), other = sha256Text("other");
  const old = "20261128T130000Z-host-aaaaaa", newer = "20261129T130000Z-host-bbbbbb";
  const w1 = new RunWriter(dir, old);
  await w1.writeCell(
    makeCell({ runId: old, cellKey: key }),
    [0, 1, 2].map((i) => makeSample(key, i)),
  );
  await w1.writeCell(makeCell({ runId: old, cellKey: other }), [makeSample(other, 0)]);
  const w2 = new RunWriter(dir, newer);
  const fresh = [7, 8].map((i) => makeSample(key, i));
  await w2.writeCell(
    makeCell({ runId: newer, cellKey: key, finishedAt: "2026-11-29T13:00:05.000Z" }),
    fresh,
  );
  const store = await loadStore(dir);
  assertEquals(store.cells.length, 3);
  assertEquals(store.samples.get(key), fresh);
  assertEquals(store.samples.get(other), [makeSample(other, 0)]);
});

Deno.test("the shipped store's samples are all loaded, in file order", async () => {
  const dir = `${ROOT}leaderboard/results`;
  const expected = new Map<string, SampleRecord[]>();
  for await (const e of Deno.readDir(dir)) {
    if (!e.name.endsWith(".samples.jsonl.gz")) continue;
    const text = await new Response(
      (await Deno.open(`${dir}/${e.name}`)).readable.pipeThrough(new DecompressionStream("gzip")),
    ).text();
    for (const line of text.split("\n").filter((l) => l !== "")) {
      const s = JSON.parse(line) as SampleRecord;
      expected.set(s.cellKey, [...expected.get(s.cellKey) ?? [], s]);
    }
  }
  const store = await loadStore(dir);
  assertEquals(store.warnings, []);
  assertEquals(store.samples.size, expected.size);
  for (const [key, list] of expected) assertEquals(store.samples.get(key), list, key);
});

Deno.test("loadShapeMirrors: each shape's public model from the catalog; none without one", async () => {
  const catalog = new URL("../catalog/fixtures/shapes.json", import.meta.url).pathname;
  assertEquals(
    await loadShapeMirrors(catalog),
    new Map([["tiny-ed", {
      model: "example/public-model",
      params: 1760000,
      source: "https://example.org/config.json",
    }]]),
  );
  const dir = await Deno.makeTempDir();
  assertEquals(await loadShapeMirrors(`${dir}/shapes.json`), new Map());
  // A catalog that does not load: no public models, one warning naming why.
  await Deno.writeTextFile(`${dir}/shapes.json`, "{");
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (m: string) => warned.push(m);
  try {
    assertEquals(await loadShapeMirrors(`${dir}/shapes.json`), new Map());
  } finally {
    console.warn = warn;
  }
  assertEquals(warned.length, 1);
  assertEquals(warned[0]!.startsWith("warning: public models of the shapes unavailable:"), true);
  await Deno.remove(dir, { recursive: true });
});
