"""Diagnostic, not in the build: does a trained student look qa answers up at all?

For the first N validation qa pairs of a pairs folder, greedy-decodes up to 8 tokens with
"unanswerable" and </s> banned at the first step ("forced" answers) and counts exact answers
among the answerable pairs; also the ROC AUC with which the first-step probability of
"unanswerable" separates unanswerable from answerable pairs (0.5 is chance). The numbers of
models/README.md's "forced exact" and "AUC" columns.

    /usr/bin/python3 models/recipe/trials/forced_answers.py WORK PAIRS ID [N]

WORK is a trial's `--work` folder (ID.pt there, ID's config.json and the tokenizer under
WORK/out, as `main.py --out WORK/out --work WORK` leaves them); PAIRS the `--pairs` folder.
"""
import json
import statistics
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from arch import build  # noqa: E402
from data import encode_rows, load_split  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402
from train import greedy  # noqa: E402

MAX_NEW = 8
BATCH = 25  # as main.evaluate


def main():
    work, pairs, mid = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    cfg = json.load(open(f"{work}/out/{mid}/config.json"))
    model = build(cfg)
    model.load_state_dict(torch.load(f"{work}/{mid}.pt"))
    tok = Tokenizer.load(f"{work}/out/tokenizer/bpe.json")
    rows = [r for r in load_split(pairs, "validation") if r["task"] == "qa"][:n]
    # the model's own input limit (config.json has the one of its family; a qa input is far
    # below it) for both inputs encode_rows makes
    cap = cfg.get("max_source_tokens") or cfg["max_prompt_tokens"]
    lim = {"max_source_tokens": cap, "max_prompt_tokens": cap,
           "max_target_tokens": cfg["max_target_tokens"]}
    exs = encode_rows(tok, rows, lim)
    unans = tok.encode("unanswerable")[0]
    p_first = []

    def forced(logits):
        p_first.extend(logits.softmax(-1)[:, unans].tolist())
        logits = logits.clone()
        logits[:, [unans, tok.eos_id]] = -1e9
        return logits

    with torch.no_grad():
        gen = []
        for i in range(0, len(exs), BATCH):
            gen += greedy(model, exs[i: i + BATCH], tok, MAX_NEW, first_step=forced)
    answerable = [(g, e) for g, e in zip(gen, exs) if e["target"] != "unanswerable"]
    exact = sum(tok.decode(g).strip() == e["target"] for g, e in answerable)
    p_ans = [p for p, e in zip(p_first, exs) if e["target"] != "unanswerable"]
    p_unans = [p for p, e in zip(p_first, exs) if e["target"] == "unanswerable"]
    auc = [(a < u) + 0.5 * (a == u) for a in p_ans for u in p_unans]
    print(f"{work} {mid}: forced exact {exact}/{len(answerable)}, p(unanswerable) answerable "
          f"{statistics.mean(p_ans):.3f} unanswerable {statistics.mean(p_unans):.3f}, "
          f"AUC {sum(auc) / len(auc):.3f}")


if __name__ == "__main__":
    main()
