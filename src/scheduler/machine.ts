/**
 * What one user's evals on one machine share, in the per-user temp folder (`tmp_root.ts`): a
 * lock per device, `locks/device-<device>.lock` (latency and sweep cells take it exclusively,
 * quality cells shared, so a latency pass never overlaps other work of any of this user's
 * evals on that device), and the evals' temporary folders, whose locked owner files tell which
 * evals are running. The locks are `flock`s taken through `acquireLock`: the kernel drops them
 * when their process dies, a wait names the holder (pid, host, since when) and gives up after
 * the eval's `--lock-timeout` with a `LockTimeoutError`.
 *
 * @module
 */
import { acquireLock } from "../locks/mod.ts";
import type { Owner } from "./owner.ts";
import { liveEvalIds } from "./tmp_dirs.ts";
import { benchTmpRoot } from "./tmp_root.ts";

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Options of {@linkcode Machine}. */
export interface MachineOptions {
  /** The per-user temp folder (default `benchTmpRoot()`; made and checked by the caller). */
  readonly root?: string;
  /** How long to wait for a device lock before a `LockTimeoutError` (default: no limit). */
  readonly lockTimeoutMs?: number;
  /** Receives a line naming the holder while waiting for a device lock. */
  readonly onWait?: (message: string) => void;
}

/** This machine's shared state, seen from one eval. */
export class Machine {
  readonly #root: string;
  readonly #owner: Owner;
  readonly #options: MachineOptions;

  /** The machine state for `owner`. */
  constructor(owner: Owner, options: MachineOptions = {}) {
    this.#root = options.root ?? benchTmpRoot();
    this.#owner = owner;
    this.#options = options;
  }

  /** The path of a device's lock. */
  deviceLockPath(device: string): string {
    return `${this.#root}/locks/device-${safe(device)}.lock`;
  }

  /** Live evals of this user on this machine other than this one. */
  otherEvals(): Promise<number> {
    return Promise.resolve(liveEvalIds(this.#root).filter((id) => id !== this.#owner.id).length);
  }

  /**
   * Waits for the lock of `device` (exclusive for latency, shared for quality), saying who
   * holds it while waiting, and returns its release function; throws `LockTimeoutError` when
   * the wait passes the time limit.
   */
  async lockDevice(device: string, exclusive: boolean): Promise<() => void> {
    const o = this.#options;
    const lock = await acquireLock(this.deviceLockPath(device), {
      exclusive,
      what: `device ${device}`,
      ...(o.lockTimeoutMs !== undefined ? { timeoutMs: o.lockTimeoutMs } : {}),
      ...(o.onWait ? { onWait: o.onWait } : {}),
    });
    return () => lock.release();
  }
}
