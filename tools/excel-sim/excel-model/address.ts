/**
 * A1 addresses: parsing what Excel accepts in `getRange(address)` and writing addresses as `Range.address` gives
 * them ("Sheet1!A1:B2", "'My Sheet'!C:C", "Sheet1!3:3").
 * Grid limits: 1,048,576 rows by 16,384 columns (XFD) — "Excel specifications and limits",
 * https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A block of cells, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ParsedAddress {
  /** The sheet named in the address (unquoted), or null when the address has none. */
  sheet: string | null;
  rect: Rect;
}

/** "A", "Z", "AA" ... from a 0-based column index. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index from "A", "AA" ...; -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellName(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * A sheet name as Excel writes it in a reference: bare when it is a plain identifier, quoted (with ' doubled)
 * otherwise — names with spaces or punctuation, names starting with a digit, and names that read as a cell
 * reference ("A1", "R1C1") are quoted.
 */
export function quoteSheetName(name: string): string {
  const plain =
    /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*([Cc]\d*)?$/.test(name) &&
    !/^[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The A1 text of a block without a sheet: "B3", "A1:C4", "C:C", "2:5", whole sheet "1:1048576". */
export function formatRect(rect: Rect): string {
  const fullHeight = rect.row === 0 && rect.rows === MAX_ROWS;
  const fullWidth = rect.col === 0 && rect.cols === MAX_COLS;
  if (fullHeight && !fullWidth) {
    return `${columnLetters(rect.col)}:${columnLetters(rect.col + rect.cols - 1)}`;
  }
  if (fullWidth) return `${rect.row + 1}:${rect.row + rect.rows}`;
  const first = cellName(rect.row, rect.col);
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${cellName(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

/** "Sheet1!A1:B2" as `Range.address` gives it. */
export function qualifiedAddress(sheetName: string, rect: Rect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect)}`;
}

/** "$A$1:$B$2" (absolute, as name references and print areas are written). */
export function absoluteRect(rect: Rect): string {
  const fullHeight = rect.row === 0 && rect.rows === MAX_ROWS;
  const fullWidth = rect.col === 0 && rect.cols === MAX_COLS;
  if (fullHeight && !fullWidth) {
    return `$${columnLetters(rect.col)}:$${columnLetters(rect.col + rect.cols - 1)}`;
  }
  if (fullWidth) return `$${rect.row + 1}:$${rect.row + rect.rows}`;
  const a = `$${columnLetters(rect.col)}$${rect.row + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return a;
  return `${a}:$${columnLetters(rect.col + rect.cols - 1)}$${rect.row + rect.rows}`;
}

type Part =
  { kind: "cell"; row: number; col: number } | { kind: "col"; col: number } | { kind: "row"; row: number };

function parsePart(text: string): Part | null {
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text);
  if (cell) {
    const col = columnIndex(cell[1]!);
    const row = Number(cell[2]) - 1;
    if (col < 0 || col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return null;
    return { kind: "cell", row, col };
  }
  const col = /^\$?([A-Za-z]{1,3})$/.exec(text);
  if (col) {
    const c = columnIndex(col[1]!);
    return c >= 0 && c < MAX_COLS ? { kind: "col", col: c } : null;
  }
  const row = /^\$?(\d{1,7})$/.exec(text);
  if (row) {
    const r = Number(row[1]) - 1;
    return r >= 0 && r < MAX_ROWS ? { kind: "row", row: r } : null;
  }
  return null;
}

/** Splits "Sheet1!A1" / "'My ''x'' sheet'!A1" into sheet and the rest; sheet null when there is no "!". */
export function splitSheet(address: string): { sheet: string | null; ref: string } | null {
  const text = address.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (text[i] !== "'" || text[i + 1] !== "!") return null;
    return { sheet: name, ref: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { sheet: null, ref: text };
  return { sheet: text.slice(0, bang), ref: text.slice(bang + 1) };
}

/** Parses an A1 reference to one block of cells; null when it is not one (names are resolved elsewhere). */
export function parseAddress(address: string): ParsedAddress | null {
  const split = splitSheet(address);
  if (!split) return null;
  const parts = split.ref.split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parsePart(parts[0]!);
  const b = parts.length === 2 ? parsePart(parts[1]!) : a;
  if (!a || !b || a.kind !== b.kind) return null;
  let rect: Rect;
  if (a.kind === "cell" && b.kind === "cell") {
    const row = Math.min(a.row, b.row);
    const col = Math.min(a.col, b.col);
    rect = { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
  } else if (a.kind === "col" && b.kind === "col") {
    if (parts.length === 1) return null; // "A" alone is a name, not a column
    rect = { row: 0, col: Math.min(a.col, b.col), rows: MAX_ROWS, cols: Math.abs(a.col - b.col) + 1 };
  } else if (a.kind === "row" && b.kind === "row") {
    if (parts.length === 1) return null; // "3" alone is not a reference
    rect = { row: Math.min(a.row, b.row), col: 0, rows: Math.abs(a.row - b.row) + 1, cols: MAX_COLS };
  } else {
    return null;
  }
  return { sheet: split.sheet, rect };
}

export function rectContains(outer: Rect, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && col >= outer.col && col < outer.col + outer.cols;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function rectInside(inner: Rect, outer: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function rectIntersection(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  if (rowEnd <= row || colEnd <= col) return null;
  return { row, col, rows: rowEnd - row, cols: colEnd - col };
}

export function isValidRect(rect: Rect): boolean {
  return (
    Number.isInteger(rect.row) &&
    Number.isInteger(rect.col) &&
    Number.isInteger(rect.rows) &&
    Number.isInteger(rect.cols) &&
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows >= 1 &&
    rect.cols >= 1 &&
    rect.row + rect.rows <= MAX_ROWS &&
    rect.col + rect.cols <= MAX_COLS
  );
}
