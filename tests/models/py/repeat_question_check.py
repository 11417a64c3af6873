"""Checks models/recipe/trials/repeat_question.py (run by recipe_test.ts): a qa prompt asks its
question before and after the context, everything else is copied unchanged, and a qa prompt
not of the form "question: ... answer:\\n" stops the script with the file and pair named.
Prints "ok" or fails."""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
SCRIPT = os.path.join(ROOT, "models", "recipe", "trials", "repeat_question.py")

QA = {"task": "qa", "id": "qa-train-1", "source": "question: Who? context: Ann met Bo.",
      "prompt": "question: Who?\ncontext: Ann met Bo.\nanswer:\n", "target": "Ann",
      "references": ["Ann"]}
OTHER = {"task": "write", "id": "write-train-1", "source": "write: a poem",
         "prompt": "write: a poem\nanswer:\n", "target": "A poem.", "references": ["A poem."]}


def write_pairs(folder, rows):
    os.makedirs(folder)
    with open(os.path.join(folder, "pairs.json"), "w") as f:
        json.dump({"tasks": {}}, f)
    for split in ("train", "validation", "test"):
        with open(os.path.join(folder, f"{split}.jsonl"), "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)


with tempfile.TemporaryDirectory() as tmp:
    src, dst = os.path.join(tmp, "in"), os.path.join(tmp, "out")
    write_pairs(src, [QA, OTHER])
    subprocess.run([sys.executable, SCRIPT, src, dst], check=True)
    for split in ("train", "validation", "test"):
        rows = [json.loads(x) for x in open(os.path.join(dst, f"{split}.jsonl"))]
        assert rows[1] == OTHER, rows[1]
        want = dict(QA, prompt="question: Who?\ncontext: Ann met Bo.\nquestion: Who?\nanswer:\n")
        assert rows[0] == want, rows[0]

    bad = os.path.join(tmp, "bad")
    write_pairs(bad, [dict(QA, prompt="context: Ann met Bo.\nquestion: Who?\nanswer:\n")])
    r = subprocess.run([sys.executable, SCRIPT, bad, os.path.join(tmp, "bad_out")],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "train.jsonl: qa-train-1: prompt is not" in r.stderr, r.stderr
print("ok")
