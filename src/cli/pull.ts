/**
 * `deno task pull model ORG/NAME[@REV] [--dtype D] [--lock FILE] [--offline] [--update]`:
 * pulls a model from the Hugging Face Hub into the Hub cache (the one Python's
 * `huggingface_hub` and transformers.js use; `HF_HUB_CACHE`, `HF_HOME`), only the files the
 * engine needs for the dtype, each checked against its hash, and records the commit and the
 * files' sha256 in the lock file. A locked model whose files are cached asks the Hub nothing.
 * Progress goes to stderr; the snapshot folder (the model folder to evaluate) to stdout.
 *
 * `deno task pull dataset ORG/NAME[@REV] [--config C] [--split S ...] [--datasets-dir DIR]`:
 * pulls a dataset config's parquet files (by default from the Hub's parquet export, the
 * `refs/convert/parquet` branch) into the Hub cache likewise (`datasets--org--name/...`,
 * locked under `datasets` in the lock file), then writes its splits in the project's sample
 * form (JSONL and a manifest pinning the commit and every parquet file's sha256) into
 * `<datasets-dir>/hub/<org>--<name>/<config>/`, where the tasks that name the dataset read
 * it. The pulled folder goes to stdout.
 *
 * `deno task pull` runs it through `src/cli/launch.ts`, which grants network access to the
 * Hub's hosts only (`HF_ENDPOINT`'s host; for huggingface.co also its CDN hosts,
 * `*.huggingface.co` and `*.hf.co`), read and write access to the Hub cache, the lock file
 * and the pulled datasets' folder only, and `ln`: the cache's snapshot files are symlinks to
 * its blobs, and Deno makes a symlink itself only with unscoped `--allow-read` and
 * `--allow-write`.
 *
 * Exit codes: 0 pulled (or already there); 2 bad flags, an unknown repository, revision,
 * config, split or file, a token needed, a file that does not match its hash (removed), or
 * offline with the model or dataset not in the cache.
 *
 * @module
 */
import { Argument, Option } from "commander";
import { DTYPE_SUFFIX } from "../core/dtype.ts";
import { DEFAULT_DATASET_REVISION } from "../core/task.ts";
import { pulledDatasetDir, writePulledDataset } from "../datasets/mod.ts";
import {
  DEFAULT_LOCK_FILE,
  formatRepoSpec,
  type HubSettings,
  hubSettings,
  parseRepoSpec,
  pullDataset,
  pullModel,
  pullProgress,
} from "../hub/mod.ts";
import { formatBytes } from "../core/format_bytes.ts";
import { newCommand } from "./_command.ts";
import { refusalLine, UsageError } from "./_errors.ts";
import { repeatFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";

function assertMay(kind: "read" | "write", path: string, what: string): void {
  if (Deno.permissions.querySync({ name: kind, path }).state !== "granted") {
    throw new UsageError(refusalLine(kind, `${what} ${path}`));
  }
}

const progress = () =>
  pullProgress({
    write: (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)),
    tty: Deno.stderr.isTerminal(),
  });

interface DatasetFlags {
  readonly config: string;
  readonly split?: string[];
  readonly datasetsDir: string;
  readonly lock: string;
  readonly update?: true;
}

