/**
 * The loaded model: validates generation options, splits requests into
 * batches, runs each batch and assembles per-request results and timings.
 *
 * @module
 */
import { ConfigError, ModelError } from "../core/errors.ts";
import type { InferenceSession } from "./runtime.ts";
import { type EngineParts, runBatch } from "./batch_runner.ts";
import { type RowSettings, RowState } from "./row_state.ts";
import type { TextTokenizer } from "./text_tokenizer.ts";
import type {
  Decoding,
  GenerateOptions,
  GenerateRequest,
  GenerateResult,
  LoadedModel,
  LoadedModelInfo,
} from "./types.ts";

/** What `loadModel` hands over. */
export interface OnnxModelParts {
  readonly info: LoadedModelInfo;
  readonly tokenizer: TextTokenizer;
  readonly parts: EngineParts;
  readonly eosIds: readonly number[];
  readonly sessions: readonly InferenceSession[];
}

function checkOptions(o: GenerateOptions): void {
  const bad = (field: string, value: unknown, why: string): never => {
    throw new ConfigError(why, { field, value });
  };
  if (!Number.isInteger(o.maxNewTokens) || o.maxNewTokens < 1) {
    bad("maxNewTokens", o.maxNewTokens, "must be an integer >= 1");
  }
  if (o.batchSize !== undefined && (!Number.isInteger(o.batchSize) || o.batchSize < 1)) {
    bad("batchSize", o.batchSize, "must be an integer >= 1");
  }
  const d = o.decoding;
  if (d?.kind === "sample") {
    if (!(d.temperature > 0) || !Number.isFinite(d.temperature)) {
      bad("decoding.temperature", d.temperature, "must be a number > 0");
    }
    if (d.topK !== undefined && (!Number.isInteger(d.topK) || d.topK < 0)) {
      bad("decoding.topK", d.topK, "must be an integer >= 0");
    }
    if (d.topP !== undefined && !(d.topP > 0 && d.topP <= 1)) {
      bad("decoding.topP", d.topP, "must be in (0, 1]");
    }
    if (!Number.isInteger(d.seed)) bad("decoding.seed", d.seed, "must be an integer");
  }
  if (o.stop?.some((s) => typeof s !== "string" || s.length === 0)) {
    bad("stop", o.stop, "stop strings must be non-empty strings");
  }
  if (o.exactNewTokens === true && (o.stop?.length ?? 0) > 0) {
    bad("stop", o.stop, "fixed-length generation (exactNewTokens) takes no stop strings");
  }
}

/**
 * A model loaded with ONNX Runtime. (Plain private fields, not `#` ones, so
 * wrappers made with `Object.create(model)` keep working.)
 */
export class OnnxModel implements LoadedModel {
  readonly info: LoadedModelInfo;
  readonly tokenizer: { encode(text: string): number[]; decode(ids: number[]): string };
  private warmups = 0;
  private readonly p: OnnxModelParts;
  private disposed = false;

  /** Wraps the parts built by `loadModel`. */
  constructor(p: OnnxModelParts) {
    this.p = p;
    this.info = p.info;
    this.tokenizer = { encode: p.tokenizer.encode, decode: p.tokenizer.decode };
  }

  /** Warm-up generations run so far. */
  get warmupRuns(): number {
    return this.warmups;
  }

  /** Runs untimed generations; see LoadedModel.warmup. */
  async warmup(runs = 1, options: Partial<GenerateOptions> = {}): Promise<void> {
    for (let i = 0; i < runs; i++) {
      // A model loaded without a tokenizer is fed one id (its padding id, always in range).
      const request = this.info.idsOnly
        ? { inputIds: [this.p.parts.padId] }
        : { text: "Warm-up run." };
      await this.generate([request], { maxNewTokens: 4, ...options });
      this.warmups++;
    }
  }

  /** See LoadedModel.generate. */
  async generate(
    requests: GenerateRequest[],
    options: GenerateOptions,
  ): Promise<GenerateResult[]> {
    if (this.disposed) throw new ModelError("model was disposed", { file: this.info.dir });
    checkOptions(options);
    const kvCache = options.kvCache ?? true;
    const p = this.p;
    if (kvCache && !p.parts.canCache) {
      throw new ModelError(
        "this export has no KV-cache inputs; generate with kvCache false (--no-cache)",
        { file: p.parts.first.io.file, field: "kvCache", value: true },
      );
    }
    const decoding: Decoding = options.decoding ?? { kind: "greedy" };
    const settings: RowSettings = {
      maxNewTokens: options.maxNewTokens,
      eosIds: new Set(p.eosIds),
      ignoreEos: options.ignoreEos === true || options.exactNewTokens === true,
      stop: options.stop ?? [],
      decoding,
      decode: (ids) => p.tokenizer.decode(ids),
      ...(options.onToken ? { onToken: options.onToken } : {}),
    };
    const size = options.batchSize ?? Math.max(1, requests.length);
    // with groupByLength, batch prompts of similar length together (stable,
    // by length), so a batch pads little; results go back in request order
    const order = requests.map((_, i) => i);
    if (options.groupByLength === true && size < requests.length) {
      const len = (r: GenerateRequest): number => r.inputIds?.length ?? r.text?.length ?? 0;
      order.sort((a, b) => len(requests[a]!) - len(requests[b]!) || a - b);
    }
    const results: GenerateResult[] = new Array(requests.length);
    for (let start = 0; start < order.length; start += size) {
      const idx = order.slice(start, start + size);
      const out = await this.runChunk(
        idx.map((i) => requests[i]!),
        idx,
        settings,
        kvCache,
        options.exactNewTokens === true,
      );
      out.forEach((r, k) => (results[idx[k]!] = r));
    }
    return results;
  }

