/**
 * The failure sweep (issue 8, "Done when"): a refresh or a report is run once without failure to count its
 * writes, then once per write with that write failing (Excel applies a request's commands in order and rolls
 * nothing back, so everything before the failing write stays applied). After each failed run:
 * - every RAG cell that changed is in the Change Log (old → new);
 * - the earlier quarters of RAG History and the earlier Change Log lines are all still there;
 * - nothing outside the tool's cells changed (a user's formula on RAG History still points at it);
 * and a second run completes, leaving the workbook as a run without failure leaves it.
 */
import { OperationError } from "../../src/app/operations";
import type { RunResult } from "../../src/app/operations";
import { columnLetters } from "../../src/engine/grid";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { CHANGELOG_HEADERS } from "../../src/engine/report/changelog";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { diffSnapshots, snapshotCells } from "../../tools/excel-sim/excel-model";
import type { CellSnapshot } from "../../tools/excel-sim/excel-model/snapshot";
import { fakeOf, input, opsOf } from "./support";

export const OWN = ["Highlight Report", "RAG History", "Milestone History", "Risk History", "Change Log"];
/** Small requests, so a run is many round trips and failures fall in every one of them. */
export const CHUNK_BYTES = 20_000;

export type Mode = "refresh" | "report";

export async function runOn(model: WorkbookModel, mode: Mode, date?: string): Promise<RunResult> {
  const ops = opsOf(fakeOf(model), { chunkBytes: CHUNK_BYTES });
  return mode === "refresh" ? ops.refreshRag(input(date)) : ops.buildReport(input(date));
}

/** A formula of the user's on a sheet of theirs, written through the fake (as the user would type it). */
export async function userFormula(model: WorkbookModel, sheet: string, cell: string, formula: string) {
  await fakeOf(model).run(async (fakeContext) => {
    const context = fakeContext as unknown as Excel.RequestContext;
    context.workbook.worksheets.getItem(sheet).getRange(cell).formulas = [[formula]];
    await context.sync();
  });
}

/** "Sheet!R12" of every cell a run may write on a programme sheet: RAG cells of item rows and added headers. */
export function ragKeys(a: ProgrammeAnalysis): Set<string> {
  const keys = new Set<string>();
  for (const s of a.sheets) {
    const cols = [s.ragColumn.col, ...(s.computedColumn ? [s.computedColumn.col] : [])];
    for (const i of a.items.filter((x) => x.sheet === s.name))
      for (const c of cols) keys.add(`${s.name}!${columnLetters(c)}${i.row}`);
    if (s.ragColumn.added) keys.add(`${s.name}!${columnLetters(s.ragColumn.col)}${s.headerRow + 1}`);
    if (s.computedColumn?.added)
      keys.add(`${s.name}!${columnLetters(s.computedColumn.col)}${s.headerRow + 1}`);
  }
  return keys;
}

type Snapshot = ReturnType<typeof snapshotCells>;

/** The cells of one sheet of a snapshot, by address. */
function cellsOf(snap: Snapshot, sheet: string): Map<string, CellSnapshot> {
  const out = new Map<string, CellSnapshot>();
  const prefix = `${sheet}!`;
  for (const [key, c] of Object.entries(snap)) if (key.startsWith(prefix)) out.set(c.address, c);
  return out;
}

/** A sheet's rows as text, row by row from row 1 (empty cells ""), to the last used row. */
export function rowsOf(snap: Snapshot, sheet: string): string[][] {
  const cells = cellsOf(snap, sheet);
  let rows = 0;
  let cols = 0;
  for (const c of cells.values()) {
    const m = /^([A-Z]+)(\d+)$/.exec(c.address)!;
    rows = Math.max(rows, Number(m[2]));
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    cols = Math.max(cols, col);
  }
  const out: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) row.push(String(cells.get(`${columnLetters(c)}${r}`)?.value ?? ""));
    out.push(row);
  }
  return out;
}

const SHEET_COL = CHANGELOG_HEADERS.indexOf("Sheet");
const CELL_COL = CHANGELOG_HEADERS.indexOf("Cell");
const OLD_COL = CHANGELOG_HEADERS.indexOf("Old value");
const NEW_COL = CHANGELOG_HEADERS.indexOf("New value");

