/**
 * A sheet laid on its side (field names down the first column, one project per column), turned so that each
 * project is a row and the engine reads it as any other sheet; cell addresses in its issues are turned back.
 */
import type { ColIndex, RowIndex } from "../coords";
import { rowIndexOf } from "../coords";
import type { CellValue, SheetGrid } from "../grid";
import { cellAddress, columnIndex } from "../grid";

/** On the turned sheet a column of the sheet is a row, and a row a column. */
const turnedRow = (col: ColIndex): RowIndex => col as number;
const turnedCol = (row: RowIndex): ColIndex => row as number;

export function transposeGrid(grid: SheetGrid): SheetGrid {
  const rows = grid.values.length;
  let cols = 0;
  for (const r of grid.values) if (r.length > cols) cols = r.length;
  const values: CellValue[][] = [];
  for (let c = 0; c < cols; c++) {
    const row: CellValue[] = new Array<CellValue>(rows);
    for (let r = 0; r < rows; r++) row[r] = grid.values[r]?.[c] ?? null;
    values.push(row);
  }
  const out: SheetGrid = {
    name: grid.name,
    visible: grid.visible,
    rowOffset: turnedRow(grid.colOffset),
    colOffset: turnedCol(grid.rowOffset),
    values,
  };
  if (grid.textOnly !== undefined) out.textOnly = grid.textOnly;
  const f = grid.numberFormats;
  if (f) {
    const formats: (string | null | undefined)[][] = [];
    for (let c = 0; c < cols; c++) {
      const row: (string | null | undefined)[] = new Array<string | null | undefined>(rows);
      for (let r = 0; r < rows; r++) row[r] = f[r]?.[c] ?? null;
      formats.push(row);
    }
    out.numberFormats = formats;
  }
  return out;
}

/** "C5" read on the turned sheet is "E3" on the sheet as it is. */
export function untransposeAddress(cell: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return cell;
  return cellAddress(turnedRow(columnIndex(m[1]!)), turnedCol(rowIndexOf(Number(m[2]))));
}
