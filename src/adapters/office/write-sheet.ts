/**
 * The own-sheet writer: a plan's SheetLayout as Office.js commands on the add-in's own sheet (added, or kept
 * from an earlier run and partly cleared). The layout's styles are resolved (rectangles that never overlap, each
 * with its whole style), so the rectangles of one style are formatted together through RangeAreas, on cells that
 * were cleared or are new (what a style does not give stays Excel's default).
 *
 * Text is written so Excel keeps it as text: number formats go before values, and every non-empty string on the
 * add-in's own sheets gets a leading apostrophe, which Excel stores as the cell's quote prefix, not as text.
 */
import type { ColIndex, RowIndex } from "../../engine/coords";
import type { CellStyle, ChartKind, LayoutValue, SheetLayout, StyleRun, WritePlan } from "../../engine/plan";
import { chooseSheetName, markerName, unchangedRows } from "../../engine/own-sheets";
import { MAX_ROW_HEIGHT } from "../../engine/report/sheet-builder";
import type { WorkbookRead } from "./read";
import type { CommandKind, WriteBatch, WriteCommand } from "./write-batch";
import { ACTION, OBJECT, areaAddresses, json } from "./write-batch";
import { cellInput } from "./write-rag";
import { roundToHundredths } from "../../engine/percent";

/** Values blocks of own sheets are cut at about this many bytes of JSON, so chunks fill evenly. */
const BLOCK_BYTES = 150_000;

const CHART_TYPES: Record<ChartKind, "ColumnClustered" | "Pie" | "BarClustered"> = {
  columnClustered: "ColumnClustered",
  pie: "Pie",
  barClustered: "BarClustered",
};

/** Excel column width in points from a width in characters: (chars × 7 + 5) px × 0.75. */
export function charsToPoints(chars: number): number {
  return roundToHundredths((chars * 7 + 5) * 0.75);
}

/** Where a layout goes: an own sheet kept from an earlier run, or one to add. */
export interface SheetTarget {
  name: string;
  /** The sheet exists already (the add-in's own, kept: never deleted and added again). */
  exists: boolean;
  /** Its ProgrammeRAG_* marker is in place; otherwise the marker is added once the sheet is written. */
  marked: boolean;
  /** Leading layout rows the sheet already holds as they are (history and log are appended to). */
  keepRows: number;
  /** The sheet's used extent from A1 now (what a rewrite may have to clear). */
  extent: { rows: number; cols: number };
  /**
   * Sheet rows the read left out (a growing sheet read by its window, read.ts): the layout's row r >= 1 is the
   * sheet's row r + shift. 0: the layout is the whole sheet.
   */
  shift: number;
}

/** Where each own sheet of the plan goes, by role, and whether the run has to add any sheet. */
export function sheetTargets(plan: WritePlan, read: WorkbookRead): Map<SheetLayout, SheetTarget> {
  const out = new Map<SheetLayout, SheetTarget>();
  const existing = read.sheets.map((s) => s.name);
  for (const layout of plan.sheets) {
    const owned = read.own.get(layout.role) ?? null;
    const name = chooseSheetName(layout.name, existing, owned);
    const exists = existing.includes(name);
    if (!exists) existing.push(name);
    const grid = read.ownGrids.get(layout.role) ?? null;
    // The highlight report is drawn again from scratch; history and log rows already there are left alone.
    const keepRows = exists && layout.role !== "highlight" ? unchangedRows(layout, grid) : 0;
    const shift = exists ? (read.ownDropped?.get(layout.role) ?? 0) : 0;
    // Read by its window only when its header is the layout's: anything else would write over the rows left out.
    if (shift > 0 && keepRows < 1)
      throw new Error(`the add-in's sheet "${name}" no longer starts with the layout's header row`);
    out.set(layout, {
      shift,
      name,
      exists,
      marked: exists && read.marked.has(layout.role),
      keepRows,
      extent: exists ? (read.ownExtent.get(layout.role) ?? { rows: 0, cols: 0 }) : { rows: 0, cols: 0 },
    });
  }
  return out;
}

export function addSheetCommand(layout: SheetLayout, name: string, out: WriteCommand[]): void {
  out.push({
    bytes: 3 * OBJECT + 3 * ACTION + 2 * json(name),
    kind: "add sheet",
    sheet: name,
    phase: "sheet",
    apply: (b) => {
      const ws = b.context.workbook.worksheets.add(name);
      // Worksheet.position clears the undo stack on Windows and Mac (Microsoft's "Undo capabilities" page):
      // set only when the report sheet is added, never on a refresh or on a sheet kept from an earlier run.
      if (layout.position === "first") ws.position = 0;
      b.added(name, ws);
    },
  });
}

