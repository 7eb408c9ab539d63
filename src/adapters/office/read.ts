/**
 * Reading the workbook for a run, in round trips that grow with the size of the sheets only:
 *
 * 1. worksheets (name, visibility, position), the workbook names (to find the ProgrammeRAG_* markers of the
 *    add-in's own sheets) and the saved settings, and the active sheet's size and head (below): the sheet the
 *    user is on is usually the programme sheet;
 * 2. every other sheet's used range (its size), and the head of each sheet (its first FORMAT_HEAD_ROWS rows:
 *    values and number formats, all the engine looks at to find the header and profile the columns), with the
 *    first rows below the active sheet's head; an added column's header copies its neighbour's format in the
 *    write request (Range.copyFrom), so no formats are read for it;
 * 3. (as needed) the rest of each sheet's values, with the number formats of only the columns the engine reads
 *    them in (engine/snapshot.ts readNeeds), and the formulas of the RAG columns and the place of the tables on
 *    programme sheets, in requests sized to stay under Excel on the web's 5 MB answer limit. A council-sized
 *    workbook is read in two round trips (three when it has a RAG column of its own or a table).
 *
 * An answer Excel still finds too large is read again in halves. Nothing is written here.
 *
 * Merged cells come with each sheet's used range in round trips 1 and 2 (Range.getMergedAreasOrNullObject,
 * ExcelApi 1.13, one address per sheet), so the engine can refuse an amount merged over two or more items as the
 * command line does (SheetGrid.merges). Where Excel is older than 1.13, or cannot list the merged areas (over 512
 * in a sheet, Microsoft's reference says, and the request fails), the sheets are read without them and each sheet
 * with a header says in its data notes that merged cells could not be checked.
 */
import type { ColIndex, RowIndex } from "../../engine/coords";
import type { CellValue, SheetGrid } from "../../engine/grid";
import { addedColumnPlaces } from "../../engine/read/sheet";
import { cellAddress, columnLetters, isBlank } from "../../engine/grid";
import type { Issue } from "../../engine/model";
import type { OwnSheetRole } from "../../engine/plan";
import { roleFromMarker } from "../../engine/own-sheets";
import type { ReadNeeds, WorkbookName, WorkbookSnapshot } from "../../engine/snapshot";
import {
  FORMAT_HEAD_ROWS,
  markerTargets as engineMarkerTargets,
  readNeeds,
  workbookSnapshot,
} from "../../engine/snapshot";
import type { SavedSettings } from "../../app/operations";
import { excelErrorCode } from "./errors";
import type { DateSystem } from "../../engine/dates";
import { queueDateSystemProbe } from "./date-system";
import { SETTINGS_KEY, settingsFromJson } from "./settings";
import type { Syncer } from "./sync";
import type { DayNumber } from "../../engine/dates";
import { excelSerialFromDay } from "../../engine/dates";
import { CHANGELOG_HEADERS } from "../../engine/report/changelog";
import { HISTORY_HEADERS } from "../../engine/report/history";
import { MILESTONE_HISTORY_HEADERS } from "../../engine/report/milestone-history";
import { RISK_HISTORY_HEADERS } from "../../engine/report/risk-history-columns";

export interface SheetInfo {
  name: string;
  visibility: string;
  position: number;
}

export interface WorkbookRead {
  sheets: SheetInfo[];
  /**
   * The add-in's own sheets that exist, by role: the sheet its ProgrammeRAG_* name marks when the content agrees,
   * or an unmarked sheet of the wanted name holding the add-in's layout (findOwnSheet).
   */
  own: Map<OwnSheetRole, string>;
  /** Roles whose own sheet carries its marker (the others get theirs once written). */
  marked: Set<OwnSheetRole>;
  /** Sheets with worksheet protection on. */
  protectedSheets: Set<string>;
  /** Whether the workbook's structure is protected (no sheet can be added). */
  structureProtected: boolean;
  /** The charts on the own highlight sheet, by name (deleted before it is drawn again). */
  highlightCharts: string[];
  /** The own sheets' used extent (rows and columns from A1), to clear what a rewrite no longer needs. */
  ownExtent: Map<OwnSheetRole, { rows: number; cols: number }>;
  /** Sheets whose used range reaches beyond what was read (a stray value far right or bottom), as warnings. */
  passedOver: Issue[];
  /** The Excel tables (ListObjects) on each sheet read, by name. */
  tables: Map<string, string[]>;
  /**
   * Where the tables are on programme sheets (read with the rest of the sheets, for a run that writes): a column
   * added right of a table is added through the table.
   */
  tableRects: Map<string, TableRect[]>;
  /** The ProgrammeRAG_* names present (broken ones too), by role, as Excel spells them. */
  markers: Map<OwnSheetRole, string>;
  settings: SavedSettings | null;
  /** Why the saved settings were not used, when they could not be read. */
  settingsProblem: string | null;
  /** How the workbook's serials count days (date-system.ts). */
  dateSystem: DateSystem;
  /**
   * What the engine takes: one grid per sheet in workbook order (hidden sheets with no cells: the engine passes
   * them over), the own sheets by role, and (for a run that writes) the RAG columns' formula cells.
   */
  snapshot: WorkbookSnapshot;
  /** The own history and change log sheets' grids. */
  ownGrids: Map<OwnSheetRole, SheetGrid>;
  /**
   * Of the growing own sheets read by a window (growingWindow), the sheet rows left out of the grid: the grid's
   * row 0 is the sheet's row 0 (the header) and its row i >= 1 the sheet's row i + dropped (the command line's
   * `ReadSheet.dropped`). Absent or 0: the grid is the whole sheet.
   */
  ownDropped: Map<OwnSheetRole, number>;
}

/** A table's place: header row, first column, rows (header included) and columns. */
export interface TableRect {
  name: string;
  row: RowIndex;
  col: ColIndex;
  rows: number;
  cols: number;
}

export interface ReadOptions {
  /** Cells of values asked for in one round trip at most when reading in blocks. */
  cellsPerSync: number;
  /** Bytes an answer is planned to stay under (Excel on the web refuses answers over 5 MB). */
  bytesPerSync: number;
  /** Whether to read the RAG columns' formulas and the tables' places (a run that writes; a scan does not). */
  forWriting: boolean;
  /**
   * Whether Excel can list merged areas (ExcelApi 1.13: operations.ts asks Office.context.requirements). Absent
   * or false: not asked for, and the sheets with a header say so in their data notes.
   */
  merges?: boolean;
  /**
   * The first day of the period the run reports (the engine's cycleStart of its reporting date and cycle), from
   * the settings saved in the workbook (known after the first round trip): of the RAG, Milestone and Risk
   * Histories only the window the engine needs is read (growingWindow). Absent: they are read whole.
   */
  reportFrom?: (settings: SavedSettings | null) => DayNumber;
}

/**
 * The add-in's sheets that grow by rows every run, read as the command line reads them (read-workbook.ts
 * `historyRows` and `RECENT_ROWS`, read-sheet.ts `RecentRows`): the header and the rows the engine needs, so a
 * history of any length up to Excel's last row is read in round trips that grow with the window only. A snapshot
 * sheet: the last snapshot (one reporting date's rows) before the period reported, which the report compares
 * with, and every row from that period on; its earlier snapshots are left out only while they come in date
 * order. The Change Log: the last run's lines (from its last summary line, which has no sheet). Only a sheet
 * its ProgrammeRAG_* name marks, whose first row from A1 is exactly the layout's header, is windowed; any other
 * is read whole.
 */
export interface GrowingWindow {
  header: readonly string[];
  /** The column whose values mark where a block of rows starts. */
  keyColumn: number;
  /** A snapshot sheet: blocks by reporting date, the window from `start` (a serial). Else the last block. */
  start: number | null;
}

