"""Applies check_onnx.ts's int8 verdicts to the model folders: a folder whose int8 files failed
the check (first-step argmax equal to fp32 on fewer than half the reference inputs) loses its
`*_quantized.onnx`, with a note; every folder's card.json gets a `quantized` entry and its
README.md the int8 line. The card and README are written before any file is removed, so a
stop half-way leaves a card that already says the files are gone.

usage: int8_verdict.py REPORT DIR   (REPORT from check_onnx.ts --report; DIR holds eb-*/)
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cards import card_readme, write_json, write_text  # noqa: E402


def quantized_entry(v):
    """card.json's `quantized`: the verdict and whether the int8 files ship."""
    entry = {"shipped": bool(v["ok"]), "format": "int8 weights, dynamic int8 activations "
             "(MatMulInteger), int8 embeddings", "check": v["rule"],
             "first_argmax_agree": f"{v['first_argmax_agree']}/{v['items']}",
             "max_abs_dlogit": v["max_abs_dlogit"],
             "cached_greedy_agree": f"{v['cached_greedy_agree']}/{v['items']} "
                                    f"({v['greedy_steps']} tokens)"}
    if not v["ok"]:
        entry["note"] = ("int8 files not shipped: they disagree with fp32 on most first "
                         "tokens; run this model in fp32")
    return entry


def apply(report_path, out):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    for mid, v in sorted(report.items()):
        mdir = os.path.join(out, mid)
        card_path = os.path.join(mdir, "card.json")
        if not os.path.exists(card_path):
            raise SystemExit(f"error: {report_path}: model '{mid}' has no {card_path}")
        with open(card_path, encoding="utf-8") as f:
            card = json.load(f)
        card["quantized"] = quantized_entry(v)
        gone = [] if v["ok"] else [k for k in card["files"] if k.endswith("_quantized.onnx")]
        # the recipe just wrote these hashes; re-hashing would bless a file changed since
        card["files"] = {k: e for k, e in card["files"].items() if k not in gone}
        card["total_bytes"] = sum(e["bytes"] for e in card["files"].values())
        write_json(card_path, card)
        write_text(os.path.join(mdir, "README.md"), card_readme(card))
        for k in gone:
            p = os.path.join(mdir, k)
            if os.path.exists(p):
                os.remove(p)
        print(f"{mid}: int8 {card['quantized']['first_argmax_agree']} "
              f"{'shipped' if v['ok'] else 'DROPPED'}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: int8_verdict.py REPORT DIR")
    apply(sys.argv[1], sys.argv[2])
