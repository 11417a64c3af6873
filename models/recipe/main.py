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
import sys
import tempfile
import time
from types import SimpleNamespace

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from arch import build as build_model, count_params  # noqa: E402
from cards import card_readme, model_card, sha256, write_json, write_text  # noqa: E402
from data import (TASKS, copy_bootstraps, copy_warmup, encode_rows, load_split,  # noqa: E402
                  make_batches, qa_bootstrap, qa_drills, recall_bootstrap)
from export import export_decoder_only, export_encoder_decoder  # noqa: E402
from metrics import PRIMARY, mean_scores, trivial  # noqa: E402
from tokenizer import Tokenizer, config_files, train_bpe  # noqa: E402
from train import (LOGIT_PARTS_MAX, TeacherLogits, cache_teacher_logits, greedy,  # noqa: E402
                   greedy_nocache, logits_part_path, train)
from zoo import STUDENTS, TEACHER, TWIN, configs  # noqa: E402

SEED = 1234


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
    """The build's settings: the full budget (about 70 minutes on 2 cores), or the tiny one of
    CI (a few steps on tiny models). Why each value is what it is: docs/notes/zoo-experiments.md.
    """
    if tiny:
        return {"vocab": 300, "tok_rows_per_task": 40, "train_per_task": 40, "val_per_task": 6,
                "score_per_task": 4, "tokens_per_batch": 512, "epochs": 1, "teacher_epochs": 1,
                "max_steps": 4, "teacher_steps": 4, "eval_every": 2, "lr": 3e-3,
                "teacher_lr": 2e-3, "t5_lr": 1e-3, "t5_bias_lr_mult": 10, "max_source_tokens": 128,
                "max_prompt_tokens": 160, "max_target_tokens": 48, "max_new": 8,
                "copy_bootstrap": 2, "teacher_copy_bootstrap": None, "copy_bootstrap_long": 0,
                "teacher_copy_bootstrap_long": 2, "qa_drill": 0.5, "recall_bootstrap": 2,
                "recall_filler": 2, "qa_bootstrap": 2, "qa_weight": 1}
    return {
        # byte-level BPE vocabulary, learned from this many train rows of each task
        "vocab": 2048, "tok_rows_per_task": 3000,
        # pairs per task (None: all); validation pairs per task for losses, and for scores
        "train_per_task": None, "val_per_task": 32, "score_per_task": 100,
        # mixed-task batches of at most this many padded tokens; epochs over the pairs
        "tokens_per_batch": 1024, "epochs": 1, "teacher_epochs": 1,
        # real steps (after the bootstraps) of the students and of the teacher
        "max_steps": 2800, "teacher_steps": 2800, "eval_every": 400,
        # peak learning rates: students, teacher, the T5 student
        "lr": 1e-3, "teacher_lr": 1e-3, "t5_lr": 1e-3,
        # T5's relative-bias table at this multiple of its lr, without weight decay
        "t5_bias_lr_mult": 10,
        # input and target limits in tokens (longer inputs keep their head and last 16 tokens)
        "max_source_tokens": 512, "max_prompt_tokens": 544, "max_target_tokens": 192,
        # cap on the per-task generation limits of the validation scores (None: no cap)
        "max_new": None,
        # random-token copy batches before the real ones (data.copy_bootstraps), students and
        # teacher, then this many whose length cap ramps from 12 to 64 tokens
        "copy_bootstrap": 1500, "teacher_copy_bootstrap": 1500,
        "copy_bootstrap_long": 0, "teacher_copy_bootstrap_long": 0,
        # probability that a qa pair in the first 60% of real steps becomes a short reading
        # drill of itself (data.qa_drills)
        "qa_drill": 0.0,
        # recall-drill batches (data.recall_bootstrap) after the copy bootstrap, and at most
        # this many filler tokens before a drill's value
        "recall_bootstrap": 800, "recall_filler": 2,
        # qa reading-crop batches (data.qa_bootstrap) after the recall drills
        "qa_bootstrap": 0,
        # each qa pair enters the batch shuffle this many times (data.make_batches weights)
        "qa_weight": 1}


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