  private async runChunk(
    chunk: GenerateRequest[],
    indices: readonly number[],
    settings: RowSettings,
    kvCache: boolean,
    exact = false,
  ): Promise<GenerateResult[]> {
    const p = this.p;
    const t0 = performance.now();
    const inputs = chunk.map((r, i) => {
      const ids = r.inputIds
        ? [...r.inputIds]
        : r.text !== undefined
        ? p.tokenizer.encode(r.text)
        : undefined;
      const field = `requests[${indices[i]}]`;
      if (!ids) throw new ConfigError("request has neither text nor inputIds", { field });
      if (ids.length === 0) {
        throw new ModelError("empty prompt: no input tokens", { file: this.info.dir, field });
      }
      if (ids.length > this.info.maxInputTokens) {
        throw new ModelError(
          `prompt longer than the model accepts (${this.info.maxInputTokens} tokens)`,
          {
            file: this.info.dir,
            field: `${field}.inputTokens`,
            value: ids.length,
          },
        );
      }
      for (const id of ids) {
        if (!Number.isInteger(id) || id < 0 || id >= p.parts.vocab) {
          throw new ModelError("token id outside the vocabulary", {
            file: this.info.dir,
            field,
            value: id,
          });
        }
      }
      return ids;
    });
    const tokenizeMs = performance.now() - t0;
    const positions = this.info.maxInputTokens;
    const rows = inputs.map((ids, i) => {
      // the decoder's sequence: the prompt (decoder-only) or the start token (encoder-decoder)
      const used = p.parts.architecture === "encoder-decoder" ? 1 : ids.length;
      const free = positions - used;
      if (free < 1) {
        throw new ModelError(
          `prompt leaves no position for a new token (the model has ${positions} positions)`,
          { file: this.info.dir, field: `requests[${indices[i]}].inputTokens`, value: ids.length },
        );
      }
      if (exact && free < settings.maxNewTokens) {
        throw new ModelError(
          `fixed-length generation of ${settings.maxNewTokens} new tokens does not fit: the ` +
            `prompt leaves ${free} of the model's ${positions} positions`,
          { file: this.info.dir, field: `requests[${indices[i]}].inputTokens`, value: ids.length },
        );
      }
      return new RowState(indices[i]!, settings, Math.min(settings.maxNewTokens, free));
    });
    const times = await runBatch(p.parts, inputs, rows, kvCache);
    const batchEnd = performance.now();
    const ttftMs = times.firstTokenAt - t0;
    return rows.map((row, i): GenerateResult => {
      const d0 = performance.now();
      const text = row.stopText ?? p.tokenizer.decode(row.tokens);
      const decodeMs = performance.now() - d0;
      const n = row.tokens.length;
      const firstAt = times.firstTokenAt;
      const tpotMs = n > 1 ? (row.lastTokenAt - firstAt) / (n - 1) : null;
      return {
        text,
        tokenIds: row.tokens,
        inputTokens: inputs[i]!.length,
        outputTokens: n,
        finishReason: row.finish ?? "length",
        maxNewTokens: row.limit,
        timings: {
          tokenizeMs,
          encoderMs: times.encoderMs,
          ttftMs,
          tpotMs,
          decodeTokensPerS: tpotMs && tpotMs > 0 ? 1000 / tpotMs : null,
          totalMs: row.lastTokenAt - t0 + decodeMs,
          sessionRunMs: times.sessionRunMs,
          batchMs: batchEnd - t0,
          batchRows: chunk.length,
        },
      };
    });
  }

  /**
   * Logits of the first generated position for a prompt (float32, whole
   * vocabulary): what reference.json's `first_logits` holds.
   */
  async firstStepLogits(inputIds: readonly number[]): Promise<Float32Array> {
    let captured: Float32Array | undefined;
    const settings: RowSettings = {
      maxNewTokens: 1,
      eosIds: new Set(),
      ignoreEos: true,
      stop: [],
      decoding: { kind: "greedy" },
      decode: (ids) => this.p.tokenizer.decode(ids),
      onLogits: (_i, step, row) => {
        if (step === 0) captured = row.slice();
      },
    };
    await this.runChunk([{ inputIds }], [0], settings, this.p.parts.canCache);
    return captured!;
  }

  /** Releases every session. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.p.sessions) await s.release();
  }
}
