/**
 * Whether the visitor's device computes what the board's `cpu` target
 * computes: its latency cell's greedy tokens (output digests) against the
 * board's `cpu` cell of the same model and task, when both ran the same
 * weights. A device that gives other tokens has timings of another
 * computation (a broken driver or kernel), however fast.
 *
 * @module
 */
import type { BoardPoint } from "../core/device.ts";
import type { CellRecord } from "../core/record.ts";
import { matchingOutputs, REFERENCE_TARGET } from "../report/agreement.ts";

/** Latency samples with the board's tokens, or why they cannot be compared. */
export type DeviceAgreement =
  | { readonly matched: number; readonly of: number }
  | { readonly reason: string };

/** Compares a device latency record with the board's `cpu` point of the same model and task. */
export function deviceAgreement(
  board: readonly BoardPoint[],
  record: CellRecord,
): DeviceAgreement {
  const ref = board.find((b) =>
    b.target === REFERENCE_TARGET && b.model === record.model.id && b.task === record.task?.id
  );
  const mine = record.efficiency?.outputDigests;
  if (!ref?.outputDigests || !mine) {
    return { reason: `no ${REFERENCE_TARGET} tokens on the board` };
  }
  if (ref.dtype !== record.model.dtype) {
    return { reason: `${record.model.dtype} weights here, ${ref.dtype} on the board` };
  }
  return matchingOutputs(mine, ref.outputDigests);
}
