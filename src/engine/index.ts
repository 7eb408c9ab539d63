/**
 * The engine's public surface: everything the adapters (src/adapters/), the CLI (src/cli/), src/app/, the ribbon
 * commands and the task pane may use of src/engine/. Everything else in src/engine/ is internal and may change
 * without notice to those layers.
 *
 * Code outside the engine may import from this file or from the module that defines a name, but only names listed
 * here (tests/architecture/engine-surface.test.ts checks every import). Widening the surface is a deliberate edit
 * of this file. Tests, benchmarks and scripts may reach inside the engine.
 */

// Read → compute: grids in, an analysis out.
export type { CellValue, SheetGrid } from "./grid";
export { cellAddress, columnLetters, isBlank, quoteSheetName } from "./grid";
// Sheet rows and columns: from 0 (RowIndex, ColIndex) and as Excel numbers them (ExcelRow, ExcelCol), one pair of
// conversions each.
export type { ColIndex, RowIndex } from "./coords";
export { colIndexOf, excelColOf, excelRowOf, rowIndexOf } from "./coords";
export { DEFAULT_ALLOCATION, DEFAULT_PROGRAMME_NAME, PROGRAMME_END, PROGRAMME_START } from "./analyse";
export type {
  AssessedItem,
  FieldKey,
  Issue,
  ProgrammeAnalysis,
  Severity,
  SheetReport,
  Totals,
} from "./model";

// One run: a workbook's snapshot in, the analysis, trend and write plan out (the same for every host).
export type { ReadNeeds, WorkbookName, WorkbookSnapshot } from "./snapshot";
export { FORMAT_HEAD_ROWS, markerTargets, OWN_SHEET_NAMES, readNeeds, workbookSnapshot } from "./snapshot";
// What a sheet's first rows say it can be (a sheet the engine reads or one it ignores): the file adapter reads an
// ignored sheet no further than its head.
export { HEAD_ROWS, sheetUse } from "./sheet-kind";
export type { RunInputs } from "./run";
export { planRun, PROGRAMME_SHEET_RULE } from "./run";
// The add-in loads the report's sheets on demand (its own webpack chunk) and passes them to planRunWith.
export { planRunWith } from "./run";
export type { ReportSheets } from "./report-plan";
export { addedColumnPlaces } from "./read/sheet";
// The monthly and quarterly cycle: a run is a monthly or a quarterly report.
export type { ReportCycle } from "./cycle";
export { cycleSentence, cycleStart, defaultCycle } from "./cycle";

// Rules are data (each rated dimension declares its part in the rule registry).
export type { DimensionFormField } from "./assess/registry";
export { dimensions } from "./assess/registry";
export type { ProgrammeDetails, Rules, RulesJson } from "./rules";
export { DEFAULT_RULES, rulesFromJson, rulesToJson } from "./rules";
export { allocationByYearToJson } from "./rules";
// The settings the add-in saves in the workbook, checked the same way for the pane and the command line.
export type { SettingsRead } from "./saved-settings";
export { SETTINGS_KEY, SETTINGS_VERSION, settingsFromJson } from "./saved-settings";
export type { YearView } from "./assess/years";
export { varianceIsCarried, yearVarianceWords } from "./year-words";

// Plan: what a run writes.
export type { RunMode } from "./write-plan";
export type {
  CellStyle,
  ChartKind,
  LayoutValue,
  OwnColumn,
  OwnSheetRole,
  RagCellValue,
  RagCellWrite,
  RagColumnWrite,
  SheetLayout,
  StyleRun,
  WritePlan,
} from "./plan";
export { needsTextPrefix } from "./plan";
export { MAX_ROW_HEIGHT } from "./report/sheet-builder";

// The tool's own sheets, found by their workbook-name markers.
export {
  chooseSheetName,
  isValidSheetName,
  markerName,
  ownSheetContentAgrees,
  roleFromMarker,
  sheetFromReference,
  unchangedRows,
} from "./own-sheets";
export { CHANGELOG_HEADERS } from "./report/changelog";
export { HISTORY_HEADERS } from "./report/history";
export { MILESTONE_HISTORY_HEADERS } from "./report/milestone-history";
export { RISK_HISTORY_HEADERS } from "./report/risk-history-columns";

// Money as integer pence (money.ts), other percent maths (percent.ts) and dates as day numbers in a workbook's date system (dates.ts).
export type { Pence } from "./money";
export {
  absPence,
  formatMoney,
  formatPounds,
  groupThousands,
  pence,
  penceFromPounds,
  toPounds,
} from "./money";
export { fractionFromPercent, percentFromFraction, roundToHundredths } from "./percent";
export type { DateSystem, DayNumber } from "./dates";
export {
  DATE_1904_OFFSET,
  dayFromLocalDate,
  dayFromYmd,
  defaultReportingDate,
  excelSerialFromDay,
  excelSerialFromJsDate,
  formatDayIso,
  formatDayUk,
  parseIsoDay,
  periodLabel,
  serialOfUnixEpoch,
} from "./dates";

// Reading one typed value the way the engine reads a cell (the pane's and the CLI's inputs).
export type { CurrencyCode } from "./read/cells";
export { CURRENCY_SYMBOL, readAmount, readDate } from "./read/cells";
export { fieldLabel } from "./read/headers";

// Words and figures shown to people: ratings, the highlight report's choices, the trend, the JSON output.
export type { OverallRag, RagCounts } from "./rag";
export { RAG_COUNT_KEYS, RAG_STYLE, severityRank } from "./rag";
export { pct1 } from "./assess/format";
export { budgetsNotReadNote } from "./assess/programme";
export { comingUp, EXCEPTION_LIMIT, exceptions, overrideCounts, overrideText } from "./report/exceptions";
export { reportWarnings } from "./report/notes";
export type { KeyMilestone } from "./report/key-milestones";
export {
  cancelledItemMilestones,
  cancelledMilestonesText,
  keyMilestoneGroupText,
  keyMilestones,
  milestoneProject,
  milestoneSummary,
} from "./report/key-milestones";
export type { Trend } from "./report/trend";
export { behindOverrideText, changeText, moversText, ratedMoveText } from "./report/trend";
export { toJsonReport } from "./json";
export type { RatedRisk } from "./assess/risk-register";
export { riskName, riskOrder } from "./assess/risk-register";
export { riskProject, topRegisterRisks } from "./report/top-risks";
