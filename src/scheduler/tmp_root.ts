/**
 * The one folder an eval writes outside its results folder: the per-user temp folder
 * `<os temp>/encoder-bench-<uid>` (os temp = `TMPDIR`, else `/tmp`, as `Deno.makeTempDir` has
 * it). It holds each eval's temporary folder (`eval-<pid>-*`) and this user's device locks
 * (`locks/`). It is made with mode 0700 and refused when it is a symbolic link, not a folder,
 * owned by another user or open to group or others: a folder someone else controls could
 * redirect the eval's files or lock it out. Inside a folder only its owner can enter, no one
 * else can replace what the checks saw. `deno task eval` grants write access to exactly this
 * folder and the results folder (`src/cli/launch.ts` works out where it is).
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";

/** The operating system's temp folder: `TMPDIR` when set and not empty, else `/tmp`. */
export function osTempDir(): string {
  const tmp = Deno.env.get("TMPDIR") ?? "";
  return tmp === "" ? "/tmp" : tmp.replace(/(.)\/+$/, "$1");
}

/** This user's temp folder: `<os temp>/encoder-bench-<uid>` (not checked: see below). */
export function benchTmpRoot(): string {
  const uid = Deno.uid();
  const tmp = osTempDir();
  return `${tmp === "/" ? "" : tmp}/encoder-bench-${uid ?? "user"}`;
}

function lstat(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/**
 * Makes this user's temp folder (mode 0700) when it is missing and checks it: throws a
 * `ConfigError` naming the folder when it is a symbolic link, not a folder, owned by another
 * user or open to group or others. Returns the folder.
 */
export function ensureBenchTmpRoot(root: string = benchTmpRoot()): string {
  let info = lstat(root);
  if (info === null) {
    try {
      Deno.mkdirSync(root, { mode: 0o700 });
      Deno.chmodSync(root, 0o700);
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) {
        throw new ConfigError(
          `the temp folder cannot be made (${(err as Error).message.split("\n")[0]}); ` +
            `set TMPDIR to an existing folder you may write`,
          { file: root, cause: err },
        );
      }
    }
    info = Deno.lstatSync(root);
  }
  const refuse = (why: string, fix: string): never => {
    throw new ConfigError(
      `the temp folder ${why}: refusing to use it (${fix}, or set TMPDIR to another folder)`,
      { file: root },
    );
  };
  if (info.isSymlink) refuse("is a symbolic link", "remove the link");
  if (!info.isDirectory) refuse("is not a folder", "remove it");
  const uid = Deno.uid();
  if (uid !== null && info.uid !== null && info.uid !== uid) {
    refuse(`is owned by uid ${info.uid}, not by you (uid ${uid})`, "have its owner remove it");
  }
  if (info.mode !== null && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, "0");
    refuse(`is open to group or others (mode ${mode})`, "chmod 700 it");
  }
  return root;
}
