/**
 * What evals on one machine share, in `$TMPDIR/encoder-bench/locks/`: a lock
 * per device (latency and sweep cells take it exclusively, quality cells
 * shared, so a latency pass never overlaps other work of any eval on that
 * device) and the owner locks that tell which evals are running. The locks
 * are `flock`s: the kernel drops them when their process dies, so a killed
 * eval holds nothing.
 *
 * @module
 */
import { defaultLockRoot, holdOwner, liveOwnerIds, type Owner } from "./owner.ts";

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** This machine's shared state, seen from one eval. */
export class Machine {
  readonly #root: string;
  readonly #owner: Owner;
  #release: (() => void) | null = null;

  /** The machine state under `root`, for `owner`. */
  constructor(owner: Owner, root: string = defaultLockRoot()) {
    this.#root = root;
    this.#owner = owner;
  }

  /** Marks this eval as running (its claims and temporary folder count as live). */
  register(): void {
    this.#release ??= holdOwner(this.#owner, this.#root);
  }

  /** Marks this eval as gone (synchronous: signal handlers call it). */
  unregisterSync(): void {
    this.#release?.();
    this.#release = null;
  }

  /** Live evals on this machine other than this one. */
  otherEvals(): Promise<number> {
    return Promise.resolve(liveOwnerIds(this.#root).filter((id) => id !== this.#owner.id).length);
  }

  /**
   * Waits for the lock of `device` (exclusive for latency, shared for
   * quality) and returns its release function.
   */
  async lockDevice(device: string, exclusive: boolean): Promise<() => void> {
    await Deno.mkdir(this.#root, { recursive: true });
    const file = await Deno.open(`${this.#root}/device-${safe(device)}.lock`, {
      create: true,
      write: true,
    });
    try {
      await file.lock(exclusive);
    } catch (err) {
      file.close();
      throw err;
    }
    let open = true;
    return () => {
      if (open) file.close();
      open = false;
    };
  }
}
