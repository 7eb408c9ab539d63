import type { CellScalar, ErrorValue } from "./cells";
import { isErrorValue } from "./cells";
import type { Rect } from "./address";
import { parseAddress, quoteSheetName } from "./address";

/**
 * Formulas without a calculation engine: a syntax check (Excel refuses to store a formula it cannot parse),
 * a small evaluator for the formulas tests write (constants, references, arithmetic, comparisons, & and a
 * dozen common functions), and the rewriting Excel does to references when a sheet is renamed or deleted
 * (=Sheet2!A1 becomes =#REF!A1 when Sheet2 is deleted).
 */

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "err"; v: string }
  | { t: "ref"; sheet: string | null; text: string }
  | { t: "id"; v: string }
  | { t: "op"; v: string }
  | { t: "("; v: "(" }
  | { t: ")"; v: ")" }
  | { t: ","; v: "," };

const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?`;
const COLS = String.raw`\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}`;
const ROWS = String.raw`\$?\d+:\$?\d+`;
const REF_RE = new RegExp(String.raw`^(${SHEET})?(${CELL}|${COLS}|${ROWS})(?![A-Za-z0-9_(])`);
const ERR_RE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)/;

function unquoteSheet(prefix: string): string {
  const s = prefix.slice(0, -1);
  return s.startsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === " " || ch === "\n") {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= src.length) return null;
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j];
        j++;
      }
      out.push({ t: "str", v: s });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    const err = ERR_RE.exec(rest);
    if (err) {
      // "#REF!A1" (a deleted sheet's reference) evaluates to #REF!
      const after = rest.slice(err[0].length);
      const ref = /^(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/.exec(after);
      out.push({ t: "err", v: err[0] });
      i += err[0].length + (ref ? ref[0].length : 0);
      continue;
    }
    const ref = REF_RE.exec(rest);
    if (ref && (ref[1] || !/^[A-Za-z]{1,3}\d+[A-Za-z_.]/.test(rest))) {
      out.push({ t: "ref", sheet: ref[1] ? unquoteSheet(ref[1]) : null, text: ref[2]! });
      i += ref[0].length;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_\\][A-Za-z0-9_.]*/.exec(rest);
    if (id) {
      out.push({ t: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>%])/.exec(rest);
    if (op) {
      out.push({ t: "op", v: op[0] });
      i += op[0].length;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      out.push({ t: ch, v: ch } as Token);
      i++;
      continue;
    }
    return null;
  }
  return out;
}

type Node =
  | { k: "lit"; v: CellScalar }
  | { k: "ref"; sheet: string | null; text: string }
  | { k: "name"; v: string }
  | { k: "call"; fn: string; args: Node[] }
  | { k: "un"; op: string; a: Node }
  | { k: "bin"; op: string; a: Node; b: Node };

const BIN_PREC: Record<string, number> = {
  "=": 1,
  "<>": 1,
  "<": 1,
  ">": 1,
  "<=": 1,
  ">=": 1,
  "&": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "^": 5,
};

function parse(tokens: Token[]): Node | null {
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  function primary(): Node | null {
    const tk = tokens[p++];
    if (!tk) return null;
    switch (tk.t) {
      case "num":
        return { k: "lit", v: tk.v };
      case "str":
        return { k: "lit", v: tk.v };
      case "err":
        return { k: "lit", v: { error: tk.v } };
      case "ref":
        return { k: "ref", sheet: tk.sheet, text: tk.text };
      case "op":
        if (tk.v === "-" || tk.v === "+") {
          const a = unary();
          return a ? { k: "un", op: tk.v, a } : null;
        }
        return null;
      case "(": {
        const e = expr(0);
        if (!e || peek()?.t !== ")") return null;
        p++;
        return e;
      }
      case "id": {
        if (peek()?.t === "(") {
          p++;
          const args: Node[] = [];
          if (peek()?.t === ")") {
            p++;
            return { k: "call", fn: tk.v.toUpperCase(), args };
          }
          for (;;) {
            const a = expr(0);
            if (!a) return null;
            args.push(a);
            const nx = tokens[p++];
            if (nx?.t === ")") break;
            if (nx?.t !== ",") return null;
          }
          return { k: "call", fn: tk.v.toUpperCase(), args };
        }
        const up = tk.v.toUpperCase();
        if (up === "TRUE" || up === "FALSE") return { k: "lit", v: up === "TRUE" };
        return { k: "name", v: tk.v };
      }
      default:
        return null;
    }
  }
  function unary(): Node | null {
    let a = primary();
    for (let tk = peek(); a && tk?.t === "op" && tk.v === "%"; tk = peek()) {
      p++;
      a = { k: "bin", op: "/", a, b: { k: "lit", v: 100 } };
    }
    return a;
  }
  function expr(minPrec: number): Node | null {
    let a = unary();
    while (a) {
      const tk = peek();
      if (!tk || tk.t !== "op") break;
      const prec = BIN_PREC[tk.v];
      if (prec === undefined || prec < minPrec) break;
      p++;
      // All of Excel's binary operators associate to the left (2^3^2 = 64).
      const b = expr(prec + 1);
      if (!b) return null;
      a = { k: "bin", op: tk.v, a, b };
    }
    return a;
  }
  const node = expr(0);
  return node && p === tokens.length ? node : null;
}

/** Whether Excel could store this formula (balanced quotes and brackets, a parseable expression). */
export function checkFormulaSyntax(formula: string): boolean {
  if (!formula.startsWith("=")) return false;
  const tokens = tokenize(formula.slice(1));
  return tokens !== null && tokens.length > 0 && parse(tokens) !== null;
}

export interface EvalEnv {
  /** A cell's value; sheet null = the formula's own sheet. Returns an error value for a missing sheet. */
  cell(sheet: string | null, row: number, col: number): CellScalar;
  /** A defined name: a reference, or null when no such name exists. */
  name(name: string): { sheet: string | null; rect: Rect } | null;
}

type Val = CellScalar | { range: CellScalar[][] };

class Unsupported extends Error {}

const err = (e: string): ErrorValue => ({ error: e });

function scalar(v: Val): CellScalar {
  if (typeof v === "object" && "range" in v) {
    const r = v.range;
    return r.length === 1 && r[0]!.length === 1 ? r[0]![0]! : err("#VALUE!");
  }
  return v;
}

function toNumber(v: CellScalar): number | ErrorValue {
  if (isErrorValue(v)) return v;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === "") return 0;
  const n = Number(v.trim());
  return v.trim() !== "" && Number.isFinite(n) ? n : err("#VALUE!");
}

function flatten(vals: Val[]): { values: CellScalar[]; fromRange: boolean[] } {
  const values: CellScalar[] = [];
  const fromRange: boolean[] = [];
  for (const v of vals) {
    if (typeof v === "object" && "range" in v) {
      for (const row of v.range)
        for (const c of row) {
          values.push(c);
          fromRange.push(true);
        }
    } else {
      values.push(v);
      fromRange.push(false);
    }
  }
  return { values, fromRange };
}

function numbersOf(vals: Val[]): number[] | ErrorValue {
  const { values, fromRange } = flatten(vals);
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (isErrorValue(v)) return v;
    if (fromRange[i]) {
      if (typeof v === "number") out.push(v);
    } else {
      const n = toNumber(v);
      if (isErrorValue(n)) return n;
      out.push(n);
    }
  }
  return out;
}

function truthy(v: CellScalar): boolean | ErrorValue {
  if (isErrorValue(v)) return v;
  if (typeof v === "string") {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v) || v === "") return false;
    return err("#VALUE!");
  }
  return Boolean(v);
}

const FUNCTIONS: Record<string, (args: Val[]) => CellScalar> = {
  SUM: (a) => {
    const n = numbersOf(a);
    return isErrorValue(n) ? n : n.reduce((s, x) => s + x, 0);
  },
  MIN: (a) => {
    const n = numbersOf(a);
    return isErrorValue(n) ? n : n.length ? Math.min(...n) : 0;
  },
  MAX: (a) => {
    const n = numbersOf(a);
    return isErrorValue(n) ? n : n.length ? Math.max(...n) : 0;
  },
  AVERAGE: (a) => {
    const n = numbersOf(a);
    if (isErrorValue(n)) return n;
    return n.length ? n.reduce((s, x) => s + x, 0) / n.length : err("#DIV/0!");
  },
  COUNT: (a) => flatten(a).values.filter((v) => typeof v === "number").length,
  COUNTA: (a) => flatten(a).values.filter((v) => v !== "").length,
  ABS: (a) => {
    const n = toNumber(scalar(a[0] ?? 0));
    return isErrorValue(n) ? n : Math.abs(n);
  },
  ROUND: (a) => {
    const n = toNumber(scalar(a[0] ?? 0));
    const d = toNumber(scalar(a[1] ?? 0));
    if (isErrorValue(n)) return n;
    if (isErrorValue(d)) return d;
    const f = 10 ** Math.trunc(d);
    return (Math.sign(n) * Math.round(Math.abs(n) * f)) / f;
  },
  IF: (a) => {
    const c = truthy(scalar(a[0] ?? false));
    if (isErrorValue(c)) return c;
    return c ? scalar(a[1] ?? true) : a.length > 2 ? scalar(a[2]!) : false;
  },
  AND: (a) => {
    for (const v of flatten(a).values) {
      const t = truthy(v);
      if (isErrorValue(t)) return t;
      if (!t) return false;
    }
    return true;
  },
  OR: (a) => {
    for (const v of flatten(a).values) {
      const t = truthy(v);
      if (isErrorValue(t)) return t;
      if (t) return true;
    }
    return false;
  },
  NOT: (a) => {
    const t = truthy(scalar(a[0] ?? false));
    return isErrorValue(t) ? t : !t;
  },
  CONCATENATE: (a) => a.map((v) => textOf(scalar(v))).join(""),
};

function textOf(v: CellScalar): string {
  if (isErrorValue(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function compare(a: CellScalar, b: CellScalar): number {
  const rank = (v: CellScalar): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase().localeCompare(b.toLowerCase());
  return Number(a) - Number(b);
}

function evalNode(node: Node, env: EvalEnv): Val {
  switch (node.k) {
    case "lit":
      return node.v;
    case "ref": {
      const parsed = parseAddress(node.text);
      if (!parsed) return err("#REF!");
      const { rect } = parsed;
      if (rect.rows * rect.cols > 100_000) throw new Unsupported();
      const range: CellScalar[][] = [];
      for (let r = 0; r < rect.rows; r++) {
        const row: CellScalar[] = [];
        for (let c = 0; c < rect.cols; c++) row.push(env.cell(node.sheet, rect.row + r, rect.col + c));
        range.push(row);
      }
      return { range };
    }
    case "name": {
      const target = env.name(node.v);
      if (!target) return err("#NAME?");
      return evalNode({ k: "ref", sheet: target.sheet, text: rectText(target.rect) }, env);
    }
    case "call": {
      const fn = FUNCTIONS[node.fn];
      if (!fn) throw new Unsupported();
      return fn(node.args.map((a) => evalNode(a, env)));
    }
    case "un": {
      const n = toNumber(scalar(evalNode(node.a, env)));
      return isErrorValue(n) ? n : node.op === "-" ? -n : n;
    }
    case "bin": {
      const a = scalar(evalNode(node.a, env));
      const b = scalar(evalNode(node.b, env));
      if (isErrorValue(a)) return a;
      if (isErrorValue(b)) return b;
      if (node.op === "&") return textOf(a) + textOf(b);
      if (["=", "<>", "<", ">", "<=", ">="].includes(node.op)) {
        const c = compare(
          a === "" && typeof b === "number" ? 0 : a,
          b === "" && typeof a === "number" ? 0 : b,
        );
        return { "=": c === 0, "<>": c !== 0, "<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0 }[node.op]!;
      }
      const x = toNumber(a);
      const y = toNumber(b);
      if (isErrorValue(x)) return x;
      if (isErrorValue(y)) return y;
      switch (node.op) {
        case "+":
          return x + y;
        case "-":
          return x - y;
        case "*":
          return x * y;
        case "/":
          return y === 0 ? err("#DIV/0!") : x / y;
        default:
          return x ** y;
      }
    }
  }
}

function rectText(rect: Rect): string {
  const a = `${colText(rect.col)}${rect.row + 1}`;
  return rect.rows === 1 && rect.cols === 1
    ? a
    : `${a}:${colText(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
}

function colText(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * The value of a formula; `supported: false` when it uses something the evaluator does not know (an unlisted
 * function), in which case the caller keeps the cached result (or 0 for a formula it wrote).
 */
export function evaluateFormula(formula: string, env: EvalEnv): { value: CellScalar; supported: boolean } {
  const tokens = tokenize(formula.slice(1));
  const node = tokens && parse(tokens);
  if (!node) return { value: err("#NAME?"), supported: true };
  try {
    const v = scalar(evalNode(node, env));
    if (typeof v === "number" && !Number.isFinite(v)) return { value: err("#NUM!"), supported: true };
    return { value: v, supported: true };
  } catch (e) {
    if (e instanceof Unsupported) return { value: 0, supported: false };
    throw e;
  }
}

/** Rewrites the sheet part of every reference outside string literals. */
function mapSheetRefs(formula: string, fn: (sheet: string) => string | null): string {
  const re = new RegExp(`"(?:[^"]|"")*"|(${SHEET})`, "g");
  return formula.replace(re, (whole, prefix: string | undefined) => {
    if (!prefix) return whole;
    const replaced = fn(unquoteSheet(prefix));
    return replaced === null ? whole : replaced;
  });
}

/** A formula after its sheet `from` was renamed to `to` (Excel updates every reference). */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  return mapSheetRefs(formula, (s) =>
    s.toLowerCase() === from.toLowerCase() ? `${quoteSheetName(to)}!` : null,
  );
}

/** A formula after its sheet `name` was deleted: =Sheet2!A1 becomes =#REF!A1, as in Excel. */
export function deleteSheetInFormula(formula: string, name: string): string {
  return mapSheetRefs(formula, (s) => (s.toLowerCase() === name.toLowerCase() ? "#REF!" : null));
}

/** A reference formula "=Sheet1!$A$1:$B$2" as sheet and block; null when it is not one plain reference. */
export function parseReferenceFormula(formula: string): { sheet: string | null; rect: Rect } | null {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  const parsed = parseAddress(body.trim());
  return parsed ? { sheet: parsed.sheet, rect: parsed.rect } : null;
}
