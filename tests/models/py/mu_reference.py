"""Mu conversion parity, the PyTorch side (tests/models/convert_mu_test.ts runs the ONNX side).

    mu_reference.py checkpoint OUT.pt [--drop KEY]
        a small random Mu in the released checkpoint's format: {model_state_dict (bf16, exactly
        Mu's keys, lm_head tied to wte), model_config (MuConfig's fields)}; --drop leaves a key out
    mu_reference.py reference CKPT.pt STEPS
        greedy decoding of a fixed input with a reference forward WITHOUT a cache, written from
        the description of Mu (not from the recipe's modules): prints {"input_ids", "tokens",
        "logits" (one row per step), "tokens_div", "logits_div"}; *_div are the same forward with
        key-value head h // 2 instead of h mod n_kv, which a correct conversion must not match.
"""

import json
import math
import sys

import torch

CONFIG = {"n_encoder_layer": 2, "n_decoder_layer": 2, "n_embd": 64, "qkv_embd": 48,
          "is_interleaved": False, "hidden_dim": 96, "n_head": 6, "n_kv_head": 3,
          "block_size": 64, "dropout": 0.1, "rope_theta": 10000, "rope_factor": 1.0,
          "pad_token_id": 0, "vocab_size": 384}
INPUT = [1, 17, 250, 33, 96, 7, 301, 12]  # even length: i - (L-1)//2 differs from i - L//2


def checkpoint(path, drop=None):
    g = torch.Generator().manual_seed(7)
    c = CONFIG
    d, q, kv = c["n_embd"], c["qkv_embd"], c["qkv_embd"] // c["n_head"] * c["n_kv_head"]

    def rnd(*shape, std=0.3, mean=0.0):
        return (torch.randn(*shape, generator=g) * std + mean).to(torch.bfloat16)

    def attn(prefix):
        return {f"{prefix}.q_linear.weight": rnd(q, d), f"{prefix}.q_linear.bias": rnd(q),
                f"{prefix}.k_linear.weight": rnd(kv, d), f"{prefix}.k_linear.bias": rnd(kv),
                f"{prefix}.v_linear.weight": rnd(kv, d), f"{prefix}.v_linear.bias": rnd(kv),
                f"{prefix}.out_linear.weight": rnd(d, q, std=0.3),
                f"{prefix}.out_linear.bias": rnd(d, std=0.05)}

    def mlp(prefix):
        return {f"{prefix}.fc1.weight": rnd(c["hidden_dim"], d, std=0.2),
                f"{prefix}.fc1.bias": rnd(c["hidden_dim"], std=0.1),
                f"{prefix}.fc2.weight": rnd(d, c["hidden_dim"], std=0.3),
                f"{prefix}.fc2.bias": rnd(d, std=0.05)}

    sd = {"transformer.wte.weight": rnd(c["vocab_size"], d, std=0.5)}
    for i in range(c["n_encoder_layer"]):
        p = f"transformer.e.{i}"
        sd.update({f"{p}.ln1.weight": rnd(d, std=0.1, mean=1.0),
                   f"{p}.ln2.weight": rnd(d, std=0.1, mean=1.0)})
        sd.update(attn(f"{p}.attn"))
        sd.update(mlp(f"{p}.mlp"))
    sd["transformer.ln_e.weight"] = rnd(d, std=0.1, mean=1.0)
    for i in range(c["n_decoder_layer"]):
        p = f"transformer.h.{i}"
        for ln in ("ln1", "ln2", "ln3"):
            sd[f"{p}.{ln}.weight"] = rnd(d, std=0.1, mean=1.0)
        sd.update(attn(f"{p}.causal_attn"))
        sd.update(attn(f"{p}.cross_attn"))
        sd.update(mlp(f"{p}.mlp"))
    sd["transformer.ln_f.weight"] = rnd(d, std=0.1, mean=1.0)
    sd["lm_head.weight"] = sd["transformer.wte.weight"]  # tied, as Mu's state_dict holds it
    if drop:
        del sd[drop]
    torch.save({"model_state_dict": sd, "model_config": dict(CONFIG)}, path)


# ---- reference forward, from the description: no cache, full recompute every step ----

def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * w


def gelu(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.pow(3))))


def linear(sd, name, x):
    return x @ sd[name + ".weight"].T + sd[name + ".bias"]


