/**
 * Turns a hardware target into ONNX Runtime session options.
 *
 * @module
 */
import type { InferenceSession } from "onnxruntime-node";
import type { Target } from "../core/target.ts";
import { webgpuPrecheck } from "./vulkan.ts";

/**
 * Session config that makes quantized matrix products exact on every x86 CPU. Without VNNI
 * (AVX2, AVX-512F) the default U8S8 kernels add pairs of products in saturating 16-bit lanes,
 * which turns the zoo's int8 models' outputs into garbage; `session.x64quantprecision` runs
 * U8U8 kernels instead, which do not saturate. Its companion rewrite of int8
 * `DequantizeLinear` weights to uint8 (`QDQS8ToU8Transformer`) gives per-axis
 * `DequantizeLinear` nodes (the int8 embeddings) a scalar zero point ONNX Runtime then
 * refuses, so it stays off: those nodes only dequantize and cannot saturate. A no-op for fp32
 * models and on CPUs with VNNI or on ARM.
 */
export const EXACT_INT8: Readonly<Record<string, Record<string, string>>> = {
  session: { x64quantprecision: "1" },
  optimization: { disable_specified_optimizers: "QDQS8ToU8Transformer" },
};

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
    extra: EXACT_INT8,
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
