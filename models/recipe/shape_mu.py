"""The paper's Mu checkpoint into the recipe's encdec_rope module (then exported as the `mu`
shape is).

The checkpoint is `{model_state_dict, model_config}` (bf16 tensors; model_config holds MuConfig's
fields: n_encoder_layer, n_decoder_layer, n_embd, qkv_embd, hidden_dim, n_head, n_kv_head,
block_size, rope_theta, rope_factor, is_interleaved, pad_token_id, vocab_size). Keys:
transformer.wte, transformer.e.{i}.{ln1, ln2, attn.{q,k,v,out}_linear, mlp.fc1, mlp.fc2},
transformer.ln_e, transformer.h.{i}.{ln1, ln2, ln3, causal_attn, cross_attn, mlp}, transformer.ln_f,
lm_head (tied to wte). Linear layers carry biases; norms are weight-only RMSNorm (eps 1e-6).

Mu repeats key-value heads by concatenation (is_interleaved false): query head h reads key-value
head h mod n_kv. The recipe's attention groups query heads as h // rep, so the converter reorders
the query heads (rows of q_linear, columns of out_linear): grouped head j = kv * rep + r takes
Mu's head r * n_kv + kv. Encoder positions are i - (L-1)//2 (centred_mu), decoder positions
continue after the cache. Tokenizer: Phi-3.5-mini-instruct's (BOS 1, pad = unk = 0, eos 32000
`<|endoftext|>`), the embedding padded to 32128 rows.
"""

import pickle
import re
import sys

import torch

from shape_config import ShapeError, arch_config

MU_MIRRORS = {"model": "Mu (the paper's encoder-decoder), released checkpoint",
              "revision": "checkpoint", "params": 330000000,
              "source": "the paper's public Mu source (mu/models/mu.py, mu/models/mu_utils.py)"}
DEFAULTS = {"n_embd": 1024, "qkv_embd": 384, "hidden_dim": 4096, "n_head": 6, "n_kv_head": 3,
            "block_size": 1024, "rope_theta": 10000, "rope_factor": 1.0, "is_interleaved": False,
            "pad_token_id": 0, "vocab_size": 32128}
ATTN = {"q_linear": "q", "k_linear": "k", "v_linear": "v", "out_linear": "o"}
NORMS = {"e": {"ln1": "norm1", "ln2": "norm2"},
         "h": {"ln1": "norm1", "ln2": "norm_x", "ln3": "norm2"}}
BLOCKS = {"attn": "attn", "causal_attn": "attn", "cross_attn": "cross"}


def rename(key):
    """The recipe's parameter name for a checkpoint key, or None when it is not Mu's."""
    fixed = {"transformer.wte.weight": "embed.weight", "transformer.ln_e.weight":
             "encoder.norm.weight", "transformer.ln_f.weight": "decoder.norm.weight",
             "lm_head.weight": "lm_head.weight"}
    if key in fixed:
        return fixed[key]
    m = re.fullmatch(r"transformer\.([eh])\.(\d+)\.(.+)", key)
    if not m:
        return None
    stack, i, rest = m.group(1), m.group(2), m.group(3)
    prefix = f"{'encoder' if stack == 'e' else 'decoder'}.layers.{i}."
    parts = rest.split(".")
    if len(parts) == 2 and parts[0] in NORMS[stack] and parts[1] == "weight":
        return prefix + NORMS[stack][parts[0]] + ".weight"
    if len(parts) == 3 and parts[2] in ("weight", "bias"):
        if parts[0] == "mlp" and parts[1] in ("fc1", "fc2"):
            return prefix + "mlp." + {"fc1": "up", "fc2": "down"}[parts[1]] + "." + parts[2]
        ok = {"e": ("attn",), "h": ("causal_attn", "cross_attn")}[stack]
        if parts[0] in ok and parts[1] in ATTN:
            return prefix + BLOCKS[parts[0]] + "." + ATTN[parts[1]] + "." + parts[2]
    return None


