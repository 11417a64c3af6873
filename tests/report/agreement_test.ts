import { assertEquals } from "./_assert.ts";
import { outputAgreement } from "../../src/report/agreement.ts";
import { buildReport, reportTables, tableObjects } from "../../src/report/mod.ts";
import type { CellRecord } from "../../src/core/record.ts";
import { latency, model, task } from "./_records.ts";

let n = 0;
function cell(
  m: string,
  target: string,
  digests: string[] | undefined,
  o: { dtype?: string; cpu?: string; at?: string; task?: string } = {},
): CellRecord {
  const r = latency(model(m, { dtype: o.dtype ?? "fp32", sha256: m.repeat(64) }), {
    ttft: 10,
    tps: 10,
    target,
    ...(o.at ? { at: o.at } : {}),
  });
  return {
    ...r,
    cellKey: `k${++n}`,
    task: task(o.task ?? "qa"),
    environment: { ...r.environment, cpu: o.cpu ?? "epyc", cores: 2 },
    efficiency: { ...r.efficiency!, ...(digests ? { outputDigests: digests } : {}) },
  };
}

const pick = (xs: readonly ReturnType<typeof outputAgreement>[number][]) =>
  xs.map((a) => [a.modelId, a.taskId, a.targetId, a.matched, a.of]);

Deno.test("agreement: other targets against cpu on the same files, dtype and task", () => {
  const got = outputAgreement([
    cell("a", "cpu", ["1", "2", "3"]),
    cell("a", "webgpu", ["1", "x", "3"]),
    cell("a", "cpu-1t", ["1", "2", "3", "4"]), // a sample more: compared over the shared three
    cell("a", "browser-wasm", ["1", "2", "3"], { dtype: "q8" }), // other weights: not compared
    cell("a", "cuda", ["9", "9", "9"], { task: "summarize" }), // no cpu cell of that task
    cell("a", "coreml", undefined), // no digests (an older record)
  ]);
  assertEquals(pick(got), [["a", "qa", "cpu-1t", 3, 3], ["a", "qa", "webgpu", 2, 3]]);
});

Deno.test("agreement: the cpu cell of the same machine is the reference, else the newest", () => {
  const old = "2026-11-01T00:00:00.000Z", recent = "2026-11-20T00:00:00.000Z";
  const records = [
    cell("a", "cpu", ["1", "1"], { cpu: "epyc", at: old }),
    cell("a", "cpu", ["2", "2"], { cpu: "m1", at: recent }),
    cell("a", "webgpu", ["1", "1"], { cpu: "epyc" }),
    cell("a", "cuda", ["2", "x"], { cpu: "xeon" }),
  ];
  const got = outputAgreement(records);
  assertEquals(pick(got), [["a", "qa", "cuda", 1, 2], ["a", "qa", "webgpu", 2, 2]]);
  assertEquals(got.map((a) => a.referenceCellKey), [records[1]!.cellKey, records[0]!.cellKey]);
});

Deno.test("agreement: the report carries it and its download table", () => {
  const r = buildReport([cell("a", "cpu", ["1", "2"]), cell("a", "webgpu", ["1", "3"])], {
    generatedAt: "x",
  });
  assertEquals(pick(r.agreement), [["a", "qa", "webgpu", 1, 2]]);
  const t = tableObjects(reportTables(r).find((x) => x.name === "agreement")!);
  assertEquals(t.map((x) => [x.model, x.target, x.reference_target, x.matched, x.of]), [
    ["a", "webgpu", "cpu", 1, 2],
  ]);
});
