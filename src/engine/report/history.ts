/**
 * The "RAG History" sheet: one snapshot per month of every item's ratings by dimension and its key figures,
 * plus one row for the programme itself, so the report can show what changed since last month or last quarter.
 * Building the report again in the same month replaces that month's rows; a new month is added in order of
 * reporting date. Each row says its quarter and its month (the Period column); a sheet written before months
 * were kept (one snapshot a quarter, no Period column) still reads, each row in the month of its reporting
 * date, so each quarter's rows are that quarter's end-of-quarter snapshot.
 *
 * The sheet is read back by its header names, not by position: the first eleven columns are those of the
 * first version (still read: Quarter … Overall RAG), the rest were added later, and a sheet holding more than
 * one header row (an old block followed by a new one) is read block by block.
 */
import type { DayNumber } from "../dates";
import type { DateSystem } from "../dates";
import { excelSerialFromDay } from "../dates";
import type { CellValue, SheetGrid } from "../grid";
import type { Pence } from "../money";
import { penceFromPounds, toPounds } from "../money";
import type { DimensionKey } from "../assess/registry";
import { dimensions, historyRagHeader, ragHeaderOf } from "../assess/registry";
import type { ProgrammeAnalysis } from "../model";
import type { OverallRag } from "../rag";
import { readDate, readFraction, readText } from "../read/cells";
import { financialPeriodLabel } from "../dates";
import type { ReportCycle } from "../cycle";
import { comparedLabel, cycleStart, defaultCycle, monthKey } from "../cycle";
import type { LayoutValue } from "../plan";
import { FORMAT } from "./sheet-builder";

export const HISTORY_SHEET = "RAG History";
/** The dimensions the first version rated, whose "<Label> RAG" columns (words from the registry) it wrote. */
const V1_DIMENSIONS: readonly DimensionKey[] = ["budget", "schedule", "risk"];
/** The first version's columns, in its order (kept first so a sheet written by it and by this one agree). */
export const HISTORY_HEADERS_V1: readonly string[] = [
  "Quarter",
  "Reporting date",
  "Sheet",
  "Ref",
  "Name",
  "Budget",
  "Forecast",
  ...V1_DIMENSIONS.map(ragHeaderOf),
  "Overall RAG",
];
/** The programme's own row carries this in the Level column (items carry "Item"). */
export const PROGRAMME_LEVEL = "Programme";

/** The history's rating column of a dimension, by its key: "budgetRag" holds the "Budget RAG" column. */
export type HistoryRagKey = `${DimensionKey}Rag`;
export function historyRagKey(key: DimensionKey): HistoryRagKey {
  return `${key}Rag`;
}

export type HistoryRow = {
  quarter: string;
  /** The snapshot's month ("Period 9 (December) 2020/21"; in old rows, the month of the reporting date). */
  period: string;
  reportingDate: DayNumber;
  /** "item", or "programme" for the programme's own row (its sheet is empty). */
  level: "item" | "programme";
  sheet: string;
  ref: string | null;
  name: string | null;
  budget: Pence | null;
  /** Spend to date; null in rows written before spend was kept. */
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
  variance: Pence | null;
  progress: number | null;
} & {
  /** Each dimension's rating ("budgetRag", "scheduleRag", "riskRag"; "" where the row has none). */
  [K in HistoryRagKey]: string;
} & {
  /** The rules' rating ("" in old rows). */
  computed: string;
  /** The manual rating where one decided the overall ("" when none or in old rows). */
  override: string;
  /** The programme row's delivery RAG ("" for items and old rows). */
  delivery: string;
  overall: string;
};

/**
 * One column of the history: its header, how a row's value is written and how a cell is read back. A cell of
 * an earlier quarter is copied as `write(read(cell))`, so a row the tool wrote reads and writes back the same.
 */
interface HistoryColumn {
  header: string;
  width: number;
  format: string | null;
  read(v: CellValue, dateSystem: DateSystem): unknown;
  write(value: unknown, dateSystem: DateSystem): LayoutValue;
  /** The HistoryRow key the column holds. */
  key: keyof HistoryRow;
}

