/**
 * The regression gate's thresholds: how much slower a run may be than the
 * median of the last runs of its cell, how much quality may drop, how much
 * history a speed verdict needs. Defaults here; a JSON file may override any
 * of them (unknown keys and out-of-range values are errors).
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { readJsonFile } from "../targets/json_file.ts";

/** Thresholds of `deno task compare`. */
export interface Thresholds {
  /** Time to first token may be at most this times the reference (1.20). */
  readonly ttftRatioMax: number;
  /** Time per output token may be at most this times the reference (1.20). */
  readonly tpotRatioMax: number;
  /** Decode throughput must be at least this times the reference (0.85). */
  readonly throughputRatioMin: number;
  /** Peak resident memory may be at most this times the reference (1.10). */
  readonly peakMemoryRatioMax: number;
  /** The reference is the median of the last `window` ok runs of the cell (5). */
  readonly window: number;
  /** Fewest earlier ok runs for a speed verdict; fewer is "insufficient data" (1). */
  readonly minHistory: number;
  /** One-sided significance level of the paired bootstrap (0.01). */
  readonly qualityAlpha: number;
  /** Smallest quality drop that counts, in points on the 0-100 scale (1). */
  readonly qualityMinPoints: number;
}

/** The defaults (docs/hardware-runs.md). */
export const DEFAULT_THRESHOLDS: Thresholds = {
  ttftRatioMax: 1.2,
  tpotRatioMax: 1.2,
  throughputRatioMin: 0.85,
  peakMemoryRatioMax: 1.1,
  window: 5,
  minHistory: 1,
  qualityAlpha: 0.01,
  qualityMinPoints: 1,
};

const RANGES: Record<keyof Thresholds, [number, number, boolean]> = {
  ttftRatioMax: [1, 100, false],
  tpotRatioMax: [1, 100, false],
  throughputRatioMin: [0, 1, false],
  peakMemoryRatioMax: [1, 100, false],
  window: [1, 1000, true],
  minHistory: [1, 1000, true],
  qualityAlpha: [0, 0.5, false],
  qualityMinPoints: [0, 100, false],
};

/** Checks a parsed thresholds object and fills in the defaults. */
export function parseThresholds(value: unknown, file: string): Thresholds {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError("thresholds must be a JSON object", { file, field: "(file)", value });
  }
  const out: Record<string, number> = { ...DEFAULT_THRESHOLDS };
  for (const [key, v] of Object.entries(value)) {
    if (key === "$schema") continue;
    const range = RANGES[key as keyof Thresholds];
    if (!range) {
      throw new ConfigError(`unknown key; allowed: ${Object.keys(RANGES).join(", ")}`, {
        file,
        field: key,
        value: v,
      });
    }
    const [lo, hi, int] = range;
    if (typeof v !== "number" || !(v >= lo && v <= hi) || (int && !Number.isInteger(v))) {
      throw new ConfigError(`must be ${int ? "an integer" : "a number"} in [${lo}, ${hi}]`, {
        file,
        field: key,
        value: v,
      });
    }
    out[key] = v;
  }
  return out as unknown as Thresholds;
}

/** Reads a thresholds file (see {@linkcode parseThresholds}). */
export async function loadThresholds(file: string): Promise<Thresholds> {
  const value = await readJsonFile(file, "the thresholds file");
  return parseThresholds(value, file);
}
