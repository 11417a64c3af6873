/**
 * Pure reductions from cell records to the leaderboard's tables: the list of
 * efficiency measures, selection of the newest cells, normalised averages with intervals, ranks with ties,
 * Pareto fronts, distillation deltas, architecture ratios, sweeps, history,
 * task asymmetry, the paper's Table 2 beside measured numbers and the shapes' ratios at real
 * sizes.
 *
 * @module
 */
export * from "./types.ts";
export * from "./normalize.ts";
export * from "./average.ts";
export * from "./ranks.ts";
export * from "./paired.ts";
export * from "./pareto.ts";
export * from "./select.ts";
export { latestByKey, prefer } from "../results/select.ts";
export { csvText, type CsvValue } from "../results/csv.ts";
export * from "./measures.ts";
export * from "./efficiency.ts";
export * from "./agreement.ts";
export * from "./samples.ts";
export * from "./leaderboard.ts";
export * from "./kd.ts";
export * from "./ratios.ts";
export * from "./sweep.ts";
export * from "./history.ts";
export * from "./asymmetry.ts";
export * from "./table2.ts";
export * from "./shape_pairs.ts";
export * from "./shape_ratios.ts";
export * from "./task_gap.ts";
export * from "./report.ts";
export * from "./tables.ts";
