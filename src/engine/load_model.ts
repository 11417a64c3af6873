/**
 * `loadModel`: reads a model folder (config, tokenizer, ONNX files of one
 * dtype), creates the ONNX Runtime sessions for a target, and returns a model
 * that generates.
 *
 * @module
 */
import { join, relative } from "node:path";
import { ModelError } from "../core/errors.ts";
import { ort } from "../targets/ort.ts";
import { sessionOptions } from "../targets/session_options.ts";
import { assembleModel, type OpenedFile } from "./assemble.ts";
import { readModelFolder } from "./model_config.ts";
import { readOnnx } from "./onnx_file.ts";
import type { WeightFile } from "./params.ts";
import type { InferenceSession, OrtRuntime } from "./runtime.ts";
import { loadTokenizer } from "./tokenizer.ts";
import type { LoadedModel, LoadOptions } from "./types.ts";

/** onnxruntime-node as the engine's runtime (the default of `loadModel`). */
export const nodeRuntime: OrtRuntime = ort as unknown as OrtRuntime;

async function openOnnx(
  runtime: OrtRuntime,
  path: string,
  role: WeightFile["role"],
  options: InferenceSession.SessionOptions,
): Promise<OpenedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (cause) {
    throw new ModelError("missing file", { file: path, cause });
  }
  const info = readOnnx(bytes, path);
  let size = bytes.length;
  const files = [path];
  for (const ext of info.externalFiles) {
    const p = join(path, "..", ext);
    try {
      size += (await Deno.stat(p)).size;
    } catch (cause) {
      throw new ModelError("missing file: external data of ONNX model", { file: p, cause });
    }
    files.push(p);
  }
  let session: InferenceSession;
  try {
    // from the bytes already read (one read per file), unless weights live outside
    session = info.externalFiles.length === 0
      ? await runtime.InferenceSession.create(bytes, options)
      : await runtime.InferenceSession.create(path, options);
  } catch (cause) {
    const why = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
    throw new ModelError(`ONNX Runtime cannot load the model (${why})`, { file: path, cause });
  }
  return { session, weights: { role, bytes, info }, bytes: size, files };
}

/**
 * Loads a model folder for a hardware target.
 *
 * @throws {ModelError} missing file, corrupt ONNX, unknown architecture,
 *   vocabulary size that does not match the logits, missing tensor names;
 *   each message names the file at fault.
 */
export async function loadModel(dir: string, options: LoadOptions): Promise<LoadedModel> {
  const t0 = performance.now();
  const dtype = options.dtype ?? "fp32";
  const { config, layout } = await readModelFolder(dir, dtype);
  const idsOnly = options.idsOnly ?? false;
  const tokenizer = await loadTokenizer(dir, idsOnly);
  const so = sessionOptions(options.target) as InferenceSession.SessionOptions;
  const runtime = options.runtime ?? nodeRuntime;
  const opened: OpenedFile[] = [];
  try {
    const decoderRole = layout.architecture === "encoder-decoder" ? "decoder" : "model";
    const enc = layout.encoder ? await openOnnx(runtime, layout.encoder, "encoder", so) : undefined;
    if (enc) opened.push(enc);
    const dec = await openOnnx(runtime, layout.decoder, decoderRole, so);
    opened.push(dec);
    const decPast = layout.decoderWithPast
      ? await openOnnx(runtime, layout.decoderWithPast, decoderRole, so)
      : undefined;
    if (decPast) opened.push(decPast);
    return assembleModel({
      dir,
      dtype,
      target: options.target.id,
      config,
      layout,
      tokenizer,
      idsOnly,
      ort: runtime,
      ...(enc ? { enc } : {}),
      dec,
      ...(decPast ? { decPast } : {}),
      files: {
        config: join(dir, "config.json"),
        tokenizer: join(dir, "tokenizer.json"),
        relative: (f) => relative(dir, f),
      },
      t0,
    });
  } catch (e) {
    for (const o of opened) await o.session.release().catch(() => {});
    throw e;
  }
}
