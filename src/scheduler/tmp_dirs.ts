/**
 * An eval's temporary folder (`$TMPDIR/encoder-bench/eval-<pid>-*`, holding its
 * owner in `owner.json` and its cell workers' folders) and the removal of
 * folders left behind by evals that died without cleaning up (SIGKILL).
 *
 * @module
 */
import { type Owner, ownerAlive, parseOwner } from "./owner.ts";
import { benchTmpRoot } from "./tmp_root.ts";

const PREFIX = "eval-";

/** Makes this eval's temporary folder and writes its owner into it. */
export async function makeEvalTmpDir(owner: Owner): Promise<string> {
  const root = benchTmpRoot();
  await Deno.mkdir(root, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: root, prefix: `${PREFIX}${owner.pid}-` });
  await Deno.writeTextFile(`${dir}/owner.json`, JSON.stringify(owner));
  return dir;
}

/**
 * Removes the temporary folders of evals that are no longer running; returns
 * the folders removed. Folders without a readable owner are left alone.
 */
export async function removeStaleTmpDirs(root: string = benchTmpRoot()): Promise<string[]> {
  const removed: string[] = [];
  try {
    for await (const e of Deno.readDir(root)) {
      if (!e.isDirectory || !e.name.startsWith(PREFIX)) continue;
      const dir = `${root}/${e.name}`;
      const owner = parseOwner(await Deno.readTextFile(`${dir}/owner.json`).catch(() => ""));
      if (!owner || ownerAlive(owner)) continue;
      try {
        await Deno.remove(dir, { recursive: true });
        removed.push(dir);
      } catch { /* another eval removed it, or it is not ours to remove */ }
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return removed;
}
