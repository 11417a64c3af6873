/**
 * The `code_translate` dataset (like CodeXGLUE code-to-code): random small
 * functions printed in the toy language "pyla" (source) and "curly" (target).
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { Rng } from "./prng.ts";
import {
  type BinOp,
  BUILTINS,
  type Expr,
  type Func,
  printCurly,
  printPyla,
  type Stmt,
} from "./code_ast.ts";
import type { SynthGenerator } from "./types.ts";

const VERBS = [
  "sum",
  "count",
  "scale",
  "clamp",
  "find",
  "mix",
  "score",
  "step",
  "check",
  "blend",
  "walk",
  "fold",
];
const NOUNS = [
  "total",
  "range",
  "steps",
  "values",
  "limit",
  "pairs",
  "gap",
  "price",
  "points",
  "level",
  "rows",
];
const PARAMS = ["a", "b", "n", "x", "y", "limit", "step", "size", "rate", "start", "depth"];
const LOCALS = [
  "total",
  "result",
  "count",
  "acc",
  "best",
  "steps",
  "value",
  "diff",
  "prod",
  "low",
  "high",
];
const LOOP_VARS = ["i", "j", "k"];
const MIN_CHARS = 150;
const MAX_CHARS = 500;

interface Scope {
  readonly params: string[];
  readonly locals: string[];
  readonly loopVars: string[];
}

function atom(rng: Rng, scope: Scope): Expr {
  const names = [...scope.params, ...scope.locals, ...scope.loopVars];
  if (names.length > 0 && rng.chance(0.7)) return { t: "var", name: rng.pick(names) };
  return { t: "num", value: rng.int(0, 12) };
}

function arith(rng: Rng, scope: Scope, depth: number): Expr {
  if (depth <= 0 || rng.chance(0.35)) return atom(rng, scope);
  const r = rng.next();
  if (r < 0.08) return { t: "neg", expr: atom(rng, scope) };
  if (r < 0.16) {
    const fn = rng.pick(Object.keys(BUILTINS));
    const args = fn === "abs"
      ? [arith(rng, scope, depth - 1)]
      : [atom(rng, scope), arith(rng, scope, depth - 1)];
    return { t: "call", fn, args };
  }
  const op = rng.pick<BinOp>(["+", "+", "-", "-", "*", "*", "//", "%"]);
  const right = op === "//" || op === "%"
    ? { t: "num" as const, value: rng.int(2, 9) }
    : arith(rng, scope, depth - 1);
  return { t: "bin", op, left: arith(rng, scope, depth - 1), right };
}

function comparison(rng: Rng, scope: Scope): Expr {
  const op = rng.pick<BinOp>(["<", "<=", ">", ">=", "==", "!="]);
  return { t: "bin", op, left: arith(rng, scope, 1), right: arith(rng, scope, 1) };
}

function condition(rng: Rng, scope: Scope): Expr {
  const r = rng.next();
  if (r < 0.6) return comparison(rng, scope);
  if (r < 0.7) return { t: "not", expr: comparison(rng, scope) };
  const op = rng.pick<BinOp>(["and", "or"]);
  const right = rng.chance(0.2)
    ? { t: "not" as const, expr: comparison(rng, scope) }
    : comparison(rng, scope);
  return { t: "bin", op, left: comparison(rng, scope), right };
}

/** A statement that only touches already-declared names. */
function simple(rng: Rng, scope: Scope): Stmt {
  const r = rng.next();
  if (scope.locals.length > 0 && r < 0.45) {
    return {
      t: "aug",
      name: rng.pick(scope.locals),
      op: rng.pick(["+", "-", "*"] as const),
      expr: arith(rng, scope, 1),
    };
  }
  if (scope.locals.length > 0 && r < 0.85) {
    return { t: "assign", name: rng.pick(scope.locals), expr: arith(rng, scope, 2) };
  }
  return { t: "print", expr: arith(rng, scope, 1) };
}

function block(rng: Rng, scope: Scope, n: number): Stmt[] {
  return Array.from({ length: n }, () => simple(rng, scope));
}

