import ExcelJS from "exceljs";
import { MAX_COLS, parseAddress } from "./address";
import type { BorderSide, BorderSideName, Cell, CellScalar } from "./cells";
import { DEFAULT_COLUMN_WIDTH } from "./cells";
import type { SheetVisibility, WorkbookOptions } from "./workbook";
import { WorkbookModel } from "./workbook";

/**
 * A WorkbookModel from an .xlsx file (exceljs), holding what Office.js would give for it: dates as serial
 * numbers (with their date format), error values as "#REF!", formulas with their cached results, rich text
 * and hyperlinks as their text, merged areas, hidden / very hidden sheets, number formats, solid fills, fonts,
 * alignment, borders, column widths, row heights, frozen rows, defined names and the active sheet.
 * Node only when given a path (it reads the file); a buffer works anywhere exceljs does.
 */

const EPOCH = Date.UTC(1899, 11, 30);

function serialOf(d: Date, date1904: boolean): number {
  // exceljs gives dates as UTC instants of the local time written in the file (converted from the file's date
  // system); the model stores serials in the workbook's own system, as Excel does.
  return (d.getTime() - EPOCH) / 86_400_000 - (date1904 ? 1462 : 0);
}

function argbToHex(argb: unknown): string | null {
  return typeof argb === "string" && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : null;
}

