/**
 * A write plan as Office.js commands, each with an estimate of its size in the request Excel receives, so they
 * can be packed into requests of about 1 MB (Excel on the web refuses requests over 5 MB) and sent one request
 * per round trip. The commands render the same cells as the command line's exceljs adapter
 * (src/adapters/exceljs/apply.ts): values, number formats, fills, fonts, alignment, borders, merges, widths,
 * heights, frozen rows, tab colour and page setup, and in addition the charts exceljs cannot draw.
 *
 * Text is written so Excel keeps it as text: a string Excel would read as a formula, number, date or boolean
 * (needsTextPrefix) gets a leading apostrophe, which Excel stores as the cell's quote prefix, not as text.
 */
import type {
  CellStyle,
  ChartKind,
  LayoutValue,
  RagCellValue,
  RagCellWrite,
  RagColumnWrite,
  SheetLayout,
  StyleRun,
  WritePlan,
} from "../../engine/plan";
import { needsTextPrefix } from "../../engine/plan";
import { chooseSheetName, markerName, unchangedRows } from "../../engine/own-sheets";
import { MAX_ROW_HEIGHT } from "../../engine/report/sheet-builder";
import type { CellFormat, WorkbookRead } from "./read";
import { roundToHundredths } from "../../engine/percent";

/** What a command is given when a request is built: the context and the request's worksheet proxies. */
export interface WriteBatch {
  readonly context: Excel.RequestContext;
  /** The worksheet of this name (one proxy per request). */
  sheet(name: string): Excel.Worksheet;
  /** Records the proxy of a sheet just added, for the commands after it in the same request. */
  added(name: string, sheet: Excel.Worksheet): void;
}

export interface WriteCommand {
  /** Estimated bytes this command adds to a request (object paths, actions and argument JSON). */
  bytes: number;
  /** The sheet it writes, for "may be incomplete" messages. */
  sheet: string;
  /** For progress: RAG columns, or the add-in's own sheets. */
  phase: "rag" | "sheet";
  apply(batch: WriteBatch): void;
}

export interface BuiltWrite {
  commands: WriteCommand[];
  /** RAG cells written (overall and computed). */
  ragCells: number;
  /** The own sheets written, by the names they get. */
  sheets: string[];
}

// Request size of one proxy object (its ObjectPath entry plus the action that instantiates it) and of one
// property set or method call, without its arguments. Measured against Microsoft's request shape in the fake
// Excel (tests/office), rounded up.
const OBJECT = 160;
const ACTION = 90;
/** Values blocks of own sheets are cut at about this many bytes of JSON, so chunks fill evenly. */
const BLOCK_BYTES = 150_000;
/**
 * RAG column values are written as one column range per run of consecutive item rows: never through a row that
 * is not an item (a section row merged across the RAG column, a subtotal, a blank line), and so never a null
 * into a cell of the user's (writing into a filtered range misplaced values in office-js issue #224).
 */
const MAX_GAP = 0;
const SEGMENT_ROWS = 10_000;
/** The thin border the layout asks for (as the exceljs adapter draws it). */
const BORDER_COLOR = "#BFBFBF";

const CHART_TYPES: Record<ChartKind, "ColumnClustered" | "Pie" | "BarClustered"> = {
  columnClustered: "ColumnClustered",
  pie: "Pie",
  barClustered: "BarClustered",
};

/** Excel column width in points from a width in characters (as exceljs writes it): (chars × 7 + 5) px × 0.75. */
export function charsToPoints(chars: number): number {
  return roundToHundredths((chars * 7 + 5) * 0.75);
}

/** A layout value as written through Range.values. */
export function cellInput(v: LayoutValue): string | number | boolean | null {
  if (typeof v === "string") return needsTextPrefix(v) ? `'${v}` : v;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

function json(x: unknown): number {
  return JSON.stringify(x).length;
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
    out.set(layout, {
      name,
      exists,
      marked: exists && read.marked.has(layout.role),
      keepRows,
      extent: exists ? (read.ownExtent.get(layout.role) ?? { rows: 0, cols: 0 }) : { rows: 0, cols: 0 },
    });
  }
  return out;
}

