import { assert, assertEquals } from "../report/_assert.ts";
import { groupRows, taskGroups } from "../../src/site/groups.ts";
import { averageIntervals, type Report } from "../../src/report/mod.ts";

const task = (id: string, kind: string, family: string) => ({ info: { id, kind, family } });
const score = (v: number) => ({ norm: { value: v, low: v - 2, high: v + 2 } });

const report = {
  tasks: [
    task("qa", "asymmetric", "qa"),
    task("summarize", "asymmetric", "summarization"),
    task("translate", "symmetric", "translation"),
    task("code_translate", "symmetric", "translation"),
  ],
  rows: [
    {
      model: { id: "a", architecture: "encoder-decoder" },
      scores: {
        qa: score(50),
        summarize: score(30),
        translate: score(20),
        code_translate: score(40),
      },
    },
    { model: { id: "b", architecture: "decoder-only" }, scores: { qa: score(10) } },
  ],
} as unknown as Report;

Deno.test("taskGroups: by kind, then by family, each with its tasks", () => {
  const groups = taskGroups(report);
  assertEquals(groups.map((g) => g.id), [
    "kind-asymmetric",
    "kind-symmetric",
    "family-qa",
    "family-summarization",
    "family-translation",
  ]);
  assertEquals(groups[1]!.tasks, ["translate", "code_translate"]);
});

Deno.test("groupRows: the report's averaging rule per group; null when a task is missing", () => {
  const groups = taskGroups(report);
  const [a, b] = groupRows(report, groups);
  assertEquals(a!.averages[0], averageIntervals([score(50).norm, score(30).norm]));
  assertEquals(a!.averages[1]!.value, 30);
  assert.ok(a!.averages[1]!.high - 30 < 2, "quadrature narrows the average's interval");
  assertEquals(b!.averages[0], null);
  assertEquals(b!.averages[2], averageIntervals([score(10).norm]));
});
