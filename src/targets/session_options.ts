/**
 * Turns a hardware target into ONNX Runtime session options.
 *
 * @module
 */
import type { InferenceSession } from "onnxruntime-node";
import type { Target } from "../core/target.ts";
import { webgpuPrecheck } from "./vulkan.ts";

/**
 * The `InferenceSession.create` options for a target: its execution providers
 * (in priority order, with their options) and its session settings. No CPU
 * fallback is added: a target that names `cuda` runs on CUDA or fails to load,
 * so a measurement never silently comes from another device.
 */
export function sessionOptions(target: Target): InferenceSession.SessionOptions {
  // Dawn finds a Vulkan loader kept open here (see webgpuPrecheck) by its soname.
  if (target.providers.some((p) => p.name === "webgpu")) webgpuPrecheck();
  const providers = target.providers.map((p) => ({ ...(p.options ?? {}), name: p.name }));
  const s = target.session;
  const options: InferenceSession.SessionOptions = {
    executionProviders: providers as NonNullable<
      InferenceSession.SessionOptions["executionProviders"]
    >,
    logSeverityLevel: 3,
  };
  if (s.intraOpNumThreads !== undefined) options.intraOpNumThreads = s.intraOpNumThreads;
  if (s.interOpNumThreads !== undefined) options.interOpNumThreads = s.interOpNumThreads;
  if (s.graphOptimizationLevel !== undefined) {
    options.graphOptimizationLevel = s.graphOptimizationLevel;
  }
  if (s.enableCpuMemArena !== undefined) options.enableCpuMemArena = s.enableCpuMemArena;
  if (s.executionMode !== undefined) options.executionMode = s.executionMode;
  return options;
}
