import { assert, assertEquals } from "../results/_assert.ts";
import type { GenerateOptions, GenerateRequest } from "../../src/engine/types.ts";
import type { TaskDef } from "../../src/core/task.ts";
import type { Sample } from "../../src/core/sample.ts";
import { runCell } from "../../src/scheduler/run_cell.ts";
import { sha256Text } from "../../src/results/sha256_text.ts";
import { makeCell } from "../results/_fixtures.ts";
import { fakeModel } from "./_fake_model.ts";
import { fakeDeps, fakeSpec, textSamples } from "./_fake_deps.ts";

const cell = makeCell();

/** A quality cell over `texts` (one sample each) whose model echoes its input reversed. */
async function qualityCell(texts: string[], batchSize: number) {
  const calls: { requests: GenerateRequest[]; options: GenerateOptions }[] = [];
  const reverse = (s: string) => [...s].reverse().join("");
  const model = fakeModel(
    "encoder-decoder",
    4096,
    calls,
    (r) => reverse(r.text ?? String.fromCharCode(...r.inputIds ?? [])),
  );
  const deps = fakeDeps({
    loadModel: () => Promise.resolve(model),
    loadSplit: () => Promise.resolve(textSamples(texts)),
    render: (_, sample) => {
      const text = String(sample.fields.text);
      return { source: text, prompt: text, references: [reverse(text)] };
    },
  });
  const spec = fakeSpec("quality", { settings: { batchSize } });
  const progress: number[] = [];
  const outcome = await runCell(spec, deps, (phase, done) => {
    if (phase === "quality") progress.push(done);
  });
  return { outcome, calls, progress, reverse };
}

Deno.test("the quality pass batches by length yet keeps every prediction with its own sample", async () => {
  // 21 inputs of scrambled lengths; batch size 2 -> generate calls of up to 8 inputs
  const texts = Array.from({ length: 21 }, (_, i) => `input ${i} ` + "w".repeat((i * 7) % 13));
  const { outcome, calls, progress, reverse } = await qualityCell(texts, 2);
  assertEquals(outcome.samples.map((s) => s.sampleId), texts.map((_, i) => `s${i}`));
  assertEquals(outcome.samples.map((s) => s.prediction), texts.map(reverse));
  assertEquals(outcome.samples.map((s) => s.input), texts);
  assert(calls.every((c) => c.options.batchSize === 2));
  // The whole split is sorted by token length (stable), once, before batching.
  const lengths = calls.flatMap((c) => c.requests.map((r) => r.inputIds!.length));
  assertEquals(lengths, [...lengths].sort((a, b) => a - b));
  const firsts = calls.map((c) => c.requests[0]!.inputIds!.length);
  assert(firsts[0]! < firsts[firsts.length - 1]!, "not sorted across generate calls");
  assertEquals(calls.map((c) => c.requests.length), [8, 8, 5]);
  assertEquals(progress, [8, 16, 21]);
  assertEquals(outcome.quality?.n, 21);
});

Deno.test("a reference cell scores its rule's predictions without loading a model", async () => {
  const task = {
    id: "sum",
    family: "summarization",
    dataset: { evalSplit: "test" },
    source: (s: Sample) => `summarize: ${s.fields.document}`,
    generation: { maxNewTokens: 8, stop: [] },
    metrics: [{ name: "exact_match" }],
    primary: "exact_match.score",
  } as unknown as TaskDef;
  const docs = ["One lead. Then more.", "Two leads here! Rest.", "Three. Four."];
  const { createMetric, scoreCorpus } = await import("../../src/metrics/mod.ts");
  const deps = fakeDeps({
    loadModel: () => Promise.reject(new Error("a reference loads no model")),
    loadTask: () => Promise.resolve(task),
    loadSplit: () =>
      Promise.resolve(docs.map((document, i): Sample => ({ id: `d${i}`, fields: { document } }))),
    render: (t, sample) => ({
      source: t.source(sample),
      prompt: t.source(sample),
      references: [expected(sample)],
    }),
    createMetric,
    scoreCorpus,
  });
  function expected(s: Sample): string {
    return s.id === "d2" ? "Three." : "wrong";
  }
  const spec = fakeSpec("quality", {
    spec: {
      key: "r",
      modelDir: "",
      model: { ...cell.model, id: "ref-lead", role: "reference", params: { total: 0 } },
      task: { id: "sum", dir: "/tasks", info: cell.task! },
      bootstrapResamples: 10,
    },
  });
  const outcome = await runCell(spec, deps);
  assertEquals(outcome.samples.map((s) => s.prediction), [
    "One lead.",
    "Two leads here!",
    "Three.",
  ]);
  assertEquals(outcome.samples.map((s) => s.scores["exact_match.score"]), [0, 0, 100]);
  assertEquals(outcome.quality?.metrics["exact_match.score"]?.value, 100 / 3);
  assertEquals([outcome.efficiency, outcome.model.role], [null, "reference"]);
});

Deno.test("a cell's peak memory is what its deps read: a number, or null where unreadable", async () => {
  const spec = fakeSpec("latency", { spec: { key: "l" } });
  const peak = async (peakRssMiB: () => number | null) =>
    (await runCell(spec, fakeDeps({ peakRssMiB }))).efficiency?.peakRssMiB;
  assertEquals(await peak(() => 321), 321);
  assertEquals(await peak(() => null), null);
});

Deno.test("a latency cell records the digest of each latency sample's greedy tokens, in order", async () => {
  const base = fakeModel("encoder-decoder", 4096);
  // tokens that depend on the input: its character codes
  const model = {
    ...base,
    info: base.info,
    tokenizer: base.tokenizer,
    async generate(requests: GenerateRequest[], options: GenerateOptions) {
      const out = await base.generate(requests, options);
      return out.map((r, i) => {
        const q = requests[i]!;
        const ids = q.inputIds ? [...q.inputIds] : [...(q.text ?? "")].map((c) => c.charCodeAt(0));
        return { ...r, tokenIds: ids };
      });
    },
  };
  const spec = fakeSpec("latency", {
    settings: { latency: { warmupRuns: 1, minRuns: 5, minDurationS: 0 } },
    spec: { latencySamples: 3 },
  });
  const deps = fakeDeps({
    loadModel: () => Promise.resolve(model),
    loadSplit: (_task, _split, o) =>
      Promise.resolve(textSamples(["ab", "cd", "ab", "ef"]).slice(0, o.limit)),
  });
  const outcome = await runCell(spec, deps);
  const digest = (text: string) => sha256Text([...text].map((c) => c.charCodeAt(0)).join(","));
  assertEquals(outcome.efficiency?.outputDigests, [digest("ab"), digest("cd"), digest("ab")]);
});