def b64_f32(t):
    return base64.b64encode(np.asarray(t, dtype="<f4").tobytes()).decode()


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
    """reference.json: PyTorch greedy outputs and first-step logits, the engine's test oracle."""
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


def parse_args(argv=None):
    """The command line (run.sh passes its options through); usage errors exit 2."""
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
    ap.add_argument("--teacher-copy-bootstrap-long", type=int, default=None,
                    help="the teacher's long copy batches (default: the budget's, 0)")
    ap.add_argument("--teacher-logits", default="", metavar="K/N",
                    help="only cache part K of N of the trained teacher's logits on the "
                         "students' batches into WORK (for the distilled students, run.sh)")
    ap.add_argument("--work", default="", help="folder for the teacher checkpoint (KD in "
                                                "another process)")
    ap.add_argument("--finish", type=float, default=0,
                    help="only write OUT/build.json for a build started at this epoch time")
    args = ap.parse_args(argv)
    part = re.fullmatch(r"(\d+)/(\d+)", args.teacher_logits)
    if args.teacher_logits and not (part and int(part[1]) < int(part[2]) <= LOGIT_PARTS_MAX):
        ap.error(f"--teacher-logits: expected K/N with N from 1 to {LOGIT_PARTS_MAX} and K < N, "
                 f"got '{args.teacher_logits}'")
    if args.teacher_logits and not (args.work and os.path.exists(os.path.join(args.work,
                                                                              "teacher.pt"))):
        ap.error("--teacher-logits needs --work WORK holding the trained teacher (teacher.pt)")
    args.part = (int(part[1]), int(part[2])) if args.teacher_logits else None
    return args


# flags that replace a budget setting when given (None: keep the budget's)
OVERRIDES = ("copy_bootstrap", "teacher_copy_bootstrap", "copy_bootstrap_long", "qa_drill",
             "qa_weight", "recall_bootstrap", "t5_bias_lr_mult", "recall_filler", "qa_bootstrap",
             "teacher_copy_bootstrap_long")
# and those whose 0 means "the budget's"
NONZERO_OVERRIDES = ("lr", "t5_lr", "tokens_per_batch")


def settings(args):
    """The budget (budgets) with the command line's overrides."""
    B = budgets(args.tiny)
    for k in OVERRIDES:
        if getattr(args, k) is not None:
            B[k] = getattr(args, k)
    if B["teacher_copy_bootstrap"] is None:
        B["teacher_copy_bootstrap"] = B["copy_bootstrap"]
    for k in NONZERO_OVERRIDES:
        if getattr(args, k):
            B[k] = getattr(args, k)
    return B


def tokenizer_step(args, B, t_start):
    """Reads the pairs and learns the byte-level BPE tokenizer from the first tok_rows_per_task
    train rows of each task (OUT/tokenizer/bpe.json). Returns (tokenizer, texts it learned from,
    (train, validation, test rows))."""
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
    return tok, tok_texts, (train_rows, val_rows, test_rows)


def encode_step(args, tok, lim, rows, t_start):
    """Encodes every split (encoded_splits) and writes the shared tokenizer folder's files and
    length statistics. Returns (train, validation, test examples)."""
    train_rows = rows[0]
    train_ex, val_all, test_ex = encoded_splits(args.work, tok, lim, *rows)
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
    tok_dir = os.path.join(args.out, "tokenizer")
    save_tokenizer_files(tok, tok_dir, "plain", lim["max_source_tokens"])
    write_json(os.path.join(tok_dir, "stats.json"), {"vocab_size": len(tok), "limits": lim,
                                                     "lengths": stats})
    return train_ex, val_all, test_ex


