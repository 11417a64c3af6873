/**
 * Fast n-gram matching on integer codes. Tokens (or characters) get small
 * per-sample ids; an n-gram of order n becomes the number
 * `id[0]*B^(n-1) + ... + id[n-1]` with base `B` = vocabulary size, then is
 * tagged with its order slot: `code * tags + slot`. All orders of a text go
 * into one array, and texts are matched through a reusable open-addressing
 * hash table on typed arrays, with no string keys. Codes are exact while
 * `B^n * tags <= 2^53`; callers fall back to string keys otherwise.
 *
 * @module
 */

/** Assigns dense ids to symbols, per sample. */
export class LocalVocab {
  readonly #ids = new Map<string | number, number>();
  /** Number of distinct symbols seen. */
  get size(): number {
    return this.#ids.size;
  }
  /** Id of `symbol`, assigned on first sight. */
  id(symbol: string | number): number {
    let id = this.#ids.get(symbol);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(symbol, id);
    }
    return id;
  }
  /** Ids of a sequence of symbols. */
  ids(symbols: readonly (string | number)[]): Int32Array {
    const out = new Int32Array(symbols.length);
    for (let i = 0; i < symbols.length; i++) out[i] = this.id(symbols[i] as string | number);
    return out;
  }
}

/** True when tagged codes of order `maxOrder` over `vocabSize` symbols are exact doubles. */
export function codesAreExact(vocabSize: number, maxOrder: number, tags: number): boolean {
  if (maxOrder === 0) return true;
  return Math.pow(Math.max(1, vocabSize), maxOrder) * tags <= Number.MAX_SAFE_INTEGER;
}

/** Number of n-grams of order `n` in a sequence of `length` symbols. */
export function ngramCount(length: number, n: number): number {
  return Math.max(0, length - n + 1);
}

/**
 * Tagged codes of every n-gram of orders 1..`maxOrder` of `ids`, order `n`
 * in slot `firstSlot + n - 1`, appended to `into` from index `at`; returns
 * the new end index. Size `into` with `ngramCount`.
 */
export function writeTaggedCodes(
  ids: Int32Array,
  maxOrder: number,
  base: number,
  tags: number,
  firstSlot: number,
  into: Float64Array,
  at: number,
): number {
  const len = ids.length;
  const roll = new Float64Array(len);
  let pos = at;
  for (let n = 1; n <= maxOrder; n++) {
    const count = len - n + 1;
    if (count <= 0) break;
    const slot = firstSlot + n - 1;
    if (n === 1) {
      for (let i = 0; i < count; i++) roll[i] = ids[i] as number;
    } else {
      for (let i = 0; i < count; i++) {
        roll[i] = (roll[i] as number) * base + (ids[i + n - 1] as number);
      }
    }
    for (let i = 0; i < count; i++) into[pos++] = (roll[i] as number) * tags + slot;
  }
  return pos;
}

/** Tagged codes of orders 1..`maxOrder` of `ids` (slots 0..maxOrder-1), unsorted. */
export function taggedCodes(ids: Int32Array, maxOrder: number, base: number): Float64Array {
  let total = 0;
  for (let n = 1; n <= maxOrder; n++) total += ngramCount(ids.length, n);
  const out = new Float64Array(total);
  writeTaggedCodes(ids, maxOrder, base, maxOrder, 0, out, 0);
  return out;
}

/** Open-addressing table from code to counts, reused between calls. */
class CodeTable {
  #mask = 1023;
  #keys = new Float64Array(1024);
  #hyp = new Int32Array(1024);
  #ref = new Int32Array(1024);
  #tmp = new Int32Array(1024);
  #full = new Uint8Array(1024);
  #used: number[] = [];

  #grow(needed: number): void {
    let cap = this.#keys.length;
    while (cap < needed * 2) cap *= 2;
    if (cap === this.#keys.length) return;
    this.#keys = new Float64Array(cap);
    this.#hyp = new Int32Array(cap);
    this.#ref = new Int32Array(cap);
    this.#tmp = new Int32Array(cap);
    this.#full = new Uint8Array(cap);
    this.#mask = cap - 1;
  }

  #slot(code: number, insert: boolean): number {
    const lo = code >>> 0;
    const hi = (code / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.#mask;
    for (;;) {
      if (!this.#full[i]) {
        if (!insert) return -1;
        this.#full[i] = 1;
        this.#keys[i] = code;
        this.#used.push(i);
        return i;
      }
      if (this.#keys[i] === code) return i;
      i = (i + 1) & this.#mask;
    }
  }

  /**
   * Adds to `matches[code % tags]` the clipped matches
   * `min(count in hyp, max count over refs)` for each distinct hyp code.
   */
  clipped(hyp: Float64Array, refs: readonly Float64Array[], tags: number, matches: number[]): void {
    this.#grow(hyp.length + 1);
    const hc = this.#hyp;
    const rc = this.#ref;
    const tmp = this.#tmp;
    for (let i = 0; i < hyp.length; i++) {
      const s = this.#slot(hyp[i] as number, true);
      hc[s] = (hc[s] as number) + 1;
    }
    const distinct = this.#used.length;
    const single = refs.length === 1;
    for (const ref of refs) {
      for (let i = 0; i < ref.length; i++) {
        const s = this.#slot(ref[i] as number, false);
        if (s < 0) continue;
        const col = single ? rc : tmp;
        col[s] = (col[s] as number) + 1;
      }
      if (!single) {
        for (let u = 0; u < distinct; u++) {
          const s = this.#used[u] as number;
          if ((tmp[s] as number) > (rc[s] as number)) rc[s] = tmp[s] as number;
          tmp[s] = 0;
        }
      }
    }
    for (let u = 0; u < distinct; u++) {
      const s = this.#used[u] as number;
      const m = Math.min(hc[s] as number, rc[s] as number);
      if (m > 0) {
        const slot = (this.#keys[s] as number) % tags;
        matches[slot] = (matches[slot] as number) + m;
      }
      hc[s] = 0;
      rc[s] = 0;
      this.#full[s] = 0;
    }
    this.#used.length = 0;
  }
}

const TABLE = new CodeTable();

/**
 * Clipped matches of tagged codes: for each distinct hypothesis code,
 * `min(count in hyp, max count over refs)` is added to `matches[code % tags]`
 * (BLEU's clipping; with one reference, chrF's `min` match count).
 */
export function clippedMatches(
  hyp: Float64Array,
  refs: readonly Float64Array[],
  tags: number,
  matches: number[],
): void {
  TABLE.clipped(hyp, refs, tags, matches);
}
