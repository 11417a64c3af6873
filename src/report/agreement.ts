/**
 * Output agreement across targets: a latency cell's greedy tokens (its
 * `outputDigests`) against those of the reference target `cpu` on the same
 * model files, dtype, task and settings. Equal tokens say the target computes
 * what ONNX Runtime's CPU provider computes; a difference says its timings are
 * those of another computation (as onnxruntime-web's int8 WebGPU kernels gave
 * on SwiftShader), whatever its speed.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import { machineId } from "../core/target.ts";
import type { OutputAgreement } from "./types.ts";

/** The target whose tokens are the reference: ONNX Runtime's CPU execution provider. */
export const REFERENCE_TARGET = "cpu";

/** What must be equal for two latency cells to be compared: all but the target and machine. */
function sameWork(r: CellRecord): string {
  return JSON.stringify([
    r.model.sha256,
    r.model.dtype,
    r.task?.id,
    r.task?.version,
    r.task?.datasetSha256,
    r.settings.maxNewTokens,
    r.settings.kvCache,
    r.settings.decoding,
  ]);
}

const machine = (r: CellRecord): string => machineId(r.environment);

/**
 * How many of two cells' latency samples gave the same greedy tokens, over
 * the samples both recorded (`of`), by their output digests in sample order.
 */
export function matchingOutputs(
  a: readonly string[],
  b: readonly string[],
): { matched: number; of: number } {
  const of = Math.min(a.length, b.length);
  let matched = 0;
  for (let i = 0; i < of; i++) if (a[i] === b[i]) matched++;
  return { matched, of };
}

/** The latency samples of several agreement entries together, or null when there are none. */
export function sumAgreement(
  xs: readonly OutputAgreement[],
): { matched: number; of: number } | null {
  return xs.length === 0 ? null : {
    matched: xs.reduce((n, a) => n + a.matched, 0),
    of: xs.reduce((n, a) => n + a.of, 0),
  };
}

/**
 * Compares every ok latency cell with digests on a target other than `cpu`
 * with the `cpu` cell of the same work (on the same machine when it ran there,
 * else the newest), over the latency samples both recorded. `records` are the
 * newest record of each cell key.
 */
export function outputAgreement(records: readonly CellRecord[]): OutputAgreement[] {
  const timed = records.filter((r) =>
    r.status === "ok" && r.settings.profile === "latency" && r.task !== null &&
    (r.efficiency?.outputDigests?.length ?? 0) > 0
  );
  const refs = new Map<string, CellRecord[]>();
  for (const r of timed) {
    if (r.target.id !== REFERENCE_TARGET) continue;
    const k = sameWork(r);
    refs.set(k, [...(refs.get(k) ?? []), r]);
  }
  const out: OutputAgreement[] = [];
  for (const r of timed) {
    if (r.target.id === REFERENCE_TARGET) continue;
    const candidates = refs.get(sameWork(r)) ?? [];
    const ref = candidates.find((c) => machine(c) === machine(r)) ??
      [...candidates].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0];
    if (!ref) continue;
    const { matched, of } = matchingOutputs(
      r.efficiency!.outputDigests!,
      ref.efficiency!.outputDigests!,
    );
    out.push({
      modelId: r.model.id,
      taskId: r.task!.id,
      targetId: r.target.id,
      cellKey: r.cellKey,
      referenceTargetId: REFERENCE_TARGET,
      referenceCellKey: ref.cellKey,
      matched,
      of,
    });
  }
  return out.sort((x, y) =>
    x.targetId.localeCompare(y.targetId) || x.modelId.localeCompare(y.modelId) ||
    x.taskId.localeCompare(y.taskId) || x.cellKey.localeCompare(y.cellKey)
  );
}
