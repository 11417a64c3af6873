/**
 * Symbolic links in a store: a store reads only regular files, so a link where a run or
 * samples file belongs is skipped with a warning saying which and why.
 *
 * @module
 */

/**
 * Why a symbolic link where a run file belongs is skipped: the store reads only regular files,
 * so no link can pull a file from outside the store into it, and merge, which rewrites run
 * files by rename, never swaps a link for a copy behind its owner's back.
 */
export function linkSkipped(path: string): string {
  return `${path}: a symbolic link, skipped (a store reads only regular files, so a link ` +
    `cannot bring in a file from outside it; copy the file in instead)`;
}

/** Whether `path` is a symbolic link (false when it is missing). */
export async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await Deno.lstat(path)).isSymlink;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}
