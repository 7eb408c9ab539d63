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
import type { AssessedItem, ProgrammeAnalysis } from "../model";
import type { OverallRag } from "../rag";
import { readDate, readFraction, readText } from "../read/cells";
import type { SheetLayout } from "../plan";
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
export const HISTORY_HEADERS = [
  ...HISTORY_HEADERS_V1,
  "Spent",
  "Committed",
  "Variance",
  "% complete",
  "Computed RAG",
  "Override",
  "Delivery RAG",
  "Level",
] as const;
type HistoryHeader = (typeof HISTORY_HEADERS)[number];

/** The programme's own row carries this in the Level column (items carry "Item"). */
export const PROGRAMME_LEVEL = "Programme";

export interface HistoryRow {
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
  budgetRag: string;
  scheduleRag: string;
  riskRag: string;
  /** The rules' rating ("" in old rows). */
  computed: string;
  /** The manual rating where one decided the overall ("" when none or in old rows). */
  override: string;
  /** The programme row's delivery RAG ("" for items and old rows). */
  delivery: string;
  overall: string;
}

/** The key that follows an item from quarter to quarter: its sheet and reference, or its name without one. */
export function itemKey(x: {
  sheet: string;
  ref?: string | null;
  id?: string | null;
  name: string | null;
}): string {
  const ref = "ref" in x ? x.ref : x.id;
  return `${x.sheet.toLowerCase()}\u0000${(ref ?? "").trim().toLowerCase() || "name:" + (x.name ?? "").trim().toLowerCase()}`;
}

function money(v: CellValue): Pence | null {
  return typeof v === "number" && Number.isFinite(v) && Math.abs(v) < 1e13 ? penceFromPounds(v) : null;
}

const norm = (t: string | null) => (t ?? "").trim().toLowerCase();
const HEADER_BY_NAME = new Map<string, HistoryHeader>(HISTORY_HEADERS.map((h) => [norm(h), h]));

/** The column of each known header in a row, or null when the row is not a history header row. */
function headerColumns(row: readonly CellValue[]): Map<HistoryHeader, number> | null {
  const cols = new Map<HistoryHeader, number>();
  for (let c = 0; c < row.length; c++) {
    const h = HEADER_BY_NAME.get(norm(readText(row[c] ?? null)));
    if (h && !cols.has(h)) cols.set(h, c);
  }
  return cols.has("Quarter") && cols.has("Overall RAG") && cols.has("Sheet") ? cols : null;
}

/** Reads the history sheet the tool wrote before, by header names. Rows it cannot read are passed over. */
export function readHistory(grid: SheetGrid | null, dateSystem: DateSystem = 1900): HistoryRow[] {
  if (!grid) return [];
  const rows: HistoryRow[] = [];
  let cols: Map<HistoryHeader, number> | null = null;
  for (const row of grid.values) {
    if (!row) continue;
    const header = headerColumns(row);
    if (header) {
      cols = header;
      continue;
    }
    if (!cols) continue;
    const at = (h: HistoryHeader): CellValue => {
      const c = cols!.get(h);
      return c === undefined ? null : (row[c] ?? null);
    };
    const text = (h: HistoryHeader) => readText(at(h));
    const quarter = text("Quarter");
    const date = readDate(at("Reporting date"), "end", dateSystem);
    const level = norm(text("Level")) === norm(PROGRAMME_LEVEL) ? "programme" : "item";
    const sheet = text("Sheet") ?? "";
    const overall = text("Overall RAG");
    if (!quarter || date.kind !== "value" || (!sheet && level === "item") || !overall) continue;
    const progress = readFraction(at("% complete"));
    rows.push({
      quarter,
      reportingDate: date.value,
      level,
      sheet,
      ref: text("Ref"),
      name: text("Name"),
      budget: money(at("Budget")),
      spent: money(at("Spent")),
      committed: money(at("Committed")),
      forecast: money(at("Forecast")),
      variance: money(at("Variance")),
      progress: progress.kind === "value" ? progress.value : null,
      budgetRag: text("Budget RAG") ?? "",
      scheduleRag: text("Schedule RAG") ?? "",
      riskRag: text("Risk RAG") ?? "",
      computed: text("Computed RAG") ?? "",
      override: text("Override") ?? "",
      delivery: text("Delivery RAG") ?? "",
      overall,
    });
  }
  return rows;
}

