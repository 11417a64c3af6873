/**
 * A live file: a small file whose writer holds an exclusive `flock` on it for as long as what
 * it stands for lasts. The kernel drops the lock when its process dies, however it dies and
 * whatever the host is called, so a live file that can be locked belongs to a dead writer. It
 * is written and locked under a temporary name, then renamed into place, and removed before it
 * is unlocked, so no reader sees it in place and unlocked while its writer lives. Claims,
 * temporary folders' owners and lock holders are live files.
 *
 * @module
 */

/** A live file this process holds; {@linkcode LiveFile.release} gives it up. */
export interface LiveFile {
  /** Where the file is. */
  readonly path: string;
  /** Removes the file, then unlocks it (synchronous, for signal handlers; idempotent). */
  release(): void;
}

/** What a live file says: missing, its writer dead (lockable), or live with its text. */
export type LiveFileState =
  | { readonly state: "missing" }
  | { readonly state: "dead" }
  | { readonly state: "live"; readonly text: string };

/** Tries once to lock an open file (exclusive or shared); true when taken. */
export function tryLockFile(file: Deno.FsFile, exclusive: boolean): boolean {
  try {
    return file.tryLockSync(exclusive);
  } catch (err) {
    // EWOULDBLOCK surfaces as an error on some platforms rather than `false`.
    if (err instanceof Deno.errors.WouldBlock) return false;
    throw err;
  }
}

/** This host's name, or `unknown` where it cannot be read (messages only). */
export function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "unknown";
  }
}

/**
 * Writes `text` into a new live file at `path` (replacing any file there) and keeps it locked;
 * `tmp` is the temporary name it is written under. Throws (leaving nothing behind) when it
 * cannot be written.
 */
export function holdLiveFile(path: string, text: string, tmp: string): LiveFile {
  const file = Deno.openSync(tmp, { create: true, write: true, truncate: true });
  let open = true;
  let placed = false;
  try {
    file.lockSync(true);
    file.writeSync(new TextEncoder().encode(text));
    Deno.renameSync(tmp, path);
    placed = true;
  } finally {
    if (!placed) {
      try {
        Deno.removeSync(tmp);
      } catch { /* not there */ }
      file.close();
      open = false;
    }
  }
  return {
    path,
    release: () => {
      if (!open) return;
      open = false;
      try {
        Deno.removeSync(path);
      } catch { /* gone */ }
      file.close();
    },
  };
}

/** Whether the live file at `path` is missing, its writer's dead, or live (with its text). */
export function liveFileState(path: string): LiveFileState {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true, write: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return { state: "missing" };
    throw err;
  }
  try {
    if (tryLockFile(file, true)) return { state: "dead" };
    try {
      return { state: "live", text: Deno.readTextFileSync(path) };
    } catch (err) {
      // Removed since it was opened: its writer released it.
      if (err instanceof Deno.errors.NotFound) return { state: "missing" };
      throw err;
    }
  } finally {
    file.close();
  }
}
