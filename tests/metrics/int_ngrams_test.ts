import assert from "node:assert/strict";
import fc from "fast-check";
import { bleuCounts } from "../../src/metrics/bleu.ts";
import { chrfBestStats, chrfScore } from "../../src/metrics/chrf.ts";
import {
  clippedMatches,
  codesAreExact,
  LocalVocab,
  taggedCodes,
} from "../../src/metrics/int_ngrams.ts";

// Small alphabets force repeated n-grams; a few non-BMP and whitespace characters test code points.
const char = fc.constantFrom("a", "b", "c", " ", "é", "😀", ".", ",", "\u00a0", "\t");
const text = fc.array(char, { maxLength: 40 }).map((cs) => cs.join(""));
const tokens = fc.array(fc.constantFrom("a", "b", "c", "d", "the", "."), { maxLength: 25 });

Deno.test("integer-coded BLEU counts equal the string-keyed counts", () => {
  fc.assert(
    fc.property(
      tokens,
      fc.array(tokens, { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 6 }),
      (h, r, n) => {
        assert.deepEqual(bleuCounts(h, r, n), bleuCounts(h, r, n, true));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("integer-coded chrF statistics equal the string-keyed statistics", () => {
  fc.assert(
    fc.property(
      text,
      fc.array(text, { minLength: 1, maxLength: 3 }),
      fc.record({
        charOrder: fc.integer({ min: 1, max: 6 }),
        wordOrder: fc.integer({ min: 0, max: 2 }),
        whitespace: fc.boolean(),
      }),
      (h, refs, o) => {
        const f = (row: readonly number[]) => chrfScore(row, o.charOrder + o.wordOrder, 2, false);
        assert.deepEqual(chrfBestStats(h, refs, o, f), chrfBestStats(h, refs, o, f, true));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("clipped matches take the per-code maximum over references", () => {
  const v = new LocalVocab();
  const ids = (s: string) => v.ids(s.split(" "));
  const hyp = ids("the the the cat");
  const r1 = ids("the cat");
  const r2 = ids("the the dog");
  const base = v.size;
  const m = [0, 0];
  clippedMatches(
    taggedCodes(hyp, 2, base),
    [taggedCodes(r1, 2, base), taggedCodes(r2, 2, base)],
    2,
    m,
  );
  // unigrams: the -> min(3, max(1, 2)) = 2, cat -> 1; bigrams: "the the" -> 1, "the cat" -> 1
  assert.deepEqual(m, [3, 2]);
});

Deno.test("codes are declared exact only within double precision", () => {
  assert.ok(codesAreExact(1000, 4, 4));
  assert.ok(!codesAreExact(10_000, 4, 4));
  assert.ok(codesAreExact(10 ** 9, 0, 8));
  // A sentence with 12,000 distinct tokens takes the string path and still counts correctly.
  const many = Array.from({ length: 12_000 }, (_, i) => `w${i}`);
  const [correct, totals] = bleuCounts(many, [many], 4);
  assert.deepEqual(correct, [12_000, 11_999, 11_998, 11_997]);
  assert.deepEqual(totals, correct);
});
