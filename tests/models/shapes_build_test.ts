/**
 * The shape catalog and its Python builder (issue 39): the catalog validates against its schema;
 * every shape's parameter count as built (`shapes.py params`, the PyTorch module without
 * initialising or exporting it) is the catalog's and within 1% of the public model's; each tiny
 * shape builds fp32 + int8 with `deno task shapes build` in the Optimum layout, its ONNX runs
 * greedy steps in onnxruntime-node with the engine's input and output names, and `deno task eval
 * --shapes` times every family; a graph over the external-data
 * threshold loads from `<name>.onnx_data`; bad input is one error line.
 *
 * Needs Debian's /usr/bin/python3 with torch and onnx.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Ajv } from "ajv";
import * as ort from "onnxruntime-node";
import { EXACT_INT8 } from "../../src/targets/session_options.ts";
import {
  type CacheShape,
  greedyDecoderOnly,
  greedyEncDec,
  maxDiff,
  PY,
  ROOT,
  run,
} from "./_shape_run.ts";

type Json = Record<string, unknown>;

interface Shape {
  id: string;
  family: string;
  is_encoder_decoder: boolean;
  tiny?: boolean;
  params: number;
  mirrors: { model: string; params: number } | null;
  config: Json;
}

const catalog = JSON.parse(await Deno.readTextFile(join(ROOT, "models/shapes.json"))) as {
  shapes: Shape[];
};
const schema = JSON.parse(await Deno.readTextFile(join(ROOT, "models/shapes.schema.json")));

function validator() {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
}

Deno.test("shapes: the catalog validates against its schema, which rejects broken entries", () => {
  const validate = validator();
  assert.ok(validate(catalog), JSON.stringify(validate.errors));
  const clone = (): { shapes: Shape[] } => structuredClone(catalog);
  const tinyWithMirror = clone();
  const tiny = tinyWithMirror.shapes.find((s) => s.tiny)!;
  tiny.mirrors = { model: "x", params: 1 };
  assert.equal(validate(tinyWithMirror), false, "a tiny shape with mirrors");
  const t5NoWidth = clone();
  delete t5NoWidth.shapes.find((s) => s.family === "t5")!.config.d_model;
  assert.equal(validate(t5NoWidth), false, "a t5 shape without d_model");
  const badFamily = clone();
  badFamily.shapes[0]!.family = "bart";
  assert.equal(validate(badFamily), false, "an unknown family");
});

Deno.test("shapes: the catalog lists the issue's shapes and one tiny shape per family", () => {
  const ids = catalog.shapes.map((s) => s.id);
  for (
    const id of [
      "mu",
      "mu-twin",
      "flan-t5-small",
      "flan-t5-base",
      "t5-small",
      "gpt2",
      "smollm2-135m",
      "smollm2-360m",
      "qwen2.5-0.5b",
    ]
  ) assert.ok(ids.includes(id), id);
  assert.equal(new Set(ids).size, ids.length, "ids are unique");
  const tinyFamilies = new Set(catalog.shapes.filter((s) => s.tiny).map((s) => s.family));
  assert.deepEqual([...tinyFamilies].sort(), ["encdec_rope", "gpt2", "llama", "qwen2", "t5"]);
  const mu = catalog.shapes.find((s) => s.id === "mu")!.config;
  assert.deepEqual(
    [mu.num_encoder_layers, mu.num_decoder_layers, mu.hidden_size, mu.intermediate_size],
    [20, 10, 1024, 4096],
  );
  assert.deepEqual([mu.num_attention_heads, mu.num_key_value_heads, mu.head_dim], [6, 3, 64]);
  assert.equal(mu.vocab_size, 32128);
});

Deno.test("shapes: every count as built is the catalog's and within 1% of the public one", async () => {
  const r = await run(PY, ["models/recipe/shapes.py", "params", "--catalog", "models/shapes.json"]);
  assert.equal(r.code, 0, r.err);
  const built = JSON.parse(r.out) as Record<string, number>;
  assert.deepEqual(Object.keys(built).sort(), catalog.shapes.map((s) => s.id).sort());
  for (const s of catalog.shapes) {
    assert.equal(built[s.id], s.params, `${s.id}: built ${built[s.id]}, catalog ${s.params}`);
    if (s.mirrors) {
      const rel = Math.abs(s.params - s.mirrors.params) / s.mirrors.params;
      assert.ok(rel <= 0.01, `${s.id}: ${s.params} vs public ${s.mirrors.params}`);
    }
  }
  // the twin matches Mu within 1% (the paper's comparison)
  const mu = built["mu"]!;
  assert.ok(Math.abs(built["mu-twin"]! - mu) / mu <= 0.01);
});

function cacheShape(cfg: Json, enc: boolean): CacheShape {
  const heads = (cfg.num_attention_heads ?? cfg.num_heads ?? cfg.n_head) as number;
  const width = (cfg.hidden_size ?? cfg.d_model ?? cfg.n_embd) as number;
  return {
    layers: (enc ? cfg.num_decoder_layers : cfg.num_hidden_layers ?? cfg.n_layer) as number,
    kvHeads: (cfg.num_key_value_heads ?? heads) as number,
    headDim: (cfg.head_dim ?? cfg.d_kv ?? width / heads) as number,
  };
}

const DEC_INPUTS = ["input_ids", "attention_mask", "position_ids"];
const ENC_DEC_INPUTS = ["input_ids", "encoder_attention_mask", "encoder_hidden_states"];

/**
 * Greedy steps with the cache (`prefix`: the decoder-only prompt's continuation, or the decoder
 * prefix after the start token, fed at once without a cache).
 */
