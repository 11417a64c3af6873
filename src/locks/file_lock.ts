/**
 * The project's one rule for waiting on a file lock: an OS `flock` (the kernel drops it when
 * its process dies, however it dies, whatever the host name), taken by polling, never by a
 * blocking call, so a wait can say what it waits for and give up. Each holder also keeps a
 * small holder file beside the lock (`<lock>.holder-<id>.json`, a live file: `live_file.ts`), so a waiter can name who holds the lock (pid, host, since when); holder files
 * whose lock can be taken belong to dead processes and are removed.
 *
 * @module
 */
import { LockTimeoutError } from "../core/errors.ts";
import {
  holdLiveFile,
  hostname,
  type LiveFile,
  type LiveFileState,
  liveFileState,
  tryLockFile,
} from "./live_file.ts";

/** Who holds a lock, as its holder file says. */
export interface LockHolder {
  /** Process id. */
  readonly pid: number;
  /** Host name. */
  readonly host: string;
  /** When it took the lock (ISO 8601). */
  readonly since: string;
  /** Whether it holds the lock exclusively. */
  readonly exclusive: boolean;
}

/** Options of {@linkcode acquireLock}. */
export interface AcquireOptions {
  /** Exclusive (one holder) or shared (many shared holders, no exclusive one). */
  readonly exclusive: boolean;
  /** What the lock protects, for messages: `device cpu`, `store leaderboard/results`. */
  readonly what: string;
  /** Give up after this many ms with a {@linkcode LockTimeoutError} (default: wait on). */
  readonly timeoutMs?: number;
  /** Called with one line after `noticeAfterMs` of waiting, then every `noticeEveryMs`. */
  readonly onWait?: (message: string) => void;
  /** First notice after this many ms (default 3000). */
  readonly noticeAfterMs?: number;
  /** Later notices this many ms apart (default 30000). */
  readonly noticeEveryMs?: number;
  /** Longest pause between two tries, in ms (default 250; tries start at 10 ms apart). */
  readonly maxPollMs?: number;
}

/** A lock this process holds. */
export interface HeldLock {
  /** The lock file's path. */
  readonly path: string;
  /** Releases the lock (synchronous, so signal handlers can call it; idempotent). */
  release(): void;
}

function splitPath(path: string): { dir: string; base: string } {
  const i = path.lastIndexOf("/");
  return i < 0
    ? { dir: ".", base: path }
    : { dir: path.slice(0, i) || "/", base: path.slice(i + 1) };
}

function holderPrefix(path: string): string {
  return `${splitPath(path).base}.holder-`;
}

/**
 * The live holders of the lock at `path`, from their holder files; holder files of dead
 * processes (lockable) are removed.
 */
export function lockHolders(path: string): LockHolder[] {
  const { dir } = splitPath(path);
  const prefix = holderPrefix(path);
  const out: LockHolder[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!e.isFile || !e.name.startsWith(prefix) || !e.name.endsWith(".json")) continue;
    const file = `${dir}/${e.name}`;
    let found: LiveFileState;
    try {
      found = liveFileState(file);
    } catch {
      continue; // not ours to read: holder files only serve messages
    }
    if (found.state === "dead") {
      try {
        Deno.removeSync(file);
      } catch { /* another waiter removed it */ }
      continue;
    }
    if (found.state !== "live") continue;
    try {
      const h = JSON.parse(found.text) as Partial<LockHolder>;
      if (typeof h.pid === "number" && typeof h.host === "string") {
        out.push({
          pid: h.pid,
          host: h.host,
          since: typeof h.since === "string" ? h.since : "",
          exclusive: h.exclusive === true,
        });
      }
    } catch { /* a holder file being written: skip it this time */ }
  }
  return out;
}

/** One phrase naming the holders: `pid 12 on host a since 2026-12-07T22:00:00Z (exclusive)`. */
export function describeHolders(holders: readonly LockHolder[]): string {
  if (holders.length === 0) return "a process that did not say who it is";
  return holders.map((h) =>
    `pid ${h.pid} on host ${h.host}${h.since ? ` since ${h.since}` : ""} (${
      h.exclusive ? "exclusive" : "shared"
    })`
  ).join("; ");
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the lock at `path` (created if missing), waiting as long as `timeoutMs` allows and
 * saying who holds it while it waits. Throws {@linkcode LockTimeoutError} when the time is up.
 */
export async function acquireLock(path: string, options: AcquireOptions): Promise<HeldLock> {
  const { dir } = splitPath(path);
  await Deno.mkdir(dir, { recursive: true });
  const file = await Deno.open(path, { create: true, read: true, write: true });
  const t0 = performance.now();
  const noticeAfter = options.noticeAfterMs ?? 3000;
  const noticeEvery = options.noticeEveryMs ?? 30_000;
  const timeout = options.timeoutMs ?? Infinity;
  const mode = options.exclusive ? "exclusive" : "shared";
  let nextNotice = noticeAfter;
  let pause = 10;
  try {
    while (!tryLockFile(file, options.exclusive)) {
      const waited = performance.now() - t0;
      if (waited >= timeout) {
        throw new LockTimeoutError(
          `gave up waiting ${seconds(waited)} for the ${mode} lock of ${options.what} ` +
            `(${path}), held by ${describeHolders(lockHolders(path))}`,
          { file: path },
        );
      }
      if (waited >= nextNotice) {
        options.onWait?.(
          `waiting for the ${mode} lock of ${options.what}: held by ` +
            `${describeHolders(lockHolders(path))}; waited ${seconds(waited)}` +
            (Number.isFinite(timeout) ? `, giving up at ${seconds(timeout)}` : ""),
        );
        nextNotice += noticeEvery;
      }
      await sleep(Math.min(pause, Math.max(1, Math.min(timeout, nextNotice) - waited)));
      pause = Math.min(pause * 2, options.maxPollMs ?? 250);
    }
  } catch (err) {
    file.close();
    throw err;
  }
  const holder = writeHolder(path, options.exclusive);
  let open = true;
  return {
    path,
    release: () => {
      if (!open) return;
      open = false;
      holder?.release();
      file.close();
    },
  };
}

/** Writes this process's holder file beside the lock (a live file); null on failure. */
function writeHolder(path: string, exclusive: boolean): LiveFile | null {
  const rand = crypto.getRandomValues(new Uint32Array(2));
  const name = `${path}.holder-${Deno.pid}-${rand[0]!.toString(16)}${rand[1]!.toString(16)}.json`;
  const info: LockHolder = {
    pid: Deno.pid,
    host: hostname(),
    since: new Date().toISOString(),
    exclusive,
  };
  try {
    return holdLiveFile(name, JSON.stringify(info), `${name}.new`);
  } catch {
    return null; // the holder file only serves messages; the lock itself is held
  }
}
