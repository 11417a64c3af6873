/**
 * Renders the site to plain files with Hono's `toSSG`: into a fresh staging
 * folder beside the output, then swapped in with renames, so a failed build
 * leaves the previous site intact.
 *
 * @module
 */
import { toSSG } from "hono/ssg";
import v8 from "node:v8";
import vm from "node:vm";
import { BenchError } from "../core/errors.ts";
import {
  buildReport,
  type CellRecord,
  latestByKey,
  type Report,
  type SamplesByCell,
} from "../report/mod.ts";
import { createSiteApp } from "./app.tsx";
import { buildSiteIndex } from "./site_index.ts";
import type { ModelCard, PublicModel, SiteAssets, SiteInput, TaskMeta } from "./input.ts";
import type { DeviceFiles } from "./device_files.ts";
import { writeDataFiles, writeSamplePages } from "./data_files.ts";
import { loadStore } from "./load.ts";
import { precompress } from "./precompress.ts";
import { stagingFolders } from "./out_dir.ts";

/** Options of {@link buildSite}. */
export interface BuildSiteOptions {
  /** Results folder (default `leaderboard/results`). */
  readonly resultsDir?: string;
  /** Output folder (default `leaderboard/dist`). */
  readonly outDir?: string;
  /** Model cards by id (default: none). */
  readonly modelCards?: ReadonlyMap<string, ModelCard>;
  /** Task metadata by id (default: none). */
  readonly taskMeta?: ReadonlyMap<string, TaskMeta>;
  /** The public model each shape mirrors, by shape id (default: none). */
  readonly shapeMirrors?: ReadonlyMap<string, PublicModel>;
  /** Build time to record (default now). */
  readonly generatedAt?: string;
  /** The "Run on this device" files (manifest, bundles, wasm, models); default none. */
  readonly device?: DeviceFiles;
  /** What the pages are built from, by {@link loadSiteData} (default: read from `resultsDir`). */
  readonly data?: SiteData;
  /** Called once per skipped results line. */
  readonly onWarning?: (message: string) => void;
  /**
   * Build even when the results folder holds no valid cell record (default
   * false: such a build throws {@link SiteBuildError} and leaves the output
   * folder untouched, so an empty or broken store never blanks a site).
   */
  readonly allowEmpty?: boolean;
}

/**
 * A build refused before anything was written (the output folder is untouched). A
 * `BenchError`, so every CLI prints it as one line and exits 2.
 */
export class SiteBuildError extends BenchError {}

/** The marker file every built site holds; a folder without it is never replaced. */
export const SITE_MARKER = ".nojekyll";

/**
 * Throws when `dir` exists and is something a build must not replace: a file,
 * or a non-empty folder without {@link SITE_MARKER} (not a built site, e.g.
 * `--out .` or `--out ~`).
 */
export async function assertReplaceable(dir: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw new SiteBuildError(`--out: cannot read ${JSON.stringify(dir)}: ${err}`, { cause: err });
  }
  if (!info.isDirectory) {
    throw new SiteBuildError(`--out: not a folder: ${JSON.stringify(dir)}`);
  }
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name === SITE_MARKER) return;
  }
  for await (const _ of Deno.readDir(dir)) {
    throw new SiteBuildError(
      `--out: ${JSON.stringify(dir)} is a non-empty folder that is not a built site ` +
        `(no ${SITE_MARKER}); refusing to replace it`,
    );
  }
}

/** What a build wrote. */
export interface BuildSiteResult {
  /** Output folder. */
  readonly outDir: string;
  /** Files written, relative to the output folder. */
  readonly files: string[];
  /** Cells read. */
  readonly cells: number;
  /** Warnings from the results reader. */
  readonly warnings: string[];
}

const ASSET_DIR = new URL("./assets/", import.meta.url);
const CHART_JS = new URL("../../node_modules/chart.js/dist/chart.umd.min.js", import.meta.url);
/** The pages' script (served as `assets/client.js`): `src/browser/site.ts`, bundled. */
const CLIENT_JS = new URL("../../leaderboard/.device/site.js", import.meta.url);

/** Reads the stylesheet, the client script and chart.js's UMD build. */
export async function readAssets(): Promise<SiteAssets> {
  let chartJs: string;
  try {
    chartJs = await Deno.readTextFile(CHART_JS);
  } catch (err) {
    throw new Error(
      `site: cannot read chart.js from ${CHART_JS.pathname} (run \`deno install\`): ${err}`,
    );
  }
  let clientJs: string;
  try {
    clientJs = await Deno.readTextFile(CLIENT_JS);
  } catch (err) {
    throw new SiteBuildError(
      `site: cannot read ${CLIENT_JS.pathname} (run \`deno task bundle\`): ${err}`,
      { cause: err },
    );
  }
  return {
    css: await Deno.readTextFile(new URL("style.css", ASSET_DIR)),
    clientJs,
    chartJs,
  };
}

/**
 * Renders every route of the site app into `dir` with toSSG, and writes the downloads that grow
 * with the store in pieces (`data_files.ts`); returns the files written, sorted.
 */
