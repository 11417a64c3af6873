/**
 * The one CSV writer of exports and site downloads: RFC 4180 quoting by
 * csv-stringify, and text cells that a spreadsheet would read as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or carriage return; OWASP "CSV
 * injection") prefixed with `'`. Numbers stay numbers, so a negative delta is
 * still `-1.5`; `null` and `undefined` become empty cells.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";

/** A CSV cell value. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets: formula-like text gets a leading `'`. */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  return neutralizeCell(v);
}

/** CSV text: a header line of `columns`, then one line per row (each as long as `columns`). */
export function csvText(
  columns: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  return stringify([columns.map(neutralizeCell), ...rows.map((r) => r.map(cell))]);
}
