/**
 * The one reading of a JSON Schema validator's errors (ajv's `ErrorObject`s) as a one-line
 * fault: the deepest error (it names the field most precisely), its field as a dotted path
 * (`machines.1.targets.0`; a missing or unknown field's own name appended), a message in words,
 * and the value found there (none for a missing or unknown field). Every schema-checked file
 * (result records, the machine list, the shape catalog, ...) reports through it.
 *
 * @module
 */
import type { ErrorObject } from "ajv";

/** Where and why a value breaks its schema. */
export interface SchemaFault {
  /** Dotted path of the field at fault; empty for the value as a whole. */
  readonly field: string;
  /** What is wrong, e.g. `must be integer`, `is required`, `is not a known field`. */
  readonly message: string;
  /** The value at the field, when there is one to show. */
  readonly value?: unknown;
}

function valueAt(value: unknown, pointer: string): unknown {
  let at = value;
  for (const part of pointer.split("/").slice(1)) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return at;
}

/** The fault of `value` from its validator's `errors` (null or empty: the value as a whole). */
export function schemaFault(
  value: unknown,
  errors: readonly ErrorObject[] | null | undefined,
): SchemaFault {
  const err = [...(errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  if (err === undefined) return { field: "", message: "does not match the schema" };
  const path = err.instancePath.slice(1).replaceAll("/", ".");
  const join = (name: string) => (path ? `${path}.${name}` : name);
  if (err.keyword === "required") {
    return {
      field: join((err.params as { missingProperty: string }).missingProperty),
      message: "is required",
    };
  }
  if (err.keyword === "additionalProperties") {
    return {
      field: join((err.params as { additionalProperty: string }).additionalProperty),
      message: "is not a known field",
    };
  }
  const message = err.keyword === "enum"
    ? `must be one of ${
      (err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v))
        .join(", ")
    }`
    : err.message ?? "does not match the schema";
  const at = valueAt(value, err.instancePath);
  return { field: path, message, ...(at !== undefined ? { value: at } : {}) };
}