type Push = (kind: CommandKind, bytes: number, apply: (ws: Excel.Worksheet, b: WriteBatch) => void) => void;

export function sheetCommands(
  layout: SheetLayout,
  t: SheetTarget,
  read: WorkbookRead,
  out: WriteCommand[],
): void {
  const name = t.name;
  const push: Push = (kind, bytes, apply) =>
    out.push({ bytes, kind, sheet: name, phase: "sheet", apply: (b) => apply(b.sheet(name), b) });
  const keep = t.keepRows;
  // The rows written are the layout's from `keep` (at least 1 when rows were left out): sheet row r + shift.
  const shift = t.shift;

  // A sheet to add was added by addSheetCommand before the first write.
  if (t.exists && layout.role === "highlight") {
    // Drawn again in place: its charts go, then its cells and merges are cleared (never the sheet itself).
    for (const chart of read.highlightCharts) {
      push("clear", 3 * OBJECT + ACTION + json(chart), (ws) => ws.charts.getItem(chart).delete());
    }
    if (t.extent.rows > 0 && t.extent.cols > 0) {
      const { rows: r, cols: c } = t.extent;
      // Clearing leaves the rows' heights: they go back to the standard height too (only the layout's are set).
      push("clear", 3 * OBJECT + 3 * ACTION + 20, (ws) => {
        const range = ws.getRangeByIndexes(0, 0, r, c);
        range.unmerge();
        range.clear("All");
        range.format.useStandardHeight = true;
      });
    }
  } else if (t.exists && t.extent.rows > keep + shift) {
    // History and log rows after the ones kept are replaced: cleared first, then written below.
    const from = keep + shift;
    const count = t.extent.rows - from;
    const c = Math.max(1, t.extent.cols);
    // Clearing leaves the rows' heights (a long name's, wrapped): back to the standard height, so a row that now
    // holds a short one is not left tall (ExcelApi 1.7; only true has an effect).
    push("clear", 3 * OBJECT + 2 * ACTION + 20, (ws) => {
      const range = ws.getRangeByIndexes(from, 0, count, c);
      range.clear("All");
      range.format.useStandardHeight = true;
    });
  }

  const below = (run: StyleRun): StyleRun | null => {
    if (run.row + run.rows <= keep) return null;
    if (run.row >= keep) return { ...run, row: run.row + shift };
    return { ...run, rows: run.row + run.rows - keep, row: keep + shift };
  };
  const styles = () =>
    styleCommands(
      layout.styles.map(below).filter((x): x is StyleRun => x !== null),
      push,
    );
  // A history or log sheet's rows are kept on the next run when their values are there (unchangedRows), so
  // their styles and heights (a long name's wrap, its row's height) go before the values: whatever command
  // fails, a row whose values were written has its style and height too, and a rerun that keeps it loses
  // neither. The highlight report is drawn again whole each run, values first.
  const appended = layout.role !== "highlight";
  if (appended) {
    styles();
    heightCommands(layout, keep, push, shift);
  }
  valueBlocks(layout, push, keep, shift);
  if (!appended) styles();
  for (const m of layout.merges) {
    if (m.row < keep) continue;
    push("merges", OBJECT + ACTION + 20, (ws) =>
      ws.getRangeByIndexes(m.row + shift, m.col, m.rows, m.cols).merge(false),
    );
  }
  for (const g of groups(layout.columnWidths.map((w) => (w > 0 ? charsToPoints(w) : null)))) {
    push("widths and heights", 2 * OBJECT + ACTION + 10, (ws) => {
      ws.getRangeByIndexes(0, g.start, 1, g.count).format.columnWidth = g.value;
    });
  }
  if (!appended) heightCommands(layout, keep, push);
  if (layout.freezeRows) {
    const frozen = layout.freezeRows;
    push("page setup", OBJECT + ACTION + 10, (ws) => ws.freezePanes.freezeRows(frozen));
  }
  if (layout.tabColor) {
    const color = layout.tabColor;
    push("page setup", ACTION + 20, (ws) => {
      ws.tabColor = color;
    });
  }
  if (layout.print) printCommands(layout, push, shift);
  for (const chart of layout.charts) {
    push("charts", 5 * OBJECT + 3 * ACTION + json(chart.title), (ws) => {
      const s = chart.source;
      const a = chart.anchor;
      const added = ws.charts.add(
        CHART_TYPES[chart.kind],
        ws.getRangeByIndexes(s.row, s.col, s.rows, s.cols),
        "Auto",
      );
      added.title.text = chart.title;
      added.setPosition(
        ws.getRangeByIndexes(a.row, a.col, 1, 1),
        ws.getRangeByIndexes(a.row + a.rows - 1, a.col + a.cols - 1, 1, 1),
      );
    });
  }
  if (!t.marked) {
    // Marked as the add-in's own only now that it is written (a workbook-level name on its A1, which follows a
    // renamed sheet). A run that stops before this leaves a sheet the next run recognises by its content.
    // A stale or broken marker of this role goes first; the name is added without a comment, as setting a
    // name's comment clears the undo stack on the web (NamedItem.comment, "Undo capabilities").
    const stale = read.markers.get(layout.role) ?? null;
    out.push({
      bytes: 6 * OBJECT + 4 * ACTION + 2 * json(name) + 60,
      kind: "marker",
      sheet: name,
      phase: "sheet",
      apply: (b) => {
        if (stale !== null) b.context.workbook.names.getItem(stale).delete();
        b.context.workbook.names.add(markerName(layout.role), b.sheet(name).getRange("A1"));
      },
    });
  }
}

