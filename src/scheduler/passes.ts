/**
 * The measurement passes a cell runs inside its subprocess: quality (batched
 * generation over the split, scored with CIs), latency (batch 1 on a fixed
 * subset after warm-up, repeated until a minimum count and duration) and the
 * input-length sweep. docs/method.md defines every quantity.
 *
 * @module
 */
import type { CellSettings, Efficiency, LatencyRules, SweepPoint } from "../core/record.ts";
import { fnv1a32, mulberry32 } from "../core/prng.ts";
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
 * Runs `rules.warmupRuns` untimed generations of the first request(s), then
 * cycles through `requests` until at least `rules.minRuns` runs and
 * `rules.minDurationS` seconds of timed runs are done. A run is one generate
 * call of `options.batchSize` requests (default 1: batch 1, one request per
 * run); the results of every row of every timed run come back, in order.
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
  if (requests.length === 0) throw new Error("the latency pass needs at least one sample");
  const rows = options.batchSize ?? 1;
  const run = { ...options, batchSize: rows };
  const batch = (i: number): TimedRequest[] =>
    Array.from({ length: rows }, (_, r) => requests[(i * rows + r) % requests.length]!);
  for (let i = 0; i < rules.warmupRuns; i++) {
    await model.generate(batch(0), run);
    progress("warmup", i + 1, rules.warmupRuns);
  }
  const results: GenerateResult[] = [];
  let elapsedMs = 0;
  let runs = 0;
  meter?.start();
  for (let i = 0; runs < rules.minRuns || elapsedMs < rules.minDurationS * 1000; i++) {
    const t0 = performance.now();
    const out = await model.generate(batch(i), run);
    elapsedMs += performance.now() - t0;
    results.push(...out);
    runs++;
    // Progress is the lesser of the two minimums' fractions, in thousandths.
    const frac = Math.min(
      runs / rules.minRuns,
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

/**
 * The random input of a shape cell: `length` token ids drawn uniformly from `0 .. vocabSize - 1`
 * by the project's seeded generator, one stream per (seed, length), so every target and every
 * run times the same input. The length, not the text, sets what a forward pass costs.
 */
export function shapeInputIds(length: number, vocabSize: number, seed: number): number[] {
  const random = mulberry32(fnv1a32(`shape-input:${seed}:${length}`));
  return Array.from({ length }, () => Math.floor(random() * vocabSize));
}

/**
 * A shape cell's timed pass: `batchSize` rows of the same random input of `inputTokens` ids,
 * each decoding exactly `maxNewTokens` tokens (fixed length: EOS never stops a row), with the
 * cache on or off, warm-up then the repetition rules of `timedLoop`. Efficiency as a latency
 * cell's, plus the generated tokens per second of every row of the timed runs.
 */
export async function shapePass(
  model: LoadedModel,
  settings: CellSettings,
  progress: ProgressFn,
  meter?: { start(): void; stop(): void },
): Promise<{ results: GenerateResult[]; generatedTokensPerS: number }> {
  const n = settings.inputTokens;
  const rules = settings.latency;
  if (n === undefined || !rules) throw new Error("shape cell without an input length or rules");
  const ids = shapeInputIds(n, model.info.vocabSize, settings.seed);
  const results = await timedLoop(
    model,
    [{ inputIds: ids }],
    {
      maxNewTokens: settings.maxNewTokens,
      exactNewTokens: true,
      kvCache: settings.kvCache,
      batchSize: settings.batchSize,
      decoding: { kind: "greedy" },
    },
    rules,
    progress,
    "shape",
    meter,
  );
  // Each run's rows share its wall time (batchMs): count it once per run.
  let ms = 0;
  for (let i = 0; i < results.length; i += settings.batchSize) ms += results[i]!.timings.batchMs;
  const tokens = results.reduce((sum, r) => sum + r.outputTokens, 0);
  return { results, generatedTokensPerS: ms > 0 ? tokens / (ms / 1000) : 0 };
}
