import { assert, assertEquals } from "../../report/_assert.ts";
import { buildReport } from "../../../src/report/mod.ts";
import { OverviewPage } from "../../../src/site/pages/overview/mod.ts";
import { ShapesPage } from "../../../src/site/pages/shapes.tsx";
import { latency, model, quality, shapeCell } from "../../report/_records.ts";

const ED = "encoder-decoder" as const;
const DEC = "decoder-only" as const;

/** The text of a page's table rows, cells joined by `|`, tags and spacing removed. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
      .map((c) => c[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim())
      .join("|")
  ).filter((r) => r !== "");
}

const board = [
  quality(model("dec"), "qa", { value: 50 }),
  latency(model("dec"), { ttft: 10, tps: 5 }),
];

Deno.test("shapes page: per target a ratio row with intervals, the paper of its own class only", async () => {
  const report = buildReport([
    ...board,
    shapeCell("mu", { arch: ED, ttft: 800, tps: 40, params: 332_042_240 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 1000, tps: 10, params: 329_793_792 }),
    shapeCell("mu", { arch: ED, ttft: 30, tps: 60, target: "qnn", device: "npu" }),
    shapeCell("mu-twin", { arch: DEC, ttft: 60, tps: 12, target: "qnn", device: "npu" }),
    ...[
      shapeCell("mu", { arch: ED, ttft: 5, tps: 90, target: "tpu" }),
      shapeCell("mu-twin", { arch: DEC, ttft: 20, tps: 30, target: "tpu" }),
    ].map((r) => ({ ...r, target: { ...r.target, device: "tpu" as "cpu" } })),
  ], { generatedAt: "x" });
  const mirrors = new Map([
    ["mu", { model: "Mu (the paper's encoder-decoder)", params: 330_000_000, source: "u" }],
  ]);
  const html = String(await ShapesPage({ report, mirrors }));
  // Says plainly what a shape can and cannot tell, the data, the runs and the device class.
  for (
    const text of [
      "never scored",
      "random token ids of a fixed length",
      "at least 3 timed runs",
      "for the same class, never another&#39;s",
      "CPU 0.71× and 3.8×",
      "NPU 0.53× and 4.7×",
    ]
  ) assert(html.includes(text), text);
  const r = rows(html);
  // The shapes: built parameters beside the public model's (from the catalog) where known.
  assert(
    r.includes(
      "mu|encoder-decoder|332.0M|Mu (the paper&#39;s encoder-decoder)|330.0M|cpu, qnn, tpu|3",
    ),
    r.join("\n"),
  );
  assert(r.includes("mu-twin|decoder-only|329.8M|—|—|cpu, qnn, tpu|3"), r.join("\n"));
  const ratio = r.filter((x) => x.startsWith("mu 332.0M|mu-twin 329.8M|"));
  assertEquals(ratio.length, 1);
  assertEquals(
    ratio[0],
    "mu 332.0M|mu-twin 329.8M|on|1|32|64|800|1,000|0.80× 0.80–0.80|0.71×|4.00× 4.00–4.00|3.8×|500 MiB / 500 MiB|3 / 3",
  );
  const npu = r.filter((x) => x.includes("|0.50× "));
  assertEquals(npu.map((x) => x.split("|").slice(8, 12).join("|")), [
    "0.50× 0.50–0.50|0.53×|5.00× 5.00–5.00|4.7×",
  ]);
  const other = r.filter((x) => x.endsWith("|3 / 3") && x.includes("|5.0|20.0|"));
  assertEquals(other.map((x) => x.split("|").slice(8, 12).join("|")), [
    "0.25× 0.25–0.25|—|3.00× 3.00–3.00|—",
  ]);
  assert(html.includes("No paper figure for this device class."), html);
  // Each target's two charts and their data.
  for (const n of [1, 2, 3]) {
    assert(
      html.includes(`id="chart-shape-ttft-${n}"`) && html.includes(`id="chart-shape-tps-${n}"`),
    );
  }
  assert(html.includes('id="shape-chart-data"') && html.includes("chart.umd.min.js"));
  assert(!html.includes("Timed without their partner"));
});

Deno.test("shapes page: gaps in a pair's grid are listed", async () => {
  const report = buildReport([
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1 }),
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4, input: 1024, cache: false }),
  ], { generatedAt: "x" });
  const html = String(await ShapesPage({ report }));
  assert(html.includes("Timed without their partner"));
  assert(
    rows(html).includes("cpu|Test CPU:2|mu|mu-twin|cache off · batch 1 · 32 new|1024"),
    rows(html).join("\n"),
  );
});

Deno.test("shapes page: without shape cells, a plain empty state and no chart", async () => {
  const report = buildReport(board, { generatedAt: "x" });
  const html = String(await ShapesPage({ report }));
  assert(html.includes("No shape has been timed in this store yet"), html);
  assert(!html.includes("<table") && !html.includes("chart.umd.min.js"), html);
});

Deno.test("overview: links the shapes page only once shapes were timed", async () => {
  const without = String(await OverviewPage({ report: buildReport(board) }));
  assert(!without.includes("shapes/"), "no link without shapes");
  const report = buildReport([
    ...board,
    shapeCell("mu", { arch: ED, ttft: 8, tps: 4 }),
    shapeCell("mu-twin", { arch: DEC, ttft: 10, tps: 1 }),
  ]);
  const html = String(await OverviewPage({ report }));
  assert(html.includes('<a href="shapes/">Efficiency at real sizes</a>'), html);
  assert(html.includes("1 ratio on 1 target"), html);
  // The shapes stay off the leaderboard.
  assert(!/models\/mu\//.test(html), "no model link to a shape");
});
