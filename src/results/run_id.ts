/** Run ids and run file names. @module */

/** Characters allowed in a run id (also a file name). */
const SAFE = /[^A-Za-z0-9._-]+/g;

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

/** The run id of a store file name, or null if it is not a cell or sample file. */
export function runIdOfFile(name: string): { runId: string; kind: "cells" | "samples" } | null {
  if (name.endsWith(".samples.jsonl")) {
    return { runId: name.slice(0, -".samples.jsonl".length), kind: "samples" };
  }
  if (name.endsWith(".samples.jsonl.gz")) {
    return { runId: name.slice(0, -".samples.jsonl.gz".length), kind: "samples" };
  }
  if (name.endsWith(".jsonl")) return { runId: name.slice(0, -".jsonl".length), kind: "cells" };
  return null;
}
