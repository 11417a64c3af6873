/**
 * Reads a decoder or encoder session's input/output metadata into a plan of
 * what to feed: tensor names, element types, and cache shapes (which axis is
 * the batch, which the sequence, the fixed head and head-size dims). Names and
 * shapes come from the session, with config.json only as a fallback for dims
 * that the export left symbolic.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";
import type { InferenceSession } from "./runtime.ts";
import type { FeedType } from "./tensors.ts";

/** One cache input and the output that refreshes it. */
export interface CacheSlot {
  /** Input name, e.g. `past_key_values.0.key` or `past_key_values.0.encoder.value`. */
  readonly past: string;
  /** Output name, e.g. `present.0.key`. */
  readonly present: string;
  /** Cross-attention cache (computed once from the encoder states). */
  readonly cross: boolean;
  /** Element type. */
  readonly type: "float32" | "float16";
  /** Axis of the batch. */
  readonly batchAxis: number;
  /** Axis of the cached sequence. */
  readonly seqAxis: number;
  /** Dims with batch and sequence set to 0 (filled in per use). */
  readonly dims: readonly number[];
}

/** The feeding plan of one decoder session. */
export interface DecoderIO {
  /** File the session came from (for error messages). */
  readonly file: string;
  readonly inputIds: { readonly name: string; readonly type: FeedType };
  readonly attentionMask?: { readonly name: string; readonly type: FeedType };
  readonly positionIds?: { readonly name: string; readonly type: FeedType };
  readonly tokenTypeIds?: { readonly name: string; readonly type: FeedType };
  readonly encoderHiddenStates?: { readonly name: string };
  readonly encoderAttentionMask?: { readonly name: string; readonly type: FeedType };
  readonly useCacheBranch?: { readonly name: string };
  /** Cache inputs, empty for a decoder without past. */
  readonly cache: readonly CacheSlot[];
  /** Logits output name. */
  readonly logits: string;
  /** Vocabulary size from the logits' last dim, when static. */
  readonly vocab?: number;
}

/** The feeding plan of an encoder session. */
export interface EncoderIO {
  readonly file: string;
  readonly inputIds: { readonly name: string; readonly type: FeedType };
  readonly attentionMask?: { readonly name: string; readonly type: FeedType };
  readonly tokenTypeIds?: { readonly name: string; readonly type: FeedType };
  /** Hidden states output name. */
  readonly hiddenStates: string;
}

type Meta = InferenceSession.ValueMetadata;
type TensorMeta = Meta & { isTensor: true; type: string; shape: ReadonlyArray<number | string> };

function tensorMeta(m: Meta): TensorMeta | undefined {
  return m.isTensor ? (m as TensorMeta) : undefined;
}

function feedType(m: TensorMeta, file: string): FeedType {
  const t = m.type;
  if (t === "int64" || t === "int32" || t === "float32" || t === "float16" || t === "bool") {
    return t;
  }
  throw new ModelError("unsupported input element type", { file, field: m.name, value: t });
}

/** Config values used when a cache dim is symbolic. */
export interface CacheFallback {
  readonly kvHeads?: number;
  readonly headDim?: number;
}

function cacheSlot(
  m: TensorMeta,
  outputs: ReadonlySet<string>,
  file: string,
  fallback: CacheFallback,
): CacheSlot {
  const candidates = [
    m.name.replace(/^past_key_values/, "present"),
    m.name.replace(/^past_key_values/, "present_key_values"),
    m.name.replace(/^past/, "present"),
  ];
  const cross = /\.encoder\.|cross/.test(m.name);
  // a with-past decoder does not return the cross-attention cache: it is kept from step one
  const present = candidates.find((c) => outputs.has(c)) ?? (cross ? candidates[0] : undefined);
  if (!present) {
    throw new ModelError(
      `missing tensor name: no output for cache input (tried ${candidates.join(", ")})`,
      {
        file,
        field: "outputs",
        value: m.name,
      },
    );
  }
  if (m.type !== "float32" && m.type !== "float16") {
    throw new ModelError("cache input must be float32 or float16", {
      file,
      field: m.name,
      value: m.type,
    });
  }
  const shape = m.shape;
  const sym = (
    i: number,
  ): string => (typeof shape[i] === "string" ? String(shape[i]).toLowerCase() : "");
  let batchAxis = shape.findIndex((_, i) => sym(i).includes("batch"));
  if (batchAxis < 0) batchAxis = 0;
  let seqAxis = shape.findIndex((_, i) =>
    i !== batchAxis && /seq|len|past|cache|total/.test(sym(i))
  );
  if (seqAxis < 0) seqAxis = shape.length === 4 ? 2 : -1;
  if (seqAxis < 0) {
    throw new ModelError("cannot tell the sequence axis of a cache input", {
      file,
      field: m.name,
      value: shape,
    });
  }
  const dims = shape.map((d, i) => {
    if (i === batchAxis || i === seqAxis) return 0;
    if (typeof d === "number" && d > 0) return d;
    const guess = shape.length === 4
      ? (i === 1 ? fallback.kvHeads : i === 3 ? fallback.headDim : undefined)
      : undefined;
    if (guess === undefined) {
      throw new ModelError(`cache dim ${i} is symbolic and config.json does not give it`, {
        file,
        field: m.name,
        value: shape,
      });
    }
    return guess;
  });
  return {
    past: m.name,
    present,
    cross,
    type: m.type,
    batchAxis,
    seqAxis,
    dims,
  };
}

