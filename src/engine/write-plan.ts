/**
 * From an analysis to the whole write plan of a run: the RAG columns, and for a report the highlight sheet and
 * the history snapshot; every run appends to the change log.
 */
import { formatDayUk } from "./dates";
import { rowIndexOf } from "./coords";
import type { SheetGrid } from "./grid";
import type { ProgrammeAnalysis } from "./model";
import { COMPUTED_RAG_HEADER } from "./analyse";
import { cellAddress } from "./grid";
import type { Issue } from "./model";
import type { RagCellWrite, RagColumnWrite, WritePlan } from "./plan";
import { ownColumn, planRagColumns, ragCell } from "./rag-columns";
import { alreadyLogged, changeLogLayout, changedCells, readChangeLog } from "./report/changelog";
import type { Trend } from "./report/trend";
import { computeTrend } from "./report/trend";
import type { HistorySheet } from "./report/history";
import type { MilestoneHistoryLine } from "./report/milestone-history";
import type { RiskHistoryRow } from "./report/risk-history-read";
import { previousFromHistory, readHistorySheet } from "./report/history";
import { cycleSentence } from "./cycle";
import type { ReportSheets } from "./report-plan";
import { reportSheets } from "./report-plan";

export type RunMode = "refresh" | "report";

export interface PlanOptions {
  mode: RunMode;
  /** The tool's own history and change log sheets as they are now (null when there are none yet). */
  history?: SheetGrid | null;
  /**
   * The history as the run has read it already (`historyForRun(a, history, "report")`), so the sheet is read
   * once a run; when absent, `history` is read here.
   */
  historySheet?: HistorySheet;
  changeLog?: SheetGrid | null;
  /** The tool's Milestone History as it is now (issue 12; null when there is none yet). */
  milestoneHistory?: SheetGrid | null;
  /** The Milestone History's rows as the run has read them already (`readMilestoneHistory`), read once a run. */
  milestoneHistoryLines?: readonly MilestoneHistoryLine[];
  /** The tool's Risk History sheet as it is now (null when there is none yet). */
  riskHistory?: SheetGrid | null;
  /** The Risk History's rows as the run has read them already (`readRiskHistory`), read once a run. */
  riskHistoryRows?: readonly RiskHistoryRow[];
  /**
   * When the run happens: an Excel serial date-time in the user's local time, in the workbook's date system
   * (the analysis's dateSystem: excelSerialFromLocalDateTime(now, a.dateSystem)).
   */
  generatedAt: number;
  programmeName?: string;
  /**
   * Cells of the RAG and Computed RAG columns that hold a user's formula ("Sheet!R12"): the tool leaves them as
   * they are, says so in the issues, and writes the computed rating to the Computed RAG column instead.
   */
  formulaCells?: ReadonlySet<string>;
}

export const ACTION_TEXT: Record<RunMode, string> = {
  refresh: "Refresh RAG columns",
  report: "Build highlight report",
};

/**
 * What changed since the snapshot the analysis's report compares with (the month before for a monthly report,
 * the end of the quarter before for a quarterly one) in the tool's history sheet (null without one).
 */
export function trendFromHistory(a: ProgrammeAnalysis, history: SheetGrid | null): Trend | null {
  return computeTrend(a, previousFromHistory(history, a));
}

/**
 * What a run reads of the RAG History, once: the latest earlier quarter read into rows (for the trend) and, for a
 * report, every other quarter's rows as they are written back (none otherwise: nothing else writes them).
 */
export function historyForRun(
  a: ProgrammeAnalysis,
  history: SheetGrid | null,
  mode: RunMode | null,
): HistorySheet {
  return mode === "report"
    ? readHistorySheet(history, a)
    : { previous: previousFromHistory(history, a), earlier: [] };
}

export function buildWritePlan(a: ProgrammeAnalysis, options: PlanOptions): WritePlan {
  return buildWritePlanWith(a, options, reportSheets);
}

/**
 * buildWritePlan with the report's sheets built by `report` (report-plan.ts's reportSheets), or by nothing: the
 * add-in loads the code that builds a report only when a report is asked for (its own webpack chunk), so its
 * refresh passes null. A report without `report` is a programming error and throws.
 */
