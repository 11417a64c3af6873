"""Checks train.loss_on's prompt loss on a tiny random llama model (run by recipe_test.ts):
weight 0 is the plain target cross-entropy, weight w adds w times the next-token cross-entropy
of the prompt's own tokens (computed here from the full logits), the returned ce stays the
target loss, and an encoder-decoder model ignores the weight. Prints "ok" or fails."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "models", "recipe"))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from arch import build, init_weights  # noqa: E402
from train import loss_on  # noqa: E402
from zoo import base_config  # noqa: E402


class Tok:
    pad_id, eos_id, unk_id, bos_id = 0, 1, 2, 3


lim = {"max_prompt_tokens": 32, "max_target_tokens": 16, "max_source_tokens": 32}
g = torch.Generator().manual_seed(7)


def rand(n):
    return torch.randint(4, 50, (n,), generator=g).tolist()


exs = [{"prompt": rand(p), "src": rand(p), "tgt": rand(t) + [1]} for p, t in ((9, 4), (5, 7), (12, 2))]
llama = base_config("llama", 50, 32, 2, 1, 16, 0, 2, 48, lim, Tok)
torch.manual_seed(1)
m = build(llama)
init_weights(m, 1)
plain, ce0, _ = loss_on(m, exs, Tok)
same, ce_same, _ = loss_on(m, exs, Tok, prompt_w=0.0)
assert torch.equal(plain, same) and torch.equal(ce0, ce_same)
w = 0.3
loss, ce, kl = loss_on(m, exs, Tok, prompt_w=w)
assert kl is None
assert torch.allclose(ce, ce0, atol=1e-6), (ce, ce0)
# reference: one sequence at a time, full logits, next-token CE over the prompt's own tokens
tot, n = 0.0, 0
for e in exs:
    ids = torch.tensor([e["prompt"] + e["tgt"]])
    pos = torch.arange(ids.shape[1])[None]
    logits = m(ids, torch.ones_like(ids), pos)[0][0]
    p = len(e["prompt"])
    tot += F.cross_entropy(logits[: p - 1], ids[0, 1:p], reduction="sum").item()
    n += p - 1
assert abs((loss - ce).item() - w * tot / n) < 1e-5, ((loss - ce).item(), w * tot / n)
# with teacher logits (distillation) the prompt term is added the same way
t_logits = torch.randn(sum(len(e["tgt"]) for e in exs), 50, generator=g)
kd0, _, _ = loss_on(m, exs, Tok, t_logits=t_logits)
kd, _, _ = loss_on(m, exs, Tok, t_logits=t_logits, prompt_w=w)
assert abs((kd - kd0).item() - w * tot / n) < 1e-5
# an encoder-decoder has no prompt positions: the weight changes nothing
ed = base_config("encdec_rope", 50, 32, 2, 1, 16, 1, 1, 48, lim, Tok)
e = build(ed)
init_weights(e, 1)
a, _, _ = loss_on(e, exs, Tok)
b, _, _ = loss_on(e, exs, Tok, prompt_w=w)
assert torch.equal(a, b)
print("ok")
