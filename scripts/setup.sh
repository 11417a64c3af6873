#!/usr/bin/env bash
# Installs what encoder-bench needs on a fresh Debian machine that has Node.js and npm.
#   scripts/setup.sh            Deno (from npm) and the npm packages: enough for eval/serve.
#   scripts/setup.sh --all      also the Debian packages for the model recipe (torch, onnx,
#                               OpenBLAS) and for the browser tests (chromium).
# Idempotent: skips what is already there.
set -euo pipefail
DENO_VERSION=2.9.6
cd "$(dirname "$0")/.."

if ! command -v deno >/dev/null 2>&1 || [ "$(deno --version | head -1 | cut -d' ' -f2)" != "$DENO_VERSION" ]; then
  echo "setup: installing deno@$DENO_VERSION from npm" >&2
  npm install -g --no-audit --no-fund "deno@$DENO_VERSION" >&2
fi

if [ "${1:-}" = "--all" ]; then
  need=()
  /usr/bin/python3 -c 'import torch' 2>/dev/null || need+=(python3-torch)
  /usr/bin/python3 -c 'import onnx' 2>/dev/null || need+=(python3-onnx)
  dpkg -s libopenblas0-pthread >/dev/null 2>&1 || need+=(libopenblas0-pthread)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  if [ ${#need[@]} -gt 0 ]; then
    echo "setup: apt-get install ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  fi
fi

# npm packages into node_modules/ (lifecycle scripts stay off: onnxruntime-node's only fetches CUDA).
deno install --frozen >&2
# The device page's browser bundle (deno bundle fetches its esbuild from npm on first use).
deno task -q bundle >&2
