/**
 * The generation loop over one batch, for both architectures.
 *
 * Decoder-only: prompts are left-padded, the attention mask marks real tokens,
 * position ids count real tokens (padding gets position 1, as in transformers).
 * Encoder-decoder: prompts are right-padded for the encoder; every row's
 * decoder starts from the decoder start token, so decoder rows need no padding.
 * With the KV cache, each step feeds one token per row and the previous
 * step's `present.*` outputs as `past_key_values.*` (the same tensors, no
 * copy); cross-attention caches come from the first decoder step and are kept.
 * Without it, every step recomputes the decoder over the whole sequence.
 * When rows finish, they are dropped from every batched tensor, so finished
 * rows cost nothing afterwards.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";
import type { RowState } from "./row_state.ts";
import type { CacheSlot, DecoderIO, EncoderIO } from "./session_io.ts";
import type { InferenceSession, OrtRuntime, Tensor, TensorCtor } from "./runtime.ts";
import { feedable, logitsRow, numberTensor, selectRows, zeroTensor } from "./tensors.ts";

/** A session with its feeding plan. */
export interface DecoderPart {
  readonly session: InferenceSession;
  readonly io: DecoderIO;
}

/** The sessions of a model, as the loop uses them. */
export interface EngineParts {
  /** The ONNX Runtime the sessions belong to (its `Tensor` makes the feeds). */
  readonly ort: OrtRuntime;
  readonly architecture: "encoder-decoder" | "decoder-only";
  readonly encoder?: { readonly session: InferenceSession; readonly io: EncoderIO };
  /** First step with a cache (outputs presents). */
  readonly first: DecoderPart;
  /** Later steps with a cache (may be `first`). */
  readonly next: DecoderPart;
  /** Every step without a cache. */
  readonly recompute: DecoderPart;
  /** Whether the model has cache inputs. */
  readonly canCache: boolean;
  readonly padId: number;
  readonly decoderStartId: number;
  /** Logits width. */
  readonly vocab: number;
}

/** Batch-level timings of one run. */
export interface BatchTimes {
  /** performance.now() when every row had its first token. */
  readonly firstTokenAt: number;
  /** Encoder run (encoder-decoder) or first decoder run (decoder-only). */
  readonly encoderMs: number;
  /** Total time inside session.run. */
  readonly sessionRunMs: number;
}

type Feeds = Record<string, Tensor>;

function emptyCache(T: TensorCtor, slot: CacheSlot, batch: number): Tensor {
  const dims = slot.dims.slice();
  dims[slot.batchAxis] = batch;
  dims[slot.seqAxis] = 0;
  return zeroTensor(T, slot.type, dims);
}

function addCommon(
  T: TensorCtor,
  feeds: Feeds,
  io: DecoderIO,
  ids: number[],
  b: number,
  s: number,
  mask: number[] | undefined,
  positions: number[] | undefined,
): void {
  feeds[io.inputIds.name] = numberTensor(T, io.inputIds.type, ids, [b, s]);
  if (io.attentionMask && mask) {
    feeds[io.attentionMask.name] = numberTensor(T, io.attentionMask.type, mask, [
      b,
      mask.length / b,
    ]);
  }
  if (io.positionIds && positions) {
    feeds[io.positionIds.name] = numberTensor(T, io.positionIds.type, positions, [b, s]);
  }
  if (io.tokenTypeIds) {
    feeds[io.tokenTypeIds.name] = numberTensor(T, io.tokenTypeIds.type, new Array(b * s).fill(0), [
      b,
      s,
    ]);
  }
}

/**
 * Runs generation for one batch until every row is finished. `inputs[i]` is
 * row i's prompt ids; `rows[i]` its state (filled in place).
 *
 * @throws {ModelError} when the logits width differs from the expected vocabulary.
 */
