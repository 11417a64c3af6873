import { assert } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { TaskPage } from "../../../src/site/pages/task.tsx";
import { loadTaskMeta } from "../../../src/site/load.ts";
import { model, quality } from "../../report/_records.ts";

const TASKS = new URL("../../../tasks", import.meta.url).pathname;

Deno.test("task page: a Hub dataset's repository, revision, locked commit and licence", async () => {
  const dir = await Deno.makeTempDir({ prefix: "task-page-" });
  try {
    const sha = "c".repeat(40);
    const entry = { repo: "wmt/wmt14", revision: "refs/convert/parquet", sha, files: [] };
    await Deno.writeTextFile(
      `${dir}/hub.lock.json`,
      JSON.stringify({
        version: 1,
        models: {},
        datasets: { [`${entry.repo}@${entry.revision}`]: entry },
      }),
    );
    const meta = await loadTaskMeta(TASKS, `${dir}/hub.lock.json`);
    assert(meta.get("qa")?.dataset === undefined);
    const report = buildReport([
      quality(model("m"), "wmt14_en_de", { metric: "chrf.score", value: 40 }),
    ], { generatedAt: "x" });
    const task = report.tasks.find((t) => t.info.id === "wmt14_en_de")!;
    const html = String(await TaskPage({ report, task, meta: meta.get("wmt14_en_de") }));
    for (const part of ["wmt/wmt14", "de-en", "refs/convert/parquet", sha, "<dt>Licence</dt>"]) {
      assert(html.includes(part), `${part} missing`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
