/**
 * The Hub cache layout shared with Python's `huggingface_hub`, transformers and
 * `@huggingface/hub` (https://huggingface.co/docs/hub/local-cache):
 *
 * ```
 * <cache>/models--org--name/blobs/<etag>            file contents (sha256 for LFS files, the
 *                                                    git blob sha1 for the others)
 *                                                    (a dataset's folder: datasets--org--name)
 * <cache>/models--org--name/refs/<revision>          the commit sha a branch or tag points to
 * <cache>/models--org--name/snapshots/<sha>/<path>   relative symlinks to ../../blobs/<etag>
 * <cache>/.locks/models--org--name/<etag>.lock       held while a blob is downloaded
 * ```
 *
 * A partial download is `blobs/<etag>.incomplete`, as Python names it, so either tool
 * resumes the other's.
 *
 * @module
 */
import { getRepoFolderName } from "@huggingface/hub";
import { dirname, join, relative } from "node:path";
import { isCommitSha } from "./repo_spec.ts";

/**
 * Makes the symlink `path` -> `target`. Deno makes a symlink only with unscoped read and
 * write access (a path-scoped grant cannot bound where a link points); a process granted its
 * cache and lock file only (`deno task pull`) runs `ln -s` instead (`--allow-run=ln`).
 */
async function makeSymlink(target: string, path: string): Promise<void> {
  const unscoped = (["read", "write"] as const).every((name) =>
    Deno.permissions.querySync({ name }).state === "granted"
  );
  if (unscoped) return await Deno.symlink(target, path);
  const out = await new Deno.Command("ln", {
    args: ["-s", "--", target, path],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`ln -s ${target} ${path}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

/** The kinds of Hub repository pulled: models and datasets. */
export type RepoType = "model" | "dataset";

/** The paths of one repository in the cache. */
export class RepoCache {
  /** The repository's folder, `<cache>/models--org--name` (`datasets--org--name`). */
  readonly dir: string;

  /** The cache folder, the repository id (`org/name`) and its kind. */
  constructor(
    readonly cacheDir: string,
    readonly repo: string,
    readonly type: RepoType = "model",
  ) {
    this.dir = join(cacheDir, getRepoFolderName({ type, name: repo }));
  }

  /** The snapshot folder of a commit. */
  snapshot(sha: string): string {
    return join(this.dir, "snapshots", sha);
  }

  /** A file of a commit's snapshot (a symlink to its blob). */
  pointer(sha: string, path: string): string {
    return join(this.snapshot(sha), path);
  }

  /** The blob named by an etag. */
  blob(etag: string): string {
    return join(this.dir, "blobs", etag);
  }

  /** The lock file held while the blob `etag` is downloaded. */
  lockFile(etag: string): string {
    return join(this.cacheDir, ".locks", this.dir.slice(this.cacheDir.length + 1), `${etag}.lock`);
  }

  /** The ref file of a branch or tag. */
  refFile(revision: string): string {
    return join(this.dir, "refs", revision);
  }

  /** The commit a revision stands for here: itself when a sha, else `refs/<revision>`'s. */
  async cachedSha(revision: string): Promise<string | undefined> {
    if (isCommitSha(revision)) return revision;
    try {
      const sha = (await Deno.readTextFile(this.refFile(revision))).trim();
      return isCommitSha(sha) ? sha : undefined;
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound || cause instanceof Deno.errors.NotADirectory) {
        return undefined;
      }
      throw cause;
    }
  }

  /** Records that `revision` (a branch or tag) points to `sha`; nothing for a sha. */
  async writeRef(revision: string, sha: string): Promise<void> {
    if (revision === sha) return;
    const file = this.refFile(revision);
    await Deno.mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${Deno.pid}.tmp`;
    await Deno.writeTextFile(tmp, sha);
    await Deno.rename(tmp, file);
  }

  /** The size of a snapshot file's content, or undefined when it (or its blob) is missing. */
  async cachedSize(sha: string, path: string): Promise<number | undefined> {
    try {
      return (await Deno.stat(this.pointer(sha, path))).size;
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound || cause instanceof Deno.errors.NotADirectory) {
        return undefined;
      }
      throw cause;
    }
  }

  /** Points a snapshot file at its blob with a relative symlink (replacing what was there). */
  async link(sha: string, path: string, etag: string): Promise<void> {
    const pointer = this.pointer(sha, path);
    await Deno.mkdir(dirname(pointer), { recursive: true });
    await Deno.remove(pointer).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    await makeSymlink(relative(dirname(pointer), this.blob(etag)), pointer);
  }

  /** Every file of a snapshot, relative to it with `/` separators; empty when there is none. */
  async snapshotFiles(sha: string): Promise<string[]> {
    const root = this.snapshot(sha);
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      for await (const e of Deno.readDir(rel ? join(root, rel) : root)) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory) await walk(path);
        else out.push(path);
      }
    };
    try {
      await walk("");
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound) return [];
      throw cause;
    }
    return out.sort();
  }
}
