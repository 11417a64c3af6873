"""Checks arch.mimetic_init (run by recipe_test.ts): on every attention layer of a RoPE
encoder-decoder, a decoder-only and a T5 student, a unit-RMS input scores beta against itself
(q . k * scale, within 15%: the noise term of init_weights stays on) and about 0 against an
independent input; the query heads of one key-value group share the group's projection; the
same seed gives the same weights. Prints "ok" or fails."""

import json
import math
import os
import sys

import torch

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "models", "recipe"))

from arch import Attention, build, init_weights, mimetic_init  # noqa: E402

beta = 4.0
for mid in ("eb-ed23-base", "eb-dec-base", "eb-t5-base"):
    with open(os.path.join(ROOT, "models", mid, "config.json")) as f:
        c = json.load(f)
    weights = []
    for _ in range(2):
        model = build(c)
        init_weights(model, 5)
        mimetic_init(model, 5, beta)
        weights.append({k: v.clone() for k, v in model.state_dict().items()})
    assert all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0]), mid
    base = build(c)
    init_weights(base, 5)
    base_modules = dict(base.named_modules())
    g = torch.Generator().manual_seed(1)
    n = 0
    for name, m in model.named_modules():
        if not isinstance(m, Attention):
            continue
        n += 1
        d = m.q.weight.shape[1]
        x = torch.randn(4000, d, generator=g)
        x = x / x.pow(2).mean(-1, keepdim=True).sqrt()  # RMS 1, as after RMSNorm
        y = torch.randn(4000, d, generator=g)
        y = y / y.pow(2).mean(-1, keepdim=True).sqrt()
        q = m.q(x).view(-1, m.n_kv, m.rep, m.hd)
        kx = m.k(x).view(-1, m.n_kv, 1, m.hd)
        ky = m.k(y).view(-1, m.n_kv, 1, m.hd)
        self_logit = ((q * kx).sum(-1) * m.scale).mean().item()
        other_logit = ((q * ky).sum(-1) * m.scale).mean().item()
        assert abs(self_logit - beta) < 0.15 * beta, (mid, name, self_logit)
        assert abs(other_logit) < 0.1 * beta, (mid, name, other_logit)
        added = (m.q.weight - base_modules[name].q.weight).view(m.n_kv, m.rep,
                                                                              m.hd, d)
        assert torch.allclose(added[:, 0], added[:, -1], atol=1e-6), (mid, name)
        s = math.sqrt(beta / (m.hd * m.scale))
        gram = added[0, 0] @ added[0, 0].t() / s ** 2
        assert torch.allclose(gram, torch.eye(m.hd), atol=1e-4), (mid, name)
    assert n > 0, mid
print("ok")