def schedule_step(args, B, tok, lim, train_ex):
    """The training schedule: the students' and the teacher's batches of real pairs with their
    copy warm-up and qa drills, and the bootstraps put in front of them (copy, then recall
    drills, then qa crops), with fixed seeds. Returns a namespace of train_ex (the pairs and every
    example made for the schedule), batches, t_batches (the teacher's), real_batches (the
    students' after their bootstrap), short_of and long_of (copy-bootstrap batches by
    is-teacher), n_recall and n_qa."""
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
    tpb, n_qa = B["tokens_per_batch"], B["qa_bootstrap"]
    train_ex, batches = qa_bootstrap(train_ex, batches, tok, n_qa, tpb, SEED + 10, lim)
    train_ex, t_batches = qa_bootstrap(train_ex, t_batches, tok, n_qa, tpb, SEED + 11, lim)
    n_recall = B["recall_bootstrap"]
    short_of = {True: B["teacher_copy_bootstrap"], False: B["copy_bootstrap"]}
    long_of = {True: B["teacher_copy_bootstrap_long"], False: B["copy_bootstrap_long"]}
    fill = B["recall_filler"]
    train_ex, batches = recall_bootstrap(train_ex, batches, tok, n_recall, tpb, SEED + 8, fill)
    train_ex, t_batches = recall_bootstrap(train_ex, t_batches, tok, n_recall, tpb, SEED + 9, fill)
    train_ex, batches = copy_bootstraps(train_ex, batches, tok, short_of[False], long_of[False],
                                        tpb, SEED + 2, SEED + 4)
    train_ex, t_batches = copy_bootstraps(train_ex, t_batches, tok, short_of[True], long_of[True],
                                          tpb, SEED + 3, SEED + 5)
    # the students' real batches, after their bootstrap: the distilled ones learn from the teacher
    # there (the bootstrap drills are trained with cross-entropy), so its logits are cached there
    real_batches = batches[short_of[False] + long_of[False] + n_recall + n_qa:]
    log(f"{len(batches)} student steps, {len(t_batches)} teacher steps, "
        f"{B['tokens_per_batch']} padded tokens per batch")
    return SimpleNamespace(train_ex=train_ex, batches=batches, t_batches=t_batches,
                           real_batches=real_batches, short_of=short_of, long_of=long_of,
                           n_recall=n_recall, n_qa=n_qa)


def cached_parts(work):
    """How many parts of teacher logits run.sh cached in WORK for the distilled students (0:
    none), and the cache's path."""
    path = os.path.join(work, "teacher_logits.npy") if work else ""
    n = next((n for n in range(LOGIT_PARTS_MAX, 0, -1) if path and all(
        os.path.exists(logits_part_path(path, k, n) + ".json") for k in range(n))), 0)
    return n, path


def load_teacher(path, cfg):
    """The trained teacher from its checkpoint, frozen."""
    log(f"loading the teacher from {path}")
    teacher = build_model(cfg)
    teacher.load_state_dict(torch.load(path))
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher


def train_opts(b, run):
    """train.train's options for one model: lr of its family, schedule, bootstrap length, T5's
    bias lr and the bootstrap prefix it shares with its twin (b: the Build)."""
    B, sched, c, is_t, mid = b.settings, b.schedule, run["config"], run["teacher"], run["id"]
    lr = B["teacher_lr"] if is_t else B["t5_lr"] if c["model_type"] == "t5" else B["lr"]
    opts = {"seed": SEED, "lr": lr, "warmup_frac": 0.05,
            "weight_decay": 0.1, "eval_every": B["eval_every"],
            # the real batches get their own warm-up and cosine after a copy bootstrap
            "bootstrap_steps": sched.short_of[is_t] + sched.long_of[is_t] + sched.n_recall
            + sched.n_qa}
    if c["model_type"] == "t5" and B["t5_bias_lr_mult"] != 1:
        opts["bias_lr_mult"] = B["t5_bias_lr_mult"]
    # a distilled student's bootstrap (cross-entropy) is its baseline twin's, step for step:
    # the twin saves it and the student starts from it (train.train, bootstrap prefix)
    twin = TWIN.get(mid) or (mid if mid in TWIN.values() else None)
    if b.work and twin and b.cfgs[twin] == c:
        opts["model_id"] = mid
        opts["resume_prefix" if run["kd"] else "save_prefix"] = os.path.join(
            b.work, twin + ".prefix.pt")
    return opts


