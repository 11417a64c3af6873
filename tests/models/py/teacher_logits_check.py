"""Checks (run by recipe_test.ts) that the recipe's consistency checks on teacher logits hold
with Python's assert statements stripped (PYTHONOPTIMIZE): train.loss_on given teacher logits of
another shape raises ValueError naming both shapes, instead of broadcasting them or failing later
in torch. Explicit checks only, no bare assert: prints "ok" and exits 0, or says what failed and
exits 1.
"""

import os
import sys

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "models", "recipe"))

from train import loss_on  # noqa: E402

VOCAB = 5


class Tok:
    pad_id = 0


class ZeroLogits:
    """A decoder-only model whose logits are zeros at every selected position."""

    def __call__(self, ids, mask, pos, select):
        return (torch.zeros(int(select.sum()), VOCAB, requires_grad=True),)


def fail(msg):
    print(f"teacher_logits_check: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    exs = [{"prompt": [1, 2, 3], "tgt": [4, 2]}, {"prompt": [1, 3], "tgt": [4]}]
    # 3 target positions (the two targets' tokens after the first, then </s>): fine
    loss, _, kl = loss_on(ZeroLogits(), exs, Tok(), t_logits=torch.zeros(3, VOCAB))
    if kl is None or not torch.isfinite(loss):
        fail(f"loss_on with matching teacher logits: loss {loss}, kl {kl}")
    for shape in [(1, VOCAB), (4, VOCAB), (3, VOCAB + 1)]:
        try:
            loss_on(ZeroLogits(), exs, Tok(), t_logits=torch.zeros(*shape))
        except ValueError as e:
            if str(tuple(shape)) not in str(e) or f"(3, {VOCAB})" not in str(e):
                fail(f"teacher logits {shape}: the error does not name both shapes: {e}")
            continue
        except Exception as e:  # noqa: BLE001 - any other error is the failure being checked
            fail(f"teacher logits {shape}: {type(e).__name__} instead of ValueError: {e}")
        fail(f"teacher logits {shape} against student logits (3, {VOCAB}) were accepted")
    print("ok")


if __name__ == "__main__":
    main()
