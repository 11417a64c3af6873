/**
 * A small reader for the ONNX protobuf: enough to count parameters from the
 * initialisers (including those inside `If` subgraphs of merged decoders, and the 4-bit
 * blocks of `MatMulNBits` as the weights they stand for) and
 * to refuse a file that is not an ONNX model before ONNX Runtime sees it.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";

/** One initialiser (weight tensor) of an ONNX graph. */
export interface Initializer {
  /** Tensor name. */
  readonly name: string;
  /** Shape. */
  readonly dims: readonly number[];
  /** ONNX TensorProto data type code (1 float, 10 float16, 3 int8 ...). */
  readonly dataType: number;
  /** Byte range of `raw_data` within the file buffer, when stored inline. */
  readonly raw?: { readonly offset: number; readonly length: number };
  /** External data file (relative to the model), when stored outside. */
  readonly external?: {
    readonly location: string;
    readonly offset: number;
    readonly length: number;
  };
}

/** What the reader learns from one ONNX file. */
export interface OnnxFileInfo {
  /** IR version. */
  readonly irVersion: number;
  /** All initialisers, de-duplicated by name across subgraphs. */
  readonly initializers: readonly Initializer[];
  /** External data files the model refers to. */
  readonly externalFiles: readonly string[];
  /**
   * Block-quantised weights (the `B` of `com.microsoft` `MatMulNBits`, as in `_q4` files):
   * initialiser name to the weights it stands for (`K` x `N`); its scales and zero points
   * are in `quantAux`.
   */
  readonly packedWeights: ReadonlyMap<string, number>;
  /** Initialisers that are quantisation scales or zero points of packed weights. */
  readonly quantAux: ReadonlySet<string>;
}

/** What the reader keeps of the graph's nodes: the packed weights of `MatMulNBits`. */
interface NodeFacts {
  readonly packed: Map<string, number>;
  readonly aux: Set<string>;
}

/** Types that hold weights: floats and (de)quantised integers; not int64 shape constants. */
const WEIGHT_TYPES = new Set([1, 2, 3, 10, 11, 16, 21, 22]);

class Reader {
  pos: number;
  constructor(readonly buf: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error("truncated varint");
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new Error("varint too long");
  }
  /** Reads a tag; returns [field, wireType]. */
  tag(): [number, number] {
    const t = this.varint();
    return [Math.floor(t / 8), t % 8];
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) {
      const n = this.varint();
      this.pos += n;
    } else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error("field runs past the end");
  }
  sub(): Reader {
    const len = this.varint();
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.end) throw new Error("message runs past the end");
    return new Reader(this.buf, start, start + len);
  }
  string(): string {
    const r = this.sub();
    return new TextDecoder().decode(this.buf.subarray(r.pos, r.end));
  }
}

function readTensor(r: Reader): Initializer {
  const dims: number[] = [];
  let name = "";
  let dataType = 0;
  let raw: Initializer["raw"];
  let location = "";
  let offset = 0;
  let length = -1;
  while (r.pos < r.end) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === 0) dims.push(r.varint());
    else if (field === 1 && wire === 2) {
      const p = r.sub();
      while (p.pos < p.end) dims.push(p.varint());
    } else if (field === 2 && wire === 0) dataType = r.varint();
    else if (field === 8 && wire === 2) name = r.string();
    else if (field === 9 && wire === 2) {
      const p = r.sub();
      raw = { offset: p.pos, length: p.end - p.pos };
    } else if (field === 13 && wire === 2) {
      const e = r.sub();
      let key = "";
      let value = "";
      while (e.pos < e.end) {
        const [f, w] = e.tag();
        if (f === 1 && w === 2) key = e.string();
        else if (f === 2 && w === 2) value = e.string();
        else e.skip(w);
      }
      if (key === "location") location = value;
      else if (key === "offset") offset = Number(value);
      else if (key === "length") length = Number(value);
    } else r.skip(wire);
  }
  const base = { name, dims, dataType };
  if (location) return { ...base, external: { location, offset, length } };
  return raw ? { ...base, raw } : base;
}

function readGraph(r: Reader, out: Map<string, Initializer>, facts: NodeFacts): void {
  while (r.pos < r.end) {
    const [field, wire] = r.tag();
    if (field === 5 && wire === 2) {
      const t = readTensor(r.sub());
      if (!out.has(t.name)) out.set(t.name, t);
    } else if (field === 1 && wire === 2) {
      readNode(r.sub(), out, facts);
    } else r.skip(wire);
  }
}

function readNode(r: Reader, out: Map<string, Initializer>, facts: NodeFacts): void {
  const inputs: string[] = [];
  const ints = new Map<string, number>();
  let opType = "";
  while (r.pos < r.end) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === 2) inputs.push(r.string());
    else if (field === 4 && wire === 2) opType = r.string();
    else if (field === 5 && wire === 2) {
      const a = r.sub();
      let name = "";
      let int: number | undefined;
      while (a.pos < a.end) {
        const [f, w] = a.tag();
        if (f === 1 && w === 2) name = a.string();
        else if (f === 3 && w === 0) int = a.varint();
        else if ((f === 6 || f === 11) && w === 2) readGraph(a.sub(), out, facts);
        else if (f === 5 && w === 2) {
          const t = readTensor(a.sub());
          if (t.name && !out.has(t.name)) out.set(t.name, t);
        } else a.skip(w);
      }
      if (int !== undefined) ints.set(name, int);
    } else r.skip(wire);
  }
  const k = ints.get("K");
  const n = ints.get("N");
  if (opType === "MatMulNBits" && inputs[1] && k !== undefined && n !== undefined) {
    facts.packed.set(inputs[1], k * n);
    for (const aux of inputs.slice(2)) if (aux) facts.aux.add(aux);
  }
}

/**
 * Parses an ONNX model's bytes. `file` is named in errors.
 *
 * @throws {ModelError} "corrupt ONNX file" when the bytes are not a ModelProto with a graph.
 */
export function readOnnx(bytes: Uint8Array, file: string): OnnxFileInfo {
  const out = new Map<string, Initializer>();
  const facts: NodeFacts = { packed: new Map(), aux: new Set() };
  let irVersion = 0;
  let hasGraph = false;
  try {
    const r = new Reader(bytes, 0, bytes.length);
    while (r.pos < r.end) {
      const [field, wire] = r.tag();
      if (field === 1 && wire === 0) irVersion = r.varint();
      else if (field === 7 && wire === 2) {
        hasGraph = true;
        readGraph(r.sub(), out, facts);
      } else if (field === 0 || field > 30) throw new Error(`unexpected field ${field}`);
      else r.skip(wire);
    }
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError(`corrupt ONNX file (${why})`, { file, cause });
  }
  if (!hasGraph || irVersion === 0) {
    throw new ModelError("corrupt ONNX file (no ir_version or graph)", { file });
  }
  const initializers = [...out.values()];
  const externalFiles = [
    ...new Set(initializers.flatMap((t) => t.external ? [t.external.location] : [])),
  ];
  return {
    irVersion,
    initializers,
    externalFiles,
    packedWeights: facts.packed,
    quantAux: facts.aux,
  };
}

/** Number of elements of a tensor shape (1 for a scalar). */
export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Whether an initialiser holds weights (floats or quantised integers), not shape constants. */
export function isWeight(t: Initializer): boolean {
  return WEIGHT_TYPES.has(t.dataType);
}
