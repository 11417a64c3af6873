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
from tokenizer import Tokenizer  # noqa: E402


def main():
    work, pairs, mid = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    cfg = json.load(open(f"{work}/out/{mid}/config.json"))
    model = build(cfg)
    model.load_state_dict(torch.load(f"{work}/{mid}.pt"))
    model.eval()
    tok = Tokenizer.load(f"{work}/out/tokenizer/bpe.json")
    rows = [json.loads(x) for x in open(f"{pairs}/validation.jsonl")]
    rows = [r for r in rows if r["task"] == "qa"][:n]
    unans = tok.encode("unanswerable")[0]
    enc_dec = cfg.get("is_encoder_decoder")
    exact = answerable = 0
    p_ans, p_unans = [], []
    with torch.no_grad():
        for r in rows:
            out = []
            if enc_dec:
                ids = torch.tensor([tok.encode(r["source"]) + [tok.eos_id]])
                mask = torch.ones_like(ids)
                ckv = model.cross_kv(model.encode(ids, mask))
                cur = torch.full((1, 1), cfg["decoder_start_token_id"], dtype=torch.long)
                past = None
            else:
                ids = torch.tensor([[tok.bos_id] + tok.encode(r["prompt"])])
                mask = torch.ones_like(ids)
                pos = torch.arange(ids.shape[1])[None]
                past = None
            for step in range(8):
                if enc_dec:
                    logits, past = model.decode(cur, mask, ckv, past)
                else:
                    logits, past = model(ids, mask, pos, past)
                lg = logits[0, -1]
                if step == 0:
                    p = lg.softmax(-1)[unans].item()
                    (p_unans if r["target"] == "unanswerable" else p_ans).append(p)
                    lg = lg.clone()
                    lg[unans] = -1e9
                    lg[tok.eos_id] = -1e9
                t = lg.argmax().item()
                if t == tok.eos_id:
                    break
                out.append(t)
                if enc_dec:
                    cur = torch.tensor([[t]])
                else:
                    ids = torch.tensor([[t]])
                    mask = torch.cat([mask, torch.ones(1, 1, dtype=torch.long)], 1)
                    pos = pos[:, -1:] + 1
            if r["target"] != "unanswerable":
                answerable += 1
                exact += tok.decode(out).strip() == r["target"]
    auc = [(a < u) + 0.5 * (a == u) for a in p_ans for u in p_unans]
    print(f"{work} {mid}: forced exact {exact}/{answerable}, p(unanswerable) answerable "
          f"{statistics.mean(p_ans):.3f} unanswerable {statistics.mean(p_unans):.3f}, "
          f"AUC {sum(auc) / len(auc):.3f}")


if __name__ == "__main__":
    main()
