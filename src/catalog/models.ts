/**
 * Model discovery: every `models/<id>/config.json` (skipping `recipe`,
 * `tokenizer` and `shapes`), plus folders named by the user. The folder is read by the
 * engine's reader (`readModelFolder`): architecture, positions and layers are
 * the ones the engine runs; descriptive metadata comes from `card.json` when
 * present, and may not contradict the files. A malformed file is a
 * ConfigError naming the file and field; a sub-folder that is not a model
 * (no config.json) is reported through `onNote`.
 *
 * @module
 */
import { ConfigError, ModelError } from "../core/errors.ts";
import type { ModelInfo } from "../core/record.ts";
import { type ModelFolder, readModelFolder } from "../engine/model_config.ts";
import type { ChatTemplate } from "../engine/chat_template.ts";
import { readChatTemplate } from "../engine/chat_template_file.ts";

/** A discovered model, before its files are hashed. */
export interface ModelEntry {
  /** Model id: the folder name. */
  readonly id: string;
  /** Absolute folder path. */
  readonly dir: string;
  /** Metadata without the content hash and size (filled at plan time). */
  readonly info: Omit<ModelInfo, "sha256" | "bytes">;

  /**
   * Longest input the model was trained on (`max_source_tokens` or
   * `max_prompt_tokens` in config.json), when stated: eval truncates to it.
   */
  readonly trainedInputTokens?: number;
  /** The model's positions (config.json), when stated: the longest sequence it takes. */
  readonly positions?: number;

  /**
   * The files that make the model, relative to `dir`, when its source says (a Hub snapshot:
   * the files the engine needs for its dtype); else every file in `dir`. Its cell key hashes
   * these.
   */
  readonly files?: readonly string[];

  /**
   * The chat template that wraps a decoder-only model's prompts (from its folder), when it
   * has one: an instruction model. Its hash is part of the cell key.
   */
  readonly chatTemplate?: ChatTemplate;
}

/** Folders under `models/` that are not models (`shapes` holds the shape builds). */
const NOT_MODELS = new Set(["recipe", "tokenizer", "shapes"]);

type Obj = Record<string, unknown>;

async function readObject(path: string, required: boolean): Promise<Obj | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    if (!required && cause instanceof Deno.errors.NotFound) return undefined;
    throw new ConfigError("cannot read model file", { file: path, cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`not valid JSON (${(cause as Error).message})`, { file: path });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError("not a JSON object", { file: path });
  }
  return value as Obj;
}

function field<T>(
  obj: Obj,
  name: string,
  file: string,
  check: (v: unknown) => v is T,
  expected: string,
): T | undefined {
  const v = obj[name];
  if (v === undefined) return undefined;
  if (!check(v)) throw new ConfigError(`must be ${expected}`, { file, field: name, value: v });
  return v;
}

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isBool = (v: unknown): v is boolean => typeof v === "boolean";
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The encoder share of layers as the paper writes it: 2 + 1 layers is `2/3-1/3`. */
export function splitName(encoderLayers: number, decoderLayers: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const total = encoderLayers + decoderLayers;
  const g = gcd(gcd(encoderLayers, decoderLayers), total) || 1;
  return `${encoderLayers / g}/${total / g}-${decoderLayers / g}/${total / g}`;
}

function params(card: Obj | undefined, file: string): ModelInfo["params"] {
  if (!card) return { total: 0 };
  const name = card.params !== undefined ? "params" : "parameters";
  const raw = card[name];
  if (raw === undefined) return { total: 0 };
  if (isCount(raw)) return { total: raw };
  if (!isObj(raw)) {
    throw new ConfigError("must be a count or an object", { file, field: name, value: raw });
  }
  const out: { total: number; encoder?: number; decoder?: number; embeddings?: number } = {
    total: 0,
  };
  for (const k of ["total", "encoder", "decoder", "embeddings"] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    if (!isCount(v)) {
      throw new ConfigError("must be a non-negative integer", {
        file,
        field: `${name}.${k}`,
        value: v,
      });
    }
    out[k] = v;
  }
  return out;
}

/** The architecture a card states (an exact value or a description starting with one). */
function cardArchitecture(card: Obj, file: string): ModelInfo["architecture"] | undefined {
  const arch = field(card, "architecture", file, isString, "a string");
  if (arch?.startsWith("encoder-decoder")) return "encoder-decoder";
  if (arch?.startsWith("decoder-only")) return "decoder-only";
  return undefined;
}

/** The engine's reading of the folder; its errors become ConfigErrors (bad input to a plan). */
async function engineView(dir: string, dtype: string): Promise<ModelFolder> {
  try {
    return await readModelFolder(dir, dtype);
  } catch (cause) {
    if (cause instanceof ModelError) throw new ConfigError(cause.message, { cause });
    throw cause;
  }
}

async function chatOf(dir: string): Promise<ChatTemplate | undefined> {
  try {
    return await readChatTemplate(dir);
  } catch (cause) {
    if (cause instanceof ModelError) throw new ConfigError(cause.message, { cause });
    throw cause;
  }
}

/**
 * Reads one model folder: the engine's reading of its files, and its optional `card.json`.
 * The dtype is `dtype` when given (eval's `--dtype`), else the card's, else fp32.
 */
