/**
 * Fake cell dependencies for tests that run `runCell` without models, task
 * files or datasets on disk: each test overrides what it looks at.
 *
 * @module
 */
import type { CellSettings } from "../../src/core/record.ts";
import type { Sample } from "../../src/core/sample.ts";
import type { TaskDef } from "../../src/core/task.ts";
import type { CellDeps } from "../../src/scheduler/run_cell.ts";
import type { CellSpec } from "../../src/scheduler/spec.ts";
import { makeCell } from "../results/_fixtures.ts";
import { fakeModel } from "./_fake_model.ts";

/** A task `echo` without metrics whose samples carry their input in the `text` field. */
export function echoTask(maxNewTokens = 8): TaskDef {
  return {
    id: "echo",
    dataset: { evalSplit: "test" },
    generation: { maxNewTokens, stop: [] },
    metrics: [],
    primary: "none",
  } as unknown as TaskDef;
}

/** Samples `s0`, `s1`, ... whose `text` fields are `texts`. */
export function textSamples(texts: readonly string[]): Sample[] {
  return texts.map((text, i) => ({ id: `s${i}`, fields: { text } }));
}

/**
 * Cell dependencies for tests: by default an encoder-decoder {@link fakeModel},
 * {@link echoTask}, one sample "hello" rendered as itself (its own reference),
 * no post-processing, metrics that throw when asked for, and a peak memory of
 * 1 MiB; `overrides` replace any of them.
 */
export function fakeDeps(overrides: Partial<CellDeps> = {}): CellDeps {
  return {
    loadModel: () => Promise.resolve(fakeModel("encoder-decoder", 4096)),
    loadTask: () => Promise.resolve(echoTask()),
    loadSplit: () => Promise.resolve(textSamples(["hello"])),
    render: (_task, sample) => {
      const text = String(sample.fields.text);
      return { source: text, prompt: text, references: [text] };
    },
    postprocess: (raw) => raw,
    createMetric: (name) => {
      throw new Error(`fakeDeps: no metric ${name} unless the test passes createMetric`);
    },
    scoreCorpus: () => {
      throw new Error("fakeDeps: no scoring unless the test passes scoreCorpus");
    },
    peakRssMiB: () => 1,
    ...overrides,
  };
}

/**
 * A cell spec for {@link fakeDeps}: the fixture cell's model (as an
 * encoder-decoder), task `echo` and target. `profile` picks greedy quality
 * settings (8 new tokens, whole split) or latency settings (4 new tokens, one
 * sample, no warm-up, one run); `settings` and `spec` override any field.
 */
export function fakeSpec(
  profile: "quality" | "latency",
  o: { settings?: Partial<CellSettings>; spec?: Partial<CellSpec> } = {},
): CellSpec {
  const cell = makeCell();
  const base: CellSettings = profile === "quality"
    ? {
      profile,
      batchSize: 1,
      maxNewTokens: 8,
      limit: null,
      kvCache: true,
      decoding: "greedy",
      seed: 1,
    }
    : {
      profile,
      batchSize: 1,
      maxNewTokens: 4,
      limit: 1,
      kvCache: true,
      decoding: "greedy",
      seed: 0,
      latency: { warmupRuns: 0, minRuns: 1, minDurationS: 0 },
    };
  return {
    key: "k",
    modelDir: "/m",
    model: { ...cell.model, architecture: "encoder-decoder" },
    task: { id: "echo", dir: "/tasks", info: cell.task! },
    datasetsDir: "/datasets",
    target: cell.target,
    latencySamples: 1,
    bootstrapResamples: 0,
    ...o.spec,
    settings: { ...base, ...o.settings },
  };
}