export async function renderTo(
  input: SiteInput,
  assets: SiteAssets,
  dir: string,
): Promise<string[]> {
  const index = buildSiteIndex(input);
  const app = createSiteApp(index, assets);
  // Synchronous writes: many small files go faster without the async thread-pool hop.
  const fs = {
    writeFile: (path: string, data: string | Uint8Array): Promise<void> => {
      if (typeof data === "string") Deno.writeTextFileSync(path, data);
      else Deno.writeFileSync(path, data);
      return Promise.resolve();
    },
    mkdir: (path: string, opts: { recursive: boolean }): Promise<void> => {
      Deno.mkdirSync(path, opts);
      return Promise.resolve();
    },
  };
  const result = await toSSG(app, fs, { dir, concurrency: 16 });
  if (!result.success) throw result.error ?? new Error("site: static generation failed");
  const files = result.files.map((f) => f.slice(dir.length + 1));
  files.push(...writeDataFiles(dir, index.report, index.tables));
  files.push(...writeSamplePages(dir, index.cells, index.samples));
  return files.sort();
}

async function removeIfExists(path: string): Promise<void> {
  try {
    await Deno.remove(path, { recursive: true });
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

/** Writes the device page's manifest and copies its files into `dir`. */
async function writeDevice(d: DeviceFiles, dir: string): Promise<string[]> {
  await Deno.writeTextFile(`${dir}/manifest.json`, JSON.stringify(d.manifest));
  const out = ["device/manifest.json"];
  for (const c of d.copies) {
    const to = `${dir}/${c.to}`;
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(c.from, to);
    out.push(`device/${c.to}`);
  }
  return out;
}

/**
 * What the pages are built from, once the store is read: the report, the newest record of each
 * cell and their samples. The store's other records are not kept (a big store's history would
 * otherwise stay in memory while every page is rendered).
 */
export interface SiteData {
  /** The report of every record. */
  readonly report: Report;
  /** The record standing for each cell key (`latestByKey`), in store order. */
  readonly records: ReadonlyMap<string, CellRecord>;
  /** Those records' samples (quality cells), by cell key. */
  readonly samples: SamplesByCell;
  /** Cell records read. */
  readonly cells: number;
  /** Messages about skipped lines. */
  readonly warnings: string[];
}

/**
 * Reads a results folder once and reduces it to {@link SiteData}, then collects the garbage
 * (the store's other records).
 */
export async function loadSiteData(
  resultsDir: string,
  options: { readonly onWarning?: (message: string) => void; readonly generatedAt?: string } = {},
): Promise<SiteData> {
  const data = await reduceStore(resultsDir, options);
  collectGarbage();
  return data;
}

async function reduceStore(
  resultsDir: string,
  options: { readonly onWarning?: (message: string) => void; readonly generatedAt?: string },
): Promise<SiteData> {
  const store = await loadStore(
    resultsDir,
    options.onWarning ? { onWarning: options.onWarning } : {},
  );
  const report = buildReport(store.cells, {
    samples: store.samples,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  return {
    report,
    records: new Map(latestByKey(store.cells).map((c) => [c.cellKey, c])),
    samples: store.samples,
    cells: store.cells.length,
    warnings: store.warnings,
  };
}

/**
 * A full garbage collection, at the points where much has just died: once the store is reduced
 * to {@link SiteData}, and once the pages are written. V8 lets the heap grow before its next
 * full collection by a multiple of what was live at the last one, which ran while every record
 * of the store was: on a 100,000-record store the build then grew to 1,416 MiB of RSS, mostly
 * dead records and page text, before collecting them (925 MiB with these two collections).
 * `gc` is exposed through the V8 flag, set at run time, and a fresh context.
 */
function collectGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

/** Loads the results, builds the report and writes the site. */
export async function buildSite(options: BuildSiteOptions = {}): Promise<BuildSiteResult> {
  const resultsDir = options.resultsDir ?? "leaderboard/results";
  const outDir = (options.outDir ?? "leaderboard/dist").replace(/(.)\/+$/, "$1");
  await assertReplaceable(outDir);
  const data = options.data ?? await loadSiteData(resultsDir, {
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  if (data.cells === 0 && !options.allowEmpty) {
    const skipped = data.warnings.length;
    throw new SiteBuildError(
      `--results: no valid cell record in ${JSON.stringify(resultsDir)}` +
        (skipped > 0 ? ` (${skipped} lines skipped)` : "") +
        `; refusing to replace ${JSON.stringify(outDir)} (pass --allow-empty to build anyway)`,
    );
  }
  const input: SiteInput = {
    report: data.report,
    records: data.records,
    samples: data.samples,
    modelCards: options.modelCards ?? new Map(),
    taskMeta: options.taskMeta ?? new Map(),
    shapeMirrors: options.shapeMirrors ?? new Map(),
  };
  const assets = await readAssets();
  const { parent, staging, old } = stagingFolders(outDir);
  // Create the parent only when missing: mkdir on an existing folder still needs its write permission.
  if (!(await Deno.stat(parent).then(() => true, () => false))) {
    await Deno.mkdir(parent, { recursive: true });
  }
  await removeIfExists(staging);
  let files: string[];
  try {
    files = await renderTo(input, assets, staging);
    await Deno.writeTextFile(`${staging}/${SITE_MARKER}`, "");
    files.push(SITE_MARKER);
    if (options.device) files.push(...await writeDevice(options.device, `${staging}/device`));
    // The pages' garbage goes before precompression adds its streams' buffers.
    collectGarbage();
    files.push(...await precompress(staging, files));
  } catch (err) {
    await removeIfExists(staging);
    throw err;
  }
  await removeIfExists(old);
  try {
    await Deno.rename(outDir, old);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  await Deno.rename(staging, outDir);
  await removeIfExists(old);
  return { outDir, files, cells: data.cells, warnings: data.warnings };
}
