/**
 * `deno task report [--results DIR] [--json]`: the leaderboard in the
 * terminal. Per model and task the primary metric with its 95% CI; per target
 * TTFT, TPOT and decode throughput (batch 1, mean); and the paper's
 * comparisons as measured ratios: encoder-decoder against decoder-only, and
 * distilled against baseline; where the store has shape cells, the shape pairs' ratios at
 * real sizes. Reductions come from `src/report/`.
 *
 * Exit codes: 0 printed; 2 bad flags or unreadable store.
 *
 * @module
 */
import { newCommand } from "./_command.ts";
import {
  buildReport,
  type Interval,
  metricScale,
  type Report,
  selectLatest,
} from "../report/mod.ts";
import { readSamplesOf, readStore } from "../results/mod.ts";
import { assertInputFolder } from "./_flags.ts";
import { runCli } from "./_run.ts";
import { UsageError } from "./_errors.ts";
import { textTable } from "./_table.ts";

function num(v: number | null | undefined, digits?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "-";
  const d = digits ?? (Math.abs(v) < 10 ? 3 : Math.abs(v) < 100 ? 1 : 0);
  return v.toFixed(d);
}

function qualityTable(report: Report): string {
  const tasks = report.tasks.map((t) => t.info.id);
  const head = [
    "rank",
    "model",
    "arch",
    "split",
    "params",
    "KD",
    "avg (0-100)",
    ...tasks.map((t) => {
      const p = report.tasks.find((x) => x.info.id === t)?.primary ?? "";
      return `${t} ${p}`;
    }),
  ];
  const rows = report.rows.map((r) => [
    r.rank?.label ?? "-",
    r.model.id,
    r.model.architecture === "encoder-decoder" ? "enc-dec" : "dec-only",
    r.model.split ?? "-",
    String(r.model.params.total),
    r.model.distilled ? "yes" : "no",
    r.average
      ? `${num(r.average.value, 1)} [${num(r.average.low, 1)}, ${num(r.average.high, 1)}]`
      : "-",
    ...tasks.map((t) => {
      const s = r.scores[t];
      if (!s) return "-";
      const d = metricScale(s.metric) === 1 ? 3 : 1;
      return `${num(s.raw.value, d)} [${num(s.raw.ciLow, d)}, ${num(s.raw.ciHigh, d)}]`;
    }),
  ]);
  const refs = report.references.map((r) => [
    "ref",
    r.model.id,
    "-",
    "-",
    "-",
    "-",
    "-",
    ...tasks.map((t) => {
      const s = r.scores[t];
      if (!s) return "-";
      const d = metricScale(s.metric) === 1 ? 3 : 1;
      return `${num(s.raw.value, d)} [${num(s.raw.ciLow, d)}, ${num(s.raw.ciHigh, d)}]`;
    }),
  ]);
  return textTable(head, [...rows, ...refs]);
}

function efficiencyTable(report: Report): string {
  const targets = report.targets.map((t) => t.info.id);
  const head = ["model", ...targets.flatMap((t) => [`${t} TTFT ms`, `${t} TPOT ms`, `${t} tok/s`])];
  const rows = report.rows.map((r) => [
    r.model.id,
    ...targets.flatMap((t) => {
      const e = r.efficiency[t];
      return e && e.ttftMs.n > 0
        ? [
          num(e.ttftMs.mean, 2),
          num(e.tpotMs.n ? e.tpotMs.mean : null, 3),
          num(e.tokensPerS.n ? e.tokensPerS.mean : null, 0),
        ]
        : ["-", "-", "-"];
    }),
  ]);
  return textTable(head, rows);
}

function ratioTable(report: Report): string {
  if (report.ratios.length === 0) {
    return "(no encoder-decoder / decoder-only pair measured on one target)";
  }
  return textTable(
    [
      "target",
      "enc-dec",
      "split",
      "dec-only",
      "TTFT enc-dec/dec-only",
      "lower TTFT",
      "throughput ratio",
    ],
    report.ratios.map((r) => [
      r.targetId,
      r.encDec,
      r.split ?? "-",
      r.decOnly,
      num(r.ttftRatio, 2),
      `${num(r.ttftReductionPct, 0)}%`,
      `${num(r.throughputRatio, 2)}x`,
    ]),
  );
}

function kdTable(report: Report): string {
  if (report.kd.length === 0) return "(no distilled model with a baseline measured)";
  return textTable(
    ["student", "baseline", "task", "delta (points, 0-100)", "method", "baseline", "teacher"],
    report.kd.map((d) => [
      d.student,
      d.baseline,
      d.taskId,
      `${d.delta.value >= 0 ? "+" : ""}${num(d.delta.value, 1)} [${num(d.delta.low, 1)}, ${
        num(d.delta.high, 1)
      }]`,
      d.method,
      num(d.baselineScore.value, 1),
      d.teacherScore === null
        ? "-"
        : `${num(d.teacherScore.value, 1)}${d.teacherBelowBaseline ? " (below baseline)" : ""}`,
    ]),
  );
}

