#!/usr/bin/env bash
# Puts onnxruntime-node's CUDA provider libraries in place for a cuda leg of the hardware
# workflow. The npm package ships none (its install script, which stays off, would fetch them),
# and every checkout's clean wipes node_modules, so they are kept once per machine in a folder
# outside the workspace and copied in before each run:
#   ${ORT_CUDA_LIBS:-$HOME/.cache/encoder-bench/onnxruntime-node-<version>-cuda12}/
#     libonnxruntime_providers_cuda.so  libonnxruntime_providers_shared.so
#     libonnxruntime_providers_tensorrt.so (optional)
# (<version>: onnxruntime-node's, from node_modules; docs/hardware-runs.md says where the files
# come from; ORT_NODE_DIR names another onnxruntime-node package folder). A missing folder or file fails the leg with one line saying which: a gating
# machine that cannot run its target must not pass the gate with nothing measured.
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${ORT_NODE_DIR:-node_modules/onnxruntime-node}
if [ ! -f "$pkg/package.json" ]; then
  echo "error: $pkg/package.json: not installed (run deno install --frozen first)" >&2
  exit 1
fi
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg/package.json" | head -1)
src=${ORT_CUDA_LIBS:-$HOME/.cache/encoder-bench/onnxruntime-node-$version-cuda12}
dest=$pkg/bin/napi-v6/linux/x64
for lib in libonnxruntime_providers_cuda.so libonnxruntime_providers_shared.so; do
  if [ ! -f "$src/$lib" ]; then
    echo "error: $src/$lib: missing (the CUDA provider libraries of onnxruntime-node $version;" \
      "see docs/hardware-runs.md, \"cuda\")" >&2
    exit 1
  fi
done
mkdir -p "$dest"
for lib in "$src"/libonnxruntime_providers_*.so; do
  cp -f "$lib" "$dest/"
  echo "ort_cuda_libs: $(basename "$lib") -> $dest" >&2
done
