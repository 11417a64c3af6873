/**
 * The overview page (`/`), one file per section: the introduction, the
 * at-a-glance cards, the leaderboard (controls, header, model and reference
 * rows), the task groups, the charts, and the comparison tables (the paper's
 * Table 2, architecture ratios, the link to efficiency at real sizes, distillation gain, task
 * asymmetry, unfinished cells).
 *
 * @module
 */
export { OverviewPage } from "./page.tsx";
export { contendedKey } from "./contended.ts";
