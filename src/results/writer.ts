/**
 * The run writer: one append-only cell file and one sample file per run, so two
 * evals never write the same file. A cell's samples are written (and fsynced)
 * before its record, so a record always has its samples.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { appendJsonl } from "./jsonl.ts";
import { cellFileName, sampleFileName } from "./run_id.ts";
import { validateCellRecord, validateSampleRecord } from "./schema.ts";

/** Appends one run's records to a results folder. */
export class RunWriter {
  /** The run id. */
  readonly runId: string;
  /** Path of the cell records file. */
  readonly cellPath: string;
  /** Path of the sample records file. */
  readonly samplePath: string;

  /** Makes a writer for `runId` in `dir`; nothing is created until the first write. */
  constructor(dir: string, runId: string) {
    this.runId = runId;
    this.cellPath = `${dir}/${cellFileName(runId)}`;
    this.samplePath = `${dir}/${sampleFileName(runId)}`;
  }

  /**
   * Validates and appends a cell's samples, then its record. Throws
   * `ResultsError` (before writing anything) if a record breaks the schema.
   */
  async writeCell(record: CellRecord, samples: readonly SampleRecord[] = []): Promise<void> {
    validateCellRecord(record, { file: this.cellPath });
    if (record.runId !== this.runId) {
      throw new ResultsError(`record belongs to run ${record.runId}, not ${this.runId}`, {
        file: this.cellPath,
        field: "runId",
        value: record.runId,
      });
    }
    for (const s of samples) {
      validateSampleRecord(s, { file: this.samplePath });
      if (s.cellKey !== record.cellKey) {
        throw new ResultsError(`sample ${s.sampleId} belongs to another cell`, {
          file: this.samplePath,
          field: "cellKey",
          value: s.cellKey,
        });
      }
    }
    await appendJsonl(this.samplePath, samples);
    await appendJsonl(this.cellPath, [record]);
  }
}
