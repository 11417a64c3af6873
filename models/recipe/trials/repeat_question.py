"""Diagnostic, not in the build: a copy of a pairs folder whose qa prompts (decoder-only input)
ask their question twice, before and after the context, as "just read twice" prompting does for
recall (Arora et al. 2024):

    question: Q\\ncontext: C\\nquestion: Q\\nanswer:\\n

Sources (encoder input), targets and every other task are copied unchanged.

    /usr/bin/python3 models/recipe/trials/repeat_question.py PAIRS OUT
"""
import json
import shutil
import sys
from pathlib import Path

HEAD, TAIL = "question: ", "\nanswer:\n"


def main():
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "pairs.json", dst / "pairs.json")
    for split in ("train", "validation", "test"):
        with open(dst / f"{split}.jsonl", "w") as out:
            for line in open(src / f"{split}.jsonl"):
                r = json.loads(line)
                if r["task"] == "qa":
                    p = r["prompt"]
                    if not (p.startswith(HEAD) and p.endswith(TAIL)):
                        sys.exit(f"{src / split}.jsonl: {r['id']}: prompt is not "
                                 f"'question: ... answer:\\n': {p[:40]!r}")
                    q = p[len(HEAD):].split("\ncontext: ", 1)[0]
                    r["prompt"] = p[: -len(TAIL)] + f"\nquestion: {q}{TAIL}"
                out.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
