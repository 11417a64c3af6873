/**
 * Fetches one file of a commit into the cache: into `blobs/<etag>.incomplete` (resumed from
 * its length when a partial download is there), hashed as it streams, checked against the
 * Hub's listing (the sha256 of an LFS file is its oid; any other file's git blob sha1 is its
 * oid), then renamed to `blobs/<etag>` and linked from the snapshot. A file that does not
 * match is removed and is an error. The blob's lock (`.locks/...`, the one Python's
 * `huggingface_hub` takes) is held meanwhile, so two pulls never write one blob.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { dirname } from "node:path";
import { HubError } from "../core/errors.ts";
import { acquireLock } from "../locks/mod.ts";
import type { RepoCache } from "./cache.ts";
import { fileStream, type RemoteFile } from "./client.ts";
import type { HubSettings } from "./env.ts";
import { formatRepoSpec, type RepoSpec } from "./repo_spec.ts";

/** What a download reports while it runs. */
export interface DownloadListeners {
  /** Progress of the file, as bytes arrive (the first call gives the resumed offset). */
  readonly onBytes?: (done: number, total: number) => void;
  /** A line to show: waiting for another process's download of the same blob. */
  readonly onNote?: (message: string) => void;
}

/** The name a file's blob has in the cache: its sha256 for an LFS file, else its git oid. */
export function etagOf(file: RemoteFile): string {
  return file.lfsSha256 ?? file.oid;
}

/** The sha1 git gives a blob of these bytes' size, fed the bytes afterwards. */
function gitBlobHash(size: number): Hash {
  return createHash("sha1").update(`blob ${size}\0`);
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).size;
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return 0;
    throw cause;
  }
}

/** Feeds the first `length` bytes of a file to the hashes. */
async function hashPrefix(path: string, length: number, hashes: Hash[]): Promise<void> {
  using f = await Deno.open(path, { read: true });
  const buf = new Uint8Array(1 << 20);
  let left = length;
  while (left > 0) {
    const n = await f.read(buf.subarray(0, Math.min(buf.length, left)));
    if (n === null) break;
    for (const h of hashes) h.update(buf.subarray(0, n));
    left -= n;
  }
}

/** What a download did. */
export interface Downloaded {
  /** Bytes fetched over the network (less than the size when resumed). */
  readonly fetched: number;
  /** The sha256 of the content. */
  readonly sha256: string;
}

/**
 * Downloads `file` of commit `sha` into the cache and links it from the snapshot.
 *
 * @throws {HubError} a refusal of the Hub, or content that does not match the listing (the
 *   partial file removed).
 */
export async function downloadToCache(
  cache: RepoCache,
  spec: RepoSpec,
  sha: string,
  file: RemoteFile,
  settings: HubSettings,
  listen: DownloadListeners = {},
): Promise<Downloaded> {
  const onBytes = listen.onBytes ?? (() => {});
  const etag = etagOf(file);
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(etag)) {
    throw new HubError(`the Hub's listing gives no hash for ${formatRepoSpec(spec)}: ${file.path}`);
  }
  const blob = cache.blob(etag);
  await Deno.mkdir(dirname(blob), { recursive: true });
  const lock = await acquireLock(cache.lockFile(etag), {
    exclusive: true,
    what: `the download of ${spec.repo}: ${file.path}`,
    ...(listen.onNote ? { onWait: listen.onNote } : {}),
  });
  try {
    const sha256 = createHash("sha256");
    const git = file.lfsSha256 === undefined ? gitBlobHash(file.size) : undefined;
    const hashes = git ? [sha256, git] : [sha256];
    const done = await sizeOf(blob);
    if (done === file.size && file.lfsSha256 !== undefined) {
      // Another process finished it while we waited for the lock; its name is its hash.
      await cache.link(sha, file.path, etag);
      return { fetched: 0, sha256: file.lfsSha256 };
    }
    const partial = `${blob}.incomplete`;
    let offset = await sizeOf(partial);
    if (offset > file.size) {
      await Deno.remove(partial);
      offset = 0;
    }
    if (offset > 0) await hashPrefix(partial, offset, hashes);
    let written = offset;
    if (offset < file.size || file.size === 0) {
      const stream = await fileStream(spec, sha, file.path, offset, settings, cache.type);
      using out = await Deno.open(partial, { create: true, append: true });
      onBytes(written, file.size);
      try {
        for await (const chunk of stream) {
          written += chunk.length;
          if (written > file.size) break;
          for (const h of hashes) h.update(chunk);
          let at = 0;
          while (at < chunk.length) at += await out.write(chunk.subarray(at));
          onBytes(written, file.size);
        }
      } catch (cause) {
        if (cause instanceof HubError) throw cause;
        // The client's stream fails with the reason's text; the partial file stays to resume.
        throw new HubError(
          `download of ${formatRepoSpec(spec)}: ${file.path} stopped at byte ${written} ` +
            `(${cause instanceof Error ? cause.message : String(cause)}); run the pull again ` +
            `to resume it`,
          { cause },
        );
      }
    }
    const got = { sha256: sha256.digest("hex"), git: git?.digest("hex") };
    const expected = file.lfsSha256 ?? file.oid;
    const actual = file.lfsSha256 !== undefined ? got.sha256 : got.git;
    if (written !== file.size || actual !== expected) {
      await Deno.remove(partial).catch(() => {});
      throw new HubError(
        `${formatRepoSpec(spec)}: ${file.path} does not match the Hub's listing ` +
          (written !== file.size
            ? `(${written} bytes, expected ${file.size})`
            : `(${file.lfsSha256 !== undefined ? "sha256" : "git sha1"} ${actual}, ` +
              `expected ${expected})`) +
          `: the downloaded file was removed`,
      );
    }
    await Deno.rename(partial, blob);
    await cache.link(sha, file.path, etag);
    return { fetched: written - offset, sha256: got.sha256 };
  } finally {
    lock.release();
  }
}
