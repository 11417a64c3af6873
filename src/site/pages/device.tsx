/**
 * The "Run on this device" page: pickers, a progress bar, the visitor's
 * figures beside the board's, and a download of the records. Its script
 * (`device/device.js`) and worker load onnxruntime-web and the models; no
 * other page loads them.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { DEVICE_CSP_META } from "../csp.ts";
import { ChartFigure, Layout } from "./components.tsx";
import { DataTable } from "./data_table.tsx";

function chart(id: string, title: string, desc: string): Child {
  return (
    <ChartFigure
      id={id}
      title={title}
      desc={desc}
      label={`${title}. ${desc} The table below has the numbers.`}
    />
  );
}

/** The device page (filled in by its script from `device/manifest.json`). */
export function DevicePage(): Child {
  return (
    <Layout
      title="Run on this device"
      current="device"
      csp={DEVICE_CSP_META}
      charts
      modules={["./device.js"]}
    >
      <h1>Run on this device</h1>
      <p>
        Runs the shipped micro models in this browser with onnxruntime-web (wasm everywhere, WebGPU
        where the browser has an adapter), measures time to first token, time per output token,
        decode throughput and the quality of a small fixed sample of each task as the method defines
        them, and shows them beside the board's targets. Nothing is sent anywhere: the results stay
        on this page until you download them as a record for <code>deno task merge</code>.
      </p>
      <p id="device-threads" class="note">Checking this browser…</p>
      <form id="device-form">
        <fieldset id="device-models">
          <legend>Models</legend>
        </fieldset>
        <fieldset id="device-tasks">
          <legend>Tasks</legend>
        </fieldset>
        <fieldset id="device-backends">
          <legend>Backend</legend>
          <label>
            <input type="radio" name="backend" value="wasm" checked /> wasm (CPU)
          </label>
          <label>
            <input type="radio" name="backend" value="webgpu" id="backend-webgpu" disabled /> WebGPU
          </label>
        </fieldset>
        <fieldset id="device-measure">
          <legend>Measure</legend>
          <label>
            <input type="radio" name="measure" value="all" checked /> quality and latency
          </label>
          <label title="Timings and the token check without the quality sample: faster on a slow device">
            <input type="radio" name="measure" value="latency" /> latency only
          </label>
        </fieldset>
        <button type="submit" id="device-run" disabled>Run</button>
      </form>
      <p>
        <progress id="device-progress" max="1" value="0"></progress>{" "}
        <span id="device-status" role="status">Loading the manifest…</span>
      </p>
      <div class="charts" id="device-charts" hidden>
        {chart(
          "device-ttft-chart",
          "Time to first token",
          "Median per model and task: this device beside the board's targets.",
        )}
        {chart(
          "device-tpot-chart",
          "Time per output token",
          "Median per model and task: this device beside the board's targets.",
        )}
        {chart(
          "device-quality-chart",
          "Quality on the fixed sample",
          "Each task's primary metric on the page's samples: this device beside the board's predictions for the same samples (the board runs fp32; wasm runs int8 where a model has it).",
        )}
      </div>
      <DataTable
        id="device-results"
        caption={
          <>
            This device beside the board (timing medians; quality on the fixed sample for both)
          </>
        }
        columns={[
          { label: "Model" },
          { label: "Task" },
          { label: "Target" },
          { label: "TTFT ms", numeric: true },
          { label: "TPOT ms", numeric: true },
          { label: "Decode tok/s", numeric: true },
          { label: "Quality", numeric: true },
          {
            label: "Same tokens as cpu",
            numeric: true,
            title:
              "Latency samples whose greedy tokens equal the board's cpu target's (same weights only)",
          },
        ]}
        rows={null}
      />
      <p>
        <button type="button" id="device-download" disabled>Download the record</button>
      </p>
    </Layout>
  );
}
