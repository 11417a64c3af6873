/**
 * A tiny imperative language's syntax tree, printed as "pyla" (Python-like)
 * and "curly" (C/JS-like). The translation between the two is this pair of
 * printers over one tree, so it is deterministic.
 *
 * @module
 */

/** Binary operators, by their pyla spelling. */
export type BinOp =
  | "+"
  | "-"
  | "*"
  | "//"
  | "%"
  | "<"
  | "<="
  | ">"
  | ">="
  | "=="
  | "!="
  | "and"
  | "or";

/** Expressions. */
export type Expr =
  | { readonly t: "num"; readonly value: number }
  | { readonly t: "bool"; readonly value: boolean }
  | { readonly t: "var"; readonly name: string }
  | { readonly t: "bin"; readonly op: BinOp; readonly left: Expr; readonly right: Expr }
  | { readonly t: "not"; readonly expr: Expr }
  | { readonly t: "neg"; readonly expr: Expr }
  | { readonly t: "call"; readonly fn: string; readonly args: readonly Expr[] };

/** Statements. */
export type Stmt =
  | { readonly t: "assign"; readonly name: string; readonly expr: Expr }
  | { readonly t: "aug"; readonly name: string; readonly op: "+" | "-" | "*"; readonly expr: Expr }
  | {
    readonly t: "if";
    readonly branches: readonly { readonly cond: Expr; readonly body: readonly Stmt[] }[];
    readonly orelse: readonly Stmt[];
  }
  | { readonly t: "while"; readonly cond: Expr; readonly body: readonly Stmt[] }
  | {
    readonly t: "for";
    readonly name: string;
    readonly start: Expr;
    readonly end: Expr;
    readonly body: readonly Stmt[];
  }
  | { readonly t: "return"; readonly expr: Expr }
  | { readonly t: "print"; readonly expr: Expr };

/** A function definition. */
export interface Func {
  /** Function name. */
  readonly name: string;
  /** Parameter names. */
  readonly params: readonly string[];
  /** Body. */
  readonly body: readonly Stmt[];
}

const PREC: Readonly<Record<BinOp, number>> = {
  "or": 1,
  "and": 2,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "==": 4,
  "!=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "//": 6,
  "%": 6,
};

/** Built-in functions: pyla name -> curly name. */
export const BUILTINS: Readonly<Record<string, string>> = {
  abs: "abs",
  min: "min",
  max: "max",
};

function prec(e: Expr): number {
  switch (e.t) {
    case "bin":
      return e.op === "//" ? 6 : PREC[e.op];
    case "not":
      return 3;
    case "neg":
      return 7;
    default:
      return 9;
  }
}

function pylaExpr(e: Expr, min = 0): string {
  let s: string;
  switch (e.t) {
    case "num":
      s = String(e.value);
      break;
    case "bool":
      s = e.value ? "True" : "False";
      break;
    case "var":
      s = e.name;
      break;
    case "not":
      s = `not ${pylaExpr(e.expr, 3)}`;
      break;
    case "neg":
      s = `-${pylaExpr(e.expr, 8)}`;
      break;
    case "call":
      s = `${e.fn}(${e.args.map((a) => pylaExpr(a)).join(", ")})`;
      break;
    case "bin": {
      const p = PREC[e.op];
      // Comparisons do not chain: parenthesise comparison operands of comparisons.
      const lmin = p === 4 ? 5 : p;
      s = `${pylaExpr(e.left, lmin)} ${e.op} ${pylaExpr(e.right, p + 1)}`;
    }
  }
  return prec(e) < min ? `(${s})` : s;
}

const CURLY_OP: Readonly<Record<BinOp, string>> = {
  "+": "+",
  "-": "-",
  "*": "*",
  "//": "/",
  "%": "%",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "==": "==",
  "!=": "!=",
  "and": "&&",
  "or": "||",
};

