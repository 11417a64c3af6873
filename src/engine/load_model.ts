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
import type { EngineParts } from "./batch_runner.ts";
import { resolveLayout } from "./layout.ts";
import { readModelConfig } from "./model_config.ts";
import { readOnnx } from "./onnx_file.ts";
import { countParams, type WeightFile } from "./params.ts";
import { OnnxModel } from "./onnx_model.ts";
import { decoderIO, encoderIO } from "./session_io.ts";
import { loadTokenizer } from "./tokenizer.ts";
import type { LoadedModel, LoadOptions } from "./types.ts";

interface OpenedFile {
  readonly session: ort.InferenceSession;
  readonly weights: WeightFile;
  readonly bytes: number;
  readonly files: string[];
}

async function openOnnx(
  path: string,
  role: WeightFile["role"],
  options: ort.InferenceSession.SessionOptions,
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
  let session: ort.InferenceSession;
  try {
    // from the bytes already read (one read per file), unless weights live outside
    session = info.externalFiles.length === 0
      ? await ort.InferenceSession.create(bytes, options)
      : await ort.InferenceSession.create(path, options);
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
  const config = await readModelConfig(dir);
  const layout = await resolveLayout(dir, { dtype, isEncoderDecoder: config.isEncoderDecoder });
  const tokenizer = await loadTokenizer(dir);
  const so = sessionOptions(options.target);
  const opened: OpenedFile[] = [];
  try {
    const decoderRole = layout.architecture === "encoder-decoder" ? "decoder" : "model";
    const enc = layout.encoder ? await openOnnx(layout.encoder, "encoder", so) : undefined;
    if (enc) opened.push(enc);
    const dec = await openOnnx(layout.decoder, decoderRole, so);
    opened.push(dec);
    const decPast = layout.decoderWithPast
      ? await openOnnx(layout.decoderWithPast, decoderRole, so)
      : undefined;
    if (decPast) opened.push(decPast);

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

    const configFile = join(dir, "config.json");
    const logitsVocab = first.io.vocab ?? next.io.vocab;
    if (
      logitsVocab !== undefined && config.vocabSize !== undefined &&
      logitsVocab !== config.vocabSize
    ) {
      throw new ModelError(
        `vocabulary size does not match the logits (${layout.decoder} gives ${logitsVocab})`,
        { file: configFile, field: "vocab_size", value: config.vocabSize },
      );
    }
    const vocab = logitsVocab ?? config.vocabSize ?? tokenizer.vocabSize;
    if (tokenizer.vocabSize > vocab) {
      throw new ModelError(
        `vocabulary size does not match the logits: tokenizer has ${tokenizer.vocabSize} ids, logits ${vocab}`,
        { file: join(dir, "tokenizer.json"), field: "vocab", value: tokenizer.vocabSize },
      );
    }
    const eosIds = config.eosIds.length > 0
      ? config.eosIds
      : [tokenizer.specialId("eos_token")].filter((x): x is number => x !== undefined);
    const padId = config.padId ?? tokenizer.specialId("pad_token") ?? eosIds[0] ?? 0;
    const isEncDec = layout.architecture === "encoder-decoder";
    const parts: EngineParts = {
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
    const loadMs = performance.now() - t0;
    return new OnnxModel({
      info: {
        dir,
        architecture: layout.architecture,
        modelType: config.modelType,
        params,
        bytes: opened.reduce((s, o) => s + o.bytes, 0),
        dtype,
        files: opened.flatMap((o) => o.files.map((f) => relative(dir, f))),
        maxInputTokens,
        loadMs,
        kvCache: canCache,
        target: options.target.id,
      },
      tokenizer,
      parts,
      eosIds,
      sessions: opened.map((o) => o.session),
    });
  } catch (e) {
    for (const o of opened) await o.session.release().catch(() => {});
    throw e;
  }
}
