"""Training (cross-entropy or distillation), validation loss, greedy decoding with a KV cache."""

import csv
import hashlib
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
    tgt = labels != -100
    return model(ids, mask, pos, select=tgt)[0], labels[tgt]


def loss_on(model, exs, tok, teacher=None, t_logits=None):
    """CE loss, or 0.9 KL(teacher||student) + 0.1 CE with teacher logits at the same targets.

    The distillation loss is computed as one soft-target cross-entropy: with q = 0.9 p_t +
    0.1 onehot(label), 0.9 KL(p_t||p_s) + 0.1 CE = -sum q log p_s - 0.9 H(p_t), and H(p_t) does
    not depend on the student. Same value and gradient as the three-term form, but one pass
    over the [targets, vocab] logits with autograd instead of five (48.8 -> 5.9 ms per batch of
    700 targets on one core, gradients equal within 3e-10)."""
    s, labels = target_logits(model, exs, tok)
    if teacher is None and t_logits is None:
        ce = F.cross_entropy(s, labels)
        return ce, ce, None
    with torch.no_grad():
        if t_logits is None:
            t_logits, _ = target_logits(teacher, exs, tok)
        if t_logits.shape != s.shape:
            raise ValueError(f"teacher logits {tuple(t_logits.shape)} do not match the "
                             f"student's {tuple(s.shape)}")
        logp_t = F.log_softmax(t_logits.float(), dim=-1)
        q = logp_t.exp()
        neg_entropy = (q * logp_t).sum(-1).mean()
        q.mul_(KD_ALPHA)
        q[torch.arange(len(labels)), labels] += 1 - KD_ALPHA
    logp_s = F.log_softmax(s, dim=-1)
    loss = -(q * logp_s).sum(-1).mean() + KD_ALPHA * neg_entropy
    with torch.no_grad():
        ce = -logp_s.gather(1, labels[:, None]).mean()
        kl = (loss - (1 - KD_ALPHA) * ce) / KD_ALPHA
    return loss, ce, kl


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
            if t.shape[0] != offs[j + 1] - offs[j]:
                raise ValueError(f"batch {lo + j}: {t.shape[0]} teacher logit rows, expected "
                                 f"{offs[j + 1] - offs[j]}")
            f.write(t.numpy().astype("<f2").tobytes())
            if (j + 1) % 500 == 0:
                log(f"  teacher logits, part {k}/{n}: {j + 1}/{hi - lo} batches "
                    f"({time.time() - t0:.0f}s)")
    os.replace(tmp, out)
    with open(out + ".json", "w") as f:
        json.dump({"first_batch": lo, "offsets": offs, "vocab_size": vocab}, f)


class TeacherLogits:
    """The parts of a cache_teacher_logits cache, checked against these batches; logits(step)
    gives the float32 [targets, vocab] rows of one batch. Every part is read into memory at the
    start (about 3 GB of float16 for the full budget, a few seconds): read from the file as the
    run went (memory-mapped or with plain reads), every step of a distilled student, its
    student's own forward and backward included, took 1.5-1.9x as long on the 2-core VMs
    (docs/notes/zoo-experiments.md), though the reads themselves took 2.5-4 ms a step."""

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
                self.parts.append((lo, hi, np.load(out), meta["offsets"]))
        if bounds[-1] != len(batches) or not self.parts and batches:
            raise ValueError(f"{path}: teacher logits do not cover all {len(batches)} batches")

    def logits(self, step):
        for lo, hi, rows, offs in self.parts:
            if lo <= step < hi:
                j = step - lo
                return torch.from_numpy(np.asarray(rows[offs[j]: offs[j + 1]], np.float32))
        raise IndexError(step)


def _prefix_key(cfg, train_ex, batches, opts, boot):
    """What a bootstrap prefix depends on: config, optimiser settings and the bootstrap batches'
    token ids. Two runs with the same key compute the same first boot steps."""
    h = hashlib.sha256(json.dumps([cfg, {k: opts[k] for k in ("seed", "lr", "warmup_frac",
                                                             "weight_decay", "bias_lr_mult")
                                              if k in opts}, len(batches),
                                   boot], sort_keys=True).encode())
    for b in batches[:boot]:
        for i in b:
            e = train_ex[i]
            h.update(json.dumps([e.get("src"), e.get("prompt"), e["tgt"]]).encode())
    return h.hexdigest()