def head_order(n_heads, n_kv):
    """Mu's query head for each grouped head j = kv * rep + r (Mu: head r * n_kv + kv)."""
    rep = n_heads // n_kv
    return [(j % rep) * n_kv + j // rep for j in range(n_heads)]


def regroup(name, t, order, hd):
    """Query rows (q weight and bias) and output-projection columns in grouped head order."""
    if re.search(r"\.(attn|cross)\.q\.(weight|bias)$", name):
        return t.reshape(len(order), hd, *t.shape[1:])[order].reshape(t.shape)
    if re.search(r"\.(attn|cross)\.o\.weight$", name):
        return t.reshape(t.shape[0], len(order), hd)[:, order].reshape(t.shape)
    return t


def _layers(sd, stack):
    return 1 + max((int(k.split(".")[2]) for k in sd if k.startswith(f"transformer.{stack}.")),
                   default=-1)


def mu_config(sd, mc, where):
    """The catalog-style encdec_rope config of a checkpoint (the Mu shape's keys)."""
    g = dict(DEFAULTS)
    g.update({k: v for k, v in mc.items() if k in DEFAULTS})
    wte = sd.get("transformer.wte.weight")
    if wte is None or wte.dim() != 2:
        raise ShapeError(f"{where}: field model_state_dict.transformer.wte.weight: missing")
    vocab, d = wte.shape
    n_enc, n_dec = _layers(sd, "e"), _layers(sd, "h")
    found = {"vocab_size": vocab, "n_embd": d, "n_encoder_layer": n_enc,
             "n_decoder_layer": n_dec}
    for k, v in found.items():
        if k in mc and mc[k] != v:
            raise ShapeError(f"{where}: field model_config.{k}: {mc[k]} but the weights have {v}")
    if g["rope_factor"] > 1.0:
        raise ShapeError(f"{where}: field model_config.rope_factor: {g['rope_factor']} (NTK "
                         "scaling is not converted; only 1.0)")
    if g["is_interleaved"]:
        raise ShapeError(f"{where}: field model_config.is_interleaved: true (only Mu's "
                         "concatenated key-value heads are converted)")
    heads, kv = g["n_head"], g["n_kv_head"]
    if g["qkv_embd"] % heads or heads % kv:
        raise ShapeError(f"{where}: field model_config.n_head: {heads} does not divide qkv_embd "
                         f"{g['qkv_embd']} or is not a multiple of n_kv_head {kv}")
    tied = "lm_head.weight" not in sd or torch.equal(sd["lm_head.weight"], wte)
    return {"vocab_size": vocab, "hidden_size": d, "intermediate_size": g["hidden_dim"],
            "num_attention_heads": heads, "num_key_value_heads": kv,
            "head_dim": g["qkv_embd"] // heads, "num_encoder_layers": n_enc,
            "num_decoder_layers": n_dec, "hidden_act": "gelu_new", "gated_mlp": False,
            "mlp_bias": True, "attention_bias": True, "rms_norm_eps": 1e-6,
            "rope_theta": float(g["rope_theta"]), "encoder_position_mode": "centred_mu",
            "rope_in_cross_attention": False, "tie_word_embeddings": tied,
            "max_position_embeddings": g["block_size"], "bos_token_id": 1,
            "eos_token_id": 32000 if vocab > 32000 else vocab - 1,
            "pad_token_id": g["pad_token_id"], "unk_token_id": 0, "decoder_start_token_id": 1}


def load_checkpoint(path):
    """(model in eval mode with the checkpoint's weights in fp32, catalog-style config)."""
    where = f"--checkpoint {path}"
    try:
        try:
            ck = torch.load(path, map_location="cpu", weights_only=True)
        except (TypeError, pickle.UnpicklingError):
            # torch before 1.13 has no safe loader, and 1.13's cannot read floats (model_config)
            print(f"[shapes] {path}: this torch's weights-only loader cannot read it; loading "
                  "it fully (convert only checkpoints you trust)", file=sys.stderr)
            ck = torch.load(path, map_location="cpu")
    except Exception as e:  # noqa: BLE001 - any unreadable file is the same bad input
        raise ShapeError(f"{where}: cannot read ({str(e).splitlines()[0][:200]})") from e
    if not isinstance(ck, dict) or not isinstance(ck.get("model_state_dict"), dict):
        raise ShapeError(f"{where}: field model_state_dict: missing")
    sd, mc = ck["model_state_dict"], ck.get("model_config") or {}
    if not isinstance(mc, dict):
        mc = vars(mc) if hasattr(mc, "__dict__") else {}
    cfg = mu_config(sd, mc, where)
    shape = {"id": "mu-checkpoint", "family": "encdec_rope", "is_encoder_decoder": True,
             "config": cfg}
    c = arch_config(shape, where)
    from arch import build_empty
    model = build_empty(c)
    want = set(model.state_dict())
    order = head_order(c["num_attention_heads"], c["num_key_value_heads"])
    mapped, unknown = {}, []
    for k, t in sd.items():
        name = rename(k)
        if name is None or (name == "lm_head.weight" and cfg["tie_word_embeddings"]):
            if name is None:
                unknown.append(k)
            continue
        mapped[name] = regroup(name, t.float(), order, c["head_dim"])
    missing = sorted(want - set(mapped))
    if unknown or missing:
        what = f"unknown keys {unknown[:3]}" if unknown else f"missing weights for {missing[:3]}"
        raise ShapeError(f"{where}: field model_state_dict: {what}")
    bad = [k for k, t in mapped.items() if tuple(t.shape) != tuple(model.state_dict()[k].shape)]
    if bad:
        raise ShapeError(f"{where}: field model_state_dict: shape of {bad[0]} "
                         f"{tuple(mapped[bad[0]].shape)}, expected "
                         f"{tuple(model.state_dict()[bad[0]].shape)}")
    model.load_state_dict(mapped, strict=True)
    model.eval()
    return model, cfg
