/**
 * Write grants worked out when a command starts. A `deno task` line cannot compute a path, so
 * the tasks whose write folders depend on a flag or on `TMPDIR` (`eval`, `bench`) run
 * `src/cli/launch.ts`, which replaces these placeholders in the real command's `--allow-*=`
 * lists and starts it:
 *
 * - `@out`: the command's `--out` folder (its last `--out`, else {@linkcode RESULTS_DIR});
 * - `@temp`: this user's temp folder, `<os temp>/encoder-bench-<uid>` (`tmp_root.ts`);
 * - `@systemp`: the operating system's temp folder (`TMPDIR`, else `/tmp`);
 * - `@hub` (for `--allow-net`): the Hugging Face Hub's hosts (`HF_ENDPOINT`'s host; for
 *   huggingface.co also its CDN hosts, `src/hub/env.ts`);
 * - `@hfcache`: the Hub cache folder (`HF_HUB_CACHE`, `HF_HOME`, ...; `src/hub/env.ts`);
 * - `@lock`: the command's `--lock` file (else {@linkcode DEFAULT_LOCK_FILE}) and the temp
 *   file it is written through;
 * - `@pulled`: the pulled datasets' folder, `<--datasets-dir, else datasets>/hub`.
 *
 * @module
 */
import { hubCacheDir, hubEndpoint, hubHosts } from "../hub/env.ts";
import { DEFAULT_LOCK_FILE } from "../hub/lock_file.ts";
import { benchTmpRoot, osTempDir } from "../scheduler/tmp_root.ts";

/** The results store's folder: eval's `--out` default, and what `@out` grants without it. */
export const RESULTS_DIR = "leaderboard/results";

/** The last value of `flag` in `args` (`--flag v` or `--flag=v`), if any. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === flag && i + 1 < args.length) value = args[++i];
    else if (a.startsWith(`${flag}=`)) value = a.slice(flag.length + 1);
  }
  return value;
}

/**
 * The paths one item of an `--allow-*=` list stands for, given the command's arguments: a
 * placeholder's paths, or the item itself.
 */
export function expandGrant(item: string, args: readonly string[]): string[] {
  switch (item) {
    case "@out": {
      const out = flagValue(args, "--out") ?? RESULTS_DIR;
      return out === "" ? [] : [out];
    }
    case "@temp":
      return [benchTmpRoot()];
    case "@systemp":
      return [osTempDir()];
    case "@hub":
      return hubHosts(hubEndpoint());
    case "@hfcache":
      return [hubCacheDir()];
    case "@lock": {
      const lock = flagValue(args, "--lock") ?? DEFAULT_LOCK_FILE;
      return [lock, `${lock}.tmp`];
    }
    case "@pulled":
      return [`${(flagValue(args, "--datasets-dir") ?? "datasets").replace(/\/+$/, "")}/hub`];
    default:
      return [item];
  }
}

/** How a refusal line names one item of a task's `--allow-*=` list. */
export function describeGrant(item: string): string {
  try {
    switch (item) {
      case "@out":
        return "its --out folder";
      case "@temp":
        return benchTmpRoot();
      case "@systemp":
        return osTempDir();
      case "@hub":
        return `the Hub's hosts (${hubHosts(hubEndpoint()).join(", ")})`;
      case "@hfcache":
        return `the Hub cache ${hubCacheDir()}`;
      case "@lock":
        return "its --lock file";
      case "@pulled":
        return "its --datasets-dir's hub/ folder";
    }
  } catch { /* no permission to read TMPDIR or the uid */ }
  return item.startsWith("@") ? `the folder ${item} stands for` : item;
}