async function pullDatasetCli(
  text: string,
  opts: DatasetFlags,
  settings: HubSettings,
): Promise<number> {
  const spec = parseRepoSpec(
    text.includes("@") ? text : `${text}@${DEFAULT_DATASET_REVISION}`,
    "argument",
  );
  if (!/^[A-Za-z0-9_.-]+$/.test(opts.config)) {
    throw new UsageError(`--config: not a config name: ${JSON.stringify(opts.config)}`);
  }
  for (const s of opts.split ?? []) {
    if (!/^[A-Za-z0-9_.-]+$/.test(s)) {
      throw new UsageError(`--split: not a split name: ${JSON.stringify(s)}`);
    }
  }
  const dir = pulledDatasetDir(opts.datasetsDir, spec.repo, opts.config);
  assertMay("write", dir, "--datasets-dir");
  const pulled = await pullDataset(spec, {
    settings,
    config: opts.config,
    ...(opts.split ? { splits: [...new Set(opts.split)] } : {}),
    lockFile: opts.lock,
    update: opts.update === true,
    onEvent: progress(),
  });
  await writePulledDataset({
    dir,
    repo: spec.repo,
    revision: spec.revision,
    sha: pulled.sha,
    config: opts.config,
    ...(pulled.licence !== undefined ? { licence: pulled.licence } : {}),
    splits: new Map([...pulled.splits].map(([split, files]) => [split, { files }])),
    onSplit: (split, entry, written) =>
      console.error(
        `${split}: ${entry.count} rows, ${formatBytes(entry.bytes)} ` +
          (written ? `written to ${dir}/${entry.file}` : "already there"),
      ),
  });
  const files = [...pulled.splits.values()].flat();
  console.error(
    `${formatRepoSpec(spec)} (${opts.config}): ${files.length} parquet files, ` +
      `${formatBytes(files.reduce((n, f) => n + f.size, 0))} ` +
      `(${formatBytes(pulled.fetched)} downloaded); lock: ${opts.lock}`,
  );
  console.log(dir);
  return 0;
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("pull")
    .description(
      "Pull a model (only the files the engine needs for the dtype) or a dataset (a config's " +
        "parquet files, turned into samples) from the Hugging Face Hub into the Hub cache.",
    )
    .addArgument(new Argument("<kind>", "what to pull").choices(["model", "dataset"] as const))
    .argument(
      "<repo>",
      "ORG/NAME[@REVISION] (a branch, a tag or a commit sha; default main for a model, " +
        `${DEFAULT_DATASET_REVISION} for a dataset)`,
    )
    .addOption(
      new Option("--dtype <dtype>", "model: the ONNX files' dtype variant")
        .choices(Object.keys(DTYPE_SUFFIX)).default("fp32"),
    )
    .option("--config <name>", "dataset: the config (subset) to pull", "default")
    .option("--split <name>", "dataset: a split to pull (repeatable; default all)", repeatFlag)
    .option(
      "--datasets-dir <dir>",
      "dataset: the datasets folder; the samples go to its hub/ folder",
      "datasets",
    )
    .option("--lock <file>", "lock file to read and update", DEFAULT_LOCK_FILE)
    .option("--offline", "use the Hub cache only (as HF_HUB_OFFLINE=1)")
    .option("--update", "ask the Hub what the revision points to now, even when locked")
    .allowExcessArguments(false);
  program.parse(args, { from: "user" });
  const opts = program.opts();
  const kind = program.args[0] as "model" | "dataset";
  const only = (flag: string, name: string, of: "model" | "dataset"): void => {
    if (kind !== of && program.getOptionValueSource(name) === "cli") {
      throw new UsageError(`${flag} is for pull ${of}, not pull ${kind}`);
    }
  };
  only("--dtype", "dtype", "model");
  for (const [flag, name] of [["--config", "config"], ["--split", "split"]] as const) {
    only(flag, name, "dataset");
  }
  only("--datasets-dir", "datasetsDir", "dataset");
  const env = hubSettings();
  const settings = opts.offline ? { ...env, offline: true } : env;
  if (settings.offline && opts.update) {
    throw new UsageError("--update asks the Hub, which offline use does not");
  }
  for (const access of ["read", "write"] as const) {
    assertMay(access, settings.cacheDir, "the Hub cache");
    assertMay(access, opts.lock, "--lock");
  }
  if (kind === "dataset") {
    return await pullDatasetCli(program.args[1]!, {
      config: opts.config,
      ...(opts.split ? { split: opts.split } : {}),
      datasetsDir: opts.datasetsDir,
      lock: opts.lock,
      ...(opts.update ? { update: true as const } : {}),
    }, settings);
  }
  const spec = parseRepoSpec(program.args[1]!, "argument");
  const result = await pullModel(spec, {
    settings,
    dtype: opts.dtype,
    lockFile: opts.lock,
    update: opts.update === true,
    onEvent: progress(),
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