def train_step(b, run, teacher):
    """Trains one model (train.train, logs into its folder) and keeps its weights in WORK.
    Returns (model, summary, options)."""
    mid, c, kd = run["id"], run["config"], run["kd"]
    log(f"{mid}: training ({'KD from teacher' if kd else 'cross-entropy'}), "
        f"{count_params(build_model(c))['total']:,} params")
    opts = train_opts(b, run)
    if kd and b.n_parts:
        run["t_cache"] = TeacherLogits(b.t_cache_path, b.n_parts, b.schedule.real_batches,
                                       b.schedule.train_ex)
        log(f"{mid}: teacher logits from {b.t_cache_path}")
    model, summ = train(c, b.schedule.train_ex, b.val_loss_ex, b.tok, run["batches"], opts,
                        run["folder"], teacher if kd else None, log, run["t_cache"])
    if b.work:
        torch.save(model.state_dict(), os.path.join(b.work, mid + ".pt"))
    return model, summ, opts


def freeze_teacher(model, ckpt, work):
    """The trained teacher, frozen for the distilled students, saved to its checkpoint in WORK."""
    for p in model.parameters():
        p.requires_grad_(False)
    if work:
        torch.save(model.state_dict(), ckpt + ".tmp")
        os.replace(ckpt + ".tmp", ckpt)
    return model


def export_step(b, run, model):
    """Writes the model folder's ONNX files, reference.json, tokenizer, config.json and
    generation_config.json, and scores the model on validation. Returns (scores, trivial
    baseline, max new tokens per task)."""
    mid, c, tmp = run["id"], run["config"], run["folder"]
    log(f"{mid}: exporting")
    enc = bool(c.get("is_encoder_decoder"))
    xdir = tempfile.mkdtemp(prefix=mid + "-x-")
    if enc:
        export_encoder_decoder(model, os.path.join(tmp, "onnx"), xdir)
    else:
        export_decoder_only(model, os.path.join(tmp, "onnx"))
    shutil.rmtree(xdir, ignore_errors=True)
    write_reference(model, b.refs, b.tok, os.path.join(tmp, "reference.json"), mid)
    log(f"{mid}: scoring on validation")
    scores, base = evaluate(model, b.val_all, b.tok, b.max_new, b.settings["score_per_task"])
    family = "seq2seq" if enc else "decoder"
    save_tokenizer_files(b.tok, tmp, family,
                         b.limits["max_source_tokens" if enc else "max_prompt_tokens"])
    write_json(os.path.join(tmp, "config.json"), c)
    gen = {"bos_token_id": b.tok.bos_id, "eos_token_id": b.tok.eos_id,
           "pad_token_id": b.tok.pad_id, "do_sample": False, "num_beams": 1,
           "max_new_tokens": max(b.max_new.values())}
    if enc:
        gen["decoder_start_token_id"] = c["decoder_start_token_id"]
    write_json(os.path.join(tmp, "generation_config.json"), gen)
    return scores, base, b.max_new


def card_step(b, run, model, summ, opts, evaluation):
    """Writes card.json and README.md, then moves the finished folder into OUT."""
    mid, tmp = run["id"], run["folder"]
    card = model_card(run, model, summ, opts, evaluation, b, count_params(model))
    write_json(os.path.join(tmp, "card.json"), card)
    with open(os.path.join(tmp, "README.md"), "w") as f:
        f.write(card_readme(card))
    mdir = os.path.join(b.out, mid)
    if os.path.exists(mdir):
        shutil.rmtree(mdir)
    shutil.move(tmp, mdir)
    scores, base, _ = evaluation
    log(f"{mid}: done, {card['total_bytes'] / 1e6:.2f} MB, scores "
        + ", ".join(f"{t}={s[PRIMARY[t]]:.3f} (trivial {base[t][PRIMARY[t]]:.3f})"
                    for t, s in scores.items()))


