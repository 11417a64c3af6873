/**
 * Energy measurement of timed passes, where the machine tells it (RAPL on
 * Linux); `method: "none"` elsewhere.
 *
 * @module
 */
export * from "./rapl.ts";
