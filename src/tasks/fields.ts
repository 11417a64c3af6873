/**
 * Typed accessors for task renderers: read a sample field as a string, a
 * string list or a boolean, with a TaskError naming the field when the data
 * has another shape.
 *
 * @module
 */
import { TaskError } from "../core/errors.ts";
import type { Sample } from "../core/sample.ts";

/** A sample field as a string (numbers are stringified). */
export function text(sample: Sample, name: string): string {
  const v = sample.fields[name];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new TaskError(`sample "${sample.id}": expected a string`, { field: name, value: v });
}

/** A sample field as a list of strings (a single string becomes a one-item list). */
export function texts(sample: Sample, name: string): string[] {
  const v = sample.fields[name];
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  throw new TaskError(`sample "${sample.id}": expected a list of strings`, {
    field: name,
    value: v,
  });
}

/** A sample field as a boolean (`"true"`/`"false"`/`1`/`0` from CSV accepted). */
export function flag(sample: Sample, name: string): boolean {
  const v = sample.fields[name];
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "True" || v === 1 || v === "1") return true;
  if (v === "false" || v === "False" || v === 0 || v === "0") return false;
  throw new TaskError(`sample "${sample.id}": expected a boolean`, { field: name, value: v });
}
