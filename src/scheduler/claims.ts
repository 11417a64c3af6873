/**
 * Cell claims: before a cell runs, its eval claims it with a file
 * `<store>/.claims/<cell key>.json` holding the owner (pid, host, start
 * time). A second eval on the same store sees the claim and skips or waits
 * for the cell; a claim whose owner is dead is taken over. Claiming and
 * taking over happen under an exclusive lock of `<store>/.claims/.lock`, so
 * two evals never both take one cell.
 *
 * @module
 */
import { type Owner, ownerAlive, parseOwner } from "./owner.ts";

/** The folder of a store's claims. */
export function claimsDir(store: string): string {
  return `${store}/.claims`;
}

/** The claims this process holds on one store. */
export class Claims {
  readonly #dir: string;
  readonly #owner: Owner;
  readonly #held = new Set<string>();

  /** Claims in `store` on behalf of `owner`. */
  constructor(store: string, owner: Owner) {
    this.#dir = claimsDir(store);
    this.#owner = owner;
  }

  #path(key: string): string {
    return `${this.#dir}/${key}.json`;
  }

  async #locked<T>(fn: () => Promise<T>): Promise<T> {
    await Deno.mkdir(this.#dir, { recursive: true });
    const lock = await Deno.open(`${this.#dir}/.lock`, { create: true, write: true });
    try {
      await lock.lock(true);
      return await fn();
    } finally {
      lock.close();
    }
  }

  /**
   * Claims a cell. Returns null when this process now holds it, or the live
   * owner that holds it. A claim of a dead owner is taken over.
   */
  claim(key: string): Promise<Owner | null> {
    return this.#locked(async () => {
      const path = this.#path(key);
      let holder: Owner | null = null;
      try {
        holder = parseOwner(await Deno.readTextFile(path));
        // An unreadable claim (torn by a crash while being written) belongs to nobody.
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
      if (holder && ownerAlive(holder)) {
        const mine = holder.id === this.#owner.id;
        return mine ? null : holder;
      }
      // Held from before the file appears until after it is gone, so a signal handler's
      // releaseAllSync never misses a claim file of ours.
      // Written synchronously: a signal handler cannot run between the write and the
      // rename, and no write still in flight can recreate the temp file after the handler
      // removed it.
      this.#held.add(key);
      Deno.writeTextFileSync(`${path}.${this.#owner.id}.tmp`, JSON.stringify(this.#owner));
      Deno.renameSync(`${path}.${this.#owner.id}.tmp`, path);
      return null;
    });
  }

  /** The live owner of a cell's claim, or null. */
  async holder(key: string): Promise<Owner | null> {
    try {
      const owner = parseOwner(await Deno.readTextFile(this.#path(key)));
      return owner && ownerAlive(owner) ? owner : null;
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
  }

  /** Releases a cell this process holds. */
  async release(key: string): Promise<void> {
    if (!this.#held.has(key)) return;
    await Deno.remove(this.#path(key)).catch(() => {});
    this.#held.delete(key);
  }

  /** Releases every claim this process holds (for signal handlers: synchronous). */
  releaseAllSync(): void {
    for (const key of this.#held) {
      try {
        Deno.removeSync(this.#path(key));
      } catch { /* gone already */ }
      try {
        Deno.removeSync(`${this.#path(key)}.${this.#owner.id}.tmp`);
      } catch { /* not being written */ }
    }
    this.#held.clear();
  }
}
