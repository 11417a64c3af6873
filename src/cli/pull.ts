/**
 * `deno task pull model ORG/NAME[@REV] [--dtype D] [--lock FILE] [--offline] [--update]`:
 * pulls a model from the Hugging Face Hub into the Hub cache (the one Python's
 * `huggingface_hub` and transformers.js use; `HF_HUB_CACHE`, `HF_HOME`), only the files the
 * engine needs for the dtype, each checked against its hash, and records the commit and the
 * files' sha256 in the lock file. A locked model whose files are cached asks the Hub nothing.
 * Progress goes to stderr; the snapshot folder (the model folder to evaluate) to stdout.
 *
 * `deno task pull` runs it through `src/cli/launch.ts`, which grants network access to the
 * Hub's hosts only (`HF_ENDPOINT`'s host; for huggingface.co also its CDN hosts,
 * `*.huggingface.co` and `*.hf.co`), read and write access to the Hub cache and the lock
 * file only, and `ln`: the cache's snapshot files are symlinks to its blobs, and Deno makes a
 * symlink itself only with unscoped `--allow-read` and `--allow-write`.
 *
 * Exit codes: 0 pulled (or already there); 2 bad flags, an unknown repository, revision or
 * file, a token needed, a file that does not match its hash (removed), or offline with the
 * model not in the cache.
 *
 * @module
 */
import { Argument, Option } from "commander";
import { DTYPE_SUFFIX } from "../core/dtype.ts";
import {
  DEFAULT_LOCK_FILE,
  formatRepoSpec,
  hubSettings,
  parseRepoSpec,
  pullModel,
  pullProgress,
} from "../hub/mod.ts";
import { formatBytes } from "../core/format_bytes.ts";
import { newCommand } from "./_command.ts";
import { refusalLine, UsageError } from "./_errors.ts";
import { runCli } from "./_run.ts";

function assertMay(kind: "read" | "write", path: string, what: string): void {
  if (Deno.permissions.querySync({ name: kind, path }).state !== "granted") {
    throw new UsageError(refusalLine(kind, `${what} ${path}`));
  }
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("pull")
    .description(
      "Pull a model from the Hugging Face Hub into the Hub cache (only the files the engine " +
        "needs for the dtype).",
    )
    .addArgument(new Argument("<kind>", "what to pull").choices(["model"] as const))
    .argument("<repo>", "ORG/NAME[@REVISION] (a branch, a tag or a commit sha; default main)")
    .addOption(
      new Option("--dtype <dtype>", "the ONNX files' dtype variant")
        .choices(Object.keys(DTYPE_SUFFIX)).default("fp32"),
    )
    .option("--lock <file>", "lock file to read and update", DEFAULT_LOCK_FILE)
    .option("--offline", "use the Hub cache only (as HF_HUB_OFFLINE=1)")
    .option("--update", "ask the Hub what the revision points to now, even when locked")
    .allowExcessArguments(false);
  program.parse(args, { from: "user" });
  const opts = program.opts();
  const spec = parseRepoSpec(program.args[1]!, "argument");
  const env = hubSettings();
  const settings = opts.offline ? { ...env, offline: true } : env;
  if (settings.offline && opts.update) {
    throw new UsageError("--update asks the Hub, which offline use does not");
  }
  for (const kind of ["read", "write"] as const) {
    assertMay(kind, settings.cacheDir, "the Hub cache");
    assertMay(kind, opts.lock, "--lock");
  }
  const result = await pullModel(spec, {
    settings,
    dtype: opts.dtype,
    lockFile: opts.lock,
    update: opts.update === true,
    onEvent: pullProgress({
      write: (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)),
      tty: Deno.stderr.isTerminal(),
    }),
  });
  const total = result.files.reduce((n, f) => n + f.size, 0);
  console.error(
    `${formatRepoSpec(spec)}: ${result.files.length} files, ${formatBytes(total)} ` +
      `(${formatBytes(result.fetched)} downloaded); lock: ${opts.lock}`,
  );
  console.log(result.dir);
  return 0;
}

runCli(import.meta, main);
