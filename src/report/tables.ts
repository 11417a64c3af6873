/**
 * Flat tables of the report, for CSV and JSON downloads: one table per view,
 * columns named in snake_case, numbers unrounded, missing values null.
 *
 * @module
 */
import { MEASURES, targetValue } from "./measures.ts";
import type { Report } from "./report.ts";

/** A cell of a flat table. */
export type TableValue = string | number | boolean | null;

/** A named flat table. */
export interface FlatTable {
  /** File stem, e.g. `overview`. */
  readonly name: string;
  /** What the table holds, one line. */
  readonly title: string;
  /** Column names. */
  readonly columns: readonly string[];
  /** Rows, each as long as `columns`. */
  readonly rows: readonly (readonly TableValue[])[];
}

function table(
  name: string,
  title: string,
  objects: readonly Record<string, TableValue>[],
  columns?: readonly string[],
): FlatTable {
  const cols = columns ?? (objects[0] ? Object.keys(objects[0]) : []);
  return { name, title, columns: cols, rows: objects.map((o) => cols.map((c) => o[c] ?? null)) };
}

/** The overview as one flat table. */
function overview(report: Report): FlatTable {
  const columns = ["rank", "tied", "model", "architecture", "split", "distilled", "role", "params"];
  for (const t of report.tasks) {
    const id = t.info.id;
    columns.push(`${id}_metric`, `${id}_value`, `${id}_ci_low`, `${id}_ci_high`, `${id}_norm`);
  }
  columns.push("avg_norm", "avg_ci_low", "avg_ci_high");
  for (const t of report.targets) {
    const id = t.info.id;
    columns.push(...MEASURES.map((m) => `${id}_${m.column}`));
  }
  const objects = report.rows.map((r) => {
    const o: Record<string, TableValue> = {
      rank: r.rank?.rank ?? null,
      tied: r.rank?.tied ?? null,
      model: r.model.id,
      architecture: r.model.architecture,
      split: r.model.split ?? null,
      distilled: r.model.distilled,
      role: r.model.role,
      params: r.model.params.total,
    };
    for (const t of report.tasks) {
      const s = r.scores[t.info.id], id = t.info.id;
      o[`${id}_metric`] = s?.metric ?? null;
      o[`${id}_value`] = s?.raw.value ?? null;
      o[`${id}_ci_low`] = s?.raw.ciLow ?? null;
      o[`${id}_ci_high`] = s?.raw.ciHigh ?? null;
      o[`${id}_norm`] = s?.norm.value ?? null;
    }
    o.avg_norm = r.average?.value ?? null;
    o.avg_ci_low = r.average?.low ?? null;
    o.avg_ci_high = r.average?.high ?? null;
    for (const t of report.targets) {
      const e = r.efficiency[t.info.id], id = t.info.id;
      for (const m of MEASURES) o[`${id}_${m.column}`] = e ? targetValue(m, e) : null;
    }
    return o;
  });
  return table(
    "overview",
    "Every model: task scores with 95% CIs, average, efficiency per target",
    objects,
    columns,
  );
}

