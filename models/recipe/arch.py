"""Model architectures: llama-style decoder-only, the paper's RoPE encoder-decoder, and T5.

Every model keeps an explicit key/value cache so the same code trains (no cache), runs greedy
validation (with cache) and is traced to ONNX (without and with past). Shapes of cached keys and
values are [batch, kv_heads, length, head_dim], as in Hugging Face Optimum exports.

Optional config keys widen the same modules to the public architectures the shapes mirror
(models/recipe/shape_config.py); each defaults to the zoo's choice, so the zoo's graphs do not
change: `qkv_bias` / `o_bias` (attention projection biases), `gated_mlp` (false: up -> act ->
down) and `mlp_bias`, `hidden_act` `relu`, `norm_type` `layer` (LayerNorm with bias),
`position_embedding` `learned` (GPT-2's absolute positions, decoder-only), `tie_word_embeddings`
false (a separate lm_head; T5 then skips its d_model**-0.5 logit scaling) and
`encoder_position_mode` `centred_mu` (encoder position i - (L-1)//2 instead of i - L//2).
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

NEG = -1e9


class RMSNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        var = x.pow(2).mean(-1, keepdim=True)
        return x * torch.rsqrt(var + self.eps) * self.weight


def rope_cos_sin(positions, head_dim, theta):
    """cos, sin of shape [B, 1, 1, S, head_dim] for float positions [B, S] (HF llama layout)."""
    inv = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    freqs = positions.float().unsqueeze(-1) * inv  # [B, S, hd/2]
    emb = torch.cat([freqs, freqs], dim=-1)
    return emb.cos()[:, None, None], emb.sin()[:, None, None]


def apply_rope(x, cos, sin):
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return x * cos + torch.cat([-x2, x1], dim=-1) * sin


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))


def activation(name, x):
    """silu, relu, else tanh-GELU (gelu_new / gelu_pytorch_tanh)."""
    if name == "silu":
        return F.silu(x)
    if name == "relu":
        return F.relu(x)
    return gelu_tanh(x)


class MLP(nn.Module):
    """Gated feed-forward (SwiGLU: llama, encdec_rope; gated tanh-GELU: T5 v1.1), or with
    gated=False a plain up -> act -> down (T5 v1.0's ReLU, GPT-2's and Mu's fc1 -> GELU -> fc2)."""

    def __init__(self, d, ff, act, gated=True, bias=False):
        super().__init__()
        if gated:
            self.gate = nn.Linear(d, ff, bias=bias)
        self.up = nn.Linear(d, ff, bias=bias)
        self.down = nn.Linear(ff, d, bias=bias)
        self.act, self.gated = act, gated

    def forward(self, x):
        if not self.gated:
            return self.down(activation(self.act, self.up(x)))
        g = activation(self.act, self.gate(x))
        return self.down(g * self.up(x))


def make_norm(c):
    """The block norm: RMSNorm, or LayerNorm (with bias) where norm_type is 'layer'."""
    if c.get("norm_type", "rms") == "layer":
        return nn.LayerNorm(c["hidden_size"], eps=c["rms_norm_eps"])
    return RMSNorm(c["hidden_size"], c["rms_norm_eps"])


class Attention(nn.Module):
    """Grouped-query attention. Queries are grouped as [B, kv, rep, S, hd] so keys/values of
    shape [B, kv, T, hd] broadcast without being copied."""

    def __init__(self, d, n_heads, n_kv, hd, scale=True, qkv_bias=False, o_bias=False):
        super().__init__()
        self.n_heads, self.n_kv, self.hd = n_heads, n_kv, hd
        self.rep = n_heads // n_kv
        self.q = nn.Linear(d, n_heads * hd, bias=qkv_bias)
        self.k = nn.Linear(d, n_kv * hd, bias=qkv_bias)
        self.v = nn.Linear(d, n_kv * hd, bias=qkv_bias)
        self.o = nn.Linear(n_heads * hd, d, bias=o_bias)
        self.scale = 1.0 / math.sqrt(hd) if scale else 1.0

    def queries(self, x):
        b = x.shape[0]
        return self.q(x).view(b, -1, self.n_kv, self.rep, self.hd).permute(0, 2, 3, 1, 4)

    def keys_values(self, x):
        b = x.shape[0]
        k = self.k(x).view(b, -1, self.n_kv, self.hd).transpose(1, 2)
        v = self.v(x).view(b, -1, self.n_kv, self.hd).transpose(1, 2)
        return k, v

    def attend(self, q, k, v, bias):
        """q [B,kv,rep,S,hd], k/v [B,kv,T,hd], bias broadcastable to [B,kv,rep,S,T]."""
        b = q.shape[0]
        s = torch.matmul(q, k.unsqueeze(2).transpose(-1, -2)) * self.scale + bias
        p = torch.softmax(s, dim=-1)
        out = torch.matmul(p, v.unsqueeze(2))  # [B,kv,rep,S,hd]
        out = out.permute(0, 3, 1, 2, 4).reshape(b, -1, self.n_heads * self.hd)
        return self.o(out)


def causal_bias(q_len, past_len, key_mask):
    """Additive bias [B,1,1,S,T]: query i (absolute past_len+i) sees keys j <= past_len+i that
    key_mask marks valid. key_mask: [B, T] (1 = real token)."""
    t = key_mask.shape[1]
    qi = torch.arange(q_len).unsqueeze(1) + past_len  # [S,1]
    kj = torch.arange(t).unsqueeze(0)  # [1,T]
    allowed = (kj <= qi).unsqueeze(0) & (key_mask.unsqueeze(1) > 0)  # [B,S,T]
    return torch.where(allowed, torch.zeros(()), torch.full((), NEG))[:, None, None]


def padding_bias(key_mask):
    """Additive bias [B,1,1,1,T] for bidirectional or cross attention."""
    return ((1.0 - key_mask.float()) * NEG)[:, None, None, None, :]


class DecoderLayer(nn.Module):
    """Pre-norm block: self-attention (RoPE, T5 bias or none for learned positions), optional
    cross-attention, MLP. kind: 'rope', 't5' (unscaled attention) or 'learned'."""

    def __init__(self, c, cross, kind):
        super().__init__()
        d = c["hidden_size"]
        self.rope = kind == "rope"
        bias = {"scale": kind != "t5", "qkv_bias": c.get("qkv_bias", False),
                "o_bias": c.get("o_bias", False)}
        self.norm1 = make_norm(c)
        self.attn = Attention(d, c["num_attention_heads"], c["num_key_value_heads"], c["head_dim"],
                              **bias)
        self.cross = None
        if cross:
            self.norm_x = make_norm(c)
            self.cross = Attention(d, c["num_attention_heads"], c["num_key_value_heads"],
                                   c["head_dim"], **bias)
        self.norm2 = make_norm(c)
        self.mlp = MLP(d, c["intermediate_size"], c["hidden_act"], c.get("gated_mlp", True),
                       c.get("mlp_bias", False))

    def forward(self, x, bias, cos=None, sin=None, past=None, cross_kv=None, cross_bias=None):
        h = self.norm1(x)
        q = self.attn.queries(h)
        k, v = self.attn.keys_values(h)
        if self.rope:
            q = apply_rope(q, cos, sin)
            k = apply_rope(k, cos[:, 0], sin[:, 0])
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        x = x + self.attn.attend(q, k, v, bias)
        if self.cross is not None:
            h = self.norm_x(x)
            x = x + self.cross.attend(self.cross.queries(h), cross_kv[0], cross_kv[1], cross_bias)
        x = x + self.mlp(self.norm2(x))
        return x, (k, v)


def t5_bucket(rel, bidirectional, num_buckets, max_distance):
    """T5's relative position bucket (rel = key position - query position)."""
    ret = torch.zeros_like(rel)
    if bidirectional:
        num_buckets //= 2
        ret = ret + (rel > 0).long() * num_buckets
        n = rel.abs()
    else:
        n = -torch.clamp(rel, max=0)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    nf = torch.clamp(n, min=1).float()
    large = max_exact + (
        torch.log(nf / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact)
    ).long()
    large = torch.clamp(large, max=num_buckets - 1)
    return ret + torch.where(is_small, n, large)


class Stack(nn.Module):
    """A stack of layers with its own final norm; encoder (bidirectional) or decoder (causal)."""

    def __init__(self, c, n_layers, causal, cross, kind):
        super().__init__()
        self.c, self.causal, self.kind = c, causal, kind
        self.layers = nn.ModuleList([DecoderLayer(c, cross, kind) for _ in range(n_layers)])
        self.norm = make_norm(c)
        if kind == "t5":
            self.rel_bias = nn.Embedding(c["relative_attention_num_buckets"],
                                         c["num_attention_heads"])

    def t5_bias(self, q_len, past_len, k_len):
        qpos = torch.arange(q_len).unsqueeze(1) + past_len
        kpos = torch.arange(k_len).unsqueeze(0)
        buckets = t5_bucket(kpos - qpos, not self.causal, self.c["relative_attention_num_buckets"],
                            self.c["relative_attention_max_distance"])
        b = self.rel_bias(buckets)  # [S,T,H]
        kv, rep = self.c["num_key_value_heads"], self.c["num_attention_heads"] // self.c[
            "num_key_value_heads"]
        return b.permute(2, 0, 1).reshape(kv, rep, q_len, k_len).unsqueeze(0)

    def forward(self, x, positions, key_mask, past=None, past_len=0, cross_kv=None,
                cross_bias=None):
        """x [B,S,d]; positions [B,S] (RoPE); key_mask [B,T] for self-attention keys."""
        s = x.shape[1]
        t = key_mask.shape[1]
        if self.causal:
            bias = causal_bias(s, past_len, key_mask)
        else:
            bias = padding_bias(key_mask)
        cos = sin = None
        if self.kind == "t5":
            bias = bias + self.t5_bias(s, past_len, t)
        elif self.kind == "rope":
            cos, sin = rope_cos_sin(positions, self.c["head_dim"], self.c["rope_theta"])
        presents = []
        for i, layer in enumerate(self.layers):
            x, kv = layer(x, bias, cos, sin, None if past is None else past[i],
                          None if cross_kv is None else cross_kv[i], cross_bias)
            presents.append(kv)
        return self.norm(x), presents


