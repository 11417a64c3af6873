import assert from "node:assert/strict";
import { printCurly, printPyla } from "../../../src/datasets/synth/code_ast.ts";
import { randomFunc } from "../../../src/datasets/synth/code_translate.ts";
import { Rng } from "../../../src/datasets/synth/prng.ts";
import { LEXICON, NOUNS, PLURALS, VELTIC, VERBS } from "../../../src/datasets/synth/veltic.ts";
import { committed } from "./_committed.ts";

const PYLA_KEYWORDS = new Set([
  "def",
  "return",
  "if",
  "elif",
  "else",
  "while",
  "for",
  "in",
  "range",
  "and",
  "or",
  "not",
  "print",
  "True",
  "False",
]);
const CURLY_KEYWORDS = new Set([
  "fn",
  "let",
  "return",
  "if",
  "else",
  "while",
  "for",
  "idiv",
  "emit",
  "true",
  "false",
]);

function names(code: string, keywords: ReadonlySet<string>): string[] {
  return [...new Set(code.match(/[A-Za-z_][A-Za-z_0-9]*/g) ?? [])].filter((w) => !keywords.has(w))
    .sort();
}

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

/** Structural agreement of a pyla source and its curly target, checked from the texts only. */
function assertCodePair(source: string, target: string, id: string): void {
  assert.deepEqual(names(source, PYLA_KEYWORDS), names(target, CURLY_KEYWORDS), id);
  assert.equal(
    source.match(/^def (\w+)\((.*)\):/)?.slice(1).join("|"),
    target.match(/^fn (\w+)\((.*)\) \{/)?.slice(1).join("|"),
    id,
  );
  assert.equal(count(source, /\band\b/g), count(target, /&&/g), `${id} and`);
  assert.equal(count(source, /\bor\b/g), count(target, /\|\|/g), `${id} or`);
  assert.equal(count(source, /\bnot\b/g), count(target, /!(?!=)/g), `${id} not`);
  assert.equal(count(source, /\/\//g), count(target, /\bidiv\(/g), `${id} //`);
  assert.equal(count(source, /\belif\b/g), count(target, /\belse if\b/g), `${id} elif`);
  for (const kw of ["return", "while", "for", "print|emit"]) {
    const [p, c] = kw.includes("|") ? kw.split("|") as [string, string] : [kw, kw];
    assert.equal(
      count(source, new RegExp(`\\b${p}\\b`, "g")),
      count(target, new RegExp(`\\b${c}\\b`, "g")),
      `${id} ${kw}`,
    );
  }
  assert.equal(count(target, /\{/g), count(target, /\}/g), `${id} braces`);
  for (const line of target.split("\n")) {
    const t = line.trim();
    assert.ok(t.endsWith(";") || t.endsWith("{") || t === "}", `${id}: ${line}`);
  }
  // pyla uses 4-space indentation, curly 2 spaces and one line per closing brace.
  assert.ok(source.split("\n").every((l) => /^( {4})*\S/.test(l)), id);
  assert.ok(target.split("\n").every((l) => /^( {2})*\S/.test(l)), id);
}

Deno.test("code_translate: every committed test and validation pair agrees structurally", async () => {
  const data = await committed("code_translate");
  for (const ex of [...data.test, ...data.validation, ...data.train.slice(0, 2000)]) {
    assert.equal(ex.source_lang, "pyla");
    assert.equal(ex.target_lang, "curly");
    const source = ex.source as string;
    assert.ok(source.length >= 150 && source.length <= 500, `${ex.id} length`);
    assertCodePair(source, ex.target as string, String(ex.id));
  }
});

Deno.test("code_translate printers: precedence and keyword mapping", () => {
  const f = {
    name: "f",
    params: ["a", "b"],
    body: [
      {
        t: "assign" as const,
        name: "x",
        expr: {
          t: "bin" as const,
          op: "*" as const,
          left: {
            t: "bin" as const,
            op: "+" as const,
            left: { t: "var" as const, name: "a" },
            right: { t: "num" as const, value: 1 },
          },
          right: { t: "var" as const, name: "b" },
        },
      },
      {
        t: "if" as const,
        branches: [
          {
            cond: {
              t: "not" as const,
              expr: {
                t: "bin" as const,
                op: "<" as const,
                left: { t: "var" as const, name: "x" },
                right: { t: "num" as const, value: 3 },
              },
            },
            body: [{
              t: "return" as const,
              expr: {
                t: "bin" as const,
                op: "//" as const,
                left: { t: "var" as const, name: "x" },
                right: { t: "num" as const, value: 2 },
              },
            }],
          },
          {
            cond: {
              t: "bin" as const,
              op: "and" as const,
              left: { t: "bool" as const, value: true },
              right: { t: "var" as const, name: "a" },
            },
            body: [{
              t: "aug" as const,
              name: "x",
              op: "-" as const,
              expr: { t: "num" as const, value: 1 },
            }],
          },
        ],
        orelse: [{ t: "print" as const, expr: { t: "var" as const, name: "x" } }],
      },
      { t: "return" as const, expr: { t: "var" as const, name: "x" } },
    ],
  };
  assert.equal(
    printPyla(f),
    "def f(a, b):\n    x = (a + 1) * b\n    if not x < 3:\n        return x // 2\n    elif True and a:\n        x -= 1\n    else:\n        print(x)\n    return x",
  );
  assert.equal(
    printCurly(f),
    "fn f(a, b) {\n  let x = (a + 1) * b;\n  if (!(x < 3)) {\n    return idiv(x, 2);\n  } else if (true && a) {\n    x -= 1;\n  } else {\n    emit(x);\n  }\n  return x;\n}",
  );
  const rng = new Rng(3);
  for (let i = 0; i < 300; i++) {
    const g = randomFunc(rng);
    assertCodePair(printPyla(g), printCurly(g), `random ${i}`);
  }
});

Deno.test("translate: the veltic lexicon is one-to-one", () => {
  const values = [...LEXICON.values()];
  assert.equal(new Set(values).size, values.length);
  assert.ok(values.every((w) => /^[a-z]+$/.test(w) && w !== VELTIC.negation));
});

Deno.test("translate: every veltic word comes from the lexicon and every English noun and verb is carried over", async () => {
  const data = await committed("translate");
  const known = new Set(LEXICON.values());
  const nounOf = new Map<string, string>();
  for (const n of Object.values(NOUNS).flat()) {
    nounOf.set(n, n);
    nounOf.set(PLURALS[n] ?? `${n}s`, n);
  }
  const verbOf = new Map<string, string>();
  for (const [base, [third, past]] of Object.entries(VERBS)) {
    for (const f of [base, third, past]) verbOf.set(f, base);
  }
  const tenses = Object.values(VELTIC.tense);
  const pastForms = new Set(Object.values(VERBS).map(([, past]) => past));
  for (const base of Object.keys(VERBS)) {
    assert.ok(!pastForms.has(base), `past of ${base} is ambiguous`);
  }
  for (const ex of [...data.test, ...data.validation, ...data.train.slice(0, 3000)]) {
    const source = ex.source as string;
    const target = ex.target as string;
    assert.ok(source.length >= 40 && source.length <= 120, `${ex.id} length`);
    assert.ok(/^[A-Z].*\.$/.test(target), String(ex.id));
    const tokens = target.slice(0, -1).toLowerCase().split(" ");
    for (const t of tokens) {
      const ok = known.has(t) || t === VELTIC.negation ||
        (t.endsWith(VELTIC.plural) && known.has(t.slice(0, -VELTIC.plural.length))) ||
        tenses.some((s) => t.endsWith(s) && known.has(t.slice(0, -s.length)));
      assert.ok(ok, `${ex.id}: unknown veltic word "${t}" in ${target}`);
    }
    const words = source.slice(0, -1).toLowerCase().split(" ");
    // The verb comes last, with the tense suffix; negation puts "na" before it.
    const last = tokens.at(-1) as string;
    const future = words.includes("will");
    const past = words.includes("did") || words.some((w) => pastForms.has(w));
    const suffix = future ? VELTIC.tense.future : past ? VELTIC.tense.past : VELTIC.tense.present;
    const verb = words.map((w) => verbOf.get(w)).find((b) => b !== undefined) as string;
    assert.equal(last, `${LEXICON.get(verb)}${suffix}`, `${ex.id}: ${source} -> ${target}`);
    assert.equal(words.includes("not"), tokens.at(-2) === VELTIC.negation, String(ex.id));
    for (const w of words) {
      const noun = nounOf.get(w);
      if (noun !== undefined) {
        assert.ok(tokens.some((t) => t.startsWith(LEXICON.get(noun) as string)), `${ex.id}: ${w}`);
      }
    }
  }
});
