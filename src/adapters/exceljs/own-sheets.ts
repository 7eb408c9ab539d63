/**
 * Builds the tool's own sheets (Highlight Report, RAG History, Change Log) as worksheet parts with exceljs, in a
 * workbook of their own; the package writer then adds those parts to the user's package (see
 * src/adapters/node/write-package.ts). exceljs is loaded only when a run writes a workbook.
 */
import type ExcelJS from "exceljs";
import type { CellStyle, LayoutValue, SheetLayout } from "../../engine/plan";

const argb = (hex: string): string => "FF" + hex.replace("#", "").toUpperCase();

export interface BuiltPackage {
  /** The exceljs workbook as an .xlsx, one worksheet per layout in the order given. */
  data: Buffer;
}

/** Each layout as a worksheet of one new workbook; `values` passes through `value` first (date systems, Infinity). */
export async function buildOwnSheets(
  sheets: { layout: SheetLayout; name: string }[],
  value: (v: LayoutValue, format: string | null) => LayoutValue,
): Promise<BuiltPackage> {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  for (const s of sheets) renderSheet(wb, s.layout, s.name, value);
  const data = (await wb.xlsx.writeBuffer()) as unknown as Buffer;
  return { data: Buffer.from(data) };
}

function renderSheet(
  wb: ExcelJS.Workbook,
  layout: SheetLayout,
  name: string,
  value: (v: LayoutValue, format: string | null) => LayoutValue,
): void {
  const ws = wb.addWorksheet(name, {
    ...(layout.tabColor ? { properties: { tabColor: { argb: argb(layout.tabColor) } } } : {}),
    views: layout.freezeRows ? [{ state: "frozen", ySplit: layout.freezeRows }] : [{}],
  });
  layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  layout.rowHeights.forEach((h, r) => {
    if (h !== null) ws.getRow(r + 1).height = h;
  });
  // Each cell's effective style (later runs win) and number format, resolved first; cells that look alike then
  // share one exceljs style object, which exceljs recognises by identity when it writes.
  const cellStyles = new Map<number, CellStyle>();
  const key = (r: number, c: number) => r * 16384 + c;
  for (const run of layout.styles) {
    for (let r = run.row; r < run.row + run.rows; r++) {
      for (let c = run.col; c < run.col + run.cols; c++) {
        const k = key(r, c);
        const before = cellStyles.get(k);
        cellStyles.set(k, before ? { ...before, ...run.style } : run.style);
      }
    }
  }
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styleFor = (style: CellStyle | undefined, fmt: string | null): Partial<ExcelJS.Style> | null => {
    if (!style && fmt === null) return null;
    const id = JSON.stringify([style ?? null, fmt]);
    let out = shared.get(id);
    if (!out) {
      out = exceljsStyle(style ?? {}, fmt);
      shared.set(id, out);
    }
    return out;
  };
  const height = layout.values.length;
  const width = height > 0 ? layout.values[0]!.length : 0;
  for (let r = 0; r < height; r++) {
    const row = layout.values[r]!;
    const xrow = ws.getRow(r + 1);
    for (let c = 0; c < width; c++) {
      const fmt = layout.numberFormats[r]?.[c] ?? null;
      const v = value(row[c] ?? null, fmt);
      const style = styleFor(cellStyles.get(key(r, c)), fmt);
      if (v === null && style === null) continue;
      const cell = xrow.getCell(c + 1);
      if (v !== null) cell.value = v;
      if (style !== null) cell.style = style;
    }
  }
  for (const m of layout.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  if (layout.print) {
    const p = layout.print;
    // Print titles and the print area are workbook names: the package writer adds them (quoted correctly).
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: p.orientation,
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: p.fitToPagesWide,
      fitToHeight: 0,
    };
    if (p.footer) {
      const f = p.footer;
      ws.headerFooter = {
        oddFooter: `${f.left ? "&L" + f.left : ""}${f.center ? "&C" + f.center : ""}${f.right ? "&R" + f.right : ""}`,
      };
    }
  }
}

const DEFAULT_FONT = { name: "Calibri", family: 2, size: 11 } as const;
const THIN = { style: "thin" as const, color: { argb: "FFBFBFBF" } };

/** An exceljs style for a layout style and number format (a fresh object: callers share it between cells). */
function exceljsStyle(s: CellStyle, fmt: string | null): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (fmt !== null) out.numFmt = fmt;
  if (
    s.bold !== undefined ||
    s.italic !== undefined ||
    s.fontSize !== undefined ||
    s.fontColor !== undefined
  ) {
    out.font = {
      ...DEFAULT_FONT,
      ...(s.bold !== undefined ? { bold: s.bold } : {}),
      ...(s.italic !== undefined ? { italic: s.italic } : {}),
      ...(s.fontSize !== undefined ? { size: s.fontSize } : {}),
      ...(s.fontColor !== undefined ? { color: { argb: argb(s.fontColor) } } : {}),
    };
  }
  if (s.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.wrap !== undefined || s.hAlign || s.vAlign) {
    out.alignment = {
      ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
      ...(s.hAlign ? { horizontal: s.hAlign } : {}),
      ...(s.vAlign ? { vertical: s.vAlign === "center" ? "middle" : s.vAlign } : {}),
    };
  }
  if (s.border) out.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  return out;
}

/** A CSV's rows as a one-sheet workbook: figures and dates as numbers and dates, as Excel opens a CSV. */
export async function buildCsvWorkbook(
  name: string,
  rows: readonly (readonly (string | null)[])[],
): Promise<Buffer> {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((text, c) => {
      if (text === null) return;
      const typed = typedCsvValue(text);
      const cell = row.getCell(c + 1);
      cell.value = typed.value;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
    });
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

/** A CSV field as Excel (UK) types it when it opens the file: numbers, £ amounts, percentages, dd/mm/yyyy dates. */
export function typedCsvValue(text: string): { value: string | number | Date; numFmt?: string } {
  const t = text.trim();
  const money = /^(-)?£\s?(-)?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.exec(t);
  if (money) {
    const n = Number(t.replace(/[£,\s-]/g, "")) * (money[1] || money[2] ? -1 : 1);
    return { value: n, numFmt: /\./.test(t) ? '"£"#,##0.00' : '"£"#,##0' };
  }
  if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t) && !/^0\d/.test(t)) {
    return { value: Number(t.replace(/,/g, "")), ...(t.includes(",") ? { numFmt: "#,##0" } : {}) };
  }
  const pct = /^(-?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, numFmt: "0%" };
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (d) {
    const day = Number(d[1]);
    const month = Number(d[2]);
    const year = Number(d[3]);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900)
      return { value: date, numFmt: "dd/mm/yyyy" };
  }
  return { value: text };
}
