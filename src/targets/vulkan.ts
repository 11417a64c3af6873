/**
 * The Vulkan loader that onnxruntime-node's WebGPU provider (Dawn) needs on
 * Linux, and how to get one without a GPU: SwiftShader, the CPU Vulkan driver
 * of Debian's chromium package (`scripts/swiftshader.sh`).
 *
 * @module
 */

/**
 * How to turn `webgpu` on where Linux has no GPU: SwiftShader, the CPU Vulkan
 * driver in Debian's chromium package, through `scripts/swiftshader.sh`.
 */
export const SWIFTSHADER_HINT =
  "to run it on the CPU through SwiftShader (Debian's chromium package), start the command " +
  "with scripts/swiftshader.sh";

let vulkanLoader: { close(): void } | undefined;

/**
 * Why the `webgpu` provider cannot start on this machine, found without
 * starting it, or undefined. On Linux, WebGPU (Dawn) runs on Vulkan; without
 * the Vulkan loader a smoke session fails anyway, after Dawn has printed a
 * multi-line warning to stderr that no caller can catch. When the system has
 * no loader but `VK_ICD_FILENAMES` names a driver that ships one beside it
 * (Chromium's SwiftShader does), that loader is opened and kept open, so
 * Dawn's own `dlopen("libvulkan.so.1")` finds it by its soname. Without the
 * FFI permission the check is skipped (the smoke session decides).
 */
export function webgpuPrecheck(
  os: string = Deno.build.os,
  open: (path: string) => { close(): void } = (path) => Deno.dlopen(path, {}),
  icd: string | undefined = os === "linux" ? envOrUndefined("VK_ICD_FILENAMES") : undefined,
): string | undefined {
  if (os !== "linux" || vulkanLoader) return undefined;
  const candidates = ["libvulkan.so.1"];
  const first = icd?.split(":")[0];
  if (first && first.includes("/")) {
    candidates.push(`${first.slice(0, first.lastIndexOf("/"))}/libvulkan.so.1`);
  }
  for (const path of candidates) {
    try {
      vulkanLoader = open(path);
      return undefined;
    } catch (e) {
      if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
        return undefined;
      }
    }
  }
  return "no Vulkan loader (libvulkan.so.1), which WebGPU needs on Linux; " +
    SWIFTSHADER_HINT;
}

/** Forgets the Vulkan loader kept open by {@linkcode webgpuPrecheck} (for tests). */
export function resetWebgpuPrecheck(): void {
  vulkanLoader = undefined;
}

function envOrUndefined(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}