def train(cfg, train_ex, val_ex, tok, batches, opts, log_dir, teacher=None, log=print,
          t_cache=None):
    """Train a fresh model from cfg over the given batches; writes train_log.csv and
    val_log.csv into log_dir. With a teacher (or t_cache, a TeacherLogits of the batches after
    the opts["bootstrap_steps"] bootstrap batches) the loss of the real batches is the
    distillation loss; the bootstrap batches are always trained with cross-entropy.

    Bootstrap prefix: opts["save_prefix"] (a path) saves the model, the optimiser state and the
    log rows after the bootstrap batches; opts["resume_prefix"] starts from such a file when its
    key (_prefix_key) matches, instead of training those steps again. A distilled student and
    its baseline twin (same config, seed, batches and schedule, cross-entropy in the bootstrap)
    compute the same bootstrap bit for bit on one thread, so the baseline's prefix serves the
    student. Returns (model, summary dict)."""
    torch.manual_seed(opts["seed"])
    model = build(cfg)
    init_weights(model, opts["seed"])
    # T5's relative position bias table can get its own lr multiple (opts["bias_lr_mult"]),
    # without weight decay: at the shared lr its entries (init N(0, d^-0.5)) move ~lr a step
    mult = opts.get("bias_lr_mult", 1)

    def own_lr(name):
        return mult != 1 and "rel_bias" in name

    fast = [p for n, p in model.named_parameters() if own_lr(n)]
    decay = [p for n, p in model.named_parameters() if p.dim() > 1 and not own_lr(n)]
    no_decay = [p for n, p in model.named_parameters() if p.dim() <= 1]
    groups = [{"params": decay, "weight_decay": opts["weight_decay"]},
              {"params": no_decay, "weight_decay": 0.0}]
    if fast:
        groups.append({"params": fast, "weight_decay": 0.0, "lr_mult": mult})
    opt = torch.optim.AdamW(groups, lr=opts["lr"], betas=(0.9, 0.95), eps=1e-8)
    total = len(batches)
    boot = opts.get("bootstrap_steps", 0)  # copy-bootstrap batches at the front (own schedule)
    resume, save = opts.get("resume_prefix"), opts.get("save_prefix")
    # hashing the bootstrap batches takes a second or two: only for a run that shares its prefix
    key = _prefix_key(cfg, train_ex, batches, opts, boot) if boot and (resume or save) else ""
    tokens, first, shared = 0, 0, None
    train_rows, val_rows = [], []
    if key and resume and os.path.exists(resume):
        ck = torch.load(resume)
        if ck["key"] == key:
            model.load_state_dict(ck["model"])
            opt.load_state_dict(ck["opt"])
            tokens, first = ck["tokens"], boot
            train_rows, val_rows = ck["train_rows"], ck["val_rows"]
            shared = {"from": ck["model_id"], "steps": boot, "seconds": ck["seconds"]}
            log(f"  bootstrap prefix ({boot} steps) from {ck['model_id']}: {resume}")
        else:
            log(f"  {resume}: another run's bootstrap (key differs); training it here")
    t0 = time.time() - (shared["seconds"] if shared else 0.0)
    tl = open(f"{log_dir}/train_log.csv", "w", newline="")
    vl = open(f"{log_dir}/val_log.csv", "w", newline="")
    tw, vw = csv.writer(tl, lineterminator="\n"), csv.writer(vl, lineterminator="\n")
    tw.writerow(["step", "lr", "loss", "ce", "kl", "tokens", "seconds"])
    vw.writerow(["step", "task", "val_loss"])
    tw.writerows(train_rows)
    vw.writerows(val_rows)
    model.train()
    last, loss = {}, None
    for step in range(first, total):
        if step == boot and key and save and not shared:
            tmp = save + f".{os.getpid()}.tmp"
            torch.save({"key": key, "model_id": opts.get("model_id", ""), "model":
                        model.state_dict(), "opt": opt.state_dict(), "tokens": tokens,
                        "train_rows": train_rows, "val_rows": val_rows,
                        "seconds": round(time.time() - t0, 1)}, tmp)
            os.replace(tmp, save)
        b = batches[step]
        lr = schedule(step, total, opts["lr"], opts["warmup_frac"], boot)
        for g in opt.param_groups:
            g["lr"] = lr * g.get("lr_mult", 1)
        exs = [train_ex[i] for i in b]
        # distillation on the real batches only: the bootstrap drills are random tokens with
        # one exact answer
        real = step >= boot
        loss, ce, kl = loss_on(model, exs, tok, teacher if real else None,
                               t_cache.logits(step - boot) if real and t_cache is not None else None)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        tokens += sum(len(e["tgt"]) for e in exs)
        row = [step + 1, f"{lr:.6g}", f"{loss.item():.5f}", f"{ce.item():.5f}",
               "" if kl is None else f"{kl.item():.5f}", tokens, f"{time.time() - t0:.1f}"]
        tw.writerow(row)
        if step < boot:
            train_rows.append(row)
        if (step + 1) % opts["eval_every"] == 0 or step + 1 == total:
            last = val_losses(model, val_ex, tok)
            for task, v in last.items():
                vw.writerow([step + 1, task, f"{v:.5f}"])
                if step < boot:
                    val_rows.append([step + 1, task, f"{v:.5f}"])
            vl.flush()
            tl.flush()
            log(f"  step {step + 1}/{total} loss {loss.item():.4f} val "
                + " ".join(f"{k}={v:.3f}" for k, v in last.items())
                + f" ({time.time() - t0:.0f}s)")
    tl.close()
    vl.close()
    model.eval()
    summ = {"steps": total, "target_tokens": tokens, "seconds": round(time.time() - t0, 1),
            "final_train_loss": round(loss.item(), 4) if loss is not None else None,
            "final_val_loss": last}
    if shared:
        summ["shared_bootstrap"] = shared
    return model, summ


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
