"""Diagnostic, not part of the build: how many steps a student needs to learn associative recall.

The committed students do not look answers up in a qa context (models/README, "Session 13-15").
This probe measures the budget that lookup takes on its own, on multi-query associative recall
(MQAR, as in Zoology, Arora et al. 2023): a sequence BOS k1 v1 .. kN vN SEP q, and the target is
the value bound to key q. Keys and values come from disjoint pools of POOL tokens, keys distinct
within a sequence. Loss and accuracy are on the answer token only; chance is 1/N.

The model is a committed student's own architecture (its config.json; the vocabulary is replaced
by the probe's 2 * POOL + 3 tokens), initialised as the recipe does (arch.init_weights), trained
with AdamW. It stops when held-out accuracy reaches --target, or at --max-steps / --max-seconds,
and writes one CSV row per evaluation (step, examples, seconds, loss, accuracy).

    OMP_NUM_THREADS=1 /usr/bin/python3 models/recipe/mqar_probe.py \
        --config models/eb-dec-base/config.json --pairs 4 --out .tmp/mqar.csv
"""

import argparse
import csv
import json
import math
import sys
import time

import torch
import torch.nn.functional as F

from arch import build, init_weights, mimetic_init

BOS, SEP, PAD = 0, 1, 2


def batch(g, n, pairs, pool, queries=1):
    """n MQAR examples: input ids [n, 2*pairs+2+queries] and the answer tokens [n, queries].
    The queries are distinct keys of the sequence in random order, each answered at its own
    position (queries = pairs asks for every binding, as Zoology does)."""
    keys = torch.argsort(torch.rand(n, pool, generator=g), dim=1)[:, :pairs] + 3
    vals = torch.randint(0, pool, (n, pairs), generator=g) + 3 + pool
    q = torch.argsort(torch.rand(n, pairs, generator=g), dim=1)[:, :queries]
    seq = torch.stack([keys, vals], dim=2).reshape(n, 2 * pairs)
    ids = torch.cat([torch.full((n, 1), BOS), seq, torch.full((n, 1), SEP),
                     torch.gather(keys, 1, q)], dim=1)
    return ids, torch.gather(vals, 1, q)


def last_logits(model, ids, m):
    """Logits [n * m, vocab] at the last m positions (the queries), row-major."""
    n, s = ids.shape
    mask = torch.ones(n, s, dtype=torch.long)
    pos = torch.arange(s).unsqueeze(0).expand(n, s)
    select = torch.zeros(n, s, dtype=torch.bool)
    select[:, s - m:] = True
    logits, _ = model(ids, mask, pos, select=select)
    return logits


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", required=True, help="a decoder-only student's config.json")
    ap.add_argument("--layers", type=int, default=0, help="override num_hidden_layers (0: keep)")
    ap.add_argument("--pairs", type=int, default=4)
    ap.add_argument("--pool", type=int, default=64)
    ap.add_argument("--queries", type=int, default=1, help="queries per sequence (<= pairs)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--target", type=float, default=0.9)
    ap.add_argument("--max-steps", type=int, default=40_000)
    ap.add_argument("--max-seconds", type=float, default=3600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mimetic", type=float, default=0.0,
                    help="mimetic query-key initialisation of this self-match logit (0: off)")
    ap.add_argument("--out", required=True, help="CSV log path")
    a = ap.parse_args(argv)

    with open(a.config) as f:
        c = json.load(f)
    if c.get("is_encoder_decoder"):
        sys.exit(f"mqar_probe: {a.config}: field is_encoder_decoder is true; the probe takes a "
                 "decoder-only config")
    if not 1 <= a.queries <= a.pairs <= a.pool:
        sys.exit(f"mqar_probe: --queries {a.queries}, --pairs {a.pairs}, --pool {a.pool}: need "
                 "1 <= queries <= pairs <= pool")
    c["vocab_size"] = 2 * a.pool + 3
    if a.layers:
        c["num_hidden_layers"] = a.layers
    torch.manual_seed(a.seed)
    model = build(c)
    init_weights(model, a.seed)
    if a.mimetic:
        mimetic_init(model, a.seed, a.mimetic)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.95), weight_decay=0.1)
    g = torch.Generator().manual_seed(a.seed)
    held_ids, held_y = batch(torch.Generator().manual_seed(a.seed + 1000), 2048, a.pairs, a.pool,
                             a.queries)
    start, step, acc = time.time(), 0, 0.0
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["step", "examples", "seconds", "train_loss", "heldout_accuracy"])
        losses = []
        while True:
            if step % a.eval_every == 0:
                model.eval()
                with torch.no_grad():
                    pred = last_logits(model, held_ids, a.queries).argmax(-1)
                    acc = (pred == held_y.reshape(-1)).float().mean().item()
                model.train()
                loss_avg = sum(losses) / len(losses) if losses else math.nan
                losses = []
                secs = time.time() - start
                w.writerow([step, step * a.batch, round(secs, 1), round(loss_avg, 4), round(acc, 4)])
                f.flush()
                print(f"step {step} loss {loss_avg:.3f} acc {acc:.3f} ({secs:.0f}s)", flush=True)
                if acc >= a.target or step >= a.max_steps or secs >= a.max_seconds:
                    break
            for group in opt.param_groups:
                group["lr"] = a.lr * min(1.0, (step + 1) / a.warmup)
            ids, y = batch(g, a.batch, a.pairs, a.pool, a.queries)
            loss = F.cross_entropy(last_logits(model, ids, a.queries), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            losses.append(loss.item())
            step += 1
    reached = "reached" if acc >= a.target else "did not reach"
    print(f"mqar_probe: {reached} accuracy {a.target} (chance {1 / a.pairs:.2f}): {acc:.3f} after "
          f"{step} steps, {step * a.batch} examples, {time.time() - start:.0f}s")


if __name__ == "__main__":
    main(sys.argv[1:])
