/**
 * The "RAG History" sheet: one snapshot per quarter of every item's ratings by dimension and its key figures,
 * plus one row for the programme itself, so the report can show what changed since last quarter. Building the
 * report again in the same quarter replaces that quarter's rows; a new quarter appends.
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
import { dimensions, historyRagHeader } from "../assess/registry";
import type { AssessedItem, ProgrammeAnalysis } from "../model";
import type { OverallRag } from "../rag";
import { readDate, readFraction, readText } from "../read/cells";
import type { LayoutValue, SheetLayout } from "../plan";
import { FORMAT, SheetBuilder } from "./sheet-builder";

export const HISTORY_SHEET = "RAG History";
/** The first version's columns, in its order (kept first so a sheet written by it and by this one agree). */
export const HISTORY_HEADERS_V1 = [
  "Quarter",
  "Reporting date",
  "Sheet",
  "Ref",
  "Name",
  "Budget",
  "Forecast",
  "Budget RAG",
  "Schedule RAG",
  "Risk RAG",
  "Overall RAG",
] as const;
/** The programme's own row carries this in the Level column (items carry "Item"). */
export const PROGRAMME_LEVEL = "Programme";

/** The history's rating column of a dimension, by its key: "budgetRag" holds the "Budget RAG" column. */
export type HistoryRagKey = `${DimensionKey}Rag`;
export function historyRagKey(key: DimensionKey): HistoryRagKey {
  return `${key}Rag`;
}

export type HistoryRow = {
  quarter: string;
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
  const byHeader = new Map(dims.map((d) => [historyRagHeader(d), d.key as DimensionKey]));
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
    // The first version's rating columns, kept in place while their dimension is registered.
    ...(["Budget RAG", "Schedule RAG", "Risk RAG"] as const)
      .filter((h) => byHeader.has(h))
      .map((h) => ragColumn(byHeader.get(h)!, h)),
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
  ];
  const added = dims
    .filter((d) => !v1Rag.has(historyRagHeader(d)))
    .map((d) => ragColumn(d.key as DimensionKey, historyRagHeader(d)));
  return [...v1, ...later, ...added];
}

const COLUMNS = historyColumns();
/** Every column's header, in the order the tool writes them. */
export const HISTORY_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

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
  const out: Record<string, unknown> = {};
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = r.cols[i]!;
    out[COLUMNS[i]!.key] = COLUMNS[i]!.read(c < 0 ? null : (r.cells[c] ?? null), dateSystem);
  }
  out.sheet ??= "";
  return out as HistoryRow;
}

/** A row as the tool writes it, in its columns' order. */
function rowValues(h: HistoryRow, dateSystem: DateSystem): LayoutValue[] {
  return COLUMNS.map((c) => c.write(h[c.key], dateSystem));
}

