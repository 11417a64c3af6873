import assert from "node:assert/strict";
import { bleu, closestRefLen, computeBleu } from "../../src/metrics/bleu.ts";
import { scoreCorpus, transposeStreams } from "../../src/metrics/corpus.ts";
import { tokenize13a } from "../../src/metrics/tokenizer_13a.ts";
import type { BleuOptions } from "../../src/metrics/bleu.ts";

function near(actual: number, expected: number, eps: number, what = ""): void {
  assert.ok(Math.abs(actual - expected) < eps, `${what} expected ${expected} got ${actual}`);
}

function corpusBleu(
  hyps: readonly string[],
  refStreams: readonly (readonly string[])[],
  options: BleuOptions = {},
): Record<string, number> {
  const metric = bleu.create(options);
  const refs = transposeStreams(refStreams);
  const sums: number[] = [];
  hyps.forEach((h, i) =>
    metric.stats(h, refs[i] as string[]).forEach((v, k) => (sums[k] = (sums[k] ?? 0) + v))
  );
  return metric.aggregate(sums, hyps.length);
}

// sacreBLEU README.md, "Using SacreBLEU from Python" and test/test_bleu.py `_refs`/`_hyps`.
const REFS = [
  ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
  ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
];
const HYPS = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

Deno.test("bleu reproduces the sacreBLEU README corpus example", () => {
  // README: BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
  const s = corpusBleu(HYPS, REFS);
  assert.equal(s.score!.toFixed(2), "48.53");
  assert.deepEqual([s.p1, s.p2, s.p3, s.p4].map((p) => p!.toFixed(1)), [
    "82.4",
    "50.0",
    "45.5",
    "37.5",
  ]);
  assert.equal(s.bp!.toFixed(3), "0.943");
  assert.equal(s.ratio!.toFixed(3), "0.944");
  assert.equal(s.hyp_len, 17);
  assert.equal(s.ref_len, 18);
});

Deno.test("bleu reproduces test_bleu.py test_corpus_bleu_cases to 1e-8", () => {
  // sacreBLEU test/test_bleu.py test_corpus_bleu_cases (EPSILON = 1e-8)
  near(corpusBleu(HYPS, REFS).score!, 48.530827, 1e-6, "default");
  near(corpusBleu(["", "", ""], REFS).score!, 0.0, 1e-8, "empty hyps");
  near(corpusBleu(HYPS, REFS, { tokenize: "none" }).score!, 49.1919566, 1e-6, "tok none");
  near(corpusBleu(HYPS, REFS, { tokenize: "13a" }).score!, 48.530827, 1e-6, "tok 13a");
  near(corpusBleu(HYPS, REFS, { smoothMethod: "none" }).score!, 48.530827, 1e-6, "smooth none");
});

Deno.test("bleu handles a variable number of references like the README nrefs:var example", () => {
  // README "Variable Number of References":
  // BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19), nrefs:var
  const refs = [["", REFS[0]![1]!, REFS[0]![2]!], REFS[1]!];
  const s = corpusBleu(HYPS, refs);
  assert.equal(s.score!.toFixed(2), "29.44");
  assert.deepEqual([s.p1, s.p2, s.p3, s.p4].map((p) => p!.toFixed(1)), [
    "82.4",
    "42.9",
    "27.3",
    "12.5",
  ]);
  assert.equal(s.bp!.toFixed(3), "0.889");
  assert.equal(s.ref_len, 19);
  const scored = scoreCorpus(bleu.create(), HYPS, transposeStreams(refs), { resamples: 0 });
  assert.match(
    scored.signature,
    /^nrefs:var\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:2\./,
  );
});

Deno.test("bleu signature matches sacreBLEU's format", () => {
  // README: nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.0.0 (we emulate 2.5.1)
  const scored = scoreCorpus(bleu.create(), HYPS, transposeStreams(REFS), { resamples: 0 });
  assert.equal(scored.signature, "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.5.1");
  assert.equal(
    bleu.create({ smoothMethod: "floor", lowercase: true }).signatureFor(1),
    "nrefs:1|case:lc|eff:no|tok:13a|smooth:floor[0.10]|version:2.5.1",
  );
});

// raw_corpus_bleu in sacreBLEU 2.x = floor smoothing (0.1 unless given), tok none, effective order.
const raw = (smoothValue = 0.1): BleuOptions => ({
  tokenize: "none",
  smoothMethod: "floor",
  smoothValue,
  effectiveOrder: true,
});

Deno.test("bleu reproduces test_bleu.py raw and effective-order cases", () => {
  // test_raw_bleu_cases (smooth_value .01), EPSILON 1e-8 on score/100; sacreBLEU 2.x returns
  // 0.0 for the first case ("This now returns 0.0 score (#141)").
  near(
    corpusBleu(["this is a test", "another test"], [["ref1", "ref2"]], raw(0.01)).score! / 100,
    0.0,
    1e-8,
  );
  near(corpusBleu(["this is a test"], [["this is a test"]], raw(0.01)).score! / 100, 1.0, 1e-8);
  near(
    corpusBleu(["this is a fest"], [["this is a test"]], raw(0.01)).score! / 100,
    0.223606797749979,
    1e-8,
  );
  // test_case_effective_order
  near(corpusBleu(["test"], [["a test"]], raw(0.01)).score! / 100, 0.3678794411714425, 1e-8);
  near(corpusBleu(["a test"], [["a test"]], raw(0.01)).score! / 100, 1.0, 1e-8);
  near(
    corpusBleu(["a little test"], [["a test"]], raw(0.01)).score! / 100,
    0.03218297948685433,
    1e-8,
  );
});

