"""Checks data.qa_evidence on the committed qa training pairs (run by recipe_test.ts): the source
is the pair's context behind the cued question, and the target is the first context sentence
holding the answer, or "unanswerable" for an unanswerable pair. Prints "ok" or fails."""

import gzip
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "models", "recipe"))

from data import QA_EVIDENCE_CUE, qa_evidence  # noqa: E402


class Tok:
    """Stands in for the BPE tokenizer: one id per character (encode_rows needs only encode)."""
    pad_id, eos_id, bos_id = 0, 1, 2

    def encode(self, text):
        return [ord(c) for c in text]


lim = {"max_source_tokens": 4096, "max_prompt_tokens": 4096, "max_target_tokens": 4096}
with gzip.open(os.path.join(ROOT, "datasets", "qa", "train.jsonl.gz"), "rt") as f:
    rows = [json.loads(next(f)) for _ in range(200)]
seen = {True: 0, False: 0}
for r in rows:
    pair = {"task": "qa", "id": r["id"], "source": f"question: {r['question']} context: {r['context']}",
            "target": r["answers"][0] if r["answers"] else "unanswerable"}
    ex = qa_evidence(Tok(), pair, lim)
    assert ex["source"] == f"question: {QA_EVIDENCE_CUE}{r['question']} context: {r['context']}"
    assert "".join(map(chr, ex["tgt"][:-1])) == ex["target"] and ex["tgt"][-1] == Tok.eos_id
    if r["is_impossible"]:
        assert ex["target"] == "unanswerable", (r["id"], ex["target"])
    else:
        # the first sentence holding the answer: it starts at or before the marked occurrence
        start = r["answer_starts"][0]
        at = r["context"].find(ex["target"])
        assert at >= 0 and ex["target"].endswith("."), (r["id"], ex["target"])
        assert r["answers"][0] in ex["target"], (r["id"], ex["target"])
        assert at <= start, (r["id"], ex["target"])
    seen[r["is_impossible"]] += 1
assert seen[True] and seen[False], seen
print("ok")