/** A row of the sheet copied as the tool would write it back, without reading it into a HistoryRow. */
function copiedValues(r: SheetRow, dateSystem: DateSystem): LayoutValue[] {
  const out = new Array<LayoutValue>(COLUMNS.length);
  for (let i = 0; i < COLUMNS.length; i++) {
    const c = r.cols[i]!;
    const v = c < 0 ? null : r.cells[c];
    if (i === DATE) out[i] = excelSerialFromDay(r.reportingDate, dateSystem);
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

export function snapshotRows(a: ProgrammeAnalysis): HistoryRow[] {
  const keys = dimensions().map(
    (d) => [d.key as DimensionKey, historyRagKey(d.key as DimensionKey)] as const,
  );
  const rows: HistoryRow[] = a.items.map((i: AssessedItem) => {
    const row = {
      quarter: a.period,
      reportingDate: a.reportingDate,
      level: "item" as const,
      sheet: i.sheet,
      ref: i.ref,
      name: i.name,
      budget: i.budget,
      spent: i.spent,
      committed: i.committed,
      forecast: i.assessedForecast,
      variance: i.variance,
      progress: i.progress as number | null,
      computed: i.rag.computed as string,
      override: (i.rag.override ?? "") as string,
      delivery: "",
      overall: i.rag.overall as string,
    } as HistoryRow;
    for (const [key, column] of keys) row[column] = i.rag[key];
    return row;
  });
  const t = a.totals;
  // The programme's own row: its budget RAG (against the allocation) and delivery RAG; no other dimension.
  const programme = {
    quarter: a.period,
    reportingDate: a.reportingDate,
    level: "programme" as const,
    sheet: "",
    ref: null,
    name: a.programmeName,
    budget: a.allocation,
    spent: t.spent,
    committed: t.committed,
    forecast: t.forecast,
    variance: t.varianceToAllocation,
    progress: null,
    computed: "",
    override: "",
    delivery: a.programmeRag.delivery.rag as string,
    overall: a.programmeRag.rag as string,
  } as HistoryRow;
  for (const [, column] of keys) programme[column] = "";
  programme.budgetRag = t.rag;
  rows.push(programme);
  return rows;
}

/** Earlier quarters' rows plus this quarter's snapshot (replacing any rows already held for this quarter). */
export function mergeHistory(previous: readonly HistoryRow[], a: ProgrammeAnalysis): HistoryRow[] {
  const kept = previous.filter((r) => r.quarter !== a.period);
  const all = [...kept, ...snapshotRows(a)];
  // Chronological by reporting date; stable within a quarter.
  return all
    .map((r, i) => ({ r, i }))
    .sort((x, y) => x.r.reportingDate - y.r.reportingDate || x.i - y.i)
    .map((x) => x.r);
}

export interface PreviousSnapshot {
  quarter: string;
  reportingDate: DayNumber;
  /** Items by itemKey. */
  rows: Map<string, HistoryRow>;
  /** The programme's own row (null in histories written before it was kept). */
  programme: HistoryRow | null;
}

/** The latest quarter before this one that some rows hold (its quarter and reporting date), or null. */
function latestBefore<T extends { quarter: string; reportingDate: DayNumber }>(
  rows: readonly T[],
  a: Pick<ProgrammeAnalysis, "period" | "reportingDate">,
): T | null {
  let latest: T | null = null;
  for (const r of rows) {
    if (r.quarter === a.period || r.reportingDate >= a.reportingDate) continue;
    if (latest === null || r.reportingDate > latest.reportingDate) latest = r;
  }
  return latest;
}

function snapshotOf(quarter: string, reportingDate: DayNumber, rows: Iterable<HistoryRow>): PreviousSnapshot {
  const byKey = new Map<string, HistoryRow>();
  let programme: HistoryRow | null = null;
  for (const r of rows) {
    if (r.level === "programme") programme = r;
    else byKey.set(itemKey(r), r);
  }
  return { quarter, reportingDate, rows: byKey, programme };
}

/** The latest quarter before this one that the history holds. */
export function previousSnapshot(
  history: readonly HistoryRow[],
  a: Pick<ProgrammeAnalysis, "period" | "reportingDate">,
): PreviousSnapshot | null {
  const latest = latestBefore(history, a);
  if (!latest) return null;
  return snapshotOf(
    latest.quarter,
    latest.reportingDate,
    history.filter((r) => r.quarter === latest.quarter),
  );
}

/**
 * What a run takes from the RAG History sheet: the latest earlier quarter, read into rows (for the trend), and
 * every other quarter's rows only as the values the tool writes back (never read into objects), so a history
 * that grows each quarter costs a copy of its cells, not a parse of them.
 */
export interface HistorySheet {
  previous: PreviousSnapshot | null;
  /** The rows of every quarter but this one, as written back, with their reporting dates, in sheet order. */
  earlier: { reportingDate: DayNumber; values: LayoutValue[] }[];
}

export function readHistorySheet(
  grid: SheetGrid | null,
  a: Pick<ProgrammeAnalysis, "period" | "reportingDate" | "dateSystem">,
): HistorySheet {
  const rows = sheetRows(grid, a.dateSystem);
  const earlier = rows
    .filter((r) => r.quarter !== a.period)
    .map((r) => ({ reportingDate: r.reportingDate, values: copiedValues(r, a.dateSystem) }));
  return { previous: previousOf(rows, a), earlier };
}

/** The latest quarter before this one that the history sheet holds: all the trend needs of it. */
export function previousFromHistory(
  grid: SheetGrid | null,
  a: Pick<ProgrammeAnalysis, "period" | "reportingDate" | "dateSystem">,
): PreviousSnapshot | null {
  return previousOf(sheetRows(grid, a.dateSystem), a);
}

function previousOf(
  rows: readonly SheetRow[],
  a: Pick<ProgrammeAnalysis, "period" | "reportingDate" | "dateSystem">,
): PreviousSnapshot | null {
  const latest = latestBefore(rows, a);
  if (!latest) return null;
  return snapshotOf(
    latest.quarter,
    latest.reportingDate,
    rows.filter((r) => r.quarter === latest.quarter).map((r) => parseRow(r, a.dateSystem)),
  );
}

export type Direction = "improved" | "worse" | "unchanged" | "new";
export const DIRECTION_TEXT: Record<Direction, string> = {
  improved: "▲ improved",
  worse: "▼ worse",
  unchanged: "► unchanged",
  new: "● new",
};

/** Higher is better. Not assessed sits between Amber and Amber/Green: losing a rating is worse than Green. */
const GOODNESS: Record<string, number> = {
  Red: 0,
  "Amber/Red": 1,
  Amber: 2,
  "Not assessed": 2.5,
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
  return n > b ? "improved" : "worse";
}

/** The history sheet holding these rows. */
export function historyLayout(rows: readonly HistoryRow[], dateSystem: DateSystem = 1900): SheetLayout {
  return layoutOf(rows.map((h) => rowValues(h, dateSystem)));
}

/**
 * The history sheet of a report: the sheet's earlier quarters as they are plus this quarter's snapshot, in
 * order of reporting date (the same as historyLayout(mergeHistory(readHistory(grid), a))).
 */
export function historySheetLayout(sheet: HistorySheet, a: ProgrammeAnalysis): SheetLayout {
  const now = snapshotRows(a).map((h) => ({
    reportingDate: h.reportingDate,
    values: rowValues(h, a.dateSystem),
  }));
  // Chronological by reporting date; stable within a quarter (Array.prototype.sort is stable).
  const all = [...sheet.earlier, ...now].sort((x, y) => x.reportingDate - y.reportingDate);
  return layoutOf(all.map((r) => r.values));
}

function layoutOf(rows: readonly LayoutValue[][]): SheetLayout {
  const b = new SheetBuilder("history", HISTORY_SHEET, "end");
  b.widths = COLUMNS.map((c) => c.width);
  b.freezeRows = 1;
  b.row(0, 0, [...HISTORY_HEADERS], [], { bold: true, fill: "#D9E1F2", border: true, wrap: true });
  const formats = COLUMNS.map((c) => c.format);
  let r = 1;
  for (const values of rows) b.row(r++, 0, values, formats);
  b.print = {
    orientation: "landscape",
    paperSize: "A4",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 0 },
    footer: { left: `${HISTORY_SHEET}`, right: "Page &P of &N" },
  };
  return b.build();
}
