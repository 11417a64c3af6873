import assert from "node:assert/strict";
import { scoreCorpus } from "../../src/metrics/corpus.ts";
import { lcsIndices, lcsLength } from "../../src/metrics/lcs.ts";
import { rouge, summaryLevelLcs } from "../../src/metrics/rouge.ts";
import { createRougeTokenizer } from "../../src/metrics/rouge_tokenizer.ts";

function near(actual: number, expected: number, places: number, what = ""): void {
  // absltest assertAlmostEqual(places=p): round(a - b, p) == 0
  assert.ok(
    Math.abs(actual - expected) < 0.5 * 10 ** -places,
    `${what} expected ${expected} got ${actual}`,
  );
}

// Lines 1-2 of rouge/testdata/target.txt and prediction.txt (google-research/google-research),
// the data behind rouge_scorer_test.py's "AgainstRouge155" cases.
const TARGETS = [
  "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
  "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n",
];
const PREDICTIONS = [
  "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
  "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n",
];

function one(type: string, target: string, prediction: string, useStemmer = false) {
  return rouge.create({ rougeTypes: type, useStemmer }).scoreMulti(prediction, [target])[type]!;
}

Deno.test("rouge reproduces rouge_scorer_test.py basic cases", () => {
  // testRouge1, testRouge2, testRougeLConsecutive, testRougeLNonConsecutive
  let s = one("rouge1", "testing one two", "testing");
  near(s.precision, 1, 7);
  near(s.recall, 1 / 3, 7);
  near(s.fmeasure, 1 / 2, 7);
  s = one("rouge2", "testing one two", "testing one");
  near(s.precision, 1, 7);
  near(s.recall, 1 / 2, 7);
  near(s.fmeasure, 2 / 3, 7);
  s = one("rougeL", "testing one two", "testing one");
  near(s.recall, 2 / 3, 7);
  near(s.fmeasure, 4 / 5, 7);
  s = one("rougeL", "testing one two", "testing two");
  near(s.precision, 1, 7);
  near(s.fmeasure, 4 / 5, 7);
  // testRougeEmpty
  for (const t of ["rouge1", "rouge2", "rougeL", "rougeLsum"]) {
    assert.deepEqual(one(t, "testing one two", ""), { precision: 0, recall: 0, fmeasure: 0 });
  }
});

Deno.test("rouge reproduces the ROUGE-1.5.5 values of rouge_scorer_test.py", () => {
  const expected = {
    rouge1: [[0.40741, 0.68750, 0.51163], [0.40476, 0.65385, 0.50000]],
    rouge2: [[0.30769, 0.53333, 0.39024], [0.29268, 0.48000, 0.36364]],
    rougeL: [[0.40741, 0.68750, 0.51163], [0.40476, 0.65385, 0.50000]],
  };
  for (const [type, rows] of Object.entries(expected)) {
    rows.forEach(([r, p, f], i) => {
      const s = one(type, TARGETS[i]!, PREDICTIONS[i]!);
      near(s.recall, r!, 5, `${type}[${i}] recall`);
      near(s.precision, p!, 5, `${type}[${i}] precision`);
      near(s.fmeasure, f!, 5, `${type}[${i}] f`);
    });
  }
});

Deno.test("rouge with stemming reproduces rouge_scorer_test.py WithStemming values", () => {
  // testRouge1AgainstRouge155WithStemming / testRouge2AgainstRouge155WithStemming
  let s = one("rouge1", TARGETS[1]!, PREDICTIONS[1]!, true);
  near(s.recall, 0.42857, 5);
  near(s.precision, 0.69231, 5);
  near(s.fmeasure, 0.52941, 5);
  s = one("rouge1", TARGETS[0]!, PREDICTIONS[0]!, true);
  near(s.fmeasure, 0.51163, 5);
  s = one("rouge2", TARGETS[1]!, PREDICTIONS[1]!, true);
  near(s.fmeasure, 0.36364, 5);
});

Deno.test("rougeLsum reproduces testRougeLSumAgainstRouge155WithStemming", () => {
  // rouge/testdata/pyrouge_files/target_multi.0.txt and prediction_multi.0.txt
  const target = TARGETS[0]! + TARGETS[1]! +
    "NhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM dv J dVN tmbOT\n" +
    "vMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO 'DxqNOHBH qKtVvm OYJl mM\n";
  const prediction = PREDICTIONS[0]! + PREDICTIONS[1]! +
    "xfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\n" +
    "VjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO\n";
  const s = one("rougeLsum", target, prediction, true);
  near(s.recall, 0.36538, 5);
  near(s.precision, 0.66667, 5);
  near(s.fmeasure, 0.47205, 5);
});

