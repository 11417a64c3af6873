/**
 * The device manifest's board quality on the page's fixed sample: re-scored
 * from the shipped store's predictions, it must equal the mean of the
 * per-sample scores that eval recorded for the same samples (SQuAD F1 and
 * ROUGE-L are means of per-sample scores).
 *
 * @module
 */
import { assert, assertAlmost } from "../report/_assert.ts";
import { latestByKey } from "../../src/report/mod.ts";
import { DEVICE_SAMPLE, prepareDeviceFiles } from "../../src/site/device_files.ts";
import { loadStore } from "../../src/site/load.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("device files: the board's quality on the fixed sample equals eval's per-sample mean", async () => {
  const bundles = await Deno.makeTempDir({ prefix: "eb-bundles-" });
  try {
    for (const f of ["device.js", "worker.js"]) await Deno.writeTextFile(`${bundles}/${f}`, "");
    const store = await loadStore(`${ROOT}leaderboard/results`);
    const records = latestByKey(store.cells);
    const { manifest } = await prepareDeviceFiles({
      models: `${ROOT}models`,
      tasks: `${ROOT}tasks`,
      datasets: `${ROOT}datasets`,
      bundles,
      records,
      samples: store.samples,
    });
    let checked = 0;
    for (const [taskId, key] of [["qa", "squad.f1"], ["summarize", "rouge.rougeL"]] as const) {
      const ids = manifest.tasks.find((t) => t.info.id === taskId)!.samples.map((s) => s.id);
      assert(ids.length === DEVICE_SAMPLE);
      for (
        const q of records.filter((r) => r.settings.profile === "quality" && r.task?.id === taskId)
      ) {
        if (q.model.role === "reference") continue;
        const byId = new Map(store.samples.get(q.cellKey)!.map((s) => [s.sampleId, s]));
        const mean = ids.reduce((a, id) => a + byId.get(id)!.scores[key]!, 0) / ids.length;
        const points = manifest.board.filter((b) => b.model === q.model.id && b.task === taskId);
        assert(points.length > 0, `${q.model.id}/${taskId} has no board point`);
        for (const p of points) assertAlmost(p.sampleQuality!, mean, 1e-9);
        checked++;
      }
    }
    assert(checked >= 8, `only ${checked} cells checked`);
  } finally {
    await Deno.remove(bundles, { recursive: true });
  }
});
