/**
 * Cell records whose body (`quality`, `efficiency`, `sweep`: three quarters of a record's
 * bytes) is parsed and checked only when it is first used. A reader that shows a few
 * thousand of a store's records (the terminal report) parses the head of every line, where the
 * identity, status and times are, and the body of the records it shows only.
 *
 * The split relies on the writer's field order (`... settings, quality, efficiency, sweep,
 * environment, error`): a line in any other order, or one whose head or tail does not parse,
 * is not split (null), and the caller parses it whole. Inside a JSON string a quote is always
 * escaped, and a key of a nested object leaves the head's braces unbalanced, so a head that
 * parses ends at the record's own `quality` key. A record is valid exactly when its head and
 * its body are ({@link validateCellPart}), so a body that proves invalid (or not JSON) makes
 * the record unreadable: {@link isReadable} says so, and the record selection
 * (`results/select.ts`) passes over it as the whole-line reader would have skipped it.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord } from "../core/record.ts";
import { assertRunIdOfFile, type LineOrigin } from "./cell_line.ts";
import { CELL_BODY_FIELDS, validateCellPart } from "./schema.ts";

/**
 * The writer's fields after the leading scalars, in order; the line is cut before each. The
 * body is the text from `quality` up to `environment`.
 */
const CUTS = ["model", "task", "target", "settings", "quality", "environment", "error"] as const;
const MARKS = CUTS.map((k) => `,"${k}":`);
const BODY = CUTS.indexOf("quality");

/**
 * Equal nested values (a model, task, target, settings or environment repeats across the
 * records of a store) parsed once, by their text, and shared, frozen, by every record that
 * has them: a store of 100,000 records holds a few hundred of them.
 */
export type SharedValues = Map<string, unknown>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

interface Body {
  readonly text: string;
  readonly where: LineOrigin;
  readonly onInvalid: (err: ResultsError) => void;
  value?: Pick<CellRecord, (typeof CELL_BODY_FIELDS)[number]>;
  error?: ResultsError;
}

/** Parses and checks a deferred body once; records the error and reports it once. */
function load(body: Body): NonNullable<Body["value"]> | ResultsError {
  if (body.value) return body.value;
  if (body.error) return body.error;
  const loc = { file: body.where.file, line: body.where.line };
  try {
    let value: unknown;
    try {
      value = JSON.parse(`{${body.text}}`);
    } catch {
      throw new ResultsError(`${loc.file}:${loc.line}: skipped a line that is not valid JSON`);
    }
    validateCellPart("body", value, loc);
    body.value = value as NonNullable<Body["value"]>;
    return body.value;
  } catch (err) {
    if (!(err instanceof ResultsError)) throw err;
    body.error = err;
    body.onInvalid(err);
    return err;
  }
}

/**
 * A cell record read with its body deferred: the head's fields are its own, the body's are
 * getters that parse it on first use (and throw the {@link ResultsError} of a body that breaks
 * the schema; the record selection never picks such a record). `JSON.stringify` gives the
 * record in its field order; an object spread (`{...r}`) does not carry the body.
 */
class DeferredCell implements CellRecord {
  readonly schema: CellRecord["schema"];
  readonly runId: string;
  readonly cellKey: string;
  readonly status: CellRecord["status"];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationS: number;
  readonly model: CellRecord["model"];
  readonly task: CellRecord["task"];
  readonly target: CellRecord["target"];
  readonly settings: CellRecord["settings"];
  readonly environment: CellRecord["environment"];
  readonly error: CellRecord["error"];
  readonly #body: Body;

  constructor(head: Omit<CellRecord, (typeof CELL_BODY_FIELDS)[number]>, body: Body) {
    this.schema = head.schema;
    this.runId = head.runId;
    this.cellKey = head.cellKey;
    this.status = head.status;
    this.startedAt = head.startedAt;
    this.finishedAt = head.finishedAt;
    this.durationS = head.durationS;
    this.model = head.model;
    this.task = head.task;
    this.target = head.target;
    this.settings = head.settings;
    this.environment = head.environment;
    this.error = head.error;
    this.#body = body;
  }

  #value(): NonNullable<Body["value"]> {
    const value = load(this.#body);
    if (value instanceof ResultsError) throw value;
    return value;
  }

  /** The quality part of the body (parsed on first use). */
  get quality(): CellRecord["quality"] {
    return this.#value().quality;
  }

  /** The efficiency part of the body (parsed on first use). */
  get efficiency(): CellRecord["efficiency"] {
    return this.#value().efficiency;
  }

  /** The sweep part of the body (parsed on first use). */
  get sweep(): CellRecord["sweep"] {
    return this.#value().sweep;
  }

  /** False when the body breaks the schema (parsed and checked now, once). */
  readable(): boolean {
    return !(load(this.#body) instanceof ResultsError);
  }

  /** The whole record, in the format's field order. */
  toJSON(): CellRecord {
    const { schema, runId, cellKey, status, startedAt, finishedAt, durationS } = this;
    const { model, task, target, settings, quality, efficiency, sweep } = this;
    return {
      schema,
      runId,
      cellKey,
      status,
      startedAt,
      finishedAt,
      durationS,
      model,
      task,
      target,
      settings,
      quality,
      efficiency,
      sweep,
      environment: this.environment,
      error: this.error,
    };
  }
}

/**
 * The cell record of one line of a run file, its body deferred, or null when the line is not
 * split (see the module doc): parse it whole then.
 *
 * @param onInvalid called once when the body, first used, breaks the schema or is not JSON.
 * @param shared the nested values seen so far by this reader (see {@link SharedValues}).
 * @throws {ResultsError} the head breaks the schema, or the record belongs to another run.
 */
export function deferredCellOfLine(
  text: string,
  where: LineOrigin,
  onInvalid: (err: ResultsError) => void,
  shared: SharedValues = new Map(),
): CellRecord | null {
  const at: number[] = [];
  let from = 0;
  for (const mark of MARKS) {
    const i = text.indexOf(mark, from);
    if (i < 0) return null;
    at.push(i);
    from = i + mark.length;
  }
  if (!text.endsWith("}")) return null;
  const value = (k: number): unknown => {
    const piece = text.slice(at[k]! + MARKS[k]!.length, k + 1 < at.length ? at[k + 1] : -1);
    const seen = shared.get(piece);
    if (seen !== undefined) return seen;
    const parsed = deepFreeze(JSON.parse(piece));
    shared.set(piece, parsed);
    return parsed;
  };
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(`${text.slice(0, at[0])}}`);
    if (head === null || typeof head !== "object" || Array.isArray(head)) return null;
    if (CELL_BODY_FIELDS.some((f) => Object.hasOwn(head, f))) return null; // another order
    CUTS.forEach((k, i) => {
      if (i !== BODY) head[k] = value(i);
    });
  } catch {
    return null; // a cut inside a nested value leaves a piece unbalanced: parse the line whole
  }
  validateCellPart("head", head, where);
  assertRunIdOfFile(head, where);
  return new DeferredCell(
    head as unknown as Omit<CellRecord, (typeof CELL_BODY_FIELDS)[number]>,
    { text: text.slice(at[BODY]! + 1, at[BODY + 1]), where, onInvalid },
  );
}

/**
 * False for a record read with its body deferred whose body breaks the schema (it is parsed
 * and checked now, once); true for every other record.
 */
export function isReadable(record: CellRecord): boolean {
  return !(record instanceof DeferredCell) || record.readable();
}
