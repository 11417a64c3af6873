import { assert, assertEquals } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { HISTORY_WINDOW_RUNS, TargetPage } from "../../../src/site/pages/target.tsx";
import { latency, model, task } from "../../report/_records.ts";
import type { CellRecord } from "../../../src/core/record.ts";
import { jsx } from "hono/jsx";
import { AtPath } from "../../../src/site/pages/root.tsx";

Deno.test("target page: an unread peak memory shows the missing mark and sorts last", async () => {
  const report = buildReport([
    latency(model("a"), { ttft: 10, tps: 10, target: "browser-wasm", rss: null }),
    latency(model("b"), { ttft: 10, tps: 10, target: "browser-wasm", rss: 120 }),
  ], { generatedAt: "x" });
  const target = report.targets.find((t) => t.info.id === "browser-wasm")!;
  const html = String(await TargetPage({ report, target }));
  // the peak memory cell is the last of each row but the token agreement (none here)
  const peaks = [
    ...html.matchAll(
      /<td class="num" data-v="([^"]*)">([^<]*)<\/td>\s*<td class="num na" data-v="">\u2014<\/td>\s*<\/tr>/g,
    ),
  ].map((m) => [m[1], m[2]]);
  assert(peaks.length === 2, html);
  assertEquals(peaks.sort(), [["", "\u2014"], ["120", "120"]]);
});

Deno.test("target page: each model's latency samples with cpu's greedy tokens, flagged when fewer", async () => {
  const cell = (m: string, target: string, digests: string[], dtype = "fp32"): CellRecord => {
    const r = latency(model(m, { dtype, sha256: m.repeat(64) }), { ttft: 10, tps: 10, target });
    return {
      ...r,
      task: task("qa"),
      environment: { ...r.environment, cpu: "x", cores: 2 },
      efficiency: { ...r.efficiency!, outputDigests: digests },
    };
  };
  const report = buildReport([
    cell("a", "cpu", ["1", "2", "3"]),
    cell("a", "webgpu", ["1", "x", "3"]),
    cell("b", "cpu", ["4", "5"]),
    cell("b", "webgpu", ["4", "5"]),
  ], { generatedAt: "x" });
  const html = (id: string) =>
    TargetPage({ report, target: report.targets.find((t) => t.info.id === id)! });
  const gpu = String(await html("webgpu"));
  const cells = [
    ...gpu.matchAll(/<td class="num" data-v="([^"]*)" data-agreement="[^"]*">([^]*?)<\/td>/g),
  ]
    .map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, " ").trim()]);
  assertEquals(cells.sort(), [["0.6666666666666666", "2/3 differs"], ["1", "2/2"]]);
  assert(gpu.includes("1 model(s) differ."), gpu);
  // the reference target has no such column
  const cpu = String(await html("cpu"));
  assert(!cpu.includes("data-agreement") && cpu.includes("the reference"), cpu);
});

Deno.test("target page: the history table shows the last runs only, saying how many of all", () => {
  const runs = Array.from({ length: HISTORY_WINDOW_RUNS + 5 }, (_, i) => i);
  const cells = (m: string) =>
    runs.map((i) =>
      latency(model(m), {
        ttft: 10 + i,
        tps: 10,
        target: "cpu",
        runId: `2026010${Math.floor(i / 10)}T0000${String(i % 10).padStart(2, "0")}Z-h`,
        at: `2026-01-01T00:${String(i).padStart(2, "0")}:00.000Z`,
      })
    );
  // "b" was measured in the first runs only: outside the window, it has no row.
  const report = buildReport([...cells("a"), ...cells("b").slice(0, 3)], { generatedAt: "x" });
  const target = report.targets.find((t) => t.info.id === "cpu")!;
  assertEquals(target.runs.length, runs.length);
  // Rendered where the app puts it, so its links are relative to its path.
  const html = String(
    AtPath({ path: "/targets/cpu/", children: jsx(TargetPage, { report, target }) }),
  );
  const table = html.slice(html.indexOf('<table class="data compact history">'));
  const heads = [...table.matchAll(/<th scope="col" class="num">([^<]*)<\/th>/g)].map((m) => m[1]);
  assertEquals(heads, target.runs.slice(-HISTORY_WINDOW_RUNS));
  assert(
    table.includes(`in the last ${HISTORY_WINDOW_RUNS} of the ${runs.length} runs on this target`),
    table,
  );
  assert(table.includes('href="../../data/history.csv"'), table);
  assert(!/models\/b\//.test(table), "a model outside the window has a row");
  // Each shown run keeps its change from the previous run, also from one outside the window.
  const first = target.runs.at(-HISTORY_WINDOW_RUNS)!;
  const point = report.history.find((h) => h.modelId === "a" && h.metric === "ttft_ms")!
    .points.find((p) => p.runId === first)!;
  assert(point.change !== null);
});
