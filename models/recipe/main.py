"""Build the encoder-bench model zoo from the training pairs (see models/README.md).

usage: python3 main.py --pairs DIR --out DIR [--tiny] [--only id,id] [--steps N]
"""

import argparse
import base64
import ctypes
import ctypes.util
import datetime
import hashlib
import json
import os
import pickle
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from arch import count_params  # noqa: E402
from data import (LONG_COPY_MAX, QA_CROP_SENTENCES, RECALL_FACTS, SHORT_COPY, TASKS,  # noqa: E402
                  copy_bootstraps, copy_warmup, encode_rows, load_split, make_batches,
                  qa_bootstrap, qa_drills, qa_evidence, recall_bootstrap)
from export import export_decoder_only, export_encoder_decoder  # noqa: E402
from metrics import PRIMARY, mean_scores, trivial  # noqa: E402
from tokenizer import Tokenizer, config_files, train_bpe  # noqa: E402
from train import (KD_ALPHA, LOGIT_PARTS_MAX, TeacherLogits, cache_teacher_logits,  # noqa: E402
                   greedy, greedy_nocache, logits_part_path, train)
from zoo import STUDENTS, TEACHER, TWIN, configs  # noqa: E402

SEED = 1234
LICENCE = "CC0-1.0"


def log(msg):
    print(f"[{datetime.datetime.utcnow().strftime('%H:%M:%S')}] {msg}", flush=True)


def keep_heap():
    """glibc serves every allocation over its mmap threshold (dynamic, a few MB at most here)
    with fresh pages that the kernel must fault in and zero, and gives them back on free. A
    training step allocates and frees dozens of such tensors ([targets, vocab] logits, the
    distillation targets, activations), so on these VMs the page faults took more time than the
    arithmetic: the distillation loss of one 800-target batch took 30-60 ms, 8 ms from a kept
    heap; a 2,800-step eb-ed23-base run 518 -> 456 s, with bit-identical losses. Serve
    allocations up to 32 MiB (glibc's ceiling) from the heap and keep freed memory for reuse.
    A no-op where the C library has no mallopt."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3  # malloc.h
    ok = mallopt(m_mmap_threshold, 32 << 20)
    ok &= mallopt(m_trim_threshold, 1 << 30)
    ok &= mallopt(m_top_pad, 64 << 20)
    return bool(ok)


def budgets(tiny):
    if tiny:
        return {"vocab": 300, "tok_rows_per_task": 40, "train_per_task": 40, "val_per_task": 6,
                "score_per_task": 4, "tokens_per_batch": 512, "epochs": 1, "teacher_epochs": 1,
                "max_steps": 4, "teacher_steps": 4, "eval_every": 2, "lr": 3e-3,
                "teacher_lr": 2e-3, "t5_lr": 1e-3, "t5_bias_lr_mult": 10, "max_source_tokens": 128,
                "max_prompt_tokens": 160,
                "max_target_tokens": 48, "max_new": 8, "copy_bootstrap": 2,
                "teacher_copy_bootstrap": None,
                "copy_bootstrap_long": 0, "teacher_copy_bootstrap_long": 2, "qa_drill": 0.5,
                "recall_bootstrap": 2, "recall_filler": 2, "qa_bootstrap": 2, "qa_weight": 1,
                "prompt_loss": 0.0, "teacher_prompt_loss": 0.0, "qa_evidence": 0.0,
                "mimetic": 0.0, "qa_span": 0.0}
    # Steps were chosen so the whole build fits in 90 minutes on 2 cores (63 min on the VM of
    # session 3, 88.8 on the slower one of session 4; README.md).
    # Batches of 1024 padded tokens: at equal compute, twice the steps of 2048-token batches
    # learned faster in short trials (code_translate val loss 1.42 against 1.50).
    return {"vocab": 2048, "tok_rows_per_task": 3000, "train_per_task": None, "val_per_task": 32,
            "score_per_task": 100, "tokens_per_batch": 1024, "epochs": 1, "teacher_epochs": 1,
            # the teacher (decoder-only, 4x the parameters) has its own budget, now the same real
            # steps as the students (3,600 would take the build past 90 min on a slow VM)
            "max_steps": 2800, "teacher_steps": 2800, "eval_every": 400,
            # peak lr, one per architecture family: trials at the full budget (models/README.md)
            # found 3e-3 (students) and 2e-3 (teacher) too high: at 1e-3 eb-ed13-base's
            # code_translate val loss fell 0.84 -> 0.05 and the teacher's summarize 1.09 -> 0.36
            "lr": 1e-3, "teacher_lr": 1e-3,
            # T5 (unscaled attention, T5 init) under AdamW at 3e-3: the loss rose in the warm-up
            # (5.3 -> 6.7) and it never learned the bootstrap copy; at 1e-3 it copies by step ~1200
            "t5_lr": 1e-3,
            # T5's relative-bias table at 10x the lr (no weight decay): at 1x its entries move
            # ~1e-3 a step and eb-t5-base copied late (bootstrap copy loss 0.61 at batch 1,500,
            # code_translate chrF 0.538 < copy 0.574); at 10x 0.03 and 0.711 (session 11)
            "t5_bias_lr_mult": 10, "max_source_tokens": 512, "max_prompt_tokens": 544,
            "max_target_tokens": 192, "max_new": None,
            # random-token copy batches before the real ones (data.copy_bootstrap); cheap (short
            # sequences), and without them no student learned to copy from its input
            "copy_bootstrap": 1500,
            # the teacher's (its copy loss is below 0.01 by batch 900 in the session-8 build log);
            # 1,000 together with qa weight 3 took its summarize 0.658 -> 0.454 (session 9)
            "teacher_copy_bootstrap": 1500,
            # then this many whose length cap ramps 12 -> 64 (data.copy_bootstraps), students: 0,
            # since long copies wrecked eb-ed12-base and eb-t5-base in trials (models/README.md)
            "copy_bootstrap_long": 0,
            # the teacher's: none since the recall drills (the same scores within noise, cheaper;
            # 800 abrupt 16-64 batches had taken eb-dec-base's code_translate 0.47 -> 0.76)
            "teacher_copy_bootstrap_long": 0,
            # probability that a qa pair in the first 60% of real steps becomes a short reading
            # drill of itself (data.qa_drill); 0.6 in a trial left eb-dec-base answering
            # "unanswerable" to nearly everything, even 2-sentence drills (models/README.md)
            "qa_drill": 0.0,
            # recall drills (data.recall_bootstrap) after the copy bootstrap, before real data
            "recall_bootstrap": 800, "recall_filler": 2,
            # qa reading crops (data.qa_bootstrap) after the recall drills, before real data
            "qa_bootstrap": 0,
            # each qa pair enters the batch shuffle this many times (make_batches weights): 3 took
            # eb-ed23-base's qa F1 0.22 -> 0.28 (= "unanswerable") but, in the session-9 build,
            # cost every other model 5-30% on the other tasks and no model passed 0.28
            "qa_weight": 1,
            # decoder-only models: weight of the causal-LM loss on the prompt's own tokens, added
            # to the target loss on the real batches (train.loss_on)
            "prompt_loss": 0.0, "teacher_prompt_loss": 0.0,
            # probability that a qa pair in the first 60% of real steps becomes an evidence
            # example (data.qa_evidence: target the answer's sentence); off by default
            "qa_evidence": 0.0,
            # mimetic query-key initialisation (arch.mimetic_init): the self-match logit, 0: off
            "mimetic": 0.0,
            # weight of the auxiliary answer-pointer loss on qa pairs (train.span_loss), 0: off
            "qa_span": 0.0}


def encoded_splits(work, tok, lim, *splits):
    """encode_rows of every split. With a work folder the result is kept there as a pickle named
    by a hash of the tokenizer, the limits and the rows, so the other trainer processes of one
    build (run.sh starts about ten) load it instead of encoding 100,000 pairs again (~30 s each
    on one core); the same input gives the same examples either way."""
    if not work:
        return tuple(encode_rows(tok, rows, lim) for rows in splits)
    h = hashlib.sha256(json.dumps([tok.dumps(), lim, splits], sort_keys=True).encode())
    path = os.path.join(work, f"encoded-{h.hexdigest()[:16]}.pkl")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return pickle.load(f)
    out = tuple(encode_rows(tok, rows, lim) for rows in splits)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        pickle.dump(out, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return out


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def b64_f32(t):
    return base64.b64encode(np.asarray(t, dtype="<f4").tobytes()).decode()


def write_text(path, text):
    """Writes through a temp file and a rename. The temp name carries the process id: the two
    trainers of run.sh write the same shared files (the tokenizer folder) at the same time."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_json(path, obj):
    write_text(path, json.dumps(obj, indent=1, ensure_ascii=False) + "\n")


