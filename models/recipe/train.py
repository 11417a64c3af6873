"""Training (cross-entropy or distillation), validation loss, greedy decoding with a KV cache."""

import csv
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from arch import EncoderDecoder, build, init_weights
from data import TASKS, dec_batch, encdec_batch

KD_ALPHA = 0.9  # weight of KL(teacher || student); 1 - KD_ALPHA on cross-entropy


def lr_at(step, total, peak, warmup):
    if step < warmup:
        return peak * (step + 1) / warmup
    prog = (step - warmup) / max(1, total - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, prog))))


def schedule(step, total, peak, warmup_frac, bootstrap=0):
    """Learning rate at a step: linear warm-up then cosine to 10% of peak. With bootstrap > 0
    (copy-bootstrap batches first), the bootstrap steps and the real steps each get their own
    warm-up and cosine, so the real data starts again from the peak."""
    if bootstrap and step < bootstrap:
        return lr_at(step, bootstrap, peak, max(1, int(bootstrap * warmup_frac)))
    n = total - bootstrap
    return lr_at(step - bootstrap, n, peak, max(1, int(n * warmup_frac)))


def target_logits(model, exs, tok):
    """Logits at the positions that predict target tokens and </s> ([N, vocab]), and labels."""
    if isinstance(model, EncoderDecoder):
        src, m, dec_in, labels = encdec_batch(exs, tok.pad_id, model.c["decoder_start_token_id"])
        sel = labels != -100
        return model(src, m, dec_in, select=sel), labels[sel]
    ids, mask, pos, labels = dec_batch(exs, tok.pad_id)
    sel = labels != -100
    return model(ids, mask, pos, select=sel)[0], labels[sel]


def loss_on(model, exs, tok, teacher=None, t_logits=None):
    """CE loss, or 0.9 KL(teacher||student) + 0.1 CE with teacher logits at the same targets."""
    s, labels = target_logits(model, exs, tok)
    ce = F.cross_entropy(s, labels)
    if teacher is None and t_logits is None:
        return ce, ce, None
    if t_logits is None:
        with torch.no_grad():
            t_logits, _ = target_logits(teacher, exs, tok)
    t = t_logits
    assert t.shape == s.shape, (t.shape, s.shape)
    logp_s = F.log_softmax(s, dim=-1)
    logp_t = F.log_softmax(t.float(), dim=-1)
    kl = (logp_t.exp() * (logp_t - logp_s)).sum(-1).mean()
    return KD_ALPHA * kl + (1 - KD_ALPHA) * ce, ce, kl


def _offsets(examples, batches):
    offs = [0]
    for b in batches:
        offs.append(offs[-1] + sum(len(examples[i]["tgt"]) for i in b))
    return offs


def _bounds(examples, batches, n):
    """n + 1 batch indices cutting the batches into n contiguous runs of about equal teacher work
    (decoder-only tokens: prompt + target)."""
    cost = [sum(len(examples[i]["prompt"]) + len(examples[i]["tgt"]) for i in b) for b in batches]
    total, acc, out = sum(cost), 0, [0]
    for j, c in enumerate(cost):
        acc += c
        while len(out) < n and acc * n >= total * len(out):
            out.append(j + 1)
    return out + [len(batches)] * (n + 1 - len(out))


LOGIT_PARTS_MAX = 9  # a teacher-logits cache is cut into at most this many parts


def logits_part_path(path, k, n):
    """File of part k of n of a teacher-logits cache."""
    return f"{path}.part{k}of{n}.npy"