/**
 * The commands of a plan, in the order that keeps a failure at any command safe: the Change Log's new lines
 * first (every RAG cell about to change is recorded before it changes), then the RAG columns, then the history
 * and the highlight report. Excel runs a request's commands in order and rolls nothing back, so whatever
 * command fails, what ran before it is complete and recorded.
 */
export function buildWrite(plan: WritePlan, read: WorkbookRead): BuiltWrite {
  const commands: WriteCommand[] = [];
  const targets = sheetTargets(plan, read);
  const log = plan.sheets.filter((l) => l.role === "changelog");
  const others = plan.sheets.filter((l) => l.role !== "changelog");
  // Sheets to add are added first, in the plan's order (so they stand where the command line puts them); each
  // is empty until written, and an empty sheet of the wanted name is the add-in's to use on the next run.
  for (const layout of plan.sheets) {
    const t = targets.get(layout)!;
    if (!t.exists) addSheetCommand(layout, t.name, commands);
  }
  for (const layout of log) sheetCommands(layout, targets.get(layout)!, read, commands);
  let ragCells = 0;
  for (const col of plan.ragColumns) ragCells += ragColumnCommands(col, read, commands);
  for (const layout of others) sheetCommands(layout, targets.get(layout)!, read, commands);
  const sheets = plan.sheets.map((l) => targets.get(l)!.name);
  // The report's sheet is shown only once everything is written: activating it earlier leaves the user's
  // selection on it, and Excel refuses Range.merge with InvalidSelection while a chart is selected
  // (OfficeDev/office-js#399), so no write may follow the activation.
  const shown = plan.sheets.findIndex((l) => l.position === "first");
  if (shown >= 0) {
    const name = sheets[shown]!;
    commands.push({ bytes: ACTION, sheet: name, phase: "sheet", apply: (b) => b.sheet(name).activate() });
  }
  return { commands, ragCells, sheets };
}

// ---- RAG columns ----------------------------------------------------------------------------------------------

function ragColumnCommands(col: RagColumnWrite, read: WorkbookRead, out: WriteCommand[]): number {
  const sheet = col.sheet;
  const edge = read.edges.get(sheet);
  const headerFormat = edge?.cells[col.headerRow] ?? null;
  // The header a column gets when the add-in adds it copies the header cell to its left, made bold (as the
  // exceljs adapter does). Added columns sit right of the last used column, whose header format was read.
  // A column added right of a table whose header row is the sheet's header row is added through the table (its
  // own column, in the table's style), not beside it.
  const tables = (read.tableRects.get(sheet) ?? []).map((t) => ({ ...t }));
  const addHeader = (c: number, text: string, leftIsEdge: boolean) => {
    const table = tables.find((t) => t.row === col.headerRow && t.col + t.cols === c);
    if (table) {
      table.cols++;
      const name = table.name;
      out.push({
        bytes: 5 * OBJECT + 3 * ACTION + json(text) + json(name),
        sheet,
        phase: "rag",
        apply: (b) => {
          b.sheet(sheet)
            .tables.getItem(name)
            .columns.add(null as unknown as undefined, undefined, text);
        },
      });
      return;
    }
    const format = leftIsEdge ? headerFormat : null;
    out.push({
      bytes: 4 * OBJECT + 8 * ACTION + json(text) + json(format ?? ""),
      sheet,
      phase: "rag",
      apply: (b) => {
        const cell = b.sheet(sheet).getRangeByIndexes(col.headerRow, c, 1, 1);
        // Format first: a run that stops after the header text would leave a column the next run takes for
        // the user's own (it finds the header) and would never format.
        applyHeaderFormat(cell, format);
        cell.values = [[cellInput(text)]];
      },
    });
  };
  const edgeCol = edge?.col ?? -1;
  if (col.rag.addHeader) addHeader(col.rag.col, col.rag.addHeader, col.rag.col - 1 === edgeCol);
  if (col.computed?.addHeader) {
    const left = col.computed.col - 1;
    addHeader(
      col.computed.col,
      col.computed.addHeader,
      left === edgeCol || (col.rag.addHeader !== null && left === col.rag.col && col.rag.col - 1 === edgeCol),
    );
  }

  const cells = [...col.cells].sort((a, b) => a.row - b.row);
  const targets: [number, (c: RagCellWrite) => RagCellValue | undefined][] = [[col.rag.col, (c) => c.rag]];
  if (col.computed) targets.push([col.computed.col, (c) => c.computed]);
  let n = 0;
  for (const [c, pick] of targets) {
    const written = cells.filter((x) => pick(x) !== undefined);
    n += written.length;
    for (const seg of segments(written)) {
      const values = seg.rows.map((x) => [x ? cellInput(pick(x)!.value) : null]);
      out.push({
        bytes: OBJECT + ACTION + json(values),
        sheet,
        phase: "rag",
        apply: (b) => {
          b.sheet(sheet).getRangeByIndexes(seg.start, c, values.length, 1).values = values;
        },
      });
    }
    for (const run of colourRuns(written, pick)) {
      out.push({
        bytes: 4 * OBJECT + 2 * ACTION + json(run.fill) + json(run.fontColor),
        sheet,
        phase: "rag",
        apply: (b) => {
          const range = b.sheet(sheet).getRangeByIndexes(run.row, c, run.rows, 1);
          range.format.fill.color = run.fill;
          range.format.font.color = run.fontColor;
        },
      });
    }
  }
  return n;
}

