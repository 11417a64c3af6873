/**
 * Who owns a claim or a temporary folder: an eval process on a host. A live
 * eval holds an exclusive `flock` on `$TMPDIR/encoder-bench/locks/owners/<id>.lock`
 * for as long as it runs; the kernel drops it when the process dies, however
 * it dies, so an owner whose lock can be taken is dead. (Deno grants no read
 * of `/proc` short of `--allow-all`, and a pid alone may be reused.) An owner
 * on another host (a store on a shared disk) is never judged dead from here.
 *
 * @module
 */
import { benchTmpRoot } from "./tmp_root.ts";

/** The owner of a claim or a temporary folder. */
export interface Owner {
  /** Process id. */
  readonly pid: number;
  /** Host name. */
  readonly host: string;
  /** Unique id of this process's life (pid plus random), naming its lock file. */
  readonly id: string;
  /** When the owner started (ISO 8601). */
  readonly startedAt: string;
}

/** The machine-wide folder of owner locks, device locks and the like. */
export function defaultLockRoot(): string {
  return `${benchTmpRoot()}/locks`;
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown";
  }
}

/** This process as a new owner (call once; {@linkcode holdOwner} makes it live). */
export function thisOwner(now: Date = new Date()): Owner {
  const rand = crypto.getRandomValues(new Uint32Array(2));
  return {
    pid: Deno.pid,
    host: hostname(),
    id: `${Deno.pid}-${rand[0]!.toString(16)}${rand[1]!.toString(16)}`,
    startedAt: now.toISOString(),
  };
}

function lockPath(root: string, id: string): string {
  return `${root}/owners/${id.replace(/[^A-Za-z0-9-]/g, "_")}.lock`;
}

/**
 * Marks the owner live for the rest of this process's life (the lock file
 * stays open and locked); returns a function that releases it early.
 */
export function holdOwner(owner: Owner, root: string = defaultLockRoot()): () => void {
  Deno.mkdirSync(`${root}/owners`, { recursive: true });
  const path = lockPath(root, owner.id);
  // Locked before it appears under its name, so no one sees it unlocked and removes it.
  const file = Deno.openSync(`${path}.new`, { create: true, write: true });
  file.lockSync(true);
  Deno.renameSync(`${path}.new`, path);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    try {
      Deno.removeSync(path);
    } catch { /* gone */ }
    file.close();
  };
}

/**
 * Whether the owner may still be running: true for another host; false when
 * its lock file is missing or can be locked (its process is gone).
 */
export function ownerAlive(owner: Owner, root: string = defaultLockRoot()): boolean {
  if (owner.host !== hostname()) return true;
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(lockPath(root, owner.id), { write: true });
  } catch {
    return false;
  }
  try {
    return !file.tryLockSync(true);
  } finally {
    file.close();
  }
}

/** Live owners on this host whose lock files are under `root`; dead ones' files are removed. */
export function liveOwnerIds(root: string = defaultLockRoot()): string[] {
  const live: string[] = [];
  try {
    for (const e of Deno.readDirSync(`${root}/owners`)) {
      if (!e.isFile || !e.name.endsWith(".lock")) continue;
      const path = `${root}/owners/${e.name}`;
      let file: Deno.FsFile;
      try {
        file = Deno.openSync(path, { write: true });
      } catch {
        continue;
      }
      try {
        if (file.tryLockSync(true)) {
          try {
            Deno.removeSync(path);
          } catch { /* another eval removed it */ }
        } else live.push(e.name.slice(0, -".lock".length));
      } finally {
        file.close();
      }
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return live;
}

/** Parses an owner written by {@linkcode thisOwner}; null when the text is not one. */
export function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (typeof o.pid !== "number" || typeof o.host !== "string" || typeof o.id !== "string") {
      return null;
    }
    return {
      pid: o.pid,
      host: o.host,
      id: o.id,
      startedAt: typeof o.startedAt === "string" ? o.startedAt : "",
    };
  } catch {
    return null;
  }
}
