/** Run ids and run file names. @module */

/** Characters allowed in a run id (also a file name). */
const SAFE = /[^A-Za-z0-9._-]+/g;

/**
 * The form of a run id, and so of a run file name: UTC start time `YYYYMMDDTHHMMSSZ`, a dash,
 * then safe characters (the machine name and a suffix, as {@link newRunId} writes them).
 */
const RUN_ID = /^\d{8}T\d{6}Z-[A-Za-z0-9._-]+$/;

/** Whether `id` has the form of a run id (`20261128T130500Z-host-3f9a1c`). */
export function isRunId(id: string): boolean {
  return RUN_ID.test(id);
}

/**
 * A new run id: UTC start time, machine name and a random suffix, e.g.
 * `20261128T130500Z-host-3f9a1c`. Sorting run ids sorts runs by start time.
 */
export function newRunId(start: Date, hostname: string): string {
  const stamp = start.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const host = hostname.replace(SAFE, "_").slice(0, 40) || "host";
  return `${stamp}-${host}-${crypto.randomUUID().slice(0, 6)}`;
}

/** File of a run's cell records. */
export function cellFileName(runId: string): string {
  return `${runId}.jsonl`;
}

/** File of a run's per-sample records (as the writer appends them). */
export function sampleFileName(runId: string): string {
  return `${runId}.samples.jsonl`;
}

/**
 * The gzipped form of a run's per-sample records, as shipped to keep the
 * repository light (`gzip -9n <run>.samples.jsonl`); readers accept both.
 */
export function gzSampleFileName(runId: string): string {
  return `${sampleFileName(runId)}.gz`;
}

/**
 * The run id of a store file name, or null if it is not a run file: `<run id>.jsonl` (cells),
 * `<run id>.samples.jsonl` or `<run id>.samples.jsonl.gz` (samples), the run id of the form
 * {@link isRunId} accepts. This is the one definition of a run file name.
 */
export function runIdOfFile(name: string): { runId: string; kind: "cells" | "samples" } | null {
  const forms: [string, "cells" | "samples"][] = [
    [".samples.jsonl", "samples"],
    [".samples.jsonl.gz", "samples"],
    [".jsonl", "cells"],
  ];
  for (const [ext, kind] of forms) {
    if (!name.endsWith(ext)) continue;
    const runId = name.slice(0, -ext.length);
    return isRunId(runId) ? { runId, kind } : null;
  }
  return null;
}

/** Whether a file name looks like store data (`.jsonl`, `.jsonl.gz`) though maybe not a run file. */
export function looksLikeRunFile(name: string): boolean {
  return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
}
