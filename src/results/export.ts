/**
 * The leaderboard table and per-sample data as flat rows, for CSV and JSON
 * export. One row per leaderboard identity (quality per model and task,
 * efficiency per model, task, target and machine), chosen by `select.ts`.
 *
 * @module
 */
import type { CellRecord, SampleRecord, Stat } from "../core/record.ts";
import { csvText, type CsvValue } from "./csv.ts";
import { boardRecords } from "./select.ts";

/** One row of the leaderboard table. */
export interface LeaderboardRow {
  model: string;
  architecture: string;
  split: string;
  distilled: boolean;
  teacher: string;
  role: string;
  /** True for a reference system (`role` `reference`): shown, never ranked. */
  reference: boolean;
  paramsTotal: number;
  dtype: string;
  modelSha256: string;
  task: string;
  taskKind: string;
  taskDirection: string;
  target: string;
  device: string;
  profile: string;
  batchSize: number;
  status: string;
  error: string;
  primary: string;
  score: number | null;
  scoreCiLow: number | null;
  scoreCiHigh: number | null;
  samples: number | null;
  ttftMsMean: number | null;
  ttftMsP50: number | null;
  ttftMsP90: number | null;
  tpotMsMean: number | null;
  tpotMsP50: number | null;
  decodeTokensPerSMean: number | null;
  totalMsMean: number | null;
  timedRuns: number | null;
  examplesPerS: number | null;
  peakRssMiB: number | null;
  loadMs: number | null;
  cpu: string;
  cores: number;
  runId: string;
  cellKey: string;
  finishedAt: string;
}

/**
 * The record standing for each leaderboard identity (see `select.ts`: quality
 * per model and task, efficiency per machine), sorted by model, task, target,
 * profile and machine.
 */
export function leaderboardRecords(records: readonly CellRecord[]): CellRecord[] {
  const order = (r: CellRecord): string[] => [
    r.model.id,
    r.task?.id ?? "",
    r.target.id,
    r.settings.profile,
    r.environment.cpu,
  ];
  return boardRecords(records).sort((a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) {
      if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
    }
    return 0;
  });
}

function mean(s: Stat | undefined): number | null {
  return s && s.n > 0 ? s.mean : null;
}

/** Flattens one record into a leaderboard row. */
export function toRow(r: CellRecord): LeaderboardRow {
  const primary = r.quality?.primary ?? "";
  const score = r.quality?.metrics[primary];
  const e = r.efficiency;
  return {
    model: r.model.id,
    architecture: r.model.architecture,
    split: r.model.split ?? "",
    distilled: r.model.distilled,
    teacher: r.model.teacher ?? "",
    role: r.model.role,
    reference: r.model.role === "reference",
    paramsTotal: r.model.params.total,
    dtype: r.model.dtype,
    modelSha256: r.model.sha256,
    task: r.task?.id ?? "",
    taskKind: r.task?.kind ?? "",
    taskDirection: r.task?.direction ?? "",
    target: r.target.id,
    device: r.target.device,
    profile: r.settings.profile,
    batchSize: r.settings.batchSize,
    status: r.status,
    error: r.error ? `${r.error.reason}: ${r.error.message}` : "",
    primary,
    score: score?.value ?? null,
    scoreCiLow: score?.ciLow ?? null,
    scoreCiHigh: score?.ciHigh ?? null,
    samples: r.quality?.n ?? null,
    ttftMsMean: mean(e?.ttftMs),
    ttftMsP50: e && e.ttftMs.n > 0 ? e.ttftMs.p50 : null,
    ttftMsP90: e && e.ttftMs.n > 0 ? e.ttftMs.p90 : null,
    tpotMsMean: mean(e?.tpotMs),
    tpotMsP50: e && e.tpotMs.n > 0 ? e.tpotMs.p50 : null,
    decodeTokensPerSMean: mean(e?.decodeTokensPerS),
    totalMsMean: mean(e?.totalMs),
    timedRuns: e ? e.totalMs.n : null,
    examplesPerS: e?.examplesPerS ?? null,
    peakRssMiB: e?.peakRssMiB ?? null,
    loadMs: e?.loadMs ?? null,
    cpu: r.environment.cpu,
    cores: r.environment.cores,
    runId: r.runId,
    cellKey: r.cellKey,
    finishedAt: r.finishedAt,
  };
}

/** A per-sample row: the sample with its cell's model, task and target. */
export interface SampleRow {
  runId: string;
  cellKey: string;
  model: string;
  task: string;
  target: string;
  sampleId: string;
  input: string;
  references: string[];
  prediction: string;
  scores: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
}

/** Joins sample records to their cell record. */
export function toSampleRow(cell: CellRecord, s: SampleRecord): SampleRow {
  return {
    runId: cell.runId,
    cellKey: cell.cellKey,
    model: cell.model.id,
    task: cell.task?.id ?? "",
    target: cell.target.id,
    sampleId: s.sampleId,
    input: s.input,
    references: [...s.references],
    prediction: s.prediction,
    scores: { ...s.scores },
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
  };
}

/** The leaderboard rows as CSV (header line first). */
export function leaderboardCsv(rows: readonly LeaderboardRow[]): string {
  const columns = Object.keys(EMPTY_ROW) as (keyof LeaderboardRow)[];
  return csvText(columns, rows.map((r) => columns.map((c) => r[c])));
}

/** Sample rows as CSV: references joined by ` ||| `, one `score.<name>` column per score. */
export function samplesCsv(rows: readonly SampleRow[]): string {
  const scoreNames = [...new Set(rows.flatMap((r) => Object.keys(r.scores)))].sort();
  const columns = [
    "runId",
    "cellKey",
    "model",
    "task",
    "target",
    "sampleId",
    "input",
    "references",
    "prediction",
    ...scoreNames.map((s) => `score.${s}`),
    "inputTokens",
    "outputTokens",
  ];
  const flat = rows.map((r) => {
    const row: Record<string, CsvValue> = {
      runId: r.runId,
      cellKey: r.cellKey,
      model: r.model,
      task: r.task,
      target: r.target,
      sampleId: r.sampleId,
      input: r.input,
      references: r.references.join(" ||| "),
      prediction: r.prediction,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
    };
    for (const s of scoreNames) row[`score.${s}`] = r.scores[s] ?? null;
    return columns.map((c) => row[c]);
  });
  return csvText(columns, flat);
}

const EMPTY_ROW: LeaderboardRow = {
  model: "",
  architecture: "",
  split: "",
  distilled: false,
  teacher: "",
  role: "",
  reference: false,
  paramsTotal: 0,
  dtype: "",
  modelSha256: "",
  task: "",
  taskKind: "",
  taskDirection: "",
  target: "",
  device: "",
  profile: "",
  batchSize: 0,
  status: "",
  error: "",
  primary: "",
  score: null,
  scoreCiLow: null,
  scoreCiHigh: null,
  samples: null,
  ttftMsMean: null,
  ttftMsP50: null,
  ttftMsP90: null,
  tpotMsMean: null,
  tpotMsP50: null,
  decodeTokensPerSMean: null,
  totalMsMean: null,
  timedRuns: null,
  examplesPerS: null,
  peakRssMiB: null,
  loadMs: null,
  cpu: "",
  cores: 0,
  runId: "",
  cellKey: "",
  finishedAt: "",
};
