/**
 * What the preview page shows of the simulated workbook: each sheet's used range as Excel would display it
 * (cell text through the number format), with fills, bold and the frozen rows. Plain data; the page builds
 * the tables with textContent.
 */
import { columnLetters } from "../excel-model/address";
import { DEFAULT_COLUMN_WIDTH } from "../excel-model/cells";
import { readText, usedRect } from "../excel-model/range-ops";
import type { WorkbookModel } from "../excel-model/workbook";
import { keyToCell } from "../excel-model/workbook";

export interface SheetView {
  name: string;
  visibility: string;
  /** First row and column shown (0-based), for the row numbers and column letters. */
  row: number;
  col: number;
  columns: string[];
  text: string[][];
  /** "#RRGGBB" or null, per cell shown. */
  fill: (string | null)[][];
  fontColor: string[][];
  bold: boolean[][];
  /** Column widths in CSS pixels (Excel's points × 4/3). */
  widths: number[];
  /** Merged areas within the view (0-based). */
  merges: { row: number; col: number; rows: number; cols: number }[];
  /** Rows and columns beyond the view's limits. */
  truncated: boolean;
  charts: string[];
}

export interface WorkbookView {
  /** Batches the host has answered: the page redraws when it changes. */
  batches: number;
  activeSheet: string;
  sheets: SheetView[];
}

const MAX_ROWS_SHOWN = 300;
const MAX_COLS_SHOWN = 40;

export function workbookView(model: WorkbookModel, batches: number): WorkbookView {
  return {
    batches,
    activeSheet: model.sheets.find((s) => s.id === model.activeSheetId)?.name ?? model.sheets[0]?.name ?? "",
    sheets: model.sheets.map((sheet): SheetView => {
      const used = usedRect(sheet, false);
      const charts = sheet.charts.map((c) => `${c.name} (${c.chartType}${c.title ? `: ${c.title}` : ""})`);
      if (!used) {
        return {
          name: sheet.name,
          visibility: sheet.visibility,
          row: 0,
          col: 0,
          columns: [],
          text: [],
          fill: [],
          fontColor: [],
          bold: [],
          widths: [],
          merges: [],
          truncated: false,
          charts,
        };
      }
      // From A1, so the row numbers and column letters read as in Excel.
      const rows = Math.min(used.row + used.rows, MAX_ROWS_SHOWN);
      const cols = Math.min(used.col + used.cols, MAX_COLS_SHOWN);
      const rect = { row: 0, col: 0, rows, cols };
      const text = readText(sheet, rect);
      const fill = text.map((r) => r.map((): string | null => null));
      const fontColor = text.map((r) => r.map(() => ""));
      const bold = text.map((r) => r.map(() => false));
      for (const [key, cell] of sheet.cells) {
        const { row, col } = keyToCell(key);
        if (row >= rows || col >= cols) continue;
        fill[row]![col] = cell.format.fill;
        fontColor[row]![col] = cell.format.fontColor;
        bold[row]![col] = cell.format.bold;
      }
      return {
        name: sheet.name,
        visibility: sheet.visibility,
        row: 0,
        col: 0,
        columns: Array.from({ length: cols }, (_, i) => columnLetters(i)),
        text,
        fill,
        fontColor,
        bold,
        widths: Array.from({ length: cols }, (_, c) =>
          Math.round(((sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH) * 4) / 3),
        ),
        merges: sheet.merges
          .filter((m) => m.row < rows && m.col < cols)
          .map((m) => ({
            row: m.row,
            col: m.col,
            rows: Math.min(m.rows, rows - m.row),
            cols: Math.min(m.cols, cols - m.col),
          })),
        truncated: used.row + used.rows > rows || used.col + used.cols > cols,
        charts,
      };
    }),
  };
}
