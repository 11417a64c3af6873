"""The shape catalog (models/shapes.json): reading it, and turning a shape's public config (the
key names of its family's Hugging Face config.json) into the recipe's architecture config
(arch.py) and the config.json / generation_config.json a built shape folder carries.

Families: t5 (T5 v1.0 with a ReLU MLP and tied embeddings, or T5 v1.1 / Flan-T5 with gated-GELU
and an untied lm_head), gpt2, llama, qwen2 and encdec_rope (the paper's Mu and its decoder-only
twin, in the zoo's encdec_rope keys plus `attention_bias`, `mlp_bias` and `gated_mlp`).
"""

import json

FAMILIES = ("t5", "encdec_rope", "gpt2", "llama", "qwen2")
ARCHITECTURES = {"t5": "T5ForConditionalGeneration", "gpt2": "GPT2LMHeadModel",
                 "llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM",
                 "encdec_rope": "EncDecRopeForConditionalGeneration"}


class ShapeError(Exception):
    """Bad input: the message is one line naming the file or flag, the field and the value."""


def load_catalog(path):
    """The parsed catalog; ShapeError when it is unreadable or not {"shapes": [...]}."""
    try:
        with open(path, encoding="utf-8") as f:
            cat = json.load(f)
    except (OSError, ValueError) as e:
        raise ShapeError(f"--catalog {path}: cannot read ({e})") from e
    if not isinstance(cat, dict) or not isinstance(cat.get("shapes"), list):
        raise ShapeError(f"--catalog {path}: field shapes: not a list of shapes")
    return cat


def find_shape(cat, shape_id, path):
    """The catalog entry with this id; ShapeError naming the ids there are."""
    for s in cat["shapes"]:
        if isinstance(s, dict) and s.get("id") == shape_id:
            return s
    ids = ", ".join(str(s.get("id")) for s in cat["shapes"] if isinstance(s, dict))
    raise ShapeError(f"--id {shape_id}: no such shape in {path} (shapes: {ids})")


def _need(cfg, key, where):
    if key not in cfg or cfg[key] is None:
        raise ShapeError(f"{where}: field config.{key}: missing")
    return cfg[key]


def arch_config(shape, where="shape"):
    """The recipe's architecture config (arch.build's keys) for a catalog shape."""
    fam, cfg = shape.get("family"), shape.get("config")
    where = f"{where} {shape.get('id')}"
    if fam not in FAMILIES:
        raise ShapeError(f"{where}: field family: {fam!r} is not one of {', '.join(FAMILIES)}")
    if not isinstance(cfg, dict):
        raise ShapeError(f"{where}: field config: not an object")
    g = lambda k: _need(cfg, k, where)  # noqa: E731
    if fam == "t5":
        proj = g("feed_forward_proj")
        if proj not in ("relu", "gated-gelu"):
            raise ShapeError(f"{where}: field config.feed_forward_proj: {proj!r} (relu or "
                             "gated-gelu)")
        return {"model_type": "t5", "is_encoder_decoder": True, "vocab_size": g("vocab_size"),
                "hidden_size": g("d_model"), "head_dim": g("d_kv"),
                "intermediate_size": g("d_ff"), "num_attention_heads": g("num_heads"),
                "num_key_value_heads": g("num_heads"), "num_encoder_layers": g("num_layers"),
                "num_decoder_layers": cfg.get("num_decoder_layers") or g("num_layers"),
                "rms_norm_eps": g("layer_norm_epsilon"),
                "relative_attention_num_buckets": g("relative_attention_num_buckets"),
                "relative_attention_max_distance": g("relative_attention_max_distance"),
                "gated_mlp": proj == "gated-gelu",
                "hidden_act": "gelu_new" if proj == "gated-gelu" else "relu",
                "tie_word_embeddings": cfg.get("tie_word_embeddings", True)}
    if fam == "gpt2":
        d = g("n_embd")
        return {"model_type": "gpt2", "vocab_size": g("vocab_size"), "hidden_size": d,
                "intermediate_size": cfg.get("n_inner") or 4 * d,
                "num_attention_heads": g("n_head"), "num_key_value_heads": g("n_head"),
                "head_dim": d // g("n_head"), "num_hidden_layers": g("n_layer"),
                "max_position_embeddings": g("n_positions"), "position_embedding": "learned",
                "rms_norm_eps": g("layer_norm_epsilon"), "norm_type": "layer",
                "hidden_act": g("activation_function"), "gated_mlp": False, "mlp_bias": True,
                "qkv_bias": True, "o_bias": True,
                "tie_word_embeddings": cfg.get("tie_word_embeddings", True)}
    c = {"model_type": fam, "vocab_size": g("vocab_size"), "hidden_size": g("hidden_size"),
         "intermediate_size": g("intermediate_size"),
         "num_attention_heads": g("num_attention_heads"),
         "num_key_value_heads": g("num_key_value_heads"),
         "head_dim": cfg.get("head_dim") or g("hidden_size") // g("num_attention_heads"),
         "rms_norm_eps": g("rms_norm_eps"), "rope_theta": g("rope_theta"),
         "hidden_act": g("hidden_act"), "tie_word_embeddings": cfg.get("tie_word_embeddings", True),
         "max_position_embeddings": g("max_position_embeddings")}
    if fam == "llama":
        bias = bool(cfg.get("attention_bias", False))
        c.update({"num_hidden_layers": g("num_hidden_layers"), "qkv_bias": bias, "o_bias": bias,
                  "mlp_bias": bool(cfg.get("mlp_bias", False))})
    elif fam == "qwen2":  # Qwen2 always has q/k/v biases and no output-projection bias
        c.update({"num_hidden_layers": g("num_hidden_layers"), "qkv_bias": True, "o_bias": False})
    else:  # encdec_rope
        bias = bool(cfg.get("attention_bias", False))
        c.update({"qkv_bias": bias, "o_bias": bias, "mlp_bias": bool(cfg.get("mlp_bias", False)),
                  "gated_mlp": cfg.get("gated_mlp", True)})
        if shape.get("is_encoder_decoder"):
            c.update({"model_type": "encdec_rope", "is_encoder_decoder": True,
                      "num_encoder_layers": g("num_encoder_layers"),
                      "num_decoder_layers": g("num_decoder_layers"),
                      "encoder_position_mode": cfg.get("encoder_position_mode", "centred")})
        else:
            c["num_hidden_layers"] = g("num_hidden_layers")
    return c


def hf_config(shape):
    """config.json of a built shape: the catalog config with model_type, architectures,
    is_encoder_decoder, num_hidden_layers (encdec_rope) and use_cache set."""
    fam, cfg = shape["family"], dict(shape["config"])
    enc = bool(shape.get("is_encoder_decoder"))
    cfg.update({"model_type": fam, "architectures": [ARCHITECTURES[fam]],
                "is_encoder_decoder": enc, "use_cache": True, "torch_dtype": "float32"})
    if fam == "encdec_rope" and enc:
        cfg["num_hidden_layers"] = cfg["num_encoder_layers"] + cfg["num_decoder_layers"]
    if fam == "encdec_rope" and not enc:
        cfg["architectures"] = ["EncDecRopeDecoderOnlyForCausalLM"]
    return dict(sorted(cfg.items()))


def generation_config(shape):
    """generation_config.json: greedy, with the shape's special ids."""
    cfg = shape["config"]
    out = {"do_sample": False, "num_beams": 1}
    for k in ("bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id"):
        if cfg.get(k) is not None:
            out[k] = cfg[k]
    return out
