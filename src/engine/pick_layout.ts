/**
 * Recognises a model folder in the Hugging Face Optimum / transformers.js ONNX
 * layout and picks the files of one dtype variant.
 *
 * Decoder-only: `model.onnx`, or `decoder_model_merged.onnx`, or the pair
 * `decoder_model.onnx` + `decoder_with_past_model.onnx`. Encoder-decoder:
 * `encoder_model.onnx` with `decoder_model_merged.onnx`, or with the pair (or
 * `decoder_model.onnx` alone, which runs without a KV cache). Files live in
 * `onnx/` or at the root; variants carry a suffix: `_fp16`, `_quantized` (q8),
 * `_int8`, `_uint8`, `_q4`, `_q4f16`, `_bnb4` (`DTYPE_SUFFIX`, in `core/dtype.ts`
 * so that the site reads it without the engine). Pure: the folder's file list
 * comes from the caller (`resolveLayout` lists a folder; the browser reads a
 * manifest).
 *
 * @module
 */
import { DTYPE_SUFFIX } from "../core/dtype.ts";
import { ModelError } from "../core/errors.ts";

export { DTYPE_SUFFIX };

/** How the decoder is split into files. */
export type DecoderKind = "single" | "merged" | "pair" | "no-past";

/** The ONNX files of one model variant (absolute paths). */
export interface ModelLayout {
  /** Encoder-decoder or decoder-only. */
  readonly architecture: "encoder-decoder" | "decoder-only";
  /** The dtype chosen. */
  readonly dtype: string;
  /** Encoder file (encoder-decoder only). */
  readonly encoder?: string;
  /** Decoder run on the first step (and every step without cache). */
  readonly decoder: string;
  /** Decoder run on later steps with a cache, when it is a separate file. */
  readonly decoderWithPast?: string;
  /** How the decoder files are laid out. */
  readonly decoderKind: DecoderKind;
}

const BASES = [
  "model",
  "encoder_model",
  "decoder_model_merged",
  "decoder_model",
  "decoder_with_past_model",
];

/**
 * The ONNX files a folder offers, by file name, from its files' paths relative to the folder
 * (`/`-separated): those directly in `onnx/` first, then those at the root (a name in both
 * is the one in `onnx/`). The map `pickLayout` picks from; the Deno loader lists a folder into
 * it, the Hub pull a repository's file list.
 */
export function onnxFileMap(paths: Iterable<string>): Map<string, string> {
  const inOnnx: string[] = [];
  const atRoot: string[] = [];
  for (const p of paths) {
    if (!p.endsWith(".onnx")) continue;
    if (/^onnx\/[^/]+$/.test(p)) inOnnx.push(p);
    else if (!p.includes("/")) atRoot.push(p);
  }
  const found = new Map<string, string>();
  for (const p of [...inOnnx.sort(), ...atRoot.sort()]) {
    const name = p.slice(p.lastIndexOf("/") + 1);
    if (!found.has(name)) found.set(name, p);
  }
  return found;
}

/** The dtypes for which any known model file exists. */
function dtypesPresent(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [dtype, suffix] of Object.entries(DTYPE_SUFFIX)) {
    if (BASES.some((b) => files.has(`${b}${suffix}.onnx`))) out.push(dtype);
  }
  return out;
}

/**
 * Picks the files of a dtype from a folder's ONNX files (file name to path,
 * `onnx/` first); `dir` (the folder) and `onnxDir` (its `onnx/`) are named in errors.
 *
 * @throws {ModelError} unknown dtype, or a missing file (naming what was looked for
 *   and the dtypes that do exist).
 */
export function pickLayout(
  files: ReadonlyMap<string, string>,
  options: { dtype: string; isEncoderDecoder: boolean; dir: string; onnxDir: string },
): ModelLayout {
  const { dtype } = options;
  const suffix = DTYPE_SUFFIX[dtype];
  if (suffix === undefined) {
    throw new ModelError(`unknown dtype; known: ${Object.keys(DTYPE_SUFFIX).join(", ")}`, {
      file: options.dir,
      field: "dtype",
      value: dtype,
    });
  }
  const get = (base: string): string | undefined => files.get(`${base}${suffix}.onnx`);
  const missing = (what: string): ModelError => {
    const have = dtypesPresent(files);
    return new ModelError(
      `missing file: ${what} (dtype ${dtype}; dtypes present: ${have.join(", ") || "none"})`,
      { file: `${options.onnxDir}/${what}` },
    );
  };
  const encoder = get("encoder_model");
  const merged = get("decoder_model_merged");
  const plain = get("decoder_model");
  const withPast = get("decoder_with_past_model");
  const single = get("model");
  const isEncDec = options.isEncoderDecoder || encoder !== undefined;
  if (isEncDec) {
    if (!encoder) throw missing(`encoder_model${suffix}.onnx`);
    if (merged) {
      return {
        architecture: "encoder-decoder",
        dtype,
        encoder,
        decoder: merged,
        decoderKind: "merged",
      };
    }
    if (plain && withPast) {
      return {
        architecture: "encoder-decoder",
        dtype,
        encoder,
        decoder: plain,
        decoderWithPast: withPast,
        decoderKind: "pair",
      };
    }
    if (plain) {
      return {
        architecture: "encoder-decoder",
        dtype,
        encoder,
        decoder: plain,
        decoderKind: "no-past",
      };
    }
    throw missing(`decoder_model_merged${suffix}.onnx`);
  }
  if (single) {
    return { architecture: "decoder-only", dtype, decoder: single, decoderKind: "single" };
  }
  if (merged) {
    return { architecture: "decoder-only", dtype, decoder: merged, decoderKind: "merged" };
  }
  if (plain && withPast) {
    return {
      architecture: "decoder-only",
      dtype,
      decoder: plain,
      decoderWithPast: withPast,
      decoderKind: "pair",
    };
  }
  if (plain) return { architecture: "decoder-only", dtype, decoder: plain, decoderKind: "no-past" };
  throw missing(`model${suffix}.onnx`);
}
