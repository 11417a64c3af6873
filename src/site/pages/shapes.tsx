// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * "Efficiency at real sizes" (`/shapes/`): random-weight models of real architectures and
 * sizes (the shapes), each encoder-decoder against its decoder-only partners per target, as
 * ratios with 95% intervals against input length, beside the paper's Table 2 ratio for the
 * target's device class; the shapes' parameter counts beside the public models'. Reads the
 * report's `shapes` and the public models the shape catalog names.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { DeviceClass } from "../../core/target.ts";
import { raw } from "hono/html";
import type { Interval, Report, ShapeRatio, UnpairedShape } from "../../report/mod.ts";
import { paperRatio, SHAPE_PAIRS } from "../../report/mod.ts";
import { shapeCharts, shapeGroupKey } from "../charts.ts";
import { count, fmt, mib, ms, params } from "../format.ts";
import type { PublicModel } from "../input.ts";
import { jsonForScript } from "../json_script.ts";
import { ChartFigure, Layout, TargetLink } from "./components.tsx";
import { DataTable } from "./data_table.tsx";

/** The device classes of targets (`core/target.ts`), in the paper's table's order. */
const DEVICE_CLASSES: readonly DeviceClass[] = ["gpu", "cpu", "npu"];

/** A ratio with its interval below it, as `0.71×` over `0.65–0.78`. */
function RatioCell(p: { iv: Interval }): Child {
  return (
    <td class="num" data-v={p.iv.value}>
      <span class="v">{fmt(p.iv.value, 2)}×</span>
      <span class="ci" title="95% interval">
        {fmt(p.iv.low, 2)}–{fmt(p.iv.high, 2)}
      </span>
    </td>
  );
}

/** The paper's figure of the row's device class, or the plain statement that it has none. */
function PaperCell(p: { value: number | undefined; digits: number }): Child {
  return p.value === undefined
    ? <td class="na" title="no paper figure for this device class">—</td>
    : <td class="num paper">{fmt(p.value, p.digits)}×</td>;
}

/** `cache on · batch 1 · 32 new` (and the dtype when it is not fp32), of an unpaired cell. */
function setting(r: UnpairedShape): string {
  return `cache ${r.kvCache ? "on" : "off"} · batch ${r.batchSize} · ${r.newTokens} new` +
    (r.dtype === "fp32" ? "" : ` · ${r.dtype}`);
}

/** The shapes timed: their parameter counts beside the public models'. */
function ShapesTable(p: { report: Report; mirrors: ReadonlyMap<string, PublicModel> }): Child {
  return (
    <DataTable
      cls="compact"
      caption={
        <>
          The shapes with cells on this board. Parameters as built (tied weights counted once)
          beside the public model's, from the shape catalog (<code>models/shapes.json</code>).
        </>
      }
      columns={[
        { label: "Shape" },
        { label: "Architecture" },
        { label: "Parameters", numeric: true },
        { label: "Mirrors" },
        { label: "Public model's parameters", numeric: true },
        { label: "Targets" },
        { label: "Cells", numeric: true },
      ]}
      rows={p.report.shapes.shapes.map((s) => {
        const m = p.mirrors.get(s.id);
        return (
          <tr>
            <td>
              <code>{s.id}</code>
            </td>
            <td>{s.architecture}</td>
            <td class="num">{params(s.params)}</td>
            <td>{m ? m.model : <span class="na">—</span>}</td>
            <td class="num">{m ? params(m.params) : <span class="na">—</span>}</td>
            <td>{s.targets.join(", ")}</td>
            <td class="num">{s.cells}</td>
          </tr>
        );
      })}
    />
  );
}