/**
 * Builds the feeding plan of a decoder session.
 *
 * @throws {ModelError} an input it does not know, a cache input without its
 *   present output, no `input_ids` or no `logits`.
 */
export function decoderIO(
  session: InferenceSession,
  file: string,
  fallback: CacheFallback,
): DecoderIO {
  const outputs = new Set(session.outputNames);
  const io: { -readonly [K in keyof DecoderIO]: DecoderIO[K] } = {
    file,
    inputIds: { name: "", type: "int64" },
    cache: [],
    logits: "",
  };
  const cache: CacheSlot[] = [];
  for (const raw of session.inputMetadata) {
    const m = tensorMeta(raw);
    if (!m) throw new ModelError("non-tensor input", { file, field: "inputs", value: raw.name });
    const n = m.name;
    if (n === "input_ids" || n === "decoder_input_ids") {
      io.inputIds = { name: n, type: feedType(m, file) };
    } else if (n === "attention_mask" || n === "decoder_attention_mask") {
      io.attentionMask = { name: n, type: feedType(m, file) };
    } else if (n === "position_ids" || n === "decoder_position_ids") {
      io.positionIds = { name: n, type: feedType(m, file) };
    } else if (n === "token_type_ids") io.tokenTypeIds = { name: n, type: feedType(m, file) };
    else if (n === "encoder_hidden_states" || n === "encoder_outputs") {
      io.encoderHiddenStates = { name: n };
    } else if (n === "encoder_attention_mask") {
      io.encoderAttentionMask = { name: n, type: feedType(m, file) };
    } else if (n === "use_cache_branch") io.useCacheBranch = { name: n };
    else if (/^past/.test(n)) cache.push(cacheSlot(m, outputs, file, fallback));
    else {throw new ModelError("missing tensor name: unrecognised decoder input", {
        file,
        field: "inputs",
        value: n,
      });}
  }
  if (!io.inputIds.name) {
    throw new ModelError("missing tensor name: decoder has no input_ids input", {
      file,
      field: "inputs",
      value: session.inputNames,
    });
  }
  if (!outputs.has("logits")) {
    throw new ModelError("missing tensor name: decoder has no logits output", {
      file,
      field: "outputs",
      value: session.outputNames,
    });
  }
  io.logits = "logits";
  io.cache = cache;
  const lm = session.outputMetadata.map(tensorMeta).find((m) => m?.name === "logits");
  const last = lm?.shape[lm.shape.length - 1];
  if (typeof last === "number" && last > 0) io.vocab = last;
  return io;
}

/**
 * Builds the feeding plan of an encoder session.
 *
 * @throws {ModelError} an unknown input, or no `input_ids` / `last_hidden_state`.
 */
export function encoderIO(session: InferenceSession, file: string): EncoderIO {
  let inputIds: EncoderIO["inputIds"] | undefined;
  let attentionMask: EncoderIO["attentionMask"];
  let tokenTypeIds: EncoderIO["tokenTypeIds"];
  for (const raw of session.inputMetadata) {
    const m = tensorMeta(raw);
    if (!m) throw new ModelError("non-tensor input", { file, field: "inputs", value: raw.name });
    if (m.name === "input_ids") inputIds = { name: m.name, type: feedType(m, file) };
    else if (m.name === "attention_mask") attentionMask = { name: m.name, type: feedType(m, file) };
    else if (m.name === "token_type_ids") tokenTypeIds = { name: m.name, type: feedType(m, file) };
    else {throw new ModelError("missing tensor name: unrecognised encoder input", {
        file,
        field: "inputs",
        value: m.name,
      });}
  }
  if (!inputIds) {
    throw new ModelError("missing tensor name: encoder has no input_ids input", {
      file,
      field: "inputs",
      value: session.inputNames,
    });
  }
  const hidden = session.outputNames.includes("last_hidden_state")
    ? "last_hidden_state"
    : session.outputNames.length === 1
    ? session.outputNames[0]!
    : undefined;
  if (!hidden) {
    throw new ModelError("missing tensor name: encoder has no last_hidden_state output", {
      file,
      field: "outputs",
      value: session.outputNames,
    });
  }
  return {
    file,
    inputIds,
    ...(attentionMask ? { attentionMask } : {}),
    ...(tokenTypeIds ? { tokenTypeIds } : {}),
    hiddenStates: hidden,
  };
}
