/** Dataset samples. @module */
import type { JsonObject } from "./json.ts";

/** Names of dataset splits. */
export type SplitName = "train" | "validation" | "test";

/** All split names, in canonical order. */
export const SPLITS: readonly SplitName[] = ["train", "validation", "test"];

/**
 * One example of a dataset, after the task's field mapping has been applied:
 * `id` plus the task's named fields (for example `context`, `question`, `answers`).
 */
export interface Sample {
  /** Stable identifier, unique within its split. */
  readonly id: string;
  /** The task's fields, by task field name. */
  readonly fields: Readonly<JsonObject>;
}
