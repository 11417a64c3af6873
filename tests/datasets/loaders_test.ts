import assert from "node:assert/strict";
import { DatasetError } from "../../src/core/errors.ts";
import { parseParallel, readParallel } from "../../src/datasets/loaders/codexglue.ts";
import { parseCsv, readCsv } from "../../src/datasets/loaders/csv.ts";
import { parseJsonl, readJsonl } from "../../src/datasets/loaders/jsonl.ts";
import { readShipped } from "../../src/datasets/loaders/shipped.ts";
import { parseSquad, readSquad } from "../../src/datasets/loaders/squad.ts";
import { fixture } from "../tasks/_helpers.ts";

Deno.test("JSONL: rows carry their line; blank lines are skipped", async () => {
  const rows = parseJsonl('{"a":1}\n\n{"a":2}\r\n', "x.jsonl");
  assert.deepEqual(rows.map((r) => [r.row.a, r.line]), [[1, 1], [2, 3]]);
  const generic = await readJsonl(fixture("generic/test.jsonl"));
  assert.equal(generic.length, 2);
});

Deno.test("JSONL: an invalid line is a DatasetError naming file:line", () => {
  assert.throws(
    () => parseJsonl('{"a":1}\n{"a":\n', "data/x.jsonl"),
    (e: unknown) =>
      e instanceof DatasetError && e.file === "data/x.jsonl" && e.line === 2 &&
      e.message.startsWith("data/x.jsonl:2: invalid JSON"),
  );
  assert.throws(
    () => parseJsonl("[1,2]\n", "y.jsonl"),
    /y\.jsonl:1: each line must be a JSON object/,
  );
});

Deno.test("CSV: quoted multi-line cells, header names with dots, record end lines", async () => {
  const rows = await readCsv(fixture("xsum_csv/test.csv"));
  assert.equal(rows.length, 2);
  assert.equal(
    rows[0]?.row.document,
    'The full cost of damage in Newton Stewart is still being assessed.\nRepair work is ongoing in Hawick, and roads remain "badly affected".',
  );
  assert.equal(rows[0]?.row.id, "35232142");
  assert.deepEqual(rows.map((r) => r.line), [3, 4]);
  const generic = await readCsv(fixture("generic/test.csv"));
  assert.equal(generic[0]?.row["answers.text"], "Jane Austen");
  assert.equal(generic[0]?.row.question, 'Who wrote "Emma"?');
});

Deno.test("CSV: a row with the wrong number of cells is a DatasetError with its line", () => {
  assert.throws(
    () => parseCsv("a,b\n1,2\n3\n", "bad.csv"),
    (e: unknown) =>
      e instanceof DatasetError && e.line === 3 && /bad\.csv:3: invalid CSV/.test(e.message),
  );
});

Deno.test("SQuAD JSON: nested data/paragraphs/qas flattened, impossible ones empty", async () => {
  const rows = await readSquad(fixture("squad_v2/dev-v2.0.json"));
  assert.equal(rows.length, 3);
  const [first, impossible, third] = rows.map((r) => r.row);
  assert.deepEqual(first, {
    id: "56ddde6b9a695914005b9628",
    title: "Normans",
    context: (first as { context: string }).context,
    question: "In what country is Normandy located?",
    answers: { text: ["France", "France"], answer_start: [159, 159] },
    is_impossible: false,
  });
  assert.deepEqual(impossible?.answers, { text: [], answer_start: [] });
  assert.equal(impossible?.is_impossible, true);
  assert.ok(Array.isArray(impossible?.plausible_answers));
  assert.equal(third?.title, "Computational_complexity_theory");
  assert.equal(rows[1]?.where, "data[0].paragraphs[0].qas[1]");
});

Deno.test("SQuAD JSON: a malformed question names its JSON path", () => {
  const doc = { data: [{ title: "t", paragraphs: [{ context: "c", qas: [{ id: "q1" }] }] }] };
  assert.throws(
    () => parseSquad(JSON.stringify(doc), "dev.json"),
    /dev\.json: field "data\[0\]\.paragraphs\[0\]\.qas\[0\]\.question": expected a string/,
  );
  const noAnswers = {
    data: [{ paragraphs: [{ context: "c", qas: [{ id: "q", question: "?", answers: [] }] }] }],
  };
  assert.throws(
    () => parseSquad(JSON.stringify(noAnswers), "d.json"),
    /answerable question without answers/,
  );
  assert.throws(() => parseSquad("{not json", "d.json"), /d\.json: invalid JSON/);
});

Deno.test("CodeXGLUE: official parallel .java/.cs files pair line by line", async () => {
  const rows = await readParallel(fixture("codexglue/test.java-cs.txt"), ["java", "cs"]);
  assert.deepEqual(rows.map((r) => r.row), [
    {
      id: 0,
      java: 'public String toString() {return getKey() + ": " + getValue();}',
      cs: 'public override string ToString(){return GetKey() + ": " + GetValue();}',
    },
    { id: 1, java: "public int size() {return count;}", cs: "public int Size(){return count;}" },
  ]);
});

Deno.test("CodeXGLUE: unequal line counts or empty lines are DatasetErrors", () => {
  const files = { java: "t.java", cs: "t.cs" };
  assert.throws(
    () => parseParallel({ java: "a\nb\n", cs: "A\n" }, files),
    /t\.cs: has 1 lines but t\.java has 2/,
  );
  assert.throws(
    () => parseParallel({ java: "a\n\n", cs: "A\nB\n" }, files),
    /t\.java:2: field "java": empty line/,
  );
});

async function copyShipped(name: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "shipped_" });
  for await (const e of Deno.readDir(fixture(`shipped/${name}`))) {
    await Deno.copyFile(fixture(`shipped/${name}/${e.name}`), `${dir}/${e.name}`);
  }
  return dir;
}

Deno.test("shipped: verified JSONL and JSONL.gz splits load", async () => {
  const gz = await readShipped(fixture("shipped/qa"), "test");
  assert.equal(gz.length, 2);
  assert.ok(gz[0]?.file.endsWith("qa/test.jsonl.gz"));
  const plain = await readShipped(fixture("shipped/qa"), "train");
  assert.equal(plain.length, 3);
});

Deno.test("shipped: a split whose sha256 does not match the manifest is refused", async () => {
  const dir = await copyShipped("translate");
  try {
    const text = await Deno.readTextFile(`${dir}/test.jsonl`);
    await Deno.writeTextFile(`${dir}/test.jsonl`, text.replace("kato dorm", "kato dorn"));
    await assert.rejects(
      () => readShipped(dir, "test"),
      (e: unknown) =>
        e instanceof DatasetError && e.field === "splits.test.sha256" &&
        /manifest\.json: field "splits\.test\.sha256" = ".*": sha256 of test\.jsonl is [0-9a-f]{64}/
          .test(e.message),
    );
    assert.equal((await readShipped(dir, "train")).length, 1, "other splits still load");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("shipped: a missing dataset says how to generate it", async () => {
  await assert.rejects(
    () => readShipped("/nonexistent/datasets/qa", "test"),
    /qa\/manifest\.json: shipped dataset not found: generate it with `deno task datasets`/,
  );
});
