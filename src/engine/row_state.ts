/**
 * Per-row bookkeeping of a generation batch: the tokens so far, the choice of
 * the next token, and the end conditions (eos, stop string, length).
 *
 * @module
 */
import { argmax, sample, seededRandom, streamSeed } from "./sampling.ts";
import type { Decoding } from "./types.ts";

/** Settings shared by all rows of a generation. */
export interface RowSettings {
  readonly maxNewTokens: number;
  readonly eosIds: ReadonlySet<number>;
  readonly ignoreEos: boolean;
  readonly stop: readonly string[];
  readonly decoding: Decoding;
  readonly decode: (ids: readonly number[]) => string;
  /** Called with each logits row before the choice (tests and diagnostics). */
  readonly onLogits?: (index: number, step: number, row: Float32Array) => void;
  /** Called with each chosen token, as it is chosen (streaming). */
  readonly onToken?: (index: number, tokenId: number) => void;
}

/** One row's state. */
export class RowState {
  /** Generated ids. */
  readonly tokens: number[] = [];
  /** Set when the row is finished. */
  finish: "eos" | "stop" | "length" | undefined;
  /** Text cut before a stop string, when one was met. */
  stopText: string | undefined;
  /** performance.now() when the row chose its last token. */
  lastTokenAt = 0;
  readonly #random: (() => number) | undefined;
  readonly #stopWindow: number;

  /**
   * `index` is the request's index in the whole `generate` call (for its random stream);
   * `limit` is this row's new-token budget: `settings.maxNewTokens`, or fewer when the
   * model's positions run out first.
   */
  constructor(
    readonly index: number,
    readonly settings: RowSettings,
    readonly limit: number = settings.maxNewTokens,
  ) {
    const d = settings.decoding;
    this.#random = d.kind === "sample" ? seededRandom(streamSeed(d.seed, index)) : undefined;
    this.#stopWindow = 4 * settings.stop.reduce((m, s) => Math.max(m, s.length), 0) + 8;
  }

  /** Picks the next token from the logits row, records it and checks the end conditions. */
  push(row: Float32Array, now: number): number {
    const d = this.settings.decoding;
    this.settings.onLogits?.(this.index, this.tokens.length, row);
    const id = d.kind === "sample" ? sample(row, d, this.#random!) : argmax(row);
    this.tokens.push(id);
    this.lastTokenAt = now;
    const s = this.settings;
    s.onToken?.(this.index, id);
    if (!s.ignoreEos && s.eosIds.has(id)) this.finish = "eos";
    else if (s.stop.length > 0 && this.#checkStop()) this.finish = "stop";
    else if (this.tokens.length >= this.limit) this.finish = "length";
    return id;
  }

  #checkStop(): boolean {
    const s = this.settings;
    // cheap look at the tail first; full decode only when a stop string shows up
    const tail = s.decode(this.tokens.slice(-this.#stopWindow));
    if (!s.stop.some((x) => tail.includes(x))) return false;
    const text = s.decode(this.tokens);
    let cut = -1;
    for (const x of s.stop) {
      const at = text.indexOf(x);
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
    if (cut < 0) return false;
    this.stopText = text.slice(0, cut);
    return true;
  }
}
