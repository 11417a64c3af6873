/**
 * Core types shared by every module: samples, tasks, metrics, targets, records, errors.
 * Types only (plus error classes, a few constants, the default run settings, time limits and the
 * seeded PRNG); depends on nothing.
 *
 * @module
 */
export * from "./errors.ts";
export type * from "./json.ts";
export * from "./sample.ts";
export type * from "./metric.ts";
export type * from "./task.ts";
export type * from "./target.ts";
export * from "./record.ts";
export * from "./prng.ts";
export * from "./time_limits.ts";
export * from "./run_settings.ts";
export * from "./dtype.ts";