/** The roles whose sheets grow, and their windows (start null: the change log's last run). */
export function growingWindow(role: OwnSheetRole, start: number | null): GrowingWindow | null {
  const snapshot = (header: readonly string[]): GrowingWindow | null =>
    start === null ? null : { header, keyColumn: header.indexOf("Reporting date"), start };
  if (role === "history") return snapshot(HISTORY_HEADERS);
  if (role === "milestoneHistory") return snapshot(MILESTONE_HISTORY_HEADERS);
  if (role === "riskHistory") return snapshot(RISK_HISTORY_HEADERS);
  if (role === "changelog")
    return { header: CHANGELOG_HEADERS, keyColumn: CHANGELOG_HEADERS.indexOf("Sheet"), start: null };
  return null;
}

/**
 * The sheet row the window starts at (1: nothing left out), from each sheet row's key (index: the sheet row;
 * row 0 is the header), as the command line's reader decides it (read-sheet.ts): a snapshot sheet's block starts
 * where the key changes to another value (a blank key starts none), and the blocks before the last one before
 * `start` are left out while every one of them has a date no later than the next; a block dated before one left
 * out (a sheet sorted otherwise) reads the sheet whole. The change log's blocks start at each blank key (a run's
 * summary line), and only the last is read.
 */
export function windowStartRow(keys: readonly unknown[], w: GrowingWindow): number {
  const keyOf = (v: unknown) => (v === null || v === undefined || v === "" ? null : v);
  if (w.start === null) {
    let last = 1;
    for (let r = 2; r < keys.length; r++) if (keyOf(keys[r]) === null) last = r;
    return last;
  }
  const starts: number[] = [];
  const values: (number | null)[] = [];
  let droppedUpTo = -Infinity;
  let dropped = false;
  let previous: unknown = null;
  for (let r = 1; r < keys.length; r++) {
    const key = keyOf(keys[r]);
    if (starts.length === 0 || (key !== null && key !== previous)) {
      const v = typeof key === "number" ? Math.floor(key) : null;
      if (v !== null && v < droppedUpTo) return 1;
      if (v !== null && v < w.start && v >= droppedUpTo) {
        let n = 0;
        while (n < starts.length && values[n] !== null && values[n]! <= v) n++;
        if (n === starts.length && n > 0) {
          for (let i = 0; i < n; i++) droppedUpTo = Math.max(droppedUpTo, values[i]!);
          starts.length = 0;
          values.length = 0;
          dropped = true;
        }
      }
      starts.push(r);
      values.push(v);
    }
    previous = key;
  }
  return dropped && starts.length > 0 ? starts[0]! : 1;
}

/** Whether a sheet's head starts at A1 with exactly the window's header (then it may be read by its window). */
function startsWithHeader(head: SheetGrid, u: Block, header: readonly string[]): boolean {
  if (u.row !== 0 || u.col !== 0) return false;
  const first = head.values[0] ?? [];
  return (
    header.every((h, c) => first[c] === h) && first.slice(header.length).every((v) => isBlank(v as CellValue))
  );
}

/** Why merged cells could not be checked, in the data notes of each sheet with a header. */
const MERGES_UNSUPPORTED =
  "this version of Excel does not tell add-ins which cells are merged (that needs the Excel JavaScript API 1.13: Microsoft 365, Excel 2024 or Excel on the web)";
const MERGES_FAILED =
  "Excel could not list the workbook's merged cells (it lists at most 512 merged areas in a sheet), so the sheets were read again without them";

function mergesNote(sheet: string, why: string): Issue {
  return {
    sheet,
    cell: "",
    severity: "warning",
    message: `Merged cells could not be checked: ${why}. An amount merged over two or more items would be counted for the first of them only; check that no money cell is merged down over several items.`,
  };
}

/** Errors after which a read that asked for merged areas is tried once more without them. */
const NOT_FROM_MERGES = new Set(["InvalidOperationInCellEditMode", "AccessDenied"]);

type Block = { row: RowIndex; col: ColIndex; rows: number; cols: number };
/** Number formats of a rectangle of a block's rows: all its columns in the head, the columns the engine reads below. */
type Formats = { col: ColIndex; cols: number; numberFormat: unknown[][] };
type Loaded = Block & { values: unknown[][]; formats: Formats[] };

/** One thing a round trip asks for, once the sizes are known. */
type Ask =
  | { kind: "cells"; sheet: string; block: Block; formatCols: readonly number[] | "all"; rowBytes?: number }
  | {
      kind: "formulas";
      sheet: string;
      block: Block;
      rowBytes?: number;
      /** A column where the engine may add one (right of the header, inside the used range): see placeAsks. */
      place?: boolean;
    }
  | { kind: "table"; sheet: string; name: string }
  /** A growing sheet's key column below its head (the values only), to find where its window starts. */
  | { kind: "keys"; sheet: string; block: Block; rowBytes: number }
  /** Where a block right of the header holds formulas (placeAsks): the cells' addresses only. */
  | { kind: "places"; sheet: string; block: Block };

/** Room left for each other sheet's head in the request that also carries the active sheet's first rows. */
const OTHER_HEAD_BYTES = 100_000;