/** Every downloadable table of the report. */
export function reportTables(report: Report): FlatTable[] {
  return [
    overview(report),
    table(
      "references",
      "Reference systems (trivial answers, not ranked): primary metric per task",
      report.references.flatMap((r) =>
        Object.values(r.scores).map((s) => ({
          reference: r.model.id,
          task: s.taskId,
          metric: s.metric,
          value: s.raw.value,
          ci_low: s.raw.ciLow,
          ci_high: s.raw.ciHigh,
          norm: s.norm.value,
          n: s.n,
        }))
      ),
      ["reference", "task", "metric", "value", "ci_low", "ci_high", "norm", "n"],
    ),
    table(
      "pareto",
      "Average quality against time to first token, per target",
      Object.entries(report.pareto).flatMap(([targetId, pts]) =>
        pts.map((p) => ({
          target: targetId,
          model: p.modelId,
          ttft_ms: p.ttft.value,
          ttft_ci_low: p.ttft.low,
          ttft_ci_high: p.ttft.high,
          quality: p.quality.value,
          quality_ci_low: p.quality.low,
          quality_ci_high: p.quality.high,
          on_front: p.onFront,
        }))
      ),
      [
        "target",
        "model",
        "ttft_ms",
        "ttft_ci_low",
        "ttft_ci_high",
        "quality",
        "quality_ci_low",
        "quality_ci_high",
        "on_front",
      ],
    ),
    table(
      "kd",
      "Distillation gain: distilled minus baseline, normalised points",
      report.kd.map((d) => ({
        student: d.student,
        baseline: d.baseline,
        teacher: d.teacher,
        architecture: d.architecture,
        split: d.split,
        task: d.taskId,
        delta: d.delta.value,
        ci_low: d.delta.low,
        ci_high: d.delta.high,
        method: d.method,
      })),
      [
        "student",
        "baseline",
        "teacher",
        "architecture",
        "split",
        "task",
        "delta",
        "ci_low",
        "ci_high",
        "method",
      ],
    ),
    table(
      "ratios",
      "Encoder-decoder against decoder-only, per target",
      report.ratios.map((r) => ({
        target: r.targetId,
        enc_dec: r.encDec,
        split: r.split,
        dec_only: r.decOnly,
        distilled: r.distilled,
        enc_dec_ttft_ms: r.encDecTtftMs,
        dec_only_ttft_ms: r.decOnlyTtftMs,
        ttft_reduction_pct: r.ttftReductionPct,
        enc_dec_tokens_per_s: r.encDecTokensPerS,
        dec_only_tokens_per_s: r.decOnlyTokensPerS,
        throughput_ratio: r.throughputRatio,
      })),
      [
        "target",
        "enc_dec",
        "split",
        "dec_only",
        "distilled",
        "enc_dec_ttft_ms",
        "dec_only_ttft_ms",
        "ttft_reduction_pct",
        "enc_dec_tokens_per_s",
        "dec_only_tokens_per_s",
        "throughput_ratio",
      ],
    ),
    table(
      "sweep",
      "Latency against input length, KV cache on and off",
      report.sweep.flatMap((s) =>
        s.points.map((p) => ({
          target: s.targetId,
          model: s.modelId,
          kv_cache: s.kvCache,
          input_tokens: p.inputTokens,
          output_tokens: p.outputTokens,
          ttft_ms: p.ttftMs,
          tpot_ms: p.tpotMs,
          total_ms: p.totalMs,
          tokens_per_s: p.tokensPerS,
        }))
      ),
      [
        "target",
        "model",
        "kv_cache",
        "input_tokens",
        "output_tokens",
        "ttft_ms",
        "tpot_ms",
        "total_ms",
        "tokens_per_s",
      ],
    ),
    table(
      "history",
      "Every metric per target, model and run",
      report.history.flatMap((h) =>
        h.points.map((p) => ({
          target: h.targetId,
          model: h.modelId,
          metric: h.metric,
          run: p.runId,
          at: p.at,
          value: p.value,
          change: p.change,
          flagged: p.flagged,
        }))
      ),
      ["target", "model", "metric", "run", "at", "value", "change", "flagged"],
    ),
    table(
      "asymmetry",
      "Per-task length statistics and asymmetry ratio",
      report.asymmetry.map((a) => ({
        task: a.taskId,
        kind: a.kind,
        direction: a.direction,
        samples: a.samples,
        input_words: a.inputWords,
        input_words_p50: a.inputWordsP50,
        input_words_p90: a.inputWordsP90,
        reference_words: a.referenceWords,
        reference_words_p50: a.referenceWordsP50,
        input_tokens: a.inputTokens,
        output_tokens: a.outputTokens,
        ratio: a.ratio,
        ratio_basis: a.ratioBasis,
      })),
      [
        "task",
        "kind",
        "direction",
        "samples",
        "input_words",
        "input_words_p50",
        "input_words_p90",
        "reference_words",
        "reference_words_p50",
        "input_tokens",
        "output_tokens",
        "ratio",
        "ratio_basis",
      ],
    ),
    table(
      "table2",
      "The paper's Table 2 (330M) beside measured numbers",
      report.table2.map((t) => ({
        platform: t.platform,
        target: t.targetId,
        model: t.model,
        measured_model: t.modelId,
        paper_ttft_ms: t.paperTtftMs,
        measured_ttft_ms: t.measuredTtftMs,
        paper_tokens_per_s: t.paperTokensPerS,
        measured_tokens_per_s: t.measuredTokensPerS,
      })),
      [
        "platform",
        "target",
        "model",
        "measured_model",
        "paper_ttft_ms",
        "measured_ttft_ms",
        "paper_tokens_per_s",
        "measured_tokens_per_s",
      ],
    ),
    table(
      "task_gaps",
      "Encoder-decoder minus decoder-only baseline, per task, normalised points",
      report.taskGaps.map((g) => ({
        task: g.taskId,
        kind: g.kind,
        enc_dec: g.encDec,
        dec_only: g.decOnly,
        gap: g.gap.value,
        ci_low: g.gap.low,
        ci_high: g.gap.high,
      })),
      ["task", "kind", "enc_dec", "dec_only", "gap", "ci_low", "ci_high"],
    ),
    table(
      "failures",
      "Cells that failed or timed out",
      report.failures.map((f) => ({
        cell: f.cellKey,
        run: f.runId,
        model: f.modelId,
        task: f.taskId,
        target: f.targetId,
        profile: f.profile,
        status: f.status,
        message: f.message,
      })),
      ["cell", "run", "model", "task", "target", "profile", "status", "message"],
    ),
    table(
      "agreement",
      "Latency samples whose greedy tokens equal the cpu target's on the same model files",
      report.agreement.map((a) => ({
        model: a.modelId,
        task: a.taskId,
        target: a.targetId,
        reference_target: a.referenceTargetId,
        matched: a.matched,
        of: a.of,
        cell: a.cellKey,
        reference_cell: a.referenceCellKey,
      })),
      ["model", "task", "target", "reference_target", "matched", "of", "cell", "reference_cell"],
    ),
  ];
}

/** A flat table as an array of objects keyed by column. */
export function tableObjects(t: FlatTable): Record<string, TableValue>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}
