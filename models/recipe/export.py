"""ONNX export in the Hugging Face Optimum layout, merged decoders, int8 dynamic quantisation.

Decoder-only: onnx/model.onnx (input_ids, attention_mask, position_ids,
past_key_values.{i}.key|value -> logits, present.{i}.key|value).
Encoder-decoder: onnx/encoder_model.onnx (input_ids, attention_mask -> last_hidden_state) and
onnx/decoder_model_merged.onnx: the decoder without past and the decoder with past, traced
separately, then joined under one If node on use_cache_branch with their weights shared (the
scheme of Optimum's merge_decoders, written from its description). In the with-past branch the
encoder key/value outputs pass the cached inputs through (they never change).
A graph over EXTERNAL_DATA_BYTES keeps its weights in `<name>.onnx_data` beside it (protobuf
caps one file at 2 GB).
"""

import hashlib
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import TensorProto, helper, numpy_helper

OPSET = 14
EXTERNAL_DATA_BYTES = 1_500_000_000


def save(model, path):
    """Writes model to path, its tensors in `<file>_data` beside it when the model is larger than
    EXTERNAL_DATA_BYTES (which empties model's tensors). Returns the file names written."""
    name = os.path.basename(path)
    if model.ByteSize() <= EXTERNAL_DATA_BYTES:
        onnx.save(model, path)
        return [name]
    data = os.path.join(os.path.dirname(path), name + "_data")
    if os.path.exists(data):
        os.remove(data)
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=name + "_data", size_threshold=1024)
    return [name, name + "_data"]


