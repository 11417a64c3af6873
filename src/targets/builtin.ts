/**
 * The built-in hardware targets: CPU with all cores, CPU with one thread (an
 * edge-like profile), and one target per accelerated execution provider.
 *
 * @module
 */
import type { Target } from "../core/target.ts";

const BUILTIN: readonly Target[] = [
  {
    id: "cpu",
    label: "CPU, all cores",
    device: "cpu",
    providers: [{ name: "cpu" }],
    session: { intraOpNumThreads: 0, graphOptimizationLevel: "all", enableCpuMemArena: true },
  },
  {
    id: "cpu-1t",
    label: "CPU, one intra-op thread (edge-like)",
    device: "cpu",
    providers: [{ name: "cpu" }],
    session: {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: "all",
      enableCpuMemArena: true,
      executionMode: "sequential",
    },
  },
  {
    id: "cuda",
    label: "NVIDIA GPU (CUDA)",
    device: "gpu",
    providers: [{ name: "cuda", options: { deviceId: 0 } }],
    session: { graphOptimizationLevel: "all" },
  },
  {
    id: "coreml",
    label: "Apple Neural Engine / GPU (Core ML)",
    device: "npu",
    providers: [{ name: "coreml" }],
    session: { graphOptimizationLevel: "all" },
  },
  {
    id: "dml",
    label: "DirectX 12 GPU (DirectML)",
    device: "gpu",
    providers: [{ name: "dml" }],
    session: { graphOptimizationLevel: "all", enableCpuMemArena: false },
  },
  {
    id: "webgpu",
    label: "GPU via WebGPU (Dawn)",
    device: "gpu",
    providers: [{ name: "webgpu" }],
    session: { graphOptimizationLevel: "all" },
  },
  {
    id: "qnn",
    label: "Qualcomm Hexagon NPU (QNN HTP)",
    device: "npu",
    providers: [{ name: "qnn", options: { backendType: "htp" } }],
    session: { graphOptimizationLevel: "all" },
  },
];

/**
 * The built-in targets, in a fixed order: `cpu`, `cpu-1t`, `cuda`, `coreml`,
 * `dml`, `webgpu`, `qnn`. Returns fresh copies, so callers may not alter the list.
 *
 * @example
 * ```ts
 * import { builtinTargets } from "./builtin.ts";
 * const ids = builtinTargets().map((t) => t.id);
 * if (!ids.includes("cpu-1t")) throw new Error("missing cpu-1t");
 * ```
 */
export function builtinTargets(): Target[] {
  return structuredClone(BUILTIN) as Target[];
}