const textOrNull = (v: CellValue) => readText(v);
const textOrEmpty = (v: CellValue) => readText(v) ?? "";
const asIs = (x: unknown) => x as LayoutValue;
const moneyCell = (v: CellValue): Pence | null =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) < 1e13 ? penceFromPounds(v) : null;
const poundsOf = (p: unknown) => (p === null ? null : toPounds(p as Pence));

function text(
  key: keyof HistoryRow,
  header: string,
  width: number,
  orEmpty: boolean,
  format: string | null = null,
): HistoryColumn {
  return { key, header, width, format, read: orEmpty ? textOrEmpty : textOrNull, write: asIs };
}
function moneyColumn(key: keyof HistoryRow, header: string): HistoryColumn {
  return { key, header, width: 13, format: FORMAT.money, read: moneyCell, write: poundsOf };
}

/**
 * The history's columns in the order written: the first version's (Quarter … Overall RAG), then those added
 * later, then the rating column of any dimension the first version did not have. Derived from the registry:
 * each dimension has its "<Label> RAG" column.
 */
function historyColumns(): HistoryColumn[] {
  const dims = dimensions();
  const ragColumn = (key: DimensionKey, header: string) => text(historyRagKey(key), header, 13, true);
  const v1Rag = new Set<string>(HISTORY_HEADERS_V1);
  const v1: HistoryColumn[] = [
    text("quarter", "Quarter", 12, false),
    {
      key: "reportingDate",
      header: "Reporting date",
      width: 13,
      format: FORMAT.date,
      read: (v, ds) => {
        const d = readDate(v, "end", ds);
        return d.kind === "value" ? d.value : null;
      },
      write: (d, ds) => excelSerialFromDay(d as DayNumber, ds),
    },
    text("sheet", "Sheet", 20, false),
    text("ref", "Ref", 8, false, FORMAT.text),
    text("name", "Name", 40, false),
    moneyColumn("budget", "Budget"),
    moneyColumn("forecast", "Forecast"),
    // The first version's rating columns, kept in place.
    ...V1_DIMENSIONS.map((k) => ragColumn(k, ragHeaderOf(k))),
    text("overall", "Overall RAG", 13, false),
  ];
  const later: HistoryColumn[] = [
    moneyColumn("spent", "Spent"),
    moneyColumn("committed", "Committed"),
    moneyColumn("variance", "Variance"),
    {
      key: "progress",
      header: "% complete",
      width: 11,
      format: FORMAT.percent0,
      read: (v) => {
        const f = readFraction(v);
        return f.kind === "value" ? f.value : null;
      },
      write: asIs,
    },
    text("computed", "Computed RAG", 13, true),
    text("override", "Override", 13, true),
    text("delivery", "Delivery RAG", 13, true),
    {
      key: "level",
      header: "Level",
      width: 11,
      format: null,
      read: (v) => (norm(readText(v)) === norm(PROGRAMME_LEVEL) ? "programme" : "item"),
      write: (l) => (l === "programme" ? PROGRAMME_LEVEL : "Item"),
    },
    // The snapshot's month, beside its quarter in meaning (after the first version's columns, which stay first);
    // 28 wide so the longest ("Period 6 (September) 2020/21", 136 points of Calibri 11) fits on one line and
    // does not wrap every row (log-sheet.ts wraps a text longer than its column).
    text("period", "Period", 28, false),
  ];
  const added = dims
    .filter((d) => !v1Rag.has(historyRagHeader(d)))
    .map((d) => ragColumn(d.key as DimensionKey, historyRagHeader(d)));
  return [...v1, ...later, ...added];
}

const COLUMNS = historyColumns();
/** Every column's header, in the order the tool writes them. */
export const HISTORY_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);
/** The columns' headers, widths and number formats, as the sheet is laid out (history-layout.ts). */
export const HISTORY_LOG_COLUMNS = {
  headers: HISTORY_HEADERS,
  widths: COLUMNS.map((c) => c.width),
  formats: COLUMNS.map((c) => c.format),
};

/** The key that follows an item from quarter to quarter: its sheet and reference, or its name without one. */
export function itemKey(x: { sheet: string; ref: string | null; name: string | null }): string {
  return `${x.sheet.toLowerCase()}\u0000${(x.ref ?? "").trim().toLowerCase() || "name:" + (x.name ?? "").trim().toLowerCase()}`;
}

