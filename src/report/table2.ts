/**
 * The paper's Table 2 (330M models: first-token latency and throughput per
 * platform) beside the measured numbers. The paper's rows are constants from
 * the paper, labelled as such; measured rows pair, per target, the
 * decoder-only baseline with the encoder-decoder baseline (2/3-1/3 split when
 * present, as in the paper).
 *
 * @module
 */
import type { LeaderboardRow, TargetSummary } from "./types.ts";

/** One row of the paper's Table 2. */
export interface PaperEfficiency {
  /** Platform: GPU, CPU or NPU. */
  readonly platform: "GPU" | "CPU" | "NPU";
  /** `dec-only` or `enc-dec`. */
  readonly model: "dec-only" | "enc-dec";
  /** First-token latency, ms. */
  readonly ttftMs: number;
  /** Throughput, tokens/s. */
  readonly tokensPerS: number;
}

/** Table 2 of arXiv 2501.16273 (330M models), as published. */
export const PAPER_TABLE2: readonly PaperEfficiency[] = [
  { platform: "GPU", model: "dec-only", ttftMs: 149, tokensPerS: 9.7 },
  { platform: "GPU", model: "enc-dec", ttftMs: 86, tokensPerS: 37.4 },
  { platform: "CPU", model: "dec-only", ttftMs: 2242, tokensPerS: 4.0 },
  { platform: "CPU", model: "enc-dec", ttftMs: 1591, tokensPerS: 15.3 },
  { platform: "NPU", model: "dec-only", ttftMs: 358, tokensPerS: 26.5 },
  { platform: "NPU", model: "enc-dec", ttftMs: 189, tokensPerS: 123.8 },
];

/** A Table 2 row: the paper's numbers with the measured ones beside them. */
export interface Table2Row {
  /** Platform of the paper's row. */
  readonly platform: "GPU" | "CPU" | "NPU";
  /** Target id measured, or null when no target of that platform was measured. */
  readonly targetId: string | null;
  /** `dec-only` or `enc-dec`. */
  readonly model: "dec-only" | "enc-dec";
  /** Measured model id, or null. */
  readonly modelId: string | null;
  /** The paper's first-token latency, ms. */
  readonly paperTtftMs: number;
  /** Measured first-token latency, ms. */
  readonly measuredTtftMs: number | null;
  /** The paper's throughput, tokens/s. */
  readonly paperTokensPerS: number;
  /** Measured decode throughput, tokens/s. */
  readonly measuredTokensPerS: number | null;
}

function pick(
  rows: readonly LeaderboardRow[],
  arch: string,
  targetId: string,
): LeaderboardRow | null {
  const c = rows.filter((r) =>
    r.model.architecture === arch && !r.model.distilled && r.model.role !== "teacher" &&
    r.efficiency[targetId] !== undefined
  );
  c.sort((a, b) =>
    Number(b.model.split === "2/3-1/3") - Number(a.model.split === "2/3-1/3") ||
    Number(b.model.role === "student") - Number(a.model.role === "student") ||
    a.model.id.localeCompare(b.model.id)
  );
  return c[0] ?? null;
}

/** Table 2 with measured numbers for every target, grouped by platform. */
export function table2(
  rows: readonly LeaderboardRow[],
  targets: readonly TargetSummary[],
): Table2Row[] {
  const out: Table2Row[] = [];
  for (const platform of ["GPU", "CPU", "NPU"] as const) {
    const measured = targets.filter((t) => t.info.device.toUpperCase() === platform);
    const ids: (string | null)[] = measured.length > 0 ? measured.map((t) => t.info.id) : [null];
    for (const targetId of ids) {
      for (const model of ["dec-only", "enc-dec"] as const) {
        const paper = PAPER_TABLE2.find((p) => p.platform === platform && p.model === model)!;
        const row = targetId === null
          ? null
          : pick(rows, model === "dec-only" ? "decoder-only" : "encoder-decoder", targetId);
        const eff = row !== null && targetId !== null ? row.efficiency[targetId] : undefined;
        out.push({
          platform,
          targetId,
          model,
          modelId: row?.model.id ?? null,
          paperTtftMs: paper.ttftMs,
          measuredTtftMs: eff?.ttftMs.mean ?? null,
          paperTokensPerS: paper.tokensPerS,
          measuredTokensPerS: eff?.tokensPerS.mean ?? null,
        });
      }
    }
  }
  return out;
}
