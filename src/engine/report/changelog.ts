/**
 * The "Change Log" sheet: one line per refresh or report (when, what, how many cells changed) and one per
 * RAG cell whose content changed, old → new, so nothing the tool overwrites is lost without a record.
 */
import type { DateSystem } from "../dates";
import { excelSerialFromJsDate } from "../dates";
import { cellAddress } from "../grid";
import type { CellValue, SheetGrid } from "../grid";
import type { LayoutValue, RagCellValue, RagColumnWrite, SheetLayout } from "../plan";
import { readText } from "../read/cells";
import { FORMAT, SheetBuilder, ownSheetFooter } from "./sheet-builder";

export const CHANGELOG_SHEET = "Change Log";
export const CHANGELOG_HEADERS = [
  "When",
  "Action",
  "Sheet",
  "Cell",
  "Ref",
  "Name",
  "Old value",
  "New value",
] as const;

export interface ChangeRow {
  /** Excel serial date-time (local time of the run). */
  when: number;
  action: string;
  sheet: string;
  cell: string;
  ref: string | null;
  name: string | null;
  old: string | null;
  now: string | null;
}

/**
 * The change log rows already in the workbook, kept as they are (the log is only ever appended to), in the
 * tool's column order. The sheet is read by its header names, not by position: a log written with fewer
 * columns, or with a column between them, reads the same; a column the tool does not know is not carried. The
 * header row is the first row naming "When" and "New value"; the grid's columns are used as they are, so a
 * grid that starts at another column than A (its colOffset) reads the same.
 */
export function readChangeLog(grid: SheetGrid | null, dateSystem: DateSystem = 1900): LayoutValue[][] {
  if (!grid) return [];
  const values = grid.values;
  const norm = (v: CellValue) => (readText(v ?? null) ?? "").toLowerCase();
  const wanted = CHANGELOG_HEADERS.map((h) => h.toLowerCase());
  let headerIndex = -1;
  let cols: number[] = [];
  for (let r = 0; r < values.length && headerIndex < 0; r++) {
    const row = values[r] ?? [];
    const names = row.map(norm);
    const at = wanted.map((h) => names.indexOf(h));
    if (at[0]! >= 0 && at[at.length - 1]! >= 0) {
      headerIndex = r;
      cols = at;
    }
  }
  if (headerIndex < 0) return [];
  const out: LayoutValue[][] = [];
  for (let r = headerIndex + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    if (row.every((v) => v == null || v === "")) continue;
    out.push(cols.map((c) => (c < 0 ? null : layoutValue(row[c] ?? null, dateSystem))));
  }
  return out;
}

/**
 * Changes the log already records as the latest line for their cell (same sheet, cell, old and new value): a
 * run that logged them and then stopped before writing the cells. Running again writes the cells and does not
 * log them twice.
 */
export function alreadyLogged(
  existing: readonly LayoutValue[][],
  changes: readonly ChangeRow[],
): Set<ChangeRow> {
  const latest = new Map<string, LayoutValue[]>();
  for (const row of existing) {
    const sheet = row[2];
    const cell = row[3];
    if (typeof sheet === "string" && typeof cell === "string") latest.set(`${sheet}\u0000${cell}`, row);
  }
  const out = new Set<ChangeRow>();
  for (const c of changes) {
    const row = latest.get(`${c.sheet}\u0000${c.cell}`);
    if (row && String(row[6] ?? "") === (c.old ?? "") && String(row[7] ?? "") === (c.now ?? "")) out.add(c);
  }
  return out;
}

function layoutValue(v: CellValue, dateSystem: DateSystem): LayoutValue {
  if (v instanceof Date) return excelSerialFromJsDate(v, dateSystem);
  if (v === undefined) return null;
  return v;
}

/**
 * The cells this run overwrites: every RAG (and computed RAG) cell that held something else. Each planned cell
 * carries its item's reference and name and the cell's text before the run, so nothing is joined back here.
 */
export function changedCells(plan: readonly RagColumnWrite[], when: number, action: string): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const col of plan) {
    for (const cell of col.cells) {
      const pairs: [number, RagCellValue][] = [];
      if (cell.rag) pairs.push([col.rag.col, cell.rag]);
      if (col.computed && cell.computed) pairs.push([col.computed.col, cell.computed]);
      for (const [c, v] of pairs) {
        // Filling an empty cell loses nothing: only overwrites are logged, one row each (the run's summary line
        // counts the cells it filled).
        if (v.before === null || v.before === v.value) continue;
        rows.push({
          when,
          action,
          sheet: col.sheet,
          cell: cellAddress(cell.row, c),
          ref: cell.ref,
          name: cell.name,
          old: v.before,
          now: v.value,
        });
      }
    }
  }
  return rows;
}

/** A run's summary line as read back: no sheet and no cell, its words under Name, nothing under Old or New. */
function isSummaryLine(row: readonly LayoutValue[]): boolean {
  const empty = (v: LayoutValue | undefined) => v == null || v === "";
  return empty(row[2]) && empty(row[3]) && typeof row[5] === "string" && empty(row[6]) && empty(row[7]);
}

export function changeLogLayout(
  existing: readonly LayoutValue[][],
  changes: readonly ChangeRow[],
  summary: { when: number; action: string; text: string },
): SheetLayout {
  const b = new SheetBuilder("changelog", CHANGELOG_SHEET, "end");
  // Action 20 wide, so "Build highlight report" (95 points of Calibri 11) fits on one line in Excel too.
  b.widths = [17, 20, 20, 8, 8, 40, 16, 16];
  b.freezeRows = 1;
  b.row(0, 0, [...CHANGELOG_HEADERS], [], { bold: true, fill: "#D9E1F2", border: true });
  let r = 1;
  const formats = [FORMAT.dateTime, null, null, null, FORMAT.text, null, FORMAT.text, FORMAT.text];
  // A run's summary line (no sheet, no cell, its words under Name) is wrapped in Name, and its row sized to it,
  // so it prints whole inside the page instead of running past its right edge. Not merged: the file adapter
  // keeps the log's earlier rows byte for byte and only adds rows, and a wrap and a row height travel with
  // their row, where a merge would not. An earlier run's summary, laid out again, is wrapped the same.
  const summaryRow = (at: number) => {
    b.style(at, 0, 1, 5, { vAlign: "top" });
    b.style(at, 5, 1, 1, { wrap: true, vAlign: "top" });
  };
  for (const row of existing) {
    b.row(r, 0, row, formats);
    if (isSummaryLine(row)) summaryRow(r);
    else b.wrapOverflowing(r, 0, CHANGELOG_HEADERS.length);
    r++;
  }
  b.row(r, 0, [summary.when, summary.action, null, null, null, summary.text, null, null], formats);
  summaryRow(r++);
  // A change row whose item name (or any other text) is longer than its column is wrapped, its row sized to it,
  // so Old value no longer cuts the name off; it travels with its row as the summary's wrap does.
  for (const c of changes) {
    b.row(r, 0, [c.when, c.action, c.sheet, c.cell, c.ref, c.name, c.old, c.now], formats);
    b.wrapOverflowing(r++, 0, CHANGELOG_HEADERS.length);
  }
  // Printed landscape, one page wide, with the header row on every page.
  b.print = {
    orientation: "landscape",
    paperSize: "A4",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 0 },
    firstPageNumber: 1,
    footer: ownSheetFooter(CHANGELOG_SHEET),
  };
  return b.build();
}
