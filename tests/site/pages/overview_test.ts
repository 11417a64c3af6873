import { assert, assertEquals } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { OverviewPage } from "../../../src/site/pages/overview/mod.ts";
import { latency, model, quality } from "../../report/_records.ts";

const DASH = "\u2014";

/** The overview's efficiency cell of `target` and column `col`: its data-v and its text. */
function effCell(html: string, target: string, col: string): [string, string] {
  const m = new RegExp(
    `<td class="num" data-target="${target}" data-col="${col}" data-v="([^"]*)"[^>]*>([^<]*)</td>`,
  ).exec(html);
  assert(m, `no ${col} cell for ${target}`);
  return [m[1]!, m[2]!];
}

Deno.test("overview: an unread peak memory shows the missing mark and sorts last", async () => {
  const a = model("a");
  const report = buildReport([
    quality(a, "qa", { value: 60 }),
    latency(a, { ttft: 10, tps: 10, target: "browser-wasm", rss: null }),
    latency(a, { ttft: 10, tps: 10, target: "cpu", rss: 244 }),
  ], { generatedAt: "x" });
  const html = String(await OverviewPage({ report }));
  assertEquals(effCell(html, "browser-wasm", "peak"), ["", DASH]);
  assertEquals(effCell(html, "cpu", "peak"), ["244", "244"]);
  // the other columns of the browser target are measured as usual
  assertEquals(effCell(html, "browser-wasm", "ttft"), ["10", "10.0"]);
});