const EDGES = new Set(["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"]);

function applyHeaderFormat(cell: Excel.Range, format: CellFormat | null): void {
  const font = cell.format.font;
  font.bold = true;
  if (!format) return;
  if (format.fontName) font.name = format.fontName;
  if (format.fontSize) font.size = format.fontSize;
  if (format.fontColor) font.color = format.fontColor;
  if (format.italic !== null) font.italic = format.italic;
  if (format.fill) cell.format.fill.color = format.fill;
  for (const side of format.borders) {
    if (!EDGES.has(side.side)) continue;
    const border = cell.format.borders.getItem(side.side as BorderSideName);
    border.style = side.style as Excel.BorderLineStyle;
    border.color = side.color;
    border.weight = side.weight as Excel.BorderWeight;
  }
}

/** Item rows grouped into column ranges: consecutive rows, bridging gaps of up to MAX_GAP rows with null. */
export function segments(cells: readonly RagCellWrite[]): { start: number; rows: (RagCellWrite | null)[] }[] {
  const out: { start: number; rows: (RagCellWrite | null)[] }[] = [];
  let current: { start: number; rows: (RagCellWrite | null)[] } | null = null;
  for (const cell of cells) {
    const next: number = current ? current.start + current.rows.length : -1;
    if (current && cell.row >= next && cell.row - next <= MAX_GAP && current.rows.length < SEGMENT_ROWS) {
      while (current.start + current.rows.length < cell.row) current.rows.push(null);
      current.rows.push(cell);
    } else {
      current = { start: cell.row, rows: [cell] };
      out.push(current);
    }
  }
  return out;
}

/** Runs of adjacent item rows with the same fill and font colour (never spanning a row that is not an item). */
export function colourRuns(
  cells: readonly RagCellWrite[],
  pick: (c: RagCellWrite) => RagCellValue | undefined,
): { row: number; rows: number; fill: string; fontColor: string }[] {
  const out: { row: number; rows: number; fill: string; fontColor: string }[] = [];
  for (const cell of cells) {
    const v = pick(cell);
    if (!v) continue;
    const last = out[out.length - 1];
    if (last && last.row + last.rows === cell.row && last.fill === v.fill && last.fontColor === v.fontColor) {
      last.rows++;
    } else {
      out.push({ row: cell.row, rows: 1, fill: v.fill, fontColor: v.fontColor });
    }
  }
  return out;
}

