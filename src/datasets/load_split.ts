/**
 * `loadSplit`: the samples of one split of a task, with the task's field
 * mapping applied.
 *
 * @module
 */
import type { Sample, SplitName } from "../core/sample.ts";
import type { DatasetFormat, TaskDef } from "../core/task.ts";
import { mapRows, type RawRow } from "./fields.ts";
import { readParallel } from "./loaders/codexglue.ts";
import { readCsv } from "./loaders/csv.ts";
import { readJsonl } from "./loaders/jsonl.ts";
import { readShipped } from "./loaders/shipped.ts";
import { normalizeHubRow } from "./pulled.ts";
import { readSquad } from "./loaders/squad.ts";
import { type LoadOptions, resolveSplit } from "./resolve.ts";

/** Reads a file of a given format into raw rows (format chosen by extension where it varies). */
export function readFormat(format: DatasetFormat, path: string): Promise<RawRow[]> {
  const csv = /\.csv(\.gz)?$/.test(path);
  switch (format) {
    case "csv":
      return readCsv(path);
    case "squad_json":
      return readSquad(path);
    case "jsonl":
    case "xsum":
    case "codexglue":
      return csv ? readCsv(path) : readJsonl(path);
  }
}

/**
 * Loads one split of a task's dataset as Samples. Shipped and pulled datasets
 * are sha256-verified against their manifest; file-backed tasks read the path
 * in `options.path` or the task's environment variable, else their pulled copy. Errors are
 * DatasetErrors naming file:line and field.
 *
 * @example
 * ```ts ignore
 * import { loadSplit } from "./load_split.ts";
 * const samples = await loadSplit(task, "test", { limit: 100 });
 * ```
 */
export async function loadSplit(
  task: TaskDef,
  split: SplitName,
  options: LoadOptions = {},
): Promise<Sample[]> {
  const loc = await resolveSplit(task, split, options);
  const rows = loc.kind === "shipped"
    ? await readShipped(loc.dir, split)
    : loc.kind === "pulled"
    ? (await readShipped(loc.dir, split)).map((r) => ({
      ...r,
      row: normalizeHubRow(loc.format, r.row),
    }))
    : loc.kind === "parallel"
    ? await readParallel(loc.prefix, loc.langs)
    : await readFormat(loc.format, loc.path);
  const limited = options.limit === undefined ? rows : rows.slice(0, options.limit);
  return mapRows(limited, task.dataset.fields, split);
}
