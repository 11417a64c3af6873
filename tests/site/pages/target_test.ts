import { assert, assertEquals } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { TargetPage } from "../../../src/site/pages/target.tsx";
import { latency, model } from "../../report/_records.ts";

Deno.test("target page: an unread peak memory shows the missing mark and sorts last", async () => {
  const report = buildReport([
    latency(model("a"), { ttft: 10, tps: 10, target: "browser-wasm", rss: null }),
    latency(model("b"), { ttft: 10, tps: 10, target: "browser-wasm", rss: 120 }),
  ], { generatedAt: "x" });
  const target = report.targets.find((t) => t.info.id === "browser-wasm")!;
  const html = String(await TargetPage({ report, target }));
  // the last cell of each row of the efficiency table is its peak memory
  const peaks = [...html.matchAll(/<td class="num" data-v="([^"]*)">([^<]*)<\/td>\s*<\/tr>/g)]
    .map((m) => [m[1], m[2]]);
  assert(peaks.length === 2, html);
  assertEquals(peaks.sort(), [["", "\u2014"], ["120", "120"]]);
});