// ---- the add-in's own sheets ----------------------------------------------------------------------------------

function addSheetCommand(layout: SheetLayout, name: string, out: WriteCommand[]): void {
  out.push({
    bytes: 3 * OBJECT + 3 * ACTION + 2 * json(name),
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

function sheetCommands(layout: SheetLayout, t: SheetTarget, read: WorkbookRead, out: WriteCommand[]): void {
  const name = t.name;
  const push = (bytes: number, apply: (ws: Excel.Worksheet, b: WriteBatch) => void) =>
    out.push({ bytes, sheet: name, phase: "sheet", apply: (b) => apply(b.sheet(name), b) });
  const keep = t.keepRows;

  // A sheet to add was added by addSheetCommand before the first write.
  if (t.exists && layout.role === "highlight") {
    // Drawn again in place: its charts go, then its cells and merges are cleared (never the sheet itself).
    for (const chart of read.highlightCharts) {
      push(3 * OBJECT + ACTION + json(chart), (ws) => ws.charts.getItem(chart).delete());
    }
    if (t.extent.rows > 0 && t.extent.cols > 0) {
      const { rows: r, cols: c } = t.extent;
      push(2 * OBJECT + 2 * ACTION + 20, (ws) => {
        const range = ws.getRangeByIndexes(0, 0, r, c);
        range.unmerge();
        range.clear("All");
      });
    }
  } else if (t.exists && t.extent.rows > keep) {
    // History and log rows after the ones kept are replaced: cleared first, then written below.
    const from = keep;
    const count = t.extent.rows - keep;
    const c = Math.max(1, t.extent.cols);
    push(2 * OBJECT + ACTION + 20, (ws) => ws.getRangeByIndexes(from, 0, count, c).clear("All"));
  }

  valueBlocks(layout, push, keep);
  const below = (run: StyleRun): StyleRun | null => {
    if (run.row + run.rows <= keep) return null;
    if (run.row >= keep) return run;
    return { ...run, rows: run.row + run.rows - keep, row: keep };
  };
  const styles = layout.styles.map(below).filter((x): x is StyleRun => x !== null);
  // Borders are all alike (a thin line around each cell) and nothing removes one, so the cells a run borders
  // are gathered and bordered once, as a few rectangles, rather than once per run.
  const withoutBorders: StyleRun[] = [];
  for (const run of styles) {
    if (!run.style.border) withoutBorders.push(run);
    else {
      const { border: _border, ...rest } = run.style;
      if (Object.keys(rest).length > 0) withoutBorders.push({ ...run, style: rest });
    }
  }
  for (const run of coalesceStyles(withoutBorders)) styleCommand(run, push);
  for (const rect of borderedRects(styles)) {
    push(2 * OBJECT + 6 * (OBJECT + 3 * (ACTION + 12)), (ws) =>
      applyBorders(ws.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols), rect),
    );
  }
  for (const m of layout.merges) {
    if (m.row < keep) continue;
    push(OBJECT + ACTION + 20, (ws) => ws.getRangeByIndexes(m.row, m.col, m.rows, m.cols).merge(false));
  }
  for (const g of groups(layout.columnWidths.map((w) => (w > 0 ? charsToPoints(w) : null)))) {
    push(2 * OBJECT + ACTION + 10, (ws) => {
      ws.getRangeByIndexes(0, g.start, 1, g.count).format.columnWidth = g.value;
    });
  }
  for (const g of groups(layout.rowHeights.map((h, r) => (r < keep || h === null ? null : h)))) {
    // Excel refuses a row taller than 409 points (the layout keeps under it; this is the last guard).
    const height = Math.min(MAX_ROW_HEIGHT, g.value);
    push(2 * OBJECT + ACTION + 10, (ws) => {
      ws.getRangeByIndexes(g.start, 0, g.count, 1).format.rowHeight = height;
    });
  }
  if (layout.freezeRows) {
    const frozen = layout.freezeRows;
    push(OBJECT + ACTION + 10, (ws) => ws.freezePanes.freezeRows(frozen));
  }
  if (layout.tabColor) {
    const color = layout.tabColor;
    push(ACTION + 20, (ws) => {
      ws.tabColor = color;
    });
  }
  if (layout.print) printCommands(layout, push);
  for (const chart of layout.charts) {
    push(5 * OBJECT + 3 * ACTION + json(chart.title), (ws) => {
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
      sheet: name,
      phase: "sheet",
      apply: (b) => {
        if (stale !== null) b.context.workbook.names.getItem(stale).delete();
        b.context.workbook.names.add(markerName(layout.role), b.sheet(name).getRange("A1"));
      },
    });
  }
}

type Push = (bytes: number, apply: (ws: Excel.Worksheet, b: WriteBatch) => void) => void;

/**
 * The layout's values and number formats from row `from` on, as rectangles of whole rows of about BLOCK_BYTES
 * each. Number formats go first, so a cell meant as text ("@") is text before its value arrives; every other
 * string is written with a leading apostrophe (ownCellInput), so nothing Excel's typing would read as a number,
 * date, time, fraction or formula ("3E1", "1 1/2", "10:30 AM", "January 5, 2021") is converted.
 */
function valueBlocks(layout: SheetLayout, push: Push, from: number): void {
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
      bytes += json(rows[end]) + json(formats[end]);
      end++;
    }
    const values = rows.slice(start, end);
    const numberFormat = formats.slice(start, end);
    const anyValue = values.some((r) => r.some((v) => v !== null));
    const anyFormat = numberFormat.some((r) => r.some((f) => f !== null));
    const row0 = start;
    if (anyValue || anyFormat) {
      push(2 * OBJECT + 2 * ACTION + bytes, (ws) => {
        const range = ws.getRangeByIndexes(row0, 0, values.length, width);
        if (anyFormat) range.numberFormat = numberFormat;
        if (anyValue) range.values = values;
      });
    }
    start = end;
  }
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

const LOOK_BACK = 64;

function sameStyle(a: CellStyle, b: CellStyle): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof CellStyle)[]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

