"""Random-weight models of public architectures ("shapes"), built in the Optimum ONNX layout.

    shapes.py build --catalog models/shapes.json --id ID --seed 0 --dtype fp32,int8 --out DIR
    shapes.py params --catalog models/shapes.json [--id ID]
    shapes.py convert-mu --checkpoint PATH/model.pt --dtype fp32,int8 --out DIR

build: DIR (absent or empty) gets config.json, generation_config.json, shape.json and onnx/
(decoder-only: model.onnx; encoder-decoder: encoder_model.onnx + decoder_model_merged.onnx;
int8: the same names with _quantized; `<name>.onnx_data` beside a graph over 1.5 GB). No
tokenizer: shapes are fed token ids. Progress on stderr; on success one JSON line on stdout:
{"id", "params", "seconds", "files": {relative path: bytes}}.
params: {"ID": parameters, ...} counted from the PyTorch module as built (tied weights once),
without initialising or exporting it.
convert-mu: the paper's Mu checkpoint into the layout of the `mu` shape (shape.json id
mu-checkpoint); see shape_mu.py.
Bad input: one `error:` line naming the flag or file, the field and the value; exit 2.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from shape_config import (  # noqa: E402
    ShapeError, arch_config, find_shape, generation_config, hf_config, load_catalog)

DTYPES = ("fp32", "int8")


def log(msg):
    print(f"[shapes] {msg}", file=sys.stderr, flush=True)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ShapeError(message)


def parse_args(argv):
    p = _Parser(prog="shapes.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    b = sub.add_parser("build")
    b.add_argument("--catalog", required=True)
    b.add_argument("--id", required=True)
    b.add_argument("--seed", default="0")
    b.add_argument("--dtype", default="fp32,int8")
    b.add_argument("--out", required=True)
    c = sub.add_parser("params")
    c.add_argument("--catalog", required=True)
    c.add_argument("--id")
    m = sub.add_parser("convert-mu")
    m.add_argument("--checkpoint", required=True)
    m.add_argument("--dtype", default="fp32,int8")
    m.add_argument("--out", required=True)
    return p.parse_args(argv)


def parse_dtypes(text):
    """--dtype: a comma list of fp32 and int8."""
    ds = [d.strip() for d in text.split(",") if d.strip()]
    bad = [d for d in ds if d not in DTYPES]
    if not ds or bad:
        raise ShapeError(f"--dtype {text}: not a comma list of {', '.join(DTYPES)}")
    return set(ds)


def check_out(out):
    """--out must not exist or be an empty folder."""
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        raise ShapeError(f"--out {out}: exists and is not an empty folder")


def count(c):
    """Parameters of the module arch.build makes from c (tied embedding once)."""
    from arch import build_empty
    return sum(p.numel() for p in build_empty(c).parameters())


def cmd_params(args):
    cat = load_catalog(args.catalog)
    shapes = [find_shape(cat, args.id, args.catalog)] if args.id else cat["shapes"]
    out = {s["id"]: count(arch_config(s, args.catalog)) for s in shapes}
    print(json.dumps(out))


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def export_model(model, out, dtypes):
    """ONNX files of model into out/onnx (fp32 and int8 graphs come from one export; the
    dtypes not asked for are removed)."""
    from export import export_decoder_only, export_encoder_decoder
    import torch
    onnx_dir = os.path.join(out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    xdir = tempfile.mkdtemp(prefix=".shape-x-", dir=os.path.dirname(os.path.abspath(out)))
    try:
        with torch.no_grad():
            if model.c.get("is_encoder_decoder"):
                files = export_encoder_decoder(model, onnx_dir, xdir)
            else:
                files = export_decoder_only(model, onnx_dir)
    finally:
        shutil.rmtree(xdir, ignore_errors=True)
    for f in files:
        int8 = "_quantized.onnx" in f
        if (int8 and "int8" not in dtypes) or (not int8 and "fp32" not in dtypes):
            os.remove(os.path.join(onnx_dir, f))


def listing(out):
    """{relative path: bytes} of every file below out."""
    files = {}
    for root, _dirs, names in os.walk(out):
        for n in names:
            p = os.path.join(root, n)
            files[os.path.relpath(p, out)] = os.path.getsize(p)
    return dict(sorted(files.items()))


def finish(out, tmp, meta, t0):
    """Moves the built folder into place and prints the result line."""
    if os.path.isdir(out):
        os.rmdir(out)
    os.rename(tmp, out)
    meta = dict(meta, seconds=round(time.time() - t0, 1), files=listing(out))
    print(json.dumps(meta))


def cmd_build(args):
    t0 = time.time()
    cat = load_catalog(args.catalog)
    shape = find_shape(cat, args.id, args.catalog)
    try:
        seed = int(args.seed)
        assert seed >= 0
    except (ValueError, AssertionError):
        raise ShapeError(f"--seed {args.seed}: not a whole number >= 0") from None
    dtypes = parse_dtypes(args.dtype)
    check_out(args.out)
    c = arch_config(shape, args.catalog)
    n = count(c)
    if n != shape.get("params"):
        raise ShapeError(f"{args.catalog}: shape {shape['id']}: field params: "
                         f"{shape.get('params')} but the module has {n}")
    import torch
    from arch import build_empty, init_weights
    torch.manual_seed(seed)
    model = build_empty(c)
    init_weights(model, seed)
    model.eval()
    log(f"{shape['id']}: {n:,} parameters, exporting {','.join(sorted(dtypes))}")
    tmp = tempfile.mkdtemp(prefix=".shape-", dir=os.path.dirname(os.path.abspath(args.out)))
    try:
        export_model(model, tmp, dtypes)
        del model
        write_json(os.path.join(tmp, "config.json"), hf_config(shape))
        write_json(os.path.join(tmp, "generation_config.json"), generation_config(shape))
        meta = {"id": shape["id"], "params": n}
        write_json(os.path.join(tmp, "shape.json"),
                   {"id": shape["id"], "family": shape["family"], "params": n, "seed": seed,
                    "mirrors": shape.get("mirrors")})
        finish(args.out, tmp, meta, t0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cmd_convert_mu(args):
    t0 = time.time()
    dtypes = parse_dtypes(args.dtype)
    check_out(args.out)
    from shape_mu import load_checkpoint, MU_MIRRORS
    model, cfg = load_checkpoint(args.checkpoint)
    n = sum(p.numel() for p in model.parameters())
    log(f"mu-checkpoint: {n:,} parameters, exporting {','.join(sorted(dtypes))}")
    tmp = tempfile.mkdtemp(prefix=".shape-", dir=os.path.dirname(os.path.abspath(args.out)))
    shape = {"id": "mu-checkpoint", "family": "encdec_rope", "is_encoder_decoder": True,
             "config": cfg}
    try:
        export_model(model, tmp, dtypes)
        del model
        write_json(os.path.join(tmp, "config.json"), hf_config(shape))
        write_json(os.path.join(tmp, "generation_config.json"), generation_config(shape))
        write_json(os.path.join(tmp, "shape.json"),
                   {"id": "mu-checkpoint", "family": "encdec_rope", "params": n, "seed": None,
                    "mirrors": MU_MIRRORS, "checkpoint": os.path.basename(args.checkpoint)})
        finish(args.out, tmp, {"id": "mu-checkpoint", "params": n}, t0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        {"build": cmd_build, "params": cmd_params, "convert-mu": cmd_convert_mu}[args.cmd](args)
    except ShapeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
