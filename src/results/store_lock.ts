/**
 * The store lock: `<store>/.lock`, one OS file lock per results folder. Each eval append takes
 * it shared (many evals append side by side), a merge takes it exclusive for its whole
 * read-modify-write, so a merge's rename never swallows an append and two merges never
 * overwrite each other. Waiting goes through the project's one lock rule (`locks/`): it names
 * the holder and gives up after a time limit with a `LockTimeoutError`.
 *
 * @module
 */
import { acquireLock, type HeldLock } from "../locks/mod.ts";

/** The lock file's name inside a store (its holder files are `.lock.holder-*.json`). */
export const STORE_LOCK_FILE = ".lock";

/** Options of {@linkcode lockStore}. */
export interface StoreLockOptions {
  /** Exclusive (merge) or shared (an eval's append). */
  readonly exclusive: boolean;
  /** Give up after this many ms (default: wait on). */
  readonly timeoutMs?: number;
  /** Called with one line while waiting (after a few seconds, then every 30 s). */
  readonly onWait?: (message: string) => void;
}

/** Takes the lock of the store `dir` (the folder is created if missing). */
export function lockStore(dir: string, options: StoreLockOptions): Promise<HeldLock> {
  return acquireLock(`${dir}/${STORE_LOCK_FILE}`, {
    exclusive: options.exclusive,
    what: `store ${dir}`,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
}
