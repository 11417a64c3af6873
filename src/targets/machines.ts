/**
 * The machine list of the scheduled hardware runs (`leaderboard/machines.json`,
 * JSON Schema `leaderboard/machines.schema.json`): per machine its id, the
 * `runs-on` labels, the targets it evaluates, whether it gates and a note.
 * Checked with ajv against the schema, then for what a schema cannot say:
 * every target is a known target and no id repeats.
 *
 * @module
 */
import { Ajv, type ErrorObject } from "ajv";
import schema from "../../leaderboard/machines.schema.json" with { type: "json" };
import { ConfigError } from "../core/errors.ts";
import { schemaFault } from "../core/schema_fault.ts";
import { builtinTargets } from "./builtin.ts";
import { readJsonFile } from "./json_file.ts";

/** One machine of the hardware matrix. */
export interface Machine {
  /** Machine id: names the results folder `results/<id>` and the artifact `results-<id>`. */
  readonly id: string;
  /** The job's `runs-on` labels. */
  readonly runsOn: readonly string[];
  /** Target ids evaluated there. */
  readonly targets: readonly string[];
  /** Whether a confirmed regression on this machine fails the workflow. */
  readonly gating: boolean;
  /** Whether the leg runs only when asked for by name. */
  readonly optional?: boolean;
  /** The run leg's timeout in minutes. */
  readonly timeoutMinutes?: number;
  /** Minutes the leg may wait for its runner before the run is collected without it. */
  readonly queueTimeoutMinutes?: number;
  /** What the machine is and what to expect of it. */
  readonly note: string;
}

/** The default run-leg timeout in minutes. */
export const DEFAULT_TIMEOUT_MINUTES = 300;

/** The default time a leg may wait for its runner, in minutes. */
export const DEFAULT_QUEUE_TIMEOUT_MINUTES = 120;

let validate: ReturnType<Ajv["compile"]> | undefined;

function schemaError(file: string, value: unknown, errors: ErrorObject[]): ConfigError {
  const fault = schemaFault(value, errors);
  return new ConfigError(`invalid machine list: ${fault.message}`, {
    file,
    field: fault.field || "(file)",
    ...("value" in fault ? { value: fault.value } : {}),
  });
}

/**
 * Checks a parsed machine list. `known` is the set of target ids a machine may
 * name (default: the built-in targets). Throws a {@linkcode ConfigError} naming
 * the file, field and value at fault.
 */
export function parseMachines(
  value: unknown,
  file: string,
  known: readonly string[] = builtinTargets().map((t) => t.id),
): Machine[] {
  validate ??= new Ajv({ allErrors: false, strict: true }).compile(schema);
  if (!validate(value)) throw schemaError(file, value, validate.errors ?? []);
  const machines = (value as { machines: Machine[] }).machines;
  const seen = new Set<string>();
  machines.forEach((m, i) => {
    if (seen.has(m.id)) {
      throw new ConfigError("duplicate machine id", {
        file,
        field: `machines.${i}.id`,
        value: m.id,
      });
    }
    seen.add(m.id);
    m.targets.forEach((t, j) => {
      if (!known.includes(t)) {
        throw new ConfigError(`unknown target; known: ${known.join(", ")}`, {
          file,
          field: `machines.${i}.targets.${j}`,
          value: t,
        });
      }
    });
  });
  return machines;
}

/** Reads and checks a machine list file (see {@linkcode parseMachines}). */
export async function loadMachines(
  file: string,
  known?: readonly string[],
): Promise<Machine[]> {
  const value = await readJsonFile(file, "the machine list");
  return parseMachines(value, file, known);
}

/**
 * The GitHub Actions matrix of the given machines: `{include: [...]}` with one
 * entry per machine (`machine`, `runs-on`, `targets` comma-joined, `gating`,
 * `timeout`, `queue_timeout`). `only`, when given, keeps the machines it names (optional ones
 * included); otherwise optional machines are left out. An unknown name in
 * `only` is an error.
 */
export function actionsMatrix(
  machines: readonly Machine[],
  only?: readonly string[],
  file = "machines.json",
): { include: Record<string, unknown>[] } {
  for (const name of only ?? []) {
    if (!machines.some((m) => m.id === name)) {
      throw new ConfigError(`unknown machine; known: ${machines.map((m) => m.id).join(", ")}`, {
        file,
        field: "machines",
        value: name,
      });
    }
  }
  const chosen = only
    ? machines.filter((m) => only.includes(m.id))
    : machines.filter((m) => !m.optional);
  return {
    include: chosen.map((m) => ({
      machine: m.id,
      "runs-on": m.runsOn.length === 1 ? m.runsOn[0] : m.runsOn,
      targets: m.targets.join(","),
      gating: m.gating,
      timeout: m.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES,
      queue_timeout: m.queueTimeoutMinutes ?? DEFAULT_QUEUE_TIMEOUT_MINUTES,
    })),
  };
}
