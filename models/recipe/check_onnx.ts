/**
 * Recipe self-check: loads every ONNX file of the given model folders with onnxruntime-node and
 * replays reference.json (first-step logits within 1e-4 for fp32; greedy tokens with the KV
 * cache for the first steps). Quantized files must load and agree on most first-step argmaxes.
 *
 * usage: deno run --allow-read --allow-write --allow-env --allow-ffi --allow-sys \
 *          models/recipe/check_onnx.ts [--report FILE] DIR...
 *
 * With `--report FILE` an int8 disagreement is not an error: each folder's int8 verdict goes to
 * FILE (JSON) and `int8_verdict.py` drops the failing folders' `*_quantized.onnx` with a note.
 * fp32 failures always fail the check.
 */
import * as ort from "onnxruntime-node";
import { EXACT_INT8 } from "../../src/targets/session_options.ts";

type Ref = {
  items: {
    task: string;
    input_ids: number[];
    output_ids: number[];
    first_logits: { shape: number[]; base64: string };
  }[];
};
type Cfg = Record<string, unknown>;
type Feeds = Record<string, ort.Tensor>;

function f32(b64: string): Float32Array {
  const bin = atob(b64);
  const u8 = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
  return new Float32Array(u8.buffer);
}

function i64(ids: number[]): ort.Tensor {
  return new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
}

function empty(heads: number, dim: number): ort.Tensor {
  return new ort.Tensor("float32", new Float32Array(0), [1, heads, 0, dim]);
}

function lastRow(t: ort.Tensor): Float32Array {
  const v = t.dims[2] as number;
  const s = t.dims[1] as number;
  return (t.data as Float32Array).slice((s - 1) * v, s * v);
}

function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Runs `steps` greedy steps with the cache; returns first logits and the tokens. */
async function runDecoderOnly(
  s: ort.InferenceSession,
  cfg: Cfg,
  ids: number[],
  steps: number,
): Promise<[Float32Array, number[]]> {
  const n = cfg.num_hidden_layers as number;
  const kv = cfg.num_key_value_heads as number;
  const hd = cfg.head_dim as number;
  let past: Feeds = {};
  for (let i = 0; i < n; i++) {
    past[`past_key_values.${i}.key`] = empty(kv, hd);
    past[`past_key_values.${i}.value`] = empty(kv, hd);
  }
  let cur = ids;
  let pos = ids.map((_, i) => i);
  let total = ids.length;
  let first: Float32Array | null = null;
  const out: number[] = [];
  for (let step = 0; step < steps; step++) {
    const feeds: Feeds = {
      input_ids: i64(cur),
      attention_mask: i64(new Array(total).fill(1)),
      position_ids: i64(pos),
      ...past,
    };
    const r = await s.run(feeds);
    const row = lastRow(r.logits!);
    first ??= row;
    const next = argmax(row);
    out.push(next);
    past = {};
    for (let i = 0; i < n; i++) {
      past[`past_key_values.${i}.key`] = r[`present.${i}.key`]!;
      past[`past_key_values.${i}.value`] = r[`present.${i}.value`]!;
    }
    cur = [next];
    pos = [total];
    total += 1;
  }
  return [first!, out];
}

async function runEncDec(
  enc: ort.InferenceSession,
  dec: ort.InferenceSession,
  cfg: Cfg,
  ids: number[],
  steps: number,
): Promise<[Float32Array, number[]]> {
  const n = cfg.num_decoder_layers as number;
  const kv = cfg.num_key_value_heads as number;
  const hd = (cfg.head_dim ?? cfg.d_kv) as number;
  const mask = i64(new Array(ids.length).fill(1));
  const h = (await enc.run({ input_ids: i64(ids), attention_mask: mask })).last_hidden_state!;
  let past: Feeds = {};
  for (let i = 0; i < n; i++) {
    for (const part of ["decoder", "encoder"]) {
      past[`past_key_values.${i}.${part}.key`] = empty(kv, hd);
      past[`past_key_values.${i}.${part}.value`] = empty(kv, hd);
    }
  }
  let cur = [cfg.decoder_start_token_id as number];
  let first: Float32Array | null = null;
  const out: number[] = [];
  for (let step = 0; step < steps; step++) {
    const r = await dec.run({
      input_ids: i64(cur),
      encoder_hidden_states: h,
      encoder_attention_mask: mask,
      use_cache_branch: new ort.Tensor("bool", [step > 0], [1]),
      ...past,
    });
    const row = lastRow(r.logits!);
    first ??= row;
    const next = argmax(row);
    out.push(next);
    const np: Feeds = {};
    for (let i = 0; i < n; i++) {
      for (const part of ["decoder", "encoder"]) {
        for (const w of ["key", "value"]) {
          const name = `${i}.${part}.${w}`;
          np[`past_key_values.${name}`] = part === "encoder" && step > 0
            ? past[`past_key_values.${name}`]!
            : r[`present.${name}`]!;
        }
      }
    }
    past = np;
    cur = [next];
  }
  return [first!, out];
}

