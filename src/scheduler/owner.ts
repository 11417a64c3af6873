/**
 * Who owns a claim or a temporary folder, and whether it still runs. The owner writes itself
 * (pid, host, start time) into a file and holds an exclusive `flock` on that very file for as
 * long as it owns what the file stands for; the kernel drops the lock when the process dies,
 * however it dies and whatever the host is called now, so a file that can be locked belongs to
 * a dead owner. Liveness is never judged from the host name or the pid (a container restart
 * changes the one, a reboot reuses the other). The file is locked before it appears under its
 * name and removed before it is unlocked, so no one sees it in place and unlocked while its
 * owner lives.
 *
 * @module
 */
import { holdLiveFile, hostname, type LiveFile, liveFileState } from "../locks/live_file.ts";

/** The owner of a claim or a temporary folder. */
export interface Owner {
  /** Process id. */
  readonly pid: number;
  /** Host name (for messages only: liveness is the file's lock). */
  readonly host: string;
  /** Unique id of this process's life (pid plus random), naming its temporary files. */
  readonly id: string;
  /** When the owner started (ISO 8601). */
  readonly startedAt: string;
}

/** An owner file this process holds (locked); `release` gives it up. */
export type OwnerFile = LiveFile;

/** What an owner file says about its owner. */
export type OwnerState =
  | { readonly state: "missing" }
  | { readonly state: "dead" }
  | { readonly state: "live"; readonly owner: Owner | null };

/** This process as a new owner (call once per process). */
export function thisOwner(now: Date = new Date()): Owner {
  const rand = crypto.getRandomValues(new Uint32Array(2));
  return {
    pid: Deno.pid,
    host: hostname(),
    id: `${Deno.pid}-${rand[0]!.toString(16)}${rand[1]!.toString(16)}`,
    startedAt: now.toISOString(),
  };
}

/** One phrase naming an owner: `pid 12 on host a since 2026-12-07T22:00:00.000Z`. */
export function describeOwner(owner: Owner): string {
  if (owner.id === "") return "a process that did not say who it is";
  return `pid ${owner.pid} on host ${owner.host}${
    owner.startedAt ? ` since ${owner.startedAt}` : ""
  }`;
}

/**
 * Writes `owner` into a new file at `path` (replacing any file there) and keeps it locked: a
 * live file (`locks/live_file.ts`), written under a temporary name, then renamed into place.
 */
export function holdOwnerFile(path: string, owner: Owner): OwnerFile {
  return holdLiveFile(path, JSON.stringify(owner), `${path}.${owner.id}.tmp`);
}

/**
 * Whether the owner file at `path` is missing, belongs to a dead owner (it can be locked) or
 * to a live one (with the owner it names; null when its text cannot be read as an owner).
 */
export function ownerState(path: string): OwnerState {
  const found = liveFileState(path);
  return found.state === "live" ? { state: "live", owner: parseOwner(found.text) } : found;
}

/** Parses an owner written by {@linkcode holdOwnerFile}; null when the text is not one. */
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