def pick_reference(test_ex, lim, n=16):
    """16 test examples, round-robin over tasks, whose inputs were not truncated."""
    per = {t: [e for e in test_ex if e["task"] == t] for t in TASKS}
    out, i = [], 0
    while len(out) < n and any(per.values()):
        t = TASKS[i % len(TASKS)]
        i += 1
        while per[t]:
            e = per[t].pop(0)
            if len(e["prompt"]) < lim["max_prompt_tokens"] and len(e["src"]) < lim["max_source_tokens"]:
                out.append(e)
                break
    return out


def max_new_tokens(train_ex, cap):
    """Per-task generation limit: the 95th percentile target length, plus 8 tokens."""
    out = {}
    for t in TASKS:
        lens = [len(e["tgt"]) for e in train_ex if e["task"] == t]
        out[t] = min(cap, pct(lens, 0.95) + 8) if lens else 16
    return out


def evaluate(model, val_ex, tok, limits, per_task):
    scores, base = {}, {}
    for t in TASKS:
        exs = [e for e in val_ex if e["task"] == t][:per_task]
        if not exs:
            continue
        preds = []
        for i in range(0, len(exs), 25):
            preds += [tok.decode(g) for g in greedy(model, exs[i: i + 25], tok, limits[t])]
        scores[t] = {k: round(v, 4) for k, v in
                     mean_scores(t, preds, [e["refs"] for e in exs]).items()}
        base[t] = {k: round(v, 4) for k, v in mean_scores(
            t, [trivial(t, e["source"]) for e in exs], [e["refs"] for e in exs]).items()}
        scores[t]["n"] = base[t]["n"] = len(exs)
        scores[t]["example"] = preds[0][:200]
    return scores, base


