"""Training pairs: loading, tokenisation, truncation, length-bucketed mixed-task batches."""

import json
import os
import random
import re

import torch

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The shipped tasks, in training order: tasks/shipped.json, the one list (the device page reads it).
with open(os.path.join(_ROOT, "tasks", "shipped.json"), encoding="utf-8") as _f:
    TASKS = json.load(_f)
TAIL = 16  # tokens kept from the end of a truncated input (the answer cue lives there)


def load_split(pairs_dir, split, limit_per_task=None):
    """Rows of DIR/<split>.jsonl (`deno task pairs`: task, id, source, prompt, target, references;
    RenderedSample in src/tasks/render.ts), at most limit_per_task per task (first ones, file
    order)."""
    rows, seen = [], {}
    with open(os.path.join(pairs_dir, split + ".jsonl"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            n = seen.get(r["task"], 0)
            if limit_per_task is not None and n >= limit_per_task:
                continue
            seen[r["task"]] = n + 1
            rows.append(r)
    return rows


def clip_input(ids, max_len):
    """Keep the head and the last TAIL tokens when ids is longer than max_len."""
    if len(ids) <= max_len:
        return ids
    return ids[: max_len - TAIL] + ids[-TAIL:]


def encode_rows(tok, rows, lim):
    """Token ids per row: src (encoder input + </s>), prompt (<s> + prompt), tgt (+ </s>)."""
    out = []
    for r in rows:
        src = clip_input(tok.encode(r["source"]), lim["max_source_tokens"] - 1) + [tok.eos_id]
        prompt = [tok.bos_id] + clip_input(tok.encode(r["prompt"]), lim["max_prompt_tokens"] - 1)
        tgt = tok.encode(r["target"])
        tgt = tgt[: lim["max_target_tokens"] - 1] + [tok.eos_id]
        out.append({"task": r["task"], "id": r["id"], "src": src, "prompt": prompt, "tgt": tgt,
                    "refs": r.get("references") or [r["target"]], "source": r["source"],
                    "prompt_text": r["prompt"], "target": r["target"]})
    return out


def make_batches(examples, tokens_per_batch, seed, epochs=1, weights=None):
    """Lists of example indices. Examples are shuffled, cut into pools of ~50 batches, sorted by
    decoder-only length inside a pool and packed under a padded-token budget; batch order is
    shuffled. Every model sees the same batches (the same budget). weights ({task: k}, k a whole
    number) puts each example of a task k times into the shuffle, so that task fills about k
    times the share of the batches a run takes; 1 for tasks not named."""
    rng = random.Random(seed)
    batches = []
    weights = weights or {}
    for _ in range(epochs):
        idx = [i for i, e in enumerate(examples) for _ in range(int(weights.get(e["task"], 1)))]
        rng.shuffle(idx)
        ln = [len(examples[i]["prompt"]) + len(examples[i]["tgt"]) for i in range(len(examples))]
        pool = max(1, 50 * tokens_per_batch // max(1, sum(ln) // max(1, len(ln))))
        for p in range(0, len(idx), pool):
            chunk = sorted(idx[p: p + pool], key=lambda i: ln[i])
            cur, cur_max = [], 0
            for i in chunk:
                m = max(cur_max, ln[i])
                if cur and m * (len(cur) + 1) > tokens_per_batch:
                    batches.append(cur)
                    cur, m = [], ln[i]
                cur.append(i)
                cur_max = m
            if cur:
                batches.append(cur)
    rng.shuffle(batches)
    return batches


COPY_CUE = "\ncopy:\n"  # ends a decoder-only copy prompt: where the repeat starts


def copy_example(tok, ids, ex_id):
    """A copy example of token ids: the encoder reads ids + </s>, the decoder-only model reads
    <s> + ids + the tokens of COPY_CUE, and both must write ids + </s>. Without the cue a
    decoder-only model cannot tell where its prompt ends and the repeat begins (the first target
    token is unpredictable), and in trials it never learned to copy."""
    return {"task": "copy", "id": ex_id, "src": ids + [tok.eos_id],
            "prompt": [tok.bos_id] + ids + tok.encode(COPY_CUE), "tgt": ids + [tok.eos_id]}


def copy_warmup(examples, batches, tok, seed, frac_steps=0.3, prob=0.5, max_len=96):
    """Copy warm-up: in the first frac_steps of the batches, each example is replaced with
    probability prob by a copy example made from its own source (a segment of at most max_len
    tokens; the target is the segment itself). Every task needs copying (answer spans, names,
    identifiers), and a short budget is slow to find it: in 800-step trials the warm-up lowered
    validation loss on qa (3.38 against 3.74) and code_translate (1.50 against 1.57).
    Returns the extended example list and new batches; the same for every model."""
    rng = random.Random(seed)
    out = list(examples)
    new_batches = []
    warm = int(len(batches) * frac_steps)
    for step, b in enumerate(batches):
        if step >= warm:
            new_batches.append(b)
            continue
        nb = []
        for i in b:
            if rng.random() >= prob:
                nb.append(i)
                continue
            s = examples[i]["src"][:-1]
            if len(s) > max_len:
                st = rng.randrange(0, len(s) - max_len)
                s = s[st: st + max_len]
            out.append(copy_example(tok, s, examples[i]["id"] + "-copy"))
            nb.append(len(out) - 1)
        new_batches.append(nb)
    return out, new_batches


QA_SENTENCE = re.compile(r"(?<=\.) (?=[A-Z])")  # sentence breaks of the qa contexts


def _qa_sentences(ex):
    """(question, context sentences, indices of the sentences holding the answer, the others) of
    a qa pair; no sentence holds the answer of an unanswerable pair."""
    q, ctx = ex["source"][len("question: "):].split(" context: ", 1)
    sents = QA_SENTENCE.split(ctx)
    t = ex["target"]
    has = [i for i, x in enumerate(sents) if t in x] if t != "unanswerable" else []
    return q, sents, has, [i for i in range(len(sents)) if i not in has]


def _qa_reading(tok, ex, lim, q, sents, keep, target, suffix):
    """The encoded qa pair asking question q over the kept sentences (in their order)."""
    c = " ".join(sents[i] for i in sorted(keep))
    row = {"task": "qa", "id": ex["id"] + suffix, "source": f"question: {q} context: {c}",
           "prompt": f"question: {q}\ncontext: {c}\nanswer:\n", "target": target,
           "references": [target]}
    return encode_rows(tok, [row], lim)[0]


def qa_drill(tok, ex, rng, lim):
    """A short reading drill made from one qa training pair: the same question over a context cut
    to a few of its sentences. An answerable pair keeps the sentences holding its answer plus 1-3
    others (target: the answer) with probability 3/4, else loses them and keeps 2-4 others (target
    "unanswerable": the answer string is nowhere left to extract); an unanswerable pair keeps 2-4
    of its sentences. Half of the drills answer, as against a third of the full pairs."""
    q, sents, has, rest = _qa_sentences(ex)
    t = ex["target"]
    if t != "unanswerable":
        if rng.random() < 0.75:
            keep = has + rng.sample(rest, min(len(rest), rng.randint(1, 3)))
        else:
            keep, t = rng.sample(rest, min(len(rest), rng.randint(2, 4))), "unanswerable"
    else:
        keep = rng.sample(range(len(sents)), min(len(sents), rng.randint(2, 4)))
    return _qa_reading(tok, ex, lim, q, sents, keep, t, "-drill")


def qa_drills(examples, batches, tok, seed, lim, prob, frac_steps=0.6):
    """In the first frac_steps of the batches, each qa example is replaced with probability prob
    by a qa_drill of itself (a shorter context, fewer distractors, more "unanswerable" contrasts).
    A qa target is ~3 tokens after a ~175-token input, and in full-budget trials no student found
    the entity's sentence among the distractors (it answered some year). Same for every model;
    a drill is shorter than its pair, so no batch grows. Returns (examples, batches)."""
    if not prob:
        return examples, batches
    rng = random.Random(seed)
    out = list(examples)
    warm = int(len(batches) * frac_steps)
    new_batches = []
    for step, b in enumerate(batches):
        nb = []
        for i in b:
            if step < warm and examples[i]["task"] == "qa" and rng.random() < prob:
                out.append(qa_drill(tok, examples[i], rng, lim))
                nb.append(len(out) - 1)
            else:
                nb.append(i)
        new_batches.append(nb)
    return out, new_batches


QA_CROP_SENTENCES = (1, 8)  # context sentences per qa-bootstrap crop: the cap ramps over the part


def qa_crop(tok, ex, rng, lim, max_sents, unanswerable=0.25):
    """A reading crop of one qa training pair: the same question over up to max_sents of its
    context's sentences, in their order. An answerable pair keeps the sentences holding its answer
    plus random others (target: the answer), or with probability `unanswerable` loses them (target
    "unanswerable": the asked fact is gone, the entity's other facts stay); an unanswerable pair
    keeps random sentences of its own. Short crops give the lookup a gradient that full ~175-token
    contexts with 10+ same-kind distractors did not."""
    q, sents, has, rest = _qa_sentences(ex)
    t = ex["target"]
    n = rng.randint(1, max(1, max_sents))
    if t != "unanswerable":
        if has and rng.random() >= unanswerable:
            keep = has + rng.sample(rest, min(len(rest), max(0, n - len(has))))
        else:
            keep, t = rng.sample(rest, min(len(rest), n)), "unanswerable"
    else:
        keep = rng.sample(range(len(sents)), min(len(sents), n))
    return _qa_reading(tok, ex, lim, q, sents, keep, t, "-crop")


def qa_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, lim):
    """n_batches batches of qa crops (qa_crop) of the qa training pairs, put before the given
    batches; batch k of n allows up to a number of context sentences that ramps over
    QA_CROP_SENTENCES. In 2,800 real steps a student sees ~3,000 of the 20,000 qa pairs, each
    ~175 tokens for a ~3-token answer, and no build learned to find the asked fact; the crops put
    many more questions into a batch. Off by default: in trials they did not help qa, and in
    place of the recall drills eb-ed23-base lost its copying (docs/notes/zoo-experiments.md).
    Returns (examples, batches)."""
    qa = [e for e in examples if e["task"] == "qa" and " context: " in e.get("source", "")]
    if not qa:
        return examples, batches
    lo, hi = QA_CROP_SENTENCES

    def make(rng, pool, k, ex_id):
        ex = qa_crop(tok, qa[rng.randrange(len(qa))], rng, lim,
                     lo + round((hi - lo) * (k + 1) / n_batches))
        ex["id"] = f"qa-bootstrap-{ex_id}"
        return ex, len(ex["prompt"]) + len(ex["tgt"])

    return synthetic_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, make)


RECALL_FACTS = (2, 8)  # facts per recall drill: the cap ramps from the first to the second


def recall_example(tok, rng, pool, max_facts, unanswerable=0.2, max_filler=2):
    """A recall drill of random tokens in the qa format: "question: E R context: E R x V. ..."
    over facts (entity, relation, value) where entities recur across relations and relations
    across entities, so only the pair (E, R) of the question picks the fact; the target is its
    value, or "unanswerable" (probability `unanswerable`) when that pair is not among the facts
    though E and R both are. Entities and values are 1-2 tokens, relations one, with 0 to
    max_filler filler tokens before the value (random tokens like the value, so with filler the
    value's first token is ambiguous)."""
    ne, nr = rng.randint(2, 3), rng.randint(2, 3)
    draw = rng.sample(pool, 48)
    ents = [draw[i * 2: i * 2 + rng.randint(1, 2)] for i in range(ne)]
    rels = [[draw[6 + i]] for i in range(nr)]
    cells = [(e, r) for e in range(ne) for r in range(nr)]
    rng.shuffle(cells)
    n = min(len(cells), rng.randint(2, max(2, max_facts)))
    facts, rest = cells[:n], draw[9:]
    vals = []
    for _ in facts:
        k = rng.randint(1, 2)
        vals.append(rest[:k])
        rest = rest[k:]
    missing = [c for c in cells[n:] if any(c[0] == f[0] for f in facts)
               and any(c[1] == f[1] for f in facts)]
    if missing and rng.random() < unanswerable:
        q, target = missing[0], tok.encode("unanswerable")
    else:
        j = rng.randrange(n)
        q, target = facts[j], vals[j]
    period = tok.encode(". ")
    ctx = []
    for (e, r), v in zip(facts, vals):
        k = rng.randint(0, max_filler)
        ctx += ents[e] + rels[r] + rest[:k] + v + period
        rest = rest[k:]
    ctx = ctx[:-len(period)] + tok.encode(".")
    ques = ents[q[0]] + rels[q[1]]
    return {"task": "recall", "id": "recall", "tgt": target + [tok.eos_id],
            "src": tok.encode("question: ") + ques + tok.encode(" context: ") + ctx + [tok.eos_id],
            "prompt": [tok.bos_id] + tok.encode("question: ") + ques + tok.encode("\ncontext: ")
            + ctx + tok.encode("\nanswer:\n")}


def recall_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, max_filler=2):
    """n_batches batches of recall drills (recall_example) put before the given batches; batch k
    of n allows up to a number of facts that ramps over RECALL_FACTS. After the copy bootstrap a
    model copies, but in full builds no model learned to find the fact a qa question asks for
    among same-kind distractors; the drills isolate that lookup. Returns (examples, batches)."""
    lo, hi = RECALL_FACTS

    def make(rng, pool, k, ex_id):
        ex = recall_example(tok, rng, pool, lo + round((hi - lo) * (k + 1) / n_batches),
                            max_filler=max_filler)
        ex["id"] = f"recall-bootstrap-{ex_id}"
        return ex, len(ex["prompt"]) + len(ex["tgt"])

    return synthetic_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, make)


