import { assert } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { ModelPage } from "../../../src/site/pages/model.tsx";
import { latency, model, quality } from "../../report/_records.ts";

Deno.test("model page: an unread peak memory shows the missing mark without a unit", async () => {
  const a = model("a");
  const report = buildReport([
    quality(a, "qa", { value: 60 }),
    latency(a, { ttft: 10, tps: 10, target: "browser-wasm", rss: null }),
    latency(a, { ttft: 10, tps: 10, target: "cpu", rss: 244 }),
  ], { generatedAt: "x" });
  const html = String(await ModelPage({ report, row: report.rows[0]!, card: undefined }));
  assert(html.includes("<small>peak \u2014</small>"), "missing mark for browser-wasm");
  assert(html.includes("<small>peak 244 MiB</small>"), "the measured peak for cpu");
});