def write_reference(model, refs, tok, path, model_id):
    items = []
    for e in refs:
        ids, first = greedy_nocache(model, e, tok, 32)
        enc = "is_encoder_decoder" in model.c
        items.append({
            "task": e["task"], "id": e["id"],
            "text": e["source"] if enc else e["prompt_text"],
            "input_ids": e["src"] if enc else e["prompt"],
            "output_ids": ids,
            "first_logits": {"dtype": "float32", "byte_order": "little", "shape": [len(first)],
                             "base64": b64_f32(first.numpy())},
        })
    write_json(path, {
        "model": model_id, "max_new_tokens": 32,
        "method": "PyTorch float32, batch 1, no KV cache, greedy (argmax, first index on ties)",
        "eos": "generation does not stop at </s>: all 32 greedy tokens are listed, including any "
               "</s> and what follows it",
        "input": "encoder-decoder: input_ids = tokens of `text` + </s>, decoder starts from "
                 "decoder_start_token_id; decoder-only: input_ids = <s> + tokens of `text`, "
                 "attention_mask all ones, position_ids 0..n-1",
        "first_logits": "logits of the first generated position (over the whole vocabulary)",
        "items": items})


def save_tokenizer_files(tok, out_dir, family, max_len):
    write_text(os.path.join(out_dir, "tokenizer.json"), tok.to_hf_json(family))
    cfg, special = config_files(family, max_len)
    write_json(os.path.join(out_dir, "tokenizer_config.json"), cfg)
    write_json(os.path.join(out_dir, "special_tokens_map.json"), special)


def int8_line(q):
    """The model README's int8 line, from card.json's `quantized` (int8_verdict.py)."""
    if not q:
        return "not checked yet (check_onnx.ts --report, then int8_verdict.py)"
    agree = f"first-step argmax equal to fp32 on {q['first_argmax_agree']}, " \
            f"max |dlogit| {q['max_abs_dlogit']}"
    return (f"`*_quantized.onnx` shipped ({agree})" if q["shipped"] else
            f"not shipped: {agree}; {q['note']}")