export function buildWritePlanWith(
  a: ProgrammeAnalysis,
  options: PlanOptions,
  report: ReportSheets | null,
): WritePlan {
  const issues: Issue[] = [];
  const ragColumns = keepFormulas(planRagColumns(a), a, options.formulaCells ?? new Set(), issues);
  const action = ACTION_TEXT[options.mode];
  const allChanges = changedCells(ragColumns, options.generatedAt, action);
  const existingLog = readChangeLog(options.changeLog ?? null, a.dateSystem);
  const logged = alreadyLogged(existingLog, allChanges);
  const changes = allChanges.filter((c) => !logged.has(c));
  let written = 0;
  let filled = 0;
  for (const col of ragColumns) {
    for (const cell of col.cells) {
      for (const v of [cell.rag, col.computed ? cell.computed : undefined]) {
        if (!v) continue;
        written++;
        if (v.before === null) filled++;
      }
    }
  }
  const unchanged = written - filled - allChanges.length;
  const earlier =
    logged.size > 0
      ? `, ${logged.size} listed already by an earlier run that stopped before writing ${logged.size === 1 ? "it" : "them"}`
      : "";
  // Only the snapshot compared with is read into rows; the other months are copied as they are written back.
  const history =
    options.mode === "report" ? (options.historySheet ?? readHistorySheet(options.history ?? null, a)) : null;
  const summary = {
    when: options.generatedAt,
    action,
    text:
      `${a.period} (reporting date ${formatDayUk(a.reportingDate)}): ${written} RAG cell${written === 1 ? "" : "s"} written: ` +
      `${changes.length} changed (listed below)${earlier}, ${filled} ${filled === 1 ? "was" : "were"} empty, ${unchanged} unchanged` +
      (history ? `; ${cycleSentence(a, history.previous)}` : ""),
  };
  const sheets = [];
  if (history) {
    if (!report) throw new Error("buildWritePlanWith: a report needs the report's sheets (report-plan.ts)");
    sheets.push(...report(a, options, history));
  }
  sheets.push(changeLogLayout(existingLog, changes, summary));
  return { ragColumns, changedCells: allChanges.length, sheets, issues };
}

/**
 * Leaves every RAG and Computed RAG cell holding a user's formula as it is. Where a RAG cell holds one, the
 * computed rating goes to the Computed RAG column (added beside the sheet's last column if the sheet has none),
 * so the programme manager still sees it; each such cell is named in the issues.
 */
function keepFormulas(
  columns: RagColumnWrite[],
  a: ProgrammeAnalysis,
  formulaCells: ReadonlySet<string>,
  issues: Issue[],
): RagColumnWrite[] {
  if (formulaCells.size === 0) return columns;
  const byRow = new Map(a.items.map((i) => [`${i.sheet}\u0000${rowIndexOf(i.row)}`, i]));
  return columns.map((col) => {
    const isFormula = (row: number, c: number) => formulaCells.has(`${col.sheet}!${cellAddress(row, c)}`);
    const ragFormulas = col.cells.filter((x) => isFormula(x.row, col.rag.col));
    const computedFormulas = col.computed ? col.cells.filter((x) => isFormula(x.row, col.computed!.col)) : [];
    if (ragFormulas.length === 0 && computedFormulas.length === 0) return col;
    const report = a.sheets.find((s) => s.name === col.sheet);
    let computed = col.computed;
    if (computed === null) {
      const next = Math.max(report?.lastColumn ?? col.rag.col, col.rag.col) + 1;
      computed = ownColumn(next, COMPUTED_RAG_HEADER);
    }
    const target = computed;
    const cells = col.cells.map((x) => {
      const item = byRow.get(`${col.sheet}\u0000${x.row}`);
      const out: RagCellWrite = { row: x.row, ref: x.ref, name: x.name };
      if (!isFormula(x.row, col.rag.col)) out.rag = x.rag!;
      else if (item) {
        issues.push({
          sheet: col.sheet,
          cell: cellAddress(x.row, col.rag.col),
          severity: "warning",
          message: `The RAG cell holds a formula, which the add-in leaves as it is; the computed rating (${item.rag.computed}) is in the ${COMPUTED_RAG_HEADER} column (${cellAddress(x.row, target.col)}).`,
        });
      }
      const value = x.computed ?? (item ? ragCell(item.rag.computed, item.computedBefore) : undefined);
      if (value && !isFormula(x.row, target.col)) out.computed = value;
      else if (value && item) {
        issues.push({
          sheet: col.sheet,
          cell: cellAddress(x.row, target.col),
          severity: "warning",
          message: `The ${COMPUTED_RAG_HEADER} cell holds a formula, which the add-in leaves as it is (the computed rating is ${item.rag.computed}).`,
        });
      }
      return out;
    });
    return { ...col, computed: target, cells };
  });
}
