/**
 * One run, the same for every host: a workbook snapshot and the user's inputs in, the analysis, the trend since
 * the last quarter and the write plan out. The add-in (adapters/office/operations.ts) and the command line
 * (cli/main.ts) each read a snapshot, call planRun and render what it returns; neither repeats these steps.
 */
import type { AnalyseOptions } from "./analyse";
import { analyse } from "./analyse";
import { excelSerialFromLocalDateTime } from "./dates";
import type { ProgrammeAnalysis } from "./model";
import type { WritePlan } from "./plan";
import type { Trend } from "./report/trend";
import type { WorkbookSnapshot } from "./snapshot";
import { ownGrid } from "./snapshot";
import { markSlippageFrom, readMilestoneHistory } from "./report/milestone-history";
import type { RunMode } from "./write-plan";
import { computeTrend } from "./report/trend";
import { buildWritePlanWith, historyForRun } from "./write-plan";
import type { ReportSheets } from "./report-plan";
import { reportSheets } from "./report-plan";
import { readRiskHistory, riskScoresBefore } from "./report/risk-history-read";
import type { RiskScoresBefore } from "./report/top-risks";

/** The user's inputs of a run: what analyse takes, but what the workbook itself says (own sheets, date system). */
export type RunInputs = Omit<AnalyseOptions, "ownSheets" | "dateSystem">;

export type RunOutcome =
  | {
      kind: "planned";
      /** The analysis, with the host's read issues first and the plan's issues last. */
      analysis: ProgrammeAnalysis;
      /** What changed since the latest earlier quarter in the tool's history sheet (null without one). */
      trend: Trend | null;
      /** What to write; null when the run only analyses (mode null). */
      plan: WritePlan | null;
      /** The risk scores of the Risk History's snapshot compared with (--json's previous score); null without. */
      riskScoresBefore?: RiskScoresBefore | null;
    }
  | {
      kind: "noProgrammeSheet";
      /** The one message both hosts show, naming each sheet and why it was not read. */
      message: string;
      analysis: ProgrammeAnalysis;
    };

/** What a programme sheet is, in the words every host shows (the pane, the ribbon, the command line). */
export const PROGRAMME_SHEET_RULE =
  "A programme sheet is a visible sheet with a header row in its first 30 rows naming at least a project (or " +
  "reference) column and two more, such as budget, forecast and target date.";

/** The message for a workbook with no programme sheet, naming each sheet and why it was passed over. */
export function noProgrammeSheetMessage(a: ProgrammeAnalysis): string {
  const why = a.ignoredSheets.map((s) => `"${s.name}": ${s.reason}`).join("; ");
  return `No programme-of-works sheet was found (${why || "the workbook has no sheets"}). ${PROGRAMME_SHEET_RULE}`;
}

/**
 * Analyses the snapshot's sheets (never the tool's own), refuses a workbook with no programme sheet with one
 * message, takes the history and change log by role, computes the trend, and plans the writes for `mode`
 * ("refresh": the RAG columns and the change log; "report": those, the highlight report and the history
 * snapshot; null: analyse only, nothing planned). `now` is the user's local time, for the change log and the
 * report's date. Pure: the snapshot is not changed.
 */
export function planRun(
  snapshot: WorkbookSnapshot,
  inputs: RunInputs,
  mode: RunMode | null,
  now: Date,
): RunOutcome {
  return planRunWith(snapshot, inputs, mode, now, reportSheets);
}

/**
 * planRun with the report's sheets built by `report` (report-plan.ts's reportSheets), or null where that code is
 * not loaded: the add-in loads it only for a report (its own chunk), so a refresh or a scan passes null.
 */
export function planRunWith(
  snapshot: WorkbookSnapshot,
  inputs: RunInputs,
  mode: RunMode | null,
  now: Date,
  report: ReportSheets | null,
): RunOutcome {
  const analysed = analyse(snapshot.sheets, {
    ...inputs,
    ownSheets: [...snapshot.own.values()].map((o) => o.sheet),
    dateSystem: snapshot.dateSystem,
  });
  const analysis = snapshot.readIssues?.length
    ? { ...analysed, issues: [...snapshot.readIssues, ...analysed.issues] }
    : analysed;
  if (analysis.sheets.length === 0)
    return { kind: "noProgrammeSheet", message: noProgrammeSheetMessage(analysis), analysis };
  const history = ownGrid(snapshot, "history");
  // Read once: the trend and the report's history sheet both come from what this reads.
  const historySheet = historyForRun(analysis, history, mode);
  const trend = computeTrend(analysis, historySheet.previous);
  const milestoneHistory = ownGrid(snapshot, "milestoneHistory");
  const previousDate = trend?.reportingDate ?? null;
  // Read once, where the slippage or the report needs them: both come from these rows.
  const milestoneLines =
    milestoneHistory && (mode === "report" || (previousDate !== null && analysis.milestones?.length))
      ? readMilestoneHistory(milestoneHistory, analysis.dateSystem)
      : undefined;
  if (analysis.milestones && milestoneLines)
    markSlippageFrom(analysis.milestones, milestoneLines, previousDate);
  const riskHistory = ownGrid(snapshot, "riskHistory");
  const riskRows = analysis.riskRegister ? readRiskHistory(riskHistory, analysis.dateSystem) : undefined;
  const riskBefore = riskRows ? riskScoresBefore(riskRows, historySheet.previous) : null;
  if (mode === null) return { kind: "planned", analysis, trend, plan: null, riskScoresBefore: riskBefore };
  const plan = buildWritePlanWith(
    analysis,
    {
      mode,
      history,
      historySheet,
      changeLog: ownGrid(snapshot, "changelog"),
      milestoneHistory,
      ...(milestoneLines ? { milestoneHistoryLines: milestoneLines } : {}),
      riskHistory,
      ...(riskRows ? { riskHistoryRows: riskRows } : {}),
      generatedAt: excelSerialFromLocalDateTime(now, analysis.dateSystem),
      ...(snapshot.formulaCells ? { formulaCells: snapshot.formulaCells } : {}),
    },
    report,
  );
  return {
    kind: "planned",
    analysis: plan.issues.length ? { ...analysis, issues: [...analysis.issues, ...plan.issues] } : analysis,
    trend,
    plan,
    riskScoresBefore: riskBefore,
  };
}
