/**
 * An eval's temporary folder (`<temp folder>/eval-<pid>-*`, see `tmp_root.ts`), holding its
 * owner in `owner.json` (locked by the eval for as long as it runs, `owner.ts`) and its cell
 * workers' folders; the removal of folders left behind by evals that died without cleaning up
 * (SIGKILL); and the count of this user's evals running now.
 *
 * @module
 */
import { holdOwnerFile, type Owner, ownerState } from "./owner.ts";
import { benchTmpRoot } from "./tmp_root.ts";

const PREFIX = "eval-";
const OWNER_FILE = "owner.json";

/** This eval's temporary folder. */
export interface EvalTmpDir {
  /** Where it is. */
  readonly path: string;
  /** Gives up the owner file and removes the folder (synchronous, for signal handlers). */
  removeSync(): void;
}

/**
 * Makes this eval's temporary folder in `root` (an existing, checked temp folder: see
 * `ensureBenchTmpRoot`) and holds its owner file.
 */
export async function makeEvalTmpDir(owner: Owner, root: string): Promise<EvalTmpDir> {
  const path = await Deno.makeTempDir({ dir: root, prefix: `${PREFIX}${owner.pid}-` });
  const held = holdOwnerFile(`${path}/${OWNER_FILE}`, owner);
  return {
    path,
    removeSync: () => {
      held.release();
      try {
        Deno.removeSync(path, { recursive: true });
      } catch { /* gone already */ }
    },
  };
}

function evalDirs(root: string): string[] {
  try {
    return [...Deno.readDirSync(root)].filter((e) => e.isDirectory && e.name.startsWith(PREFIX))
      .map((e) => `${root}/${e.name}`);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
}

/**
 * Removes the temporary folders of evals that are no longer running (their owner file can be
 * locked); returns the folders removed. Folders without an owner file (being made, or being
 * removed) are left alone.
 */
export async function removeStaleTmpDirs(root: string = benchTmpRoot()): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of evalDirs(root)) {
    if (ownerState(`${dir}/${OWNER_FILE}`).state !== "dead") continue;
    try {
      await Deno.remove(dir, { recursive: true });
      removed.push(dir);
    } catch { /* another eval removed it */ }
  }
  return removed;
}

/** The ids of the evals running now whose temporary folders are in `root`. */
export function liveEvalIds(root: string = benchTmpRoot()): string[] {
  const ids: string[] = [];
  for (const dir of evalDirs(root)) {
    const found = ownerState(`${dir}/${OWNER_FILE}`);
    if (found.state === "live") ids.push(found.owner?.id ?? dir);
  }
  return ids;
}