const TOO_BIG = new Set(["ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

/** Bytes of a cell's value or format in an answer when nothing better is known (a long text, a date format). */
const GUESS_CELL_BYTES = 24;

/** Excel's rows in a sheet (1,048,576): a growing sheet of the add-in's is read to its last row. */
export const EXCEL_ROWS = 1_048_576;

/** A growing sheet read by its window: its used range, head, and the window's first sheet row once known. */
interface Windowed {
  window: GrowingWindow;
  u: Block;
  head: SheetGrid;
  /** The columns whose number formats the engine reads below the head (readNeeds), as for any sheet. */
  formats: readonly number[] | "all";
  /** The sheet row the window starts at (1: the whole sheet); null until the keys below the head are in. */
  startRow: number | null;
}

/** Each sheet row's key (index: the sheet row), from the head and the key blocks read below it. */
function keysOf(w: Windowed, blocks: readonly { row: number; values: unknown[][] }[]): unknown[] {
  const end = w.u.row + w.u.rows;
  const keys = new Array<unknown>(end).fill(null);
  const col = w.window.keyColumn - w.head.colOffset;
  for (let r = 0; r < Math.min(end, w.head.values.length); r++) keys[r] = w.head.values[r]?.[col] ?? null;
  for (const b of blocks)
    for (let i = 0; i < b.values.length; i++) keys[b.row + i] = b.values[i]?.[0] ?? null;
  return keys;
}

/**
 * For each windowed sheet whose key column has come in whole: where its window starts, and the ask for its
 * rows below the head from there (none when the head holds them all).
 */
function windowAsks(windowed: Map<string, Windowed>, out: AskResults): Ask[] {
  const asks: Ask[] = [];
  for (const [sheet, w] of windowed) {
    if (w.startRow !== null) continue;
    const blocks = out.keys.get(sheet) ?? [];
    const end = w.u.row + w.u.rows;
    if (blocks.reduce((n, b) => n + b.values.length, 0) < end - FORMAT_HEAD_ROWS) continue;
    w.startRow = windowStartRow(keysOf(w, blocks), w.window);
    const from = Math.max(FORMAT_HEAD_ROWS, w.startRow);
    if (from < end)
      asks.push({
        kind: "cells",
        sheet,
        block: { row: from, col: w.u.col, rows: end - from, cols: w.u.cols },
        formatCols: w.formats,
        rowBytes: rowBytes(w.head, w.formats, w.u),
      });
  }
  return asks;
}

/**
 * Blocks of a sheet read by its window as the grid's rows: the header (sheet row 0) stays row 0, the sheet's
 * rows from `shift` + 1 on become rows 1, 2, ...; the rows between are left out.
 */
function windowBlocks(blocks: readonly Loaded[], shift: number): Loaded[] {
  const out: Loaded[] = [];
  const cut = (b: Loaded, from: number, to: number, at: number) => {
    const lo = Math.max(from, b.row);
    const hi = Math.min(to, b.row + b.rows);
    if (hi <= lo) return;
    const i = lo - b.row;
    const j = hi - b.row;
    out.push({
      row: at + lo - from,
      col: b.col,
      rows: hi - lo,
      cols: b.cols,
      values: b.values.slice(i, j),
      formats: b.formats.map((f) => ({ ...f, numberFormat: f.numberFormat.slice(i, j) })),
    });
  };
  for (const b of blocks) {
    cut(b, 0, 1, 0);
    cut(b, shift + 1, Infinity, 1);
  }
  return out;
}

export async function readWorkbook(
  context: Excel.RequestContext,
  syncer: Syncer,
  options: ReadOptions,
): Promise<WorkbookRead> {
  if (!options.merges) return readOnce(context, syncer, { ...options, merges: false }, MERGES_UNSUPPORTED);
  try {
    return await readOnce(context, syncer, options, null);
  } catch (e) {
    // Getting the merged areas fails over 512 in a range (the code Excel gives then is not documented), and a
    // failed request fails the read: read again without them rather than not at all.
    const code = excelErrorCode(e);
    if (code === null || NOT_FROM_MERGES.has(code) || TOO_BIG.has(code)) throw e;
    return readOnce(context, syncer, { ...options, merges: false }, MERGES_FAILED);
  }
}

async function readOnce(
  context: Excel.RequestContext,
  syncer: Syncer,
  options: ReadOptions,
  /** Why merged cells were not asked for (null: they were). */
  mergesUnchecked: string | null,
): Promise<WorkbookRead> {
  const merges = options.merges === true;
  let meta: Awaited<ReturnType<typeof readMeta>>;
  // A head too large for one answer (a very wide sheet) is not asked for whole again.
  let headsTooBig = false;
  try {
    meta = await readMeta(context, syncer, true, merges);
  } catch (e) {
    if (!TOO_BIG.has(excelErrorCode(e) ?? "")) throw e;
    headsTooBig = true;
    meta = await readMeta(context, syncer, false, merges);
  }
  const targets = new Set(meta.markerTargets.values());
  const toRead = meta.sheets.filter((s) => s.visibility === "Visible" || targets.has(s.name));
  const candidates = new Set(toRead.filter((s) => s.visibility === "Visible").map((s) => s.name));
  const activeName = meta.active?.name;
  const activeSheet = toRead.find((s) => s.name === activeName);
  const active = activeSheet && meta.active ? { sheet: activeSheet, read: meta.active.read } : null;
  const others = active ? toRead.filter((s) => s !== active.sheet) : toRead;

  // The growing sheets the markers point at, read by their windows (growingWindow) up to Excel's last row.
  const start = options.reportFrom
    ? excelSerialFromDay(options.reportFrom(meta.settings), meta.dateSystem)
    : null;
  const growing = new Map<string, GrowingWindow>();
  for (const [role, sheet] of meta.markerTargets) {
    const w = growingWindow(role, start);
    if (w) growing.set(sheet, w);
  }
  /** A growing sheet's used range to its last row (within READ_COLUMNS), whatever READ_ROWS reads of others. */
  const usedOf = (name: string, hr: HeadsRead): Block | undefined => {
    const u = hr.used.get(name);
    const whole = hr.whole.get(name);
    if (!u || !whole || !growing.has(name)) return u;
    const end = Math.min(whole.row + whole.rows, EXCEL_ROWS);
    return end > u.row + u.rows ? { ...u, rows: end - u.row } : u;
  };
  /** The sheets read by their window: the head, and (once the keys below the head are in) where it starts. */
  const windowed = new Map<string, Windowed>();

  // What the engine needs below a sheet's head (engine/snapshot.ts): the rest of the sheet, the RAG columns'
  // formulas and the tables' places, each with the bytes a row of it costs in an answer.
  const sheetAsks = (s: SheetInfo, u: Block, headBlocks: readonly Loaded[], tables: readonly string[]) => {
    const asks: Ask[] = [];
    const headRows = Math.max(0, Math.min(u.row + u.rows, FORMAT_HEAD_ROWS) - u.row);
    const head = assemble(s, { ...u, rows: headRows }, headBlocks);
    const needs: ReadNeeds = candidates.has(s.name)
      ? readNeeds(head)
      : { formats: [], ragColumns: [], headerRow: null };
    const window = growing.get(s.name);
    if (window && startsWithHeader(head, u, window.header)) {
      // The key column below the head first; the window's rows once it is known (windowAsks).
      const w: Windowed = { window, u, head, formats: needs.formats, startRow: null };
      windowed.set(s.name, w);
      const end = u.row + u.rows;
      if (end <= FORMAT_HEAD_ROWS) {
        w.startRow = windowStartRow(keysOf(w, []), window);
        return asks;
      }
      asks.push({
        kind: "keys",
        sheet: s.name,
        block: { row: FORMAT_HEAD_ROWS, col: window.keyColumn, rows: end - FORMAT_HEAD_ROWS, cols: 1 },
        rowBytes: columnBytes(head, window.keyColumn, 1),
      });
      return asks;
    }
    const restFrom = Math.max(u.row, FORMAT_HEAD_ROWS);
    if (u.row + u.rows > restFrom)
      asks.push({
        kind: "cells",
        sheet: s.name,
        block: { row: restFrom, col: u.col, rows: u.row + u.rows - restFrom, cols: u.cols },
        formatCols: needs.formats,
        rowBytes: rowBytes(head, needs.formats, u),
      });
    if (needs.headerRow !== null) {
      headed.add(s.name);
      places.push(...placeAsks(s, u, head, needs.headerRow));
    }
    // A used range whose head reads blank holds formulas showing "" (or only white space): where the formulas are
    // is asked for, so the engine never takes such a sheet for an empty one of its own a stopped run left and
    // writes over it (own-sheets.ts; issue 14, "a cell with a formula is never empty"). Rare: no ask otherwise.
    if (options.forWriting && head.values.length > 0 && head.values.every((r) => r.every(isBlank)))
      asks.push(...formulaCellsAsk(s, u));
    if (!options.forWriting || needs.headerRow === null) return asks;
    const first = needs.headerRow + 1;
    const last = u.row + u.rows - 1;
    if (last >= first)
      for (const col of needs.ragColumns)
        asks.push({
          kind: "formulas",
          sheet: s.name,
          block: { row: first, col, rows: last - first + 1, cols: 1 },
          rowBytes: columnBytes(head, col, first),
        });
    // A column the add-in adds right of a table is added through the table.
    for (const name of tables) asks.push({ kind: "table", sheet: s.name, name });
    return asks;
  };
  const perRowOf = (a: Ask) => (a.kind === "table" || a.kind === "places" ? 0 : (a.rowBytes ?? 0));
  const bytesOf = (a: Ask) =>
    a.kind === "table" ? 200 : a.kind === "places" ? PLACES_BYTES : a.block.rows * perRowOf(a);
  const out = emptyResults();
  /** Sheets where the engine finds a header (readNeeds): a merged-cells note goes on each. */
  const headed = new Set<string>();
  // The formulas of the columns the engine may add to (placeAsks), taken with the rest of the reads when there are
  // any (then markFormulaPlaces needs no round trip for them).
  const places: Ask[] = [];

  // The active sheet's rows below its head start in the same round trip as the other sheets' heads, in a
  // request that leaves room for those heads (OTHER_HEAD_BYTES each).
  let first: readonly Ask[] = [];
  let later: Ask[] = [];
  if (active) {
    const name = active.sheet.name;
    const u = usedOf(name, active.read);
    const asks = u
      ? sheetAsks(
          active.sheet,
          u,
          active.read.heads.get(name) ?? [],
          active.read.extras.tables.get(name) ?? [],
        )
      : [];
    const budget = options.bytesPerSync - OTHER_HEAD_BYTES * others.length;
    if (asks.some((a) => a.kind === "cells") && budget > 0) {
      const groups = packAsks(asks, bytesOf, { ...options, bytesPerSync: budget }, perRowOf);
      first = groups[0] ?? [];
      later = groups.slice(1).flat();
    } else later = asks;
  }

  let read: HeadsRead | null = null;
  if (first.length > 0) {
    try {
      read = await readHeads(context, syncer, others, merges, () => queueGroup(context, first, out));
    } catch (e) {
      if (!TOO_BIG.has(excelErrorCode(e) ?? "")) throw e;
      // Too much with the active sheet's rows: the heads alone, and those rows with the rest.
      later = [...first, ...later];
    }
  }
  if (!read && others.length > 0) read = await readOtherHeads(context, syncer, others, options, headsTooBig);
  const empty: HeadsRead = {
    heads: new Map(),
    used: new Map(),
    whole: new Map(),
    merges: new Map(),
    extras: {
      protectedSheets: new Set(),
      tables: new Map(),
      charts: new Map(),
      shapes: new Set(),
      passedOver: [],
    },
  };
  const all = joinHeads(active?.read ?? empty, read ?? empty);
  const { heads, used, extras } = all;
  for (const name of growing.keys()) {
    const u = usedOf(name, all);
    if (u) used.set(name, u);
  }
  // A growing sheet is read to its last row: its rows below READ_ROWS are not passed over.
  if (extras.passedOver)
    extras.passedOver = extras.passedOver.filter((i) => {
      const whole = all.whole.get(i.sheet);
      return !(growing.has(i.sheet) && whole && whole.col + whole.cols <= READ_COLUMNS);
    });

  const asks: Ask[] = [...later];
  for (const s of others) {
    const u = used.get(s.name);
    if (u) asks.push(...sheetAsks(s, u, heads.get(s.name) ?? [], extras.tables.get(s.name) ?? []));
  }
  if (asks.length > 0)
    for (const a of places) {
      asks.push(a);
      const cols = out.placesRead.get(a.sheet) ?? new Map<number, { from: number; to: number }>();
      if (a.kind === "formulas" || a.kind === "places")
        for (let c = a.block.col; c < a.block.col + a.block.cols; c++)
          cols.set(c, { from: a.block.row, to: a.block.row + a.block.rows - 1 });
      out.placesRead.set(a.sheet, cols);
    }
  // The key columns go first, so the windows' rows can be asked for with the rest of the reads.
  asks.sort((a, b) => Number(b.kind === "keys") - Number(a.kind === "keys"));
  const pack = (list: readonly Ask[]) => packAsks(list, bytesOf, options, perRowOf);
  const rest = await readAsks(context, syncer, pack(asks), out, () => windowAsks(windowed, out), pack);

  const grids: SheetGrid[] = [];
  const wasRead = new Set(toRead.map((s) => s.name));
  for (const s of meta.sheets) {
    const u = used.get(s.name);
    const blocks = [...(heads.get(s.name) ?? []), ...(rest.cells.get(s.name) ?? [])];
    const w = windowed.get(s.name);
    const shift = w?.startRow ? w.startRow - 1 : 0;
    const grid = !u
      ? emptyGrid(s)
      : shift > 0
        ? assemble(s, { ...u, rows: u.row + u.rows - shift }, windowBlocks(blocks, shift))
        : assemble(s, u, blocks);
    const merged = all.merges.get(s.name);
    if (u && merged && merged.length > 0) grid.merges = merged;
    // A chart, table, picture or shape on it makes a sheet the user's even with no values (own-sheets.ts): never
    // an empty sheet a stopped run left.
    if (
      (extras.charts.get(s.name)?.length ?? 0) > 0 ||
      (extras.tables.get(s.name)?.length ?? 0) > 0 ||
      extras.shapes.has(s.name)
    )
      grid.objects = true;
    grids.push(grid);
  }
  const placed = grids.filter((g) => candidates.has(g.name));
  for (const g of grids) markPlaceFormulas(g, out.placeFormulas.get(g.name) ?? []);
  await markFormulaPlaces(context, syncer, placed, used, out.placesRead);
  const snapshot = workbookSnapshot({
    sheets: grids,
    names: meta.names,
    dateSystem: meta.dateSystem,
    // A sheet read and found empty counts as read (an own sheet added by a run that stopped at once).
    notRead: new Set(meta.sheets.filter((s) => !wasRead.has(s.name)).map((s) => s.name)),
    ...(options.forWriting ? { formulaCells: rest.formulaCells } : {}),
    readIssues: extras.passedOver ?? [],
  });
  if (mergesUnchecked !== null) {
    const ownSheets = new Set([...snapshot.own.values()].map((o) => o.sheet));
    const notes = [...headed].filter((n) => !ownSheets.has(n)).map((n) => mergesNote(n, mergesUnchecked));
    if (notes.length > 0) snapshot.readIssues = [...(snapshot.readIssues ?? []), ...notes];
  }
  const own = new Map<OwnSheetRole, string>();
  const marked = new Set<OwnSheetRole>();
  const ownGrids = new Map<OwnSheetRole, SheetGrid>();
  const ownExtent = new Map<OwnSheetRole, { rows: number; cols: number }>();
  const ownDropped = new Map<OwnSheetRole, number>();
  for (const [role, found] of snapshot.own) {
    own.set(role, found.sheet);
    const startRow = windowed.get(found.sheet)?.startRow ?? 1;
    if (startRow > 1) ownDropped.set(role, startRow - 1);
    if (found.marked) marked.add(role);
    const grid = grids.find((g) => g.name === found.sheet);
    if (grid) ownGrids.set(role, grid);
    const u = used.get(found.sheet);
    if (u) ownExtent.set(role, { rows: u.row + u.rows, cols: u.col + u.cols });
  }
  const highlight = own.get("highlight");
  return {
    sheets: meta.sheets,
    snapshot,
    own,
    marked,
    markers: meta.markers,
    settings: meta.settings,
    settingsProblem: meta.settingsProblem,
    dateSystem: meta.dateSystem,
    ownGrids,
    ownDropped,
    protectedSheets: extras.protectedSheets,
    structureProtected: meta.structureProtected,
    highlightCharts: highlight === undefined ? [] : (extras.charts.get(highlight) ?? []),
    ownExtent,
    passedOver: extras.passedOver ?? [],
    tables: extras.tables,
    tableRects: rest.tableRects,
  };
}

/** Passes of markFormulaPlaces at most (each moves a sheet's added columns at least one column right). */
const MAX_FORMULA_PASSES = 16;

/** Bytes planned for an answer of formula cells' addresses (placeAsks); a larger one is read again in halves. */
const PLACES_BYTES = 2_000;

/** Sheet rows (first and last) of each sheet column whose formulas were read with the rest, by sheet. */
type PlacesRead = Map<string, Map<number, { from: number; to: number }>>;

/**
 * Where the sheet holds formulas right of the header's last cell, inside the used range, from the header row to
 * the used range's last row: wherever the engine adds its RAG columns (addedColumnPlaces) inside the used range
 * is in that block. Asked for with the workbook's reads below the sheets' heads (rows, RAG columns' formulas,
 * tables) when there are any, so markFormulaPlaces needs no round trip of its own for it. The block's formula
 * cells come as addresses (Range.getSpecialCellsOrNullObject("Formulas"), ExcelApi 1.9: a null object when there
 * are none), so a column of 50,000 formulas costs one address, not the text of 50,000 formulas; a single cell is
 * read by its formulas (what getSpecialCells does on one cell is not documented). None when the used range ends
 * at the header.
 */
function placeAsks(s: SheetInfo, u: Block, head: SheetGrid, headerRow: number): Ask[] {
  const cells = head.values[headerRow - head.rowOffset] ?? [];
  let last = cells.length - 1;
  while (last >= 0 && (cells[last] === "" || cells[last] == null)) last--;
  const col = head.colOffset + last + 1;
  const lastRow = u.row + u.rows - 1;
  if (col >= u.col + u.cols || lastRow < headerRow) return [];
  const block = { row: headerRow, col, rows: lastRow - headerRow + 1, cols: u.col + u.cols - col };
  if (block.rows * block.cols === 1)
    return [{ kind: "formulas", sheet: s.name, block, rowBytes: GUESS_CELL_BYTES, place: true }];
  return [{ kind: "places", sheet: s.name, block }];
}

/**
 * Where a sheet's used range holds formulas, marked in its grid as placeAsks' cells are: the cells as addresses
 * (getSpecialCellsOrNullObject("Formulas")), a single cell by its formula.
 */
function formulaCellsAsk(s: SheetInfo, u: Block): Ask[] {
  if (u.rows * u.cols === 1)
    return [{ kind: "formulas", sheet: s.name, block: u, rowBytes: GUESS_CELL_BYTES, place: true }];
  return [{ kind: "places", sheet: s.name, block: u }];
}

/** The rectangles of a RangeAreas' address ("'Sheet 1'!Q4:Q9,'Sheet 1'!S2"), as sheet indexes. */
export function areasOf(address: string): Block[] {
  const out: Block[] = [];
  // Each area is a sheet name (quoted when it needs it, '' for a quote in it), "!" and a reference.
  const re = /(?:'(?:[^']|'')*'|[^'!,]+)!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/g;
  for (let m = re.exec(address); m; m = re.exec(address)) {
    const c0 = columnOf(m[1]!);
    const r0 = Number(m[2]) - 1;
    const c1 = m[3] ? columnOf(m[3]) : c0;
    const r1 = m[4] ? Number(m[4]) - 1 : r0;
    out.push({ row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
  }
  return out;
}

function columnOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * Marks in the grid the formulas placeAsks found: each cell getSpecialCells names, and a single cell read by its
 * formulas whose formula reads differently from its value (text that starts with "=" reads the same in both).
 */
function markPlaceFormulas(
  grid: SheetGrid,
  read: readonly { row: number; col: number; formula?: string }[],
): void {
  if (read.length === 0) return;
  const formulas = new Map(grid.formulas ?? []);
  for (const f of read) {
    const row = f.row - grid.rowOffset;
    const col = f.col - grid.colOffset;
    if (f.formula !== undefined && f.formula === grid.values[row]?.[col]) continue;
    const cols = new Set(formulas.get(row) ?? []);
    cols.add(col);
    formulas.set(row, cols);
  }
  if (formulas.size > 0) grid.formulas = formulas;
}

/**
 * Values alone cannot tell an empty cell from a formula showing "", and the engine must never take a column of
 * the user's formulas for the RAG column it adds (issue 14). So the formulas of the cells where columns would be
 * added (the engine's addedColumnPlaces), where those lie inside the used range, are read and marked in the
 * grid; a sheet whose places held formulas is asked again. The columns placeAsks read with the rest of the
 * workbook are not asked again, so a round trip is taken here only when there was no such read to join (a sheet
 * read whole with its head and no RAG column of its own); none when no place is inside a used range.
 */
async function markFormulaPlaces(
  context: Excel.RequestContext,
  syncer: Syncer,
  grids: SheetGrid[],
  used: Map<string, Block>,
  placesRead: PlacesRead,
): Promise<void> {
  let pending = grids;
  for (let pass = 0; pending.length > 0 && pass < MAX_FORMULA_PASSES; pass++)
    pending = await formulaPass(context, syncer, pending, used, placesRead);
}

/** One round trip of markFormulaPlaces (none when no place is inside a used range): the sheets to ask again. */
async function formulaPass(
  context: Excel.RequestContext,
  syncer: Syncer,
  grids: SheetGrid[],
  used: Map<string, Block>,
  placesRead: PlacesRead,
): Promise<SheetGrid[]> {
  const loads: { grid: SheetGrid; row: number; col: number; range: Excel.Range }[] = [];
  for (const g of grids) {
    const u = used.get(g.name);
    const places = u ? addedColumnPlaces(g) : null;
    if (!u || !places) continue;
    const read = placesRead.get(g.name);
    for (const c of new Set(places.cols)) {
      if (c + g.colOffset >= u.col + u.cols) continue; // beyond the used range nothing is held
      // Read already with the rest of the sheet (placeAsks) and marked.
      const done = read?.get(c + g.colOffset);
      if (done && done.from <= places.fromRow + g.rowOffset && done.to >= places.toRow + g.rowOffset)
        continue;
      const range = context.workbook.worksheets
        .getItem(g.name)
        .getRangeByIndexes(
          places.fromRow + g.rowOffset,
          c + g.colOffset,
          places.toRow - places.fromRow + 1,
          1,
        );
      range.load("formulas");
      loads.push({ grid: g, row: places.fromRow, col: c, range });
    }
  }
  if (loads.length === 0) return [];
  await syncer.wait(context.sync());
  const again = new Set<SheetGrid>();
  for (const l of loads) {
    const formulas = new Map(l.grid.formulas ?? []);
    (l.range.formulas as unknown[][]).forEach((row, i) => {
      const f = row[0];
      // Text that starts with "=" reads the same in formulas as in values; a formula reads differently.
      if (typeof f !== "string" || !f.startsWith("=") || f === l.grid.values[l.row + i]?.[l.col]) return;
      const cols = new Set(formulas.get(l.row + i) ?? []);
      cols.add(l.col);
      formulas.set(l.row + i, cols);
      again.add(l.grid);
    });
    if (formulas.size > 0) l.grid.formulas = formulas;
  }
  return [...again];
}

/**
 * Bytes one row below the head costs in an answer: its values, and the number formats of the columns asked
 * for, as measured on the head's rows, with 5% more for longer rows further down (an answer Excel still
 * refuses is read again in halves).
 */
function rowBytes(head: SheetGrid, formats: readonly number[] | "all", u: Block): number {
  // The head's rows with something in them (its empty rows say nothing of the rows below).
  const at: number[] = [];
  for (let r = u.row; r < head.values.length; r++)
    if (head.values[r]!.some((v) => v !== "" && v !== null && v !== undefined)) at.push(r);
  if (at.length === 0) return u.cols * 2 * GUESS_CELL_BYTES;
  let values = 0;
  let formatBytes = 0;
  let formatCells = 0;
  const cols = formats === "all" ? null : formats.map((c) => c - u.col);
  for (const r of at) {
    values += JSON.stringify(head.values[r]).length + 1;
    const f = head.numberFormats?.[r] ?? [];
    for (const c of cols ?? f.keys()) {
      formatBytes += JSON.stringify(f[c] ?? "General").length + 1;
      formatCells++;
    }
  }
  const perFormat = formatCells > 0 ? formatBytes / formatCells : 10;
  const formatCols = formats === "all" ? u.cols : formats.length;
  return Math.ceil((values / at.length + (formatCols ? perFormat * formatCols + 4 : 0)) * 1.05);
}

/**
 * Bytes a cell of a column below the header costs in an answer of its formulas, as its values in the head
 * measure it (a formula's text is longer than its result: an answer that turns out too large is read again in
 * halves), with 5% to spare.
 */
function columnBytes(head: SheetGrid, col: number, from: number): number {
  let bytes = 0;
  let n = 0;
  for (let r = from; r < head.values.length; r++) {
    bytes += JSON.stringify(head.values[r]![col - head.colOffset] ?? "").length + 3;
    n++;
  }
  return n === 0 ? GUESS_CELL_BYTES : Math.ceil((bytes / n) * 1.05);
}

/**
 * Groups the asks into round trips of at most `bytesPerSync` (estimated) and `cellsPerSync` cells each; an ask
 * of cells too large for one round trip is cut into blocks of rows first.
 */
function packAsks(
  asks: readonly Ask[],
  bytesOf: (a: Ask) => number,
  options: ReadOptions,
  perRow: (a: Ask) => number = (a) =>
    a.kind === "table" || a.kind === "places" ? 0 : bytesOf(a) / Math.max(1, a.block.rows),
): Ask[][] {
  const pieces: { ask: Ask; bytes: number; cells: number }[] = [];
  for (const a of asks) {
    // A table's place and formula cells' addresses are small answers of no cells' values: never cut.
    if (a.kind === "table" || a.kind === "places") {
      pieces.push({ ask: a, bytes: bytesOf(a), cells: 0 });
      continue;
    }
    const rowCost = Math.max(1, perRow(a));
    const rowsPer = Math.max(
      1,
      Math.min(
        Math.floor(options.bytesPerSync / rowCost),
        Math.floor(options.cellsPerSync / Math.max(1, a.block.cols)),
      ),
    );
    for (let r = 0; r < a.block.rows; r += rowsPer) {
      const rows = Math.min(rowsPer, a.block.rows - r);
      const piece: Ask = { ...a, block: { ...a.block, row: a.block.row + r, rows } };
      pieces.push({ ask: piece, bytes: rows * rowCost, cells: rows * a.block.cols });
    }
  }
  const groups: Ask[][] = [];
  let group: Ask[] = [];
  let size = 0;
  let cells = 0;
  for (const p of pieces) {
    if (
      group.length > 0 &&
      (size + p.bytes > options.bytesPerSync || cells + p.cells > options.cellsPerSync)
    ) {
      groups.push(group);
      group = [];
      size = 0;
      cells = 0;
    }
    group.push(p.ask);
    size += p.bytes;
    cells += p.cells;
  }
  if (group.length) groups.push(group);
  return groups;
}

interface AskResults {
  cells: Map<string, Loaded[]>;
  /** Growing sheets' key columns below their heads (sheet row of each block's first value). */
  keys: Map<string, { row: number; values: unknown[][] }[]>;
  formulaCells: Set<string>;
  tableRects: Map<string, TableRect[]>;
  /** The formulas read by placeAsks (sheet row and column), by sheet; and which columns those asks cover. */
  placeFormulas: Map<string, { row: number; col: number; formula?: string }[]>;
  placesRead: PlacesRead;
}

function emptyResults(): AskResults {
  return {
    cells: new Map(),
    keys: new Map(),
    formulaCells: new Set(),
    tableRects: new Map(),
    placeFormulas: new Map(),
    placesRead: new Map(),
  };
}

/**
 * Reads the groups, one round trip each; a group Excel finds too large is read again in halves. After each
 * group, `follow` may give more to read (a window's rows once its keys are in): the groups not yet sent and those
 * are packed again (`repack`), so they share round trips.
 */
async function readAsks(
  context: Excel.RequestContext,
  syncer: Syncer,
  groups: Ask[][],
  out: AskResults = emptyResults(),
  follow?: () => Ask[],
  repack?: (asks: readonly Ask[]) => Ask[][],
): Promise<AskResults> {
  let pending = [...groups];
  // Each failure halves the group, so this ends after at most log2 of its size retries per group.
  while (pending.length > 0) {
    const group = pending.shift()!;
    try {
      await readGroup(context, syncer, group, out);
    } catch (e) {
      const halves = halve(group);
      if (!TOO_BIG.has(excelErrorCode(e) ?? "") || halves === null) throw e;
      pending.unshift(...halves);
      continue;
    }
    const more = follow?.() ?? [];
    if (more.length > 0) pending = repack ? repack([...pending.flat(), ...more]) : [...pending, more];
  }
  return out;
}

/** Runs of neighbouring columns ([first, count]) among the columns of a block asked for. */
function columnRuns(cols: readonly number[] | "all", block: Block): [number, number][] {
  if (cols === "all") return [[block.col, block.cols]];
  const runs: [number, number][] = [];
  for (const c of cols) {
    if (c < block.col || c >= block.col + block.cols) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else runs.push([c, 1]);
  }
  return runs;
}

async function readGroup(
  context: Excel.RequestContext,
  syncer: Syncer,
  group: Ask[],
  out: AskResults,
): Promise<void> {
  const after = queueGroup(context, group, out);
  await syncer.wait(context.sync());
  after();
}

/** Queues a group's loads; call the result after the sync to put what was read into `out`. */
function queueGroup(context: Excel.RequestContext, group: readonly Ask[], out: AskResults): () => void {
  const tables: { sheet: string; name: string; range: Excel.Range }[] = [];
  const formulas: { sheet: string; block: Block; range: Excel.Range; place: boolean }[] = [];
  const cells: {
    sheet: string;
    block: Block;
    range: Excel.Range;
    formats: { col: number; cols: number; range: Excel.Range }[];
  }[] = [];
  const places: { sheet: string; areas: Excel.RangeAreas }[] = [];
  const keys: { sheet: string; row: number; range: Excel.Range }[] = [];
  for (const ask of group) {
    const ws = context.workbook.worksheets.getItem(ask.sheet);
    if (ask.kind === "keys") {
      const b = ask.block;
      const range = ws.getRangeByIndexes(b.row, b.col, b.rows, 1);
      range.load("values");
      keys.push({ sheet: ask.sheet, row: b.row, range });
      continue;
    }
    if (ask.kind === "places") {
      const b = ask.block;
      const areas = ws
        .getRangeByIndexes(b.row, b.col, b.rows, b.cols)
        .getSpecialCellsOrNullObject("Formulas");
      areas.load("address");
      places.push({ sheet: ask.sheet, areas });
      continue;
    }
    if (ask.kind === "table") {
      const range = ws.tables.getItem(ask.name).getRange();
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      tables.push({ sheet: ask.sheet, name: ask.name, range });
      continue;
    }
    const b = ask.block;
    if (ask.kind === "formulas") {
      const range = ws.getRangeByIndexes(b.row, b.col, b.rows, 1);
      range.load("formulas");
      formulas.push({ sheet: ask.sheet, block: b, range, place: ask.place === true });
      continue;
    }
    const range = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
    range.load("values");
    const formats = columnRuns(ask.formatCols, b).map(([col, cols]) => {
      const f = ws.getRangeByIndexes(b.row, col, b.rows, cols);
      f.load("numberFormat");
      return { col, cols, range: f };
    });
    cells.push({ sheet: ask.sheet, block: b, range, formats });
  }
  return () => {
    finishGroup(out, cells, formulas, tables);
    for (const k of keys) {
      const list = out.keys.get(k.sheet) ?? [];
      list.push({ row: k.row, values: k.range.values });
      out.keys.set(k.sheet, list);
    }
    for (const p of places) {
      if (p.areas.isNullObject) continue;
      const list = out.placeFormulas.get(p.sheet) ?? [];
      for (const a of areasOf(p.areas.address))
        for (let r = a.row; r < a.row + a.rows; r++)
          for (let c = a.col; c < a.col + a.cols; c++) list.push({ row: r, col: c });
      out.placeFormulas.set(p.sheet, list);
    }
  };
}

function finishGroup(
  out: AskResults,
  cells: {
    sheet: string;
    block: Block;
    range: Excel.Range;
    formats: { col: number; cols: number; range: Excel.Range }[];
  }[],
  formulas: { sheet: string; block: Block; range: Excel.Range; place: boolean }[],
  tables: { sheet: string; name: string; range: Excel.Range }[],
): void {
  for (const c of cells) {
    const list = out.cells.get(c.sheet) ?? [];
    list.push({
      ...c.block,
      values: c.range.values,
      formats: c.formats.map((f) => ({ col: f.col, cols: f.cols, numberFormat: f.range.numberFormat })),
    });
    out.cells.set(c.sheet, list);
  }
  for (const f of formulas) {
    const place = f.place ? (out.placeFormulas.get(f.sheet) ?? []) : null;
    (f.range.formulas as unknown[][]).forEach((row, i) => {
      const v = row[0];
      if (typeof v !== "string" || !v.startsWith("=")) return;
      if (place) place.push({ row: f.block.row + i, col: f.block.col, formula: v });
      else out.formulaCells.add(`${f.sheet}!${cellAddress(f.block.row + i, f.block.col)}`);
    });
    if (place && place.length > 0) out.placeFormulas.set(f.sheet, place);
  }
  for (const t of tables) {
    const list = out.tableRects.get(t.sheet) ?? [];
    list.push({
      name: t.name,
      row: t.range.rowIndex,
      col: t.range.columnIndex,
      rows: t.range.rowCount,
      cols: t.range.columnCount,
    });
    out.tableRects.set(t.sheet, list);
  }
}

/** A group split in two (by asks, or a single ask by rows); null when it is one row (or one table) already. */
function halve(group: Ask[]): Ask[][] | null {
  if (group.length > 1) {
    const mid = Math.ceil(group.length / 2);
    return [group.slice(0, mid), group.slice(mid)];
  }
  const only = group[0]!;
  if (only.kind === "table" || only.block.rows <= 1) return null;
  const top = Math.ceil(only.block.rows / 2);
  return [
    [{ ...only, block: { ...only.block, rows: top } }],
    [{ ...only, block: { ...only.block, row: only.block.row + top, rows: only.block.rows - top } }],
  ];
}

interface Extras {
  /** Sheets whose used range reaches beyond what the add-in reads (readWindow). */
  passedOver?: Issue[];
  protectedSheets: Set<string>;
  tables: Map<string, string[]>;
  /** Chart names by sheet (visible sheets and marked ones: the own highlight sheet is among them). */
  charts: Map<string, string[]>;
  /** Sheets with a picture or shape on them (Worksheet.shapes, ExcelApi 1.9). */
  shapes: Set<string>;
}

/** A sheet to queue loads on: its proxy, and its name (known only after the sync for the active sheet). */
interface Target {
  ws: Excel.Worksheet;
  name: () => string;
}

function targetsOf(context: Excel.RequestContext, sheets: readonly SheetInfo[]): Target[] {
  return sheets.map((s) => ({ ws: context.workbook.worksheets.getItem(s.name), name: () => s.name }));
}

/**
 * Queues each sheet's protection, chart and table names and how many pictures and shapes it holds (its count
 * only: ShapeCollection.getCount, ExcelApi 1.9); call the result after the sync.
 */
function queueExtras(targets: readonly Target[]): () => Extras {
  const loaded = targets.map((t) => {
    const protection = t.ws.protection;
    protection.load("protected");
    const charts = t.ws.charts;
    charts.load("items/name");
    const tables = t.ws.tables;
    tables.load("items/name");
    const shapes = t.ws.shapes.getCount();
    return { sheet: t.name, protection, charts, tables, shapes };
  });
  return () => {
    const protectedSheets = new Set<string>();
    const charts = new Map<string, string[]>();
    const tables = new Map<string, string[]>();
    const shapes = new Set<string>();
    for (const l of loaded) {
      const sheet = l.sheet();
      if (l.protection.protected) protectedSheets.add(sheet);
      if (l.shapes.value > 0) shapes.add(sheet);
      if (l.tables.items.length)
        tables.set(
          sheet,
          l.tables.items.map((t) => t.name),
        );
      charts.set(
        sheet,
        l.charts.items.map((c) => c.name),
      );
    }
    return { protectedSheets, charts, tables, shapes };
  };
}

async function readMeta(
  context: Excel.RequestContext,
  syncer: Syncer,
  withActive: boolean,
  merges: boolean,
): Promise<
  Pick<
    WorkbookRead,
    "sheets" | "markers" | "settings" | "settingsProblem" | "structureProtected" | "dateSystem"
  > & {
    markerTargets: Map<OwnSheetRole, string>;
    names: WorkbookName[];
    /** The active sheet's name, sizes, extras and head, when asked for. */
    active: { name: string; read: HeadsRead } | null;
  }
> {
  const worksheets = context.workbook.worksheets;
  const structure = context.workbook.protection;
  structure.load("protected");
  worksheets.load("items/name,items/visibility,items/position");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load("value");
  const dateProbe = queueDateSystemProbe(context);
  // The sheet the user is on is usually the programme sheet: its head comes now, so the first request for the
  // rest of its rows can go with the other sheets' heads (its head is read in any case: it is visible).
  const activeWs = withActive ? context.workbook.worksheets.getActiveWorksheet() : null;
  activeWs?.load("name");
  const activeHead = activeWs ? queueHeads([{ ws: activeWs, name: () => activeWs.name }], merges) : null;
  await syncer.wait(context.sync());

  const sheets: SheetInfo[] = worksheets.items
    .map((w) => ({ name: w.name, visibility: String(w.visibility), position: w.position }))
    .sort((a, b) => a.position - b.position);
  const workbookNames: WorkbookName[] = names.items.map((n) => ({
    name: n.name,
    reference: String(n.formula ?? ""),
  }));
  const markerTargets = engineMarkerTargets(
    workbookNames,
    sheets.map((s) => s.name),
  );
  const markers = new Map<OwnSheetRole, string>();
  for (const n of names.items) {
    const role = roleFromMarker(n.name);
    if (role) markers.set(role, n.name);
  }
  let settings: SavedSettings | null = null;
  let settingsProblem: string | null = null;
  if (!setting.isNullObject) {
    const read = settingsFromJson(setting.value);
    if (read.kind === "ok") settings = read.settings;
    if (read.kind === "unreadable") settingsProblem = read.problem;
  }
  return {
    sheets,
    markerTargets,
    names: workbookNames,
    markers,
    settings,
    settingsProblem,
    structureProtected: structure.protected,
    dateSystem: dateProbe.read(),
    active: activeWs && activeHead ? { name: activeWs.name, read: activeHead.read() } : null,
  };
}

/**
 * The part of a sheet the add-in reads: its used cells within the first READ_ROWS rows and READ_COLUMNS
 * columns. A programme's header is in the first 30 rows and its columns are far fewer than 256; a stray value
 * far to the right or bottom (a used range to XFD1048576) must not make the read unbounded, so what lies
 * beyond is passed over, and the pane says so.
 */
function readWindow(ws: Excel.Worksheet): Excel.Range {
  return ws.getRangeByIndexes(0, 0, READ_ROWS, READ_COLUMNS).getUsedRangeOrNullObject(true);
}

/** Rows and columns read at most (see readWindow): 256 columns (A:IV) and 100,000 rows. */
export const READ_ROWS = 100_000;
export const READ_COLUMNS = 256;

/** A warning for each sheet whose used range reaches beyond what was read. */
function passedOver(wholes: { sheet: string; range: Excel.Range }[], read: Map<string, Block>): Issue[] {
  const out: Issue[] = [];
  for (const { sheet, range } of wholes) {
    const lastRow = range.rowIndex + range.rowCount - 1;
    const lastCol = range.columnIndex + range.columnCount - 1;
    if (lastRow < READ_ROWS && lastCol < READ_COLUMNS) continue;
    const kept = read.get(sheet);
    const what = [
      lastCol >= READ_COLUMNS ? `right of column ${columnLetters(READ_COLUMNS - 1)}` : null,
      lastRow >= READ_ROWS ? `below row ${String(READ_ROWS).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}` : null,
    ]
      .filter((x) => x !== null)
      .join(" and ");
    out.push({
      sheet,
      cell: cellAddress(lastRow, lastCol),
      severity: "warning",
      message: `The sheet's used range reaches ${cellAddress(lastRow, lastCol)}: cells ${what} were not read (${kept ? "the programme is read from the cells before them" : "nothing was read from this sheet"}). If they are stray values or formats, clear them.`,
    });
  }
  return out;
}

/** The heads of `sheets` (round trip 2); when they are too much for one answer, their sizes, then blocks. */
async function readOtherHeads(
  context: Excel.RequestContext,
  syncer: Syncer,
  sheets: SheetInfo[],
  options: ReadOptions,
  tooBig: boolean,
): Promise<HeadsRead> {
  try {
    if (tooBig) throw new TooBig();
    return await readHeads(context, syncer, sheets, options.merges === true);
  } catch (e) {
    if (!(e instanceof TooBig) && !TOO_BIG.has(excelErrorCode(e) ?? "")) throw e;
    // The heads were too much for one answer (very wide sheets): learn the sizes, then read the heads in blocks.
    const { used, whole, merges, extras } = await readUsedSizes(
      context,
      syncer,
      sheets,
      options.merges === true,
    );
    const asks: Ask[] = [];
    for (const [sheet, u] of used) {
      const rows = Math.min(u.row + u.rows, FORMAT_HEAD_ROWS) - u.row;
      if (rows > 0) asks.push({ kind: "cells", sheet, block: { ...u, rows }, formatCols: "all" });
    }
    const guess = (a: Ask) => (a.kind === "cells" ? a.block.rows * a.block.cols * 2 * GUESS_CELL_BYTES : 0);
    const heads = (await readAsks(context, syncer, packAsks(asks, guess, options))).cells;
    return { heads, used, whole, merges, extras };
  }
}

/** A read known to be too large before it is sent. */
class TooBig extends Error {}

/** Round trip 2: each sheet's used range (within readWindow) and its head. */
async function readHeads(
  context: Excel.RequestContext,
  syncer: Syncer,
  sheets: SheetInfo[],
  merges: boolean,
  /** More to ask in the same round trip: queued before the sync, its result called after. */
  also?: () => () => void,
): Promise<HeadsRead> {
  const q = queueHeads(targetsOf(context, sheets), merges);
  const after = also?.();
  await syncer.wait(context.sync());
  after?.();
  return q.read();
}

interface HeadsRead {
  heads: Map<string, Loaded[]>;
  used: Map<string, Block>;
  /** Each sheet's whole used range (getUsedRange(true), beyond what readWindow reads). */
  whole: Map<string, Block>;
  /** Each sheet's merged areas (sheet rows and columns), where they were asked for and there are any. */
  merges: Map<string, Block[]>;
  extras: Extras;
}

/** Queues each sheet's sizes, extras and head (its first FORMAT_HEAD_ROWS rows: values and number formats). */
function queueHeads(targets: readonly Target[], merges: boolean): { read: () => HeadsRead } {
  const q = queueSizes(targets, merges);
  const heads = targets.map((t) => {
    const range = t.ws.getRangeByIndexes(0, 0, FORMAT_HEAD_ROWS, READ_COLUMNS).getUsedRangeOrNullObject(true);
    range.load("rowIndex,columnIndex,rowCount,columnCount,values,numberFormat");
    return { sheet: t.name, range };
  });
  return {
    read() {
      const out = new Map<string, Loaded[]>();
      for (const { sheet, range } of heads) {
        if (range.isNullObject) continue;
        const block = {
          row: range.rowIndex,
          col: range.columnIndex,
          rows: range.rowCount,
          cols: range.columnCount,
        };
        out.set(sheet(), [
          {
            ...block,
            values: range.values,
            formats: [{ col: block.col, cols: block.cols, numberFormat: range.numberFormat }],
          },
        ]);
      }
      return { heads: out, ...q.read() };
    },
  };
}

/** The used ranges' positions and sizes only (when the heads are too many cells for one answer). */
async function readUsedSizes(
  context: Excel.RequestContext,
  syncer: Syncer,
  sheets: SheetInfo[],
  merges: boolean,
): Promise<{
  used: Map<string, Block>;
  whole: Map<string, Block>;
  merges: Map<string, Block[]>;
  extras: Extras;
}> {
  const q = queueSizes(targetsOf(context, sheets), merges);
  await syncer.wait(context.sync());
  return q.read();
}

/**
 * Queues each sheet's used range (whole, and within readWindow), protection, charts and tables, and with `merges`
 * its merged areas: those whose top-left cell is in the whole used range (what getMergedAreasOrNullObject gives;
 * a merged amount's value is in its top-left cell, so that cell is used), as one address.
 */
function queueSizes(
  targets: readonly Target[],
  merges: boolean,
): {
  read: () => {
    used: Map<string, Block>;
    whole: Map<string, Block>;
    merges: Map<string, Block[]>;
    extras: Extras;
  };
} {
  const ranges: { sheet: () => string; range: Excel.Range }[] = [];
  const merged: { sheet: () => string; areas: Excel.RangeAreas }[] = [];
  const extras = queueExtras(targets);
  const wholes: { sheet: () => string; range: Excel.Range }[] = [];
  for (const t of targets) {
    // getUsedRange(true), not the OrNullObject form: an empty sheet gives A1, so nothing hangs off a null object.
    const whole = t.ws.getUsedRange(true);
    whole.load("rowIndex,columnIndex,rowCount,columnCount");
    wholes.push({ sheet: t.name, range: whole });
    if (merges) {
      const areas = whole.getMergedAreasOrNullObject();
      areas.load("address");
      merged.push({ sheet: t.name, areas });
    }
    const range = readWindow(t.ws);
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    ranges.push({ sheet: t.name, range });
  }
  return {
    read() {
      const used = new Map<string, Block>();
      for (const { sheet, range } of ranges) {
        if (range.isNullObject) continue;
        used.set(sheet(), {
          row: range.rowIndex,
          col: range.columnIndex,
          rows: range.rowCount,
          cols: range.columnCount,
        });
      }
      const whole = new Map<string, Block>();
      for (const { sheet, range } of wholes)
        whole.set(sheet(), {
          row: range.rowIndex,
          col: range.columnIndex,
          rows: range.rowCount,
          cols: range.columnCount,
        });
      const mergeMap = new Map<string, Block[]>();
      for (const { sheet, areas } of merged)
        if (!areas.isNullObject) mergeMap.set(sheet(), areasOf(areas.address));
      return {
        used,
        whole,
        merges: mergeMap,
        extras: {
          ...extras(),
          passedOver: passedOver(
            wholes.map((w) => ({ sheet: w.sheet(), range: w.range })),
            used,
          ),
        },
      };
    },
  };
}

/** Two reads' sizes, heads and extras as one (the active sheet's, read first, with the others'). */
function joinHeads(a: HeadsRead, b: HeadsRead): HeadsRead {
  const tables = new Map([...a.extras.tables, ...b.extras.tables]);
  return {
    heads: new Map([...a.heads, ...b.heads]),
    used: new Map([...a.used, ...b.used]),
    whole: new Map([...a.whole, ...b.whole]),
    merges: new Map([...a.merges, ...b.merges]),
    extras: {
      protectedSheets: new Set([...a.extras.protectedSheets, ...b.extras.protectedSheets]),
      tables,
      charts: new Map([...a.extras.charts, ...b.extras.charts]),
      shapes: new Set([...a.extras.shapes, ...b.extras.shapes]),
      passedOver: [...(a.extras.passedOver ?? []), ...(b.extras.passedOver ?? [])],
    },
  };
}

function emptyGrid(s: SheetInfo): SheetGrid {
  return { name: s.name, visible: s.visibility === "Visible", rowOffset: 0, colOffset: 0, values: [] };
}

/**
 * The engine's grid of a sheet from the blocks read of it. Rows start at row 1, as the command line reads a
 * file, so the header search (the first 30 rows of the sheet) is the same in both; columns start at the used
 * range's first column, every row as wide as the used range (empty cells "", as Office.js gives them). Number
 * formats are there where they were read (all of the head; below it the columns the engine reads them in).
 */
function assemble(s: SheetInfo, u: Block, blocks: readonly Loaded[]): SheetGrid {
  const values: unknown[][] = [];
  const formats: unknown[][] = [];
  const blank: unknown[] = new Array<string>(u.cols).fill("");
  const end = blocks.reduce((m, b) => Math.max(m, b.row + b.rows), u.row + u.rows);
  for (let r = 0; r < end; r++) {
    values.push(r < u.row ? [] : blank);
    formats.push([]);
  }
  for (const b of [...blocks].sort((x, y) => x.row - y.row)) {
    const whole = b.col === u.col && b.cols === u.cols;
    for (let i = 0; i < b.rows; i++) {
      const at = b.row + i;
      const row = b.values[i] ?? [];
      if (whole) values[at] = row;
      else {
        const wide = [...blank];
        for (let c = 0; c < row.length; c++) wide[b.col - u.col + c] = row[c];
        values[at] = wide;
      }
      for (const f of b.formats) {
        const fr = f.numberFormat[i] ?? [];
        if (f.col === u.col && f.cols === u.cols) {
          formats[at] = fr;
          continue;
        }
        const target = formats[at]!.length ? formats[at]! : (formats[at] = new Array<unknown>(u.cols));
        for (let c = 0; c < fr.length; c++) target[f.col - u.col + c] = fr[c];
      }
    }
  }
  return {
    name: s.name,
    visible: s.visibility === "Visible",
    rowOffset: 0,
    colOffset: u.col,
    values: values as SheetGrid["values"],
    numberFormats: formats as NonNullable<SheetGrid["numberFormats"]>,
  };
}
