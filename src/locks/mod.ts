/**
 * File locks: the one rule for waiting on an OS file lock with a time limit, saying who holds
 * it. Used for device locks, claims and the store lock.
 *
 * @module
 */
export { acquireLock, describeHolders, lockHolders } from "./file_lock.ts";
export { holdLiveFile, liveFileState, tryLockFile } from "./live_file.ts";
export type { LiveFile, LiveFileState } from "./live_file.ts";
export type { AcquireOptions, HeldLock, LockHolder } from "./file_lock.ts";
