/**
 * The overview's link to "Efficiency at real sizes" (`shapes/`), shown once the store has
 * shape cells: what the page holds, in one paragraph.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { count } from "../../format.ts";
import { useRoot } from "../root.tsx";

/** The section, or nothing while no shape has been timed. */
export function ShapesLink(p: { report: Report }): Child {
  const s = p.report.shapes;
  if (s.shapes.length === 0) return null;
  const root = useRoot();
  const targets = new Set(s.ratios.map((r) => r.targetId));
  return (
    <section aria-labelledby="shapes-h">
      <h2 id="shapes-h">Efficiency at real sizes</h2>
      <p>
        Random-weight models of the paper's sizes (Mu and its decoder-only twin, Flan-T5, GPT-2,
        SmolLM2, Qwen2.5) timed on this board's targets: speed and memory, never quality.{" "}
        {count(s.ratios.length, "ratio")} on{" "}
        {count(targets.size, "target")}, beside the paper's figures for the same device class:{" "}
        <a href={`${root}shapes/`}>Efficiency at real sizes</a>.
      </p>
    </section>
  );
}
