/**
 * Short builders of cell records for the reduction, site and device tests: each is
 * `makeCell` (tests/results/_fixtures.ts, the one record factory) with the few fields these
 * tests vary.
 *
 * @module
 */
import type { CellRecord, ModelInfo, Stat, TaskInfo } from "../../src/core/mod.ts";
import { makeCell } from "../results/_fixtures.ts";

/** A statistic whose every quantile is `mean`. */
export function stat(mean: number, stdev = 0, n = 10): Stat {
  return { mean, p50: mean, p90: mean, p99: mean, stdev, min: mean, max: mean, n };
}

/** A 30M-parameter decoder-only student `id`; `o` replaces fields. */
export function model(id: string, o: Partial<ModelInfo> = {}): ModelInfo {
  const { split: _split, ...base } = makeCell().model;
  return {
    ...base,
    id,
    architecture: "decoder-only",
    modelType: "llama",
    params: { total: 30_000_000 },
    bytes: 1,
    sha256: "0".repeat(64),
    ...o,
  };
}

/** The task `id` (its family is its id). */
export function task(id: string): TaskInfo {
  return { ...makeCell().task!, id, family: id, datasetSha256: "0".repeat(64) };
}

let n = 0;
/** The fields every builder sets: model, a fresh cell key, run, time and target. */
function base(
  m: ModelInfo,
  o: { runId?: string; at?: string; target?: string },
): Partial<CellRecord> {
  n++;
  const at = o.at ?? "2026-01-01T00:00:00.000Z";
  return {
    runId: o.runId ?? "run-1",
    cellKey: `k${n}`,
    startedAt: at,
    finishedAt: at,
    durationS: 1,
    model: m,
    target: { id: o.target ?? "cpu", label: "CPU", device: "cpu", providers: [], session: {} },
  };
}

const settings = (profile: "quality" | "latency" | "sweep"): CellRecord["settings"] => ({
  profile,
  batchSize: 1,
  maxNewTokens: 8,
  limit: null,
  kvCache: true,
  decoding: "greedy",
  seed: 1,
});

/** A quality cell: `metric` value with a symmetric CI of half-width `half`. */
export function quality(
  m: ModelInfo,
  taskId: string,
  v: { metric?: string; value: number; half?: number; runId?: string; at?: string },
): CellRecord {
  const metric = v.metric ?? "squad.f1";
  const half = v.half ?? 1;
  return makeCell({
    ...base(m, v),
    task: task(taskId),
    settings: settings("quality"),
    quality: {
      primary: metric,
      metrics: {
        [metric]: {
          value: v.value,
          ciLow: v.value - half,
          ciHigh: v.value + half,
          higherIsBetter: true,
        },
      },
      n: 100,
      bootstrap: { resamples: 1000, seed: 1 },
      signatures: {},
    },
    efficiency: null,
  });
}

/** A latency cell with the given mean TTFT and decode throughput (peak memory 100 MiB unless `rss`). */
export function latency(
  m: ModelInfo,
  v: {
    ttft: number;
    tps: number;
    target?: string;
    runId?: string;
    at?: string;
    rss?: number | null;
  },
): CellRecord {
  return makeCell({
    ...base(m, v),
    task: null,
    settings: settings("latency"),
    quality: null,
    efficiency: {
      ttftMs: stat(v.ttft, v.ttft * 0.1),
      encoderMs: stat(0),
      tpotMs: stat(1000 / v.tps),
      decodeTokensPerS: stat(v.tps),
      totalMs: stat(v.ttft + 1000),
      inputTokens: stat(100),
      outputTokens: stat(10),
      loadMs: 1,
      peakRssMiB: v.rss === undefined ? 100 : v.rss,
      warmupRuns: 1,
    },
  });
}

/**
 * A shape cell (`model.role` `shape`, profile `shape`) of the shape `id` at one grid point:
 * mean TTFT `ttft` (stdev `sd`, `n` timed runs) and decode throughput `tps`.
 */
export function shapeCell(
  id: string,
  v: {
    arch: "encoder-decoder" | "decoder-only";
    ttft: number;
    tps: number;
    sd?: number;
    n?: number;
    input?: number;
    newTokens?: number;
    cache?: boolean;
    batch?: number;
    params?: number;
    dtype?: string;
    target?: string;
    device?: "cpu" | "gpu" | "npu";
    cpu?: string;
    status?: "ok" | "failed";
    runId?: string;
    at?: string;
  },
): CellRecord {
  const m = model(id, {
    architecture: v.arch,
    modelType: v.arch === "encoder-decoder" ? "t5" : "llama",
    role: "shape",
    distilled: false,
    params: { total: v.params ?? 100_000_000 },
    dtype: v.dtype ?? "fp32",
  });
  const b = base(m, v);
  const cell = makeCell();
  const sd = v.sd ?? 0;
  const n = v.n ?? 3;
  return makeCell({
    ...b,
    status: v.status ?? "ok",
    target: {
      ...b.target!,
      label: (v.target ?? "cpu").toUpperCase(),
      device: v.device ?? "cpu",
      providers: [{ name: v.target ?? "cpu" }],
    },
    task: null,
    settings: {
      profile: "shape",
      batchSize: v.batch ?? 1,
      maxNewTokens: v.newTokens ?? 32,
      limit: null,
      kvCache: v.cache ?? true,
      decoding: "greedy",
      seed: 0,
      latency: { warmupRuns: 1, minRuns: 3, minDurationS: 0.2 },
      inputTokens: v.input ?? 64,
    },
    quality: null,
    efficiency: {
      ttftMs: stat(v.ttft, sd, n),
      encoderMs: stat(0, 0, n),
      tpotMs: stat(1000 / v.tps, 0, n),
      decodeTokensPerS: stat(v.tps, v.tps * (sd / v.ttft), n),
      totalMs: stat(v.ttft + 32_000 / v.tps, 0, n),
      inputTokens: stat(v.input ?? 64, 0, n),
      outputTokens: stat(v.newTokens ?? 32, 0, n),
      loadMs: 1,
      peakRssMiB: 500,
      warmupRuns: 1,
    },
    environment: { ...cell.environment, cpu: v.cpu ?? cell.environment.cpu },
    error: v.status === "failed"
      ? { reason: "error", message: "boom", stderrTail: "", attempts: 1 }
      : null,
  });
}
