"""The model zoo: architectures and sizes of every model, full and tiny (CI) budgets."""

import copy

from arch import build, count_params

STUDENT_TARGET = 1_760_000  # parameters, tied embedding counted once (12 MB cap per folder:
# encoder-decoder folders store the embedding in both ONNX files, fp32 and int8)
TEACHER_TARGET = 7_200_000  # about 3.9x a student; 40 MB cap

# id -> (kind, encoder layers, decoder layers, distilled)
STUDENTS = {
    "eb-dec-base": ("llama", 0, 6, False),
    "eb-dec-kd": ("llama", 0, 6, True),
    "eb-ed23-base": ("encdec_rope", 4, 2, False),
    "eb-ed23-kd": ("encdec_rope", 4, 2, True),
    "eb-ed12-base": ("encdec_rope", 3, 3, False),
    "eb-ed13-base": ("encdec_rope", 2, 4, False),
    "eb-t5-base": ("t5", 3, 3, False),
}
TEACHER = "eb-teacher"
# distilled student -> its baseline twin (same architecture and size): the twin's cross-entropy
# bootstrap is the student's, step for step (train.train, bootstrap prefix)
TWIN = {s: s.replace("-kd", "-base") for s, spec in STUDENTS.items() if spec[3]}
ALL = [TEACHER] + list(STUDENTS)


def base_config(kind, vocab, width, heads, kv_heads, head_dim, enc, dec, ff, lim, tok):
    c = {
        "vocab_size": vocab, "hidden_size": width, "intermediate_size": ff,
        "num_attention_heads": heads, "num_key_value_heads": kv_heads, "head_dim": head_dim,
        "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "tie_word_embeddings": True,
        "bos_token_id": tok.bos_id, "eos_token_id": tok.eos_id, "pad_token_id": tok.pad_id,
        "unk_token_id": tok.unk_id, "torch_dtype": "float32",
    }
    if kind == "llama":
        c.update({"model_type": "llama", "architectures": ["LlamaForCausalLM"],
                  "num_hidden_layers": dec, "hidden_act": "silu",
                  "max_position_embeddings": lim["max_prompt_tokens"] + lim["max_target_tokens"],
                  "attention_bias": False, "mlp_bias": False, "use_cache": True,
                  "max_prompt_tokens": lim["max_prompt_tokens"],
                  "max_target_tokens": lim["max_target_tokens"]})
    elif kind == "encdec_rope":
        c.update({"model_type": "encdec_rope", "architectures": ["EncDecRopeForConditionalGeneration"],
                  "is_encoder_decoder": True, "num_encoder_layers": enc, "num_decoder_layers": dec,
                  "num_hidden_layers": enc + dec, "hidden_act": "silu",
                  "encoder_position_mode": "centred", "decoder_start_token_id": tok.pad_id,
                  "rope_in_cross_attention": False,
                  "max_source_tokens": lim["max_source_tokens"],
                  "max_target_tokens": lim["max_target_tokens"],
                  "max_position_embeddings": max(lim["max_source_tokens"], lim["max_target_tokens"]),
                  "use_cache": True})
    else:
        c.update({"model_type": "t5", "architectures": ["T5ForConditionalGeneration"],
                  "is_encoder_decoder": True, "num_encoder_layers": enc, "num_decoder_layers": dec,
                  "d_model": width, "d_kv": head_dim, "d_ff": ff, "num_heads": heads,
                  "num_key_value_heads": heads, "num_layers": enc, "hidden_act": "gelu_new",
                  "feed_forward_proj": "gated-gelu", "dense_act_fn": "gelu_new",
                  "is_gated_act": True, "layer_norm_epsilon": 1e-6,
                  "relative_attention_num_buckets": 32, "relative_attention_max_distance": 128,
                  "decoder_start_token_id": tok.pad_id, "dropout_rate": 0.0,
                  "max_source_tokens": lim["max_source_tokens"],
                  "max_target_tokens": lim["max_target_tokens"], "use_cache": True})
        c.pop("rope_theta")
        c["rope_theta"] = None
    return c


def _params(c):
    return count_params(build(c))["total"]


def solve_ff(c, target, step=8):
    """intermediate_size (multiple of step) bringing the total parameter count nearest target."""
    a, b = copy.deepcopy(c), copy.deepcopy(c)
    a["intermediate_size"], b["intermediate_size"] = step, 2 * step
    pa, pb = _params(a), _params(b)
    ff = max(step, round((target - pa) / (pb - pa)) * step + step)
    c["intermediate_size"] = ff
    if c["model_type"] == "t5":
        c["d_ff"] = ff
    return c


def configs(tok, lim, tiny):
    """{id: config} for the teacher and every student."""
    vocab = len(tok)
    if tiny:
        sw, sh, skv, shd, starget = 32, 2, 1, 16, 40_000
        tw, th, tkv, thd, tl, ttarget = 48, 3, 1, 16, 3, 100_000
        scale = 0.5
    else:
        sw, sh, skv, shd, starget = 192, 6, 3, 32, STUDENT_TARGET
        tw, th, tkv, thd, tl, ttarget = 320, 10, 5, 32, 8, TEACHER_TARGET
        scale = 1.0
    out = {}
    t = base_config("llama", vocab, tw, th, tkv, thd, 0, tl, 64, lim, tok)
    out[TEACHER] = solve_ff(t, ttarget)
    for mid, (kind, enc, dec, _kd) in STUDENTS.items():
        if tiny:
            enc, dec = max(1, int(enc * scale)), max(1, int(dec * scale))
        # T5 has no GQA: 4 heads (tiny: 1) keep its attention parameters equal to the GQA models'
        heads, kv = ((max(1, sh * 2 // 3),) * 2) if kind == "t5" else (sh, skv)
        c = base_config(kind, vocab, sw, heads, kv, shd, enc, dec, 64, lim, tok)
        out[mid] = solve_ff(c, starget)
    return out
