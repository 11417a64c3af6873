"""A model folder's description: card.json (what the model is, how it was trained, its scores,
its files with sha256) and the README.md made from it; the file writers they share."""

import hashlib
import json
import os

from data import LONG_COPY_MAX, QA_CROP_SENTENCES, RECALL_FACTS, SHORT_COPY, TASKS
from metrics import PRIMARY
from train import KD_ALPHA
from zoo import TEACHER

LICENCE = "CC0-1.0"

ARCHITECTURE = {
    "llama": "decoder-only, llama-style (RoPE, GQA, pre-RMSNorm, SwiGLU, tied embeddings)",
    "t5": "encoder-decoder, T5 v1.1 layout (relative position buckets shared across layers, no "
          "attention scaling, pre-RMSNorm, gated-GELU FFN, tied embeddings with d_model^-0.5 "
          "output scale)",
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_text(path, text):
    """Writes through a temp file and a rename. The temp name carries the process id: the two
    trainers of run.sh write the same shared files (the tokenizer folder) at the same time."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_json(path, obj):
    write_text(path, json.dumps(obj, indent=1, ensure_ascii=False) + "\n")


def architecture(c):
    """card.json's one-line architecture of a config."""
    if c["model_type"] == "encdec_rope":
        return (f"encoder-decoder, paper design: RoPE in encoder and decoder self-attention "
                f"(centred encoder positions), none in cross-attention, GQA, pre-RMSNorm, SwiGLU, "
                f"tied embeddings; {c.get('num_encoder_layers')} encoder + "
                f"{c.get('num_decoder_layers')} decoder layers")
    return ARCHITECTURE[c["model_type"]]


def distillation(real_batches, bootstrap_steps, cached):
    """card.json's `distillation` of a distilled student: loss, targets and where the teacher's
    logits came from (cached: run.sh's shared cache, else the live teacher)."""
    return {
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
                           "distilled students" if cached else
                           "computed on the fly, teacher frozen, fp32"),
        "batches": f"the {real_batches} real batches; the "
                   f"{bootstrap_steps} bootstrap batches before them (random-token "
                   f"copy and recall drills, one exact answer each) are trained with "
                   f"cross-entropy alone",
        "computation": "one soft-target cross-entropy against 0.9 p_teacher + 0.1 "
                       "onehot(label), minus the constant 0.9 H(p_teacher): the same "
                       "value and gradient as the two terms",
    }


def training(run, summ, opts, build):
    """card.json's `training`: the run's summary (train.train), optimiser, schedule, batching and
    every bootstrap, as the build's settings (build: main.Build) made them for this model."""
    B, is_t = build.settings, run["teacher"]
    sched = build.schedule
    short, long = sched.short_of[is_t], sched.long_of[is_t]
    lo, hi = SHORT_COPY
    return {**summ, "examples_seen": sum(len(b) for b in run["batches"]),
            "seed": build.seed, "optimizer": "AdamW (0.9, 0.95), weight decay 0.1 on "
                                             "matrices, grad clip 1.0"
            + (f"; the relative position bias table at {opts['bias_lr_mult']:g}x "
               f"the lr, without weight decay" if "bias_lr_mult" in opts else ""),
            **({"relative_bias_lr_mult": opts["bias_lr_mult"]}
               if "bias_lr_mult" in opts else {}),
            "schedule": f"linear warmup 5%, cosine to 10% of peak lr {opts['lr']}"
                        + ("; restarted after the copy bootstrap" if short + long else ""),
            "batching": f"mixed-task batches of at most {B['tokens_per_batch']} padded "
                        f"tokens, length-bucketed; the same batches for every student",
            "copy_warmup": "in the first 30% of steps each example is replaced with "
                           "probability 0.5 by a copy example (a segment of at most 96 "
                           "tokens of its own source; target = the segment; the "
                           "decoder-only prompt ends with the cue '\\ncopy:\\n')",
            "copy_bootstrap_batches": short,
            "copy_bootstrap_long_batches": long,
            "copy_bootstrap": f"before the real batches, batches of copy examples of "
                              f"{lo}-{hi} distinct random tokens (about half the "
                              f"padded tokens of a real batch), then copy_bootstrap_"
                              f"long_batches of {lo}-N tokens, N growing linearly "
                              f"from {hi} to {LONG_COPY_MAX}, all with their own "
                              f"warm-up and cosine",
            "recall_bootstrap_batches": sched.n_recall,
            "recall_bootstrap": f"after the copy bootstrap, batches of recall drills "
                                f"of random tokens in the qa format: 'question: E R "
                                f"context: E R x V. ...' over {RECALL_FACTS[0]}-N "
                                f"facts (N growing to {RECALL_FACTS[1]}) where "
                                f"entities recur across relations, target the value "
                                f"V of the asked pair, or 'unanswerable' (1 in 5) "
                                f"when that pair is absent",
            "qa_bootstrap_batches": sched.n_qa,
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
            "machine": build.machine, "tiny": build.tiny}