@torch.no_grad()
def cache_teacher_logits(teacher, examples, batches, tok, path, k=0, n=1, log=print):
    """Part k of n (a contiguous run of the batches, _bounds) of the frozen teacher's logits at
    every target position (target tokens and </s>) of every batch, in batch order, as one float16
    [positions, vocab] .npy file (written to a temp name and renamed) with a .json of its
    batches and offsets. Both distilled students train on the same batches, so one teacher pass
    serves both instead of a teacher forward inside every student step; run.sh has its two
    single-threaded lanes take the n = 4 parts as they come free (two threads in one process
    were slower than one on the 2-core VM: 0.37 against 0.24 s per bootstrap batch)."""
    lo, hi = _bounds(examples, batches, n)[k: k + 2]
    offs = _offsets(examples, batches[lo:hi])
    vocab = teacher.c["vocab_size"]
    out = logits_part_path(path, k, n)
    tmp = f"{out}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:  # an empty part (fewer batches than parts) cannot be mapped
        np.lib.format.write_array_header_1_0(f, {"descr": "<f2", "fortran_order": False,
                                                 "shape": (offs[-1], vocab)})
        t0 = time.time()
        for j, b in enumerate(batches[lo:hi]):
            t, _ = target_logits(teacher, [examples[i] for i in b], tok)
            assert t.shape[0] == offs[j + 1] - offs[j], (lo + j, t.shape, offs[j + 1] - offs[j])
            f.write(t.numpy().astype("<f2").tobytes())
            if (j + 1) % 500 == 0:
                log(f"  teacher logits, part {k}/{n}: {j + 1}/{hi - lo} batches "
                    f"({time.time() - t0:.0f}s)")
    os.replace(tmp, out)
    with open(out + ".json", "w") as f:
        json.dump({"first_batch": lo, "offsets": offs, "vocab_size": vocab}, f)


class TeacherLogits:
    """The parts of a cache_teacher_logits cache, checked against these batches; logits(step)
    gives the float32 [targets, vocab] rows of one batch."""

    def __init__(self, path, n, batches, examples):
        self.parts = []
        bounds = _bounds(examples, batches, n)
        for k in range(n):
            out = logits_part_path(path, k, n)
            with open(out + ".json") as f:
                meta = json.load(f)
            lo = meta["first_batch"]
            hi = lo + len(meta["offsets"]) - 1
            if lo != bounds[k] or meta["offsets"] != _offsets(examples, batches[lo:hi]):
                raise ValueError(f"{out}: teacher logits were cached for other batches")
            if hi > lo:
                self.parts.append((lo, hi, np.load(out, mmap_mode="r"), meta["offsets"]))
        if bounds[-1] != len(batches) or not self.parts and batches:
            raise ValueError(f"{path}: teacher logits do not cover all {len(batches)} batches")

    def logits(self, step):
        for lo, hi, mm, offs in self.parts:
            if lo <= step < hi:
                j = step - lo
                return torch.from_numpy(np.asarray(mm[offs[j]: offs[j + 1]], np.float32))
        raise IndexError(step)


def train(cfg, train_ex, val_ex, tok, batches, opts, log_dir, teacher=None, log=print,
          t_cache=None):
    """Train a fresh model from cfg over the given batches; writes train_log.csv and
    val_log.csv into log_dir. With a teacher (or t_cache, a TeacherLogits of these batches)
    the loss is the distillation loss. Returns (model, summary dict)."""
    torch.manual_seed(opts["seed"])
    model = build(cfg)
    init_weights(model, opts["seed"])
    decay = [p for n, p in model.named_parameters() if p.dim() > 1]
    no_decay = [p for n, p in model.named_parameters() if p.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": opts["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=opts["lr"], betas=(0.9, 0.95), eps=1e-8)
    total = len(batches)
    boot = opts.get("bootstrap_steps", 0)  # copy-bootstrap batches at the front (own schedule)
    t0 = time.time()
    tokens = 0
    tl = open(f"{log_dir}/train_log.csv", "w", newline="")
    vl = open(f"{log_dir}/val_log.csv", "w", newline="")
    tw, vw = csv.writer(tl, lineterminator="\n"), csv.writer(vl, lineterminator="\n")
    tw.writerow(["step", "lr", "loss", "ce", "kl", "tokens", "seconds"])
    vw.writerow(["step", "task", "val_loss"])
    model.train()
    last = {}
    for step, b in enumerate(batches):
        lr = schedule(step, total, opts["lr"], opts["warmup_frac"], boot)
        for g in opt.param_groups:
            g["lr"] = lr
        exs = [train_ex[i] for i in b]
        loss, ce, kl = loss_on(model, exs, tok, teacher,
                               None if t_cache is None else t_cache.logits(step))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        tokens += sum(len(e["tgt"]) for e in exs)
        tw.writerow([step + 1, f"{lr:.6g}", f"{loss.item():.5f}", f"{ce.item():.5f}",
                     "" if kl is None else f"{kl.item():.5f}", tokens, f"{time.time() - t0:.1f}"])
        if (step + 1) % opts["eval_every"] == 0 or step + 1 == total:
            last = val_losses(model, val_ex, tok)
            for task, v in last.items():
                vw.writerow([step + 1, task, f"{v:.5f}"])
            vl.flush()
            tl.flush()
            log(f"  step {step + 1}/{total} loss {loss.item():.4f} val "
                + " ".join(f"{k}={v:.3f}" for k, v in last.items())
                + f" ({time.time() - t0:.0f}s)")
    tl.close()
    vl.close()
    model.eval()
    return model, {"steps": total, "target_tokens": tokens, "seconds": round(time.time() - t0, 1),
                   "final_train_loss": round(loss.item(), 4), "final_val_loss": last}