/** What one folder's int8 files did against the PyTorch reference. */
type Int8Verdict = {
  ok: boolean;
  first_argmax_agree: number;
  items: number;
  max_abs_dlogit: number;
  cached_greedy_agree: number;
  greedy_steps: number;
  rule: string;
};

const INT8_RULE = "first-step argmax equal to the fp32 reference on at least half the inputs";

/** Checks one folder; its int8 verdict goes to `verdicts`, and a failing one is a problem only
 * when `strictInt8` (no --report). */
async function checkDir(
  dir: string,
  verdicts: Record<string, Int8Verdict>,
  strictInt8: boolean,
): Promise<string[]> {
  const cfg = JSON.parse(await Deno.readTextFile(`${dir}/config.json`)) as Cfg;
  const ref = JSON.parse(await Deno.readTextFile(`${dir}/reference.json`)) as Ref;
  const problems: string[] = [];
  const steps = 8;
  for (const q of ["", "_quantized"]) {
    let run: (ids: number[]) => Promise<[Float32Array, number[]]>;
    // The engine's int8 config, so the verdict does not depend on this CPU's int8 kernels.
    const opts = { extra: EXACT_INT8 };
    if (cfg.is_encoder_decoder) {
      const enc = await ort.InferenceSession.create(`${dir}/onnx/encoder_model${q}.onnx`, opts);
      const dec = await ort.InferenceSession.create(
        `${dir}/onnx/decoder_model_merged${q}.onnx`,
        opts,
      );
      run = (ids) => runEncDec(enc, dec, cfg, ids, steps);
    } else {
      const s = await ort.InferenceSession.create(`${dir}/onnx/model${q}.onnx`, opts);
      run = (ids) => runDecoderOnly(s, cfg, ids, steps);
    }
    let worst = 0;
    let agree = 0;
    let tokAgree = 0;
    for (const it of ref.items) {
      const [first, toks] = await run(it.input_ids);
      const want = f32(it.first_logits.base64);
      worst = Math.max(worst, maxDiff(first, want));
      if (argmax(first) === argmax(want)) agree++;
      if (toks.every((t, i) => t === it.output_ids[i])) tokAgree++;
    }
    const n = ref.items.length;
    const line = `${dir} ${q || "fp32"}: max |dlogit| ${worst.toExponential(2)}, ` +
      `first argmax ${agree}/${n}, ${steps} cached greedy tokens ${tokAgree}/${n}`;
    console.log(line);
    if (q === "" && (worst > 1e-4 || tokAgree < n)) problems.push(line);
    if (q !== "") {
      const ok = agree >= Math.ceil(n / 2);
      verdicts[dir.replace(/\/+$/, "").split("/").pop()!] = {
        ok,
        first_argmax_agree: agree,
        items: n,
        max_abs_dlogit: Number(worst.toPrecision(4)),
        cached_greedy_agree: tokAgree,
        greedy_steps: steps,
        rule: INT8_RULE,
      };
      if (!ok && strictInt8) problems.push(line);
    }
  }
  return problems;
}

const args = [...Deno.args];
const at = args.indexOf("--report");
const report = at >= 0 ? args.splice(at, 2)[1] : undefined;
if (at >= 0 && !report) {
  console.error("error: check_onnx.ts: --report needs a file name");
  Deno.exit(2);
}
const problems: string[] = [];
const verdicts: Record<string, Int8Verdict> = {};
for (const dir of args) problems.push(...await checkDir(dir, verdicts, !report));
if (report) {
  await Deno.writeTextFile(`${report}.tmp`, JSON.stringify(verdicts, null, 1) + "\n");
  await Deno.rename(`${report}.tmp`, report);
}
if (problems.length) {
  console.error(`error: ONNX check failed:\n${problems.join("\n")}`);
  Deno.exit(1);
}
