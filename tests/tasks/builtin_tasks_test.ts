import assert from "node:assert/strict";
import type { Sample } from "../../src/core/sample.ts";
import { createMetric, findMetric } from "../../src/metrics/mod.ts";
import { loadSplit } from "../../src/datasets/load_split.ts";
import { postprocess } from "../../src/tasks/postprocess.ts";
import { loadRegistry } from "../../src/tasks/registry.ts";
import { renderSample } from "../../src/tasks/render.ts";
import { fixture } from "./_helpers.ts";

const registry = await loadRegistry(new URL("../../tasks", import.meta.url).pathname);
const datasetsDir = fixture("shipped");

async function first(id: string, split: "train" | "test" = "test"): Promise<Sample[]> {
  return await loadSplit(registry.get(id), split, { datasetsDir });
}

Deno.test("qa renders question/context, answer cue, and unanswerable targets", async () => {
  const task = registry.get("qa");
  const [answerable, impossible] = (await first("qa")) as [Sample, Sample];
  assert.deepEqual(renderSample(task, answerable), {
    task: "qa",
    id: "qa-test-0",
    source: "question: When does the harbor open? context: The harbor opens at six and " +
      "closes at noon.",
    prompt: "question: When does the harbor open?\ncontext: The harbor opens at six and " +
      "closes at noon.\nanswer:\n",
    target: "at six",
    references: ["at six", "six"],
  });
  const r = renderSample(task, impossible);
  assert.equal(r.target, "unanswerable");
  assert.deepEqual(r.references, [""]);
  // A model that says "unanswerable" produces the empty prediction SQuAD v2 expects.
  const raw = " unanswerable\nquestion: more";
  assert.equal(postprocess(raw, { stop: task.generation.stop, steps: task.postprocess }), "");
  assert.equal(task.primary, "squad.f1");
  assert.equal(task.kind, "asymmetric");
});

Deno.test("summarize, write, translate and code_translate render prefix and cue", async () => {
  const cases: [string, string, string, string][] = [
    [
      "summarize",
      "summarize: The school opened a new library. It holds two thousand books. Pupils can " +
      "borrow three at a time.",
      "\nsummary:\n",
      "The school opened a new library of two thousand books.",
    ],
    [
      "write",
      "write: a sad short text about snow",
      "\ntext:\n",
      "Snow covers the empty garden. Nobody walks there now.",
    ],
    ["translate", "translate English to Veltic: the cat sleeps", "\nVeltic:\n", "kato dorm"],
    [
      "code_translate",
      "translate pyla to curly: def sq(x):\n    return x * x",
      "\ncurly:\n",
      "fn sq(x) {\n  return x * x;\n}",
    ],
  ];
  for (const [id, source, cue, target] of cases) {
    const task = registry.get(id);
    const [sample] = (await first(id)) as [Sample];
    const r = renderSample(task, sample);
    assert.equal(r.source, source, id);
    assert.equal(r.prompt, source + cue, id);
    assert.equal(r.target, target, id);
    assert.deepEqual(r.references, [target], id);
  }
});

Deno.test("shipped tasks have no few-shot by default and declared settings", () => {
  const expected: Record<string, [string, string, string, number]> = {
    qa: ["asymmetric", "long_to_short", "squad.f1", 16],
    summarize: ["asymmetric", "long_to_short", "rouge.rougeL", 64],
    write: ["asymmetric", "short_to_long", "rouge.rougeL", 192],
    code_translate: ["symmetric", "balanced", "bleu.score", 256],
    translate: ["symmetric", "balanced", "chrf.score", 64],
  };
  for (const [id, [kind, direction, primary, maxNew]] of Object.entries(expected)) {
    const task = registry.get(id);
    assert.equal(task.fewShot, undefined, id);
    assert.deepEqual([task.kind, task.direction, task.primary], [kind, direction, primary], id);
    assert.equal(task.generation.maxNewTokens, maxNew, id);
    assert.equal(task.dataset.source.kind, "shipped", id);
  }
});

Deno.test("real-data tasks use the paper's prompts on their native files", async () => {
  const squad = registry.get("squad_v2");
  const samples = await loadSplit(squad, "validation", { path: fixture("squad_v2") });
  const r = renderSample(squad, samples[0] as Sample);
  assert.equal(
    r.prompt,
    "Answer the following question based only on the context.\n###Question\n" +
      "In what country is Normandy located?\n###Context\n" +
      (samples[0] as Sample).fields.context + "\n###Answer\n",
  );
  assert.deepEqual(r.references, ["France", "France"]);
  const impossible = renderSample(squad, samples[1] as Sample);
  assert.deepEqual([impossible.target, impossible.references], ["unanswerable", [""]]);

  const xsum = registry.get("xsum");
  const x = await loadSplit(xsum, "test", { path: fixture("xsum/test.jsonl") });
  assert.equal(x[0]?.id, "35232142");
  assert.match(
    renderSample(xsum, x[0] as Sample).prompt,
    /^Summarize .*\n###Document\n.*\n###Summary\n$/s,
  );

  const code = registry.get("codexglue_translation");
  const c = await loadSplit(code, "test", { path: fixture("codexglue") });
  const rc = renderSample(code, c[1] as Sample);
  assert.equal(rc.source, "translate Java to C#: public int size() {return count;}");
  assert.equal(rc.target, "public int Size(){return count;}");
});

const SHIPPED = ["code_translate", "qa", "summarize", "translate", "write"];
const REPO_DATASETS = new URL("../../datasets", import.meta.url).pathname;
const haveShipped = SHIPPED.every((name) => {
  try {
    return Deno.statSync(`${REPO_DATASETS}/${name}/manifest.json`).isFile;
  } catch {
    return false;
  }
});

Deno.test({
  name: "every shipped dataset's eval and validation splits render with their task",
  ignore: !haveShipped,
  fn: async () => {
    for (const id of SHIPPED) {
      const task = registry.get(id);
      for (const split of ["validation", "test"] as const) {
        const samples = await loadSplit(task, split, { datasetsDir: REPO_DATASETS });
        assert.ok(samples.length > 0, `${id}/${split} is empty`);
        for (const s of samples) {
          const r = renderSample(task, s);
          assert.match(r.prompt, /\n[A-Za-z]+:\n$/, `${id}/${s.id}: prompt ends with a cue line`);
          assert.ok(r.references.length > 0, `${id}/${s.id} has no references`);
          if (id !== "qa") assert.ok(r.target.trim() !== "", `${id}/${s.id} empty target`);
          // The stop strings never cut a reference: a perfect generation survives post-processing.
          const cut = postprocess(r.target, {
            stop: task.generation.stop,
            steps: task.postprocess,
          });
          const expected = id === "qa" && r.target === "unanswerable" ? "" : r.target.trim();
          assert.equal(cut, expected, `${id}/${s.id}`);
        }
      }
    }
  },
});

Deno.test("every task's metrics and options are accepted by the metrics module", () => {
  for (const task of registry.tasks) {
    for (const spec of task.metrics) {
      const metric = createMetric(spec.name, spec.options ?? {});
      const keys = metric.keys.map((k) => k.key);
      for (const key of findMetric(spec.name)!.keys) {
        assert.ok(keys.includes(key), `${spec.name}.${key}`);
      }
    }
    const [name, key] = task.primary.split(/\.(?=[^.]+$)/) as [string, string];
    assert.ok(task.metrics.some((m) => m.name === name), task.id);
    assert.ok(findMetric(name)!.keys.includes(key), task.id);
  }
});
