/**
 * The results shipped in leaderboard/results/ (one `deno task eval --profile all`
 * on the reference machine) build a leaderboard that shows every shipped model,
 * every shipped task and the cpu and cpu-1t targets, with quality, latency and
 * sweep data for each model.
 */
import { assert } from "../report/_assert.ts";
import { buildSite } from "../../src/site/build.ts";
import { slug } from "../../src/site/slug.ts";
import { hashModelDir } from "../../src/results/hash.ts";
import { readStore } from "../../src/results/mod.ts";
import { referenceModel } from "../../src/scheduler/prepare.ts";
import type { ReferenceId } from "../../src/tasks/references.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function dirsWith(base: string, file: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(base)) {
    if (!e.isDirectory) continue;
    if (await Deno.stat(`${base}/${e.name}/${file}`).then(() => true, () => false)) {
      out.push(e.name);
    }
  }
  return out.sort();
}

Deno.test("the shipped results build a site with every shipped model, task and target", async () => {
  const models = await dirsWith(`${ROOT}models`, "reference.json");
  const tasks = await dirsWith(`${ROOT}datasets`, "manifest.json");
  assert.ok(models.length >= 8, `expected the eight zoo models, found ${models.join(", ")}`);
  assert.ok(tasks.length >= 5, `expected the five shipped datasets, found ${tasks.join(", ")}`);
  const tmp = await Deno.makeTempDir({ prefix: "eb-shipped-" });
  try {
    const site = await buildSite({
      resultsDir: `${ROOT}leaderboard/results`,
      outDir: `${tmp}/dist`,
    });
    const files = new Set(site.files);
    const overview = await Deno.readTextFile(`${tmp}/dist/index.html`);
    for (const id of models) {
      assert.ok(files.has(`models/${slug(id)}/index.html`), `no page for model ${id}`);
      assert.ok(overview.includes(`data-id="${id}"`), `overview has no row for model ${id}`);
    }
    for (const id of tasks) {
      assert.ok(files.has(`tasks/${id}/index.html`), `no page for task ${id}`);
      assert.ok(overview.includes(id), `overview does not mention task ${id}`);
    }
    for (const id of ["cpu", "cpu-1t"]) {
      assert.ok(files.has(`targets/${id}/index.html`), `no page for target ${id}`);
    }
    const report = JSON.parse(await Deno.readTextFile(`${tmp}/dist/data/report.json`));
    const text = JSON.stringify(report);
    for (const id of models) assert.ok(text.includes(`"${id}"`), `report.json lacks ${id}`);
    assert.ok(/sweep/i.test(text), "report.json has no sweep data");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("the shipped results are current: the committed models' files and datasets' splits", async () => {
  const { cells } = await readStore(`${ROOT}leaderboard/results`, { strict: true });
  const modelHash = new Map<string, string>();
  const splitHash = new Map<string, string>();
  for (const r of cells) {
    const where = `${r.runId}: ${r.model.id} / ${r.task?.id ?? "sweep"}`;
    if (!modelHash.has(r.model.id)) {
      // Reference systems have no folder: their hash is of their rules' version.
      modelHash.set(
        r.model.id,
        r.model.role === "reference"
          ? referenceModel(r.model.id as ReferenceId).info.sha256
          : (await hashModelDir(`${ROOT}models/${r.model.id}`)).sha256,
      );
    }
    assert.equal(r.model.sha256, modelHash.get(r.model.id), `${where}: model files changed`);
    if (r.task === null) continue; // sweep cells: generated inputs, no dataset
    const key = `${r.task.id}/${r.task.split}`;
    if (!splitHash.has(key)) {
      const manifest = JSON.parse(
        await Deno.readTextFile(`${ROOT}datasets/${r.task.id}/manifest.json`),
      );
      splitHash.set(key, manifest.splits[r.task.split].sha256);
    }
    assert.equal(r.task.datasetSha256, splitHash.get(key), `${where}: dataset changed`);
  }
  assert.ok(modelHash.size >= 8, `results cover ${modelHash.size} models`);
});
