/**
 * Leaderboard rows: one per model, with the primary metric of every task
 * (normalised to 0-100), their average, ranks with ties, and per-target
 * efficiency.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import { averageIntervals } from "./average.ts";
import { targetEfficiency } from "./efficiency.ts";
import { normalize } from "./normalize.ts";
import { compareCells } from "./paired.ts";
import { ciBetter, rankWithTies } from "./ranks.ts";
import { joinKey, type Selection } from "./select.ts";
import type {
  LeaderboardRow,
  ModelInfo,
  Rank,
  ReferenceComparison,
  ReferenceRow,
  SamplesByCell,
  TargetEfficiency,
  TaskScore,
  TaskSummary,
  TieMethod,
} from "./types.ts";

/** Result of {@link leaderboardRows}. */
export interface Leaderboard {
  /** Rows, best average first (rows without an average last, by id). */
  readonly rows: readonly LeaderboardRow[];
  /** Tasks in display order, with how their ranks were decided. */
  readonly tasks: readonly TaskSummary[];
  /** Reference systems, by id (never ranked). */
  readonly references: readonly ReferenceRow[];
}

/** The model's score against the best reference of its task. */
type Scored = Omit<TaskScore, "rank"> & { readonly modelId: string };

function versusReference(
  s: Scored,
  refs: readonly Scored[],
  samples: SamplesByCell,
): ReferenceComparison | null {
  if (refs.length === 0) return null;
  const hib = s.raw.higherIsBetter;
  const best = refs.reduce((a, b) =>
    (hib ? b.norm.value > a.norm.value : b.norm.value < a.norm.value) ? b : a
  );
  const d = compareCells(samples, {
    system: s.cellKey,
    baseline: best.cellKey,
    primary: s.metric,
    higherIsBetter: hib,
  });
  const above = d !== null ? d.verdict === "system" : ciBetter(s.norm, best.norm, hib);
  const below = d !== null ? d.verdict === "baseline" : ciBetter(best.norm, s.norm, hib);
  return {
    referenceId: best.modelId,
    reference: best.norm,
    verdict: above ? "above" : below ? "below" : "tie",
  };
}

function taskScore(cell: CellRecord): Scored | null {
  const q = cell.quality;
  if (q === null || cell.task === null) return null;
  const raw = q.metrics[q.primary];
  if (raw === undefined) return null;
  return {
    taskId: cell.task.id,
    metric: q.primary,
    raw,
    norm: normalize(q.primary, raw),
    n: q.n,
    cellKey: cell.cellKey,
    runId: cell.runId,
    modelId: cell.model.id,
  };
}

/**
 * Ranks one task's scores. With per-sample scores for every pair, a paired
 * bootstrap decides significance; otherwise interval overlap does.
 */
function rankTask(
  scores: readonly Omit<TaskScore, "rank">[],
  samples: SamplesByCell,
  higherIsBetter: boolean,
): { ranks: Rank[]; method: TieMethod } {
  const n = scores.length;
  const sig: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  let paired = n > 1;
  for (let i = 0; i < n && paired; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = scores[i]!, b = scores[j]!;
      const d = compareCells(samples, {
        system: a.cellKey,
        baseline: b.cellKey,
        primary: a.metric,
        higherIsBetter,
      });
      if (d === null) {
        paired = false;
        break;
      }
      sig[i]![j] = d.verdict === "system";
      sig[j]![i] = d.verdict === "baseline";
    }
  }
  if (paired) return { ranks: rankWithTies(n, (i, j) => sig[i]![j]!), method: "paired-bootstrap" };
  const ranks = rankWithTies(
    n,
    (i, j) => ciBetter(scores[i]!.norm, scores[j]!.norm, higherIsBetter),
  );
  return { ranks, method: "ci-overlap" };
}

/**
 * Builds the overview rows from a selection of newest cells.
 */
