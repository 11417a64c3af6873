/**
 * The results store: versioned records checked against
 * `leaderboard/results/schema.json`, one append-only JSONL file per run, a
 * reader that tolerates torn lines, cell keys, merge and export.
 *
 * @module
 */
export * from "./cell_key.ts";
export * from "./csv.ts";
export * from "./export.ts";
export * from "./gzip_samples.ts";
export * from "./hash.ts";
export * from "./jsonl.ts";
export * from "./select.ts";
export * from "./merge.ts";
export * from "./reader.ts";
export * from "./run_id.ts";
export * from "./schema.ts";
export * from "./stat.ts";
export * from "./writer.ts";
