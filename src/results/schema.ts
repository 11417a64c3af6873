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
import { schemaFault } from "../core/schema_fault.ts";
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

/** The parts of a cell record that a deferred read parses only when they are used. */
export const CELL_BODY_FIELDS = ["quality", "efficiency", "sweep"] as const;

type Part = "cell" | "sample" | "head" | "body";

/** One ajv instance; each validator is compiled on first use (a reader needs one or two). */
let ajv: Ajv | undefined;
const compiled = new Map<Part, ValidateFunction>();

/**
 * The head and body definitions, derived from `cellRecord` so that the schema stays the one
 * source: the record is valid exactly when its head and its body are (no rule of `cellRecord`
 * ties a body field to another field).
 */
function withParts(): Record<string, unknown> {
  const defs = schema.definitions as Record<string, Record<string, unknown>>;
  const cell = defs.cellRecord!;
  const body = new Set<string>(CELL_BODY_FIELDS);
  const props = cell.properties as Record<string, unknown>;
  const pick = (keep: (k: string) => boolean) =>
    Object.fromEntries(Object.entries(props).filter(([k]) => keep(k)));
  return {
    ...schema,
    $id: PARTS_ID,
    definitions: {
      ...defs,
      cellHead: {
        ...cell,
        properties: pick((k) => !body.has(k)),
        required: (cell.required as string[]).filter((k) => !body.has(k)),
      },
      cellBody: {
        type: "object",
        additionalProperties: false,
        required: [...CELL_BODY_FIELDS],
        properties: pick((k) => body.has(k)),
      },
    },
  };
}

const PARTS_ID = schema.$id.replace(/\.json$/, ".parts.json");
const DEFINITIONS: Record<Part, [string, string]> = {
  cell: [schema.$id, "cellRecord"],
  sample: [schema.$id, "sampleRecord"],
  head: [PARTS_ID, "cellHead"],
  body: [PARTS_ID, "cellBody"],
};

function validator(part: Part): ValidateFunction {
  const known = compiled.get(part);
  if (known) return known;
  if (!ajv) {
    ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
    ajv.addSchema(schema);
    ajv.addSchema(withParts());
  }
  const [id, name] = DEFINITIONS[part];
  const fn = ajv.getSchema(`${id}#/definitions/${name}`);
  if (!fn) throw new ResultsError(`schema has no definition "${name}"`);
  compiled.set(part, fn);
  return fn;
}

function toError(
  value: unknown,
  errors: ErrorObject[] | null | undefined,
  loc: RecordLocation,
  kind: string,
): ResultsError {
  const fault = schemaFault(value, errors);
  return new ResultsError(`invalid ${kind} record: ${fault.message}`, {
    ...(loc.file !== undefined ? { file: loc.file } : {}),
    ...(loc.line !== undefined ? { line: loc.line } : {}),
    field: fault.field || "(record)",
    ...("value" in fault ? { value: fault.value } : {}),
  });
}

/**
 * Checks a cell record against the schema; throws a {@linkcode ResultsError}
 * naming the file, line and field at fault.
 */
export function validateCellRecord(value: unknown, loc: RecordLocation = {}): CellRecord {
  const cell = validator("cell");
  if (!cell(value)) throw toError(value, cell.errors, loc, "cell");
  return value as CellRecord;
}

/**
 * Checks the head of a cell record (every field but {@link CELL_BODY_FIELDS}) or its body
 * (exactly those fields) against the schema: a record is valid when both parts are.
 */
export function validateCellPart(
  part: "head" | "body",
  value: unknown,
  loc: RecordLocation = {},
): void {
  const fn = validator(part);
  if (!fn(value)) throw toError(value, fn.errors, loc, "cell");
}

/** Checks a sample record against the schema; throws a {@linkcode ResultsError}. */
export function validateSampleRecord(value: unknown, loc: RecordLocation = {}): SampleRecord {
  const sample = validator("sample");
  if (!sample(value)) throw toError(value, sample.errors, loc, "sample");
  return value as SampleRecord;
}
