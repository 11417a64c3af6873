#!/usr/bin/env bash
# Rebuild the encoder-bench model zoo from the committed datasets, with fixed seeds.
#   models/recipe/run.sh [--tiny] [--out DIR] [--pairs DIR] [--only id,id] [--steps N]
#     [--copy-bootstrap N]  (N random-token copy batches before the real ones; default 1500)
#     [--copy-bootstrap-long N]  (students: then N batches ramping up to 64 tokens; default 0)
#     [--teacher-copy-bootstrap-long N]  (the teacher's; default 800)  [--qa-drill P] (default 0)
#     [--recall-bootstrap N]  (N recall-drill batches after the copy bootstrap; default 0)
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
ONLY=""
CLEAN_PAIRS=""
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tiny) TINY=(--tiny); shift ;;
    --out) OUT="$2"; shift 2 ;;
    --pairs) PAIRS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --steps|--teacher-steps|--tokens-per-batch|--copy-bootstrap|--copy-bootstrap-long|\
    --teacher-copy-bootstrap-long|--qa-drill|--recall-bootstrap)
      PASS+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
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
mkdir -p "$OUT" "$ROOT/.tmp"
OUT=$(cd "$OUT" && pwd)
if [ -z "$PAIRS" ]; then
  PAIRS=$(mktemp -d "$ROOT/.tmp/recipe-pairs-XXXXXX")
  CLEAN_PAIRS=1
  echo "== deno task pairs --out $PAIRS"
  (cd "$ROOT" && deno task pairs --out "$PAIRS") || die "deno task pairs failed"
fi
WORK=$(mktemp -d "$ROOT/.tmp/recipe-work-XXXXXX")  # logs and checkpoints
if [ -n "${RECIPE_KEEP_WORK:-}" ]; then trap '${CLEAN_PAIRS:+rm -rf "$PAIRS"}' EXIT
else trap 'rm -rf "$WORK" ${CLEAN_PAIRS:+"$PAIRS"}' EXIT; fi
# one core per trainer: BLAS and OpenMP pools stay single-threaded
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
# Two single-threaded trainers side by side (2 cores): phase 1 the teacher (with its long copy
# ramp) | the 5 baselines, phase 2 the two distilled students (they load the teacher checkpoint
# from $WORK).
declare -A PID
train() { # name, ids...
  local name=$1; shift
  "$PY" "$ROOT/models/recipe/main.py" --pairs "$PAIRS" --out "$OUT" --work "$WORK" --threads 1 \
    --only "$(IFS=,; echo "$*")" "${TINY[@]}" "${PASS[@]}" > "$WORK/$name.log" 2>&1 &
  PID[$name]=$!
}
wait_all() { # names ...
  local failed=0
  for name in "$@"; do
    if ! wait "${PID[$name]}"; then failed=1; echo "error: trainer $name failed; its log:" >&2
      tail -30 "$WORK/$name.log" >&2; fi
    grep '^\[' "$WORK/$name.log" || true
  done
  [ $failed = 0 ] || die "training failed"
}
echo "== training (python: $PY, out: $OUT, logs in $WORK)"
if [ -n "$ONLY" ]; then
  train only ${ONLY//,/ }
  wait_all only
else
  train teacher eb-teacher
  train baselines eb-dec-base eb-ed23-base eb-ed12-base eb-ed13-base eb-t5-base
  wait_all teacher baselines
  # one teacher pass caches its logits on the students' batches for both distilled students
  # (instead of a teacher forward in each of their steps): two halves side by side, one
  # thread each (two threads in one process were slower than one on the 2-core VM)
  for k in 0 1; do
    "$PY" "$ROOT/models/recipe/main.py" --pairs "$PAIRS" --out "$OUT" --work "$WORK" \
      --threads 1 --teacher-logits "$k/2" "${TINY[@]}" "${PASS[@]}" \
      > "$WORK/teacher-logits-$k.log" 2>&1 &
    PID[logits-$k]=$!
  done
  for k in 0 1; do
    wait "${PID[logits-$k]}" ||
      { tail -30 "$WORK/teacher-logits-$k.log" >&2; die "caching the teacher's logits failed"; }
    grep '^\[' "$WORK/teacher-logits-$k.log" || true
  done
  train kd-dec eb-dec-kd
  train kd-ed23 eb-ed23-kd
  wait_all kd-dec kd-ed23
  rm -f "$WORK"/teacher_logits.npy.*  # gigabytes, even when the work folder is kept
fi
# build.json records the wall time of a whole build; a partial (--only) rebuild leaves it alone
[ -n "$ONLY" ] || "$PY" "$ROOT/models/recipe/main.py" --pairs "$PAIRS" --out "$OUT" --finish "$START"
echo "== checking ONNX files with onnxruntime-node"
(cd "$ROOT" && deno run --allow-read --allow-env --allow-ffi --allow-sys \
  models/recipe/check_onnx.ts "$OUT"/eb-*/) 2> >(grep -v 'W:onnxruntime' >&2)
"$PY" "$ROOT/models/recipe/readme_table.py" "$OUT"
echo "== done in $(( $(date +%s) - START )) s"