function curlyExpr(e: Expr, min = 0): string {
  let s: string;
  let own = prec(e);
  switch (e.t) {
    case "num":
      s = String(e.value);
      break;
    case "bool":
      s = e.value ? "true" : "false";
      break;
    case "var":
      s = e.name;
      break;
    case "not":
      // `!` binds tightest in curly: its operand needs brackets unless atomic.
      s = `!${curlyExpr(e.expr, 8)}`;
      own = 7;
      break;
    case "neg":
      s = `-${curlyExpr(e.expr, 8)}`;
      break;
    case "call":
      s = `${BUILTINS[e.fn] ?? e.fn}(${e.args.map((a) => curlyExpr(a)).join(", ")})`;
      break;
    case "bin":
      if (e.op === "//") {
        // Floor division is a call in curly.
        s = `idiv(${curlyExpr(e.left)}, ${curlyExpr(e.right)})`;
        own = 9;
        break;
      }
      {
        const p = PREC[e.op];
        const lmin = p === 4 ? 5 : p;
        s = `${curlyExpr(e.left, lmin)} ${CURLY_OP[e.op]} ${curlyExpr(e.right, p + 1)}`;
      }
  }
  return own < min ? `(${s})` : s;
}

function pylaBlock(body: readonly Stmt[], depth: number): string[] {
  const pad = "    ".repeat(depth);
  const out: string[] = [];
  for (const s of body) {
    switch (s.t) {
      case "assign":
        out.push(`${pad}${s.name} = ${pylaExpr(s.expr)}`);
        break;
      case "aug":
        out.push(`${pad}${s.name} ${s.op}= ${pylaExpr(s.expr)}`);
        break;
      case "return":
        out.push(`${pad}return ${pylaExpr(s.expr)}`);
        break;
      case "print":
        out.push(`${pad}print(${pylaExpr(s.expr)})`);
        break;
      case "while":
        out.push(`${pad}while ${pylaExpr(s.cond)}:`, ...pylaBlock(s.body, depth + 1));
        break;
      case "for":
        out.push(
          `${pad}for ${s.name} in range(${pylaExpr(s.start)}, ${pylaExpr(s.end)}):`,
          ...pylaBlock(s.body, depth + 1),
        );
        break;
      case "if":
        s.branches.forEach((b, i) => {
          out.push(
            `${pad}${i === 0 ? "if" : "elif"} ${pylaExpr(b.cond)}:`,
            ...pylaBlock(b.body, depth + 1),
          );
        });
        if (s.orelse.length > 0) out.push(`${pad}else:`, ...pylaBlock(s.orelse, depth + 1));
    }
  }
  return out;
}

/** Prints a function as pyla (4-space indentation, no trailing newline). */
export function printPyla(f: Func): string {
  return [`def ${f.name}(${f.params.join(", ")}):`, ...pylaBlock(f.body, 1)].join("\n");
}

function curlyBlock(body: readonly Stmt[], depth: number, declared: Set<string>): string[] {
  const pad = "  ".repeat(depth);
  const out: string[] = [];
  for (const s of body) {
    switch (s.t) {
      case "assign": {
        const decl = declared.has(s.name) ? "" : "let ";
        declared.add(s.name);
        out.push(`${pad}${decl}${s.name} = ${curlyExpr(s.expr)};`);
        break;
      }
      case "aug":
        out.push(`${pad}${s.name} ${s.op}= ${curlyExpr(s.expr)};`);
        break;
      case "return":
        out.push(`${pad}return ${curlyExpr(s.expr)};`);
        break;
      case "print":
        out.push(`${pad}emit(${curlyExpr(s.expr)});`);
        break;
      case "while":
        out.push(
          `${pad}while (${curlyExpr(s.cond)}) {`,
          ...curlyBlock(s.body, depth + 1, new Set(declared)),
          `${pad}}`,
        );
        break;
      case "for":
        out.push(
          `${pad}for (let ${s.name} = ${curlyExpr(s.start)}; ${s.name} < ${
            curlyExpr(s.end)
          }; ${s.name} += 1) {`,
          ...curlyBlock(s.body, depth + 1, new Set([...declared, s.name])),
          `${pad}}`,
        );
        break;
      case "if": {
        s.branches.forEach((b, i) => {
          const head = `${i === 0 ? `${pad}if` : `${pad}} else if`} (${curlyExpr(b.cond)}) {`;
          out.push(head, ...curlyBlock(b.body, depth + 1, new Set(declared)));
        });
        if (s.orelse.length > 0) {
          out.push(`${pad}} else {`, ...curlyBlock(s.orelse, depth + 1, new Set(declared)));
        }
        out.push(`${pad}}`);
      }
    }
  }
  return out;
}

/** Prints a function as curly (2-space indentation, braces, `let` on first assignment). */
export function printCurly(f: Func): string {
  const declared = new Set(f.params);
  return [`fn ${f.name}(${f.params.join(", ")}) {`, ...curlyBlock(f.body, 1, declared), "}"].join(
    "\n",
  );
}
