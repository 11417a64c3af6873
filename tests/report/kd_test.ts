import { assert, assertAlmost, assertEquals } from "./_assert.ts";
import { baselineOf, buildReport, kdDeltas } from "../../src/report/mod.ts";
import { model, quality } from "./_records.ts";

const dec = model("dec-base");
const decKd = model("dec-kd", { distilled: true, teacher: "teacher" });
const ed = model("ed-base", { architecture: "encoder-decoder", split: "2/3-1/3" });
const edKd = model("ed-kd", { architecture: "encoder-decoder", split: "2/3-1/3", distilled: true });
const ed12 = model("ed12-base", { architecture: "encoder-decoder", split: "1/2-1/2" });
const teacher = model("teacher", { role: "teacher", params: { total: 90_000_000 } });

Deno.test("baselineOf pairs a student with the baseline of its architecture and split", () => {
  const all = [dec, decKd, ed, edKd, ed12, teacher];
  assertEquals(baselineOf(decKd, all)?.id, "dec-base");
  assertEquals(baselineOf(edKd, all)?.id, "ed-base");
  assertEquals(baselineOf(model("x-kd", { distilled: true, split: "9/9" }), all), null);
});

Deno.test("kdDeltas: distilled minus baseline per task and on the average, normalised", () => {
  const records = [
    quality(dec, "qa", { value: 50, half: 2 }),
    quality(decKd, "qa", { value: 53, half: 2 }),
    quality(dec, "sum", { metric: "rouge.rougeL", value: 0.2, half: 0.01 }),
    quality(decKd, "sum", { metric: "rouge.rougeL", value: 0.25, half: 0.01 }),
    quality(ed, "qa", { value: 60, half: 2 }),
    quality(ed, "sum", { metric: "rouge.rougeL", value: 0.3, half: 0.01 }),
  ];
  const r = buildReport(records, { generatedAt: "x" });
  const d = kdDeltas(r.rows, new Map());
  assertEquals(d.map((x) => `${x.student}/${x.baseline}/${x.taskId}`), [
    "dec-kd/dec-base/qa",
    "dec-kd/dec-base/sum",
    "dec-kd/dec-base/avg",
  ]);
  assertAlmost(d[0]!.delta.value, 3);
  // Without samples: the two half-widths combine in quadrature.
  assertAlmost(d[0]!.delta.high - d[0]!.delta.value, Math.hypot(2, 2));
  assertEquals(d[0]!.method, "quadrature");
  assertAlmost(d[1]!.delta.value, 5, 1e-9); // 0.25 - 0.20 ROUGE = 5 points
  assertAlmost(d[2]!.delta.value, 4); // (3 + 5) / 2
  assert.ok(d[2]!.delta.low < 4 && d[2]!.delta.high > 4);
});

Deno.test("kdDeltas uses a paired bootstrap when both cells have per-sample scores", () => {
  const a = quality(dec, "qa", { value: 50, half: 10 });
  const b = quality(decKd, "qa", { value: 52, half: 10 });
  const mk = (cellKey: string, shift: number) =>
    Array.from({ length: 30 }, (_, i) => ({
      schema: "encoder-bench/sample@1" as const,
      cellKey,
      sampleId: `s${i}`,
      inputSha256: "",
      input: "",
      references: [],
      prediction: "",
      scores: { "squad.f1": 50 + ((i * 29) % 40) - 20 + shift },
      inputTokens: 1,
      outputTokens: 1,
    }));
  const samples = new Map([[a.cellKey, mk(a.cellKey, 0)], [b.cellKey, mk(b.cellKey, 2)]]);
  const r = buildReport([a, b], { samples, generatedAt: "x" });
  const d = r.kd.find((x) => x.taskId === "qa")!;
  assertEquals(d.method, "paired-bootstrap");
  assertAlmost(d.delta.value, 2);
  // Every sample gains exactly 2: the paired interval collapses onto 2.
  assertAlmost(d.delta.low, 2, 1e-9);
  assertAlmost(d.delta.high, 2, 1e-9);
});

Deno.test("kdDeltas shows the teacher's own score and flags a teacher below the baseline", () => {
  const records = [
    quality(dec, "qa", { value: 50, half: 2 }),
    quality(decKd, "qa", { value: 53, half: 2 }),
    quality(teacher, "qa", { value: 45, half: 2 }),
    quality(dec, "sum", { metric: "rouge.rougeL", value: 0.2, half: 0.01 }),
    quality(decKd, "sum", { metric: "rouge.rougeL", value: 0.25, half: 0.01 }),
    quality(teacher, "sum", { metric: "rouge.rougeL", value: 0.4, half: 0.01 }),
  ];
  const d = buildReport(records, { generatedAt: "x" }).kd;
  const qa = d.find((x) => x.taskId === "qa")!, sum = d.find((x) => x.taskId === "sum")!;
  assertEquals([qa.teacherScore?.value, qa.baselineScore.value, qa.teacherBelowBaseline], [
    45,
    50,
    true,
  ]);
  assertAlmost(sum.teacherScore!.value, 40, 1e-9);
  assertEquals(sum.teacherBelowBaseline, false);
  const avg = d.find((x) => x.taskId === "avg")!;
  assertAlmost(avg.teacherScore!.value, 42.5, 1e-9); // (45 + 40) / 2
  assertEquals(avg.teacherBelowBaseline, false); // 42.5 > (50 + 20) / 2
  // A student whose teacher was not measured gets null, not a guess.
  const none = buildReport(records.filter((r) => r.model.id !== "teacher"), { generatedAt: "x" });
  assertEquals(none.kd.map((x) => x.teacherBelowBaseline), [null, null, null]);
});