def make_lm_head(c):
    """A separate LM head where embeddings are not tied, else None."""
    if c.get("tie_word_embeddings", True):
        return None
    return nn.Linear(c["hidden_size"], c["vocab_size"], bias=False)


class DecoderOnly(nn.Module):
    """Causal LM: llama-style by default (RoPE, GQA, pre-RMSNorm, SwiGLU, tied embeddings);
    position_embedding 'learned' adds GPT-2's absolute position table instead of RoPE."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed = nn.Embedding(c["vocab_size"], c["hidden_size"])
        kind = "rope"
        if c.get("position_embedding") == "learned":
            kind = "learned"
            self.wpe = nn.Embedding(c["max_position_embeddings"], c["hidden_size"])
        self.stack = Stack(c, c["num_hidden_layers"], causal=True, cross=False, kind=kind)
        self.lm_head = make_lm_head(c)

    def forward(self, input_ids, attention_mask, position_ids, past=None, select=None):
        """attention_mask covers past + current tokens. Returns logits, presents. With a boolean
        select [B,S] (training), logits are computed only there, as [N, vocab]."""
        past_len = 0 if past is None else past[0][0].shape[2]
        x = self.embed(input_ids)
        if self.stack.kind == "learned":
            x = x + self.wpe(position_ids)
        h, presents = self.stack(x, position_ids, attention_mask, past, past_len)
        if select is not None:
            return F.linear(h[select], self.embed.weight), presents
        return lm_logits(h, self.embed.weight, self.lm_head), presents


def lm_logits(h, weight, head=None):
    """Tied LM head as an einsum: ONNX Einsum reads the embedding initializer itself, so the
    exported file holds the matrix once (a linear layer would add a transposed copy). An untied
    head is a plain linear layer."""
    if head is not None:
        return head(h)
    return torch.einsum("bsd,vd->bsv", h, weight)


class EncoderDecoder(nn.Module):
    """Encoder-decoder: kind 'rope' (the paper's design) or 't5' (relative position buckets)."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.kind = "t5" if c["model_type"] == "t5" else "rope"
        self.embed = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.encoder = Stack(c, c["num_encoder_layers"], causal=False, cross=False, kind=self.kind)
        self.decoder = Stack(c, c["num_decoder_layers"], causal=True, cross=True, kind=self.kind)
        self.lm_head = make_lm_head(c)

    def encode(self, input_ids, attention_mask):
        pos = None
        if self.kind == "rope":
            # centred positions: index among real tokens minus half the real length (centred_mu:
            # minus half of one less, as the paper's Mu does)
            idx = torch.cumsum(attention_mask, dim=1) - 1
            n = attention_mask.sum(dim=1, keepdim=True)
            if self.c.get("encoder_position_mode") == "centred_mu":
                n = n - 1
            pos = idx - torch.div(n, 2, rounding_mode="floor")
        h, _ = self.encoder(self.embed(input_ids), pos, attention_mask)
        return h

    def cross_kv(self, enc_h):
        return [layer.cross.keys_values(enc_h) for layer in self.decoder.layers]

    def decode(self, input_ids, enc_mask, cross_kv, past=None, select=None):
        """Decoder step(s) without padding; positions continue after the cached length."""
        b, s = input_ids.shape
        past_len = 0 if past is None else past[0][0].shape[2]
        pos = (torch.arange(s) + past_len).unsqueeze(0).expand(b, s)
        key_mask = torch.ones(b, s + past_len, dtype=torch.long) if past is None else torch.cat(
            [torch.ones_like(past[0][0][:, 0, :, 0]).long(), torch.ones(b, s, dtype=torch.long)], 1)
        h, presents = self.decoder(self.embed(input_ids), pos, key_mask, past, past_len, cross_kv,
                                   padding_bias(enc_mask))
        if self.kind == "t5" and self.lm_head is None:
            h = h * (self.c["hidden_size"] ** -0.5)
        if select is not None:
            return F.linear(h[select], self.embed.weight), presents
        return lm_logits(h, self.embed.weight, self.lm_head), presents

    def forward(self, src, src_mask, dec_in, select=None):
        enc = self.encode(src, src_mask)
        return self.decode(dec_in, src_mask, self.cross_kv(enc), select=select)[0]


def build(c):
    return DecoderOnly(c) if not c.get("is_encoder_decoder") else EncoderDecoder(c)


def build_empty(c):
    """build(c) with linear and embedding weights left uninitialised (torch.empty is lazy, so a
    500M model takes milliseconds); init_weights or a checkpoint fills them. Norms keep their
    own initialisation."""
    saved = {cls: cls.reset_parameters for cls in (nn.Linear, nn.Embedding)}
    try:
        for cls in saved:
            cls.reset_parameters = lambda self: None
        return build(c)
    finally:
        for cls, fn in saved.items():
            cls.reset_parameters = fn


def init_t5(model, g):
    """T5's initialisation (as in Hugging Face's T5PreTrainedModel._init_weights, factor 1):
    embedding N(0, 1); q N(0, (d * d_kv)^-0.5), k and v N(0, d^-0.5), o N(0, (H * d_kv)^-0.5);
    FFN input N(0, d^-0.5), output N(0, d_ff^-0.5); relative bias N(0, d^-0.5). T5 attention is
    unscaled and the tied LM head is scaled by d^-0.5, so the small-model default (0.02) would
    leave attention uniform and logits near zero for a long time."""
    c = model.c
    d, dkv, h, ff = c["hidden_size"], c["head_dim"], c["num_attention_heads"], c["intermediate_size"]
    std = {"q.weight": (d * dkv) ** -0.5, "k.weight": d ** -0.5, "v.weight": d ** -0.5,
           "o.weight": (h * dkv) ** -0.5, "gate.weight": d ** -0.5, "up.weight": d ** -0.5,
           "down.weight": ff ** -0.5, "rel_bias.weight": d ** -0.5, "embed.weight": 1.0,
           "lm_head.weight": 1.0}
    for name, p in sorted(model.named_parameters()):
        if p.dim() == 1:
            continue
        key = ".".join(name.split(".")[-2:])
        with torch.no_grad():
            p.copy_(torch.randn(p.shape, generator=g) * std[key])


def init_weights(model, seed):
    """Normal(0, 0.02) for matrices and linear biases; residual output projections scaled by
    1/sqrt(2 * layers). Norm weights stay 1 and LayerNorm biases 0. T5 models use T5's own
    scheme (init_t5)."""
    g = torch.Generator().manual_seed(seed)
    if getattr(model, "kind", None) == "t5":
        init_t5(model, g)
        return
    n_layers = sum(1 for n, _ in model.named_modules() if n.endswith(".mlp"))
    norms = {n + "." for n, m in model.named_modules() if isinstance(m, (RMSNorm, nn.LayerNorm))}
    for name, p in sorted(model.named_parameters()):
        if p.dim() == 1 and (not name.endswith(".bias") or name[:-len("bias")] in norms):
            continue
        std = 0.02
        if name.endswith("o.weight") or name.endswith("down.weight"):
            std = 0.02 / math.sqrt(2 * n_layers)
        with torch.no_grad():
            p.copy_(torch.randn(p.shape, generator=g) * std)


def count_params(model):
    """Parameter counts: total (tied embedding once), embeddings, encoder, decoder."""
    total = sum(p.numel() for p in model.parameters())
    emb = model.embed.weight.numel()
    if isinstance(model, EncoderDecoder):
        enc = sum(p.numel() for p in model.encoder.parameters())
        dec = sum(p.numel() for p in model.decoder.parameters())
    else:
        enc, dec = 0, sum(p.numel() for p in model.stack.parameters())
    return {"total": total, "embeddings": emb, "encoder": enc, "decoder": dec}
