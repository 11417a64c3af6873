import { assertEquals } from "../report/_assert.ts";
import { buildReport } from "../../src/report/mod.ts";
import { taskChart } from "../../src/site/charts.ts";
import { model, quality } from "../report/_records.ts";

Deno.test("taskChart: models best first with intervals; references apart; other tasks left out", () => {
  const a = model("a"), b = model("b", { architecture: "encoder-decoder" });
  const r = buildReport([
    quality(a, "qa", { value: 30, half: 2 }),
    quality(b, "qa", { value: 60, half: 3 }),
    quality(b, "sum", { metric: "rouge.rougeL", value: 0.5, half: 0.01 }),
    quality(model("ref-copy", { role: "reference" }), "qa", { value: 40, half: 1 }),
  ], { generatedAt: "x" });
  assertEquals(taskChart(r, "qa"), {
    metric: "squad.f1",
    bars: [
      { label: "b", arch: "encoder-decoder", value: 60, low: 57, high: 63 },
      { label: "a", arch: "decoder-only", value: 30, low: 28, high: 32 },
    ],
    references: [{ label: "ref-copy", value: 40, low: 39, high: 41 }],
  });
  // rouge is recorded 0-1: the chart draws the normalised 0-100 scale
  assertEquals(taskChart(r, "sum").bars.map((x) => [x.label, x.value]), [["b", 50]]);
  assertEquals(taskChart(r, "sum").references, []);
});
