/**
 * Architecture ratios per target, in the paper's style ("47% lower first-token
 * latency, 4.7x higher throughput"): each encoder-decoder model against the
 * decoder-only model with the same distillation status (not a teacher; nearest
 * in parameter count if several).
 *
 * @module
 */
import type { LeaderboardRow, ModelInfo } from "./types.ts";

/** One encoder-decoder vs decoder-only comparison on one target. */
export interface ArchRatio {
  /** Target id. */
  readonly targetId: string;
  /** Encoder-decoder model id. */
  readonly encDec: string;
  /** Its split, if recorded. */
  readonly split: string | null;
  /** Decoder-only model id. */
  readonly decOnly: string;
  /** Whether both are distilled. */
  readonly distilled: boolean;
  /** Mean TTFT of the encoder-decoder model, ms. */
  readonly encDecTtftMs: number;
  /** Mean TTFT of the decoder-only model, ms. */
  readonly decOnlyTtftMs: number;
  /** encDec TTFT / decOnly TTFT. */
  readonly ttftRatio: number;
  /** (1 - ttftRatio) * 100: percent lower first-token latency. */
  readonly ttftReductionPct: number;
  /** Mean decode throughput of the encoder-decoder model, tokens/s. */
  readonly encDecTokensPerS: number;
  /** Mean decode throughput of the decoder-only model, tokens/s. */
  readonly decOnlyTokensPerS: number;
  /** encDec throughput / decOnly throughput ("4.7x"). */
  readonly throughputRatio: number;
}

/** The decoder-only reference of an encoder-decoder model, or null. */
export function decoderReference(m: ModelInfo, models: readonly ModelInfo[]): ModelInfo | null {
  const c = models.filter((d) =>
    d.architecture === "decoder-only" && d.role !== "teacher" && d.distilled === m.distilled
  );
  c.sort((a, b) =>
    Math.abs(a.params.total - m.params.total) - Math.abs(b.params.total - m.params.total) ||
    (a.id < b.id ? -1 : 1)
  );
  return c[0] ?? null;
}

/** Every ratio the rows allow, by target then model id. */
export function archRatios(rows: readonly LeaderboardRow[]): ArchRatio[] {
  const models = rows.map((r) => r.model);
  const byId = new Map(rows.map((r) => [r.model.id, r]));
  const out: ArchRatio[] = [];
  for (const row of rows) {
    const m = row.model;
    if (m.architecture !== "encoder-decoder" || m.role === "teacher") continue;
    const ref = decoderReference(m, models);
    if (ref === null) continue;
    const refRow = byId.get(ref.id)!;
    for (const [targetId, e] of Object.entries(row.efficiency)) {
      const d = refRow.efficiency[targetId];
      if (d === undefined) continue;
      const ttftRatio = e.ttftMs.mean / d.ttftMs.mean;
      out.push({
        targetId,
        encDec: m.id,
        split: m.split ?? null,
        decOnly: ref.id,
        distilled: m.distilled,
        encDecTtftMs: e.ttftMs.mean,
        decOnlyTtftMs: d.ttftMs.mean,
        ttftRatio,
        ttftReductionPct: (1 - ttftRatio) * 100,
        encDecTokensPerS: e.tokensPerS.mean,
        decOnlyTokensPerS: d.tokensPerS.mean,
        throughputRatio: e.tokensPerS.mean / d.tokensPerS.mean,
      });
    }
  }
  out.sort((a, b) =>
    a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.encDec < b.encDec ? -1 : 1
  );
  return out;
}
