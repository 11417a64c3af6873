/**
 * Loads what the site is built from: the cell records of a results folder
 * and their per-sample records, through the results store's tolerant reader
 * (torn or invalid lines are skipped with a warning). The only module of
 * `src/site/` that knows about the store; swap it to read elsewhere. Beside it, what the
 * pages show of the model folders: the zoo's cards, the task registry's descriptions and the
 * public models the shape catalog names.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { readStore } from "../results/reader.ts";
import { forEachSample } from "../results/sample_stream.ts";
import { latestByKey } from "../results/select.ts";
import { loadShapeCatalog } from "../catalog/shapes.ts";
import type { ModelCard, ModelFile, PublicModel, TaskMeta } from "./input.ts";

/** Records of a results folder. */
export interface LoadedStore {
  /** Every valid cell record. */
  readonly cells: CellRecord[];
  /** Per-sample records by cell key. */
  readonly samples: Map<string, SampleRecord[]>;
  /** Messages about skipped lines. */
  readonly warnings: string[];
}

/** Options of {@link loadStore}. */
export interface LoadOptions {
  /** Called once per skipped line (default: collect silently). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Reads the cells and samples of a results folder (missing folder: empty), each once. The
 * samples kept are those pages use: for each cell key, the samples of the record standing for
 * it (`latestByKey`: ok over failed, newest), read from that record's run only, so a cell
 * measured again and again shows its latest samples, not every run's. Sample files are
 * streamed, lines of other cells skipped unparsed, and equal strings shared.
 */
export async function loadStore(dir: string, options: LoadOptions = {}): Promise<LoadedStore> {
  const warnings: string[] = [];
  const onWarning = (m: string): void => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const store = await readStore(dir, { onWarning });
  const samples = new Map<string, SampleRecord[]>();
  const byRun = new Map<string, Set<string>>();
  for (const c of latestByKey(store.cells)) {
    if (c.settings.profile !== "quality") continue;
    const set = byRun.get(c.runId) ?? new Set();
    set.add(c.cellKey);
    byRun.set(c.runId, set);
  }
  const strings = new Map<string, string>();
  for (const runId of [...byRun.keys()].sort()) {
    await forEachSample(dir, runId, byRun.get(runId)!, (s) => {
      const list = samples.get(s.cellKey);
      if (list) list.push(s);
      else samples.set(s.cellKey, [s]);
    }, { onWarning, strings });
  }
  return { cells: store.cells, samples, warnings };
}

/**
 * Reads `models/<id>/card.json` for each id (the model zoo's cards: a
 * `description`, `limits` (a list of strings) and
 * `files: {path: {bytes, sha256}}`). Missing or unreadable
 * cards are skipped; ids are only used as folder names when they are plain.
 */
export async function loadModelCards(
  modelsDir: string,
  ids: readonly string[],
): Promise<Map<string, ModelCard>> {
  const out = new Map<string, ModelCard>();
  for (const id of ids) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id) || id.includes("..")) continue;
    let text: string;
    try {
      text = await Deno.readTextFile(`${modelsDir}/${id}/card.json`);
    } catch {
      continue;
    }
    try {
      const card = JSON.parse(text) as Record<string, unknown>;
      const files: ModelFile[] = [];
      const rawFiles = card.files;
      if (rawFiles !== null && typeof rawFiles === "object" && !Array.isArray(rawFiles)) {
        for (const [path, f] of Object.entries(rawFiles as Record<string, unknown>)) {
          const rec = (f ?? {}) as Record<string, unknown>;
          if (typeof rec.sha256 !== "string") continue;
          files.push({
            path,
            bytes: typeof rec.bytes === "number" ? rec.bytes : null,
            sha256: rec.sha256,
          });
        }
      }
      out.set(id, {
        description: typeof card.description === "string" ? card.description : null,
        limits: Array.isArray(card.limits)
          ? card.limits.filter((l): l is string => typeof l === "string")
          : [],
        files: files.sort((a, b) => a.path.localeCompare(b.path)),
        json: JSON.stringify(card, null, 2),
      });
    } catch (err) {
      warn(`${modelsDir}/${id}/card.json: not valid JSON (${(err as Error).message})`);
    }
  }
  return out;
}

function warn(message: string): void {
  console.warn(`warning: ${message}`);
}

/**
 * Task descriptions and metric names from the task registry (`tasks/`).
 * Returns an empty map (with a warning) when the registry cannot be loaded:
 * the site still builds from the records alone.
 */
export async function loadTaskMeta(
  tasksDir: string,
  lockFile = "hub.lock.json",
): Promise<Map<string, TaskMeta>> {
  const out = new Map<string, TaskMeta>();
  try {
    const { loadRegistry } = await import("../tasks/registry.ts");
    const { readHubLock } = await import("../hub/lock_file.ts");
    const reg = await loadRegistry(tasksDir);
    const locked = reg.tasks.some((t) => t.dataset.source.kind === "file" && t.dataset.source.hub)
      ? (await readHubLock(lockFile)).datasets ?? {}
      : {};
    for (const t of reg.tasks) {
      const src = t.dataset.source;
      const hub = src.kind === "file" ? src.hub : undefined;
      const sha = hub ? locked[`${hub.repo}@${hub.revision}`]?.sha : undefined;
      out.set(t.id, {
        description: t.description,
        metrics: t.metrics.map((m) => m.name),
        ...(hub
          ? {
            dataset: {
              repo: hub.repo,
              config: hub.config,
              revision: hub.revision,
              ...(sha ? { sha } : {}),
              licence: hub.licence,
            },
          }
          : {}),
      });
    }
  } catch (err) {
    warn(`task descriptions unavailable: ${(err as Error).message}`);
  }
  return out;
}

/**
 * The public model each shape mirrors, by shape id, from the shape catalog (`file`, usually
 * `models/shapes.json`, read through `catalog/`). A missing catalog gives an empty map; one
 * that does not load gives an empty map with a warning: the shapes page then shows the
 * records' own counts only.
 */
export async function loadShapeMirrors(file: string): Promise<Map<string, PublicModel>> {
  const out = new Map<string, PublicModel>();
  try {
    await Deno.stat(file);
  } catch {
    return out;
  }
  try {
    for (const s of (await loadShapeCatalog(file)).shapes) {
      if (s.mirrors === null) continue;
      out.set(s.id, { model: s.mirrors.model, params: s.mirrors.params, source: s.mirrors.source });
    }
  } catch (err) {
    warn(`public models of the shapes unavailable: ${(err as Error).message}`);
  }
  return out;
}
