/**
 * The "Risk History" sheet: each open risk of the register at each snapshot (its likelihood, impact, score and
 * rating, with the snapshot's period and reporting date), so the report shows the direction of travel of every
 * score since the last snapshot. A sheet of the tool's own, like the RAG History: read back by header names,
 * written whole at each report.
 *
 * Which snapshots it keeps follows the RAG History: a row is kept when the merged RAG History keeps rows of its
 * reporting date (`HistorySheet.earlier`), so a report built again replaces its snapshot in both. The scores it
 * compares with are those whose reporting date is the RAG History's previous snapshot's
 * (`PreviousSnapshot.reportingDate`), so whichever snapshot the trend compares with, the risks compare with it.
 */
import { excelSerialFromDay } from "../dates";
import type { SheetGrid } from "../grid";
import type { ProgrammeAnalysis } from "../model";
import type { LayoutValue, SheetLayout } from "../plan";
import { riskName } from "../assess/risk-register";
import type { HistorySheet } from "./history";
import { logSheetLayout } from "./log-sheet";
import type { RiskScoresBefore } from "./top-risks";
import { riskProject } from "./top-risks";
import type { RiskHistoryRow } from "./risk-history-read";
import { readRiskHistory, riskScoresBefore } from "./risk-history-read";
import {
  RISK_HISTORY_COLUMNS as COLUMNS,
  RISK_HISTORY_HEADERS,
  RISK_HISTORY_SHEET,
} from "./risk-history-columns";

export { RISK_HISTORY_HEADERS, RISK_HISTORY_SHEET };
export { readRiskHistory, riskScoresBefore };
export type { RiskHistoryRow };
/**
 * Whether an earlier row is kept: its reporting date is one the merged RAG History keeps; a row of the
 * reporting date being reported is replaced; a row older than every RAG History row handed to the run (a host
 * may hand only the recent ones) is kept as the RAG History keeps its older rows; without any earlier RAG
 * History row, rows of other periods are kept.
 */
function kept(
  r: RiskHistoryRow,
  a: ProgrammeAnalysis,
  earlierDates: ReadonlySet<number>,
  oldest: number | null,
) {
  if (earlierDates.has(r.reportingDate)) return true;
  if (r.reportingDate === a.reportingDate) return false;
  if (oldest !== null) return r.reportingDate < oldest;
  return r.period !== a.period;
}

/** This snapshot's rows: every open risk of the register. */
function snapshotValues(a: ProgrammeAnalysis): LayoutValue[][] {
  const risks = (a.riskRegister?.risks ?? []).filter((r) => !r.closed);
  return risks.map((r) => [
    a.period,
    excelSerialFromDay(a.reportingDate, a.dateSystem),
    r.key,
    r.sheet,
    riskProject(r),
    riskName(r) || null,
    r.owner,
    r.likelihood,
    r.impact,
    r.score,
    r.basis,
    r.rag,
    r.reviewOverdue ? "Yes" : "No",
  ]);
}

export interface RiskHistoryPlan {
  /** The scores to compare with (null without an earlier snapshot). */
  before: RiskScoresBefore | null;
  /** The sheet to write: null when the workbook has neither a register nor a Risk History. */
  layout: SheetLayout | null;
}

/**
 * What a report does with the Risk History: the scores to compare with, and the sheet to write. `read` is the
 * sheet's rows where the run has read them already (`readRiskHistory(grid, a.dateSystem)`), so it is read once.
 */
export function riskHistoryPlan(
  grid: SheetGrid | null,
  a: ProgrammeAnalysis,
  history: HistorySheet,
  read?: readonly RiskHistoryRow[],
): RiskHistoryPlan {
  if (!grid && !a.riskRegister) return { before: null, layout: null };
  const rows = read ?? readRiskHistory(grid, a.dateSystem);
  const before = riskScoresBefore(rows, history.previous);
  const earlierDates = new Set<number>(history.earlier.map((e) => e.reportingDate));
  let oldest: number | null = null;
  for (const d of earlierDates) if (oldest === null || d < oldest) oldest = d;
  const all = [
    ...rows.filter((r) => kept(r, a, earlierDates, oldest)).map((r) => ({ d: r.reportingDate, v: r.values })),
    ...snapshotValues(a).map((v) => ({ d: a.reportingDate, v })),
  ].sort((x, y) => x.d - y.d);
  return { before, layout: riskHistoryLayout(all.map((x) => x.v)) };
}

function riskHistoryLayout(rows: readonly LayoutValue[][]): SheetLayout {
  return logSheetLayout(
    "riskHistory",
    RISK_HISTORY_SHEET,
    {
      headers: RISK_HISTORY_HEADERS,
      widths: COLUMNS.map((c) => c.width),
      formats: COLUMNS.map((c) => c.format),
    },
    rows,
  );
}