def main(argv=None):
    """The zoo build, one step after another: settings, tokenizer, encoded pairs, schedule, then
    per model (teacher first) training, export and card. With --teacher-logits K/N only part K
    of the teacher's logits is cached; with --finish only build.json is written."""
    args = parse_args(argv)
    if args.finish:
        finish(args)
        return
    keep_heap()
    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    t_start = time.time()
    B = settings(args)
    os.makedirs(args.out, exist_ok=True)
    only = [x for x in args.only.split(",") if x]
    tok, tok_texts, rows = tokenizer_step(args, B, t_start)
    lim = {"max_source_tokens": B["max_source_tokens"], "max_prompt_tokens": B["max_prompt_tokens"],
           "max_target_tokens": B["max_target_tokens"]}
    train_ex, val_all, test_ex = encode_step(args, tok, lim, rows, t_start)
    # validation: a fixed slice per task for losses, and the first score_per_task for scores
    val_loss_ex = []
    for t in TASKS:
        val_loss_ex += [e for e in val_all if e["task"] == t][: B["val_per_task"]]
    max_new = max_new_tokens(train_ex, B["max_target_tokens"])
    if B["max_new"]:
        max_new = {t: min(v, B["max_new"]) for t, v in max_new.items()}
    sched = schedule_step(args, B, tok, lim, train_ex)
    cfgs = configs(tok, lim, args.tiny)
    n_parts, t_cache_path = cached_parts(args.work)
    b = SimpleNamespace(  # the build: what every model's steps read (cards.py reads it too)
        settings=B, schedule=sched, seed=SEED, tiny=args.tiny, out=args.out, work=args.work,
        tok=tok, tok_texts=len(tok_texts), limits=lim, cfgs=cfgs, refs=pick_reference(test_ex, lim),
        val_all=val_all, val_loss_ex=val_loss_ex, max_new=max_new,
        train_examples=len(sched.train_ex), n_parts=n_parts, t_cache_path=t_cache_path,
        machine=f"{platform.machine()} {os.cpu_count()} cores, torch {torch.__version__}, "
                f"{args.threads} threads")
    teacher = None
    ckpt = os.path.join(args.work or args.out, "teacher.pt")
    # distilled students read the cached logits when there are some, and need no teacher then
    need_teacher = args.teacher_logits or not n_parts and any(
        STUDENTS[o][3] for o in (only or STUDENTS) if o in STUDENTS)
    if (args.teacher_logits or only and TEACHER not in only) and need_teacher:
        teacher = load_teacher(ckpt, cfgs[TEACHER])
    if args.teacher_logits:
        t0 = time.time()
        k, n = args.part
        cache_teacher_logits(teacher, sched.train_ex, sched.real_batches, tok, t_cache_path, k, n,
                             log)
        size = os.path.getsize(logits_part_path(t_cache_path, k, n))
        log(f"teacher logits, part {k}/{n} of {len(sched.real_batches)} real batches, in "
            f"{time.time() - t0:.0f}s, {size / 1e9:.2f} GB")
        return
    for mid in [TEACHER] + list(STUDENTS):
        if only and mid not in only:
            continue
        is_t = mid == TEACHER
        run = {"id": mid, "config": cfgs[mid], "teacher": is_t,
               "kd": not is_t and STUDENTS[mid][3], "folder": tempfile.mkdtemp(prefix=mid + "-"),
               "batches": sched.t_batches if is_t else sched.batches, "t_cache": None}
        os.makedirs(os.path.join(run["folder"], "onnx"), exist_ok=True)
        model, summ, opts = train_step(b, run, teacher)
        if is_t:
            teacher = freeze_teacher(model, ckpt, args.work)
        evaluation = export_step(b, run, model)
        card_step(b, run, model, summ, opts, evaluation)
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