function overlaps(a: StyleRun, b: StyleRun): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/**
 * Fewer, larger style runs with the same effect: a run is joined to an earlier run with the same style and
 * columns that ends on the row above it, when no run applied between the two touches its cells (so no later
 * style it used to override is now applied after it). A table's rows styled one by one become one run.
 */
export function coalesceStyles(runs: readonly StyleRun[]): StyleRun[] {
  const out: StyleRun[] = [];
  for (const run of runs) {
    let joined = false;
    for (let i = out.length - 1; i >= 0 && i >= out.length - LOOK_BACK; i--) {
      const y = out[i]!;
      if (
        y.col === run.col &&
        y.cols === run.cols &&
        y.row + y.rows === run.row &&
        sameStyle(y.style, run.style)
      ) {
        out[i] = { ...y, rows: y.rows + run.rows };
        joined = true;
        break;
      }
      if (overlaps(y, run)) break;
    }
    if (!joined) out.push({ ...run });
  }
  return out;
}

function styleCommand(run: StyleRun, push: Push): void {
  const s: CellStyle = run.style;
  let bytes = 2 * OBJECT;
  const font = s.bold !== undefined || s.italic !== undefined || s.fontSize !== undefined || !!s.fontColor;
  if (font) bytes += OBJECT + 4 * (ACTION + 10);
  if (s.fill) bytes += OBJECT + ACTION + 10;
  if (s.wrap !== undefined || s.hAlign || s.vAlign) bytes += 3 * (ACTION + 10);
  push(bytes, (ws) => applyStyle(ws.getRangeByIndexes(run.row, run.col, run.rows, run.cols), run, font));
}

function applyStyle(range: Excel.Range, run: StyleRun, font: boolean): void {
  const s = run.style;
  const format = range.format;
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
}

