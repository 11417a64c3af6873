import { assert, assertEquals } from "../results/_assert.ts";
import { loadSplit } from "../../src/datasets/mod.ts";
import { createMetric, scoreCorpus } from "../../src/metrics/mod.ts";
import {
  bareInput,
  firstSentence,
  REFERENCE_SYSTEMS,
  referenceApplies,
  referencePrediction,
  renderSample,
} from "../../src/tasks/mod.ts";
import qa from "../../tasks/qa.ts";
import summarize from "../../tasks/summarize.ts";
import translate from "../../tasks/translate.ts";
import codeTranslate from "../../tasks/code_translate.ts";

const DATASETS = new URL("../../datasets", import.meta.url).pathname;

Deno.test("firstSentence stops at the first sentence end, not inside numbers", () => {
  assertEquals(
    firstSentence(" Mbeki won 2,398 votes (3.5%). He thanked them. "),
    "Mbeki won 2,398 votes (3.5%).",
  );
  assertEquals(firstSentence("no end"), "no end");
  assertEquals(firstSentence("Why? Because."), "Why?");
});

Deno.test("each reference answers only its tasks", () => {
  assertEquals(REFERENCE_SYSTEMS.filter((r) => referenceApplies(r, qa)), [
    "ref-copy",
    "ref-unanswerable",
  ]);
  assertEquals(REFERENCE_SYSTEMS.filter((r) => referenceApplies(r, summarize)), [
    "ref-copy",
    "ref-lead",
  ]);
  assertEquals(REFERENCE_SYSTEMS.filter((r) => referenceApplies(r, translate)), ["ref-copy"]);
});

Deno.test("ref-copy is the input without its instruction, on every shipped task", async () => {
  for (const task of [qa, summarize, translate, codeTranslate]) {
    const [sample] = await loadSplit(task, "test", { datasetsDir: DATASETS, limit: 1 });
    const copy = referencePrediction("ref-copy", task, sample!);
    const source = renderSample(task, sample!).source;
    assert(copy.length > 0 && source.includes(copy), `${task.id}: ${copy}`);
    assert(source.length > copy.length, `${task.id}: the instruction is dropped`);
    assertEquals(copy, bareInput(task, sample!));
  }
});

Deno.test("references score as expected on the shipped qa and summarize splits", async () => {
  const qaSamples = await loadSplit(qa, "test", { datasetsDir: DATASETS, limit: 60 });
  const squad = createMetric("squad", { squadVersion: 2 });
  const refs = qaSamples.map((s) => renderSample(qa, s).references);
  const none = qaSamples.map((s) => referencePrediction("ref-unanswerable", qa, s));
  const unanswerable = refs.filter((r) => r.every((x) => x === "")).length;
  // "No answer" is exactly right on the unanswerable questions and wrong elsewhere.
  const f1 = scoreCorpus(squad, none, refs, { resamples: 0 }).scores.f1!.value;
  assert(Math.abs(f1 - (100 * unanswerable) / refs.length) < 1e-9, `${f1}`);
  assert(unanswerable > 0 && unanswerable < refs.length);

  const docs = await loadSplit(summarize, "test", { datasetsDir: DATASETS, limit: 20 });
  const lead = docs.map((s) => referencePrediction("ref-lead", summarize, s));
  assert(lead.every((l, i) => bareInput(summarize, docs[i]!).startsWith(l) && l.endsWith(".")));
});