const norm = (t: string | null) => (t ?? "").trim().toLowerCase();
const COLUMN_BY_NAME = new Map<string, number>(COLUMNS.map((c, i) => [norm(c.header), i]));
const QUARTER = COLUMNS.findIndex((c) => c.key === "quarter");
const DATE = COLUMNS.findIndex((c) => c.key === "reportingDate");
const SHEET = COLUMNS.findIndex((c) => c.key === "sheet");
const OVERALL = COLUMNS.findIndex((c) => c.key === "overall");
const LEVEL = COLUMNS.findIndex((c) => c.key === "level");
const PERIOD = COLUMNS.findIndex((c) => c.key === "period");

/**
 * For a header row, the grid column of each of the tool's columns (-1 where the sheet has none), or null when
 * the row is not a history header row. The grid's own columns are used as they are, so a grid that starts at
 * another column than A (its colOffset) reads the same.
 */
function headerColumns(row: readonly CellValue[]): number[] | null {
  const cols = new Array<number>(COLUMNS.length).fill(-1);
  for (let c = 0; c < row.length; c++) {
    const i = COLUMN_BY_NAME.get(norm(readText(row[c] ?? null)));
    if (i !== undefined && cols[i] === -1) cols[i] = c;
  }
  return cols[QUARTER] !== -1 && cols[OVERALL] !== -1 && cols[SHEET] !== -1 ? cols : null;
}

const isQuarterHeader = (v: CellValue) =>
  typeof v === "string" && v.length < 40 && /^\s*quarter\s*$/i.test(v);

/** One row of the sheet that reads as a history row: what every use of it needs without reading it all. */
interface SheetRow {
  cells: readonly CellValue[];
  /** The block's header columns. */
  cols: readonly number[];
  quarter: string;
  reportingDate: DayNumber;
}

/** Every row of the sheet that reads as a history row, in sheet order, block by block. */
function sheetRows(grid: SheetGrid | null, dateSystem: DateSystem): SheetRow[] {
  if (!grid) return [];
  const out: SheetRow[] = [];
  let cols: number[] | null = null;
  for (const row of grid.values) {
    if (!row) continue;
    // Only a row with a "Quarter" cell can be a header row: the rest are not read header by header.
    const header = row.some(isQuarterHeader) ? headerColumns(row) : null;
    if (header) {
      cols = header;
      continue;
    }
    if (!cols) continue;
    const cell = (i: number) => (cols![i]! < 0 ? null : (row[cols![i]!] ?? null));
    const quarter = readText(cell(QUARTER));
    const date = COLUMNS[DATE]!.read(cell(DATE), dateSystem) as DayNumber | null;
    const level = COLUMNS[LEVEL]!.read(cell(LEVEL), dateSystem);
    const sheet = readText(cell(SHEET)) ?? "";
    if (!quarter || date === null || (!sheet && level === "item") || !readText(cell(OVERALL))) continue;
    out.push({ cells: row, cols, quarter, reportingDate: date });
  }
  return out;
}

function parseRow(r: SheetRow, dateSystem: DateSystem): HistoryRow {
  // Made whole (an object given its properties one by one by name is held by V8 as a dictionary: 3.5 times
  // the memory, for the compared snapshot's every row).
  const out: Record<string, unknown> = Object.fromEntries(
    COLUMNS.map((col, i) => {
      const c = r.cols[i]!;
      return [col.key, col.read(c < 0 ? null : (r.cells[c] ?? null), dateSystem)];
    }),
  );
  out.sheet ??= "";
  // A row written before months were kept is in the month of its reporting date.
  out.period ??= financialPeriodLabel(r.reportingDate);
  return out as HistoryRow;
}

/** A row as the tool writes it, in its columns' order. */
export function historyRowValues(h: HistoryRow, dateSystem: DateSystem): LayoutValue[] {
  return COLUMNS.map((c) => c.write(h[c.key], dateSystem));
}

