/**
 * Availability of hardware targets on this machine: is each execution provider
 * in this onnxruntime-node build, and does a one-node smoke model run on it?
 *
 * @module
 */
import { ort } from "./ort.ts";
import type { Target } from "../core/target.ts";
import { sessionOptions } from "./session_options.ts";
import { SWIFTSHADER_HINT, webgpuPrecheck } from "./vulkan.ts";

export { resetWebgpuPrecheck, SWIFTSHADER_HINT, webgpuPrecheck } from "./vulkan.ts";

/** Result of probing one target. */
export interface ProbeResult {
  /** The target probed. */
  readonly target: Target;
  /** Whether a smoke session loaded and ran with the right answer. */
  readonly available: boolean;
  /** Why the target is unavailable (absent when available). */
  readonly reason?: string;
}

/** A one-node ONNX model, `y = x + x` on float32 [1, 4] (opset 13), 90 bytes. */
const SMOKE_MODEL_BASE64 =
  "CAcSDWVuY29kZXItYmVuY2g6QQoOCgF4CgF4EgF5IgNBZGQSBXNtb2tlWhMKAXgSDgoMCAESCAoCCAEKAggEYhMKAXkSDgoMCAESCAoCCAEKAggEQgQKABAN";

function smokeModel(): Uint8Array {
  return Uint8Array.from(atob(SMOKE_MODEL_BASE64), (c) => c.charCodeAt(0));
}

/** Provider names that this onnxruntime-node build registers (`cpu`, `webgpu`, `cuda` ...). */
export function supportedBackends(): string[] {
  try {
    return ort.listSupportedBackends().map((b) => b.name);
  } catch {
    return ["cpu"];
  }
}

async function probeOne(target: Target, backends: readonly string[]): Promise<ProbeResult> {
  const missing = target.providers.map((p) => p.name).filter((n) => !backends.includes(n));
  if (missing.length > 0) {
    return {
      target,
      available: false,
      reason: `execution provider ${missing.join(", ")} not in this onnxruntime-node build ` +
        `(has ${backends.join(", ")})`,
    };
  }
  if (target.providers.some((p) => p.name === "webgpu")) {
    const reason = webgpuPrecheck();
    if (reason) return { target, available: false, reason };
  }
  let session: ort.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(smokeModel(), sessionOptions(target));
    const x = new ort.Tensor("float32", new Float32Array([1, 2, 3, 4]), [1, 4]);
    const out = await session.run({ x });
    const y = out.y?.data as Float32Array | undefined;
    if (!y || y.length !== 4 || y[0] !== 2 || y[3] !== 8) {
      return { target, available: false, reason: "smoke model ran but gave a wrong answer" };
    }
    return { target, available: true };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    const short = message.length > 240 ? `${message.slice(0, 237)}...` : message;
    const hint = Deno.build.os === "linux" && target.providers.some((p) => p.name === "webgpu")
      ? `; ${SWIFTSHADER_HINT}`
      : "";
    return { target, available: false, reason: `smoke session failed: ${short}${hint}` };
  } finally {
    await session?.release().catch(() => {});
  }
}

/**
 * Probes each target in turn; never throws for an unavailable target, it is
 * reported with a reason instead.
 *
 * @example
 * ```ts
 * import { builtinTargets, probeTargets } from "./mod.ts";
 * const [cpu] = await probeTargets(builtinTargets().slice(0, 1));
 * if (!cpu?.available) throw new Error(cpu?.reason);
 * ```
 */
export async function probeTargets(targets: readonly Target[]): Promise<ProbeResult[]> {
  const backends = supportedBackends();
  const results: ProbeResult[] = [];
  for (const target of targets) results.push(await probeOne(target, backends));
  return results;
}
