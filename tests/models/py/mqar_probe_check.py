"""Checks the MQAR probe (models/recipe/mqar_probe.py; run by recipe_test.ts): every example's
answer is the value right after its queried key, keys are distinct within a sequence and the key
and value pools are disjoint; a two-step run writes its CSV rows; an encoder-decoder config is
refused with one line naming the file and field. Prints "ok" or fails."""

import contextlib
import csv
import io
import os
import sys
import tempfile

import torch

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "models", "recipe"))

from mqar_probe import BOS, SEP, batch, main  # noqa: E402

pairs, pool = 4, 16
for queries in (1, 3):
    ids, y = batch(torch.Generator().manual_seed(3), 500, pairs, pool, queries)
    assert ids.shape == (500, 2 * pairs + 2 + queries) and y.shape == (500, queries), ids.shape
    for row, ans in zip(ids.tolist(), y.tolist()):
        keys, vals, qs = row[1:2 * pairs + 1:2], row[2:2 * pairs + 1:2], row[2 * pairs + 2:]
        assert row[0] == BOS and row[2 * pairs + 1] == SEP, row
        assert len(set(keys)) == pairs and len(set(qs)) == queries, row
        assert all(3 <= k < 3 + pool for k in keys), row
        assert all(3 + pool <= v < 3 + 2 * pool for v in vals), row
        assert [vals[keys.index(q)] for q in qs] == ans, (row, ans)

with tempfile.TemporaryDirectory() as d:
    out = os.path.join(d, "log.csv")
    with contextlib.redirect_stdout(io.StringIO()):
        main(["--config", os.path.join(ROOT, "models", "eb-dec-base", "config.json"), "--layers",
              "1", "--pairs", "2", "--queries", "2", "--pool", "8", "--batch", "4", "--eval-every", "1",
              "--max-steps", "2", "--target", "2", "--out", out])
    with open(out) as f:
        rows = list(csv.DictReader(f))
    assert [r["step"] for r in rows] == ["0", "1", "2"], rows
    assert all(0 <= float(r["heldout_accuracy"]) <= 1 for r in rows), rows
    encdec = os.path.join(ROOT, "models", "eb-ed13-base", "config.json")
    try:
        main(["--config", encdec, "--out", out])
        raise AssertionError("an encoder-decoder config was accepted")
    except SystemExit as e:
        assert "eb-ed13-base/config.json" in str(e) and "is_encoder_decoder" in str(e), str(e)
print("ok")