@torch.no_grad()
def val_losses(model, val_ex, tok, bs=16):
    model.eval()
    out = {}
    for task in TASKS:
        exs = [e for e in val_ex if e["task"] == task]
        if not exs:
            continue
        tot, n = 0.0, 0
        for i in range(0, len(exs), bs):
            logits, labels = target_logits(model, exs[i: i + bs], tok)
            tot += F.cross_entropy(logits, labels, reduction="sum").item()
            n += len(labels)
        out[task] = tot / max(1, n)
    model.train()
    return out


@torch.no_grad()
def greedy(model, exs, tok, max_new, stop_at_eos=True):
    """Greedy continuation ids per example, batched, with the KV cache. With stop_at_eos the ids
    end before the first </s>."""
    model.eval()
    b = len(exs)
    if isinstance(model, EncoderDecoder):
        src = [e["src"] for e in exs]
        n = max(len(s) for s in src)
        ids = torch.tensor([s + [tok.pad_id] * (n - len(s)) for s in src])
        mask = torch.tensor([[1] * len(s) + [0] * (n - len(s)) for s in src])
        enc = model.encode(ids, mask)
        ckv = model.cross_kv(enc)
        cur = torch.full((b, 1), model.c["decoder_start_token_id"], dtype=torch.long)
        past = None
        outs = []
        for _ in range(max_new):
            logits, past = model.decode(cur, mask, ckv, past)
            cur = logits[:, -1].argmax(-1, keepdim=True)
            outs.append(cur)
    else:
        pr = [e["prompt"] for e in exs]
        n = max(len(p) for p in pr)
        ids = torch.tensor([[tok.pad_id] * (n - len(p)) + p for p in pr])
        mask = torch.tensor([[0] * (n - len(p)) + [1] * len(p) for p in pr])
        pos = (mask.cumsum(1) - 1).clamp(min=0)
        past = None
        outs = []
        for _ in range(max_new):
            logits, past = model(ids, mask, pos, past)
            cur = logits[:, -1].argmax(-1, keepdim=True)
            outs.append(cur)
            ids = cur
            mask = torch.cat([mask, torch.ones(b, 1, dtype=torch.long)], 1)
            pos = pos[:, -1:] + 1
    gen = torch.cat(outs, 1).tolist()
    if stop_at_eos:
        gen = [g[: g.index(tok.eos_id)] if tok.eos_id in g else g for g in gen]
    return gen


@torch.no_grad()
def greedy_nocache(model, ex, tok, max_new):
    """Greedy ids and first-step logits for one example, recomputing everything each step."""
    model.eval()
    first = None
    out = []
    if isinstance(model, EncoderDecoder):
        src = torch.tensor([ex["src"]])
        mask = torch.ones_like(src)
        enc = model.encode(src, mask)
        dec = [model.c["decoder_start_token_id"]]
        for _ in range(max_new):
            logits, _ = model.decode(torch.tensor([dec]), mask, model.cross_kv(enc))
            if first is None:
                first = logits[0, -1].clone()
            nxt = int(logits[0, -1].argmax())
            out.append(nxt)
            dec.append(nxt)
    else:
        seq = list(ex["prompt"])
        for _ in range(max_new):
            ids = torch.tensor([seq])
            logits, _ = model(ids, torch.ones_like(ids), torch.arange(len(seq)).unsqueeze(0))
            if first is None:
                first = logits[0, -1].clone()
            nxt = int(logits[0, -1].argmax())
            out.append(nxt)
            seq.append(nxt)
    return out, first
