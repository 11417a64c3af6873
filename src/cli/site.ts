/**
 * `deno task site [--results DIR] [--out DIR] [--models DIR] [--tasks DIR] [--allow-empty]`:
 * renders the static leaderboard from the results store into
 * `leaderboard/dist/` (HTML, CSS, chart.js, JSON and CSV downloads).
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import { UsageError } from "./_errors.ts";
import { assertInputFolder, assertOutputFolder } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { buildSite, loadSiteData } from "../site/build.ts";
import { assertOutApart } from "../site/out_dir.ts";
import { loadModelCards, loadShapeMirrors, loadTaskMeta } from "../site/load.ts";
import { prepareDeviceFiles } from "../site/device_files.ts";

/** Options shared by `site` and `serve`. */
export interface SiteCliOptions {
  readonly results: string;
  readonly out: string;
  readonly models: string;
  readonly tasks: string;
  /** Build even from a store without valid cell records. */
  readonly allowEmpty?: boolean;
}

/**
 * The fixed folders the device page's files are read from (`prepareDeviceFiles` below): an
 * `--out` must keep apart from them as from the flags' folders.
 */
const DEVICE_DATASETS = "datasets";
const DEVICE_BUNDLES = "leaderboard/.device";
const DEVICE_INPUTS = [
  { flag: "the datasets folder", path: DEVICE_DATASETS },
  { flag: "the device bundles folder", path: DEVICE_BUNDLES },
] as const;

/** Builds the site with model cards and task descriptions; returns a one-line summary. */
export async function buildFromCli(o: SiteCliOptions): Promise<string> {
  const t0 = performance.now();
  const info = await Deno.stat(o.results).catch(() => null);
  if (info === null || !info.isDirectory) {
    throw new UsageError(`--results: not a folder: ${JSON.stringify(o.results)}`);
  }
  await assertInputFolder("--models", o.models);
  await assertOutApart(o.out, [
    { flag: "--results", path: o.results },
    { flag: "--models", path: o.models },
    { flag: "--tasks", path: o.tasks },
    ...DEVICE_INPUTS,
  ]);
  // Read once: the device files and the pages both use it.
  const data = await loadSiteData(o.results, { onWarning: (m) => console.warn(`warning: ${m}`) });
  const ids = [...new Set([...data.records.values()].map((c) => c.model.id))];
  const modelCards = await loadModelCards(o.models, ids);
  const taskMeta = await loadTaskMeta(o.tasks);
  const shapeMirrors = await loadShapeMirrors(`${o.models}/shapes.json`);
  const device = await prepareDeviceFiles({
    models: o.models,
    tasks: o.tasks,
    datasets: DEVICE_DATASETS,
    bundles: DEVICE_BUNDLES,
    records: [...data.records.values()],
    samples: data.samples,
  });
  const res = await buildSite({
    resultsDir: o.results,
    outDir: o.out,
    modelCards,
    taskMeta,
    shapeMirrors,
    allowEmpty: o.allowEmpty === true,
    device,
    data,
  });
  const s = ((performance.now() - t0) / 1000).toFixed(2);
  return `site: ${res.cells} cells -> ${res.files.length} files in ${res.outDir}/ (${s} s)`;
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("site")
    .description("Render the static leaderboard from the results store.")
    .option("--results <dir>", "results folder", "leaderboard/results")
    .option("--out <dir>", "output folder", "leaderboard/dist")
    .option(
      "--models <dir>",
      "model zoo folder (for model cards and the shape catalog's public models)",
      "models",
    )
    .option("--tasks <dir>", "tasks folder (for task descriptions)", "tasks")
    .option("--allow-empty", "replace the site even when the store has no valid cell record")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  await assertOutputFolder("--out", opts.out);
  console.log(await buildFromCli(opts));
  return 0;
}

runCli(import.meta, main);
