/**
 * The overview page: answers at a glance, the leaderboard table (sortable,
 * filterable, a target selector), the task groups, the charts, and the
 * comparison tables.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { Layout } from "../components.tsx";
import { Charts } from "./charts.tsx";
import { Distillation } from "./kd.tsx";
import { Failures } from "./failures.tsx";
import { Glance } from "./glance.tsx";
import { Groups } from "./groups.tsx";
import { Intro } from "./intro.tsx";
import { Leaderboard } from "./leaderboard.tsx";
import { Ratios } from "./ratios.tsx";
import { ShapesLink } from "./shapes.tsx";
import { Table2 } from "./table2.tsx";
import { TaskAsymmetry } from "./tasks.tsx";

/** The overview page; `contended` flags (model, target) latency measured under contention. */
export function OverviewPage(p: { report: Report; contended?: ReadonlySet<string> }): Child {
  const r = p.report;
  return (
    <Layout title="Overview" current="overview" charts>
      <Intro report={r} />
      <Glance report={r} />
      <Leaderboard report={r} contended={p.contended ?? new Set()} />
      <Groups report={r} />
      <Charts report={r} />
      <Table2 report={r} />
      <Ratios report={r} />
      <ShapesLink report={r} />
      <Distillation report={r} />
      <TaskAsymmetry report={r} />
      <Failures report={r} />
    </Layout>
  );
}
