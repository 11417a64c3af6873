/**
 * Validation of result records against the published JSON Schema
 * (`leaderboard/results/schema.json`), with ajv. The schema is the single
 * source of truth; the TypeScript types in `src/core/record.ts` mirror it.
 *
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import schema from "../../leaderboard/results/schema.json" with { type: "json" };
import { ResultsError } from "../core/errors.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";

/** The published JSON Schema of result records, as an object. */
export const RESULTS_SCHEMA: Readonly<Record<string, unknown>> = schema;

/** Where a record being validated came from, for error messages. */
export interface RecordLocation {
  /** File the record was read from or is being written to. */
  readonly file?: string;
  /** 1-based line within the file. */
  readonly line?: number;
}

let compiled: { cell: ValidateFunction; sample: ValidateFunction } | undefined;

function validators(): { cell: ValidateFunction; sample: ValidateFunction } {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
  ajv.addSchema(schema);
  const get = (name: string): ValidateFunction => {
    const fn = ajv.getSchema(`${schema.$id}#/definitions/${name}`);
    if (!fn) throw new ResultsError(`schema has no definition "${name}"`);
    return fn;
  };
  compiled = { cell: get("cellRecord"), sample: get("sampleRecord") };
  return compiled;
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const part of pointer.split("/").slice(1)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return current;
}

function toError(
  value: unknown,
  errors: ErrorObject[] | null | undefined,
  loc: RecordLocation,
  kind: string,
): ResultsError {
  // Prefer the deepest error: it names the field at fault most precisely.
  const sorted = [...(errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const err = sorted[0];
  let field = err ? err.instancePath.slice(1).replaceAll("/", ".") : "";
  if (err?.keyword === "required") {
    const missing = (err.params as { missingProperty?: string }).missingProperty ?? "";
    field = field ? `${field}.${missing}` : missing;
  } else if (err?.keyword === "additionalProperties") {
    const extra = (err.params as { additionalProperty?: string }).additionalProperty ?? "";
    field = field ? `${field}.${extra}` : extra;
  }
  const message = `invalid ${kind} record: ${err?.message ?? "does not match the schema"}`;
  return new ResultsError(message, {
    ...(loc.file !== undefined ? { file: loc.file } : {}),
    ...(loc.line !== undefined ? { line: loc.line } : {}),
    field: field || "(record)",
    ...(err && err.keyword !== "required" && err.keyword !== "additionalProperties"
      ? { value: valueAt(value, err.instancePath) }
      : {}),
  });
}

/**
 * Checks a cell record against the schema; throws a {@linkcode ResultsError}
 * naming the file, line and field at fault.
 */
export function validateCellRecord(value: unknown, loc: RecordLocation = {}): CellRecord {
  const { cell } = validators();
  if (!cell(value)) throw toError(value, cell.errors, loc, "cell");
  return value as CellRecord;
}

/** Checks a sample record against the schema; throws a {@linkcode ResultsError}. */
export function validateSampleRecord(value: unknown, loc: RecordLocation = {}): SampleRecord {
  const { sample } = validators();
  if (!sample(value)) throw toError(value, sample.errors, loc, "sample");
  return value as SampleRecord;
}