async function decode(dir: string, s: Shape, q: string, steps: number, prefix: number[] = []) {
  const cfg = JSON.parse(await Deno.readTextFile(join(dir, "config.json"))) as Json;
  assert.equal(cfg.model_type, s.family);
  assert.equal(cfg.is_encoder_decoder, s.is_encoder_decoder);
  const c = cacheShape(cfg, s.is_encoder_decoder);
  const opts = { extra: EXACT_INT8 };
  const ids = [5, 9, 13, 17, 21, 25];
  if (!s.is_encoder_decoder) {
    const m = await ort.InferenceSession.create(join(dir, `onnx/model${q}.onnx`), opts);
    for (const n of DEC_INPUTS) assert.ok(m.inputNames.includes(n), `${s.id}${q}: input ${n}`);
    assert.ok(m.inputNames.includes(`past_key_values.${c.layers - 1}.value`));
    assert.ok(m.outputNames.includes("logits"));
    assert.ok(m.outputNames.includes(`present.${c.layers - 1}.key`));
    return await greedyDecoderOnly(m, c, [...ids, ...prefix], steps);
  }
  const enc = await ort.InferenceSession.create(join(dir, `onnx/encoder_model${q}.onnx`), opts);
  assert.deepEqual([...enc.inputNames].sort(), ["attention_mask", "input_ids"]);
  assert.deepEqual(enc.outputNames, ["last_hidden_state"]);
  const dec = await ort.InferenceSession.create(
    join(dir, `onnx/decoder_model_merged${q}.onnx`),
    opts,
  );
  for (const n of [...ENC_DEC_INPUTS, "use_cache_branch"]) {
    assert.ok(dec.inputNames.includes(n), `${s.id}${q}: input ${n}`);
  }
  assert.ok(dec.inputNames.includes(`past_key_values.${c.layers - 1}.encoder.key`));
  assert.ok(dec.outputNames.includes(`present.${c.layers - 1}.decoder.value`));
  const start = cfg.decoder_start_token_id as number;
  return await greedyEncDec(enc, dec, c, ids, [start, ...prefix], steps);
}

/** `deno task NAME ARGS` in the repository root; exit code and output. */
async function task(name: string, args: string[]) {
  return await run("deno", ["task", "--quiet", name, ...args]);
}

