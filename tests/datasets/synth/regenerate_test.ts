import assert from "node:assert/strict";
import { buildDataset, manifestText } from "../../../src/datasets/synth/build.ts";
import { diffDataset } from "../../../src/datasets/synth/files.ts";
import { GENERATORS } from "../../../src/datasets/synth/registry.ts";
import { DATASETS_DIR } from "./_committed.ts";

for (const gen of GENERATORS) {
  Deno.test(`regenerating ${gen.name} reproduces the committed manifest and split bytes`, async () => {
    const built = await buildDataset(gen);
    const committedManifest = await Deno.readTextFile(`${DATASETS_DIR}${gen.name}/manifest.json`);
    assert.equal(manifestText(built.manifest), committedManifest);
    const manifest = JSON.parse(committedManifest);
    for (const split of ["train", "validation", "test"] as const) {
      assert.equal(built.manifest.splits[split]?.sha256, manifest.splits[split].sha256);
    }
    assert.deepEqual(await diffDataset(DATASETS_DIR, built), []);
  });
}

Deno.test("the committed datasets are the five registered generators and stay under 25 MB", async () => {
  const names: string[] = [];
  let bytes = 0;
  for await (const entry of Deno.readDir(DATASETS_DIR)) {
    if (!entry.isDirectory) continue;
    const dir = `${DATASETS_DIR}${entry.name}`;
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    if (!String(manifest.generator).startsWith("synth/")) continue;
    names.push(entry.name);
    for await (const f of Deno.readDir(dir)) bytes += (await Deno.stat(`${dir}/${f.name}`)).size;
  }
  assert.deepEqual(names.sort(), GENERATORS.map((g) => g.name).sort());
  assert.ok(bytes < 25_000_000, `datasets take ${bytes} bytes`);
});
