/**
 * Applies a write plan to an exceljs workbook (the command line's adapter). The same plan drives the Office.js
 * adapter, so the CLI and the add-in write the same cells.
 */
import type ExcelJS from "exceljs";
import type { CellStyle, RagCellValue, RagColumnWrite, SheetLayout, WritePlan } from "../../engine/plan";
import type { OwnSheetRole } from "../../engine/plan";
import { chooseSheetName, markerName, roleFromMarker, sheetFromReference } from "../../engine/own-sheets";
import { columnLetters, quoteSheetName } from "../../engine/grid";

/** exceljs orders sheets by this untyped field (0-based for loaded sheets). */
type Ordered = ExcelJS.Worksheet & { orderNo: number };
const order = (ws: ExcelJS.Worksheet): number => (ws as Ordered).orderNo;

const argb = (hex: string): string => "FF" + hex.replace("#", "").toUpperCase();

/** The tool's own sheets in the workbook, by role, found by their defined-name markers. */
export function ownSheets(wb: ExcelJS.Workbook): Map<OwnSheetRole, ExcelJS.Worksheet> {
  const found = new Map<OwnSheetRole, ExcelJS.Worksheet>();
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    const role = roleFromMarker(dn.name);
    if (!role) continue;
    for (const range of dn.ranges) {
      const sheet = sheetFromReference(range);
      const ws = sheet === null ? undefined : wb.getWorksheet(sheet);
      if (ws) found.set(role, ws);
    }
  }
  return found;
}

export interface ApplySummary {
  ragCells: number;
  sheets: string[];
}

export function applyPlan(wb: ExcelJS.Workbook, plan: WritePlan): ApplySummary {
  let ragCells = 0;
  for (const col of plan.ragColumns) ragCells += applyRagColumn(wb, col);
  const owned = ownSheets(wb);
  const sheets: string[] = [];
  for (const layout of plan.sheets) sheets.push(renderSheet(wb, layout, owned.get(layout.role) ?? null));
  return { ragCells, sheets };
}

function setRagCell(cell: ExcelJS.Cell, v: RagCellValue): void {
  cell.value = v.value;
  // A new style object: exceljs shares one style object between the cells of a loaded file that had the same
  // style (exceljs issue #2055), so setting fill or font in place would recolour all of them.
  cell.style = {
    ...cell.style,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(v.fill) } },
    font: { ...withFontName(cell.font), color: { argb: argb(v.fontColor) } },
  };
}

/** A font with no name falls back to a serif in LibreOffice: name the workbook's default font. */
function withFontName(font: Partial<ExcelJS.Font> | undefined): Partial<ExcelJS.Font> {
  return font?.name ? font : { ...DEFAULT_FONT, ...(font ?? {}) };
}

function applyRagColumn(wb: ExcelJS.Workbook, col: RagColumnWrite): number {
  const ws = wb.getWorksheet(col.sheet);
  if (!ws) return 0;
  const header = ws.getRow(col.headerRow + 1);
  const addHeader = (c: number, text: string) => {
    const cell = header.getCell(c + 1);
    const left = c > 0 ? header.getCell(c) : null;
    cell.value = text;
    // A new style object (loaded cells can share one; see setRagCell), looking like the header beside it.
    cell.style = {
      ...cell.style,
      font: { ...withFontName(left?.font), bold: true },
      ...(left?.fill ? { fill: left.fill } : {}),
      ...(left?.border ? { border: left.border } : {}),
    };
  };
  if (col.rag.addHeader) addHeader(col.rag.col, col.rag.addHeader);
  if (col.computed?.addHeader) addHeader(col.computed.col, col.computed.addHeader);
  let n = 0;
  for (const c of col.cells) {
    const row = ws.getRow(c.row + 1);
    if (c.rag) {
      setRagCell(row.getCell(col.rag.col + 1), c.rag);
      n++;
    }
    if (col.computed && c.computed) {
      setRagCell(row.getCell(col.computed.col + 1), c.computed);
      n++;
    }
  }
  return n;
}

function renderSheet(wb: ExcelJS.Workbook, layout: SheetLayout, owned: ExcelJS.Worksheet | null): string {
  const existing = wb.worksheets.map((w) => w.name);
  const name = chooseSheetName(layout.name, existing, owned?.name ?? null);
  let orderNo: number;
  if (owned) {
    orderNo = order(owned);
    wb.removeWorksheet(owned.id);
  } else if (layout.position === "first") {
    orderNo = Math.min(0, ...wb.worksheets.map(order)) - 1;
  } else {
    orderNo = Math.max(0, ...wb.worksheets.map(order)) + 1;
  }
  const ws = wb.addWorksheet(name, {
    ...(layout.tabColor ? { properties: { tabColor: { argb: argb(layout.tabColor) } } } : {}),
    views: layout.freezeRows ? [{ state: "frozen", ySplit: layout.freezeRows }] : [{}],
  });
  (ws as Ordered).orderNo = orderNo;

  layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  layout.rowHeights.forEach((h, r) => {
    if (h !== null) ws.getRow(r + 1).height = h;
  });
  // Each cell's effective style (later runs win) and number format, resolved first; cells that look alike then
  // share one exceljs style object, which exceljs recognises by identity when it writes (a large report writes
  // in a fraction of the time that per-cell style objects take).
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
      const v = row[c] ?? null;
      const fmt = layout.numberFormats[r]?.[c] ?? null;
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
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: p.orientation,
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: p.fitToPagesWide,
      fitToHeight: 0,
      ...(p.printTitleRows
        ? { printTitlesRow: `${p.printTitleRows.first + 1}:${p.printTitleRows.last + 1}` }
        : {}),
      ...(p.area ? { printArea: `A1:${columnLetters(p.area.cols - 1)}${p.area.rows}` } : {}),
    };
    // exceljs puts a row's break below it: a page that starts at row r breaks below row r - 1 (1-based r).
    for (const r of p.rowBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
    if (p.footer) {
      const f = p.footer;
      ws.headerFooter = {
        oddFooter: `${f.left ? "&L" + f.left : ""}${f.center ? "&C" + f.center : ""}${f.right ? "&R" + f.right : ""}`,
      };
    }
  }
  // Mark the sheet as the tool's own (replacing any marker left by an earlier run).
  const marker = markerName(layout.role);
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (dn.name === marker) for (const range of dn.ranges) wb.definedNames.remove(range, marker);
  }
  wb.definedNames.add(`${quoteSheetName(name)}!$A$1`, marker);
  if (layout.position === "first") activate(wb, ws);
  return name;
}

function activate(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  for (const other of wb.worksheets) {
    if (other.views?.[0]) other.views = other.views.map((v) => ({ ...v, tabSelected: other === ws }));
  }
  const index = wb.worksheets.indexOf(ws);
  wb.views = [
    {
      ...(wb.views?.[0] ?? { x: 0, y: 0, width: 10000, height: 20000 }),
      firstSheet: 0,
      activeTab: index,
      visibility: "visible",
    },
  ];
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