export async function readModelEntry(dir: string, dtype?: string): Promise<ModelEntry> {
  const abs = await Deno.realPath(dir).catch((cause) => {
    throw new ConfigError("model folder not found", { file: dir, cause });
  });
  const cardFile = `${abs}/card.json`;
  const card = await readObject(cardFile, false);
  const cardDtype = card ? field(card, "dtype", cardFile, isString, "a string") : undefined;
  const chosen = dtype ?? cardDtype ?? "fp32";
  const { config, layout } = await engineView(abs, chosen);
  const architecture = layout.architecture;
  const info: {
    -readonly [K in keyof ModelEntry["info"]]: ModelEntry["info"][K];
  } = {
    id: abs.split("/").pop() ?? abs,
    architecture,
    modelType: config.modelType,
    distilled: false,
    role: "external",
    params: params(card, cardFile),
    dtype: chosen,
  };
  if (card) {
    const stated = cardArchitecture(card, cardFile);
    if (stated !== undefined && stated !== architecture) {
      throw new ConfigError(
        `contradicts the model files, which the engine runs as ${architecture}`,
        {
          file: cardFile,
          field: "architecture",
          value: card.architecture,
        },
      );
    }
    const distillation = field(
      card,
      "distillation",
      cardFile,
      (v): v is Obj | null => v === null || isObj(v),
      "an object or null",
    );
    const split = field(card, "split", cardFile, isString, "a string");
    if (split) info.split = split;
    info.distilled = field(card, "distilled", cardFile, isBool, "true or false") ??
      (distillation !== undefined && distillation !== null);
    const teacher = field(card, "teacher", cardFile, isString, "a model id") ??
      (distillation ? field(distillation, "teacher", cardFile, isString, "a model id") : undefined);
    if (teacher) info.teacher = teacher;
    const description = typeof card.description === "string" ? card.description : "";
    info.role = field(
      card,
      "role",
      cardFile,
      (v): v is ModelInfo["role"] => v === "teacher" || v === "student" || v === "external",
      `"teacher", "student" or "external"`,
    ) ?? (/^teacher\b/i.test(description) ? "teacher" : "student");
  }
  const enc = config.encoderLayers;
  const dec = config.decoderLayers;
  if (
    architecture === "encoder-decoder" && info.split === undefined && enc !== undefined &&
    dec !== undefined && enc + dec > 0
  ) info.split = splitName(enc, dec);
  // The model decides the wrapping: a decoder-only model with a chat template is prompted
  // through it; an encoder-decoder gets the task's source (T5 task prefixes), others plain.
  const chatTemplate = architecture === "decoder-only" ? await chatOf(abs) : undefined;
  return {
    id: info.id,
    dir: abs,
    info,
    ...(config.trainedInputTokens ? { trainedInputTokens: config.trainedInputTokens } : {}),
    ...(config.maxPositions ? { positions: config.maxPositions } : {}),
    ...(chatTemplate ? { chatTemplate } : {}),
  };
}

/**
 * Discovers the models in each root folder (`models/` by default): every
 * sub-folder with a `config.json`, except `recipe`, `tokenizer` and `shapes`. A root that
 * itself has a `config.json` is one model. Sorted by id; ids must be unique. With `dtype`
 * (eval's `--dtype`) every model is read in that variant, and a folder that has no files of
 * it, though it loads otherwise, is skipped with a note.
 */
export async function discoverModels(
  roots: readonly string[],
  onNote: (message: string) => void = () => {},
  dtype?: string,
): Promise<ModelEntry[]> {
  const dirs: string[] = [];
  for (const root of roots) {
    try {
      await Deno.stat(`${root}/config.json`);
      dirs.push(root);
      continue;
    } catch { /* not a model folder itself */ }
    try {
      for await (const e of Deno.readDir(root)) {
        if (!e.isDirectory || NOT_MODELS.has(e.name) || e.name.startsWith(".")) continue;
        try {
          await Deno.stat(`${root}/${e.name}/config.json`);
          dirs.push(`${root}/${e.name}`);
        } catch {
          onNote(`${root}/${e.name}: not a model folder (no config.json): skipped`);
        }
      }
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound) continue;
      throw new ConfigError("cannot read models folder", { file: root, cause });
    }
  }
  const read = async (d: string): Promise<ModelEntry | undefined> => {
    if (dtype === undefined) return await readModelEntry(d);
    try {
      return await readModelEntry(d, dtype);
    } catch (cause) {
      // the folder is a model (it reads in its own dtype), but not in this variant
      if (
        !(cause instanceof ConfigError) || !await readModelEntry(d).then(() => true, () => false)
      ) {
        throw cause;
      }
      onNote(`${d}: no ${dtype} files: skipped (--dtype ${dtype})`);
      return undefined;
    }
  };
  const entries = (await Promise.all(dirs.map(read))).filter((e) => e !== undefined);
  const seen = new Map<string, string>();
  for (const e of entries) {
    const other = seen.get(e.id);
    if (other && other !== e.dir) {
      throw new ConfigError(`two models share the id "${e.id}" (also ${other})`, { file: e.dir });
    }
    seen.set(e.id, e.dir);
  }
  return entries.filter((e, i) => entries.findIndex((x) => x.dir === e.dir) === i)
    .sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
