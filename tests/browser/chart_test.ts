import { assertEquals } from "../report/_assert.ts";
import { archColor, shortLabel } from "../../src/browser/board_style.ts";
import { axis, chartJs, drawChart } from "../../src/browser/chart.ts";

Deno.test("chart helper: titled axes keep their options; nothing drawn without chart.js", () => {
  assertEquals(axis("ms"), { title: { display: true, text: "ms" } });
  assertEquals(axis("ms", { type: "logarithmic" as const }), {
    title: { display: true, text: "ms" },
    type: "logarithmic",
  });
  assertEquals(chartJs(), undefined);
  // No DOM and no chart.js here: drawing is skipped, not an error (the tables still show all).
  const doc = globalThis as { document?: unknown };
  doc.document = { getElementById: () => null };
  try {
    drawChart("x", { type: "bar", data: { datasets: [] } });
  } finally {
    delete doc.document;
  }
});

Deno.test("board chart style: a colour per architecture, labels cut to 28 characters", () => {
  assertEquals(archColor("encoder-decoder"), "#0072b2");
  assertEquals(archColor("decoder-only"), "#d55e00");
  assertEquals(archColor(""), "#6e7781");
  assertEquals(shortLabel("a".repeat(28)), "a".repeat(28));
  assertEquals(shortLabel("a".repeat(29)), `${"a".repeat(27)}…`);
});