def card_readme(card):
    p = card["parameters"]
    lines = [f"# {card['id']}", "", card["description"], "",
             f"- architecture: {card['architecture']}",
             f"- parameters: total {p['total']:,}, encoder {p['encoder']:,}, decoder "
             f"{p['decoder']:,}, embeddings {p['embeddings']:,} (tied)",
             f"- training: {card['training']['steps']} steps, {card['training']['examples_seen']:,}"
             f" examples, {card['training']['target_tokens']:,} target tokens, seed "
             f"{card['training']['seed']}, {card['training']['seconds']} s on {card['training']['machine']}",
             f"- final train loss {card['training']['final_train_loss']}",
             f"- distillation: {json.dumps(card['distillation'])}",
             f"- int8: {int8_line(card.get('quantized'))}",
             f"- data: {card['data']['description']}",
             f"- licence: {card['licence']}", "",
             "| task | metric | score | trivial baseline | val loss |", "|---|---|---|---|---|"]
    for t, s in card["validation"]["scores"].items():
        m = PRIMARY[t]
        lines.append(f"| {t} | {m} | {s[m]:.3f} | {card['validation']['trivial_baseline'][t][m]:.3f}"
                     f" | {card['training']['final_val_loss'].get(t, float('nan')):.3f} |")
    lines += ["", "Files (sha256):", ""]
    lines += [f"- `{k}` {v['bytes']:,} bytes `{v['sha256']}`" for k, v in card["files"].items()]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tiny", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=0, help="override student steps (0: budget)")
    ap.add_argument("--teacher-steps", type=int, default=0)
    ap.add_argument("--tokens-per-batch", type=int, default=0)
    ap.add_argument("--lr", type=float, default=0,
                    help="override the students' peak lr (not the T5's: budget t5_lr)")
    ap.add_argument("--copy-bootstrap", type=int, default=None,
                    help="random-token copy batches before the real ones, every model "
                         "(default: the budget's, 1500; 0: none)")
    ap.add_argument("--teacher-copy-bootstrap", type=int, default=None,
                    help="the teacher's random-token copy batches (default: the budget's, 1500; "
                         "the tiny budget: the students')")
    ap.add_argument("--copy-bootstrap-long", type=int, default=None,
                    help="then this many copy batches ramping up to 64 tokens, students "
                         "(default: the budget's, 0)")
    ap.add_argument("--qa-drill", type=float, default=None,
                    help="probability that a qa pair early on becomes a short drill (default: "
                         "the budget's)")
    ap.add_argument("--t5-lr", type=float, default=0, help="override the T5 student's peak lr")
    ap.add_argument("--qa-weight", type=int, default=None,
                    help="each qa pair enters the batch shuffle this many times, every model "
                         "(default: the budget's)")
    ap.add_argument("--recall-bootstrap", type=int, default=None,
                    help="recall-drill batches after the copy bootstrap, every model (default: "
                         "the budget's)")
    ap.add_argument("--t5-bias-lr-mult", type=float, default=None,
                    help="the T5 student's relative-bias lr as a multiple of its peak lr "
                         "(default: the budget's)")
    ap.add_argument("--recall-filler", type=int, default=None,
                    help="at most this many filler tokens before a recall drill's value "
                         "(default: the budget's, 2)")
    ap.add_argument("--qa-bootstrap", type=int, default=None,
                    help="qa-crop batches after the recall drills, every model (default: the "
                         "budget's)")
    ap.add_argument("--prompt-loss", type=float, default=None,
                    help="decoder-only students: weight of the LM loss on the prompt tokens")
    ap.add_argument("--teacher-prompt-loss", type=float, default=None,
                    help="the teacher's weight of the LM loss on the prompt tokens")
    ap.add_argument("--qa-evidence", type=float, default=None,
                    help="probability of a qa pair becoming an evidence example (0: off)")
    ap.add_argument("--mimetic", type=float, default=None,
                    help="mimetic query-key initialisation, the self-match logit (0: off)")
    ap.add_argument("--qa-span", type=float, default=None,
                    help="weight of the auxiliary answer-pointer loss on qa pairs (0: off)")
    ap.add_argument("--teacher-copy-bootstrap-long", type=int, default=None,
                    help="the teacher's long copy batches (default: the budget's, 0)")
    ap.add_argument("--teacher-logits", default="", metavar="K/N",
                    help="only cache part K of N of the trained teacher's logits on the "
                         "students' batches into WORK (for the distilled students, run.sh)")
    ap.add_argument("--work", default="", help="folder for the teacher checkpoint (KD in "
                                                "another process)")
    ap.add_argument("--train-tasks", default="", metavar="TASK,TASK",
                    help="diagnostic: train only on these tasks' pairs (the tokenizer still "
                         "learns from every task's; default: every task)")
    ap.add_argument("--finish", type=float, default=0,
                    help="only write OUT/build.json for a build started at this epoch time")
    args = ap.parse_args()
    part = re.fullmatch(r"(\d+)/(\d+)", args.teacher_logits)
    if args.teacher_logits and not (part and int(part[1]) < int(part[2]) <= LOGIT_PARTS_MAX):
        ap.error(f"--teacher-logits: expected K/N with N from 1 to {LOGIT_PARTS_MAX} and K < N, "
                 f"got '{args.teacher_logits}'")
    if args.teacher_logits and not (args.work and os.path.exists(os.path.join(args.work,
                                                                              "teacher.pt"))):
        ap.error("--teacher-logits needs --work WORK holding the trained teacher (teacher.pt)")
    train_tasks = [t for t in args.train_tasks.split(",") if t]
    unknown = [t for t in train_tasks if t not in TASKS]
    if unknown:
        ap.error(f"--train-tasks: unknown task '{unknown[0]}' (tasks: {', '.join(TASKS)})")
    if args.finish:
        finish(args)
        return
    keep_heap()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    t_start = time.time()
    B = budgets(args.tiny)
    # flags that replace a budget setting when given (None: keep the budget's)
    for k in ("copy_bootstrap", "teacher_copy_bootstrap", "copy_bootstrap_long", "qa_drill",
              "qa_weight", "recall_bootstrap", "t5_bias_lr_mult", "recall_filler", "qa_bootstrap",
              "teacher_copy_bootstrap_long", "prompt_loss", "teacher_prompt_loss", "qa_evidence",
              "mimetic", "qa_span"):
        if getattr(args, k) is not None:
            B[k] = getattr(args, k)
    if B["teacher_copy_bootstrap"] is None:
        B["teacher_copy_bootstrap"] = B["copy_bootstrap"]
    # and those whose 0 means "the budget's"
    for k in ("lr", "t5_lr", "tokens_per_batch"):
        if getattr(args, k):
            B[k] = getattr(args, k)
    long_of = {True: B["teacher_copy_bootstrap_long"], False: B["copy_bootstrap_long"]}
    os.makedirs(args.out, exist_ok=True)
    only = [x for x in args.only.split(",") if x]

    train_rows = load_split(args.pairs, "train", B["train_per_task"])
    val_rows = load_split(args.pairs, "validation", B["val_per_task"] if args.tiny else None)
    test_rows = load_split(args.pairs, "test")
    log(f"pairs: {len(train_rows)} train, {len(val_rows)} validation, {len(test_rows)} test")

    tok_dir = os.path.join(args.out, "tokenizer")
    os.makedirs(tok_dir, exist_ok=True)
    per = {}
    tok_texts = []
    for r in train_rows:
        if per.get(r["task"], 0) < B["tok_rows_per_task"]:
            per[r["task"]] = per.get(r["task"], 0) + 1
            tok_texts += [r["source"], r["prompt"], r["target"]]
    vocab, merges = train_bpe(tok_texts, B["vocab"])
    tok = Tokenizer(vocab, merges)
    write_text(os.path.join(tok_dir, "bpe.json"), tok.dumps())
    log(f"tokenizer: {len(tok)} tokens from {len(tok_texts)} texts ({time.time() - t_start:.0f}s)")

    lim = {"max_source_tokens": B["max_source_tokens"], "max_prompt_tokens": B["max_prompt_tokens"],
           "max_target_tokens": B["max_target_tokens"]}
    if train_tasks:  # after the tokenizer, which is the same as a full build's
        train_rows = [r for r in train_rows if r["task"] in train_tasks]
        log(f"training on {', '.join(train_tasks)} only: {len(train_rows)} train pairs")
    train_ex, val_all, test_ex = encoded_splits(args.work, tok, lim, train_rows, val_rows,
                                                test_rows)
    stats = {}
    for t in TASKS:
        ex = [r for r in train_rows if r["task"] == t]
        if not ex:
            continue
        enc = [len(tok.encode(r["prompt"])) for r in ex[:500]]
        tl = [len(tok.encode(r["target"])) for r in ex[:500]]
        stats[t] = {"prompt_tokens_p50": pct(enc, 0.5), "prompt_tokens_p99": pct(enc, 0.99),
                    "target_tokens_p50": pct(tl, 0.5), "target_tokens_p99": pct(tl, 0.99)}
    log(f"encoded ({time.time() - t_start:.0f}s); lengths {json.dumps(stats)}")
    save_tokenizer_files(tok, tok_dir, "plain", lim["max_source_tokens"])
    write_json(os.path.join(tok_dir, "stats.json"), {"vocab_size": len(tok), "limits": lim,
                                                     "lengths": stats})

    # validation: a fixed slice per task for losses, and the first score_per_task for scores
    val_loss_ex = []
    for t in TASKS:
        val_loss_ex += [e for e in val_all if e["task"] == t][: B["val_per_task"]]
    limits = max_new_tokens(train_ex, B["max_target_tokens"])
    if B["max_new"]:
        limits = {t: min(v, B["max_new"]) for t, v in limits.items()}

    weights = {"qa": B["qa_weight"]}
    batches = make_batches(train_ex, B["tokens_per_batch"], SEED, B["epochs"], weights)
    steps = args.steps or B["max_steps"] or len(batches)
    batches = batches[:steps]
    t_batches = make_batches(train_ex, B["tokens_per_batch"], SEED + 1, B["teacher_epochs"],
                             weights)
    t_steps = args.teacher_steps or B["teacher_steps"] or len(t_batches)
    t_batches = t_batches[:t_steps]
    train_ex, batches = copy_warmup(train_ex, batches, tok, SEED)
    train_ex, t_batches = copy_warmup(train_ex, t_batches, tok, SEED + 1)
    train_ex, batches = qa_drills(train_ex, batches, tok, SEED + 6, lim, B["qa_drill"])
    train_ex, t_batches = qa_drills(train_ex, t_batches, tok, SEED + 7, lim, B["qa_drill"])
    # evidence examples (data.qa_evidence) in place of qa pairs: off unless qa_evidence > 0
    train_ex, batches = qa_drills(train_ex, batches, tok, SEED + 12, lim, B["qa_evidence"],
                                  make=qa_evidence)
    train_ex, t_batches = qa_drills(train_ex, t_batches, tok, SEED + 13, lim, B["qa_evidence"],
                                    make=qa_evidence)
    tpb, n_qa = B["tokens_per_batch"], B["qa_bootstrap"]
    train_ex, batches = qa_bootstrap(train_ex, batches, tok, n_qa, tpb, SEED + 10, lim)
    train_ex, t_batches = qa_bootstrap(train_ex, t_batches, tok, n_qa, tpb, SEED + 11, lim)
    n_recall = B["recall_bootstrap"]
    short_of = {True: B["teacher_copy_bootstrap"], False: B["copy_bootstrap"]}
    fill = B["recall_filler"]
    train_ex, batches = recall_bootstrap(train_ex, batches, tok, n_recall, tpb, SEED + 8, fill)
    train_ex, t_batches = recall_bootstrap(train_ex, t_batches, tok, n_recall, tpb, SEED + 9, fill)
    lo, hi = SHORT_COPY
    train_ex, batches = copy_bootstraps(train_ex, batches, tok, short_of[False], long_of[False],
                                        tpb, SEED + 2, SEED + 4)
    train_ex, t_batches = copy_bootstraps(train_ex, t_batches, tok, short_of[True], long_of[True],
                                          tpb, SEED + 3, SEED + 5)
    # the students' real batches, after their bootstrap: the distilled ones learn from the teacher
    # there (the bootstrap drills are trained with cross-entropy), so its logits are cached there
    real_batches = batches[short_of[False] + long_of[False] + n_recall + n_qa:]
    log(f"{len(batches)} student steps, {len(t_batches)} teacher steps, "
        f"{B['tokens_per_batch']} padded tokens per batch")

    cfgs = configs(tok, lim, args.tiny)
    refs = pick_reference(test_ex, lim)
    machine = f"{platform.machine()} {os.cpu_count()} cores, torch {torch.__version__}, " \
              f"{args.threads} threads"
    teacher = None
    ckpt = os.path.join(args.work or args.out, "teacher.pt")
    t_cache_path = os.path.join(args.work, "teacher_logits.npy") if args.work else ""
    # the parts run.sh cached for the distilled students, if any
    n_parts = next((n for n in range(LOGIT_PARTS_MAX, 0, -1) if t_cache_path and all(
        os.path.exists(logits_part_path(t_cache_path, k, n) + ".json") for k in range(n))), 0)
    # distilled students read the cached logits when there are some, and need no teacher then
    need_teacher = args.teacher_logits or not n_parts and any(
        STUDENTS[o][3] for o in (only or STUDENTS) if o in STUDENTS)
    if (args.teacher_logits or only and TEACHER not in only) and need_teacher:
        log(f"loading the teacher from {ckpt}")
        teacher = __import__("arch").build(cfgs[TEACHER])
        teacher.load_state_dict(torch.load(ckpt))
        teacher.eval()
        for p in teacher.parameters():
            p.requires_grad_(False)
    if args.teacher_logits:
        t0 = time.time()
        k, n = int(part[1]), int(part[2])
        cache_teacher_logits(teacher, train_ex, real_batches, tok, t_cache_path, k, n, log)
        size = os.path.getsize(logits_part_path(t_cache_path, k, n))
        log(f"teacher logits, part {k}/{n} of {len(real_batches)} real batches, in "
            f"{time.time() - t0:.0f}s, {size / 1e9:.2f} GB")
        return
    order = [TEACHER] + list(STUDENTS)
    for mid in order:
        if only and mid not in only:
            continue
        c = cfgs[mid]
        kd = mid != TEACHER and STUDENTS[mid][3]
        mdir = os.path.join(args.out, mid)
        tmp = tempfile.mkdtemp(prefix=mid + "-")
        os.makedirs(os.path.join(tmp, "onnx"), exist_ok=True)
        log(f"{mid}: training ({'KD from teacher' if kd else 'cross-entropy'}), "
            f"{count_params(__import__('arch').build(c))['total']:,} params")
        is_t = mid == TEACHER
        lr = B["teacher_lr"] if is_t else B["t5_lr"] if c["model_type"] == "t5" else B["lr"]
        opts = {"seed": SEED, "lr": lr, "warmup_frac": 0.05,
                "weight_decay": 0.1, "eval_every": B["eval_every"],
                # the real batches get their own warm-up and cosine after a copy bootstrap
                "bootstrap_steps": short_of[is_t] + long_of[is_t] + n_recall + n_qa}
        if B["mimetic"]:
            opts["mimetic"] = B["mimetic"]
        if B["qa_span"]:
            opts["qa_span"] = B["qa_span"]
        w = B["teacher_prompt_loss"] if is_t else B["prompt_loss"]
        if c["model_type"] == "llama" and w:
            opts["prompt_loss"] = w
        if c["model_type"] == "t5" and B["t5_bias_lr_mult"] != 1:
            opts["bias_lr_mult"] = B["t5_bias_lr_mult"]
        # a distilled student's bootstrap (cross-entropy) is its baseline twin's, step for step:
        # the twin saves it and the student starts from it (train.train, bootstrap prefix)
        twin = TWIN.get(mid) or (mid if mid in TWIN.values() else None)
        if args.work and twin and cfgs[twin] == c:
            opts["model_id"] = mid
            opts["resume_prefix" if kd else "save_prefix"] = os.path.join(
                args.work, twin + ".prefix.pt")
        t_cache = None
        if kd and n_parts:
            t_cache = TeacherLogits(t_cache_path, n_parts, real_batches, train_ex)
            log(f"{mid}: teacher logits from {t_cache_path}")
        model, summ = train(c, train_ex, val_loss_ex, tok, t_batches if is_t else batches, opts,
                            tmp, teacher if kd else None, log, t_cache)
        if args.work:
            torch.save(model.state_dict(), os.path.join(args.work, mid + ".pt"))
        if is_t:
            teacher = model
            for p in teacher.parameters():
                p.requires_grad_(False)
            if args.work:
                torch.save(teacher.state_dict(), ckpt + ".tmp")
                os.replace(ckpt + ".tmp", ckpt)
        log(f"{mid}: exporting")
        enc = bool(c.get("is_encoder_decoder"))
        xdir = tempfile.mkdtemp(prefix=mid + "-x-")
        if enc:
            export_encoder_decoder(model, os.path.join(tmp, "onnx"), xdir)
        else:
            export_decoder_only(model, os.path.join(tmp, "onnx"))
        shutil.rmtree(xdir, ignore_errors=True)
        write_reference(model, refs, tok, os.path.join(tmp, "reference.json"), mid)
        log(f"{mid}: scoring on validation")
        scores, base = evaluate(model, val_all, tok, limits, B["score_per_task"])
        family = "seq2seq" if enc else "decoder"
        save_tokenizer_files(tok, tmp, family, lim["max_source_tokens" if enc else "max_prompt_tokens"])
        write_json(os.path.join(tmp, "config.json"), c)
        gen = {"bos_token_id": tok.bos_id, "eos_token_id": tok.eos_id, "pad_token_id": tok.pad_id,
               "do_sample": False, "num_beams": 1, "max_new_tokens": max(limits.values())}
        if enc:
            gen["decoder_start_token_id"] = c["decoder_start_token_id"]
        write_json(os.path.join(tmp, "generation_config.json"), gen)
        params = count_params(model)
        kd_desc = None
        if kd:
            kd_desc = {
                "teacher": TEACHER,
                "loss": f"{KD_ALPHA} * KL(teacher || student) + {round(1 - KD_ALPHA, 2)} * CE",
                "kl": "forward KL on full next-token distributions, temperature 1, mean over "
                      "target tokens (including </s>)",
                "targets": "ground-truth targets (teacher forcing), not student samples: at this "
                           "scale sampling from an untrained student gives noise; documented "
                           "deviation from the paper",
                "alignment": "the teacher reads <s> + prompt + target; its logits at the positions "
                             "that predict target token t and </s> are matched with the student "
                             "decoder's positions predicting the same tokens (same tokenizer, same "
                             "vocabulary, no cut needed)",
                "teacher_logits": ("computed once by the frozen teacher (fp32) for the "
                                   "students' batches, stored as float16 and shared by both "
                                   "distilled students" if t_cache else
                                   "computed on the fly, teacher frozen, fp32"),
                "batches": f"the {len(batches) - opts['bootstrap_steps']} real batches; the "
                           f"{opts['bootstrap_steps']} bootstrap batches before them (random-token "
                           f"copy and recall drills, one exact answer each) are trained with "
                           f"cross-entropy alone",
                "computation": "one soft-target cross-entropy against 0.9 p_teacher + 0.1 "
                               "onehot(label), minus the constant 0.9 H(p_teacher): the same "
                               "value and gradient as the two terms",
            }
        card = {
            "id": mid,
            "description": ("Teacher: decoder-only, several times larger than the students, "
                            "trained multi-task on every train split." if is_t else
                            f"Student ({'distilled from ' + TEACHER if kd else 'baseline'})."),
            "architecture": {"llama": "decoder-only, llama-style (RoPE, GQA, pre-RMSNorm, SwiGLU, "
                                      "tied embeddings)",
                             "encdec_rope": f"encoder-decoder, paper design: RoPE in encoder and "
                                            f"decoder self-attention (centred encoder positions), "
                                            f"none in cross-attention, GQA, pre-RMSNorm, SwiGLU, "
                                            f"tied embeddings; {c.get('num_encoder_layers')} "
                                            f"encoder + {c.get('num_decoder_layers')} decoder layers",
                             "t5": "encoder-decoder, T5 v1.1 layout (relative position buckets "
                                   "shared across layers, no attention scaling, pre-RMSNorm, "
                                   "gated-GELU FFN, tied embeddings with d_model^-0.5 output "
                                   "scale)"}[c["model_type"]],
            "model_type": c["model_type"],
            "parameters": params,
            "config": c,
            "training": {**summ, "examples_seen": sum(len(b) for b in (t_batches if is_t else batches)),
                         "seed": SEED, "optimizer": "AdamW (0.9, 0.95), weight decay 0.1 on "
                                                    "matrices, grad clip 1.0"
                         + (f"; the relative position bias table at {opts['bias_lr_mult']:g}x "
                            f"the lr, without weight decay" if "bias_lr_mult" in opts else ""),
                         **({"relative_bias_lr_mult": opts["bias_lr_mult"]}
                            if "bias_lr_mult" in opts else {}),
                         **({"prompt_loss": f"on the real batches, {opts['prompt_loss']:g} times "
                                            f"the next-token cross-entropy of the prompt's own "
                                            f"tokens added to the target loss"}
                            if "prompt_loss" in opts else {}),
                         "schedule": f"linear warmup 5%, cosine to 10% of peak lr {opts['lr']}"
                                     + ("; restarted after the copy bootstrap"
                                        if short_of[is_t] + long_of[is_t] else ""),
                         "batching": f"mixed-task batches of at most {B['tokens_per_batch']} padded "
                                     f"tokens, length-bucketed; the same batches for every student",
                         "copy_warmup": "in the first 30% of steps each example is replaced with "
                                        "probability 0.5 by a copy example (a segment of at most 96 "
                                        "tokens of its own source; target = the segment; the "
                                        "decoder-only prompt ends with the cue '\\ncopy:\\n')",
                         "copy_bootstrap_batches": short_of[is_t],
                         "copy_bootstrap_long_batches": long_of[is_t],
                         "copy_bootstrap": f"before the real batches, batches of copy examples of "
                                           f"{lo}-{hi} distinct random tokens (about half the "
                                           f"padded tokens of a real batch), then copy_bootstrap_"
                                           f"long_batches of {lo}-N tokens, N growing linearly "
                                           f"from {hi} to {LONG_COPY_MAX}, all with their own "
                                           f"warm-up and cosine",
                         "recall_bootstrap_batches": n_recall,
                         "recall_bootstrap": f"after the copy bootstrap, batches of recall drills "
                                             f"of random tokens in the qa format: 'question: E R "
                                             f"context: E R x V. ...' over {RECALL_FACTS[0]}-N "
                                             f"facts (N growing to {RECALL_FACTS[1]}) where "
                                             f"entities recur across relations, target the value "
                                             f"V of the asked pair, or 'unanswerable' (1 in 5) "
                                             f"when that pair is absent",
                         "qa_bootstrap_batches": n_qa,
                         "qa_bootstrap": f"after the recall drills, batches of qa crops: a qa "
                                         f"training pair's question over "
                                         f"{QA_CROP_SENTENCES[0]}-N of its context's sentences "
                                         f"(N growing to {QA_CROP_SENTENCES[1]}), with the "
                                         f"answer's sentences (3 in 4 answerable pairs) or "
                                         f"without them (target 'unanswerable')",
                         "qa_weight": B["qa_weight"],
                         "qa_weighting": "each qa pair entered the shuffle of the batches "
                                         "qa_weight times (data.make_batches)",
                         "qa_drill": B["qa_drill"],
                         "qa_drills": "in the first 60% of real steps each qa pair is replaced "
                                      "with probability qa_drill by a drill of itself: the same "
                                      "question over 2-4 of its context's sentences (with the "
                                      "answer's sentences 3 times in 4 for an answerable pair, "
                                      "else without them and the target 'unanswerable')",
                         **({"qa_evidence": f"in the first 60% of real steps each qa pair is "
                                            f"replaced with probability {B['qa_evidence']:g} by "
                                            f"an evidence example (data.qa_evidence)"}
                            if B["qa_evidence"] else {}),
                         "machine": machine, "tiny": args.tiny},
            "distillation": kd_desc,
            "data": {"description": "encoder-bench training pairs (deno task pairs) from "
                                    "datasets/*/train.jsonl.gz: "
                                    + ", ".join(train_tasks or TASKS),
                     "train_examples": len(train_ex), "limits": lim,
                     "truncation": f"inputs longer than the limit keep their head and last "
                                   f"16 tokens; targets are cut to max_target_tokens",
                     "tokenizer": f"byte-level BPE, {len(tok)} tokens, learned from "
                                  f"{len(tok_texts)} train texts"},
            "validation": {"scores": scores, "trivial_baseline": base,
                           "max_new_tokens": limits, "decoding": "greedy, stop at </s>",
                           "metrics": PRIMARY},
            "licence": LICENCE,
        }
        files = {}
        for root, _, names in os.walk(tmp):
            for nm in sorted(names):
                p = os.path.join(root, nm)
                rel = os.path.relpath(p, tmp)
                files[rel] = {"bytes": os.path.getsize(p), "sha256": sha256(p)}
        card["files"] = dict(sorted(files.items()))
        card["total_bytes"] = sum(f["bytes"] for f in files.values())
        write_json(os.path.join(tmp, "card.json"), card)
        with open(os.path.join(tmp, "README.md"), "w") as f:
            f.write(card_readme(card))
        if os.path.exists(mdir):
            shutil.rmtree(mdir)
        shutil.move(tmp, mdir)
        log(f"{mid}: done, {card['total_bytes'] / 1e6:.2f} MB, scores "
            + ", ".join(f"{t}={s[PRIMARY[t]]:.3f} (trivial {base[t][PRIMARY[t]]:.3f})"
                        for t, s in scores.items()))
    log(f"all done in {time.time() - t_start:.0f}s")


