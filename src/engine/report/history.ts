/**
 * The "RAG History" sheet: one snapshot per quarter of every item's RAG, so the report can show the direction
 * of travel since last quarter. Building the report again in the same quarter replaces that quarter's rows; a
 * new quarter appends. The engine reads the sheet back from its grid (it is the tool's own sheet).
 */
import type { DayNumber } from "../dates";
import type { DateSystem } from "../dates";
import { excelSerialFromDay } from "../dates";
import type { CellValue, SheetGrid } from "../grid";
import type { Pence } from "../money";
import { penceFromPounds } from "../money";
import type { AssessedItem, ProgrammeAnalysis } from "../model";
import type { OverallRag } from "../rag";
import { readDate, readText } from "../read/cells";
import type { SheetLayout } from "../plan";
import { FORMAT, SheetBuilder } from "./sheet-builder";

export const HISTORY_SHEET = "RAG History";
export const HISTORY_HEADERS = [
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

export interface HistoryRow {
  quarter: string;
  reportingDate: DayNumber;
  sheet: string;
  ref: string | null;
  name: string | null;
  budget: Pence | null;
  forecast: Pence | null;
  budgetRag: string;
  scheduleRag: string;
  riskRag: string;
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
  return typeof v === "number" && Number.isFinite(v) ? penceFromPounds(v) : null;
}

/** Reads the history sheet the tool wrote before. Rows it cannot read are passed over. */
export function readHistory(grid: SheetGrid | null, dateSystem: DateSystem = 1900): HistoryRow[] {
  if (!grid) return [];
  const rows: HistoryRow[] = [];
  const values = grid.values;
  const headerIndex = values.findIndex(
    (r) =>
      readText(r?.[0] ?? null) === HISTORY_HEADERS[0] && readText(r?.[10] ?? null) === HISTORY_HEADERS[10],
  );
  if (headerIndex < 0) return [];
  for (let r = headerIndex + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const quarter = readText(row[0] ?? null);
    const date = readDate(row[1] ?? null, "end", dateSystem);
    const sheet = readText(row[2] ?? null);
    const overall = readText(row[10] ?? null);
    if (!quarter || date.kind !== "value" || !sheet || !overall) continue;
    rows.push({
      quarter,
      reportingDate: date.value,
      sheet,
      ref: readText(row[3] ?? null),
      name: readText(row[4] ?? null),
      budget: money(row[5] ?? null),
      forecast: money(row[6] ?? null),
      budgetRag: readText(row[7] ?? null) ?? "",
      scheduleRag: readText(row[8] ?? null) ?? "",
      riskRag: readText(row[9] ?? null) ?? "",
      overall,
    });
  }
  return rows;
}

export function snapshotRows(a: ProgrammeAnalysis): HistoryRow[] {
  return a.items.map((i: AssessedItem) => ({
    quarter: a.period,
    reportingDate: a.reportingDate,
    sheet: i.sheet,
    ref: i.id,
    name: i.name,
    budget: i.budget,
    forecast: i.assessedForecast,
    budgetRag: i.rag.budget,
    scheduleRag: i.rag.schedule,
    riskRag: i.rag.risk,
    overall: i.rag.overall,
  }));
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

/** The latest quarter before this one that the history holds, as a map from item key to its row. */
export function previousSnapshot(
  history: readonly HistoryRow[],
  a: ProgrammeAnalysis,
): { quarter: string; rows: Map<string, HistoryRow> } | null {
  let latest: HistoryRow | null = null;
  for (const r of history) {
    if (r.quarter === a.period || r.reportingDate >= a.reportingDate) continue;
    if (latest === null || r.reportingDate > latest.reportingDate) latest = r;
  }
  if (!latest) return null;
  const quarter = latest.quarter;
  const rows = new Map<string, HistoryRow>();
  for (const r of history) if (r.quarter === quarter) rows.set(itemKey(r), r);
  return { quarter, rows };
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

export function direction(before: string | null | undefined, now: OverallRag | string): Direction {
  if (before == null) return "new";
  const b = GOODNESS[before];
  const n = GOODNESS[now];
  if (b === undefined || n === undefined || b === n) return "unchanged";
  return n > b ? "improved" : "worse";
}

export function historyLayout(rows: readonly HistoryRow[], dateSystem: DateSystem = 1900): SheetLayout {
  const b = new SheetBuilder("history", HISTORY_SHEET, "end");
  b.widths = [12, 13, 20, 8, 40, 13, 13, 13, 13, 13, 13];
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
        h.budget === null ? null : h.budget / 100,
        h.forecast === null ? null : h.forecast / 100,
        h.budgetRag,
        h.scheduleRag,
        h.riskRag,
        h.overall,
      ],
      [null, FORMAT.date, null, FORMAT.text, null, FORMAT.money, FORMAT.money],
    );
    r++;
  }
  return b.build();
}
