/**
 * Test support for built shapes: running the recipe's Python and bare `session.run` greedy loops
 * over the Optimum layout (decoder-only with past; encoder + merged decoder with past).
 *
 * @module
 */
import * as ort from "onnxruntime-node";

/** The repository root. */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** Debian's Python with torch and onnx (the recipe's). */
export const PY = "/usr/bin/python3";

/** Exit code and decoded output of a command run in the repository root (one thread). */
export async function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const r = await new Deno.Command(cmd, {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { OMP_NUM_THREADS: "1" },
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

/** Cache geometry of a model. */
export interface CacheShape {
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
}

type Feeds = Record<string, ort.Tensor>;

/** An int64 [1, n] tensor. */
export function i64(ids: readonly number[]): ort.Tensor {
  return new ort.Tensor("int64", BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
}

function empty(c: CacheShape): ort.Tensor {
  return new ort.Tensor("float32", new Float32Array(0), [1, c.kvHeads, 0, c.headDim]);
}

function lastRow(t: ort.Tensor): Float32Array {
  const v = t.dims[2] as number;
  const s = t.dims[1] as number;
  return (t.data as Float32Array).slice((s - 1) * v, s * v);
}

/** Index of the largest value. */
export function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/** Largest absolute difference. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Greedy tokens and each step's last logits row. */
export interface Greedy {
  readonly tokens: number[];
  readonly rows: Float32Array[];
}

/** `steps` greedy steps of a decoder-only model with its cache. */
export async function greedyDecoderOnly(
  s: ort.InferenceSession,
  c: CacheShape,
  ids: readonly number[],
  steps: number,
): Promise<Greedy> {
  let past: Feeds = {};
  for (let i = 0; i < c.layers; i++) {
    past[`past_key_values.${i}.key`] = empty(c);
    past[`past_key_values.${i}.value`] = empty(c);
  }
  let cur = [...ids];
  let pos = ids.map((_, i) => i);
  let total = ids.length;
  const out: Greedy = { tokens: [], rows: [] };
  for (let step = 0; step < steps; step++) {
    const r = await s.run({
      input_ids: i64(cur),
      attention_mask: i64(new Array(total).fill(1)),
      position_ids: i64(pos),
      ...past,
    });
    const row = lastRow(r.logits!);
    out.rows.push(row);
    out.tokens.push(argmax(row));
    past = {};
    for (let i = 0; i < c.layers; i++) {
      past[`past_key_values.${i}.key`] = r[`present.${i}.key`]!;
      past[`past_key_values.${i}.value`] = r[`present.${i}.value`]!;
    }
    cur = [out.tokens.at(-1)!];
    pos = [total];
    total += 1;
  }
  return out;
}

/**
 * `steps` greedy steps of an encoder + merged decoder from the decoder prefix `start`, the cross
 * cache kept from step one.
 */
export async function greedyEncDec(
  enc: ort.InferenceSession,
  dec: ort.InferenceSession,
  c: CacheShape,
  ids: readonly number[],
  start: readonly number[],
  steps: number,
): Promise<Greedy> {
  const mask = i64(new Array(ids.length).fill(1));
  const h = (await enc.run({ input_ids: i64(ids), attention_mask: mask })).last_hidden_state!;
  let past: Feeds = {};
  for (let i = 0; i < c.layers; i++) {
    for (const part of ["decoder", "encoder"]) {
      past[`past_key_values.${i}.${part}.key`] = empty(c);
      past[`past_key_values.${i}.${part}.value`] = empty(c);
    }
  }
  let cur = [...start];
  const out: Greedy = { tokens: [], rows: [] };
  for (let step = 0; step < steps; step++) {
    const r = await dec.run({
      input_ids: i64(cur),
      encoder_hidden_states: h,
      encoder_attention_mask: mask,
      use_cache_branch: new ort.Tensor("bool", [step > 0], [1]),
      ...past,
    });
    const row = lastRow(r.logits!);
    out.rows.push(row);
    out.tokens.push(argmax(row));
    const next: Feeds = {};
    for (let i = 0; i < c.layers; i++) {
      for (const part of ["decoder", "encoder"]) {
        for (const w of ["key", "value"]) {
          const name = `${i}.${part}.${w}`;
          next[`past_key_values.${name}`] = part === "encoder" && step > 0
            ? past[`past_key_values.${name}`]!
            : r[`present.${name}`]!;
        }
      }
    }
    past = next;
    cur = [out.tokens.at(-1)!];
  }
  return out;
}
