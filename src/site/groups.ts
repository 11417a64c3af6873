/**
 * Task-group views: the leaderboard's average restricted to a group of
 * tasks (asymmetric vs symmetric, and each family), with the report's own
 * averaging rule ({@link averageIntervals}: quadrature of the task intervals).
 *
 * @module
 */
import { averageIntervals, type Interval, type Report } from "../report/mod.ts";

/** A group of tasks. */
export interface TaskGroup {
  /** Stable id, e.g. `kind-asymmetric`, `family-qa`. */
  readonly id: string;
  /** Header label. */
  readonly label: string;
  /** What groups the tasks. */
  readonly by: "kind" | "family";
  /** Task ids in the group. */
  readonly tasks: readonly string[];
}

/** A model's averages over each group (null where it lacks a task of the group). */
export interface GroupRow {
  readonly modelId: string;
  readonly architecture: string;
  readonly averages: readonly (Interval | null)[];
}

/** The groups of the report's tasks: by kind, then by family (families of one task included). */
export function taskGroups(report: Report): TaskGroup[] {
  const groups: TaskGroup[] = [];
  const add = (by: "kind" | "family", key: (t: Report["tasks"][number]) => string): void => {
    const keys = [...new Set(report.tasks.map(key))].sort();
    for (const k of keys) {
      groups.push({
        id: `${by}-${k}`,
        label: k,
        by,
        tasks: report.tasks.filter((t) => key(t) === k).map((t) => t.info.id),
      });
    }
  };
  add("kind", (t) => t.info.kind);
  add("family", (t) => t.info.family);
  return groups;
}

/** Each model's average per group, in the leaderboard's row order. */
export function groupRows(report: Report, groups: readonly TaskGroup[]): GroupRow[] {
  return report.rows.map((row) => ({
    modelId: row.model.id,
    architecture: row.model.architecture,
    averages: groups.map((g) => {
      const ivs = g.tasks.map((t) => row.scores[t]?.norm);
      return ivs.every((iv) => iv !== undefined) ? averageIntervals(ivs as Interval[]) : null;
    }),
  }));
}
