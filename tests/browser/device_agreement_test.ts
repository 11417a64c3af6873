import { assertEquals } from "../report/_assert.ts";
import { deviceAgreement } from "../../src/browser/device_agreement.ts";
import type { BoardPoint } from "../../src/core/device.ts";
import type { CellRecord } from "../../src/core/record.ts";
import { latency, model, task } from "../report/_records.ts";

const point = (target: string, digests?: string[]): BoardPoint => ({
  model: "a",
  task: "qa",
  target,
  ttftMs: 1,
  tpotMs: 1,
  decodeTokensPerS: 1,
  dtype: "fp32",
  ...(digests ? { outputDigests: digests } : {}),
  sampleQuality: null,
});

const mine = (dtype: string, digests: string[]): CellRecord => {
  const r = latency(model("a", { dtype }), { ttft: 10, tps: 10, target: "browser-webgpu" });
  return { ...r, task: task("qa"), efficiency: { ...r.efficiency!, outputDigests: digests } };
};

Deno.test("device agreement: the board's cpu tokens on the same weights", () => {
  const board = [point("cpu-1t", ["9", "9", "9"]), point("cpu", ["1", "2", "3"])];
  assertEquals(deviceAgreement(board, mine("fp32", ["1", "2", "3"])), { matched: 3, of: 3 });
  assertEquals(deviceAgreement(board, mine("fp32", ["1", "x", "3"])), { matched: 2, of: 3 });
  assertEquals(deviceAgreement(board, mine("q8", ["1", "2", "3"])), {
    reason: "q8 weights here, fp32 on the board",
  });
  assertEquals(deviceAgreement([point("cpu")], mine("fp32", ["1"])), {
    reason: "no cpu tokens on the board",
  });
});
