#!/usr/bin/env bash
# Runs a command with onnxruntime-node's WebGPU provider (Dawn, on Vulkan) pointed at
# SwiftShader, the CPU Vulkan driver that Debian's chromium package ships, so the `webgpu`
# target works on a Linux machine without a GPU:
#   scripts/swiftshader.sh deno task eval --targets webgpu ...
# Sets VK_ICD_FILENAMES to the package's vk_swiftshader_icd.json and XDG_RUNTIME_DIR to a
# private folder (removed afterwards). Without a system Vulkan loader (libvulkan1), the
# target opens the loader chromium ships beside the driver (src/targets/vulkan.ts).
# Mesa's lavapipe does not work: Dawn rejects it.
# Google Chrome's package ships the same driver (/opt/google/chrome, on GitHub's Ubuntu
# images). SWIFTSHADER_ICD overrides where the ICD file is looked for.
set -euo pipefail
icd="${SWIFTSHADER_ICD:-}"
if [ -z "$icd" ]; then
  icd=$( (dpkg -L chromium-common chromium 2>/dev/null || true) | grep -m1 '/vk_swiftshader_icd\.json$' || true)
fi
for candidate in /usr/lib/chromium/vk_swiftshader_icd.json /opt/google/chrome/vk_swiftshader_icd.json; do
  if [ -z "$icd" ] && [ -f "$candidate" ]; then icd=$candidate; fi
done
if [ -z "$icd" ] || [ ! -f "$icd" ]; then
  echo "swiftshader.sh: no vk_swiftshader_icd.json (install Debian's chromium package)" >&2
  exit 2
fi
runtime=$(mktemp -d)
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export VK_ICD_FILENAMES="$icd"
export XDG_RUNTIME_DIR="$runtime"
"$@"
