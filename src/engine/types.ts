/**
 * The engine's contract with the scheduler: load a model folder, generate for
 * a list of requests, get back text, token ids and timings per request.
 *
 * @module
 */
import type { Target } from "../core/target.ts";
import type { OrtRuntime } from "./runtime.ts";

/** One generation request: text, or token ids (for synthetic length sweeps). */
export interface GenerateRequest {
  /** Prompt text, tokenised with the model's tokenizer (its template adds BOS/EOS). */
  readonly text?: string;
  /** Prompt token ids, used as they are (takes precedence over `text`). */
  readonly inputIds?: readonly number[];
}

/** How to pick the next token. */
export type Decoding =
  | { readonly kind: "greedy" }
  | {
    readonly kind: "sample";
    /** Softmax temperature, > 0. */
    readonly temperature: number;
    /** Keep the k most likely tokens. */
    readonly topK?: number;
    /** Nucleus: keep the most likely tokens up to this total probability. */
    readonly topP?: number;
    /** Seed; request i draws from its own stream derived from (seed, i). */
    readonly seed: number;
  };

/** Generation settings for one `generate` call. */
export interface GenerateOptions {
  /** Largest number of new tokens per request (eos included). */
  readonly maxNewTokens: number;
  /** Stop strings: generation of a row ends when its text contains one; the text is cut before it. */
  readonly stop?: readonly string[];
  /** KV cache (default true). False recomputes the whole decoder every step, as the paper's code does. */
  readonly kvCache?: boolean;
  /** Rows per batch (default: all requests in one batch). */
  readonly batchSize?: number;
  /**
   * Batch prompts of similar length together (stable sort by prompt length
   * before cutting batches), so batches pad less; results stay in request
   * order. Default false: batches are consecutive requests.
   */
  readonly groupByLength?: boolean;
  /** Greedy (default) or seeded sampling. */
  readonly decoding?: Decoding;
  /** Keep generating past eos until maxNewTokens (for fixed-length speed runs). */
  readonly ignoreEos?: boolean;
  /**
   * Fixed-length generation: every row decodes exactly `maxNewTokens` tokens. EOS does not
   * stop a row (as with `ignoreEos`), stop strings are refused, and a prompt that leaves the
   * model fewer free positions than `maxNewTokens` is an error instead of a shorter row.
   */
  readonly exactNewTokens?: boolean;
  /**
   * Called with each token as it is chosen: `request` is the request's index in this call
   * (streaming; the token may be eos, and stop strings are cut only in the result's text).
   */
  readonly onToken?: (request: number, tokenId: number) => void;
}

/**
 * Timings of one request, in milliseconds from a monotonic clock
 * (`performance.now()`).
 *
 * In a batch, the phases before the first token are the batch's and are shared
 * by its rows: `tokenizeMs` (tokenising every row of the batch), `encoderMs`
 * (the encoder run of an encoder-decoder model, or the prefill run of a
 * decoder-only model, which also yields the first token's logits), and
 * `ttftMs` (time to first token: from the batch's start, tokenisation
 * included, until every row has its first token). The later figures are the
 * row's own: `totalMs` runs from the batch's start until the row's last token
 * is chosen and its text decoded; `tpotMs` is (time of the row's last token -
 * time of its first token) / (outputTokens - 1), null for a single token;
 * `decodeTokensPerS` is 1000 / tpotMs. A row that finishes early stops at its
 * own last token, even though the batch goes on.
 */
export interface GenerateTimings {
  readonly tokenizeMs: number;
  readonly encoderMs: number;
  readonly ttftMs: number;
  readonly tpotMs: number | null;
  readonly decodeTokensPerS: number | null;
  readonly totalMs: number;
  /** Batch: time spent inside session.run (encoder and decoder), shared by the rows. */
  readonly sessionRunMs: number;
  /** Batch: wall time of the whole batch, shared by the rows. */
  readonly batchMs: number;
  /** Rows in the batch this request ran in. */
  readonly batchRows: number;
}

