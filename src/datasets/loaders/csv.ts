/**
 * CSV with a header row (RFC 4180 quoting, via csv-parse). Cells are strings;
 * a header such as `answers.text` can be mapped by its literal name.
 *
 * @module
 */
import { parse } from "csv-parse/sync";
import { DatasetError } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import type { RawRow } from "../fields.ts";
import { readText } from "./read_text.ts";

interface Parsed {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * Parses CSV text whose first row names the columns. A malformed row is a
 * DatasetError naming `file:line`; each row's line is where its record ends.
 */
export function parseCsv(text: string, file: string): RawRow[] {
  let records: Parsed[];
  try {
    records = parse(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
    }) as unknown as Parsed[];
  } catch (cause) {
    const c = cause as { lines?: number; message?: string };
    throw new DatasetError(`invalid CSV: ${c.message ?? String(cause)}`, {
      file,
      ...(typeof c.lines === "number" ? { line: c.lines } : {}),
      cause,
    });
  }
  return records.map((r) => ({ row: r.record as JsonObject, file, line: r.info.lines }));
}

/** Reads a `.csv` (or `.csv.gz`) file and parses it. */
export async function readCsv(path: string): Promise<RawRow[]> {
  return parseCsv(await readText(path), path);
}