def limits(card):
    """card.json's `limits`: what this model's scores do not support, from its kind and its own
    validation scores (models/README.md states the same for the zoo)."""
    out = ["single run with one seed, trained and scored on this project's synthetic data: an "
           "evaluation fixture for architecture comparisons, not a useful language model"]
    if card["id"] == TEACHER:
        out.append("not stronger than its students: in the committed zoo (2,800 real steps, a "
                   "70-minute build on 2 cores) the encoder-decoder students beat it on "
                   "summarize and code_translate (models/README.md)")
    if card["distillation"]:
        out.append("distilled on ground-truth targets (teacher forcing), where the paper samples "
                   "the targets from the student")
    val = card["validation"]
    weak = [f"{t} {s[PRIMARY[t]]:.3f} against {val['trivial_baseline'][t][PRIMARY[t]]:.3f}"
            for t, s in val["scores"].items()
            if s[PRIMARY[t]] <= val["trivial_baseline"][t][PRIMARY[t]]]
    if weak:
        out.append("not above the trivial baseline (copy the input; qa: \"unanswerable\") on: "
                   + "; ".join(weak))
    return out


def with_limits(card):
    """The card with `limits` (limits) after `licence`, before the files."""
    out = {}
    for k, v in card.items():
        if k == "limits":
            continue
        out[k] = v
        if k == "licence":
            out["limits"] = limits(card)
    return out


def folder_files(folder):
    """card.json's `files`: every file under the folder (relative path) with bytes and sha256."""
    files = {}
    for root, _, names in os.walk(folder):
        for nm in sorted(names):
            p = os.path.join(root, nm)
            rel = os.path.relpath(p, folder)
            files[rel] = {"bytes": os.path.getsize(p), "sha256": sha256(p)}
    return dict(sorted(files.items()))


def model_card(run, model, summ, opts, evaluation, build, params):
    """card.json of a trained model whose folder (run["folder"]) holds every file but the card
    and its README. evaluation: (scores, trivial baseline, max new tokens per task)."""
    mid, c, is_t, kd = run["id"], run["config"], run["teacher"], run["kd"]
    scores, base, limits = evaluation
    kd_desc = None
    if kd:
        kd_desc = distillation(len(run["batches"]) - opts["bootstrap_steps"],
                               opts["bootstrap_steps"], run["t_cache"])
    card = {
        "id": mid,
        "description": ("Teacher: decoder-only, several times larger than the students, "
                        "trained multi-task on every train split." if is_t else
                        f"Student ({'distilled from ' + TEACHER if kd else 'baseline'})."),
        "architecture": architecture(c),
        "model_type": c["model_type"],
        "parameters": params,
        "config": c,
        "training": training(run, summ, opts, build),
        "distillation": kd_desc,
        "data": {"description": "encoder-bench training pairs (deno task pairs) from "
                                "datasets/*/train.jsonl.gz: " + ", ".join(TASKS),
                 "train_examples": build.train_examples, "limits": build.limits,
                 "truncation": f"inputs longer than the limit keep their head and last "
                               f"16 tokens; targets are cut to max_target_tokens",
                 "tokenizer": f"byte-level BPE, {len(build.tok)} tokens, learned from "
                              f"{build.tok_texts} train texts"},
        "validation": {"scores": scores, "trivial_baseline": base,
                       "max_new_tokens": limits, "decoding": "greedy, stop at </s>",
                       "metrics": PRIMARY},
        "licence": LICENCE,
    }
    card = with_limits(card)
    card["files"] = folder_files(run["folder"])
    card["total_bytes"] = sum(f["bytes"] for f in card["files"].values())
    return card


def int8_line(q):
    """The model README's int8 line, from card.json's `quantized` (int8_verdict.py)."""
    if not q:
        return "not checked yet (check_onnx.ts --report, then int8_verdict.py)"
    agree = f"first-step argmax equal to fp32 on {q['first_argmax_agree']}, " \
            f"max |dlogit| {q['max_abs_dlogit']}"
    return (f"`*_quantized.onnx` shipped ({agree})" if q["shipped"] else
            f"not shipped: {agree}; {q['note']}")


def card_readme(card):
    """The model folder's README.md: card.json in a page."""
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
             f"- licence: {card['licence']}", ""]
    if card.get("limits"):
        lines += ["Limits:", "", *[f"- {x}" for x in card["limits"]], ""]
    lines += ["| task | metric | score | trivial baseline | val loss |", "|---|---|---|---|---|"]
    for t, s in card["validation"]["scores"].items():
        m = PRIMARY[t]
        lines.append(f"| {t} | {m} | {s[m]:.3f} | {card['validation']['trivial_baseline'][t][m]:.3f}"
                     f" | {card['training']['final_val_loss'].get(t, float('nan')):.3f} |")
    lines += ["", "Files (sha256):", ""]
    lines += [f"- `{k}` {v['bytes']:,} bytes `{v['sha256']}`" for k, v in card["files"].items()]
    return "\n".join(lines) + "\n"