/** What one request produced. */
export interface GenerateResult {
  /** Generated text (special tokens skipped, cut before a stop string). */
  readonly text: string;
  /** Generated token ids, eos included when the row ended on it. */
  readonly tokenIds: number[];
  /** Prompt tokens. */
  readonly inputTokens: number;
  /** Generated tokens (= tokenIds.length). */
  readonly outputTokens: number;
  /** Why generation stopped. */
  readonly finishReason: "eos" | "stop" | "length";
  /**
   * This request's new-token budget: `maxNewTokens`, or fewer when the model's free
   * positions (`maxInputTokens` less the prompt, or less the decoder start token of an
   * encoder-decoder) run out first; a row that used it all finished with `length`.
   */
  readonly maxNewTokens: number;
  readonly timings: GenerateTimings;
}

/** Facts about a loaded model. */
export interface LoadedModelInfo {
  /** The model folder. */
  readonly dir: string;
  readonly architecture: "encoder-decoder" | "decoder-only";
  /** `model_type` from config.json. */
  readonly modelType: string;
  /** Parameter counts from the ONNX initialisers (shared weights once). */
  readonly params: {
    readonly total: number;
    readonly encoder?: number;
    readonly decoder?: number;
    readonly embeddings?: number;
  };
  /** Bytes of the ONNX files used (external data included). */
  readonly bytes: number;
  /** dtype variant loaded (`fp32`, `fp16`, `q8` ...). */
  readonly dtype: string;
  /** ONNX files used, relative to `dir`. */
  readonly files: string[];
  /**
   * The model's positions (config.json `max_position_embeddings` or the like): the longest
   * prompt accepted, in tokens, and the bound of the decoder's sequence (prompt plus new
   * tokens for a decoder-only model, start token plus new tokens for an encoder-decoder).
   */
  readonly maxInputTokens: number;
  /** Wall time to read the files and create the sessions. */
  readonly loadMs: number;
  /** Whether the model can run with a KV cache. */
  readonly kvCache: boolean;
  /** Token ids the model takes and emits: ids `0 .. vocabSize - 1` (the logits' width). */
  readonly vocabSize: number;
  /** True when loaded without a tokenizer (`LoadOptions.idsOnly`): requests give token ids. */
  readonly idsOnly: boolean;
  /** Id of the target the sessions run on. */
  readonly target: string;
}

/** A model ready to generate. */
export interface LoadedModel {
  readonly info: LoadedModelInfo;
  /** The model's tokenizer (encode adds the template's special tokens). */
  readonly tokenizer: { encode(text: string): number[]; decode(ids: number[]): string };
  /**
   * Generates for every request, in batches of `options.batchSize` (default:
   * one batch; consecutive requests, or grouped by prompt length with
   * `groupByLength`), and returns one result per request, in order.
   */
  generate(requests: GenerateRequest[], options: GenerateOptions): Promise<GenerateResult[]>;
  /**
   * Runs `runs` untimed generations (a short prompt, `maxNewTokens` tokens) so
   * later timings exclude first-run costs; they are counted in `warmupRuns`.
   */
  warmup(runs?: number, options?: Partial<GenerateOptions>): Promise<void>;
  /** Logits (float32) of the first generated position for a prompt, for checks against references. */
  firstStepLogits(inputIds: readonly number[]): Promise<Float32Array>;
  /** Warm-up generations run so far (excluded from every timing). */
  readonly warmupRuns: number;
  /** Releases the sessions. */
  dispose(): Promise<void>;
}

/** Options of `loadModel`. */
export interface LoadOptions {
  /** Hardware target: execution providers and session options. */
  readonly target: Target;
  /** The ONNX Runtime to run on (default onnxruntime-node). */
  readonly runtime?: OrtRuntime;
  /** Weight variant (default `fp32`): `fp16`, `q8`, `int8`, `uint8`, `q4`, `q4f16`, `bnb4`. */
  readonly dtype?: string;
  /**
   * Load without a tokenizer (default false): no `tokenizer.json` is read, so a folder without
   * one loads (the random-weight shapes of `models/shapes/`). Requests must then give
   * `inputIds`, and results have empty text.
   */
  readonly idsOnly?: boolean;
}