def cpu_model():
    """The processor's name (build times differ by VM kind), or the platform's guess."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def finish(args):
    """build.json: wall time of the whole build and the budgets it used."""
    cards = []
    for name in sorted(os.listdir(args.out)):
        p = os.path.join(args.out, name, "card.json")
        if os.path.exists(p):
            with open(p) as f:
                cards.append(json.load(f))
    steps = {c["id"]: c["training"]["steps"] for c in cards}
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    data = {}
    for name in sorted(os.listdir(os.path.join(root, "datasets"))):
        for f in ("train.jsonl.gz", "validation.jsonl", "test.jsonl"):
            p = os.path.join(root, "datasets", name, f)
            if os.path.exists(p):
                data[f"{name}/{f}"] = sha256(p)
    write_json(os.path.join(args.out, "build.json"), {
        "seconds": round(time.time() - args.finish, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}",
        "cpu": cpu_model(),
        "tiny": any(c["training"].get("tiny") for c in cards),
        "finished": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "student_steps": max((v for k, v in steps.items() if k != TEACHER), default=0),
        "teacher_steps": steps.get(TEACHER, 0),
        "copy_bootstrap_batches": max((c["training"].get("copy_bootstrap_batches", 0)
                                       for c in cards if c["id"] != TEACHER), default=0),
        "teacher_copy_bootstrap_batches": next(
            (c["training"].get("copy_bootstrap_batches", 0) for c in cards if c["id"] == TEACHER),
            0),
        "copy_bootstrap_long_batches": max((c["training"].get("copy_bootstrap_long_batches", 0)
                                            for c in cards if c["id"] != TEACHER), default=0),
        "teacher_copy_bootstrap_long_batches": next(
            (c["training"].get("copy_bootstrap_long_batches", 0) for c in cards
             if c["id"] == TEACHER), 0),
        "qa_drill": max((c["training"].get("qa_drill", 0) for c in cards), default=0),
        "qa_weight": max((c["training"].get("qa_weight", 1) for c in cards), default=1),
        "qa_bootstrap_batches": max((c["training"].get("qa_bootstrap_batches", 0)
                                     for c in cards), default=0),
        "recall_bootstrap_batches": max((c["training"].get("recall_bootstrap_batches", 0)
                                         for c in cards), default=0),
        "datasets_sha256": data})


if __name__ == "__main__":
    main()