export async function runBatch(
  parts: EngineParts,
  inputs: readonly (readonly number[])[],
  rows: readonly RowState[],
  kvCache: boolean,
): Promise<BatchTimes> {
  const T = parts.ort.Tensor;
  let sessionRunMs = 0;
  const run = async (part: DecoderPart | EngineParts["encoder"], feeds: Feeds) => {
    const t = performance.now();
    const out = await part!.session.run(feeds);
    sessionRunMs += performance.now() - t;
    return out;
  };
  const B = inputs.length;
  const L = Math.max(...inputs.map((x) => x.length));
  const buf = new Float32Array(parts.vocab);
  const isEncDec = parts.architecture === "encoder-decoder";

  // per active row: full decoder sequence, mask, last position
  let active: number[] = rows.map((_, i) => i);
  const seqs: number[][] = [];
  const masks: number[][] = [];
  const lastPos: number[] = [];
  let encoderMs = 0;
  let encHidden: Tensor | undefined;
  let encMask: number[][] = [];

  if (isEncDec) {
    const enc = parts.encoder!;
    const ids: number[] = [];
    const mask: number[] = [];
    for (const x of inputs) {
      for (let j = 0; j < L; j++) {
        ids.push(j < x.length ? x[j]! : parts.padId);
        mask.push(j < x.length ? 1 : 0);
      }
    }
    const feeds: Feeds = {};
    feeds[enc.io.inputIds.name] = numberTensor(T, enc.io.inputIds.type, ids, [B, L]);
    if (enc.io.attentionMask) {
      feeds[enc.io.attentionMask.name] = numberTensor(T, enc.io.attentionMask.type, mask, [B, L]);
    }
    if (enc.io.tokenTypeIds) {
      feeds[enc.io.tokenTypeIds.name] = numberTensor(
        T,
        enc.io.tokenTypeIds.type,
        ids.map(() => 0),
        [
          B,
          L,
        ],
      );
    }
    const t = performance.now();
    const out = await run(enc, feeds);
    encoderMs = performance.now() - t;
    encHidden = feedable(T, out[enc.io.hiddenStates]!);
    encMask = inputs.map((_, i) => mask.slice(i * L, (i + 1) * L));
    for (let i = 0; i < B; i++) {
      seqs.push([parts.decoderStartId]);
      masks.push([1]);
      lastPos.push(0);
    }
  } else {
    for (const x of inputs) {
      const pad = L - x.length;
      const seq: number[] = [];
      const mask: number[] = [];
      for (let j = 0; j < pad; j++) {
        seq.push(parts.padId);
        mask.push(0);
      }
      for (const id of x) {
        seq.push(id);
        mask.push(1);
      }
      seqs.push(seq);
      masks.push(mask);
      lastPos.push(x.length - 1);
    }
  }

  let past: Map<string, Tensor> | undefined;
  let cross: Map<string, Tensor> | undefined;
  let firstTokenAt = 0;
  let step = 0;
  while (active.length > 0) {
    const b = active.length;
    const useNext = kvCache && step > 0;
    const part = !kvCache ? parts.recompute : useNext ? parts.next : parts.first;
    const io = part.io;
    const feeds: Feeds = {};
    // input ids, mask and positions of this step
    let s: number;
    const ids: number[] = [];
    const mask: number[] = [];
    const positions: number[] = [];
    if (useNext) {
      s = 1;
      for (const r of active) {
        ids.push(seqs[r]![seqs[r]!.length - 1]!);
        for (const m of masks[r]!) mask.push(m);
        positions.push(lastPos[r]!);
      }
    } else {
      s = seqs[active[0]!]!.length;
      for (const r of active) {
        for (const id of seqs[r]!) ids.push(id);
        for (const m of masks[r]!) mask.push(m);
        if (io.positionIds) {
          let p = 0;
          for (const m of masks[r]!) {
            positions.push(m ? p++ : 1);
          }
        }
      }
    }
    addCommon(T, feeds, io, ids, b, s, mask, io.positionIds ? positions : undefined);
    if (isEncDec) {
      if (io.encoderHiddenStates) feeds[io.encoderHiddenStates.name] = encHidden!;
      if (io.encoderAttentionMask) {
        const em: number[] = [];
        for (const r of active) for (const m of encMask[r]!) em.push(m);
        feeds[io.encoderAttentionMask.name] = numberTensor(T, io.encoderAttentionMask.type, em, [
          b,
          L,
        ]);
      }
    }
    for (const slot of io.cache) {
      const t = useNext ? (slot.cross ? cross?.get(slot.past) : past?.get(slot.past)) : undefined;
      feeds[slot.past] = t ?? emptyCache(T, slot, b);
    }
    if (io.useCacheBranch) {
      feeds[io.useCacheBranch.name] = numberTensor(T, "bool", [useNext ? 1 : 0], [1]);
    }

    const out = await run(part, feeds);
    const isFirst = step === 0;
    if (isFirst && !isEncDec) encoderMs = sessionRunMs;

    const logits = out[io.logits]!;
    const dims = logits.dims;
    const width = dims[dims.length - 1]!;
    if (width !== parts.vocab) {
      throw new ModelError(
        `vocabulary size does not match the logits: logits have ${width}, expected ${parts.vocab}`,
        { file: io.file, field: "logits", value: dims },
      );
    }
    const S = dims.length === 3 ? dims[1]! : 1;
    const now = performance.now();
    for (let i = 0; i < b; i++) {
      const r = active[i]!;
      logitsRow(logits, i, S - 1, S, buf);
      const id = rows[r]!.push(buf, now);
      seqs[r]!.push(id);
      masks[r]!.push(1);
      lastPos[r] = lastPos[r]! + 1;
    }
    if (isFirst) firstTokenAt = performance.now();

    if (kvCache) {
      const nextPast = new Map<string, Tensor>();
      for (const slot of io.cache.length > 0 ? io.cache : parts.next.io.cache) {
        if (slot.cross) {
          if (isFirst) {
            cross ??= new Map();
            const t = out[slot.present];
            if (t) cross.set(slot.past, feedable(T, t));
          }
          continue;
        }
        const t = out[slot.present];
        if (!t) {
          throw new ModelError("missing tensor name: cache output not returned", {
            file: io.file,
            field: "outputs",
            value: slot.present,
          });
        }
        nextPast.set(slot.past, feedable(T, t));
      }
      past = nextPast;
    }

    // drop finished rows from every batched tensor
    const keep: number[] = [];
    for (let i = 0; i < b; i++) if (!rows[active[i]!]!.finish) keep.push(i);
    if (keep.length === 0) break;
    if (keep.length < b) {
      const slots = new Map<string, CacheSlot>();
      for (const slot of [...parts.first.io.cache, ...parts.next.io.cache]) {
        slots.set(slot.past, slot);
      }
      if (past) {
        for (const [name, t] of past) {
          past.set(name, selectRows(T, t, slots.get(name)!.batchAxis, keep));
        }
      }
      if (cross) {
        for (const [name, t] of cross) {
          cross.set(name, selectRows(T, t, slots.get(name)!.batchAxis, keep));
        }
      }
      if (encHidden) encHidden = selectRows(T, encHidden, 0, keep);
      active = keep.map((i) => active[i]!);
    }
    step++;
  }
  return { firstTokenAt, encoderMs, sessionRunMs };
}
