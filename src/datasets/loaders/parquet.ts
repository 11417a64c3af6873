/**
 * Parquet files (as the Hugging Face Hub serves datasets) read with `hyparquet`, one row
 * group at a time, as JSON rows: 64-bit integers become numbers (strings past 2^53), dates ISO
 * strings, binary values null (no text task reads them); nested structs and lists stay
 * nested, so a task maps `translation.de` or `answers.text` as it would in JSONL.
 *
 * @module
 */
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { DatasetError } from "../../core/errors.ts";
import type { JsonObject, JsonValue } from "../../core/json.ts";

/** A parquet value as JSON. */
export function jsonValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  }
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return null;
  if (Array.isArray(v)) return v.map(jsonValue);
  if (typeof v === "object") {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = jsonValue(x);
    return out;
  }
  return null;
}

/**
 * Calls `onRows` with the rows of each row group of a parquet file, in order.
 *
 * @throws {DatasetError} naming the file: not a parquet file, or one hyparquet cannot read
 *   (an unsupported compression, for one).
 */
export async function readParquetRows(
  path: string,
  onRows: (rows: JsonObject[]) => Promise<void> | void,
): Promise<number> {
  let file: ArrayBuffer;
  try {
    const bytes = await Deno.readFile(path);
    file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  } catch (cause) {
    throw new DatasetError(`cannot read file: ${(cause as Error).message}`, { file: path, cause });
  }
  try {
    const metadata = parquetMetadata(file);
    let start = 0;
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      const rows = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
      await onRows(rows.map((r) => jsonValue(r) as JsonObject));
      start = end;
    }
    return start;
  } catch (cause) {
    if (cause instanceof DatasetError) throw cause;
    throw new DatasetError(
      `not a parquet file this reader can read (${(cause as Error).message})`,
      {
        file: path,
        cause,
      },
    );
  }
}
