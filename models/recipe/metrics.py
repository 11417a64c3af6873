"""Validation metrics used in the model cards (the leaderboard computes its own, in TypeScript).

qa: SQuAD v2 token F1 (max over references; "unanswerable" scored as the empty answer); summarize, write:
ROUGE-L F1 on lower-cased alphanumeric words; code_translate, translate: chrF (character
6-grams, beta 2). A trivial baseline per task: qa answers "unanswerable"; the other tasks copy
the input text (the source without its task prefix).
"""

import re
import string
from collections import Counter

PRIMARY = {"qa": "f1", "summarize": "rougeL", "write": "rougeL", "code_translate": "chrf",
           "translate": "chrf"}


def _squad_norm(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return s.split()


def squad_f1(pred, ref):
    p, r = _squad_norm(pred), _squad_norm(ref)
    if not p or not r:
        return float(p == r)
    common = sum((Counter(p) & Counter(r)).values())
    if common == 0:
        return 0.0
    prec, rec = common / len(p), common / len(r)
    return 2 * prec * rec / (prec + rec)


def _words(s):
    return re.findall(r"[a-z0-9]+", s.lower())


def rouge_l(pred, ref):
    p, r = _words(pred), _words(ref)
    if not p or not r:
        return 0.0
    prev = [0] * (len(r) + 1)
    for a in p:
        cur = [0]
        for j, b in enumerate(r):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if lcs == 0:
        return 0.0
    prec, rec = lcs / len(p), lcs / len(r)
    return 2 * prec * rec / (prec + rec)


def chrf(pred, ref, n=6, beta=2.0):
    def grams(s, k):
        s = s.replace(" ", "")
        return Counter(s[i: i + k] for i in range(len(s) - k + 1))

    precs, recs = [], []
    for k in range(1, n + 1):
        hp, hr = grams(pred, k), grams(ref, k)
        if not hr:
            continue
        m = sum((hp & hr).values())
        precs.append(m / sum(hp.values()) if hp else 0.0)
        recs.append(m / sum(hr.values()))
    if not recs:
        return 0.0
    p, r = sum(precs) / len(precs), sum(recs) / len(recs)
    if p + r == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r)


def score(task, pred, refs):
    """{metric: value} for one prediction against its references (max over references)."""
    out = {"rougeL": max(rouge_l(pred, r) for r in refs)}
    if task == "qa":  # SQuAD v2: "unanswerable" is the empty answer
        p = "" if pred.strip().lower() == "unanswerable" else pred
        out["f1"] = max(squad_f1(p, "" if r == "unanswerable" else r) for r in refs)
    if task in ("code_translate", "translate"):
        out["chrf"] = max(chrf(pred, r) for r in refs)
    return out


def strip_prefix(source):
    """The source without a T5-style task prefix ("summarize: ...")."""
    m = re.match(r"^[A-Za-z _-]{1,40}:\s", source)
    return source[m.end():] if m else source


def trivial(task, source):
    return "unanswerable" if task == "qa" else strip_prefix(source)


def mean_scores(task, preds, refs_list):
    acc = Counter()
    for p, refs in zip(preds, refs_list):
        acc.update(score(task, p, refs))
    return {k: v / max(1, len(preds)) for k, v in acc.items()}