/**
 * The layout's values and number formats from row `from` on, as rectangles of whole rows of about BLOCK_BYTES
 * each. Number formats go first, so a cell meant as text ("@") is text before its value arrives; every other
 * string is written with a leading apostrophe (ownCellInput), so nothing Excel's typing would read as a number,
 * date, time, fraction or formula ("3E1", "1 1/2", "10:30 AM", "January 5, 2021") is converted.
 *
 * A column's format repeated down the block (the history's dates and amounts on every row) is set for the
 * column's range at once, as a 2D array of that one format (one row array shared by every row, so it costs
 * nothing to build; in the request it costs the format's bytes a cell), instead of within the block's array; the
 * rest go as a 2D array (null: the cell is left as it is). Not as a single value: Microsoft's reference for
 * Range.numberFormat types it any[][] and no longer says a single value applies to every cell of the range
 * (older typings did; learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-numberformat-member),
 * and the docs' own example sets a 2D array (office-js-docs-pr, docs/excel/excel-add-ins-ranges-set-format.md).
 */
function valueBlocks(layout: SheetLayout, push: Push, from: number, shift = 0): void {
  const width = layout.values.reduce((w, r) => Math.max(w, r.length), 0);
  if (width === 0) return;
  const formats = layout.values.map((_, r) =>
    Array.from({ length: width }, (_, c) => layout.numberFormats[r]?.[c] ?? null),
  );
  const rows = layout.values.map((r, i) =>
    Array.from({ length: width }, (_, c) => ownCellInput(r[c] ?? null, formats[i]![c] ?? null)),
  );
  let start = from;
  while (start < rows.length) {
    let end = start;
    let bytes = 0;
    while (end < rows.length && (end === start || bytes < BLOCK_BYTES)) {
      bytes += json(rows[end]);
      end++;
    }
    const values = rows.slice(start, end);
    const { runs, rest } = formatRuns(formats.slice(start, end));
    const anyValue = values.some((r) => r.some((v) => v !== null));
    const anyRest = rest.some((r) => r.some((f) => f !== null));
    const row0 = start + shift;
    if (anyValue || anyRest || runs.length > 0) {
      let size = 2 * OBJECT + 2 * ACTION + bytes + (anyRest ? json(rest) : 0);
      for (const run of runs)
        size += OBJECT + ACTION + 20 + run.rows * (run.cols * (json(run.format) + 1) + 2);
      push("values", size, (ws) => {
        for (const run of runs) {
          const row = new Array<string>(run.cols).fill(run.format);
          ws.getRangeByIndexes(row0 + run.row, run.col, run.rows, run.cols).numberFormat = new Array<
            string[]
          >(run.rows).fill(row);
        }
        const range = ws.getRangeByIndexes(row0, 0, values.length, width);
        if (anyRest) range.numberFormat = rest;
        if (anyValue) range.values = values;
      });
    }
    start = end;
  }
}

