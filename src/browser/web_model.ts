/**
 * Loads a model over HTTP for the engine in the browser: fetches the folder's
 * JSON files and the ONNX files its manifest lists, creates the sessions with
 * the injected runtime (onnxruntime-web), and assembles the model with the
 * same code as `loadModel` in Deno.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";
import { assembleModel, type OpenedFile } from "../engine/assemble.ts";
import type { LoadedModel } from "../engine/types.ts";
import { readOnnx } from "../engine/onnx_file.ts";
import type { WeightFile } from "../engine/params.ts";
import { parseJsonObject, parseModelConfig } from "../engine/parse_config.ts";
import { pickLayout } from "../engine/pick_layout.ts";
import type { InferenceSession, OrtRuntime } from "../engine/runtime.ts";
import { makeTokenizer } from "../engine/text_tokenizer.ts";

/** Options of {@link loadWebModel}. */
export interface WebModelOptions {
  /** The runtime (onnxruntime-web). */
  readonly ort: OrtRuntime;
  /** Folder URL ending in `/`. */
  readonly base: string;
  /** Files of the folder (relative paths), as the device manifest lists them. */
  readonly files: readonly string[];
  readonly dtype: string;
  /** Target id recorded in the model's info. */
  readonly target: string;
  /** Session options (execution providers, threads). */
  readonly session: InferenceSession.SessionOptions;
  /** Called as the ONNX files arrive: files fetched so far and their count. */
  readonly onFiles?: (done: number, total: number) => void;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (cause) {
    throw new ModelError("missing file", { file: url, cause });
  }
  if (!res.ok) throw new ModelError(`missing file (HTTP ${res.status})`, { file: url });
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchJson(url: string, required: boolean): Promise<Record<string, unknown>> {
  try {
    return parseJsonObject(new TextDecoder().decode(await fetchBytes(url)), url);
  } catch (e) {
    if (!required && e instanceof ModelError && e.message.startsWith("missing file")) return {};
    throw e;
  }
}

/**
 * Loads a model folder served over HTTP.
 *
 * @throws {ModelError} like `loadModel`: missing file, corrupt ONNX, unknown
 *   architecture, vocabulary mismatch; each names the URL at fault.
 */
export async function loadWebModel(o: WebModelOptions): Promise<LoadedModel> {
  const t0 = performance.now();
  const configUrl = `${o.base}config.json`;
  const config = parseModelConfig(
    await fetchJson(configUrl, true),
    await fetchJson(`${o.base}generation_config.json`, false),
    configUrl,
  );
  const onnx = new Map<string, string>();
  for (const f of o.files) {
    const name = f.slice(f.lastIndexOf("/") + 1);
    if (name.endsWith(".onnx") && !onnx.has(name)) onnx.set(name, `${o.base}${f}`);
  }
  const layout = pickLayout(onnx, {
    dtype: o.dtype,
    isEncoderDecoder: config.isEncoderDecoder,
    dir: o.base,
    onnxDir: `${o.base}onnx`,
  });
  const tokUrl = `${o.base}tokenizer.json`;
  const tokenizer = makeTokenizer(
    await fetchJson(tokUrl, true),
    await fetchJson(`${o.base}tokenizer_config.json`, true),
    tokUrl,
  );
  const urls = [layout.encoder, layout.decoder, layout.decoderWithPast].filter(
    (u): u is string => u !== undefined,
  );
  const blobs: Uint8Array[] = [];
  let done = 0;
  o.onFiles?.(0, urls.length);
  for (const u of urls) {
    const b = await fetchBytes(u);
    blobs.push(b);
    done++;
    o.onFiles?.(done, urls.length);
  }
  const opened: OpenedFile[] = [];
  const open = async (url: string, role: WeightFile["role"]): Promise<OpenedFile> => {
    const bytes = blobs[urls.indexOf(url)]!;
    const info = readOnnx(bytes, url);
    let session: InferenceSession;
    try {
      session = await o.ort.InferenceSession.create(bytes, o.session);
    } catch (cause) {
      const why = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
      throw new ModelError(`ONNX Runtime cannot load the model (${why})`, { file: url, cause });
    }
    const f = { session, weights: { role, bytes, info }, bytes: bytes.length, files: [url] };
    opened.push(f);
    return f;
  };
  try {
    const decoderRole = layout.architecture === "encoder-decoder" ? "decoder" : "model";
    const enc = layout.encoder ? await open(layout.encoder, "encoder") : undefined;
    const dec = await open(layout.decoder, decoderRole);
    const decPast = layout.decoderWithPast
      ? await open(layout.decoderWithPast, decoderRole)
      : undefined;
    return assembleModel({
      dir: o.base,
      dtype: o.dtype,
      target: o.target,
      config,
      layout,
      tokenizer,
      ort: o.ort,
      ...(enc ? { enc } : {}),
      dec,
      ...(decPast ? { decPast } : {}),
      files: {
        config: configUrl,
        tokenizer: tokUrl,
        relative: (u) => u.startsWith(o.base) ? u.slice(o.base.length) : u,
      },
      t0,
    });
  } catch (e) {
    for (const f of opened) await f.session.release().catch(() => {});
    throw e;
  }
}
