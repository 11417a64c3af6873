/**
 * Where a site build writes, kept apart from what it reads. A build renders into a staging
 * folder beside `--out`, then swaps it in and deletes the old site, so an `--out` that held
 * (or lay inside) the results store, the model zoo or the tasks would delete or overwrite
 * them. Paths are compared as real paths (symbolic links followed, `..` resolved), through
 * the deepest part of each path that exists.
 *
 * @module
 */
import { resolve } from "node:path";
import { ConfigError } from "../core/errors.ts";

/**
 * The staging folder a build renders into and the old site's parking place, beside `outDir`
 * in its parent folder.
 */
export function stagingFolders(outDir: string): { parent: string; staging: string; old: string } {
  const trimmed = outDir.replace(/(.)\/+$/, "$1");
  const slash = trimmed.lastIndexOf("/");
  const parent = slash >= 0 ? trimmed.slice(0, slash) || "/" : ".";
  const name = trimmed.slice(slash + 1);
  return { parent, staging: `${parent}/.${name}.tmp`, old: `${parent}/.${name}.old` };
}

/** A folder a build reads, with the flag (or the fixed role) that names it. */
export interface ReadFolder {
  /** `--results`, `--models`, ... or a phrase for a fixed folder (`the datasets folder`). */
  readonly flag: string;
  /** The path as given. */
  readonly path: string;
}

/** `path` with symbolic links resolved through its deepest existing ancestor. */
async function realPath(path: string): Promise<string> {
  const abs = resolve(path);
  const rest: string[] = [];
  let head = abs;
  for (;;) {
    try {
      const real = await Deno.realPath(head);
      return rest.length === 0 ? real : `${real.replace(/\/$/, "")}/${rest.join("/")}`;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound) && !(err instanceof Deno.errors.NotADirectory)) {
        throw err;
      }
      const slash = head.lastIndexOf("/");
      if (slash <= 0) return abs;
      rest.unshift(head.slice(slash + 1));
      head = head.slice(0, slash);
    }
  }
}

/** Whether `inner` is `outer` or lies inside it (both real, absolute paths). */
function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith("/") ? outer : `${outer}/`);
}

/**
 * Throws {@linkcode ConfigError} (one line naming both flags and paths) when `outDir`, or the
 * staging folders beside it, equals, contains or lies inside any folder in `reads`.
 */
export async function assertOutApart(
  outDir: string,
  reads: readonly ReadFolder[],
): Promise<void> {
  const { staging, old } = stagingFolders(outDir);
  const written = [
    { role: "", path: await realPath(outDir) },
    { role: ` (its staging folder ${staging})`, path: await realPath(staging) },
    { role: ` (its old-site folder ${old})`, path: await realPath(old) },
  ];
  for (const read of reads) {
    const r = await realPath(read.path);
    for (const w of written) {
      const how = r === w.path
        ? "is"
        : within(r, w.path)
        ? "contains"
        : within(w.path, r)
        ? "lies inside"
        : null;
      if (how === null) continue;
      throw new ConfigError(
        `--out ${outDir}${w.role} ${how} ${read.flag} ${read.path}: a build replaces --out, ` +
          `so it would delete or overwrite what it reads; choose an --out apart from it`,
      );
    }
  }
}