/** A column run at least this long is set as one format for its range, not cell by cell. */
const FORMAT_RUN_ROWS = 8;

/**
 * A block's number formats as rectangles of one format (each column's runs of at least FORMAT_RUN_ROWS equal
 * formats, neighbouring columns of the same rows and format joined) and the rest as a 2D array, null where a
 * rectangle covers the cell or there is no format.
 */
export function formatRuns(block: readonly (readonly (string | null)[])[]): {
  runs: { row: number; col: number; rows: number; cols: number; format: string }[];
  rest: (string | null)[][];
} {
  const rest = block.map((r) => [...r]);
  const runs: { row: number; col: number; rows: number; cols: number; format: string }[] = [];
  const width = block.reduce((w, r) => Math.max(w, r.length), 0);
  // The run each column's rows and format end at, to join the next column's same run onto it.
  const open = new Map<string, (typeof runs)[number]>();
  for (let c = 0; c < width; c++) {
    let r = 0;
    while (r < block.length) {
      const f = block[r]![c] ?? null;
      let end = r + 1;
      while (end < block.length && (block[end]![c] ?? null) === f) end++;
      if (f !== null && end - r >= FORMAT_RUN_ROWS) {
        const key = `${r}:${end}:${f}`;
        const left = open.get(key);
        if (left && left.col + left.cols === c) left.cols++;
        else {
          const run = { row: r, col: c, rows: end - r, cols: 1, format: f };
          runs.push(run);
          open.set(key, run);
        }
        for (let i = r; i < end; i++) rest[i]![c] = null;
      }
      r = end;
    }
  }
  return { runs, rest };
}

/**
 * A value of the add-in's own sheets as written through Range.values: a string in a cell formatted as text
 * as it is, any other non-empty string with a leading apostrophe (Excel stores it as the quote prefix, not as
 * text), so Excel never types it.
 */
export function ownCellInput(v: LayoutValue, format: string | null): string | number | boolean | null {
  if (typeof v === "string") return v === "" || format === "@" ? v : `'${v}`;
  return cellInput(v);
}

function styleKey(s: CellStyle): string {
  return JSON.stringify([
    s.bold,
    s.italic,
    s.fontSize,
    s.fontColor,
    s.fill,
    s.wrap,
    s.hAlign,
    s.vAlign,
    s.border ? (s.borderColor ?? null) : null,
  ]);
}

/**
 * One command per style and address: the resolved rectangles of one style, as RangeAreas. A bordered style is
 * split by whether its areas have inner lines (more than one row or column), so an inside border is set only on
 * areas that have one.
 */