/** A row of the sheet copied as the tool would write it back, without reading it into a HistoryRow. */
function copiedValues(r: SheetRow, dateSystem: DateSystem): LayoutValue[] {
  const out = new Array<LayoutValue>(COLUMNS.length);
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = r.cols[i]!;
    const v = c < 0 ? null : r.cells[c];
    if (i === DATE) out[i] = excelSerialFromDay(r.reportingDate, dateSystem);
    // An old row (no Period) is written back with the month of its reporting date.
    else if (i === PERIOD && (v == null || v === "")) out[i] = financialPeriodLabel(r.reportingDate);
    // A blank cell is written back as the column writes a blank (the same for every row: worked out once).
    else if (v == null || v === "") out[i] = BLANK[i]!;
    else {
      const col = COLUMNS[i]!;
      out[i] = col.write(col.read(v, dateSystem), dateSystem);
    }
  }
  return out;
}

/** What each column writes for a blank cell ("" for a rating, null for a figure or a name). */
const BLANK: LayoutValue[] = COLUMNS.map((c, i) =>
  i === DATE ? null : c.write(c.key === "sheet" ? "" : c.read(null, 1900), 1900),
);

/** Reads the history sheet the tool wrote before, by header names. Rows it cannot read are passed over. */
export function readHistory(grid: SheetGrid | null, dateSystem: DateSystem = 1900): HistoryRow[] {
  return sheetRows(grid, dateSystem).map((r) => parseRow(r, dateSystem));
}

/** What a report compares with: one snapshot of the history (one month's rows). */
export interface PreviousSnapshot {
  /** The snapshot's quarter ("Q2 2020/21"). */
  quarter: string;
  /** The snapshot's month ("Period 8 (November) 2020/21"). */
  period: string;
  /**
   * What the report compares with, in words: the snapshot's month for a monthly report, its quarter for a
   * quarterly one ("since Period 8 (November) 2020/21", "since Q2 2020/21").
   */
  label: string;
  /** The report's cycle, which chose this snapshot. */
  cycle: ReportCycle;
  /** The snapshot's reporting date: the snapshot compared with (other history sheets key on it). */
  reportingDate: DayNumber;
  /** Items by itemKey. */
  rows: Map<string, HistoryRow>;
  /** The programme's own row (null in histories written before it was kept). */
  programme: HistoryRow | null;
}

/** What chooses the snapshot a report compares with: its reporting date and cycle. */
export type Comparing = Pick<ProgrammeAnalysis, "reportingDate"> & { cycle?: ReportCycle };

const cycleOf = (a: Comparing): ReportCycle => a.cycle ?? defaultCycle(a.reportingDate);

/**
 * The latest row before the period a report covers (its month for a monthly report, its quarter for a quarterly
 * one), or null: its month is the snapshot compared with, whatever months lie between.
 */
function latestBefore<T extends { reportingDate: DayNumber }>(rows: readonly T[], a: Comparing): T | null {
  const before = cycleStart(a.reportingDate, cycleOf(a));
  let latest: T | null = null;
  for (const r of rows) {
    if (r.reportingDate >= before) continue;
    if (latest === null || r.reportingDate > latest.reportingDate) latest = r;
  }
  return latest;
}

function snapshotOf(
  latest: { quarter: string; reportingDate: DayNumber },
  period: string,
  cycle: ReportCycle,
  rows: Iterable<HistoryRow>,
): PreviousSnapshot {
  const byKey = new Map<string, HistoryRow>();
  let programme: HistoryRow | null = null;
  for (const r of rows) {
    if (r.level === "programme") programme = r;
    else byKey.set(itemKey(r), r);
  }
  return {
    quarter: latest.quarter,
    period,
    label: cycle === "month" ? period : latest.quarter || comparedLabel(latest.reportingDate, cycle),
    cycle,
    reportingDate: latest.reportingDate,
    rows: byKey,
    programme,
  };
}

/** The snapshot a report compares with: the latest before its month (monthly) or its quarter (quarterly). */
export function previousSnapshot(history: readonly HistoryRow[], a: Comparing): PreviousSnapshot | null {
  const latest = latestBefore(history, a);
  if (!latest) return null;
  const month = monthKey(latest.reportingDate);
  return snapshotOf(
    latest,
    latest.period,
    cycleOf(a),
    history.filter((r) => monthKey(r.reportingDate) === month),
  );
}

