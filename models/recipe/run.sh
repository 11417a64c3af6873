#!/usr/bin/env bash
# Rebuild the encoder-bench model zoo from the committed datasets, with fixed seeds.
#   models/recipe/run.sh [--tiny] [--out DIR] [--pairs DIR] [--only id,id] [--threads N]
# Steps: check prerequisites -> deno task pairs -> train tokenizer, teacher and students (python3,
# torch) -> export ONNX -> check every ONNX file with onnxruntime-node -> zoo table in README.md.
# --tiny: a few steps on tiny models (CI); --out: where model folders go (default: models/).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PY=${RECIPE_PYTHON:-/usr/bin/python3}
INSTALL="sudo apt-get install -y python3 python3-torch python3-onnx python3-numpy libopenblas0-pthread"
TINY=()
OUT="$ROOT/models"
PAIRS=""
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tiny) TINY=(--tiny); shift ;;
    --out) OUT="$2"; shift 2 ;;
    --pairs) PAIRS="$2"; shift 2 ;;
    --only|--threads|--steps|--teacher-steps|--tokens-per-batch) PASS+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "error: $*" >&2; exit 1; }
[ -x "$PY" ] || die "$PY not found; install the recipe's prerequisites: $INSTALL"
"$PY" - <<'PYCHECK' 2>/dev/null || die "python3 modules torch, onnx and numpy are required ($PY); install: $INSTALL"
import numpy, onnx, torch
assert int(torch.__version__.split(".")[0]) >= 1
PYCHECK
command -v deno >/dev/null || die "deno not found on PATH; install Deno 2 (https://deno.com) and run deno install"

START=$(date +%s)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -z "$PAIRS" ]; then
  mkdir -p "$ROOT/.tmp"
  PAIRS=$(mktemp -d "$ROOT/.tmp/recipe-pairs-XXXXXX")
  trap 'rm -rf "$PAIRS"' EXIT
  echo "== deno task pairs --out $PAIRS"
  (cd "$ROOT" && deno task pairs --out "$PAIRS") || die "deno task pairs failed"
fi
echo "== training (python: $PY, out: $OUT)"
"$PY" "$ROOT/models/recipe/main.py" --pairs "$PAIRS" --out "$OUT" "${TINY[@]}" "${PASS[@]}"
echo "== checking ONNX files with onnxruntime-node"
(cd "$ROOT" && deno run --allow-read --allow-env --allow-ffi --allow-sys \
  models/recipe/check_onnx.ts "$OUT"/eb-*/) 2> >(grep -v 'W:onnxruntime' >&2)
"$PY" "$ROOT/models/recipe/readme_table.py" "$OUT"
echo "== done in $(( $(date +%s) - START )) s"
