/**
 * What the site's routes serve, computed once from the loaded data: each page's subject by its
 * slug, the cells with a page and what a cell's instances compare with, the downloads' files.
 * Pure: no I/O and no Hono, so the routes (`app.tsx`) only map paths to these entries.
 *
 * @module
 */
import {
  type CellRecord,
  type Failure,
  type FlatTable,
  type LeaderboardRow,
  type Report,
  reportTables,
  type SamplesByCell,
  type TargetSummary,
  type TaskSummary,
} from "../report/mod.ts";
import type { ModelCard, PublicModel, SiteInput, TaskMeta } from "./input.ts";
import type { PeerCell } from "./pages/cell.tsx";
import { contendedKey } from "./pages/overview/contended.ts";
import { pageCount } from "./sample_pages.ts";
import { slug } from "./slug.ts";

/** A model's page: its leaderboard row, or its failures when none of its cells finished. */
export type ModelEntry =
  | { readonly row: LeaderboardRow; readonly card: ModelCard | undefined }
  | {
    readonly row: null;
    readonly modelId: string;
    readonly failures: readonly Failure[];
    readonly card: ModelCard | undefined;
  };

/** A task's page: its summary and what the task registry says of it. */
export interface TaskEntry {
  readonly task: TaskSummary;
  readonly meta: TaskMeta | undefined;
}

/** A cell's page: its record, its sample count and the cells its instances compare with. */
export interface CellEntry {
  readonly cell: CellRecord;
  readonly samples: number;
  /** The quality cells with samples on the cell's task (the cell among them when it is one). */
  readonly peers: readonly PeerCell[];
}

/** A cell's raw record as served at `data/cells/<slug>.json`, with its sample pages' paths. */
export interface CellData {
  readonly cell: CellRecord;
  readonly samples: number;
  readonly samplePages: readonly string[];
}

/** Everything the site's routes serve, by the path segment that names it. */
export interface SiteIndex {
  /** The report (the overview, the lists and `data/report.json`). */
  readonly report: Report;
  /** The report's flat tables (the downloads page and `data/<name>.csv|json`). */
  readonly tables: readonly FlatTable[];
  /** Those tables by file name (`<name>.csv` and `<name>.json`). */
  readonly tableByFile: ReadonlyMap<string, FlatTable>;
  /** (model, target) pairs whose latency was measured under contention (`contendedKey`). */
  readonly contended: ReadonlySet<string>;
  /** Model pages by slug: models with a row, then those with failures only. */
  readonly models: ReadonlyMap<string, ModelEntry>;
  /** Task pages by slug. */
  readonly tasks: ReadonlyMap<string, TaskEntry>;
  /** Target pages by slug. */
  readonly targets: ReadonlyMap<string, TargetSummary>;
  /**
   * Cell pages by slug: quality cells (the instance viewer) and cells that did not finish;
   * latency and sweep numbers live on model and target pages, their records in `data/models/`.
   */
  readonly cells: ReadonlyMap<string, CellEntry>;
  /** `data/cells/<file>`: the cells with samples, by file name (`<slug>.json`). */
  readonly cellFiles: ReadonlyMap<string, CellData>;
  /** `data/models/<file>`: every shown record of a model, by file name (`<slug>.json`). */
  readonly modelFiles: ReadonlyMap<string, readonly CellRecord[]>;
  /** The samples of the cells, by cell key (`data/samples/`). */
  readonly samples: SamplesByCell;
  /** The public model each shape mirrors, by shape id (the shapes page). */
  readonly shapeMirrors: ReadonlyMap<string, PublicModel>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Computes the site's index from its input.
 *
 * @example
 * ```ts ignore
 * const index = buildSiteIndex(input);
 * index.models.get("eb-dec-base")?.row?.average;
 * ```
 */
export function buildSiteIndex(input: SiteInput): SiteIndex {
  const r = input.report;
  const tables = reportTables(r);
  const tableByFile = new Map<string, FlatTable>();
  for (const t of tables) {
    tableByFile.set(`${t.name}.csv`, t);
    tableByFile.set(`${t.name}.json`, t);
  }

  const models = new Map<string, ModelEntry>();
  for (const row of r.rows) {
    models.set(slug(row.model.id), { row, card: input.modelCards.get(row.model.id) });
  }
  // Models none of whose cells finished have no row; their failures still link to a page.
  for (const f of r.failures) {
    const s = slug(f.modelId);
    if (models.has(s)) continue;
    const failures = r.failures.filter((x) => x.modelId === f.modelId);
    models.set(s, {
      row: null,
      modelId: f.modelId,
      failures,
      card: input.modelCards.get(f.modelId),
    });
  }

  const shown = [...input.records.values()]
    .filter((c) => c.settings.profile === "quality" || c.status !== "ok");
  // Quality cells with samples per task: what a cell's instances can be compared with.
  const quality = new Map<string, CellRecord[]>();
  for (const c of shown) {
    if (c.task !== null && c.status === "ok" && input.samples.has(c.cellKey)) {
      push(quality, c.task.id, c);
    }
  }
  const peers = new Map<string, PeerCell[]>();
  for (const [taskId, list] of quality) {
    list.sort((a, b) => a.model.id.localeCompare(b.model.id));
    peers.set(
      taskId,
      list.map((o) => ({ cellKey: o.cellKey, modelId: o.model.id, target: o.target.id })),
    );
  }
  const cells = new Map<string, CellEntry>();
  const cellFiles = new Map<string, CellData>();
  for (const cell of shown) {
    const s = slug(cell.cellKey);
    const samples = input.samples.get(cell.cellKey)?.length ?? 0;
    cells.set(s, { cell, samples, peers: cell.task === null ? [] : peers.get(cell.task.id) ?? [] });
    if (!input.samples.has(cell.cellKey)) continue;
    const samplePages = Array.from(
      { length: pageCount(samples) },
      (_, i) => `../samples/${s}/${i + 1}.json`,
    );
    cellFiles.set(`${s}.json`, { cell, samples, samplePages });
  }

  const modelFiles = new Map<string, CellRecord[]>();
  for (const c of input.records.values()) push(modelFiles, `${slug(c.model.id)}.json`, c);

  return {
    report: r,
    tables,
    tableByFile,
    contended: new Set(
      [...input.records.values()].filter((c) =>
        c.settings.profile === "latency" && c.status === "ok" && c.efficiency?.load?.contended
      ).map((c) => contendedKey(c.model.id, c.target.id)),
    ),
    models,
    tasks: new Map(
      r.tasks.map((t) => [slug(t.info.id), { task: t, meta: input.taskMeta.get(t.info.id) }]),
    ),
    targets: new Map(r.targets.map((t) => [slug(t.info.id), t])),
    cells,
    cellFiles,
    modelFiles,
    samples: input.samples,
    shapeMirrors: input.shapeMirrors ?? new Map(),
  };
}
