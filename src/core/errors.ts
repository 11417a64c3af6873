/**
 * Typed errors. Every message names the file, the field and the value at fault,
 * so the CLI can print it on one line and exit with code 2.
 *
 * @module
 */

/** Where an error was found: file, optional line, field and offending value. */
export interface ErrorLocation {
  /** Path of the file at fault, if any. */
  readonly file?: string;
  /** 1-based line number within the file, if any. */
  readonly line?: number;
  /** Field (dotted path) at fault, if any. */
  readonly field?: string;
  /** The offending value, if any. */
  readonly value?: unknown;
}

/** Options accepted by every encoder-bench error. */
export interface BenchErrorOptions extends ErrorLocation {
  /** The underlying error. */
  readonly cause?: unknown;
}

function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string"
      ? JSON.stringify(value)
      : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Formats a location and a message as one line: `file:line: field "x" = value: message`. */
export function formatLocated(message: string, loc: ErrorLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) {
    parts.push(loc.line !== undefined ? `${loc.file}:${loc.line}` : loc.file);
  }
  if (loc.field !== undefined) {
    parts.push(
      "value" in loc && loc.value !== undefined
        ? `field "${loc.field}" = ${describeValue(loc.value)}`
        : `field "${loc.field}"`,
    );
  }
  const oneLine = message.replace(/\s*\n\s*/g, " ");
  return parts.length ? `${parts.join(": ")}: ${oneLine}` : oneLine;
}

/** Base class of every error this project throws on purpose. */
export class BenchError extends Error {
  /** File at fault, if any. */
  readonly file: string | undefined;
  /** Line at fault, if any. */
  readonly line: number | undefined;
  /** Field at fault, if any. */
  readonly field: string | undefined;
  /** Offending value, if any. */
  readonly value: unknown;

  /** Builds the error; the message is prefixed with the location. */
  constructor(message: string, options: BenchErrorOptions = {}) {
    super(
      formatLocated(message, options),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.file = options.file;
    this.line = options.line;
    this.field = options.field;
    this.value = options.value;
  }
}

/** Bad configuration: flags, task definitions, target files, model configs. */
export class ConfigError extends BenchError {}
/** Bad or unreadable dataset: missing field, bad JSON line, checksum mismatch. */
export class DatasetError extends BenchError {}
/** Bad task definition or task registry problem. */
export class TaskError extends BenchError {}
/** Bad metric input: unknown metric, mismatched lengths. */
export class MetricError extends BenchError {}
/** Model files missing, corrupt, or inconsistent with their config. */
export class ModelError extends BenchError {}
/** Results store problems: schema violations, unreadable records. */
export class ResultsError extends BenchError {}
/**
 * A wait for a lock ran out of time (`--lock-timeout`): not bad input but a busy machine or
 * store, so the CLI exits 1 and records nothing as failed.
 */
export class LockTimeoutError extends BenchError {}
/**
 * The Hugging Face Hub refused or could not answer (unknown repo, revision or file, a token
 * needed), a download did not match its hash, or the cache lacks what offline use needs.
 */
export class HubError extends BenchError {}
