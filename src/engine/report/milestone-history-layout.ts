/**
 * The Milestone History as a report writes it (issue 12): the kept snapshots' rows and this reporting date's
 * milestones, laid out as the tool's log sheet. Reading the sheet (milestone-history.ts, for the slippage) is
 * every run's; writing it is a report's only, so this half is in the add-in's report chunk.
 */
import type { AssessedMilestone } from "../assess/milestones";
import type { DayNumber } from "../dates";
import { excelSerialFromDay } from "../dates";
import type { SheetGrid } from "../grid";
import type { ProgrammeAnalysis } from "../model";
import type { LayoutValue, SheetLayout } from "../plan";
import type { HistorySheet } from "./history";
import { readHistory, readHistorySheet } from "./history";
import { logSheetLayout } from "./log-sheet";
import type { MilestoneHistoryLine } from "./milestone-history";
import {
  MILESTONE_HISTORY_LOG_COLUMNS,
  MILESTONE_HISTORY_SHEET,
  milestoneHistoryProject,
  readMilestoneHistory,
} from "./milestone-history";

function rowOf(m: AssessedMilestone, a: ProgrammeAnalysis): LayoutValue[] {
  const p = milestoneHistoryProject(m);
  const serial = (d: DayNumber | null) => (d === null ? null : excelSerialFromDay(d, a.dateSystem));
  return [
    serial(a.reportingDate),
    a.period,
    p.ref,
    p.name,
    m.name,
    m.key ? "Yes" : null,
    serial(m.baseline),
    serial(m.forecast),
    serial(m.actual),
    m.rag,
    m.slip,
    m.source === "programme" ? `${m.sheet} (next milestone)` : m.sheet,
  ];
}

/**
 * The Milestone History of a report: the sheet's rows of the reporting dates the RAG History keeps (every date it
 * held but those it replaces now), then this reporting date's milestones, in order of reporting date.
 * `history` is the RAG History as the run read it (`readHistorySheet(ragHistory, a)`) and `lines` the sheet's
 * rows as it read them (`readMilestoneHistory(grid, a.dateSystem)`), so neither sheet is read again here; without
 * them they are read from the grids.
 */
export function milestoneHistoryLayout(
  a: ProgrammeAnalysis,
  grid: SheetGrid | null,
  ragHistory: SheetGrid | null,
  history?: HistorySheet,
  lines?: readonly MilestoneHistoryLine[],
): SheetLayout {
  const old = lines ?? readMilestoneHistory(grid, a.dateSystem);
  // The reporting dates the RAG History drops when it takes this snapshot (its rows it does not write back).
  const dropped = new Set<number>([a.reportingDate]);
  if (history?.replaced) for (const d of history.replaced) dropped.add(d);
  else {
    const kept = new Set((history ?? readHistorySheet(ragHistory, a)).earlier.map((e) => e.reportingDate));
    for (const r of readHistory(ragHistory, a.dateSystem))
      if (!kept.has(r.reportingDate)) dropped.add(r.reportingDate);
  }
  const rows: { reportingDate: number; values: LayoutValue[] }[] = old.filter(
    (l) => !dropped.has(l.reportingDate),
  );
  for (const m of a.milestones ?? []) rows.push({ reportingDate: a.reportingDate, values: rowOf(m, a) });
  rows.sort((x, y) => x.reportingDate - y.reportingDate);

  return logSheetLayout(
    "milestoneHistory",
    MILESTONE_HISTORY_SHEET,
    MILESTONE_HISTORY_LOG_COLUMNS,
    rows.map((x) => x.values),
  );
}