Deno.test("shapes: each tiny shape builds with deno task shapes, decodes with the cache and times with eval --shapes", async () => {
  // A catalog of the tiny shapes beside the real schema and recipe, in a folder the task may
  // write (inside the git-ignored models/shapes/): the builds and the run land there.
  await Deno.mkdir(join(ROOT, "models/shapes"), { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: join(ROOT, "models/shapes"), prefix: ".e2e-" });
  try {
    const tiny = catalog.shapes.filter((x) => x.tiny);
    await Deno.writeTextFile(
      join(tmp, "shapes.json"),
      JSON.stringify({ ...catalog, shapes: tiny }),
    );
    await Deno.symlink(join(ROOT, "models/shapes.schema.json"), join(tmp, "shapes.schema.json"));
    await Deno.symlink(join(ROOT, "models/recipe"), join(tmp, "recipe"));
    const file = join(tmp, "shapes.json");
    const b = await task("shapes", ["build", ...tiny.map((s) => s.id), "--catalog", file]);
    assert.equal(b.code, 0, b.err);
    for (const s of tiny) {
      const dir = join(tmp, "shapes", s.id);
      assert.match(b.out + b.err, new RegExp(`${s.id}: built in `), s.id);
      const graphs = s.is_encoder_decoder ? ["encoder_model", "decoder_model_merged"] : ["model"];
      for (const f of graphs.flatMap((g) => [`onnx/${g}.onnx`, `onnx/${g}_quantized.onnx`])) {
        assert.ok((await Deno.stat(join(dir, f))).size > 0, `${s.id}/${f}`);
      }
      const meta = JSON.parse(await Deno.readTextFile(join(dir, "shape.json")));
      assert.deepEqual([meta.id, meta.family, meta.params, meta.seed], [
        s.id,
        s.family,
        s.params,
        0,
      ]);
      const fp32 = await decode(dir, s, "", 3);
      const vocab = s.config.vocab_size as number;
      assert.equal(fp32.rows[0]!.length, vocab, `${s.id}: logits width`);
      assert.ok(fp32.rows.every((r) => r.every(Number.isFinite)), `${s.id}: finite logits`);
      // the cached third step equals one pass over the same tokens without a cache
      const again = await decode(dir, s, "", 1, fp32.tokens.slice(0, 2));
      const d = maxDiff(again.rows[0]!, fp32.rows[2]!);
      assert.ok(d <= 1e-4, `${s.id}: cached vs cache-less logits differ by ${d}`);
      const int8 = await decode(dir, s, "_quantized", 2);
      assert.ok(int8.rows.every((r) => r.every(Number.isFinite)), `${s.id}: int8 finite`);
    }
    // A second build is a cache hit: nothing is rebuilt.
    const again = await task("shapes", ["build", tiny[0]!.id, "--catalog", file]);
    assert.equal(again.code, 0, again.err);
    assert.doesNotMatch(again.out + again.err, /built in/);
    // Every family's tiny shape is timed by eval: exactly the planned cells, all ok.
    const out = join(tmp, "out");
    const e = await task("eval", [
      "--shapes-catalog",
      file,
      "--shapes",
      "tiny-*",
      "--shape-inputs",
      "16",
      "--shape-new-tokens",
      "4",
      "--targets",
      "cpu",
      "--out",
      out,
    ]);
    assert.equal(e.code, 0, e.err);
    const records = (await Promise.all(
      [...Deno.readDirSync(out)].filter((f) => /^\d{8}T.*\.jsonl$/.test(f.name))
        .map((f) => Deno.readTextFile(join(out, f.name))),
    )).join("").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => r.model.id).sort(), tiny.map((s) => s.id).sort());
    for (const r of records) {
      assert.equal(r.status, "ok", `${r.model.id}: ${JSON.stringify(r.error)}`);
      assert.equal(r.model.role, "shape");
      assert.equal(r.quality, null);
      assert.ok(r.efficiency.ttftMs.n >= 3, `${r.model.id}: timed at least 3 times`);
    }
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("shapes: a graph over the threshold keeps its weights in <name>.onnx_data", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "shapes-external-" });
  try {
    const s = catalog.shapes.find((x) => x.id === "tiny-llama")!;
    const plain = join(tmp, "plain");
    const b = await run(PY, [
      "models/recipe/shapes.py",
      "build",
      "--catalog",
      "models/shapes.json",
      "--id",
      s.id,
      "--dtype",
      "fp32",
      "--out",
      plain,
    ]);
    assert.equal(b.code, 0, b.err);
    assert.deepEqual(
      [...Deno.readDirSync(join(plain, "onnx"))].map((e) => e.name),
      ["model.onnx"],
    );
    const ext = join(tmp, "ext");
    const e = await run(PY, ["tests/models/py/external_data_build.py", s.id, ext]);
    assert.equal(e.code, 0, e.err);
    const files = [...Deno.readDirSync(join(ext, "onnx"))].map((x) => x.name).sort();
    assert.deepEqual(files, [
      "model.onnx",
      "model.onnx_data",
      "model_quantized.onnx",
      "model_quantized.onnx_data",
    ]);
    const a = await decode(plain, s, "", 3);
    const x = await decode(ext, s, "", 3);
    assert.deepEqual(x.tokens, a.tokens);
    assert.equal(maxDiff(x.rows[2]!, a.rows[2]!), 0);
    await decode(ext, s, "_quantized", 1);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("shapes: bad input is one error line naming the flag, exit 2, nothing written", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "shapes-bad-" });
  try {
    const full = await Deno.makeTempDir({ dir: tmp, prefix: "full-" });
    await Deno.writeTextFile(join(full, "x"), "");
    const base = ["models/recipe/shapes.py", "build", "--catalog", "models/shapes.json"];
    const cases: [string[], RegExp][] = [
      [[...base, "--id", "nope", "--out", join(tmp, "a")], /^error: --id nope: no such shape/],
      [
        [...base, "--id", "tiny-gpt2", "--dtype", "fp16", "--out", join(tmp, "a")],
        /^error: --dtype fp16: /,
      ],
      [
        [...base, "--id", "tiny-gpt2", "--seed", "-1", "--out", join(tmp, "a")],
        /^error: --seed -1: /,
      ],
      [[...base, "--id", "tiny-gpt2", "--out", full], /^error: --out .*: exists and is not/],
      [
        ["models/recipe/shapes.py", "params", "--catalog", join(tmp, "none.json")],
        /^error: --catalog .*none\.json: cannot read/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await run(PY, args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      const lines = r.err.trim().split("\n");
      assert.equal(lines.length, 1, r.err);
      assert.match(lines[0]!, re);
      assert.equal(r.out, "");
    }
    const left = [...Deno.readDirSync(tmp)].map((e) => e.name);
    assert.equal(left.length, 1, `written: ${left}`);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
