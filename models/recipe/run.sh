#!/usr/bin/env bash
# Rebuild the encoder-bench model zoo from the committed datasets, with fixed seeds.
#   models/recipe/run.sh [--tiny] [--out DIR] [--pairs DIR] [--only id,id] [--steps N]
#     [--copy-bootstrap N]  (N random-token copy batches before the real ones; default 1500)
#     [--teacher-copy-bootstrap N]  (the teacher's; default 1500)
#     [--copy-bootstrap-long N]  (students: then N batches ramping up to 64 tokens; default 0)
#     [--teacher-copy-bootstrap-long N]  (the teacher's; default 0)  [--qa-drill P] (default 0)
#     [--recall-bootstrap N]  (N recall-drill batches after the copy bootstrap; default 800)
#     [--qa-bootstrap N]  (N qa-crop batches after the recall drills; default 0)
#     [--recall-filler N]  (at most N filler tokens in a recall fact; default 2)
#     [--t5-bias-lr-mult K]  (T5's relative-bias table at K times its lr; default 10)
#     [--qa-weight K]  (each qa pair enters the batch shuffle K times; default 1)  [--t5-lr LR]
# Steps: check prerequisites -> deno task pairs -> train tokenizer, teacher and students (python3,
# torch) -> export ONNX -> check every ONNX file with onnxruntime-node (int8 files that disagree
# with fp32 are dropped, with a note in card.json and README.md) -> zoo table in README.md.
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
need() { # option, the arguments left: an option given without its value is a one-line error
  [ $# -ge 2 ] || { echo "error: option '$1' needs a value (see --help)" >&2; exit 2; }
}
while [ $# -gt 0 ]; do
  case "$1" in
    --tiny) TINY=(--tiny); shift ;;
    --out) need "$@"; OUT="$2"; shift 2 ;;
    --pairs) need "$@"; PAIRS="$2"; shift 2 ;;
    --only) need "$@"; ONLY="$2"; shift 2 ;;
    --steps|--teacher-steps|--tokens-per-batch|--copy-bootstrap|--copy-bootstrap-long|\
    --teacher-copy-bootstrap-long|--qa-drill|--recall-bootstrap|--qa-weight|--t5-lr|\
    --teacher-copy-bootstrap|--qa-bootstrap|--recall-filler|--t5-bias-lr-mult)
      need "$@"; PASS+=("$1" "$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 { if (!/^#/) exit; print }' "$0"; exit 0 ;;  # the comment above
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "error: $*" >&2; exit 1; }
[ -x "$PY" ] || die "$PY not found; install the recipe's prerequisites: $INSTALL"
"$PY" - <<'PYCHECK' 2>/dev/null || die "python3 modules torch (1 or later), onnx and numpy are required ($PY); install: $INSTALL"
import sys
import numpy, onnx, torch
if int(torch.__version__.split(".")[0]) < 1:  # an explicit check: PYTHONOPTIMIZE strips assert
    sys.exit(1)
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
# Two lanes of single-threaded jobs side by side (2 cores):
#   lane 1: the teacher, then teacher-logit parts, then the distilled decoder-only student;
#   lane 2: the 5 baselines, then (once the teacher is done) teacher-logit parts, then the
#           distilled encoder-decoder student.
# The teacher's logits on the students' batches are cached once for both distilled students
# (instead of a teacher forward in each of their steps), in PARTS parts of equal work that
# whichever lane is free takes first, so neither core waits for the other while the cache is
# made; the distilled students start when every part is there.
PARTS=6
job() { # log name, main.py args ...: runs one trainer to its end, prints its summary
  local name=$1 pid; shift
  [ ! -e "$WORK/failed" ] || return 1
  "$PY" "$ROOT/models/recipe/main.py" --pairs "$PAIRS" --out "$OUT" --work "$WORK" \
    --threads 1 "$@" "${TINY[@]}" "${PASS[@]}" > "$WORK/$name.log" 2>&1 &
  pid=$!
  echo "$pid" > "$WORK/$name.pid"  # while it runs: the watchdog below stops it if a job fails
  local rc=0
  wait "$pid" || rc=$?
  rm -f "$WORK/$name.pid"
  if [ $rc != 0 ]; then
    [ ! -e "$WORK/failed" ] || { echo "stopped trainer $name: another job failed" >&2; return 1; }
    echo "error: trainer $name failed; its log:" >&2
    tail -30 "$WORK/$name.log" >&2
    touch "$WORK/failed"
    return 1
  fi
  grep '^\[' "$WORK/$name.log" || true
}
await() { # marker file: waits until it exists; fails when any job has failed
  until [ -e "$WORK/$1" ]; do
    [ ! -e "$WORK/failed" ] || return 1
    sleep 1
  done
}
logit_parts() { # takes untaken parts (mkdir is the atomic claim) until none is left
  local k
  for k in $(seq 0 $((PARTS - 1))); do
    mkdir "$WORK/claim-$k" 2>/dev/null || continue  # the other lane has it
    job "teacher-logits-$k" --teacher-logits "$k/$PARTS" || return 1
    touch "$WORK/logits-$k.done"
  done
}
all_parts() { local k; for k in $(seq 0 $((PARTS - 1))); do await "logits-$k.done" || return 1; done; }
echo "== training (python: $PY, out: $OUT, logs in $WORK)"
if [ -n "$ONLY" ]; then
  job only --only "$ONLY" || die "training failed"
else
  ( job teacher --only eb-teacher && touch "$WORK/teacher.done" && logit_parts && all_parts &&
    job kd-dec --only eb-dec-kd ) &
  LANE1=$!
  ( job baselines --only eb-dec-base,eb-ed23-base,eb-ed12-base,eb-ed13-base,eb-t5-base &&
    await teacher.done && logit_parts && all_parts && job kd-ed23 --only eb-ed23-kd ) &
  LANE2=$!
  # a failed job stops the other lane's trainer at once (no waiting an hour for the teacher)
  while kill -0 $LANE1 2>/dev/null || kill -0 $LANE2 2>/dev/null; do
    if [ -e "$WORK/failed" ]; then
      for f in "$WORK"/*.pid; do kill "$(cat "$f" 2>/dev/null)" 2>/dev/null || true; done
    fi
    sleep 1
  done
  ok=1
  wait $LANE1 || ok=0
  wait $LANE2 || ok=0
  [ ! -e "$WORK/failed" ] || ok=0
  rm -f "$WORK"/teacher_logits.npy.*  # gigabytes, even when the work folder is kept
  [ $ok = 1 ] || die "training failed"
fi
# build.json records the wall time of a whole build; a partial (--only) rebuild leaves it alone
[ -n "$ONLY" ] || "$PY" "$ROOT/models/recipe/main.py" --pairs "$PAIRS" --out "$OUT" --finish "$START"
echo "== checking ONNX files with onnxruntime-node"
# fp32 must match the PyTorch reference; int8 files that do not agree are dropped with a note
(cd "$ROOT" && deno run --allow-read --allow-write="$WORK" --allow-env --allow-ffi --allow-sys \
  models/recipe/check_onnx.ts --report "$WORK/int8.json" "$OUT"/eb-*/) \
  2> >(grep -v 'W:onnxruntime' >&2)
"$PY" "$ROOT/models/recipe/int8_verdict.py" "$WORK/int8.json" "$OUT"
"$PY" "$ROOT/models/recipe/readme_table.py" "$OUT"
echo "== done in $(( $(date +%s) - START )) s"
