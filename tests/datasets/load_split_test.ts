import assert from "node:assert/strict";
import { DatasetError } from "../../src/core/errors.ts";
import type { DatasetFormat } from "../../src/core/task.ts";
import { loadSplit } from "../../src/datasets/load_split.ts";
import { candidateFiles, resolveSplit } from "../../src/datasets/resolve.ts";
import { defineTask } from "../../src/tasks/define_task.ts";
import { fixture, validInput } from "../tasks/_helpers.ts";

function fileTask(format: DatasetFormat, fields: Record<string, string>) {
  return defineTask(validInput({
    dataset: {
      source: { kind: "file", format, env: "BENCH_TEST_PATH", help: "Get it from the moon." },
      evalSplit: "test",
      fields,
    },
  }));
}

const noEnv = { env: () => undefined };

Deno.test("generic JSONL and CSV with dotted field mappings", async () => {
  const jsonl = fileTask("jsonl", { question: "meta.question", answers: "answers.text" });
  const a = await loadSplit(jsonl, "test", { ...noEnv, path: fixture("generic") });
  assert.deepEqual(a[0], {
    id: "g1",
    fields: { question: "Capital of France?", answers: ["Paris"] },
  });
  const csv = fileTask("csv", { question: "question", answers: "answers.text" });
  const b = await loadSplit(csv, "test", { ...noEnv, path: fixture("generic/test.csv") });
  assert.deepEqual(b[1], { id: "q2", fields: { question: "What is 2+2?", answers: "4" } });
});

Deno.test("XSum loads from JSONL or CSV, folder or file", async () => {
  const xsum = fileTask("xsum", { document: "document", summary: "summary" });
  const env = (name: string) => (name === "BENCH_TEST_PATH" ? fixture("xsum") : undefined);
  const fromEnv = await loadSplit(xsum, "test", { env });
  assert.deepEqual(fromEnv.map((s) => s.id), ["35232142", "40143035"]);
  const fromCsv = await loadSplit(xsum, "test", { ...noEnv, path: fixture("xsum_csv/test.csv") });
  assert.deepEqual(fromCsv.map((s) => s.id), ["35232142", "40143035"]);
  assert.equal(fromCsv[1]?.fields.summary, "Two tourist buses have been destroyed by fire.");
  const limited = await loadSplit(xsum, "test", { env, limit: 1 });
  assert.equal(limited.length, 1);
});

Deno.test("CodeXGLUE loads the official folder (valid = validation) or HF JSONL rows", async () => {
  const code = fileTask("codexglue", { java: "java", cs: "cs" });
  const official = await loadSplit(code, "train", { ...noEnv, path: fixture("codexglue") });
  assert.deepEqual(official, [
    {
      id: "0",
      fields: {
        java: "public void clear() {map.clear();}",
        cs: "public void Clear(){map.Clear();}",
      },
    },
  ]);
  const hf = await loadSplit(code, "test", {
    ...noEnv,
    path: fixture("codexglue_jsonl/test.jsonl"),
  });
  assert.deepEqual(hf.map((s) => s.id), ["0", "1"]);
  assert.ok(candidateFiles("codexglue", "validation").includes("valid.java-cs.txt.java"));
  assert.ok(candidateFiles("squad_json", "validation").includes("dev-v2.0.json"));
});

Deno.test("SQuAD v2 maps answers.text and is_impossible", async () => {
  const squad = defineTask(validInput({
    dataset: {
      source: { kind: "file", format: "squad_json", env: "BENCH_TEST_PATH", help: "h" },
      evalSplit: "validation",
      fields: { question: "question", answers: "answers.text", is_impossible: "is_impossible" },
    },
  }));
  const samples = await loadSplit(squad, "validation", { ...noEnv, path: fixture("squad_v2") });
  assert.equal(samples.length, 3);
  assert.deepEqual(samples[1]?.fields.answers, []);
  assert.equal(samples[1]?.fields.is_impossible, true);
});

Deno.test("a missing mapped field in a real file names file:line and field", async () => {
  const xsum = fileTask("xsum", { document: "document", summary: "highlights" });
  await assert.rejects(
    () => loadSplit(xsum, "test", { ...noEnv, path: fixture("xsum/test.jsonl") }),
    (e: unknown) =>
      e instanceof DatasetError &&
      e.message.endsWith(
        'xsum/test.jsonl:1: field "highlights": missing mapped field (task field "summary")',
      ),
  );
});

Deno.test("missing local data says which variable to set and how to get the data", async () => {
  const task = fileTask("jsonl", { text: "text" });
  await assert.rejects(
    () => loadSplit(task, "test", noEnv),
    /task "echo" needs local data: set BENCH_TEST_PATH\. Get it from the moon\./,
  );
  await assert.rejects(
    () => loadSplit(task, "test", { ...noEnv, path: "/nonexistent/file.jsonl" }),
    /\/nonexistent\/file\.jsonl: BENCH_TEST_PATH points to a missing path\. Get it from the moon\./,
  );
  await assert.rejects(
    () => loadSplit(task, "train", { ...noEnv, path: fixture("generic/test.jsonl") }),
    /is a single file, read as the "test" split; for split "train" point it at a folder holding train\.jsonl/,
  );
  await assert.rejects(
    () => resolveSplit(task, "validation", { ...noEnv, path: fixture("generic") }),
    /no file for split "validation" in BENCH_TEST_PATH folder; expected one of validation\.jsonl/,
  );
});

Deno.test("shipped tasks read datasets/<name> under datasetsDir", async () => {
  const task = defineTask(validInput({
    dataset: {
      source: { kind: "shipped", name: "translate" },
      evalSplit: "test",
      fields: { text: "source" },
    },
  }));
  const samples = await loadSplit(task, "test", { datasetsDir: fixture("shipped") });
  assert.deepEqual(samples, [{ id: "t-test-0", fields: { text: "the cat sleeps" } }]);
});