def synthetic_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, make):
    """n_batches batches of made-up examples put before the given batches: batch k is filled
    with make(rng, pool, k, index) -> (example, decoder-only tokens) until tokens_per_batch / 2
    tokens, from one random.Random(seed) and the pool of non-special token ids. Returns the
    extended example list and the new batch list."""
    if not n_batches:
        return examples, batches
    rng = random.Random(seed)
    out = list(examples)
    pool = list(range(4, len(tok)))  # after <pad>, </s>, <unk>, <s>
    boot = []
    for k in range(n_batches):
        b, used = [], 0
        while used < tokens_per_batch // 2:
            ex, cost = make(rng, pool, k, len(out))
            out.append(ex)
            b.append(len(out) - 1)
            used += cost
        boot.append(b)
    return out, boot + list(batches)


SHORT_COPY = (4, 12)  # token lengths of the copy bootstrap
LONG_COPY_MAX = 64  # the optional long part after it ramps the length cap from 12 up to this


def copy_bootstraps(examples, batches, tok, n_short, n_long, tokens_per_batch, seed_short,
                    seed_long):
    """n_short copy-bootstrap batches of SHORT_COPY lengths, then n_long whose length cap ramps
    from max(SHORT_COPY) to LONG_COPY_MAX, all before the given batches. Returns the extended
    example list and the new batch list."""
    if n_long:  # prepended first, so it runs after the short part
        examples, batches = copy_bootstrap(examples, batches, tok, n_long, tokens_per_batch,
                                           seed_long, SHORT_COPY[0], LONG_COPY_MAX,
                                           ramp_from=SHORT_COPY[1])
    if n_short:
        examples, batches = copy_bootstrap(examples, batches, tok, n_short, tokens_per_batch,
                                           seed_short, *SHORT_COPY)
    return examples, batches


