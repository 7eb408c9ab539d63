/**
 * What the engine reads: a sheet as a grid of cell values, as either adapter gives it.
 * - Office.js gives numbers, strings and booleans, dates as serial numbers, errors as "#REF!" strings and
 *   empty cells as "".
 * - exceljs gives JS Dates for date cells; its adapter turns formulas into their cached results, rich text into
 *   plain text and error objects into their "#REF!" strings.
 */
import type { ColIndex, RowIndex } from "./coords";
import { colIndexOf, excelColOf, excelRowOf } from "./coords";

export type CellValue = string | number | boolean | Date | null | undefined;

export interface SheetGrid {
  name: string;
  /** Hidden and very hidden sheets are not read. */
  visible: boolean;
  /** The sheet row of values[0] (a used range may not start at A1). */
  rowOffset: RowIndex;
  /** The sheet column of values[r][0]. */
  colOffset: ColIndex;
  values: readonly (readonly CellValue[])[];
  /**
   * True when every cell is text by nature (a CSV file), so an amount or date written as text is normal there
   * and not worth a warning.
   */
  textOnly?: boolean;
  /** Number formats parallel to values, where the host gives them (used to tell a date serial from a number). */
  numberFormats?: readonly (readonly (string | null | undefined)[])[];
  /**
   * The cells that hold a formula, whatever their result, where the host says: index into `values` → indexes
   * into that row. A formula whose result is "" reads as an empty cell, but the cell is the user's: it is never
   * empty space for a column the tool adds.
   */
  formulas?: ReadonlyMap<number, ReadonlySet<number>>;
  /**
   * Merged areas (sheet row and column of the top-left cell, and size), where the host says: an amount merged
   * over two item rows is named and counted for neither. The covered cells read as empty, as both hosts give them.
   */
  merges?: readonly { row: RowIndex; col: ColIndex; rows: number; cols: number }[];
  /**
   * True when the sheet holds something of the user's beyond cell values (a picture, chart, shape, comment, table,
   * control, validation, conditional format, merge), where the host says: such a sheet is never empty, so it is
   * never taken for one of the tool's sheets that a stopped run left empty (own-sheets.ts).
   */
  objects?: boolean;
}

/** Whether the grid's cell values[r][c] holds a formula (as far as the host said). */
export function hasFormula(grid: SheetGrid, r: number, c: number): boolean {
  return grid.formulas?.get(r)?.has(c) ?? false;
}

export interface WorkbookInput {
  sheets: SheetGrid[];
}

/** "A", "Z", "AA" ... of a sheet column. */
export function columnLetters(col: ColIndex): string {
  let n: number = excelColOf(col);
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The sheet column of "A", "AA" ... */
export function columnIndex(letters: string): ColIndex {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return colIndexOf(n);
}

/** "H14" of a sheet row and column. */
export function cellAddress(row: RowIndex, col: ColIndex): string {
  return `${columnLetters(col)}${excelRowOf(row)}`;
}

/** A sheet name as Excel writes it in a reference: quoted when it has anything but letters, digits, _ and . */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Excel's error values, as Office.js and the exceljs adapter give them. */
const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

export function isExcelError(value: CellValue): boolean {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.charCodeAt(0) === 35 &&
    EXCEL_ERRORS.has(value.trim())
  );
}

/**
 * No value: an empty cell or a string of white space only. A cell holding a formula may read as blank here (its
 * result ""): callers that must not take it for empty check the grid's formulas too (hasFormula).
 */
export function isBlank(value: CellValue): boolean {
  return value == null || (typeof value === "string" && value.trim() === "");
}