Deno.test("bleu honours max_ngram_order like test_bleu.py test_bleu_max_order", () => {
  const expected = ["77.65", "60.50", "53.93", "48.53", "46.14", "43.28"];
  expected.forEach((want, i) => {
    assert.equal(corpusBleu(HYPS, REFS, { maxNgramOrder: i + 1 }).score!.toFixed(2), want);
  });
});

Deno.test("bleu statistics and offsets match test_bleu.py", () => {
  // test_case_statistics: counts [4, 2, 1, 0], totals [6, 5, 4, 3]
  const m = bleu.create(raw());
  const st = m.stats("am I am a character sequence", ["I am a symbol string sequence a a"]);
  assert.deepEqual(st.slice(2, 6), [4, 2, 1, 0]);
  assert.deepEqual(st.slice(6, 10), [6, 5, 4, 3]);
  // test_case_offset: 0.1555722182 with the default floor 0.1, 0 with 0.0
  near(m.aggregate(st, 1).score! / 100, 0.1555722182, 1e-8);
  near(bleu.create(raw(0)).aggregate(st, 1).score! / 100, 0, 1e-8);
});

Deno.test("computeBleu matches test_bleu.py scoring and degenerate cases", () => {
  // test_case_scoring: compute_bleu([9,7,5,3],[10,8,6,4],11,11) default smoothing 'none'
  const opts = { smoothMethod: "none" as const, effectiveOrder: false, maxNgramOrder: 4 };
  near(computeBleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, opts).score / 100, 0.8375922397, 1e-8);
  // test_case_degenerate_stats (floor smoothing with the given offset) all give exactly 0
  const cases: [number[], number[], number, number, number][] = [
    [[0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0.0],
    [[0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0.0],
    [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.0],
    [[6, 5, 4, 0], [6, 5, 4, 3], 6, 6, 0.0],
    [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.1],
    [[0, 0, 0, 0], [0, 0, 0, 0], 1, 5, 0.01],
  ];
  for (const [c, t, sys, ref, offset] of cases) {
    const s = computeBleu(c, t, sys, ref, {
      smoothMethod: "floor",
      smoothValue: offset,
      effectiveOrder: false,
      maxNgramOrder: 4,
    });
    assert.equal(s.score, 0);
  }
});

Deno.test("sentence bleu reproduces test_sentence_bleu.py to 1e-3", () => {
  // sacreBLEU test/test_sentence_bleu.py (example from issue #98), effective order on
  const REF = "producţia de zahăr brut se exprimă în zahăr alb;";
  const SYS = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
  const cases: [BleuOptions, number][] = [
    [{ smoothMethod: "exp" }, 8.493],
    [{ smoothMethod: "none" }, 0.0],
    [{ smoothMethod: "floor" }, 4.51688],
    [{ smoothMethod: "floor", smoothValue: 0.1 }, 4.51688],
    [{ smoothMethod: "floor", smoothValue: 0.5 }, 10.10],
    [{ smoothMethod: "add-k" }, 14.882],
    [{ smoothMethod: "add-k", smoothValue: 1 }, 14.882],
    [{ smoothMethod: "add-k", smoothValue: 2 }, 21.389],
    [{ smoothMethod: "exp", tokenize: "none" }, 7.347],
  ];
  for (const [opts, expected] of cases) {
    near(bleu.create(opts).sampleScores(SYS, [REF]).score!, expected, 1e-3, JSON.stringify(opts));
  }
  // test_cases_zero_bleu (issue #141): no match at all gives 0 for every smoothing
  for (const smoothMethod of ["exp", "none", "floor", "add-k"] as const) {
    assert.equal(
      bleu.create({ smoothMethod }).sampleScores("this is a cat", ["okay thanks"]).score,
      0,
    );
  }
});

Deno.test("closest reference length breaks ties towards the shorter reference", () => {
  assert.equal(closestRefLen(10, [12, 8]), 8);
  assert.equal(closestRefLen(10, [8, 12]), 8);
  assert.equal(closestRefLen(10, [11, 20, 9]), 9);
  assert.equal(closestRefLen(3, [7]), 7);
});

Deno.test("13a tokenizer splits punctuation like mteval-v13a", () => {
  // The apostrophe (0x27) is outside 13a's symbol ranges, so it stays inside the word.
  assert.equal(tokenize13a("It wasn't surprising."), "It wasn't surprising .");
  assert.equal(tokenize13a("1,000.50 and 3-4, e.g. x"), "1,000.50 and 3 - 4 , e . g . x");
  assert.equal(tokenize13a("&quot;Hi&quot; &amp; &lt;b&gt;<skipped>"), '" Hi " & < b >');
  assert.equal(tokenize13a("line-\nbreak\nnext"), "linebreak next");
  assert.equal(tokenize13a("(a)[b]{c}$5%"), "( a ) [ b ] { c } $ 5 %");
  assert.equal(tokenize13a("  many   spaces\t"), "many spaces");
});

Deno.test("bleu rejects samples without a usable reference", () => {
  assert.throws(() => bleu.create().stats("x", ["", ""]), { name: "MetricError" });
  assert.throws(() => bleu.create().stats("x", []), { name: "MetricError" });
});
