/**
 * The task field mapping: task field name -> dotted path into a dataset row.
 *
 * @module
 */
import { DatasetError } from "../core/errors.ts";
import type { JsonObject, JsonValue } from "../core/json.ts";
import type { Sample } from "../core/sample.ts";

/** One parsed row of a dataset file, with where it came from. */
export interface RawRow {
  /** The row as read (a JSON object; CSV cells are strings). */
  readonly row: JsonObject;
  /** File the row was read from. */
  readonly file: string;
  /** 1-based line of the row in its file, when the format is line-based. */
  readonly line?: number;
  /** Location inside a nested file (e.g. `data[0].paragraphs[2].qas[1]`). */
  readonly where?: string;
}

/**
 * Reads a dotted path (`answers.text`) from a JSON value. A key that itself
 * contains dots (a CSV header `answers.text`) is matched first. Array indices
 * are allowed as path segments (`answers.0`). Returns undefined when absent.
 */
export function getPath(value: JsonValue | undefined, path: string): JsonValue | undefined {
  if (value === undefined || value === null || typeof value !== "object") return undefined;
  if (!Array.isArray(value) && Object.hasOwn(value, path)) return value[path];
  const dot = path.indexOf(".");
  const head = dot === -1 ? path : path.slice(0, dot);
  const child = Array.isArray(value)
    ? (/^\d+$/.test(head) ? value[Number(head)] : undefined)
    : (Object.hasOwn(value, head) ? value[head] : undefined);
  return dot === -1 ? child : getPath(child, path.slice(dot + 1));
}

function location(raw: RawRow): { file: string; line?: number } {
  return raw.line === undefined
    ? { file: raw.where === undefined ? raw.file : `${raw.file}#${raw.where}` }
    : { file: raw.file, line: raw.line };
}

/**
 * Applies a field mapping to rows and returns Samples. The sample id is the
 * mapped `id` field if the mapping has one, else the row's `id`, else
 * `<split>-<index>`. A missing (or null) mapped field, or a repeated id, is a
 * DatasetError naming file:line and the field.
 */
export function mapRows(
  rows: readonly RawRow[],
  fields: Readonly<Record<string, string>>,
  split: string,
): Sample[] {
  const seen = new Map<string, RawRow>();
  const entries = Object.entries(fields);
  return rows.map((raw, index) => {
    const mapped: JsonObject = {};
    for (const [name, path] of entries) {
      const value = getPath(raw.row, path);
      if (value === undefined || value === null) {
        throw new DatasetError(`missing mapped field (task field "${name}")`, {
          ...location(raw),
          field: path,
        });
      }
      mapped[name] = value;
    }
    const idValue = fields.id !== undefined ? mapped.id : raw.row.id;
    const id = typeof idValue === "string" || typeof idValue === "number"
      ? String(idValue)
      : `${split}-${index}`;
    const before = seen.get(id);
    if (before !== undefined) {
      const first = before.line === undefined ? "" : ` (first at line ${before.line})`;
      throw new DatasetError(`duplicate sample id${first}`, {
        ...location(raw),
        field: "id",
        value: id,
      });
    }
    seen.set(id, raw);
    return { id, fields: mapped };
  });
}