def rotate(x, positions, theta):
    hd = x.shape[-1]
    inv = 1.0 / (theta ** (torch.arange(0, hd, 2).float() / hd))
    f = positions.float()[:, None] * inv[None, :]
    emb = torch.cat([f, f], dim=-1)
    x1, x2 = x[..., : hd // 2], x[..., hd // 2:]
    return x * emb.cos() + torch.cat([-x2, x1], dim=-1) * emb.sin()


def attention(sd, name, xq, xkv, positions, causal, kv_of):
    """xq [S, d], xkv [T, d]; positions (RoPE on q and k) or None; kv_of(h) = kv head of h."""
    c = CONFIG
    nh, hd = c["n_head"], c["qkv_embd"] // c["n_head"]
    q = linear(sd, name + ".q_linear", xq).view(-1, nh, hd).transpose(0, 1)  # [H, S, hd]
    k = linear(sd, name + ".k_linear", xkv).view(-1, c["n_kv_head"], hd).transpose(0, 1)
    v = linear(sd, name + ".v_linear", xkv).view(-1, c["n_kv_head"], hd).transpose(0, 1)
    if positions is not None:
        q, k = rotate(q, positions, c["rope_theta"]), rotate(k, positions, c["rope_theta"])
    out = []
    for h in range(nh):
        s = q[h] @ k[kv_of(h)].T / math.sqrt(hd)
        if causal:
            n = s.shape[0]
            s = s.masked_fill(~torch.tril(torch.ones(n, n, dtype=torch.bool)), float("-inf"))
        out.append(torch.softmax(s, dim=-1) @ v[kv_of(h)])
    return linear(sd, name + ".out_linear", torch.cat(out, dim=-1))


def mlp_fwd(sd, name, x):
    return linear(sd, name + ".fc2", gelu(linear(sd, name + ".fc1", x)))


def forward(sd, src, dec, kv_of):
    """Logits [len(dec), vocab] of the decoder sequence dec (no cache)."""
    c = CONFIG
    wte = sd["transformer.wte.weight"]
    x = wte[torch.tensor(src)]
    pos = torch.arange(len(src)) - (len(src) - 1) // 2
    for i in range(c["n_encoder_layer"]):
        p = f"transformer.e.{i}"
        h = rms(x, sd[p + ".ln1.weight"])
        x = x + attention(sd, p + ".attn", h, h, pos, False, kv_of)
        x = x + mlp_fwd(sd, p + ".mlp", rms(x, sd[p + ".ln2.weight"]))
    enc = rms(x, sd["transformer.ln_e.weight"])
    y = wte[torch.tensor(dec)]
    dpos = torch.arange(len(dec))
    for i in range(c["n_decoder_layer"]):
        p = f"transformer.h.{i}"
        h = rms(y, sd[p + ".ln1.weight"])
        y = y + attention(sd, p + ".causal_attn", h, h, dpos, True, kv_of)
        y = y + attention(sd, p + ".cross_attn", rms(y, sd[p + ".ln2.weight"]), enc, None, False,
                          kv_of)
        y = y + mlp_fwd(sd, p + ".mlp", rms(y, sd[p + ".ln3.weight"]))
    return rms(y, sd["transformer.ln_f.weight"]) @ sd["lm_head.weight"].T


def greedy(sd, steps, kv_of):
    dec, rows = [1], []
    for _ in range(steps):
        logits = forward(sd, INPUT, dec, kv_of)[-1]
        rows.append([round(float(v), 6) for v in logits])
        dec.append(int(torch.argmax(logits)))
    return dec[1:], rows


def reference(path, steps):
    sd = {k: v.float() for k, v in torch.load(path)["model_state_dict"].items()}
    n_kv, rep = CONFIG["n_kv_head"], CONFIG["n_head"] // CONFIG["n_kv_head"]
    with torch.no_grad():
        tokens, logits = greedy(sd, steps, lambda h: h % n_kv)
        tokens_div, logits_div = greedy(sd, steps, lambda h: h // rep)
    print(json.dumps({"input_ids": INPUT, "tokens": tokens, "logits": logits,
                      "tokens_div": tokens_div, "logits_div": logits_div}))


if __name__ == "__main__":
    torch.set_num_threads(1)
    if sys.argv[1] == "checkpoint":
        checkpoint(sys.argv[2], sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--drop"
                   else None)
    else:
        reference(sys.argv[2], int(sys.argv[3]))
