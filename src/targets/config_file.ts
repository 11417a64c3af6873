/**
 * User-defined hardware targets from a JSON file, validated field by field.
 *
 * The file holds either an array of targets or `{ "targets": [...] }`. Each
 * target: `{ id, label, device: "cpu"|"gpu"|"npu", providers: [{ name, options? }],
 * session?: { intraOpNumThreads?, interOpNumThreads?, graphOptimizationLevel?,
 * enableCpuMemArena?, executionMode? } }`. Unknown keys are refused, so a typo
 * is an error rather than a silently ignored setting.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { DeviceClass, ProviderSpec, SessionSettings, Target } from "../core/target.ts";

type Json = unknown;

const DEVICES: readonly DeviceClass[] = ["cpu", "gpu", "npu"];
const LEVELS = ["disabled", "basic", "extended", "all"] as const;
const MODES = ["sequential", "parallel"] as const;
const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(file: string, field: string, value: Json, message: string): never {
  throw new ConfigError(message, { file, field, value });
}

function checkKeys(
  file: string,
  field: string,
  obj: Record<string, Json>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      fail(file, `${field}.${key}`, obj[key], `unknown key; allowed: ${allowed.join(", ")}`);
    }
  }
}

function threads(file: string, field: string, v: Json): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 1024) {
    fail(file, field, v, "must be an integer from 0 (all cores) to 1024");
  }
  return v;
}

function parseSession(file: string, field: string, v: Json): SessionSettings {
  if (v === undefined) return {};
  if (!isRecord(v)) fail(file, field, v, "must be an object");
  checkKeys(file, field, v, [
    "intraOpNumThreads",
    "interOpNumThreads",
    "graphOptimizationLevel",
    "enableCpuMemArena",
    "executionMode",
  ]);
  const out: {
    -readonly [K in keyof SessionSettings]: SessionSettings[K];
  } = {};
  if (v.intraOpNumThreads !== undefined) {
    out.intraOpNumThreads = threads(file, `${field}.intraOpNumThreads`, v.intraOpNumThreads);
  }
  if (v.interOpNumThreads !== undefined) {
    out.interOpNumThreads = threads(file, `${field}.interOpNumThreads`, v.interOpNumThreads);
  }
  const level = v.graphOptimizationLevel;
  if (level !== undefined) {
    if (typeof level !== "string" || !(LEVELS as readonly string[]).includes(level)) {
      fail(file, `${field}.graphOptimizationLevel`, level, `must be one of ${LEVELS.join(", ")}`);
    }
    out.graphOptimizationLevel = level as (typeof LEVELS)[number];
  }
  if (v.enableCpuMemArena !== undefined) {
    if (typeof v.enableCpuMemArena !== "boolean") {
      fail(file, `${field}.enableCpuMemArena`, v.enableCpuMemArena, "must be true or false");
    }
    out.enableCpuMemArena = v.enableCpuMemArena;
  }
  const mode = v.executionMode;
  if (mode !== undefined) {
    if (typeof mode !== "string" || !(MODES as readonly string[]).includes(mode)) {
      fail(file, `${field}.executionMode`, mode, `must be one of ${MODES.join(", ")}`);
    }
    out.executionMode = mode as "sequential" | "parallel";
  }
  return out;
}

/**
 * The options each execution provider takes (onnxruntime-common 1.30's
 * `ExecutionProviderOptionMap`): a key outside them would be ignored by ONNX Runtime in silence.
 */
