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

/** The charts section; the pages' script draws them from `#chart-data`. */
export function Charts(p: { report: Report }): Child {
  const figure = (id: string, title: string, desc: string, table: string): Child => (
    <ChartFigure
      id={id}
      title={title}
      desc={desc}
      label={`${title}. ${desc} Data: ${table}.`}
      fallback={
        <>
          Charts need JavaScript; the same numbers are in the tables on this page and in{" "}
          <a href={`data/${table}.csv`}>{table}.csv</a>.
        </>
      }
    />
  );
  return (
    <section aria-labelledby="charts-h">
      <h2 id="charts-h">
        Charts <span class="for-target" data-for-target></span>
      </h2>
      <div class="charts">
        {figure(
          "chart-pareto",
          "Quality against time to first token",
          "Average quality (0–100) vs mean TTFT, 95% intervals on both axes; the line joins the Pareto front.",
          "pareto",
        )}
        {figure(
          "chart-throughput",
          "Decode throughput",
          "Mean decode tokens/s at batch size 1, 95% interval of the mean.",
          "overview",
        )}
        {figure(
          "chart-sweep",
          "Latency against input length",
          "Whole-generation time (ms) for a fixed output length; solid: KV cache on, dashed: off.",
          "sweep",
        )}
        {figure(
          "chart-kd",
          "Distillation gain",
          "Distilled minus baseline of the same architecture and split, normalised points, 95% interval.",
          "kd",
        )}
      </div>
      <script type="application/json" id="chart-data">
        {raw(jsonForScript(overviewCharts(p.report)))}
      </script>
    </section>
  );
}