function compound(rng: Rng, scope: Scope): Stmt {
  const r = rng.next();
  if (r < 0.4) {
    const branches = Array.from({ length: rng.int(1, 3) }, () => ({
      cond: condition(rng, scope),
      body: rng.chance(0.25)
        ? [{ t: "return" as const, expr: arith(rng, scope, 1) }]
        : block(rng, scope, rng.int(1, 2)),
    }));
    return { t: "if", branches, orelse: rng.chance(0.5) ? block(rng, scope, 1) : [] };
  }
  if (r < 0.75) {
    const name = rng.pick(LOOP_VARS.filter((v) => !scope.loopVars.includes(v)));
    const inner: Scope = { ...scope, loopVars: [...scope.loopVars, name] };
    const body = rng.chance(0.3)
      ? [{
        t: "if" as const,
        branches: [{ cond: condition(rng, inner), body: block(rng, inner, 1) }],
        orelse: [],
      }]
      : block(rng, inner, rng.int(1, 2));
    return {
      t: "for",
      name,
      start: { t: "num", value: rng.int(0, 2) },
      end: atom(rng, scope),
      body,
    };
  }
  const counter = rng.pick(scope.locals.length > 0 ? scope.locals : scope.params);
  const body: Stmt[] = [
    ...block(rng, scope, rng.int(1, 2)).filter((s) => !("name" in s) || s.name !== counter),
  ];
  body.push({ t: "aug", name: counter, op: "-", expr: { t: "num", value: rng.int(1, 3) } });
  return {
    t: "while",
    cond: {
      t: "bin",
      op: rng.pick<BinOp>([">", ">="]),
      left: { t: "var", name: counter },
      right: { t: "num", value: rng.int(0, 5) },
    },
    body,
  };
}

function countStmts(body: readonly Stmt[]): number {
  let n = 0;
  for (const s of body) {
    n++;
    if (s.t === "if") {
      n += s.branches.reduce((k, b) => k + countStmts(b.body), 0) + countStmts(s.orelse);
    }
    if (s.t === "for" || s.t === "while") n += countStmts(s.body);
  }
  return n;
}

/** Draws a random function. */
export function randomFunc(rng: Rng): Func {
  const params = rng.sample(PARAMS, rng.int(1, 3));
  const scope: Scope = { params, locals: [], loopVars: [] };
  const body: Stmt[] = [];
  for (const name of rng.sample(LOCALS, rng.int(1, 3))) {
    body.push({ t: "assign", name, expr: arith(rng, scope, 1) });
    scope.locals.push(name);
  }
  for (let i = rng.int(1, 2); i > 0; i--) {
    body.push(rng.chance(0.8) ? compound(rng, scope) : simple(rng, scope));
  }
  body.push({ t: "return", expr: arith(rng, scope, 1) });
  return { name: `${rng.pick(VERBS)}_${rng.pick(NOUNS)}`, params, body };
}

function example(rng: Rng): JsonObject | undefined {
  const f = randomFunc(rng);
  const n = countStmts(f.body);
  if (n < 3 || n > 10) return undefined;
  const source = printPyla(f);
  if (source.length < MIN_CHARS || source.length > MAX_CHARS) return undefined;
  return { source_lang: "pyla", target_lang: "curly", source, target: printCurly(f) };
}

/** The `code_translate` generator. */
export const codeTranslate: SynthGenerator = {
  name: "code_translate",
  version: 1,
  description:
    "Synthetic code-to-code translation like CodeXGLUE: small functions in the Python-like toy " +
    "language pyla and their deterministic translation into the C/JS-like toy language curly.",
  fields: {
    id: "Example id, <dataset>-<split>-<6-digit index>.",
    source_lang: 'Always "pyla".',
    target_lang: 'Always "curly".',
    source: "The pyla function (about 150-500 characters, 3-10 statements).",
    target: "Its curly translation.",
  },
  example,
  inputKey: (ex) => String(ex.source),
};
