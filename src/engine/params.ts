/**
 * Parameter counts from ONNX initialisers, with weights shared between files
 * (tied embeddings in encoder and decoder, the decoder / decoder-with-past pair)
 * counted once, and a `MatMulNBits` block-quantised weight as the `K` x `N` weights it
 * holds (its scales and zero points are not parameters).
 *
 * @module
 */
import { elementCount, type Initializer, isWeight, type OnnxFileInfo } from "./onnx_file.ts";

/** One parsed ONNX file of a model and the part of the model it holds. */
export interface WeightFile {
  /** Which part of the model: the whole model, or the encoder or decoder. */
  readonly role: "model" | "encoder" | "decoder";
  /** File bytes (used to tell identical tensors apart from look-alikes). */
  readonly bytes: Uint8Array;
  /** Parsed file. */
  readonly info: OnnxFileInfo;
}

/** Parameter counts of a model. */
export interface ParamCounts {
  /** Distinct weights over all files. */
  readonly total: number;
  /** Distinct weights of the encoder file, embeddings excluded (encoder-decoder models). */
  readonly encoder?: number;
  /** Distinct weights of the decoder file(s), embeddings excluded (encoder-decoder models). */
  readonly decoder?: number;
  /**
   * Distinct weights with a dimension equal to the vocabulary size: the token
   * embedding and an untied output projection.
   */
  readonly embeddings?: number;
}

function fingerprint(t: Initializer, bytes: Uint8Array): string {
  const head = `${t.dataType}:${t.dims.join("x")}`;
  if (t.external) {
    return `${head}:ext:${t.external.location}:${t.external.offset}:${t.external.length}`;
  }
  if (!t.raw) return `${head}:name:${t.name}`;
  // FNV-1a over up to 4096 evenly spaced bytes plus the length: distinct trained
  // or random tensors of one shape differ within the sample.
  const { offset, length } = t.raw;
  const step = Math.max(1, Math.floor(length / 4096));
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i += step) {
    h ^= bytes[offset + i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${head}:${length}:${h.toString(16)}`;
}

/**
 * Counts parameters over a model's files.
 *
 * @example
 * ```ts
 * import { countParams } from "./params.ts";
 * const none = countParams([], 100);
 * if (none.total !== 0) throw new Error("expected 0");
 * ```
 */
export function countParams(files: readonly WeightFile[], vocabSize?: number): ParamCounts {
  const all = new Map<string, number>();
  const byRole = { encoder: new Map<string, number>(), decoder: new Map<string, number>() };
  const embeddings = new Map<string, number>();
  for (const f of files) {
    for (const t of f.info.initializers) {
      if (!isWeight(t) || f.info.quantAux.has(t.name)) continue;
      const key = fingerprint(t, f.bytes);
      const n = f.info.packedWeights.get(t.name) ?? elementCount(t.dims);
      all.set(key, n);
      const isEmbedding = vocabSize !== undefined && t.dims.length >= 2 &&
        t.dims.includes(vocabSize);
      if (isEmbedding) embeddings.set(key, n);
      else if (f.role !== "model") byRole[f.role].set(key, n);
    }
  }
  const sum = (m: Map<string, number>): number => {
    let s = 0;
    for (const v of m.values()) s += v;
    return s;
  };
  const isEncDec = files.some((f) => f.role === "encoder");
  return {
    total: sum(all),
    ...(isEncDec ? { encoder: sum(byRole.encoder), decoder: sum(byRole.decoder) } : {}),
    ...(vocabSize !== undefined ? { embeddings: sum(embeddings) } : {}),
  };
}