def copy_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, min_len, max_len,
                   ramp_from=None):
    """Copy bootstrap: n_batches batches of random-token copy examples put before the real ones.
    Each example is min_len-max_len distinct random non-special tokens; the encoder-decoder reads
    them and writes them back, the decoder-only model reads <s> + them + COPY_CUE and repeats
    them. A batch holds about tokens_per_batch / 2 decoder-only tokens. With nothing to predict
    but the input, a model has to grow the attention that copies (which then serves names,
    identifiers, numbers). In bootstrap-only trials the copy loss fell below 1 nat by batch 900
    (eb-ed23-base, 4-12 tokens) and by batch 800 (eb-dec-base, with the cue); with 6-24 tokens
    the encoder-decoder's transition came late or not at all. With ramp_from, batch k of n draws
    lengths from min_len to a cap that grows linearly from ramp_from to max_len:
    a jump straight to 16-64 tokens sent eb-ed12-base (copying at loss 0.03) to uniform
    predictions (loss 7.6) from which it did not recover. Returns the extended example list and
    the new batch list."""
    def make(rng, pool, k, ex_id):
        hi = max_len
        if ramp_from is not None:
            hi = ramp_from + round((max_len - ramp_from) * (k + 1) / n_batches)
        s = rng.sample(pool, rng.randint(min_len, hi))
        return copy_example(tok, s, f"copy-bootstrap-{ex_id}"), 2 * len(s) + 2

    return synthetic_bootstrap(examples, batches, tok, n_batches, tokens_per_batch, seed, make)


def pad(seqs, value, left=False):
    n = max(len(s) for s in seqs)
    rows = [([value] * (n - len(s)) + s) if left else (s + [value] * (n - len(s))) for s in seqs]
    return torch.tensor(rows, dtype=torch.long)


def dec_batch(exs, pad_id):
    """Decoder-only batch: ids, mask, positions, labels (-100 outside target + </s>)."""
    seqs = [e["prompt"] + e["tgt"] for e in exs]
    ids = pad(seqs, pad_id)
    mask = pad([[1] * len(s) for s in seqs], 0)
    labels = pad([[-100] * (len(e["prompt"]) - 1) + e["tgt"] + [-100] for e in exs], -100)
    pos = torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids)
    return ids, mask, pos, labels


def encdec_batch(exs, pad_id, start_id):
    """Encoder-decoder batch: src, src_mask, decoder input ([start] + target), labels."""
    src = pad([e["src"] for e in exs], pad_id)
    src_mask = pad([[1] * len(e["src"]) for e in exs], 0)
    dec_in = pad([[start_id] + e["tgt"][:-1] for e in exs], pad_id)
    labels = pad([e["tgt"] for e in exs], -100)
    return src, src_mask, dec_in, labels