function table2Text(report: Report): string {
  const rows = report.table2.filter((r) => r.targetId !== null);
  if (rows.length === 0) return "(no target of the paper's platforms measured)";
  return textTable(
    ["platform", "target", "model", "measured", "paper TTFT ms", "TTFT ms", "paper tok/s", "tok/s"],
    rows.map((r) => [
      r.platform,
      r.targetId ?? "-",
      r.model,
      r.modelId ?? "-",
      num(r.paperTtftMs, 0),
      num(r.measuredTtftMs, 2),
      num(r.paperTokensPerS, 1),
      num(r.measuredTokensPerS, 0),
    ]),
  );
}

/** A ratio with its 95% interval, e.g. `0.71x [0.65, 0.78]`. */
function ratioText(r: Interval): string {
  return `${num(r.value, 2)}x [${num(r.low, 2)}, ${num(r.high, 2)}]`;
}

/** Efficiency at real sizes: each shape pair's ratios per target and grid point. */
function shapeText(report: Report): string {
  const s = report.shapes;
  if (s.ratios.length === 0) return "(no pair of shapes timed at the same point on one target)";
  return textTable(
    [
      "target",
      "enc-dec",
      "dec-only",
      "dtype",
      "batch",
      "cache",
      "in+new",
      "TTFT enc/dec",
      "tok/s enc/dec",
      "paper TTFT",
      "paper tok/s",
      "runs",
    ],
    s.ratios.map((r) => [
      r.targetId,
      r.encDec.modelId,
      r.decOnly.modelId,
      r.dtype,
      String(r.batchSize),
      r.kvCache ? "on" : "off",
      `${r.inputTokens}+${r.newTokens}`,
      ratioText(r.ttftRatio),
      ratioText(r.throughputRatio),
      r.paper ? `${num(r.paper.ttft, 2)}x` : "-",
      r.paper ? `${num(r.paper.throughput, 1)}x` : "-",
      `${r.encDec.runs}/${r.decOnly.runs}`,
    ]),
  );
}

/** Renders the whole report as text. */
export function renderReport(report: Report): string {
  const parts = [
    "Quality: primary metric per task with its 95% bootstrap CI (avg: normalised to 0-100);",
    "rows marked ref are reference systems (trivial answers), not ranked",
    qualityTable(report),
    "",
    "Efficiency: batch 1, mean over the latency pass (docs/method.md)",
    efficiencyTable(report),
    "",
    "Encoder-decoder against decoder-only (measured; the paper claims 47% lower TTFT, 4.7x throughput)",
    ratioTable(report),
    "",
    "The paper's Table 2 (330M models) beside our measurement (much smaller models; see docs/method.md)",
    table2Text(report),
    "",
    "Distilled against baseline (paired bootstrap over the same samples)",
    kdTable(report),
  ];
  if (report.shapes.shapes.length > 0) {
    parts.push(
      "",
      "Efficiency at real sizes: random-weight shapes, encoder-decoder over decoder-only with 95%",
      "intervals; paper: its Table 2 ratio (330M) for the target's device class; speed only, never quality",
      shapeText(report),
    );
    const gaps = report.shapes.unpaired.length;
    if (gaps > 0) parts.push(`(${gaps} shape cells without their partner's cell at that point)`);
  }
  if (report.failures.length > 0) {
    parts.push("", `Failed cells (${report.failures.length}):`);
    for (const f of report.failures) {
      parts.push(
        `  ${f.status}: ${f.modelId} / ${
          f.taskId ?? "-"
        } / ${f.targetId} [${f.profile}]: ${f.message}`,
      );
    }
  }
  return parts.join("\n");
}

/** Runs the CLI and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = newCommand()
    .name("report")
    .description("Print the leaderboard table in the terminal.")
    .option("--results <dir>", "results store", "leaderboard/results")
    .option("--json", "print the report as JSON")
    .allowExcessArguments(false);
  const opts = program.parse(args, { from: "user" }).opts();
  await assertInputFolder("--results", opts.results);
  // The table shows a few records of the store: the others' bodies are never parsed. The
  // JSON report has every record's history, so it reads them whole.
  const store = await readStore(opts.results, {
    onWarning: (m) => console.error(`warning: ${m}`),
    deferBodies: !opts.json,
  });
  if (store.cells.length === 0) {
    throw new UsageError(`--results ${opts.results}: no results yet (run \`deno task eval\`)`);
  }
  // The report compares the quality cells it shows: only their samples are read.
  const samples = await readSamplesOf(
    opts.results,
    [...selectLatest(store.cells).quality.values()],
    { onWarning: () => {} },
  );
  const report = buildReport(store.cells, { samples, history: opts.json === true });
  console.log(opts.json ? JSON.stringify(report) : renderReport(report));
  return 0;
}

runCli(import.meta, main);