/** One target and machine: its charts and its table of ratios. */
function TargetSection(p: { rows: readonly ShapeRatio[]; n: number }): Child {
  const first = p.rows[0]!;
  const paper = first.paper;
  const id = `shape-${p.n}-h`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        <TargetLink id={first.targetId} /> · {first.device.toUpperCase()} · {first.machine}
      </h2>
      <p>
        {paper
          ? (
            <>
              The paper's Table 2 on {paper.platform} (330M models): TTFT{" "}
              {fmt(paper.ttft, 2)}×, throughput{" "}
              {fmt(paper.throughput, 1)}× (encoder-decoder over decoder-only).
            </>
          )
          : <>No paper figure for this device class.</>}
      </p>
      <div class="charts">
        <ChartFigure
          id={`chart-shape-ttft-${p.n}`}
          title="TTFT ratio against input length"
          desc="Encoder-decoder over decoder-only mean TTFT, 95% intervals; below 1 the encoder-decoder answers first. Dashed grey: the paper's ratio."
          label="TTFT ratio against input tokens, one line per pair and setting; the same numbers are in the table below."
          fallback={<>Charts need JavaScript; the same numbers are in the table below.</>}
        />
        <ChartFigure
          id={`chart-shape-tps-${p.n}`}
          title="Decode throughput ratio against input length"
          desc="Encoder-decoder over decoder-only mean decode tokens/s per row, 95% intervals; above 1 the encoder-decoder decodes faster. Dashed grey: the paper's ratio."
          label="Decode throughput ratio against input tokens, one line per pair and setting; the same numbers are in the table below."
          fallback={<>Charts need JavaScript; the same numbers are in the table below.</>}
        />
      </div>
      <DataTable
        cls="compact"
        caption={
          <>
            Each pair per setting and input length. Ratios are encoder-decoder over decoder-only
            means with 95% intervals; runs are each side's timed runs.
          </>
        }
        columns={[
          { label: "Encoder-decoder" },
          { label: "Decoder-only" },
          { label: "Cache" },
          { label: "Batch", numeric: true },
          { label: "New tokens", numeric: true },
          { label: "Input tokens", numeric: true },
          { label: "TTFT enc-dec, ms", numeric: true },
          { label: "TTFT dec-only, ms", numeric: true },
          { label: "TTFT ratio", numeric: true },
          { label: "TTFT ratio (paper)", numeric: true, cls: "paper" },
          { label: "Throughput ratio", numeric: true },
          { label: "Throughput ratio (paper)", numeric: true, cls: "paper" },
          { label: "Peak enc-dec / dec-only", numeric: true },
          { label: "Runs", numeric: true },
        ]}
        rows={p.rows.map((r) => (
          <tr>
            <td>
              <code>{r.encDec.modelId}</code> <span class="meta">{params(r.encDec.params)}</span>
            </td>
            <td>
              <code>{r.decOnly.modelId}</code> <span class="meta">{params(r.decOnly.params)}</span>
            </td>
            <td>{r.kvCache ? "on" : "off"}{r.dtype === "fp32" ? "" : ` · ${r.dtype}`}</td>
            <td class="num">{r.batchSize}</td>
            <td class="num">{r.newTokens}</td>
            <td class="num">{r.inputTokens}</td>
            <td class="num">{ms(r.encDec.ttftMs.value)}</td>
            <td class="num">{ms(r.decOnly.ttftMs.value)}</td>
            <RatioCell iv={r.ttftRatio} />
            <PaperCell value={r.paper?.ttft} digits={2} />
            <RatioCell iv={r.throughputRatio} />
            <PaperCell value={r.paper?.throughput} digits={1} />
            <td class="num">
              {mib(r.encDec.peakRssMiB)} / {mib(r.decOnly.peakRssMiB)}
            </td>
            <td class="num">
              {r.encDec.runs} / {r.decOnly.runs}
            </td>
          </tr>
        ))}
      />
    </section>
  );
}