export function leaderboardRows(sel: Selection, samples: SamplesByCell): Leaderboard {
  const models = new Map<string, ModelInfo>();
  const modelAt = new Map<string, string>();
  const remember = (c: CellRecord): void => {
    const at = modelAt.get(c.model.id);
    if (at === undefined || c.finishedAt > at) {
      models.set(c.model.id, c.model);
      modelAt.set(c.model.id, c.finishedAt);
    }
  };
  const byTask = new Map<string, CellRecord[]>();
  const refCells: CellRecord[] = [];
  for (const c of sel.quality.values()) {
    if (c.model.role === "reference") {
      refCells.push(c);
      continue;
    }
    remember(c);
    const list = byTask.get(c.task!.id) ?? [];
    list.push(c);
    byTask.set(c.task!.id, list);
  }
  const effCells = new Map<string, CellRecord[]>();
  for (const c of sel.latency.values()) {
    remember(c);
    const k = joinKey(c.model.id, c.target.id);
    const list = effCells.get(k) ?? [];
    list.push(c);
    effCells.set(k, list);
  }
  for (const c of sel.sweep.values()) remember(c);

  const taskIds = [...byTask.keys()].sort();
  const scores = new Map<string, Record<string, TaskScore>>();
  const tasks: TaskSummary[] = [];
  for (const taskId of taskIds) {
    const cells = byTask.get(taskId)!;
    const newest = cells.reduce((a, b) => (b.finishedAt > a.finishedAt ? b : a));
    const list = cells.map(taskScore).filter((s) => s !== null);
    const refs = refCells.filter((c) => c.task!.id === taskId).map(taskScore).filter((s) =>
      s !== null
    );
    const higherIsBetter = list[0]?.raw.higherIsBetter ?? true;
    const { ranks, method } = rankTask(list, samples, higherIsBetter);
    list.forEach((s, i) => {
      const { modelId, ...score } = s;
      const row = scores.get(modelId) ?? {};
      row[taskId] = {
        ...score,
        rank: ranks[i] ?? null,
        vsReference: versusReference(s, refs, samples),
      };
      scores.set(modelId, row);
    });
    tasks.push({
      info: newest.task!,
      primary: newest.quality!.primary,
      higherIsBetter,
      tieMethod: method,
    });
  }

  const ids = [...models.keys()].sort();
  const partial = ids.map((id) => {
    const s = scores.get(id) ?? {};
    const parts = taskIds.map((t) => s[t]);
    const complete = parts.every((p) => p !== undefined && p.raw.higherIsBetter);
    const average = complete && parts.length > 0
      ? averageIntervals(parts.map((p) => p!.norm))
      : null;
    const efficiency: Record<string, TargetEfficiency> = {};
    for (const [k, cells] of effCells) {
      if (!k.startsWith(id + "\u0000")) continue;
      const e = targetEfficiency(cells);
      if (e !== null) efficiency[e.targetId] = e;
    }
    return { model: models.get(id)!, scores: s, average, efficiency };
  });
  const ranked = partial.filter((r) => r.average !== null);
  const ranks = rankWithTies(
    ranked.length,
    (i, j) => ciBetter(ranked[i]!.average!, ranked[j]!.average!),
  );
  const rankOf = new Map(ranked.map((r, i) => [r.model.id, ranks[i]!]));
  const rows: LeaderboardRow[] = partial.map((r) => ({
    ...r,
    rank: rankOf.get(r.model.id) ?? null,
  }));
  rows.sort((a, b) => {
    if (a.average !== null && b.average !== null) return b.average.value - a.average.value;
    if (a.average !== null) return -1;
    if (b.average !== null) return 1;
    return a.model.id < b.model.id ? -1 : 1;
  });
  return { rows, tasks, references: referenceRows(refCells) };
}

function referenceRows(cells: readonly CellRecord[]): ReferenceRow[] {
  const byId = new Map<string, ReferenceRow>();
  for (const c of cells) {
    const s = taskScore(c);
    if (s === null) continue;
    const { modelId: _m, ...score } = s;
    const row = byId.get(c.model.id) ?? { reference: true, model: c.model, scores: {} };
    byId.set(c.model.id, {
      ...row,
      scores: { ...row.scores, [s.taskId]: { ...score, rank: null, vsReference: null } },
    });
  }
  return [...byId.values()].sort((a, b) => (a.model.id < b.model.id ? -1 : 1));
}
