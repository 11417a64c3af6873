"""Checks the auxiliary answer pointer (train.answer_positions, train.span_loss; run by
recipe_test.ts) on committed qa training pairs and the committed tokenizer: the positions of an
answerable pair decode to its answer (in the encoder source and in the decoder-only prompt), an
unanswerable pair has none; with a zero head the loss is the mean of log(n / answer tokens), with
position 0 the one answer of an unanswerable pair; a batch without qa pairs gives None; the
loss reaches the head and the model through backward. Prints "ok" or fails."""

import gzip
import json
import math
import os
import sys

import torch

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "models", "recipe"))

from arch import build, init_weights  # noqa: E402
from data import encode_rows  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402
from train import answer_positions, span_loss  # noqa: E402

tok = Tokenizer.load(os.path.join(ROOT, "models", "tokenizer", "bpe.json"))
with gzip.open(os.path.join(ROOT, "datasets", "qa", "train.jsonl.gz"), "rt") as f:
    rows = [json.loads(next(f)) for _ in range(60)]
pairs = [{"task": "qa", "id": r["id"], "source": f"question: {r['question']} context: {r['context']}",
          "prompt": f"question: {r['question']}\ncontext: {r['context']}\nanswer:",
          "target": r["answers"][0] if r["answers"] else "unanswerable"} for r in rows]
lim = {"max_source_tokens": 512, "max_prompt_tokens": 544, "max_target_tokens": 192}
exs = encode_rows(tok, pairs, lim)
kinds = set()
for e in exs:
    for encdec, ids in ((True, e["src"]), (False, e["prompt"])):
        pos = answer_positions(e, tok, encdec)
        if e["target"] == "unanswerable":
            assert pos == [], (e["id"], pos)
            kinds.add("none")
            continue
        kinds.add("span")
        n = len(tok.encode(" " + e["target"]))
        assert pos and len(pos) % n == 0, (e["id"], pos)
        assert tok.decode([ids[i] for i in pos[:n]]) == " " + e["target"], e["id"]
assert kinds == {"none", "span"}, kinds

for mid in ("eb-ed23-base", "eb-dec-base"):
    with open(os.path.join(ROOT, "models", mid, "config.json")) as f:
        c = json.load(f)
    model = build(c)
    init_weights(model, 3)
    encdec = c.get("is_encoder_decoder", False)
    batch = exs[:8]
    n = max(len(e["src"] if encdec else e["prompt"]) for e in batch)
    hidden = torch.randn(len(batch), n, c["hidden_size"], requires_grad=True)
    head = torch.nn.Linear(c["hidden_size"], 1, bias=False)
    with torch.no_grad():
        head.weight.zero_()
    want = []
    for e in batch:
        m = len(e["src"] if encdec else e["prompt"])
        k = len(answer_positions(e, tok, encdec)) or 1
        want.append(math.log(m / k))
    got = span_loss(model, batch, tok, head, hidden)
    assert abs(got.item() - sum(want) / len(want)) < 1e-5, (mid, got.item(), want)
    with torch.no_grad():
        head.weight.normal_()
    span_loss(model, batch, tok, head, hidden).backward()
    assert head.weight.grad.abs().sum() > 0 and hidden.grad.abs().sum() > 0, mid
    other = [dict(e, task="write") for e in batch]
    assert span_loss(model, other, tok, head, hidden) is None, mid
print("ok")
