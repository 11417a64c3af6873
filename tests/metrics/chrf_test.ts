import assert from "node:assert/strict";
import { chrf, chrfWords } from "../../src/metrics/chrf.ts";
import { chrfPlusPlus } from "../../src/metrics/chrf_plus_plus.ts";
import type { ChrfOptions } from "../../src/metrics/chrf.ts";
import { scoreCorpus, transposeStreams } from "../../src/metrics/corpus.ts";

function corpusChrf(hyps: string[], refStreams: string[][], options: ChrfOptions): number {
  const s = scoreCorpus(chrf.create(options), hyps, transposeStreams(refStreams), { resamples: 0 });
  return s.scores.score!.value;
}

function near(actual: number, expected: number, eps: number, what = ""): void {
  assert.ok(Math.abs(actual - expected) < eps, `${what} expected ${expected} got ${actual}`);
}

// sacreBLEU README.md "Using SacreBLEU from Python": chrF2 = 59.73
Deno.test("chrf reproduces the sacreBLEU README corpus example", () => {
  const refs = [
    ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
    ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
  ];
  const hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
  assert.equal(corpusChrf(hyps, refs, {}).toFixed(2), "59.73");
  const scored = scoreCorpus(chrf.create(), hyps, transposeStreams(refs), { resamples: 0 });
  // README CLI example signature: nrefs:1|...|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.0.0
  assert.equal(scored.signature, "nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.5.1");
  assert.equal(
    chrfPlusPlus.create().signatureFor(1),
    "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.5.1",
  );
});

// sacreBLEU test/test_chrf.py test_cases: beta=3, eps_smoothing=True, EPSILON = 1e-4
Deno.test("chrf reproduces test_chrf.py epsilon-smoothing cases", () => {
  const cases: [string[], string[], number][] = [
    [["abcdefg"], ["hijklmnop"], 0.0],
    [["a"], ["b"], 0.0],
    [[""], ["b"], 0.0],
    [[""], ["ref"], 0.0],
    [[""], ["reference"], 0.0],
    [["aa"], ["ab"], 8.3333],
    [["a", "b"], ["a", "c"], 8.3333],
    [["a"], ["a"], 16.6667],
    [["a b c"], ["a b c"], 50.0],
    [["a b c"], ["abc"], 50.0],
    [
      [" risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."],
      ["risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."],
      63.361730,
    ],
    [
      [" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "],
      ["Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."],
      64.1302698,
    ],
    [
      ["Niemand hat die Absicht, eine Mauer zu errichten"],
      ["Niemand hat die Absicht, eine Mauer zu errichten"],
      100.0,
    ],
  ];
  for (const [hyps, refs, expected] of cases) {
    near(corpusChrf(hyps, [refs], { beta: 3, epsSmoothing: true }), expected, 1e-4, hyps.join("|"));
  }
});

// test_chrf.py test_cases_effective_order: beta=3, eps_smoothing=False
Deno.test("chrf reproduces test_chrf.py effective-order cases", () => {
  const cases: [string[], string[], number][] = [
    [["a"], ["a"], 100.0],
    [[""], ["reference"], 0.0],
    [["a b c"], ["a b c"], 100.0],
    [["a b c"], ["abc"], 100.0],
    [[""], ["c"], 0.0],
    [["a", "b"], ["a", "c"], 50.0],
    [["aa"], ["ab"], 25.0],
  ];
  for (const [hyps, refs, expected] of cases) {
    near(corpusChrf(hyps, [refs], { beta: 3 }), expected, 1e-4, hyps.join("|"));
  }
});

// test_chrf.py test_cases_keep_whitespace: beta=3, whitespace kept
Deno.test("chrf reproduces test_chrf.py keep-whitespace cases", () => {
  near(
    corpusChrf(
      ["Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich."],
      [["Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."]],
      { beta: 3, whitespace: true },
    ),
    67.3481606,
    1e-4,
  );
  near(
    corpusChrf(
      ["risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."],
      [["risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."]],
      { beta: 3, whitespace: true },
    ),
    65.2414427,
    1e-4,
  );
});

// test_chrf.py test_sentence_level_chrf: sentence_chrf(..., eps_smoothing=True), beta 2
Deno.test("chrf reproduces test_chrf.py sentence-level cases", () => {
  const cases: [string, string, number][] = [
    [
      "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
      "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.",
      39.14078509,
    ],
    [
      "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
      "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
      31.22557079,
    ],
    [
      "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
      "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.",
      57.15704367,
    ],
  ];
  const m = chrf.create({ epsSmoothing: true });
  for (const [hyp, ref, expected] of cases) near(m.sampleScores(hyp, [ref]).score!, expected, 1e-4);
});

Deno.test("chrf++ splits one punctuation mark off word edges like sacreBLEU", () => {
  // sacreBLEU CHRF._remove_punctuation: '(hi)' -> '(hi', ')' (issue #124)
  assert.deepEqual(chrfWords("(hi) there, you! . ,x"), [
    "(hi",
    ")",
    "there",
    ",",
    "you",
    "!",
    ".",
    ",",
    "x",
  ]);
  const pp = chrfPlusPlus.create();
  assert.equal(pp.name, "chrf++");
  assert.equal(pp.stats("a b", ["a b"]).length, 3 * 8);
  assert.equal(pp.sampleScores("the cat sat.", ["the cat sat."]).score, 100);
});

Deno.test("chrf picks the reference with the best F-score per sample", () => {
  const m = chrf.create();
  const best = m.sampleScores("the cat sat on the mat", ["a dog ran", "the cat sat on the mat"])
    .score!;
  assert.equal(best, 100);
  const swapped = m.sampleScores("the cat sat on the mat", ["the cat sat on the mat", "a dog ran"])
    .score!;
  assert.equal(swapped, 100);
});