/** The change log's lines that record a cell (not the runs' summary lines), as "sheet|cell|old|new". */
export function changeLines(snap: Snapshot): string[] {
  return rowsOf(snap, "Change Log")
    .slice(1)
    .filter((r) => r[SHEET_COL] !== "")
    .map((r) => [r[SHEET_COL], r[CELL_COL], r[OLD_COL], r[NEW_COL]].join("|"));
}

/** What must hold right after a run that failed part way (see the file's comment). */
export function checkAfterFailure(
  before: Snapshot,
  now: WorkbookModel,
  allowed: Set<string>,
  where: string,
): void {
  const after = snapshotCells(now);
  const ownNames = new Set(OWN.map((n) => n.toLowerCase()));
  // Nothing outside the tool's cells changed.
  const outside = diffSnapshots(before, after).filter(
    (c) => !ownNames.has(c.sheet.toLowerCase()) && !allowed.has(c.key),
  );
  expect({ where, outside }).toEqual({ where, outside: [] });
  // Every RAG cell that now holds something else than before is in the change log, old → new.
  const logged = new Set(changeLines(after));
  const unlogged: string[] = [];
  for (const key of allowed) {
    const a: CellSnapshot | undefined = before[key];
    const b: CellSnapshot | undefined = after[key];
    const old = a ? String(a.value) : "";
    const neu = b ? String(b.value) : "";
    if (old === "" || old === neu) continue;
    const [sheet, cell] = key.split("!") as [string, string];
    if (!logged.has([sheet, cell, old, neu].join("|"))) unlogged.push(`${key}: ${old} → ${neu}`);
  }
  expect({ where, unlogged }).toEqual({ where, unlogged: [] });
  // Earlier history rows and earlier change log lines are all still there, in place.
  for (const sheet of ["RAG History", "Risk History", "Change Log"]) {
    const was = rowsOf(before, sheet);
    const is = rowsOf(after, sheet).slice(0, was.length);
    expect({ where, sheet, rows: is }).toEqual({ where, sheet, rows: was });
  }
}

/** Everything a run leaves, but the change log's summary lines (a failed run and its rerun each add one). */
export function finalState(model: WorkbookModel): unknown {
  const snap = snapshotCells(model);
  const sheets = model.sheets.map((s) => {
    const isLog = s.name === "Change Log";
    return {
      name: s.name,
      visibility: s.visibility,
      cells: isLog ? [] : [...cellsOf(snap, s.name).values()],
      lines: isLog ? changeLines(snap).sort() : [],
      merges: s.merges.map((m) => `${m.row},${m.col},${m.rows},${m.cols}`).sort(),
      widths: [...s.columnWidths].sort((a, b) => a[0] - b[0]),
      // The change log's row heights are its summary lines' (sized to their words, which differ for a rerun).
      heights: isLog ? [] : [...s.rowHeights].sort((a, b) => a[0] - b[0]),
      freeze: s.freeze,
      tab: s.tabColor,
      page: s.pageLayout,
      charts: s.charts.map((c) => [c.chartType, c.title, c.anchor]),
    };
  });
  const names = model.names.map((n) => `${n.name} ${n.formula}`).sort();
  return { sheets, names };
}

/** Runs the sweep over every write of a run of `mode` on `start`; returns the number of writes swept. */
export async function sweep(start: WorkbookModel, mode: Mode, step = 1): Promise<number> {
  const clean = start.clone();
  const w0 = clean.writes;
  const r = await runOn(clean, mode);
  const writes = clean.writes - w0;
  const allowed = ragKeys(r.analysis);
  const expected = finalState(clean);
  const before = snapshotCells(start);
  for (let k = 1; k <= writes; k += step) {
    const where = `${mode}, write ${k} of ${writes}`;
    const m = start.clone();
    m.failAtWrite = { at: m.writes + k };
    let failed: unknown = null;
    try {
      await runOn(m, mode);
    } catch (e) {
      failed = e;
    }
    expect({ where, failed: failed instanceof OperationError }).toEqual({ where, failed: true });
    checkAfterFailure(before, m, allowed, where);
    m.failAtWrite = null;
    await runOn(m, mode);
    expect({ where, state: finalState(m) }).toEqual({ where, state: expected });
  }
  return writes;
}
