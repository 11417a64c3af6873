/**
 * Tensor helpers for the generation loop: integer inputs of the right element
 * type, float16 tensors that the onnxruntime-node binding accepts under Deno,
 * empty caches, batch-row selection, and reading one logits row as float32.
 *
 * Deno has a global `Float16Array`; onnxruntime-common then wraps float16 data
 * in it, and the binding of some versions rejects it ("not enough space:
 * expected N, got 0"). Float16 tensors made here always carry a `Uint16Array`
 * view of the same bytes (no copy), which every binding version accepts.
 * Every helper that makes a tensor takes the runtime's `Tensor` class first
 * (see `runtime.ts`).
 *
 * @module
 */
import type { Tensor, TensorCtor } from "./runtime.ts";

/** Element types the engine feeds. */
export type FeedType = "int64" | "int32" | "float32" | "float16" | "bool";

type Data = Float32Array | Uint16Array | Int32Array | BigInt64Array | Uint8Array;

/** Makes a float16 tensor whose data is a Uint16Array view of `bits`. */
export function float16Tensor(
  T: TensorCtor,
  bits: Uint16Array,
  dims: readonly number[],
): Tensor {
  const t = new T("float16", bits, dims);
  if (!(t.data instanceof Uint16Array)) {
    (t as unknown as { cpuData: Uint16Array }).cpuData = bits;
  }
  return t;
}

/** Re-wraps a tensor the session returned so it can be fed back (float16 as Uint16Array). */
export function feedable(T: TensorCtor, t: Tensor): Tensor {
  if (t.type !== "float16" || t.data instanceof Uint16Array) return t;
  const d = t.data as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number };
  return float16Tensor(T, new Uint16Array(d.buffer, d.byteOffset, d.length), t.dims);
}

/** An integer (or float / bool) tensor from plain numbers, in the element type the model wants. */
export function numberTensor(
  T: TensorCtor,
  type: FeedType,
  values: ArrayLike<number>,
  dims: readonly number[],
): Tensor {
  const n = values.length;
  switch (type) {
    case "int64": {
      const a = new BigInt64Array(n);
      for (let i = 0; i < n; i++) a[i] = BigInt(values[i]!);
      return new T("int64", a, dims);
    }
    case "int32":
      return new T("int32", Int32Array.from(values), dims);
    case "float32":
      return new T("float32", Float32Array.from(values), dims);
    case "bool":
      return new T("bool", Uint8Array.from(values), dims);
    case "float16": {
      const a = new Uint16Array(n);
      for (let i = 0; i < n; i++) a[i] = toHalf(values[i]!);
      return float16Tensor(T, a, dims);
    }
  }
}

/** A zero-filled float tensor (e.g. an empty past with a 0-length axis). */
export function zeroTensor(
  T: TensorCtor,
  type: "float32" | "float16",
  dims: readonly number[],
): Tensor {
  let n = 1;
  for (const d of dims) n *= d;
  return type === "float16"
    ? float16Tensor(T, new Uint16Array(n), dims)
    : new T("float32", new Float32Array(n), dims);
}

/**
 * Keeps the given rows (indices along `axis`, in order) of a tensor: used to
 * drop finished rows from caches and encoder states.
 */
export function selectRows(
  T: TensorCtor,
  t: Tensor,
  axis: number,
  rows: readonly number[],
): Tensor {
  const dims = t.dims;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= dims[i]!;
  let inner = 1;
  for (let i = axis + 1; i < dims.length; i++) inner *= dims[i]!;
  const size = dims[axis]!;
  const src = (t.type === "float16" ? feedable(T, t).data : t.data) as Data;
  const Ctor = src.constructor as new (n: number) => Data;
  const out = new Ctor(outer * rows.length * inner);
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (const r of rows) {
      const start = (a * size + r) * inner;
      (out as Float32Array).set((src as Float32Array).subarray(start, start + inner), o);
      o += inner;
    }
  }
  const newDims = dims.slice();
  newDims[axis] = rows.length;
  return t.type === "float16"
    ? float16Tensor(T, out as Uint16Array, newDims)
    : new T(t.type as "float32", out as Float32Array, newDims);
}

let halfTable: Float32Array | undefined;

/** Float32 value of every float16 bit pattern (built once, 256 KiB). */
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    table[h] = e === 0
      ? s * m * 2 ** -24
      : e === 31
      ? (m ? NaN : s * Infinity)
      : s * (1 + m / 1024) * 2 ** (e - 15);
  }
  halfTable = table;
  return table;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Rounds a number to float16 bits (round to nearest even). */
export function toHalf(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  e = half;
  return sign | e;
}

/**
 * Copies row `row` (position `pos` of `seqLen`) of a `[batch, seqLen, vocab]`
 * logits tensor into `out` as float32; `out.length` is the vocabulary size.
 */
export function logitsRow(
  t: Tensor,
  row: number,
  pos: number,
  seqLen: number,
  out: Float32Array,
): void {
  const v = out.length;
  const start = (row * seqLen + pos) * v;
  if (t.type === "float16") {
    const table = halfToFloatTable();
    const src = t.data as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number };
    const d = new Uint16Array(src.buffer, src.byteOffset, src.length);
    for (let i = 0; i < v; i++) out[i] = table[d[start + i]!]!;
  } else {
    out.set((t.data as Float32Array).subarray(start, start + v));
  }
}