Deno.test("rougeLsum reproduces testRougeLsum and testSummaryLevelLcs", () => {
  const s = one("rougeLsum", "w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5");
  near(s.recall, 0.8, 7);
  near(s.precision, 0.4, 7);
  near(s.fmeasure, 0.5333, 3);
  assert.equal(one("rougeLsum", "w1 w2 w3 w4 w5", "").fmeasure, 0);
  assert.equal(one("rougeLsum", "", "w1").fmeasure, 0);
  assert.equal(one("rougeLsum", "w1 w2 w3 w4 w5", "/").fmeasure, 0);
  const lcs = summaryLevelLcs([Int32Array.of(1, 2, 3, 4, 5)], [
    Int32Array.of(1, 2, 6, 7, 8),
    Int32Array.of(1, 3, 8, 9, 5),
  ]);
  assert.equal(lcs.recall, 0.8);
  assert.equal(lcs.precision, 0.4);
  assert.equal(summaryLevelLcs([Int32Array.of(7)], [new Int32Array(0)]).recall, 0);
});

Deno.test("lcs table and backtrack match testLcsTable and testUnionLcs", () => {
  const ref = [1, 2, 3, 4, 5];
  assert.equal(lcsLength(ref, [2, 5, 3, 4]), 3);
  assert.deepEqual(lcsIndices(ref, [2, 5, 3, 4]), [1, 2, 3]);
  assert.deepEqual(lcsIndices(ref, [8, 9]), []);
  const union = new Set([...lcsIndices(ref, [1, 2, 6, 7, 8]), ...lcsIndices(ref, [1, 3, 8, 9, 5])]);
  assert.deepEqual([...union].sort().map((i) => ref[i]), [1, 2, 3, 5]);
});

Deno.test("rouge tokenizer reproduces tokenize_test.py", () => {
  const tok = createRougeTokenizer(false);
  assert.deepEqual(tok("one Two three"), ["one", "two", "three"]);
  assert.deepEqual(tok("one\n Two \nthree"), ["one", "two", "three"]);
  assert.deepEqual(tok("Don't  stop-believing, café 42!"), [
    "don",
    "t",
    "stop",
    "believing",
    "caf",
    "42",
  ]);
  // Stemming only touches tokens longer than 3 characters.
  // Stemming only touches tokens longer than 3 characters: "was" stays (Porter alone gives "wa").
  assert.deepEqual(createRougeTokenizer(true)("was cats running flies dies"), [
    "was",
    "cat",
    "run",
    "fli",
    "die",
  ]);
});

Deno.test("rouge multi-reference keeps the best F per type (score_multi)", () => {
  const m = rouge.create();
  const best = m.scoreMulti("the cat sat", ["a dog ran far away", "the cat sat down"]);
  assert.equal(best.rouge1!.fmeasure, one("rouge1", "the cat sat down", "the cat sat").fmeasure);
  assert.throws(() => m.stats("x", []), { name: "MetricError" });
});

Deno.test("rouge corpus value is the mean of per-sample values on the 0-1 scale", () => {
  const m = rouge.create();
  const s = scoreCorpus(m, ["testing", "testing one"], [["testing one two"], ["testing one two"]], {
    resamples: 0,
  });
  near(s.scores.rouge1!.value, (0.5 + 0.8) / 2, 12);
  near(s.scores.rouge1_precision!.value, 1, 12);
  assert.equal(s.primary, "rougeL");
  assert.equal(s.scale, 1);
  assert.match(s.signature, /^nrefs:1\|types:rouge1,rouge2,rougeL,rougeLsum\|tok:default\|stem:no/);
});

Deno.test("rouge rejects invalid types like testInvalidRougeTypes", () => {
  for (const t of ["rougen", "rouge0", "rouge10"]) {
    assert.throws(() => rouge.create({ rougeTypes: t }), { name: "MetricError" });
  }
  for (const t of ["rouge1", "rouge9", "rougeL", "rougeLsum"]) rouge.create({ rougeTypes: t });
});

Deno.test("rouge refuses an LCS over its documented limit quickly, naming the sizes", () => {
  // 6,000 x 6,000 tokens = 36M cells > MAX_LCS_CELLS (a 5 MB single line is 10^12).
  const long = Array.from({ length: 6000 }, (_, i) => `w${i % 97}`).join(" ");
  const rougeL = rouge.create({ rougeTypes: "rougeL" });
  const t0 = performance.now();
  assert.throws(() => rougeL.stats(long, [long]), /6000-token text .* over the limit of 25000000/);
  assert.ok(performance.now() - t0 < 5000);
  assert.throws(() => lcsIndices(new Int32Array(6000), new Int32Array(6000)), /over the limit/);
});
