import { assertAlmost, assertEquals } from "./_assert.ts";
import { averageIntervals } from "../../src/report/average.ts";
import { metricScale, normalize } from "../../src/report/normalize.ts";

Deno.test("averageIntervals combines half-widths in quadrature", () => {
  const a = averageIntervals([{ value: 50, low: 47, high: 53 }, { value: 70, low: 66, high: 74 }])!;
  assertEquals(a.value, 60);
  assertAlmost(a.low, 60 - 5 / 2);
  assertAlmost(a.high, 60 + 5 / 2);
  assertEquals(averageIntervals([]), null);
});

Deno.test("averageIntervals keeps asymmetric intervals asymmetric", () => {
  const a = averageIntervals([{ value: 10, low: 9, high: 14 }])!;
  assertEquals([a.low, a.high], [9, 14]);
});

Deno.test("normalize puts ROUGE (0-1) and BLEU/SQuAD (0-100) on one 0-100 scale", () => {
  assertEquals(metricScale("rouge.rougeL"), 1);
  assertEquals(metricScale("bleu.bleu"), 100);
  assertEquals(metricScale("squad.f1"), 100);
  const r = normalize("rouge.rougeL", {
    value: 0.25,
    ciLow: 0.2,
    ciHigh: 0.3,
    higherIsBetter: true,
  });
  assertAlmost(r.value, 25);
  assertAlmost(r.low, 20);
  assertAlmost(r.high, 30);
  const b = normalize("bleu.bleu", { value: 25, ciLow: 20, ciHigh: 30, higherIsBetter: true });
  assertEquals(b, { value: 25, low: 20, high: 30 });
});
