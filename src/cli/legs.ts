/**
 * `deno task legs --jobs FILE --matrix JSON --started ISO [--now ISO] [--format json|md]`: where
 * the legs of a hardware run stand, from the run's jobs as the GitHub API lists them
 * (`src/targets/legs.ts`). The workflow's wait job calls it until `waiting` is false: legs
 * done, and legs whose runner has not come within the machine's queue timeout given up.
 *
 * Exit codes: 0 printed; 2 bad flags or a bad jobs file.
 *
 * @module
 */
import { Option } from "commander";
import { newCommand } from "./_command.ts";
import { timeFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { ConfigError } from "../core/errors.ts";
import { readJsonFile } from "../targets/json_file.ts";
import { legMarkdown, legReport, type MatrixLeg, parseJobs } from "../targets/legs.ts";

function parseMatrix(text: string): MatrixLeg[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError("not JSON", { field: "--matrix", value: text.slice(0, 60) });
  }
  const include = (value as { include?: unknown })?.include;
  if (!Array.isArray(include)) {
    throw new ConfigError("expected `deno task machines --json` output", { field: "--matrix" });
  }
  return include.map((m, i) => {
    const o = (m ?? {}) as Record<string, unknown>;
    if (typeof o.machine !== "string" || typeof o.queue_timeout !== "number") {
      throw new ConfigError("each leg needs machine and queue_timeout", {
        field: `--matrix include.${i}`,
        value: m,
      });
    }
    return { machine: o.machine, gating: o.gating === true, queue_timeout: o.queue_timeout };
  });
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("legs")
    .description("Say where the legs of a hardware run stand (the workflow's wait job).")
    .requiredOption("--jobs <file>", "the run's jobs, as GET .../actions/runs/{id}/jobs returns")
    .requiredOption("--matrix <json>", "the legs: `deno task machines --json` output")
    .requiredOption("--started <time>", "when the run started (ISO 8601)", timeFlag)
    .option("--now <time>", "the time to judge at (default: now)", timeFlag)
    .addOption(
      new Option("--format <format>", "output format").choices(["json", "md"] as const)
        .default("json" as const),
    )
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  const matrix = parseMatrix(opts.matrix);
  const jobs = parseJobs(await readJsonFile(opts.jobs, "the run's jobs"), opts.jobs);
  const report = legReport(jobs, matrix, opts.now ?? new Date(), opts.started);
  console.log(opts.format === "md" ? legMarkdown(report) : JSON.stringify(report));
  return 0;
}

runCli(import.meta, main);