/** Cells of a pair timed without their partner at that point. */
function Unpaired(p: { rows: readonly UnpairedShape[] }): Child {
  if (p.rows.length === 0) return null;
  return (
    <section aria-labelledby="shape-gaps-h">
      <h2 id="shape-gaps-h">Timed without their partner</h2>
      <DataTable
        cls="compact"
        caption={<>Shape cells whose partner in the pair has no cell at the same point.</>}
        columns={[
          { label: "Target" },
          { label: "Machine" },
          { label: "Measured" },
          { label: "Missing" },
          { label: "Setting" },
          { label: "Input tokens", numeric: true },
        ]}
        rows={p.rows.map((u) => (
          <tr>
            <td>
              <TargetLink id={u.targetId} />
            </td>
            <td>{u.machine}</td>
            <td>
              <code>{u.measured}</code>
            </td>
            <td>
              <code>{u.missing}</code>
            </td>
            <td>{setting(u)}</td>
            <td class="num">{u.inputTokens}</td>
          </tr>
        ))}
      />
    </section>
  );
}

/** The "Efficiency at real sizes" page. */
export function ShapesPage(
  p: { report: Report; mirrors?: ReadonlyMap<string, PublicModel> },
): Child {
  const s = p.report.shapes;
  const groups = [...Map.groupBy(s.ratios, shapeGroupKey).values()];
  const papers = DEVICE_CLASSES.flatMap((d) => {
    const r = paperRatio(d);
    return r ? [`${r.platform} ${fmt(r.ttft, 2)}× and ${fmt(r.throughput, 1)}×`] : [];
  });
  const pairs = SHAPE_PAIRS.map((x) => `${x.encDec} against ${x.decOnly} (${x.why})`);
  return (
    <Layout title="Efficiency at real sizes" charts={groups.length > 0}>
      <h1>Efficiency at real sizes</h1>
      <p class="lede">
        The zoo's models are small, so their timings say little about the 77M–500M models the paper
        is about. A <em>shape</em>{" "}
        is a model with the architecture and size of a real one and random weights. The work of a
        forward pass does not depend on the weights' values, so a shape measures what the real model
        costs on a machine: time to first token, decode throughput and peak memory at real sizes. It
        tells nothing about quality: its output is noise and is never scored.
      </p>
      <ul>
        <li>
          Data: random token ids of a fixed length (the input tokens), the same ids on every target
          and run; every row decodes exactly the stated number of new tokens, greedy, end of
          sequence ignored. No tokenizer is timed.
        </li>
        <li>
          Runs: one untimed warm-up, then at least 3 timed runs; each row gives both sides' counts.
          Intervals are 95%, of each mean and of the ratio of the two means.
        </li>
        <li>
          Device class: each target is set beside the paper's Table 2 ratio (330M models, TTFT and
          throughput) for the same class, never another's:{" "}
          {papers.join("; ")}. The NPU figure is the abstract's “47% lower, 4.7×”. The paper does
          not state its input lengths, batch or cache.
        </li>
        <li>Pairs: {pairs.join("; ")}.</li>
        <li>
          Peak memory is the peak so far of the process that ran the cell: the cells of one shape
          and target share that process, so it includes the shape's cells before it.
        </li>
      </ul>
      {s.shapes.length === 0
        ? (
          <p class="na">
            No shape has been timed in this store yet: build shapes with{" "}
            <code>deno task shapes build ID</code> and time them with{" "}
            <code>deno task eval --shapes ID</code> (docs/method.md, “Shapes”).
          </p>
        )
        : (
          <>
            <p class="meta">
              {count(s.shapes.length, "shape")} · {count(s.ratios.length, "ratio")} ·{" "}
              {count(groups.length, "target and machine", "targets and machines")}
            </p>
            <ShapesTable report={p.report} mirrors={p.mirrors ?? new Map()} />
            {groups.length === 0
              ? <p class="na">No pair of shapes was timed at the same point on one target.</p>
              : groups.map((rows, i) => <TargetSection rows={rows} n={i + 1} />)}
            <Unpaired rows={s.unpaired} />
            {groups.length > 0
              ? (
                <script type="application/json" id="shape-chart-data">
                  {raw(jsonForScript(shapeCharts(p.report)))}
                </script>
              )
              : null}
          </>
        )}
    </Layout>
  );
}
