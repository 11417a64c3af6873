/**
 * `deno task compare --baseline DIR --contender DIR [--format md|json]
 * [--thresholds FILE] [--confirm] [--require-ok]`: the regression gate. Pairs records by cell
 * key only and reports quality (paired bootstrap), speed (against the median of
 * the last runs, confirmed regressions only) and status regressions, missing
 * targets, and cells that are not comparable. `--confirm` reruns the cells
 * whose speed is "suspicious" (`deno task eval --fresh` into the contender
 * folder, on this machine) and judges again.
 *
 * Exit codes: 0 no regression; 1 a regression; 2 bad flags or bad input.
 *
 * @module
 */
import { Option } from "commander";
import { newCommand } from "./_command.ts";
import { repeatFlag } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { ConfigError } from "../core/errors.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { readSamplesOf, readStore } from "../results/mod.ts";
import { denoCommand } from "../scheduler/child.ts";
import {
  compareJson,
  compareMarkdown,
  type CompareReport,
  compareStores,
  DEFAULT_THRESHOLDS,
  loadThresholds,
  sampleKey,
  type StoreView,
} from "../compare/mod.ts";

async function readView(dir: string, flag: string): Promise<StoreView> {
  const info = await Deno.stat(dir).catch(() => null);
  if (!info?.isDirectory) {
    throw new ConfigError("not a results folder", { field: flag, value: dir });
  }
  const store = await readStore(dir, { onWarning: (m) => console.error(`warning: ${m}`) });
  const ok = store.cells.filter((r) => r.status === "ok" && r.quality !== null);
  const newest = new Map<string, CellRecord>();
  for (const r of ok) {
    const cur = newest.get(r.cellKey);
    if (!cur || r.finishedAt > cur.finishedAt) newest.set(r.cellKey, r);
  }
  const samples = new Map<string, readonly SampleRecord[]>();
  const byKey = await readSamplesOf(dir, [...newest.values()], {
    onWarning: (m) => console.error(`warning: ${m}`),
  });
  for (const r of newest.values()) samples.set(sampleKey(r), byKey.get(r.cellKey) ?? []);
  return { records: store.cells, samples };
}

/** Where `--confirm`'s reruns find models and data. */
interface RerunDirs {
  readonly modelsDir?: readonly string[];
  readonly datasetsDir?: string;
}

/**
 * Reruns one timed cell with `deno task eval --fresh` into `out` (timed cells'
 * keys do not depend on the quality flags); false when eval failed.
 */
async function rerun(r: CellRecord, out: string, dirs: RerunDirs): Promise<boolean> {
  const args = [
    "task",
    "--quiet",
    "eval",
    "--models",
    r.model.id,
    ...(r.task ? ["--tasks", r.task.id] : []),
    "--targets",
    r.target.id,
    "--profile",
    r.settings.profile,
    "--fresh",
    "--out",
    out,
    ...(dirs.modelsDir ?? []).flatMap((d) => ["--models-dir", d]),
    ...(dirs.datasetsDir ? ["--datasets-dir", dirs.datasetsDir] : []),
  ];
  const res = await new Deno.Command(denoCommand(), { args, stdout: "null", stderr: "inherit" })
    .output();
  return res.success;
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("compare")
    .description("Compare a contender results store with a baseline store (regression gate).")
    .requiredOption("--baseline <dir>", "the baseline results folder")
    .requiredOption("--contender <dir>", "the contender results folder")
    .addOption(
      new Option("--format <format>", "output format").choices(["md", "json"] as const)
        .default("md" as const),
    )
    .option("--thresholds <file>", "JSON file of thresholds (default: built in)")
    .option("--confirm", "rerun the cells whose speed is suspicious, then judge again")
    .option(
      "--models-dir <dir>",
      "model folders for --confirm (repeatable)",
      repeatFlag,
    )
    .option("--datasets-dir <dir>", "shipped datasets for --confirm")
    .option(
      "--require-ok",
      "a contender without one ok cell fails (exit 1): a gating machine that measured nothing",
    )
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  const thresholds = opts.thresholds ? await loadThresholds(opts.thresholds) : DEFAULT_THRESHOLDS;
  const baseline = await readView(opts.baseline, "--baseline");
  let contender = await readView(opts.contender, "--contender");
  if (opts.requireOk && !contender.records.some((r) => r.status === "ok")) {
    const why = `no ok cell in ${opts.contender} (${contender.records.length} records): ` +
      "the machine measured nothing";
    console.log(
      opts.format === "json"
        ? JSON.stringify({ exitCode: 1, error: why })
        : `**Gate failed**: ${why}.`,
    );
    return 1;
  }
  let report: CompareReport = compareStores(baseline, contender, thresholds);
  if (opts.confirm && report.suspicious > 0) {
    const byKey = new Map(contender.records.map((r) => [r.cellKey, r]));
    for (const f of report.findings.filter((f) => f.verdict === "suspicious")) {
      const r = byKey.get(f.cellKey);
      const dirs = {
        ...(opts.modelsDir ? { modelsDir: opts.modelsDir } : {}),
        ...(opts.datasetsDir ? { datasetsDir: opts.datasetsDir } : {}),
      };
      if (r && !(await rerun(r, opts.contender, dirs))) {
        console.error(`warning: rerun of ${f.label} failed`);
      }
    }
    contender = await readView(opts.contender, "--contender");
    report = compareStores(baseline, contender, thresholds);
  }
  const code = report.regressions > 0 ? 1 : 0;
  console.log(opts.format === "json" ? compareJson(report, code) : compareMarkdown(report, code));
  return code;
}

runCli(import.meta, main);