export function snapshotRows(a: ProgrammeAnalysis): HistoryRow[] {
  const rows: HistoryRow[] = a.items.map((i: AssessedItem) => ({
    quarter: a.period,
    reportingDate: a.reportingDate,
    level: "item" as const,
    sheet: i.sheet,
    ref: i.id,
    name: i.name,
    budget: i.budget,
    spent: i.spent,
    committed: i.committed,
    forecast: i.assessedForecast,
    variance: i.variance,
    progress: i.progress,
    budgetRag: i.rag.budget,
    scheduleRag: i.rag.schedule,
    riskRag: i.rag.risk,
    computed: i.rag.computed,
    override: i.rag.override ?? "",
    delivery: "",
    overall: i.rag.overall,
  }));
  const t = a.totals;
  rows.push({
    quarter: a.period,
    reportingDate: a.reportingDate,
    level: "programme",
    sheet: "",
    ref: null,
    name: a.programmeName,
    budget: a.allocation,
    spent: t.spent,
    committed: t.committed,
    forecast: t.forecast,
    variance: t.varianceToAllocation,
    progress: null,
    budgetRag: t.rag,
    scheduleRag: "",
    riskRag: "",
    computed: "",
    override: "",
    delivery: a.programmeRag.delivery.rag,
    overall: a.programmeRag.rag,
  });
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

/** The latest quarter before this one that the history holds. */
export function previousSnapshot(
  history: readonly HistoryRow[],
  a: Pick<ProgrammeAnalysis, "period" | "reportingDate">,
): PreviousSnapshot | null {
  let latest: HistoryRow | null = null;
  for (const r of history) {
    if (r.quarter === a.period || r.reportingDate >= a.reportingDate) continue;
    if (latest === null || r.reportingDate > latest.reportingDate) latest = r;
  }
  if (!latest) return null;
  const quarter = latest.quarter;
  const rows = new Map<string, HistoryRow>();
  let programme: HistoryRow | null = null;
  for (const r of history) {
    if (r.quarter !== quarter) continue;
    if (r.level === "programme") programme = r;
    else rows.set(itemKey(r), r);
  }
  return { quarter, reportingDate: latest.reportingDate, rows, programme };
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

const pounds = (p: Pence | null) => (p === null ? null : toPounds(p));

export function historyLayout(rows: readonly HistoryRow[], dateSystem: DateSystem = 1900): SheetLayout {
  const b = new SheetBuilder("history", HISTORY_SHEET, "end");
  b.widths = [12, 13, 20, 8, 40, 13, 13, 13, 13, 13, 13, 13, 13, 13, 11, 13, 13, 13, 11];
  b.freezeRows = 1;
  b.row(0, 0, [...HISTORY_HEADERS], [], { bold: true, fill: "#D9E1F2", border: true, wrap: true });
  let r = 1;
  for (const h of rows) {
    b.row(
      r,
      0,
      [
        h.quarter,
        excelSerialFromDay(h.reportingDate, dateSystem),
        h.sheet,
        h.ref,
        h.name,
        pounds(h.budget),
        pounds(h.forecast),
        h.budgetRag,
        h.scheduleRag,
        h.riskRag,
        h.overall,
        pounds(h.spent),
        pounds(h.committed),
        pounds(h.variance),
        h.progress,
        h.computed,
        h.override,
        h.delivery,
        h.level === "programme" ? PROGRAMME_LEVEL : "Item",
      ],
      [
        null,
        FORMAT.date,
        null,
        FORMAT.text,
        null,
        FORMAT.money,
        FORMAT.money,
        null,
        null,
        null,
        null,
        FORMAT.money,
        FORMAT.money,
        FORMAT.money,
        FORMAT.percent0,
      ],
    );
    r++;
  }
  b.print = {
    orientation: "landscape",
    paperSize: "A4",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 0 },
    footer: { left: `${HISTORY_SHEET}`, right: "Page &P of &N" },
  };
  return b.build();
}
