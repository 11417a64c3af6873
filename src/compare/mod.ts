/**
 * The regression gate of the hardware runs: compare a contender results
 * store with a baseline store, cell key by cell key (see `compare.ts`).
 *
 * @module
 */
export * from "./compare.ts";
export * from "./format.ts";
export * from "./thresholds.ts";
