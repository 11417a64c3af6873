/**
 * The paper's Mu checkpoint conversion (issue 39, item 5): a small random Mu saved in the
 * released checkpoint's format (bf16 `{model_state_dict, model_config}`, Mu's exact keys) goes
 * through `shapes.py convert-mu`, and its ONNX decoded greedily WITH the cache gives the tokens
 * and logits (within 1e-4) of a PyTorch reference forward WITHOUT a cache written from the
 * description (tests/models/py/mu_reference.py: query head h reads key-value head h mod 3,
 * encoder positions i - (L-1)//2). The same reference with h // 2 differs, so a conversion with
 * the usual grouped mapping would fail here.
 *
 * Needs Debian's /usr/bin/python3 with torch and onnx.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { EXACT_INT8 } from "../../src/targets/session_options.ts";
import { greedyEncDec, maxDiff, PY, run } from "./_shape_run.ts";

const STEPS = 8;

interface Reference {
  input_ids: number[];
  tokens: number[];
  logits: number[][];
  tokens_div: number[];
  logits_div: number[][];
}

Deno.test("convert-mu: the ONNX with the cache matches the cache-less reference", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "convert-mu-" });
  try {
    const ckpt = join(tmp, "model.pt");
    const mk = await run(PY, ["tests/models/py/mu_reference.py", "checkpoint", ckpt]);
    assert.equal(mk.code, 0, mk.err);
    const out = join(tmp, "out");
    const conv = await run(PY, [
      "models/recipe/shapes.py",
      "convert-mu",
      "--checkpoint",
      ckpt,
      "--dtype",
      "fp32,int8",
      "--out",
      out,
    ]);
    assert.equal(conv.code, 0, conv.err);
    const line = JSON.parse(conv.out.trim()) as { id: string; files: Record<string, number> };
    assert.equal(line.id, "mu-checkpoint");
    for (const f of ["encoder_model", "decoder_model_merged"]) {
      assert.ok(`onnx/${f}.onnx` in line.files, f);
      assert.ok(`onnx/${f}_quantized.onnx` in line.files, `${f} int8`);
    }
    const cfg = JSON.parse(await Deno.readTextFile(join(out, "config.json")));
    assert.equal(cfg.model_type, "encdec_rope");
    assert.equal(cfg.encoder_position_mode, "centred_mu");
    assert.deepEqual(
      [cfg.bos_token_id, cfg.pad_token_id, cfg.unk_token_id, cfg.decoder_start_token_id],
      [1, 0, 0, 1],
    );
    const shape = JSON.parse(await Deno.readTextFile(join(out, "shape.json")));
    assert.equal(shape.id, "mu-checkpoint");

    const r = await run(PY, ["tests/models/py/mu_reference.py", "reference", ckpt, `${STEPS}`]);
    assert.equal(r.code, 0, r.err);
    const ref = JSON.parse(r.out) as Reference;
    // the test input decodes to more than one distinct token, and h // 2 would be caught
    assert.ok(new Set(ref.tokens).size > 1, `degenerate reference tokens ${ref.tokens}`);
    const divGap = Math.max(...ref.logits.map((row, i) => maxDiff(row, ref.logits_div[i]!)));
    assert.ok(divGap > 1e-2, `h // 2 gives the same logits (${divGap})`);

    const c = {
      layers: cfg.num_decoder_layers,
      kvHeads: cfg.num_key_value_heads,
      headDim: cfg.head_dim,
    };
    const enc = await ort.InferenceSession.create(join(out, "onnx/encoder_model.onnx"));
    const dec = await ort.InferenceSession.create(join(out, "onnx/decoder_model_merged.onnx"));
    const got = await greedyEncDec(enc, dec, c, ref.input_ids, [1], STEPS);
    assert.deepEqual(got.tokens, ref.tokens);
    for (let i = 0; i < STEPS; i++) {
      const d = maxDiff(got.rows[i]!, ref.logits[i]!);
      assert.ok(d <= 1e-4, `step ${i}: max |dlogit| ${d}`);
    }
    const onnxDiv = Math.max(...got.rows.map((row, i) => maxDiff(row, ref.logits_div[i]!)));
    assert.ok(onnxDiv > 1e-2, `the ONNX matches the h // 2 reference (${onnxDiv})`);
    // the int8 files load and decode (their values are not the reference's)
    const opts = { extra: EXACT_INT8 };
    const qe = await ort.InferenceSession.create(
      join(out, "onnx/encoder_model_quantized.onnx"),
      opts,
    );
    const qd = await ort.InferenceSession.create(
      join(out, "onnx/decoder_model_merged_quantized.onnx"),
      opts,
    );
    const q = await greedyEncDec(qe, qd, c, ref.input_ids, [1], 2);
    assert.equal(q.rows[0]!.length, cfg.vocab_size);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("convert-mu: a checkpoint missing a weight is one error line, exit 2, nothing written", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "convert-mu-bad-" });
  try {
    const ckpt = join(tmp, "model.pt");
    const key = "transformer.h.1.mlp.fc2.bias";
    const mk = await run(PY, [
      "tests/models/py/mu_reference.py",
      "checkpoint",
      ckpt,
      "--drop",
      key,
    ]);
    assert.equal(mk.code, 0, mk.err);
    const out = join(tmp, "out");
    const conv = await run(PY, [
      "models/recipe/shapes.py",
      "convert-mu",
      "--checkpoint",
      ckpt,
      "--out",
      out,
    ]);
    assert.equal(conv.code, 2, conv.err);
    const errors = conv.err.trim().split("\n").filter((l) => l.startsWith("error:"));
    assert.equal(errors.length, 1, conv.err);
    assert.match(
      errors[0]!,
      /^error: --checkpoint .*model_state_dict: missing weights for .*decoder\.layers\.1\.mlp\.down\.bias/,
    );
    assert.equal(conv.out, "");
    const left = [...Deno.readDirSync(tmp)].map((e) => e.name).sort();
    assert.deepEqual(left, ["model.pt"]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
