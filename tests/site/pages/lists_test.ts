import { assert, assertEquals } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { TargetsPage } from "../../../src/site/pages/lists.tsx";
import type { CellRecord } from "../../../src/core/record.ts";
import { latency, model, task } from "../../report/_records.ts";

const cell = (m: string, t: string, target: string, digests?: string[]): CellRecord => {
  const r = latency(model(m, { sha256: m.repeat(64) }), { ttft: 10, tps: 10, target });
  return {
    ...r,
    task: task(t),
    efficiency: { ...r.efficiency!, ...(digests ? { outputDigests: digests } : {}) },
  };
};

Deno.test("targets page: each target's latency samples with cpu's tokens, over models and tasks", async () => {
  const report = buildReport([
    cell("a", "qa", "cpu", ["1", "2", "3"]),
    cell("b", "qa", "cpu", ["4", "5", "6"]),
    cell("a", "qa", "webgpu", ["1", "2", "x"]),
    cell("b", "qa", "webgpu", ["4", "5", "6"]),
    cell("a", "qa", "coreml"),
  ], { generatedAt: "x" });
  const html = String(await TargetsPage({ report }));
  // the text of a target's last cell (its agreement), tags stripped
  const row = (id: string) => {
    const start = html.indexOf(`targets/${id}/"`);
    assert(start >= 0, `no row for ${id}`);
    const tr = html.slice(start, html.indexOf("</tr>", start));
    const last = tr.slice(tr.lastIndexOf("<td"));
    return last.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  };
  assertEquals(row("cpu"), "reference");
  assertEquals(row("webgpu"), "5/6 differs");
  assertEquals(row("coreml"), "\u2014");
});