const PROVIDER_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  cpu: ["useArena"],
  cuda: ["deviceId"],
  dml: ["deviceId"],
  tensorrt: ["deviceId"],
  coreml: [
    "coreMlFlags",
    "useCPUOnly",
    "useCPUAndGPU",
    "enableOnSubgraph",
    "onlyEnableDeviceWithANE",
  ],
  qnn: ["backendType", "backendPath"],
  nnapi: ["useNCHW", "cpuDisabled", "cpuOnly"],
  webgpu: [
    "preferredLayout",
    "validationMode",
    "enableRobustness",
    "storageBufferCacheMode",
    "uniformBufferCacheMode",
    "queryResolveBufferCacheMode",
    "defaultBufferCacheMode",
  ],
  webnn: ["deviceType", "numThreads", "powerPreference"],
  wasm: [],
  webgl: [],
  xnnpack: [],
};

function parseProvider(file: string, field: string, v: Json): ProviderSpec {
  if (typeof v === "string") v = { name: v };
  if (!isRecord(v)) fail(file, field, v, "must be an object { name, options? } or a name");
  checkKeys(file, field, v, ["name", "options"]);
  if (typeof v.name !== "string" || !/^[a-z][a-z0-9_-]*$/.test(v.name)) {
    fail(file, `${field}.name`, v.name, "must be a provider name such as cpu, cuda, coreml");
  }
  if (v.options === undefined) return { name: v.name };
  if (!isRecord(v.options)) fail(file, `${field}.options`, v.options, "must be an object");
  const options: Record<string, string | number | boolean> = {};
  const known = PROVIDER_OPTIONS[v.name];
  if (known !== undefined) checkKeys(file, `${field}.options`, v.options, known);
  for (const [key, value] of Object.entries(v.options)) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      fail(file, `${field}.options.${key}`, value, "must be a string, number or boolean");
    }
    options[key] = value;
  }
  return { name: v.name, options };
}

/**
 * Validates parsed JSON as a list of targets. `file` is used in error messages.
 *
 * @throws {ConfigError} naming the file, the dotted field and the bad value.
 */
export function parseTargets(json: Json, file: string): Target[] {
  const list = isRecord(json) ? json.targets : json;
  if (isRecord(json)) checkKeys(file, "", json, ["targets"]);
  if (!Array.isArray(list) || list.length === 0) {
    fail(file, "targets", list, "must be a non-empty array of targets");
  }
  const seen = new Set<string>();
  return list.map((raw: Json, i: number): Target => {
    const field = `targets[${i}]`;
    if (!isRecord(raw)) fail(file, field, raw, "must be an object");
    checkKeys(file, field, raw, ["id", "label", "device", "providers", "session"]);
    if (typeof raw.id !== "string" || !ID_RE.test(raw.id)) {
      fail(file, `${field}.id`, raw.id, "must match [a-z0-9][a-z0-9._-]*");
    }
    if (seen.has(raw.id)) fail(file, `${field}.id`, raw.id, "duplicate target id");
    seen.add(raw.id);
    const label = raw.label ?? raw.id;
    if (typeof label !== "string" || label.length === 0) {
      fail(file, `${field}.label`, raw.label, "must be a non-empty string");
    }
    if (typeof raw.device !== "string" || !(DEVICES as readonly string[]).includes(raw.device)) {
      fail(file, `${field}.device`, raw.device, `must be one of ${DEVICES.join(", ")}`);
    }
    if (!Array.isArray(raw.providers) || raw.providers.length === 0) {
      fail(file, `${field}.providers`, raw.providers, "must be a non-empty array");
    }
    const providers = raw.providers.map((p: Json, j: number) =>
      parseProvider(file, `${field}.providers[${j}]`, p)
    );
    return {
      id: raw.id,
      label,
      device: raw.device as DeviceClass,
      providers,
      session: parseSession(file, `${field}.session`, raw.session),
    };
  });
}

/**
 * Reads and validates a targets file (JSON).
 *
 * @throws {ConfigError} when the file is missing, is not JSON, or a field is invalid.
 */
export async function loadTargetsFile(path: string): Promise<Target[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    throw new ConfigError("cannot read targets file", { file: path, cause });
  }
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError(`not valid JSON: ${message}`, { file: path, cause });
  }
  return parseTargets(json, path);
}
