"""Write the zoo table (size and validation scores per task, from every card.json) into
DIR/README.md between the zoo-table markers (the file is created if missing)."""

import json
import os
import sys

from metrics import PRIMARY

START, END = "<!-- zoo-table:start -->", "<!-- zoo-table:end -->"


def int8_cell(q):
    """`15/16` when the int8 files ship (first-step argmax agreement), `dropped (5/16)` else."""
    if not q:
        return "-"
    return q["first_argmax_agree"] if q["shipped"] else f"dropped ({q['first_argmax_agree']})"


def table(out):
    cards = []
    for name in sorted(os.listdir(out)):
        p = os.path.join(out, name, "card.json")
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                cards.append(json.load(f))
    cards.sort(key=lambda c: (c["id"] != "eb-teacher", c["id"]))
    tasks = list(PRIMARY)
    head = ["model", "type", "enc+dec layers", "params", "files (MB)", "int8", "train s"] + [
        f"{t} ({PRIMARY[t]})" for t in tasks]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for c in cards:
        cfg = c["config"]
        layers = (f"{cfg.get('num_encoder_layers')}+{cfg.get('num_decoder_layers')}"
                  if cfg.get("is_encoder_decoder") else f"0+{cfg['num_hidden_layers']}")
        kd = " (KD)" if c.get("distillation") else ""
        cells = [f"`{c['id']}`", c["model_type"] + kd, layers, f"{c['parameters']['total']:,}",
                 f"{c['total_bytes'] / 1e6:.2f}", int8_cell(c.get("quantized")),
                 f"{c['training']['seconds']:.0f}"]
        cells += [f"{c['validation']['scores'][t][PRIMARY[t]]:.3f}" if t in c["validation"]["scores"]
                  else "-" for t in tasks]
        rows.append("| " + " | ".join(cells) + " |")
    if cards:
        base = cards[0]["validation"]["trivial_baseline"]
        cells = ["trivial baseline", "copy input / \"unanswerable\"", "", "", "", "", ""]
        cells += [f"{base[t][PRIMARY[t]]:.3f}" if t in base else "-" for t in tasks]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main():
    out = sys.argv[1]
    path = os.path.join(out, "README.md")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else \
        f"# Model zoo\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    pre, rest = text.split(START, 1)
    post = rest.split(END, 1)[1] if END in rest else ""
    build = os.path.join(out, "build.json")
    note = ""
    if os.path.exists(build):
        with open(build) as f:
            b = json.load(f)
        short = b.get("copy_bootstrap_batches", 0)
        boot = short + b.get("copy_bootstrap_long_batches", 0)
        t_boot = b.get("teacher_copy_bootstrap_batches", short) + b.get(
            "teacher_copy_bootstrap_long_batches", 0)
        counting = (f"; counting {boot} copy-bootstrap batches" if boot == t_boot else
                    f"; counting {boot} (students) and {t_boot} (teacher) copy-bootstrap "
                    f"batches") if t_boot else ""
        recall = b.get("recall_bootstrap_batches", 0)
        counting += f" and {recall} recall-bootstrap batches" if recall and counting else ""
        note = (f"\n\nBuilt in {b['seconds'] / 60:.1f} min on {b['machine']} "
                f"({b['student_steps']} student steps, {b['teacher_steps']} teacher steps"
                f"{counting}{', tiny budget' if b['tiny'] else ''}).")
    new = f"{pre}{START}\n{table(out)}{note}\n{END}{post}"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
