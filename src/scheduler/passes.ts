/**
 * The measurement passes a cell runs inside its subprocess: quality (batched
 * generation over the split, scored with CIs), latency (batch 1 on a fixed
 * subset after warm-up, repeated until a minimum count and duration) and the
 * input-length sweep. docs/method.md defines every quantity.
 *
 * @module
 */
import type { Efficiency, LatencyRules, SweepPoint } from "../core/record.ts";
import type { GenerateOptions, GenerateResult, LoadedModel } from "../engine/types.ts";
import { summarize } from "../results/stat.ts";

/** Reports progress of a phase. */
export type ProgressFn = (phase: string, done: number, total: number) => void;

/** Timing statistics of a set of results (efficiency without load and memory). */
export function timingStats(
  results: readonly GenerateResult[],
): Pick<
  Efficiency,
  | "ttftMs"
  | "encoderMs"
  | "tpotMs"
  | "decodeTokensPerS"
  | "totalMs"
  | "inputTokens"
  | "outputTokens"
> {
  const pick = (f: (r: GenerateResult) => number | null): number[] =>
    results.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
  return {
    ttftMs: summarize(pick((r) => r.timings.ttftMs)),
    encoderMs: summarize(pick((r) => r.timings.encoderMs)),
    tpotMs: summarize(pick((r) => r.timings.tpotMs)),
    decodeTokensPerS: summarize(pick((r) => r.timings.decodeTokensPerS)),
    totalMs: summarize(pick((r) => r.timings.totalMs)),
    inputTokens: summarize(pick((r) => r.inputTokens)),
    outputTokens: summarize(pick((r) => r.outputTokens)),
  };
}

/** One request for a timed loop. */
export type TimedRequest = { readonly text: string } | { readonly inputIds: readonly number[] };

/**
 * Runs `rules.warmupRuns` untimed generations of the first request, then
 * cycles through `requests` one at a time (batch 1) until at least
 * `rules.minRuns` runs and `rules.minDurationS` seconds of timed runs are done.
 * `meter`, when given, is started after the warm-up and stopped after the last
 * timed run (the energy of the timed runs only).
 */
export async function timedLoop(
  model: LoadedModel,
  requests: readonly TimedRequest[],
  options: GenerateOptions,
  rules: LatencyRules,
  progress: ProgressFn,
  phase = "latency",
  meter?: { start(): void; stop(): void },
): Promise<GenerateResult[]> {
  const first = requests[0];
  if (!first) throw new Error("the latency pass needs at least one sample");
  const batch1 = { ...options, batchSize: 1 };
  for (let i = 0; i < rules.warmupRuns; i++) {
    await model.generate([first], batch1);
    progress("warmup", i + 1, rules.warmupRuns);
  }
  const results: GenerateResult[] = [];
  let elapsedMs = 0;
  meter?.start();
  for (let i = 0; results.length < rules.minRuns || elapsedMs < rules.minDurationS * 1000; i++) {
    const request = requests[i % requests.length] as TimedRequest;
    const t0 = performance.now();
    const [result] = await model.generate([request], batch1);
    elapsedMs += performance.now() - t0;
    if (result) results.push(result);
    // Progress is the lesser of the two minimums' fractions, in thousandths.
    const frac = Math.min(
      results.length / rules.minRuns,
      rules.minDurationS > 0 ? elapsedMs / (rules.minDurationS * 1000) : 1,
      1,
    );
    progress(phase, Math.round(frac * 1000), 1000);
  }
  meter?.stop();
  return results;
}

/** Tokens kept from the end of a truncated input (as the zoo's training did). */
export const KEEP_TAIL_TOKENS = 16;

/**
 * The token ids of one input, cut to the limit when too long, keeping the
 * head and the last {@linkcode KEEP_TAIL_TOKENS} tokens. The limit is the
 * smallest of `inputLimit` and the model's maximum (less `maxNewTokens` for
 * decoder-only models, whose output shares the positions).
 */
export function fitIds(
  model: LoadedModel,
  text: string,
  maxNewTokens: number,
  inputLimit?: number,
): number[] {
  const room = model.info.architecture === "decoder-only"
    ? model.info.maxInputTokens - maxNewTokens
    : model.info.maxInputTokens;
  const limit = Math.max(KEEP_TAIL_TOKENS + 1, Math.min(room, inputLimit ?? room));
  const ids = model.tokenizer.encode(text);
  if (ids.length <= limit) return ids;
  return [...ids.slice(0, limit - KEEP_TAIL_TOKENS), ...ids.slice(-KEEP_TAIL_TOKENS)];
}

/**
 * The request for one input: its text when it fits (so a timed run includes
 * tokenization), else its ids cut by {@linkcode fitIds}.
 */
export function fitInput(
  model: LoadedModel,
  text: string,
  maxNewTokens: number,
  inputLimit?: number,
): TimedRequest {
  const ids = fitIds(model, text, maxNewTokens, inputLimit);
  return ids.length === model.tokenizer.encode(text).length ? { text } : { inputIds: ids };
}

/** Deterministic synthetic token ids of exactly `length` tokens, from real text. */
export function syntheticIds(model: LoadedModel, length: number): number[] {
  const filler = "The quick brown fox jumps over the lazy dog while the river runs to the sea. ";
  const unit = model.tokenizer.encode(filler.repeat(8));
  if (unit.length === 0) throw new Error("the tokenizer encodes the filler text to nothing");
  const ids: number[] = [];
  while (ids.length < length) ids.push(...unit);
  return ids.slice(0, length);
}

/** Runs the sweep grid; lengths the model cannot take are skipped. */
export async function sweepPass(
  model: LoadedModel,
  grid: {
    readonly inputLengths: readonly number[];
    readonly outputLengths: readonly number[];
    readonly kvCache: readonly boolean[];
  },
  rules: LatencyRules,
  progress: ProgressFn,
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  const max = model.info.maxInputTokens;
  // Decoder-only models hold input and output in the same positions.
  const fits = (n: number, m: number): boolean =>
    model.info.architecture === "decoder-only" ? n + m <= max : n <= max;
  const combos = grid.inputLengths.flatMap((n) =>
    grid.outputLengths.filter((m) => fits(n, m)).flatMap((m) =>
      grid.kvCache.filter((kv) => kv === false || model.info.kvCache).map((kv) => ({
        n,
        m,
        kv,
      }))
    )
  );
  for (const [i, { n, m, kv }] of combos.entries()) {
    const ids = syntheticIds(model, n);
    const results = await timedLoop(
      model,
      [{ inputIds: ids }],
      { maxNewTokens: m, ignoreEos: true, kvCache: kv, decoding: { kind: "greedy" } },
      rules,
      () => {},
      "sweep",
    );
    const t = timingStats(results);
    points.push({
      inputTokens: n,
      outputTokens: m,
      kvCache: kv,
      ttftMs: t.ttftMs,
      tpotMs: t.tpotMs,
      decodeTokensPerS: t.decodeTokensPerS,
      totalMs: t.totalMs,
    });
    progress("sweep", i + 1, combos.length);
  }
  return points;
}
