/**
 * A metric's options: each one has the kind a task file writes (`boolean`,
 * `number` or `string`), a default, and an optional check of its value. A
 * metric declares them in a table whose JSDoc documents each option; the
 * typed options its `create` takes are derived from that table, so the table
 * is the one place for their names, types, defaults and rules.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";

/** A value an option takes, as task files write it. */
export type OptionValue = string | number | boolean;

/** The kind of an option's value (its `typeof`). */
export type OptionKind = "boolean" | "number" | "string";

/** One option: the kind of value, its default, and any rule beyond the kind. */
export interface OptionSpec<V extends OptionValue | undefined> {
  /** The kind of value a task file must give. */
  readonly kind: OptionKind;
  /** The value when none is given (`undefined`: the metric picks, as documented). */
  readonly default: V;
  /** What is wrong with a value of the right kind (after `option`), or `undefined`. */
  check?(value: Exclude<V, undefined>, field: string): string | undefined;
}

/** A metric's option table: option name to spec, in the order errors list them. */
export type OptionTable = Readonly<Record<string, OptionSpec<OptionValue | undefined>>>;

/** The value type of one option. */
export type ValueOf<S> = S extends OptionSpec<infer V> ? V : never;

/** Every option with its value, defaults filled in: what a metric is built from. */
export type ResolvedOptions<T extends OptionTable> = { readonly [K in keyof T]: ValueOf<T[K]> };

/** The options a caller may give (any subset; the rest take their defaults). */
export type OptionsOf<T extends OptionTable> = {
  readonly [K in keyof T]?: Exclude<ValueOf<T[K]>, undefined>;
};

/** `a, b or c`: a list as error messages and help texts write it. */
export function orList(items: readonly (string | number)[]): string {
  const all = items.map(String);
  return all.length <= 1 ? all.join("") : `${all.slice(0, -1).join(", ")} or ${all.at(-1)}`;
}

/** A boolean option. */
export function flag(defaultValue: boolean): OptionSpec<boolean> {
  return { kind: "boolean", default: defaultValue };
}

/** A number option with no rule beyond its kind; `undefined` lets the metric pick. */
export function real<D extends number | undefined>(defaultValue: D): OptionSpec<number | D> {
  return { kind: "number", default: defaultValue };
}

/** A string option with no rule beyond its kind. */
export function text(defaultValue: string): OptionSpec<string> {
  return { kind: "string", default: defaultValue };
}

/** A non-negative integer option, at least `min` (default 0). */
export function count(defaultValue: number, min = 0): OptionSpec<number> {
  return {
    kind: "number",
    default: defaultValue,
    check: (v, field) => {
      if (!Number.isInteger(v) || v < 0) return "option must be a non-negative integer";
      return v < min ? `${field} must be at least ${min}` : undefined;
    },
  };
}

/** An option that takes one of `values` (all strings or all numbers). */
export function choice<const V extends string | number>(
  values: readonly V[],
  defaultValue: NoInfer<V>,
): OptionSpec<V> & { readonly values: readonly V[] } {
  return {
    values,
    kind: typeof defaultValue === "number" ? "number" : "string",
    default: defaultValue,
    check: (v, field) => (values.includes(v) ? undefined : `${field} must be ${orList(values)}`),
  };
}

/**
 * Checks `given` against metric `name`'s option `table` and fills in the
 * defaults. Every given option must be in the table and of its kind (checked
 * in the order given), then each rule runs in the table's order. Throws
 * `MetricError` naming the option and its value.
 */
export function resolveOptions<T extends OptionTable>(
  name: string,
  table: T,
  given: Readonly<Record<string, unknown>>,
): ResolvedOptions<T> {
  for (const [field, value] of Object.entries(given)) {
    const spec = Object.hasOwn(table, field) ? table[field] : undefined;
    if (spec === undefined) {
      const known = Object.keys(table).join(", ") || "none";
      throw new MetricError(`${name}: unknown option (known: ${known})`, { field, value });
    }
    const kind: string = typeof value;
    if (kind !== spec.kind) {
      throw new MetricError(`${name}: option must be a ${spec.kind}`, { field, value });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(table)) {
    if (!Object.hasOwn(given, field)) {
      out[field] = spec.default;
      continue;
    }
    const value = given[field] as OptionValue;
    const wrong = spec.check?.(value, field);
    if (wrong !== undefined) throw new MetricError(`${name}: ${wrong}`, { field, value });
    out[field] = value;
  }
  return out as ResolvedOptions<T>;
}
