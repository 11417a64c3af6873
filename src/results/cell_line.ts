/**
 * The one check of a cell-record line of a run file, shared by the whole-store reader, the
 * deferred reader and the store index: the schema, and the record's run id equal to its file's.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord } from "../core/record.ts";
import { validateCellRecord } from "./schema.ts";

/** Where a line of a run file is: the file, the 1-based line and the file's run id. */
export interface LineOrigin {
  readonly file: string;
  readonly line: number;
  readonly runId: string;
}

/**
 * The cell record of a parsed line of run `runId`'s file `file`.
 *
 * @throws {ResultsError} the value breaks the schema, or belongs to another run.
 */
export function cellRecordOfLine(value: unknown, where: LineOrigin): CellRecord {
  const record = validateCellRecord(value, { file: where.file, line: where.line });
  assertRunIdOfFile(record, where);
  return record;
}

/**
 * Checks that a record read from a run file carries that file's run id.
 *
 * @throws {ResultsError} naming the file, line and the record's run id.
 */
export function assertRunIdOfFile(record: { readonly runId?: unknown }, where: LineOrigin): void {
  if (record.runId !== where.runId) {
    throw new ResultsError("record's run id does not match its file name", {
      file: where.file,
      line: where.line,
      field: "runId",
      value: record.runId,
    });
  }
}
