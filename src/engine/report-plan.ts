/**
 * The sheets a report adds to a run's writes: the highlight report, the RAG History, and the Milestone and Risk
 * History where the workbook has milestones or risks. Kept apart from write-plan.ts (the RAG columns and the
 * change log, which every run writes) so the add-in can load it, and the report sections it brings, only when
 * "Build highlight report" is clicked: the task pane's own webpack chunk (adapters/office/operations.ts).
 */
import type { ProgrammeAnalysis } from "./model";
import type { SheetLayout } from "./plan";
import { highlightLayout } from "./report/highlight";
import type { HistorySheet } from "./report/history";
import { historySheetLayout } from "./report/history-layout";
import { milestoneHistoryLayout } from "./report/milestone-history-layout";
import { riskHistoryPlan } from "./report/risk-history";
import type { PlanOptions } from "./write-plan";

/**
 * The report's sheets in the order they are written, from the history as the run has read it
 * (`historyForRun(a, history, "report")`).
 */
export function reportSheets(
  a: ProgrammeAnalysis,
  options: PlanOptions,
  history: HistorySheet,
): SheetLayout[] {
  const sheets: SheetLayout[] = [];
  const risks = riskHistoryPlan(options.riskHistory ?? null, a, history, options.riskHistoryRows);
  sheets.push(
    highlightLayout(a, {
      previous: history.previous,
      riskScoresBefore: risks.before,
      generatedAt: options.generatedAt,
      ...(options.programmeName ? { programmeName: options.programmeName } : {}),
    }),
  );
  sheets.push(historySheetLayout(history, a));
  // Milestones (issue 12): only a workbook with milestones, or a Milestone History already, gets the sheet.
  if (a.milestones?.length || options.milestoneHistory)
    sheets.push(
      milestoneHistoryLayout(
        a,
        options.milestoneHistory ?? null,
        options.history ?? null,
        history,
        options.milestoneHistoryLines,
      ),
    );
  if (risks.layout) sheets.push(risks.layout);
  return sheets;
}

export type ReportSheets = typeof reportSheets;
