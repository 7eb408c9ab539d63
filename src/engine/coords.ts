/**
 * Rows and columns of a sheet, each kind its own type, with one pair of conversions each:
 *
 *   RowIndex  a sheet row counted from 0 (Excel's row 1 is 0): the grid offsets, the plan, the Office.js API
 *   ExcelRow  a row as Excel numbers it, from 1: an item's row, a skipped row, "H14", the XML's <row r="14">
 *   ColIndex  a sheet column counted from 0 (A is 0): column mappings, the plan, the Office.js API
 *   ExcelCol  a column as Excel numbers it, from 1 (A is 1): the XML's <col min max>
 *
 * The types are flavours of number: a plain number (a literal, a sum) is taken as any of them, so code that
 * builds rows from arithmetic compiles as it is, but a number of one kind is refused where the other is wanted
 * (an item's ExcelRow passed to cellAddress, which takes a RowIndex, fails typecheck). Cross between the kinds
 * only with the conversions below; tests/engine/coords.test.ts shows the refusals.
 *
 * Indexes into a grid's `values` (before its rowOffset / colOffset are added) are plain numbers.
 */

/** A sheet row counted from 0: Excel's row 1 is 0. */
export type RowIndex = number & { readonly __brand?: "RowIndex" };
/** A row as Excel numbers it, counted from 1. */
export type ExcelRow = number & { readonly __brand?: "ExcelRow" };
/** A sheet column counted from 0: column A is 0. */
export type ColIndex = number & { readonly __brand?: "ColIndex" };
/** A column as Excel numbers it, counted from 1: column A is 1. */
export type ExcelCol = number & { readonly __brand?: "ExcelCol" };

/** Excel's row number of a 0-based sheet row. */
export function excelRowOf(row: RowIndex): ExcelRow {
  return (row + 1) as ExcelRow;
}

/** The 0-based sheet row of Excel's row number. */
export function rowIndexOf(row: ExcelRow): RowIndex {
  return (row - 1) as RowIndex;
}

/** Excel's column number (A is 1) of a 0-based sheet column. */
export function excelColOf(col: ColIndex): ExcelCol {
  return (col + 1) as ExcelCol;
}

/** The 0-based sheet column of Excel's column number (A is 1). */
export function colIndexOf(col: ExcelCol): ColIndex {
  return (col - 1) as ColIndex;
}
