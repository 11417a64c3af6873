import assert from "node:assert/strict";
import { DatasetError } from "../../src/core/errors.ts";
import { getPath, mapRows } from "../../src/datasets/fields.ts";

Deno.test("getPath reads dotted paths, literal dotted keys and array indices", () => {
  const row = { a: { b: { c: 1 } }, "x.y": "lit", list: [{ t: "first" }], n: null };
  assert.equal(getPath(row, "a.b.c"), 1);
  assert.deepEqual(getPath(row, "a.b"), { c: 1 });
  assert.equal(getPath(row, "x.y"), "lit");
  assert.equal(getPath(row, "list.0.t"), "first");
  assert.equal(getPath(row, "a.z"), undefined);
  assert.equal(getPath(row, "list.x"), undefined);
  assert.equal(getPath(row, "n.q"), undefined);
  assert.equal(getPath(row, "toString"), undefined, "no prototype lookups");
});

Deno.test("mapRows applies the mapping and takes ids from the row", () => {
  const rows = [
    { row: { id: 7, q: { text: "why" }, ans: { text: ["because"] } }, file: "f.jsonl", line: 1 },
    { row: { q: { text: "how" }, ans: { text: [] } }, file: "f.jsonl", line: 2 },
  ];
  const samples = mapRows(rows, { question: "q.text", answers: "ans.text" }, "test");
  assert.deepEqual(samples, [
    { id: "7", fields: { question: "why", answers: ["because"] } },
    { id: "test-1", fields: { question: "how", answers: [] } },
  ]);
});

Deno.test("a line missing a mapped field is a DatasetError naming file:line and field", () => {
  const rows = [
    { row: { id: "a", q: "x" }, file: "data/t.jsonl", line: 1 },
    { row: { id: "b" }, file: "data/t.jsonl", line: 2 },
  ];
  assert.throws(
    () => mapRows(rows, { question: "q" }, "test"),
    (e: unknown) =>
      e instanceof DatasetError && e.line === 2 && e.field === "q" &&
      e.message === 'data/t.jsonl:2: field "q": missing mapped field (task field "question")',
  );
  const nulls = [{ row: { id: "a", q: null }, file: "n.jsonl", line: 4 }];
  assert.throws(() => mapRows(nulls, { question: "q" }, "test"), /n\.jsonl:4: field "q"/);
});

Deno.test("a repeated sample id is a DatasetError naming both lines", () => {
  const rows = [
    { row: { id: "a" }, file: "d.jsonl", line: 1 },
    { row: { id: "a" }, file: "d.jsonl", line: 3 },
  ];
  assert.throws(
    () => mapRows(rows, {}, "train"),
    /d\.jsonl:3: field "id" = "a": duplicate sample id \(first at line 1\)/,
  );
});
