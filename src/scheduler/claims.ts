/**
 * Cell claims: before a cell runs, its eval claims it with a file
 * `<store>/.claims/<cell key>.json` naming the owner (pid, host, start time), and holds an
 * exclusive `flock` on that file for as long as it holds the claim (`owner.ts`). A second eval
 * on the same store sees the locked claim and skips or waits for the cell; a claim file that
 * can be locked belongs to a dead eval (the kernel dropped its lock, whatever the host is
 * called now) and is taken over. Claiming and taking over happen under the exclusive lock
 * `<store>/.claims/.lock`, so two evals never both take one cell. The claims live beside the
 * store they protect: evals on other machines that share the store's disk see them too.
 *
 * @module
 */
import { acquireLock } from "../locks/mod.ts";
import { holdOwnerFile, type Owner, type OwnerFile, ownerState } from "./owner.ts";

/** The folder of a store's claims. */
export function claimsDir(store: string): string {
  return `${store}/.claims`;
}

/** A live claim whose file does not say who holds it. */
const UNNAMED: Owner = { pid: 0, host: "unknown", id: "", startedAt: "" };

/** Options of {@linkcode Claims}. */
export interface ClaimsOptions {
  /** How long to wait for `.claims/.lock` before a `LockTimeoutError` (default: no limit). */
  readonly lockTimeoutMs?: number;
  /** Receives a line naming the holder of `.claims/.lock` while waiting for it. */
  readonly onWait?: (message: string) => void;
}

/** The claims this process holds on one store. */
export class Claims {
  readonly #store: string;
  readonly #dir: string;
  readonly #owner: Owner;
  readonly #options: ClaimsOptions;
  readonly #held = new Map<string, OwnerFile>();

  /** Claims in `store` on behalf of `owner`. */
  constructor(store: string, owner: Owner, options: ClaimsOptions = {}) {
    this.#store = store;
    this.#dir = claimsDir(store);
    this.#owner = owner;
    this.#options = options;
  }

  #path(key: string): string {
    return `${this.#dir}/${key}.json`;
  }

  async #locked<T>(fn: () => T): Promise<T> {
    const lock = await acquireLock(`${this.#dir}/.lock`, {
      exclusive: true,
      what: `the claims of ${this.#store}`,
      ...(this.#options.lockTimeoutMs !== undefined
        ? { timeoutMs: this.#options.lockTimeoutMs }
        : {}),
      ...(this.#options.onWait ? { onWait: this.#options.onWait } : {}),
    });
    try {
      return fn();
    } finally {
      lock.release();
    }
  }

  /**
   * Claims a cell. Returns null when this process now holds it, or the live owner that holds
   * it. A claim of a dead owner is taken over.
   */
  claim(key: string): Promise<Owner | null> {
    return this.#locked(() => {
      if (this.#held.has(key)) return null;
      const path = this.#path(key);
      const found = ownerState(path);
      if (found.state === "live") return found.owner ?? UNNAMED;
      // Missing, or a dead owner's (renamed over): ours now. Written, locked and renamed
      // synchronously, so a signal handler's releaseAllSync never misses it.
      this.#held.set(key, holdOwnerFile(path, this.#owner));
      return null;
    });
  }

  /** The live owner of a cell's claim held by another process, or null. */
  holder(key: string): Promise<Owner | null> {
    if (this.#held.has(key)) return Promise.resolve(null);
    const found = ownerState(this.#path(key));
    return Promise.resolve(found.state === "live" ? found.owner ?? UNNAMED : null);
  }

  /** Releases a cell this process holds. */
  release(key: string): Promise<void> {
    this.#held.get(key)?.release();
    this.#held.delete(key);
    return Promise.resolve();
  }

  /** Releases every claim this process holds (for signal handlers: synchronous). */
  releaseAllSync(): void {
    for (const file of this.#held.values()) file.release();
    this.#held.clear();
  }
}
