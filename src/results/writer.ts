/**
 * The run writer: one append-only cell file and one sample file per run, so two
 * evals never write the same file. A cell's samples are written (and fsynced)
 * before its record, so a record always has its samples. Each cell's appends
 * happen under the store lock, shared ({@linkcode lockStore}), so a merge (which
 * holds it exclusive while it rewrites files) never renames a file over them.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { DEFAULT_LOCK_TIMEOUT_S } from "../core/time_limits.ts";
import { appendJsonl } from "./jsonl.ts";
import { cellFileName, sampleFileName } from "./run_id.ts";
import { validateCellRecord, validateSampleRecord } from "./schema.ts";
import { lockStore } from "./store_lock.ts";

/** Options of a {@linkcode RunWriter}. */
export interface RunWriterOptions {
  /** Longest wait for the store lock, in ms (default {@linkcode DEFAULT_LOCK_TIMEOUT_S}). */
  readonly lockTimeoutMs?: number;
  /** Called with one line while a write waits for the store lock (default: stderr). */
  readonly onLockWait?: (message: string) => void;
}

/** Appends one run's records to a results folder. */
export class RunWriter {
  /** The run id. */
  readonly runId: string;
  /** Path of the cell records file. */
  readonly cellPath: string;
  /** Path of the sample records file. */
  readonly samplePath: string;
  readonly #dir: string;
  readonly #options: RunWriterOptions;

  /** Makes a writer for `runId` in `dir`; nothing is created until the first write. */
  constructor(dir: string, runId: string, options: RunWriterOptions = {}) {
    this.runId = runId;
    this.#dir = dir;
    this.#options = options;
    this.cellPath = `${dir}/${cellFileName(runId)}`;
    this.samplePath = `${dir}/${sampleFileName(runId)}`;
  }

  /**
   * Validates and appends a cell's samples, then its record, holding the store lock shared.
   * Throws `ResultsError` (before writing anything) if a record breaks the schema, and
   * `LockTimeoutError` (having written nothing) if the lock stays taken too long.
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
    const lock = await lockStore(this.#dir, {
      exclusive: false,
      timeoutMs: this.#options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_S * 1000,
      onWait: this.#options.onLockWait ?? ((m) => console.error(`warning: ${m}`)),
    });
    try {
      await appendJsonl(this.samplePath, samples);
      await appendJsonl(this.cellPath, [record]);
    } finally {
      lock.release();
    }
  }
}
