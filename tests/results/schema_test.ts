import { assert, assertEquals, assertThrows } from "./_assert.ts";
import { ResultsError } from "../../src/core/errors.ts";
import { validateCellRecord, validateSampleRecord } from "../../src/results/mod.ts";
import { makeCell, makeSample } from "./_fixtures.ts";

Deno.test("a complete ok cell record and a sample record pass the schema", () => {
  const cell = makeCell();
  assertEquals(validateCellRecord(cell), cell);
  const sample = makeSample(cell.cellKey, 1);
  assertEquals(validateSampleRecord(sample), sample);
});

Deno.test("failed cells need an error, ok cells must not have one", () => {
  const error = { reason: "crash", message: "boom", stderrTail: "", attempts: 2 } as const;
  validateCellRecord(makeCell({ status: "failed", quality: null, efficiency: null, error }));
  assertThrows(() => validateCellRecord(makeCell({ status: "failed", error: null })), ResultsError);
  assertThrows(() => validateCellRecord(makeCell({ error })), ResultsError);
});

Deno.test("schema errors name the file, line, field and value", () => {
  const bad = { ...makeCell(), status: "done" };
  const err = assertThrows(
    () => validateCellRecord(bad, { file: "run.jsonl", line: 3 }),
    ResultsError,
  );
  assert(err.message.startsWith("run.jsonl:3: "), err.message);
  assert(err.message.includes('field "status"'), err.message);
  assert(err.message.includes('"done"'), err.message);
  assert(!err.message.includes("\n"));
});

Deno.test("missing and unknown fields are rejected by name", () => {
  const { model: _model, ...missing } = makeCell();
  const e1 = assertThrows(() => validateCellRecord(missing), ResultsError);
  assert(e1.message.includes('field "model"'), e1.message);
  const extra = { ...makeCell(), extra: 1 };
  const e2 = assertThrows(() => validateCellRecord(extra), ResultsError);
  assert(e2.message.includes('field "extra"'), e2.message);
  const nested = makeCell();
  const e3 = assertThrows(
    () => validateCellRecord({ ...nested, model: { ...nested.model, bytes: -1 } }),
    ResultsError,
  );
  assert(e3.message.includes('field "model.bytes"'), e3.message);
});

Deno.test("records of the wrong kind or version are rejected", () => {
  const cell = makeCell();
  assertThrows(() => validateCellRecord({ ...cell, schema: "encoder-bench/cell@2" }), ResultsError);
  assertThrows(() => validateSampleRecord(cell), ResultsError);
  assertThrows(() => validateCellRecord(makeSample(cell.cellKey, 0)), ResultsError);
  assertThrows(() => validateCellRecord({ ...cell, cellKey: "abc" }), ResultsError);
});

Deno.test("peak memory is null where unreadable, else a non-negative number", () => {
  const cell = makeCell();
  const withPeak = (peakRssMiB: number | null) =>
    makeCell({ efficiency: { ...cell.efficiency!, peakRssMiB } });
  assertEquals(validateCellRecord(withPeak(null)).efficiency?.peakRssMiB, null);
  assertEquals(validateCellRecord(withPeak(0)).efficiency?.peakRssMiB, 0);
  const err = assertThrows(() => validateCellRecord(withPeak(-1)), ResultsError);
  assert(err.message.includes('field "efficiency.peakRssMiB"'), err.message);
  assertThrows(() => validateCellRecord(withPeak("12" as unknown as number)), ResultsError);
});