/**
 * What a run takes from the RAG History sheet: the snapshot it compares with, read into rows (for the trend),
 * and every other month's rows only as the values the tool writes back (never read into objects), so a history
 * that grows each month costs a copy of its cells, not a parse of them.
 */
export interface HistorySheet {
  previous: PreviousSnapshot | null;
  /** The rows of every month but this one, as written back, with their reporting dates, in sheet order. */
  earlier: { reportingDate: DayNumber; values: LayoutValue[] }[];
  /**
   * The reporting dates of the sheet's rows of this month, which this snapshot replaces (not written back), so
   * the Milestone History drops the same snapshots without reading the sheet again (`readHistorySheet` sets it).
   */
  replaced?: DayNumber[];
}

type Reading = Comparing & Pick<ProgrammeAnalysis, "dateSystem">;

export function readHistorySheet(grid: SheetGrid | null, a: Reading): HistorySheet {
  const rows = sheetRows(grid, a.dateSystem);
  const month = monthKey(a.reportingDate);
  const earlier: HistorySheet["earlier"] = [];
  const replaced = new Set<DayNumber>();
  for (const r of rows)
    if (monthKey(r.reportingDate) !== month)
      earlier.push({ reportingDate: r.reportingDate, values: copiedValues(r, a.dateSystem) });
    else replaced.add(r.reportingDate);
  return { previous: previousOf(rows, a), earlier, replaced: [...replaced] };
}

/** The snapshot a report compares with, from the history sheet: all the trend needs of it. */
export function previousFromHistory(grid: SheetGrid | null, a: Reading): PreviousSnapshot | null {
  return previousOf(sheetRows(grid, a.dateSystem), a);
}

function previousOf(rows: readonly SheetRow[], a: Reading): PreviousSnapshot | null {
  const latest = latestBefore(rows, a);
  if (!latest) return null;
  const month = monthKey(latest.reportingDate);
  const parsed = rows
    .filter((r) => monthKey(r.reportingDate) === month)
    .map((r) => parseRow(r, a.dateSystem));
  return snapshotOf(
    latest,
    parsed[0]?.period ?? financialPeriodLabel(latest.reportingDate),
    cycleOf(a),
    parsed,
  );
}

/**
 * How a rating moved. A move to or from Not assessed (no rating: unreadable money, cancelled, no dates ...) is
 * neither better nor worse: it is "noLongerRated" (rated then, not now) or "newlyRated" (not rated then, rated
 * now), counted apart from improved and worse.
 */
export type Direction = "improved" | "worse" | "unchanged" | "new" | "noLongerRated" | "newlyRated";
export const DIRECTION_TEXT: Record<Direction, string> = {
  improved: "▲ improved",
  worse: "▼ worse",
  unchanged: "► unchanged",
  new: "● new",
  noLongerRated: "○ no longer rated",
  newlyRated: "◉ newly rated",
};

const NOT_ASSESSED = "Not assessed";

/**
 * Higher is better. Not assessed sits between Amber and Amber/Green for ordering (exceptions.ts: an override
 * rating an item better than the rules); a move to or from it is not a direction (see direction()).
 */
const GOODNESS: Record<string, number> = {
  Red: 0,
  "Amber/Red": 1,
  Amber: 2,
  [NOT_ASSESSED]: 2.5,
  "Amber/Green": 3,
  Green: 4,
  Complete: 5,
};

/** How good a rating is (higher is better), or null for a word that is not a rating. */
export function goodness(rag: string | null | undefined): number | null {
  return rag == null ? null : (GOODNESS[rag] ?? null);
}

export function direction(before: string | null | undefined, now: OverallRag | string): Direction {
  if (before == null) return "new";
  const b = GOODNESS[before];
  const n = GOODNESS[now];
  if (b === undefined || n === undefined || b === n) return "unchanged";
  if (now === NOT_ASSESSED) return "noLongerRated";
  if (before === NOT_ASSESSED) return "newlyRated";
  return n > b ? "improved" : "worse";
}
