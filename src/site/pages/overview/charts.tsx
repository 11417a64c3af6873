/**
 * The overview's charts block: four chart figures that follow the target
 * selector, and their data as inline JSON.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import type { Report } from "../../../report/mod.ts";
import { overviewCharts } from "../../charts.ts";
import { jsonForScript } from "../../json_script.ts";
import { ChartFigure } from "../components.tsx";

/** One chart figure; without JavaScript it points to the CSV download with the same numbers. */
function OverviewFigure(p: { id: string; title: string; desc: string; table: string }): Child {
  return (
    <ChartFigure
      id={p.id}
      title={p.title}
      desc={p.desc}
      label={`${p.title}. ${p.desc} Data: ${p.table}.`}
      fallback={
        <>
          Charts need JavaScript; the same numbers are in the tables on this page and in{" "}
          <a href={`data/${p.table}.csv`}>{p.table}.csv</a>.
        </>
      }
    />
  );
}

/** The charts section; the pages' script draws them from `#chart-data`. */
export function Charts(p: { report: Report }): Child {
  return (
    <section aria-labelledby="charts-h">
      <h2 id="charts-h">
        Charts <span class="for-target" data-for-target></span>
      </h2>
      <div class="charts">
        <OverviewFigure
          id="chart-pareto"
          title="Quality against time to first token"
          desc="Average quality (0–100) vs mean TTFT, 95% intervals on both axes; the line joins the Pareto front."
          table="pareto"
        />
        <OverviewFigure
          id="chart-throughput"
          title="Decode throughput"
          desc="Mean decode tokens/s at batch size 1, 95% interval of the mean."
          table="overview"
        />
        <OverviewFigure
          id="chart-sweep"
          title="Latency against input length"
          desc="Whole-generation time (ms) for a fixed output length; solid: KV cache on, dashed: off."
          table="sweep"
        />
        <OverviewFigure
          id="chart-kd"
          title="Distillation gain"
          desc="Distilled minus baseline of the same architecture and split, normalised points, 95% interval."
          table="kd"
        />
      </div>
      <script type="application/json" id="chart-data">
        {raw(jsonForScript(overviewCharts(p.report)))}
      </script>
    </section>
  );
}
