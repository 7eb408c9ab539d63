import { parseAddress } from "./address";
import type { CellFormat, CellScalar } from "./cells";
import { EXCEL_ERROR_VALUES } from "./cells";
import { normalizeColor } from "./colors";
import { serialFromYmd } from "./coerce";
import type { SheetVisibility, WorkbookOptions } from "./workbook";
import { WorkbookModel } from "./workbook";

/**
 * Hand-made workbooks for tests. Values are stored as given (no typing rules): strings stay text, "#REF!"-like
 * strings become error values, JS Dates become date serials (format dd/mm/yyyy unless given). A cell object can
 * carry a formula (with its cached value), a number format and formatting.
 */

export type GridCellSpec =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | {
      value?: string | number | boolean | Date | null;
      formula?: string;
      numberFormat?: string;
      quotePrefix?: boolean;
      fill?: string;
      fontColor?: string;
      bold?: boolean;
      italic?: boolean;
      wrapText?: boolean;
    };

export interface GridSheetSpec {
  name: string;
  rows: GridCellSpec[][];
  visibility?: SheetVisibility;
  tabColor?: string;
  /** Points, by 0-based column. */
  columnWidths?: Record<number, number>;
  /** A1 addresses of merged areas. */
  merges?: string[];
  freezeRows?: number;
  /** 0-based rows hidden (by hand or by a filter). */
  hiddenRows?: number[];
}

function scalarOf(v: string | number | boolean | Date | null | undefined): {
  value: CellScalar;
  date: boolean;
} {
  if (v === null || v === undefined) return { value: "", date: false };
  if (v instanceof Date) {
    return { value: serialFromYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()), date: true };
  }
  if (typeof v === "string" && EXCEL_ERROR_VALUES.has(v)) return { value: { error: v }, date: false };
  return { value: v, date: false };
}

/** `{ Sheet1: [["a", 1]], Data: [...] }` or a list of sheet specs (for visibility, widths, merges ...). */
export function workbookModelFromGrid(
  sheets: Record<string, GridCellSpec[][]> | GridSheetSpec[],
  options: WorkbookOptions = {},
): WorkbookModel {
  const wb = new WorkbookModel(options);
  const specs: GridSheetSpec[] = Array.isArray(sheets)
    ? sheets
    : Object.entries(sheets).map(([name, rows]) => ({ name, rows }));
  for (const spec of specs) {
    const sheet = wb.addSheet(spec.name);
    spec.rows.forEach((row, r) =>
      row.forEach((raw, c) => {
        if (raw === null || raw === undefined) return;
        const cellSpec = typeof raw === "object" && !(raw instanceof Date) ? raw : { value: raw };
        const cell = wb.writableCell(sheet, r, c);
        const { value, date } = scalarOf(cellSpec.value);
        cell.value = value;
        if (date) cell.numberFormat = "dd/mm/yyyy";
        if (cellSpec.formula)
          cell.formula = cellSpec.formula.startsWith("=") ? cellSpec.formula : `=${cellSpec.formula}`;
        if (cellSpec.numberFormat) cell.numberFormat = cellSpec.numberFormat;
        if (cellSpec.quotePrefix) cell.quotePrefix = true;
        const f: Partial<CellFormat> = {};
        if (cellSpec.fill) f.fill = normalizeColor(cellSpec.fill);
        if (cellSpec.fontColor) f.fontColor = normalizeColor(cellSpec.fontColor);
        if (cellSpec.bold !== undefined) f.bold = cellSpec.bold;
        if (cellSpec.italic !== undefined) f.italic = cellSpec.italic;
        if (cellSpec.wrapText !== undefined) f.wrapText = cellSpec.wrapText;
        Object.assign(cell.format, f);
      }),
    );
    for (const [col, width] of Object.entries(spec.columnWidths ?? {}))
      sheet.columnWidths.set(Number(col), width);
    for (const m of spec.merges ?? []) {
      const parsed = parseAddress(m);
      if (!parsed) throw new Error(`workbookModelFromGrid: bad merge address ${m}`);
      sheet.merges.push(parsed.rect);
    }
    if (spec.freezeRows) sheet.freeze = { rows: spec.freezeRows, cols: 0 };
    if (spec.hiddenRows) sheet.hiddenRows = new Set(spec.hiddenRows);
    if (spec.tabColor) sheet.tabColor = normalizeColor(spec.tabColor);
    wb.compact(sheet);
  }
  // Visibility last: a workbook keeps one visible sheet, so hide only after all sheets exist.
  for (const spec of specs) {
    if (spec.visibility && spec.visibility !== "Visible")
      wb.setVisibility(wb.findSheet(spec.name)!.id, spec.visibility);
  }
  return wb;
}
