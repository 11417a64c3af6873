/**
 * `assembleModel`: from a model folder's parsed configuration, tokenizer,
 * chosen layout and open sessions (of any ONNX Runtime), checks the
 * vocabulary, builds the feeding plans and returns a model that generates.
 * Pure of file and runtime access: `loadModel` (Deno, onnxruntime-node) and
 * the browser loader (onnxruntime-web) both end here.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";
import type { EngineParts } from "./batch_runner.ts";
import type { ModelLayout } from "./pick_layout.ts";
import type { ModelConfig } from "./parse_config.ts";
import { countParams, type WeightFile } from "./params.ts";
import { OnnxModel } from "./onnx_model.ts";
import type { InferenceSession, OrtRuntime } from "./runtime.ts";
import { decoderIO, encoderIO } from "./session_io.ts";
import type { TextTokenizer } from "./text_tokenizer.ts";

/** One ONNX file opened as a session. */
export interface OpenedFile {
  readonly session: InferenceSession;
  readonly weights: WeightFile;
  /** Bytes of the file and its external data. */
  readonly bytes: number;
  /** The file and its external data files (paths as the loader names them). */
  readonly files: string[];
}

/** What {@link assembleModel} needs. */
export interface ModelParts {
  /** The model folder (or URL), for messages and `info.dir`. */
  readonly dir: string;
  readonly dtype: string;
  /** Target id recorded in `info.target`. */
  readonly target: string;
  readonly config: ModelConfig;
  readonly layout: ModelLayout;
  readonly tokenizer: TextTokenizer;
  /** Loaded without a tokenizer (`idsOnly`): `tokenizer` is the stand-in (default false). */
  readonly idsOnly?: boolean;
  /** The runtime the sessions belong to. */
  readonly ort: OrtRuntime;
  /** Encoder (encoder-decoder only), decoder, and decoder-with-past sessions. */
  readonly enc?: OpenedFile;
  readonly dec: OpenedFile;
  readonly decPast?: OpenedFile;
  /** Names of config.json and tokenizer.json for errors; file path to folder-relative name. */
  readonly files: {
    readonly config: string;
    readonly tokenizer: string;
    readonly relative: (path: string) => string;
  };
  /** performance.now() when loading began. */
  readonly t0: number;
}

/**
 * Builds the model from open sessions; the caller releases the sessions if it throws.
 *
 * @throws {ModelError} vocabulary size that does not match the logits, missing tensor names.
 */
export function assembleModel(m: ModelParts): OnnxModel {
  const { dir, dtype, target, config, layout, tokenizer, ort, enc, dec, decPast, files, t0 } = m;
  const opened = [enc, dec, decPast].filter((o): o is OpenedFile => o !== undefined);
  const fallback = {
    ...(config.kvHeads !== undefined ? { kvHeads: config.kvHeads } : {}),
    ...(config.headDim !== undefined ? { headDim: config.headDim } : {}),
  };
  const first = { session: dec.session, io: decoderIO(dec.session, layout.decoder, fallback) };
  const next = decPast
    ? {
      session: decPast.session,
      io: decoderIO(decPast.session, layout.decoderWithPast!, fallback),
    }
    : first;
  const canCache = layout.decoderKind === "pair" ||
    (first.io.cache.length > 0 &&
      (layout.decoderKind !== "merged" || first.io.useCacheBranch !== undefined));

  const logitsVocab = first.io.vocab ?? next.io.vocab;
  if (
    logitsVocab !== undefined && config.vocabSize !== undefined &&
    logitsVocab !== config.vocabSize
  ) {
    throw new ModelError(
      `vocabulary size does not match the logits (${layout.decoder} gives ${logitsVocab})`,
      { file: files.config, field: "vocab_size", value: config.vocabSize },
    );
  }
  const vocab = logitsVocab ?? config.vocabSize ?? tokenizer.vocabSize;
  if (tokenizer.vocabSize > vocab) {
    throw new ModelError(
      `vocabulary size does not match the logits: tokenizer has ${tokenizer.vocabSize} ids, logits ${vocab}`,
      { file: files.tokenizer, field: "vocab", value: tokenizer.vocabSize },
    );
  }
  const eosIds = config.eosIds.length > 0
    ? config.eosIds
    : [tokenizer.specialId("eos_token")].filter((x): x is number => x !== undefined);
  const padId = config.padId ?? tokenizer.specialId("pad_token") ?? eosIds[0] ?? 0;
  const isEncDec = layout.architecture === "encoder-decoder";
  const parts: EngineParts = {
    ort,
    architecture: layout.architecture,
    ...(enc
      ? { encoder: { session: enc.session, io: encoderIO(enc.session, layout.encoder!) } }
      : {}),
    first,
    next,
    recompute: first,
    canCache,
    padId,
    decoderStartId: config.decoderStartId ?? (isEncDec ? padId : (config.bosId ?? padId)),
    vocab,
  };
  const params = countParams(opened.map((o) => o.weights), vocab);
  const maxInputTokens = config.maxPositions ?? tokenizer.modelMaxLength ?? 512;
  return new OnnxModel({
    info: {
      dir,
      architecture: layout.architecture,
      modelType: config.modelType,
      params,
      bytes: opened.reduce((s, o) => s + o.bytes, 0),
      dtype,
      files: opened.flatMap((o) => o.files.map(files.relative)),
      maxInputTokens,
      loadMs: performance.now() - t0,
      kvCache: canCache,
      vocabSize: vocab,
      idsOnly: m.idsOnly ?? false,
      target,
    },
    tokenizer,
    parts,
    eosIds,
    sessions: opened.map((o) => o.session),
  });
}