class _Llama(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, position_ids, *flat):
        past = [(flat[2 * i], flat[2 * i + 1]) for i in range(len(flat) // 2)]
        logits, presents = self.m(input_ids, attention_mask, position_ids, past)
        return (logits,) + tuple(t for kv in presents for t in kv)


class _Encoder(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        return self.m.encode(input_ids, attention_mask)


class _Decoder(nn.Module):
    """Decoder without past: outputs logits, then per layer decoder key/value, encoder key/value."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states):
        ckv = self.m.cross_kv(encoder_hidden_states)
        logits, presents = self.m.decode(input_ids, encoder_attention_mask, ckv)
        out = [logits]
        for (k, v), (ek, ev) in zip(presents, ckv):
            out += [k, v, ek, ev]
        return tuple(out)


class _DecoderWithPast(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, encoder_attention_mask, *flat):
        n = len(flat) // 4
        past = [(flat[4 * i], flat[4 * i + 1]) for i in range(n)]
        ckv = [(flat[4 * i + 2], flat[4 * i + 3]) for i in range(n)]
        logits, presents = self.m.decode(input_ids, encoder_attention_mask, ckv, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def _export(module, args, path, inputs, outputs, axes):
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs,
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def export_decoder_only(model, out_dir):
    c = model.c
    n, kv, hd = c["num_hidden_layers"], c["num_key_value_heads"], c["head_dim"]
    ids = torch.tensor([[3, 10, 11], [3, 12, 13]])
    past = [torch.zeros(2, kv, 2, hd) for _ in range(2 * n)]
    mask = torch.ones(2, 5, dtype=torch.long)
    pos = torch.tensor([[2, 3, 4], [2, 3, 4]])
    pin = [f"past_key_values.{i}.{w}" for i in range(n) for w in ("key", "value")]
    pout = [f"present.{i}.{w}" for i in range(n) for w in ("key", "value")]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    for p in pin:
        axes[p] = {0: "batch_size", 2: "past_sequence_length"}
    for p in pout:
        axes[p] = {0: "batch_size", 2: "total_sequence_length"}
    path = os.path.join(out_dir, "model.onnx")
    m = _export(_Llama(model), (ids, mask, pos, *past), path,
                ["input_ids", "attention_mask", "position_ids"] + pin, ["logits"] + pout, axes)
    files = save(quantize(m, c["vocab_size"]), os.path.join(out_dir, "model_quantized.onnx"))
    return _exported(m, path) + files


def _exported(m, path):
    """The files of a graph torch.onnx.export wrote to path, rewritten with external data when
    it is larger than EXTERNAL_DATA_BYTES (quantize it first: the rewrite empties m)."""
    if m.ByteSize() > EXTERNAL_DATA_BYTES:
        return save(m, path)
    return [os.path.basename(path)]


def export_encoder_decoder(model, out_dir, tmp_dir):
    c = model.c
    n, kv, hd = c["num_decoder_layers"], c["num_key_value_heads"], c["head_dim"]
    src = torch.tensor([[10, 11, 12, 1], [13, 14, 1, 0]])
    smask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    enc_axes = {"input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
                "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"}}
    enc = _export(_Encoder(model), (src, smask), os.path.join(out_dir, "encoder_model.onnx"),
                  ["input_ids", "attention_mask"], ["last_hidden_state"], enc_axes)
    keep = KEEP_FP32_IN_ENCODER.get(c["model_type"], ())
    files = save(quantize(enc, c["vocab_size"], keep),
                 os.path.join(out_dir, "encoder_model_quantized.onnx"))
    files = _exported(enc, os.path.join(out_dir, "encoder_model.onnx")) + files
    del enc

    with torch.no_grad():
        h = model.encode(src, smask)
    dec_in = torch.tensor([[0, 5], [0, 6]])
    names = [f"{i}.{part}.{w}" for i in range(n) for part in ("decoder", "encoder")
             for w in ("key", "value")]
    common = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
              "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
              "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
              "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    a0 = dict(common)
    for nm in names:
        a0["present." + nm] = {0: "batch_size", 2: "encoder_sequence_length" if ".encoder." in nm
                               else "decoder_sequence_length"}
    p0 = os.path.join(tmp_dir, "decoder_model.onnx")
    d0 = _export(_Decoder(model), (dec_in, smask, h), p0,
                 ["input_ids", "encoder_attention_mask", "encoder_hidden_states"],
                 ["logits"] + ["present." + nm for nm in names], a0)
    past = []
    for i in range(n):
        past += [torch.zeros(2, kv, 2, hd), torch.zeros(2, kv, 2, hd)]
        past += list(model.cross_kv(h)[i])
    a1 = dict(common)
    for nm in names:
        if ".encoder." in nm:
            a1["past_key_values." + nm] = {0: "batch_size", 2: "encoder_sequence_length_out"}
        else:
            a1["past_key_values." + nm] = {0: "batch_size", 2: "past_decoder_sequence_length"}
            a1["present." + nm] = {0: "batch_size", 2: "past_decoder_sequence_length + 1"}
    p1 = os.path.join(tmp_dir, "decoder_with_past_model.onnx")
    d1 = _export(_DecoderWithPast(model), (dec_in[:, :1], smask, *[t.detach() for t in past]), p1,
                 ["input_ids", "encoder_attention_mask"] + ["past_key_values." + nm for nm in names],
                 ["logits"] + ["present." + nm for nm in names if ".decoder." in nm], a1)
    v = c["vocab_size"]
    files += save(merge_decoders(d0, d1, kv, hd, v),
                  os.path.join(out_dir, "decoder_model_merged.onnx"))
    mq = merge_decoders(quantize(d0, v), quantize(d1, v), kv, hd, v)
    return files + save(mq, os.path.join(out_dir, "decoder_model_merged_quantized.onnx"))


def _content_key(t):
    arr = numpy_helper.to_array(t)
    return (t.data_type, tuple(t.dims), hashlib.sha256(arr.tobytes()).hexdigest())


def merge_decoders(d0, d1, kv, hd, vocab):
    """One model with an If on use_cache_branch: then = with past (d1), else = without (d0).
    Initializers of both are moved to the outer graph and deduplicated by content."""
    d0, d1 = onnx.ModelProto.FromString(d0.SerializeToString()), onnx.ModelProto.FromString(
        d1.SerializeToString())
    # The with-past decoder returns empty constants ([0, kv, 1, hd], Optimum's rule: the first
    # dynamic axis 0, the others 1) for the encoder presents it does not compute, as Optimum's
    # merged decoders do; engines keep the cross cache of the first step. Passing the cached
    # encoder keys/values through instead would copy the whole cross cache twice per generated
    # token (inside ONNX Runtime and out through the binding), a per-row cost that grows with
    # the input length.
    have = {o.name for o in d1.graph.output}
    for o in d0.graph.output:
        if o.name not in have:
            empty = helper.make_tensor("empty", TensorProto.FLOAT, [0, kv, 1, hd], [])
            d1.graph.node.append(helper.make_node("Constant", [], [o.name],
                                                  name="empty_" + o.name, value=empty))
            d1.graph.output.append(helper.make_tensor_value_info(
                o.name, TensorProto.FLOAT, ["batch_size", kv, "encoder_sequence_length_out", hd]))
    order = [o.name for o in d0.graph.output]
    out1 = {o.name: o for o in d1.graph.output}
    del d1.graph.output[:]
    d1.graph.output.extend(out1[nm] for nm in order)

    node_outputs = {x for g in (d0.graph, d1.graph) for nd in g.node for x in nd.output}
    shared, by_key, used = [], {}, set()
    for tag, g in (("a", d0.graph), ("b", d1.graph)):
        rename = {}
        for t in g.initializer:
            key = _content_key(t)
            if key not in by_key:
                name = t.name
                if name in used or name in node_outputs:
                    name = f"{t.name}_{tag}"
                used.add(name)
                by_key[key] = name
                nt = onnx.TensorProto()
                nt.CopyFrom(t)
                nt.name = name
                shared.append(nt)
            rename[t.name] = by_key[key]
        for nd in g.node:
            for i, x in enumerate(nd.input):
                if x in rename:
                    nd.input[i] = rename[x]
        del g.initializer[:]

    def branch(g, name):
        return helper.make_graph(list(g.node), name, [], list(g.output))

    inputs, seen = [], set()
    for g in (d0.graph, d1.graph):
        for x in g.input:
            if x.name not in seen:
                seen.add(x.name)
                inputs.append(x)
    inputs.append(helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1]))
    outputs = []
    for o in d0.graph.output:
        dims = ["batch_size", "decoder_sequence_length", vocab]
        if o.name != "logits":
            third = "encoder_sequence_length_out" if ".encoder." in o.name else \
                "present_decoder_sequence_length"
            dims = ["batch_size", kv, third, hd]
        outputs.append(helper.make_tensor_value_info(o.name, TensorProto.FLOAT, dims))
    for g in (d0.graph, d1.graph):  # branch outputs: same names, shapes left to inference
        outs = [helper.make_tensor_value_info(o.name, TensorProto.FLOAT, None) for o in g.output]
        del g.output[:]
        g.output.extend(outs)
    node = helper.make_node("If", ["use_cache_branch"], order, name="optimum::if",
                            then_branch=branch(d1.graph, "with_past"),
                            else_branch=branch(d0.graph, "no_past"))
    graph = helper.make_graph([node], "merged_decoder", inputs, outputs, initializer=shared)
    m = helper.make_model(graph, producer_name="encoder-bench-recipe",
                          opset_imports=[helper.make_opsetid("", OPSET)])
    m.ir_version = d0.ir_version
    onnx.checker.check_model(m)
    return m


# MatMul nodes left fp32 in the int8 encoder, by model_type: T5's FFN output projection (T5's
# `wo`) sees activation outliers, and with it int8 the first-step argmax of the T5 student agreed
# with fp32 on only 5 of 16 reference inputs (15 of 16 with these kept fp32;
# docs/notes/zoo-experiments.md).
KEEP_FP32_IN_ENCODER = {"t5": ("/mlp/down/",)}


def quantize(model, vocab_size, keep_fp32=()):
    """Weight-only int8 dynamic quantisation, the pattern onnxruntime's quantize_dynamic emits:
    MatMul(x, W) -> DynamicQuantizeLinear(x) + MatMulInteger(x_q, W_q, x_zp) + Cast + Mul by
    x_scale * w_scale (W_q int8, symmetric, one scale per output column). The token embedding
    (Gather, and the tied LM head's Gemm) is stored int8 with one scale per row and restored by a
    DequantizeLinear node. MatMul nodes whose name contains one of `keep_fp32` stay fp32."""
    m = onnx.ModelProto.FromString(model.SerializeToString())
    g = m.graph
    inits = {t.name: t for t in g.initializer}
    new_inits, nodes, dq = [], [], {}
    drop = set()

    emb_names = {nd.input[0] for nd in g.node if nd.op_type == "Gather" and nd.input[0] in inits
                 and len(inits[nd.input[0]].dims) == 2 and inits[nd.input[0]].dims[0] == vocab_size}
    for name in sorted(emb_names):
        w = numpy_helper.to_array(inits[name]).astype(np.float32)
        s = np.maximum(np.abs(w).max(axis=1), 1e-8) / 127.0
        q = np.clip(np.round(w / s[:, None]), -127, 127).astype(np.int8)
        new_inits += [numpy_helper.from_array(q, name + "_quantized"),
                      numpy_helper.from_array(s.astype(np.float32), name + "_scale")]
        nodes.append(helper.make_node("DequantizeLinear", [name + "_quantized", name + "_scale"],
                                      [name], name=name + "_dequantize", axis=0))
        drop.add(name)

    for nd in g.node:
        w_name = nd.input[1] if nd.op_type == "MatMul" and len(nd.input) == 2 else None
        t = inits.get(w_name) if w_name else None
        if t is None or len(t.dims) != 2 or t.data_type != TensorProto.FLOAT or min(t.dims) < 8 \
                or any(k in nd.name for k in keep_fp32):
            nodes.append(nd)
            continue
        w = numpy_helper.to_array(t).astype(np.float32)
        s = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
        q = np.clip(np.round(w / s[None, :]), -127, 127).astype(np.int8)
        if w_name not in drop:
            new_inits += [numpy_helper.from_array(q, w_name + "_quantized"),
                          numpy_helper.from_array(s.astype(np.float32), w_name + "_scale")]
            drop.add(w_name)
        x = nd.input[0]
        if x not in dq:
            base = x.replace("/", "_").strip("_") + "_dq"
            dq[x] = (base + "_q", base + "_scale", base + "_zp")
            nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(dq[x]),
                                          name=base + "_DynamicQuantizeLinear"))
        xq, xs, xzp = dq[x]
        y = nd.output[0]
        nodes += [
            helper.make_node("MatMulInteger", [xq, w_name + "_quantized", xzp], [y + "_int32"],
                             name=nd.name + "_MatMulInteger"),
            helper.make_node("Cast", [y + "_int32"], [y + "_float"], to=TensorProto.FLOAT,
                             name=nd.name + "_Cast"),
            helper.make_node("Mul", [xs, w_name + "_scale"], [y + "_scale"],
                             name=nd.name + "_ScaleMul"),
            helper.make_node("Mul", [y + "_float", y + "_scale"], [y], name=nd.name + "_Mul"),
        ]
    keep = [t for t in g.initializer if t.name not in drop]
    del g.initializer[:]
    g.initializer.extend(keep + new_inits)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    return m