/** exceljs column width (characters) to Office.js points: (chars * 7 + 5) px * 0.75. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const H_ALIGN: Record<string, string> = {
  left: "Left",
  center: "Center",
  right: "Right",
  fill: "Fill",
  justify: "Justify",
  centerContinuous: "CenterAcrossSelection",
  distributed: "Distributed",
};
const V_ALIGN: Record<string, string> = {
  top: "Top",
  middle: "Center",
  bottom: "Bottom",
  distributed: "Distributed",
  justify: "Justify",
};
const BORDER: Record<string, [string, string]> = {
  thin: ["Continuous", "Thin"],
  medium: ["Continuous", "Medium"],
  thick: ["Continuous", "Thick"],
  hair: ["Continuous", "Hairline"],
  dotted: ["Dot", "Thin"],
  dashed: ["Dash", "Thin"],
  mediumDashed: ["Dash", "Medium"],
  dashDot: ["DashDot", "Thin"],
  mediumDashDot: ["DashDot", "Medium"],
  dashDotDot: ["DashDotDot", "Thin"],
  mediumDashDotDot: ["DashDotDot", "Medium"],
  slantDashDot: ["SlantDashDot", "Medium"],
  double: ["Double", "Thick"],
};

function scalarFrom(v: unknown, date1904 = false): CellScalar {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return serialOf(v, date1904);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in o && "hyperlink" in o) return scalarFrom(o.text, date1904);
  }
  return String(v);
}

function fillCell(cell: Cell, c: ExcelJS.Cell, date1904: boolean): void {
  const v = c.value as unknown;
  if (c.type === ExcelJS.ValueType.Formula) {
    cell.formula = `=${c.formula}`;
    cell.value = scalarFrom(c.result, date1904);
  } else {
    cell.value = scalarFrom(v, date1904);
    if (c.type === ExcelJS.ValueType.Hyperlink)
      cell.hyperlink = String((v as { hyperlink: string }).hyperlink);
  }
  if (c.numFmt) cell.numberFormat = c.numFmt;
  else if (c.type === ExcelJS.ValueType.Date) cell.numberFormat = "dd/mm/yyyy";
  const f = cell.format;
  const fill = c.fill;
  if (fill && fill.type === "pattern" && fill.pattern === "solid") f.fill = argbToHex(fill.fgColor?.argb);
  const font = c.font ?? {};
  if (font.bold) f.bold = true;
  if (font.italic) f.italic = true;
  if (typeof font.size === "number") f.fontSize = font.size;
  if (typeof font.name === "string") f.fontName = font.name;
  const fc = argbToHex(font.color?.argb);
  if (fc) f.fontColor = fc;
  const al = c.alignment ?? {};
  if (al.wrapText) f.wrapText = true;
  if (al.horizontal && H_ALIGN[al.horizontal]) f.horizontalAlignment = H_ALIGN[al.horizontal]!;
  if (al.vertical && V_ALIGN[al.vertical]) f.verticalAlignment = V_ALIGN[al.vertical]!;
  const sides: [BorderSideName, Partial<ExcelJS.Border> | undefined][] = [
    ["EdgeTop", c.border?.top],
    ["EdgeBottom", c.border?.bottom],
    ["EdgeLeft", c.border?.left],
    ["EdgeRight", c.border?.right],
  ];
  for (const [side, b] of sides) {
    const mapped = b?.style ? BORDER[b.style] : undefined;
    if (!mapped) continue;
    const s: BorderSide = {
      style: mapped[0],
      weight: mapped[1],
      color: argbToHex(b?.color?.argb) ?? "#000000",
    };
    f.borders[side] = s;
  }
}

/** Reads an .xlsx (a path in Node, or the file's bytes) into a WorkbookModel. */
export async function workbookModelFromXlsx(
  source: string | ArrayBuffer | Uint8Array,
  options: WorkbookOptions = {},
): Promise<WorkbookModel> {
  const book = new ExcelJS.Workbook();
  if (typeof source === "string") {
    await book.xlsx.readFile(source);
  } else {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  }
  const wb = new WorkbookModel(options);
  wb.date1904 = (book.properties as { date1904?: boolean }).date1904 === true;
  const states: [string, SheetVisibility][] = [];
  book.eachSheet((ws) => {
    const sheet = wb.addSheet(ws.name);
    const tab = argbToHex((ws.properties as { tabColor?: { argb?: string } }).tabColor?.argb);
    if (tab) sheet.tabColor = tab;
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      if (row.height && (row as { customHeight?: boolean }).customHeight !== false) {
        sheet.rowHeights.set(rowNumber - 1, row.height);
      }
      row.eachCell({ includeEmpty: true }, (c, colNumber) => {
        if (c.type === ExcelJS.ValueType.Merge) return;
        fillCell(wb.writableCell(sheet, rowNumber - 1, colNumber - 1), c, wb.date1904);
      });
    });
    const columns = (ws.columns ?? []) as Partial<ExcelJS.Column>[];
    columns.forEach((col, i) => {
      if (col && typeof col.width === "number" && i < MAX_COLS) {
        const pts = charsToPoints(col.width);
        if (pts !== DEFAULT_COLUMN_WIDTH) sheet.columnWidths.set(i, pts);
      }
    });
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    for (const m of merges) {
      const parsed = parseAddress(m);
      if (parsed) sheet.merges.push(parsed.rect);
    }
    const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
    if (view?.state === "frozen") sheet.freeze = { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
    const setup = ws.pageSetup ?? {};
    if (setup.orientation === "landscape") sheet.pageLayout.orientation = "Landscape";
    if ((setup.paperSize as number | undefined) === 1) sheet.pageLayout.paperSize = "Letter";
    if (setup.fitToPage) {
      sheet.pageLayout.zoom = {
        horizontalFitToPages: setup.fitToWidth ?? 1,
        verticalFitToPages: setup.fitToHeight ?? 1,
      };
    }
    const footer = ws.headerFooter?.oddFooter;
    if (footer) sheet.pageLayout.defaultHeaderFooter.centerFooter = footer;
    wb.compact(sheet);
    const state = ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
    states.push([sheet.id, state]);
  });
  for (const [id, state] of states) if (state !== "Visible") wb.sheetById(id)!.visibility = state;
  const names = (book.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model ?? [];
  for (const n of names) {
    if (!n.ranges?.length) continue;
    wb.names.push({ name: n.name, formula: `=${n.ranges.join(",")}`, comment: "", visible: true });
  }
  const activeTab = (book.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  const active = wb.sheets[activeTab] ?? wb.sheets.find((s) => s.visibility === "Visible");
  if (active) wb.activeSheetId = active.id;
  return wb;
}