function styleCommands(runs: readonly StyleRun[], push: Push): void {
  const groups = new Map<string, { style: CellStyle; sides: BorderSideName[]; rects: StyleRun[] }>();
  for (const run of runs) {
    const s = run.style;
    const sides: BorderSideName[] = [];
    if (s.border) {
      sides.push("EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight");
      if (run.rows > 1) sides.push("InsideHorizontal");
      if (run.cols > 1) sides.push("InsideVertical");
    }
    const key = `${styleKey(s)}|${sides.join(",")}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { style: s, sides, rects: [] }));
    g.rects.push(run);
  }
  for (const g of groups.values()) {
    const s = g.style;
    const font = s.bold !== undefined || s.italic !== undefined || s.fontSize !== undefined || !!s.fontColor;
    const alignment = s.wrap !== undefined || !!s.hAlign || !!s.vAlign;
    if (!font && !s.fill && !alignment && g.sides.length === 0) continue;
    let bytes = 2 * OBJECT;
    if (font) bytes += OBJECT + 4 * (ACTION + 10);
    if (s.fill) bytes += OBJECT + ACTION + 10;
    if (alignment) bytes += 3 * (ACTION + 10);
    bytes += g.sides.length * (OBJECT + 3 * (ACTION + 12));
    for (const address of areaAddresses(g.rects)) {
      push("styles", bytes + json(address), (ws) =>
        applyStyle(ws.getRanges(address).format, s, font, g.sides),
      );
    }
  }
}

function applyStyle(format: Excel.RangeFormat, s: CellStyle, font: boolean, sides: BorderSideName[]): void {
  if (font) {
    const f = format.font;
    if (s.bold !== undefined) f.bold = s.bold;
    if (s.italic !== undefined) f.italic = s.italic;
    if (s.fontSize !== undefined) f.size = s.fontSize;
    if (s.fontColor) f.color = s.fontColor;
  }
  if (s.fill) format.fill.color = s.fill;
  if (s.wrap !== undefined) format.wrapText = s.wrap;
  if (s.hAlign) format.horizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign) format.verticalAlignment = V_ALIGN[s.vAlign];
  // A thin line around each cell: each area's four edges and the lines inside it where it has them.
  for (const side of sides) {
    const border = format.borders.getItem(side);
    border.style = "Continuous";
    border.weight = "Thin";
    if (s.borderColor) border.color = s.borderColor;
  }
}

/** Row heights: the rows of one height together, as RangeAreas of column A (Excel refuses over 409 points). */
function heightCommands(layout: SheetLayout, keep: number, push: Push, shift = 0): void {
  const byHeight = new Map<number, { row: RowIndex; col: ColIndex; rows: number; cols: number }[]>();
  for (const g of groups(layout.rowHeights.map((h, r) => (r < keep || h === null ? null : h)))) {
    // The layout keeps under 409 points; this is the last guard.
    const height = Math.min(MAX_ROW_HEIGHT, g.value);
    const list = byHeight.get(height) ?? [];
    list.push({ row: g.start + (g.start >= 1 ? shift : 0), col: 0, rows: g.count, cols: 1 });
    byHeight.set(height, list);
  }
  for (const [height, rects] of byHeight) {
    for (const address of areaAddresses(rects)) {
      push("widths and heights", 3 * OBJECT + ACTION + 10 + json(address), (ws) => {
        ws.getRanges(address).format.rowHeight = height;
      });
    }
  }
}

type BorderSideName =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function printCommands(layout: SheetLayout, push: Push, shift = 0): void {
  const p = layout.print!;
  push("page setup", 2 * OBJECT + 4 * ACTION + 100, (ws) => {
    const page = ws.pageLayout;
    page.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    page.paperSize = "A4";
    // Fit to N pages wide and any number tall (0 = automatic, as the empty "tall" box in Page Setup).
    page.zoom = { horizontalFitToPages: p.fitToPagesWide, verticalFitToPages: 0 };
    // Each of the tool's sheets numbers its pages from 1 (PageLayout.firstPageNumber, ExcelApi 1.9; "" is auto).
    if (p.firstPageNumber !== undefined) page.firstPageNumber = p.firstPageNumber;
  });
  if (p.printTitleRows) {
    const t = p.printTitleRows;
    push("page setup", 4 * OBJECT + ACTION, (ws) => {
      ws.pageLayout.setPrintTitleRows(
        ws.getRangeByIndexes(t.first, 0, t.last - t.first + 1, 1).getEntireRow(),
      );
    });
  }
  if (p.area) {
    const a = p.area;
    push("page setup", 3 * OBJECT + ACTION, (ws) => {
      ws.pageLayout.setPrintArea(ws.getRangeByIndexes(0, 0, a.rows + shift, a.cols));
    });
  }
  // Manual page breaks where the layout paginates itself (tables repeat their header on each page they run onto,
  // headings stay with their tables). The report is drawn again in place, so its earlier breaks go first.
  const breaks = (p.rowBreaks ?? []).filter((r) => r > 0).map((r) => r + shift);
  if (breaks.length > 0 || layout.role === "highlight") {
    push("page setup", 2 * OBJECT + ACTION + breaks.length * (3 * OBJECT + ACTION), (ws) => {
      ws.horizontalPageBreaks.removePageBreaks();
      for (const r of breaks) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
    });
  }
  if (p.footer) {
    const f = p.footer;
    push("page setup", 4 * OBJECT + 3 * ACTION + json(f), (ws) => {
      const footer = ws.pageLayout.headersFooters.defaultForAllPages;
      if (f.left) footer.leftFooter = f.left;
      if (f.center) footer.centerFooter = f.center;
      if (f.right) footer.rightFooter = f.right;
    });
  }
}

/** Consecutive equal non-null values as runs: [12, 12, null, 8] → {0, 2, 12}, {3, 1, 8}. */
export function groups(
  values: readonly (number | null | undefined)[],
): { start: number; count: number; value: number }[] {
  const out: { start: number; count: number; value: number }[] = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const last = out[out.length - 1];
    if (last && last.start + last.count === i && last.value === v) last.count++;
    else out.push({ start: i, count: 1, value: v });
  });
  return out;
}
