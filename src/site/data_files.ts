/**
 * The site's downloads that grow with the store: `data/report.json` and every flat table as
 * `data/<table>.json` and `data/<table>.csv` (the history table alone holds a row per cell
 * per run), and the pages of every cell's samples. The build writes them to disk in small
 * pieces ({@link writePieces}), never as one string: rendered whole, a 100,000-record store's
 * `history.json` (52 MB), `report.json` (38 MB) and 600 MB of sample pages made as much again
 * of large short-lived strings. The bytes are those of the app's
 * routes for the same paths (`JSON.stringify`, `csvText`), which serve them in development.
 *
 * @module
 */
import {
  type CellRecord,
  csvText,
  type FlatTable,
  type Report,
  type SamplesByCell,
} from "../report/mod.ts";
import { pageCount, samplePage } from "./sample_pages.ts";

/** Containers this deep or deeper are stringified whole (a history point, a row). */
const SPLIT_DEPTH = 4;

function splittable(value: unknown): value is object {
  return value !== null && typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * `JSON.stringify(value)` in pieces, arrays and objects split into their members down to a
 * few levels; the pieces joined are exactly `JSON.stringify(value)` (members that it leaves
 * out, `undefined` and functions, are left out, and are `null` in arrays).
 *
 * @example
 * ```ts
 * import { jsonPieces } from "./data_files.ts";
 * const v = { a: [1, { b: "x" }], c: undefined };
 * if ([...jsonPieces(v)].join("") !== JSON.stringify(v)) throw new Error("differs");
 * ```
 */
export function* jsonPieces(value: unknown, depth = 0): Generator<string> {
  if (depth >= SPLIT_DEPTH || !splittable(value)) {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError("not representable in JSON");
    yield text;
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const v: unknown = value[i];
      if (splittable(v)) yield* jsonPieces(v, depth + 1);
      else yield JSON.stringify(v) ?? "null";
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const v: unknown = (value as Record<string, unknown>)[key];
    const whole = splittable(v) ? null : JSON.stringify(v);
    if (whole === undefined) continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (whole === null) yield* jsonPieces(v, depth + 1);
    else yield whole;
  }
  yield "}";
}

/** A table's JSON download in pieces: `JSON.stringify(tableObjects(t))`, a row at a time. */
export function* tableJsonPieces(t: FlatTable): Generator<string> {
  yield "[";
  for (let i = 0; i < t.rows.length; i++) {
    const row = t.rows[i]!;
    const o = Object.fromEntries(t.columns.map((c, k) => [c, row[k] ?? null]));
    yield (i > 0 ? "," : "") + JSON.stringify(o);
  }
  yield "]";
}

/** Rows per CSV piece. */
const CSV_ROWS = 200;

/** A table's CSV download in pieces: `csvText(t.columns, t.rows)`, some rows at a time. */
export function* tableCsvPieces(t: FlatTable): Generator<string> {
  // csvText writes the header, then one line per row; each piece drops its repeated header.
  const header = csvText(t.columns, []);
  yield header;
  for (let i = 0; i < t.rows.length; i += CSV_ROWS) {
    yield csvText(t.columns, t.rows.slice(i, i + CSV_ROWS)).slice(header.length);
  }
}

/** Pieces are gathered into texts of at most this many UTF-16 code units before encoding. */
const TEXT_UNITS = 8192;
/** The one write buffer, reused by every {@link writePieces} (which is synchronous). */
const buffer = new Uint8Array(1 << 16);

/**
 * Writes the pieces to `path` (created or truncated), through a small reused buffer: no text
 * longer than a piece or {@link TEXT_UNITS} is built, so writing a big file leaves only small,
 * short-lived strings behind (large strings and buffers would sit in V8's old generation until
 * its next full collection).
 */
export function writePieces(path: string, pieces: Iterable<string>): void {
  const encoder = new TextEncoder();
  using file = Deno.openSync(path, { write: true, create: true, truncate: true });
  const writeAll = (bytes: Uint8Array): void => {
    let written = 0;
    while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
  };
  let text = "", used = 0;
  const encode = (): void => {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (text.length * 3 > buffer.length - used) {
      writeAll(buffer.subarray(0, used));
      used = 0;
    }
    if (text.length * 3 > buffer.length) writeAll(encoder.encode(text));
    else used += encoder.encodeInto(text, buffer.subarray(used)).written;
    text = "";
  };
  for (const p of pieces) {
    if (text.length > 0 && text.length + p.length > TEXT_UNITS) encode();
    text += p;
  }
  encode();
  writeAll(buffer.subarray(0, used));
}

/** The paths of the streamed downloads, relative to the site's root. */
export function dataFilePaths(tables: readonly FlatTable[]): string[] {
  return [
    "data/report.json",
    ...tables.flatMap((t) => [`data/${t.name}.csv`, `data/${t.name}.json`]),
  ];
}

/** Writes the streamed downloads under `dir`; returns their paths relative to `dir`. */
export function writeDataFiles(
  dir: string,
  report: Report,
  tables: readonly FlatTable[],
): string[] {
  Deno.mkdirSync(`${dir}/data`, { recursive: true });
  writePieces(`${dir}/data/report.json`, jsonPieces(report));
  for (const t of tables) {
    writePieces(`${dir}/data/${t.name}.csv`, tableCsvPieces(t));
    writePieces(`${dir}/data/${t.name}.json`, tableJsonPieces(t));
  }
  return dataFilePaths(tables);
}

/**
 * Writes the pages of the samples of every cell in `cells` (by slug, as the site index's
 * `cells` gives them) as `data/samples/<slug>/<page>.json`; returns their paths relative to `dir`.
 */
export function writeSamplePages(
  dir: string,
  cells: ReadonlyMap<string, { readonly cell: CellRecord }>,
  samples: SamplesByCell,
): string[] {
  const files: string[] = [];
  for (const [s, { cell }] of cells) {
    const list = samples.get(cell.cellKey) ?? [];
    const pages = pageCount(list.length);
    if (pages > 0) Deno.mkdirSync(`${dir}/data/samples/${s}`, { recursive: true });
    for (let i = 1; i <= pages; i++) {
      const file = `data/samples/${s}/${i}.json`;
      writePieces(`${dir}/${file}`, jsonPieces(samplePage(cell.cellKey, list, i)));
      files.push(file);
    }
  }
  return files;
}
