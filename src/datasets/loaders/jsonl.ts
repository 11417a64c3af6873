/**
 * JSON Lines: one JSON object per line; blank lines are skipped.
 *
 * @module
 */
import { DatasetError } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import type { RawRow } from "../fields.ts";
import { readText } from "./read_text.ts";

/**
 * Parses JSONL text. An invalid line, or one that is not a JSON object, is a
 * DatasetError naming `file:line`.
 */
export function parseJsonl(text: string, file: string): RawRow[] {
  const rows: RawRow[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new DatasetError(`invalid JSON: ${why}`, { file, line: i + 1, cause });
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DatasetError("each line must be a JSON object", { file, line: i + 1 });
    }
    rows.push({ row: value as JsonObject, file, line: i + 1 });
  }
  return rows;
}

/** Reads a `.jsonl` or `.jsonl.gz` file and parses it. */
export async function readJsonl(path: string): Promise<RawRow[]> {
  return parseJsonl(await readText(path), path);
}