/** A thin line around each cell of a block: its four edges, and the lines inside it where it has them. */
function applyBorders(range: Excel.Range, rect: { rows: number; cols: number }): void {
  const sides: BorderSideName[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
  if (rect.rows > 1) sides.push("InsideHorizontal");
  if (rect.cols > 1) sides.push("InsideVertical");
  for (const side of sides) {
    const border = range.format.borders.getItem(side);
    border.style = "Continuous";
    border.weight = "Thin";
    border.color = BORDER_COLOR;
  }
}

/** The cells that style runs border, as rectangles: spans of each row, stacked where rows have the same span. */
export function borderedRects(
  runs: readonly StyleRun[],
): { row: number; col: number; rows: number; cols: number }[] {
  const byRow = new Map<number, Set<number>>();
  for (const run of runs) {
    if (!run.style.border) continue;
    for (let r = run.row; r < run.row + run.rows; r++) {
      let cols = byRow.get(r);
      if (!cols) byRow.set(r, (cols = new Set()));
      for (let c = run.col; c < run.col + run.cols; c++) cols.add(c);
    }
  }
  const open = new Map<string, { row: number; col: number; rows: number; cols: number }>();
  const out: { row: number; col: number; rows: number; cols: number }[] = [];
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = [...byRow.get(r)!].sort((a, b) => a - b);
    const spans: [number, number][] = [];
    for (const c of cols) {
      const last = spans[spans.length - 1];
      if (last && last[1] === c) last[1] = c + 1;
      else spans.push([c, c + 1]);
    }
    const seen = new Set<string>();
    for (const [c0, c1] of spans) {
      const key = `${c0}:${c1}`;
      seen.add(key);
      const rect = open.get(key);
      if (rect && rect.row + rect.rows === r) rect.rows++;
      else {
        const fresh = { row: r, col: c0, rows: 1, cols: c1 - c0 };
        open.set(key, fresh);
        out.push(fresh);
      }
    }
    for (const key of [...open.keys()]) if (!seen.has(key)) open.delete(key);
  }
  return out;
}

type BorderSideName =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function printCommands(layout: SheetLayout, push: Push): void {
  const p = layout.print!;
  push(2 * OBJECT + 3 * ACTION + 80, (ws) => {
    const page = ws.pageLayout;
    page.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    page.paperSize = "A4";
    // Fit to N pages wide and any number tall (0 = automatic, as the empty "tall" box in Page Setup).
    page.zoom = { horizontalFitToPages: p.fitToPagesWide, verticalFitToPages: 0 };
  });
  if (p.printTitleRows) {
    const t = p.printTitleRows;
    push(4 * OBJECT + ACTION, (ws) => {
      ws.pageLayout.setPrintTitleRows(
        ws.getRangeByIndexes(t.first, 0, t.last - t.first + 1, 1).getEntireRow(),
      );
    });
  }
  if (p.area) {
    const a = p.area;
    push(3 * OBJECT + ACTION, (ws) => {
      ws.pageLayout.setPrintArea(ws.getRangeByIndexes(0, 0, a.rows, a.cols));
    });
  }
  // Manual page breaks where the layout paginates itself (tables repeat their header on each page they run onto,
  // headings stay with their tables). The report is drawn again in place, so its earlier breaks go first.
  const breaks = (p.rowBreaks ?? []).filter((r) => r > 0);
  if (breaks.length > 0 || layout.role === "highlight") {
    push(2 * OBJECT + ACTION + breaks.length * (3 * OBJECT + ACTION), (ws) => {
      ws.horizontalPageBreaks.removePageBreaks();
      for (const r of breaks) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
    });
  }
  if (p.footer) {
    const f = p.footer;
    push(4 * OBJECT + 3 * ACTION + json(f), (ws) => {
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

/** Commands packed in order into requests of at most about `targetBytes` each (a larger command goes alone). */
export function packChunks(commands: readonly WriteCommand[], targetBytes: number): WriteCommand[][] {
  const chunks: WriteCommand[][] = [];
  let chunk: WriteCommand[] = [];
  let size = 0;
  for (const c of commands) {
    if (chunk.length > 0 && size + c.bytes > targetBytes) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(c);
    size += c.bytes;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}
