/**
 * The Milestone History (issue 12): a sheet of the tool's own holding each milestone's dates and rating per
 * snapshot, one row per milestone and reporting date, so that slippage quarter on quarter (or month on month) is
 * shown. It keeps the snapshots whose reporting dates the RAG History keeps (so whatever decides which snapshot
 * a report replaces decides it here too), replaces this reporting date's rows, and is compared with the rows of
 * the trend's previous snapshot (`PreviousSnapshot.reportingDate`). Read by header names.
 */
import type { AssessedMilestone } from "../assess/milestones";
import type { DateSystem, DayNumber } from "../dates";
import { excelSerialFromDay } from "../dates";
import type { CellValue, SheetGrid } from "../grid";
import type { LayoutValue } from "../plan";
import { readDate, readText } from "../read/cells";
import { normalLink } from "../read/milestones";
import { FORMAT } from "./sheet-builder";

export const MILESTONE_HISTORY_SHEET = "Milestone History";

export const MILESTONE_HISTORY_HEADERS = [
  "Reporting date",
  "Period",
  "Project ref",
  "Project",
  "Milestone",
  "Key",
  "Baseline",
  "Forecast",
  "Actual",
  "Rating",
  "Slip (days)",
  "Milestones sheet",
] as const;

const COL = {
  date: 0,
  period: 1,
  ref: 2,
  project: 3,
  name: 4,
  key: 5,
  baseline: 6,
  forecast: 7,
  actual: 8,
  rating: 9,
  slip: 10,
  sheet: 11,
} as const;
const DATE_COLS: readonly number[] = [COL.date, COL.baseline, COL.forecast, COL.actual];
/** The columns' headers, widths and number formats, as the sheet is laid out (milestone-history-layout.ts). */
export const MILESTONE_HISTORY_LOG_COLUMNS = {
  headers: MILESTONE_HISTORY_HEADERS,
  widths: [13, 11, 11, 32, 36, 6, 12, 12, 12, 12, 10, 18],
  formats: MILESTONE_HISTORY_HEADERS.map((_h, i) =>
    DATE_COLS.includes(i) ? FORMAT.date : i === COL.slip ? FORMAT.integer : null,
  ),
};

/** The project a milestone is kept under: its first item's reference, else that item's name, else its link. */
export function milestoneHistoryProject(m: AssessedMilestone): { ref: string | null; name: string | null } {
  const i = m.items[0];
  if (i) return { ref: i.ref, name: i.name };
  return { ref: m.link, name: null };
}

/** The key that follows a milestone from snapshot to snapshot: its project and its name. */
export function milestoneKey(project: string | null, name: string): string {
  return `${normalLink(project ?? "")}\u0000${normalLink(name)}`;
}

function keyOf(m: AssessedMilestone): string {
  const p = milestoneHistoryProject(m);
  return milestoneKey(p.ref ?? p.name, m.name);
}

/** One row of the Milestone History as read back: its snapshot, its milestone's key and forecast, its cells. */
export interface MilestoneHistoryLine {
  reportingDate: DayNumber;
  key: string;
  forecast: DayNumber | null;
  values: LayoutValue[];
}

const norm = (v: CellValue) => (readText(v) ?? "").trim().toLowerCase();
/** Whether a cell is the header `h` (lower case): only text can be (a number, date or boolean never reads as one). */
const isHeader = (v: CellValue, h: string) => typeof v === "string" && norm(v) === h;

/** The sheet's rows, read by header names (a block starts at each row holding "Reporting date" and "Milestone"). */
export function readMilestoneHistory(
  grid: SheetGrid | null,
  dateSystem: DateSystem = 1900,
): MilestoneHistoryLine[] {
  if (!grid) return [];
  const out: MilestoneHistoryLine[] = [];
  let cols: number[] | null = null;
  const wanted = MILESTONE_HISTORY_HEADERS.map((h) => h.toLowerCase());
  for (const row of grid.values) {
    if (!row) continue;
    if (row.some((v) => isHeader(v, "reporting date")) && row.some((v) => isHeader(v, "milestone"))) {
      cols = wanted.map((h) => row.findIndex((v) => norm(v) === h));
      continue;
    }
    if (!cols) continue;
    const cell = (i: number) => (cols![i]! < 0 ? null : (row[cols![i]!] ?? null));
    const dayOf = (i: number): DayNumber | null => {
      const d = readDate(cell(i), "end", dateSystem);
      return d.kind === "value" ? d.value : null;
    };
    const reportingDate = dayOf(COL.date);
    const name = readText(cell(COL.name));
    if (reportingDate === null || name === null) continue;
    const values: LayoutValue[] = MILESTONE_HISTORY_HEADERS.map((_h, i) => {
      if (DATE_COLS.includes(i)) {
        const d = dayOf(i);
        return d === null ? null : excelSerialFromDay(d, dateSystem);
      }
      const v = cell(i);
      if (typeof v === "number") return v;
      return readText(v);
    });
    out.push({
      reportingDate,
      key: milestoneKey(readText(cell(COL.ref)) ?? readText(cell(COL.project)), name),
      forecast: dayOf(COL.forecast),
      values,
    });
  }
  return out;
}

/**
 * Marks each milestone with its forecast at the previous snapshot (the rows of `previousDate`), where the
 * history holds it: `previousForecast` (null when it had none then). Milestones new since are left unmarked.
 */
export function markSlippage(
  milestones: readonly AssessedMilestone[],
  grid: SheetGrid | null,
  previousDate: DayNumber | null,
  dateSystem: DateSystem = 1900,
): void {
  if (previousDate === null || !grid || milestones.length === 0) return;
  markSlippageFrom(milestones, readMilestoneHistory(grid, dateSystem), previousDate);
}

/**
 * markSlippage from the sheet's rows as `readMilestoneHistory` read them, so a run that also writes the sheet
 * reads it once (run.ts).
 */
export function markSlippageFrom(
  milestones: readonly AssessedMilestone[],
  lines: readonly MilestoneHistoryLine[],
  previousDate: DayNumber | null,
): void {
  if (previousDate === null || milestones.length === 0) return;
  const before = new Map<string, DayNumber | null>();
  for (const line of lines) if (line.reportingDate === previousDate) before.set(line.key, line.forecast);
  if (before.size === 0) return;
  for (const m of milestones) {
    const k = keyOf(m);
    if (before.has(k)) {
      m.previousForecast = before.get(k)!;
      m.previousReportingDate = previousDate;
    }
  }
}

/** How far a milestone's forecast moved since the previous snapshot (days later: positive), or null. */
export function slippedBy(m: AssessedMilestone): number | null {
  if (m.previousForecast == null || m.rag === "Achieved") return null;
  const now = m.forecast ?? m.baseline;
  return now === null ? null : now - m.previousForecast;
}
