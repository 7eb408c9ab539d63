import type { ColIndex, ExcelRow, RowIndex } from "./coords";
import type { DateSystem, DayNumber } from "./dates";
import type { FinancialMonth, ReportCycle } from "./cycle";
import type { Pence } from "./money";
import type { AssessedMilestone } from "./assess/milestones";
import type { DimensionKey, DimensionRags } from "./assess/registry";
import type { YearView } from "./assess/years";
import type { OverallRag, OverrideRag, Rag, RagCounts, RagStatus } from "./rag";
import type { RatedRisk, RiskRegisterAnalysis } from "./assess/risk-register";

/** A share as a fraction (0.45 is 45%), e.g. % complete. */
export type Fraction = number & { readonly __brand: "Fraction" };
/** Percentage points (9.2 is 9.2%), e.g. a variance percentage. */
export type Percent = number & { readonly __brand: "Percent" };

/** The fields a programme-of-works column can hold. */
export type FieldKey =
  | "ref"
  | "name"
  | "theme"
  | "owner"
  | "budget"
  | "spent"
  | "committed"
  | "forecast"
  | "variance"
  | "start"
  | "end"
  | "progress"
  | "status"
  | "likelihood"
  | "impact"
  | "riskScore"
  | "risk"
  | "mitigation"
  | "override"
  | "rag"
  | "financialYear"
  | "commentary"
  | "overrideReason"
  | "computedRag"
  /** Money moved out of a year into a later one ("Slippage", "Carry forward"): issue 13. */
  | "slippage"
  /** A year's budget after re-profiling ("Re-profiled budget 2021/22"): issue 13. */
  | "reprofiled";

export interface ColumnMapping {
  field: FieldKey;
  col: ColIndex;
  header: string;
  /** Multiplier from the header's unit: 1, 1,000 (£k, £000, £'000) or 1,000,000 (£m). */
  unit: number;
  /** A financial year named in the header ("Budget 2020/21"), as its start year. */
  year: number | null;
  /** A part of a sum of money the header names ("revenue", "capital", "rdel", "cdel", "non government"). */
  part?: string | null;
  /** A currency the header names ("GBP", "USD", "EUR"...). */
  currency?: string | null;
  /** Why this column was read for the field, in words (for the mapping shown to the user). */
  why?: string;
}

/** A column that looked like a field or like figures but was not read, with the reason in words. */
export interface PassedOverColumn {
  col: ColIndex;
  header: string;
  reason: string;
}

export type Severity = "error" | "warning";

/** Something the user should know about the input, named by sheet and cell. */
export interface Issue {
  sheet: string;
  /** "H14", or "" for a whole-sheet matter. */
  cell: string;
  severity: Severity;
  message: string;
}

export interface SkippedRow {
  sheet: string;
  row: ExcelRow;
  reason: string;
}

/** An item's figures for one financial year, where the sheet has per-year columns. */
export interface YearFigures {
  year: number;
  budget: Pence | null;
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
  /** Money the sheet moves out of this year into a later one (a slippage or carry-forward column). */
  slippage?: Pence | null;
  /** The year's budget after re-profiling, where the sheet gives one beside the original. */
  reprofiled?: Pence | null;
}

/** One column of an item's spend profile: the money planned for a month or a quarter (issue 13). */
export interface ProfileAmount {
  header: string;
  /** Financial periods covered: 1 = April … 12 = March. */
  firstPeriod: number;
  lastPeriod: number;
  /** The financial year by its start year; null when the sheet names none (the reporting date's year). */
  year: number | null;
  amount: Pence | null;
}

/** One rating column's value for an item. */
export interface RatingCell {
  col: ColIndex;
  header: string;
  /** The rating read; null when the cell is blank, says "no rating" (Reset, Exempt, TBC) or is not a rating. */
  value: OverrideRag | null;
  /** The cell's text as written, where it has any. */
  text: string | null;
}

/** A money cell that could not be read, named so that a reason never takes it for a blank one. */
export interface UnreadableCell {
  field: "budget" | "spent" | "committed" | "forecast";
  /** The cell as a reference: "Programme!H12", "'Capital Works'!H12". */
  cell: string;
  /** What it held, as the reader quoted it: '"TBC"', "#REF!". */
  text: string;
}

/** One part of a sum of money ("Budget revenue", "Forecast CDEL"), as read for an item. */
export interface PartFigures {
  field: "budget" | "spent" | "committed" | "forecast";
  part: string;
  year: number | null;
  header: string;
  amount: Pence | null;
}

/** One row of a programme of works, as read (before any rule is applied). */
export interface ProgrammeItem {
  sheet: string;
  /** Its row on the sheet (on a sheet read turned: its column's number, A = 1). */
  row: ExcelRow;
  ref: string | null;
  name: string | null;
  theme: string | null;
  owner: string | null;
  budget: Pence | null;
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
  /** The variance the sheet itself states, in £ (kept for comparison; the engine computes its own). */
  statedVariance: Pence | null;
  /** The variance % the sheet states, where its variance column is a percentage. */
  statedVariancePct: Percent | null;
  start: DayNumber | null;
  end: DayNumber | null;
  progress: Fraction | null;
  status: string | null;
  likelihood: number | null;
  impact: number | null;
  riskScore: number | null;
  /** A risk level given as text (High/Medium/Low), mapped to a RAG. */
  riskLevel: Rag | null;
  risk: string | null;
  mitigation: string | null;
  override: OverrideRag | null;
  /** Every rating column's value, left to right (empty when the sheet has no rating column). */
  ratings: RatingCell[];
  /** The header of the rating column that set the override (the first with a rating); null when none did. */
  overrideFrom: string | null;
  financialYear: number | null;
  years: YearFigures[];
  /** Money parts, where the sheet splits an amount into parts with no column for the whole. */
  parts: PartFigures[];
  /** Slippage or carry forward the sheet gives with no year (out of the reporting date's year). */
  slippage?: Pence | null;
  /** The item's spend profile by month or quarter, where the sheet has one (issue 13). */
  profile?: ProfileAmount[];
  /** What the RAG column held before this run (any text; null when empty or the column is new). */
  ragBefore: string | null;
  /** What the tool's "Computed RAG" column held before this run. */
  computedBefore: string | null;
  /** The sheet's commentary text for the item (all commentary columns, joined), where it has one. */
  commentary?: string | null;
  /** The text of an override-reason column ("Reason for override", "RAG justification"), where it has one. */
  overrideReason?: string | null;
  /** Money fields whose cells could not be read (an error or text that is not an amount), e.g. ["budget"]. */
  unreadable?: ("budget" | "spent" | "committed" | "forecast")[];
  /** Each unreadable money cell, named: its field, "Programme!H12" and what it held ('"TBC"', "#REF!"). */
  unreadableCells?: UnreadableCell[];
  /** The item's milestones (a milestones sheet's, linked by its reference or name; its own "Next milestone"). */
  milestones?: AssessedMilestone[];
  /** The open risks a risk register links to this item (by its reference or name), where it has any. */
  linkedRisks?: RatedRisk[];
}

/** A rated dimension's key (from the rule registry, src/engine/assess/dimensions.ts), or the overall rating. */
export type Dimension = DimensionKey | "overall";

export interface Reason {
  dimension: Dimension;
  rag: OverallRag;
  /** Plain words: "Red: forecast £131,000 is £11,000 (9.2%) over budget; the limit is £6,000". */
  text: string;
}

/** An item's rating in each registered dimension (budget, schedule, risk), then computed, override, overall. */
export type ItemRag = DimensionRags & {
  computed: RagStatus;
  override: OverrideRag | null;
  overall: OverallRag;
};

export interface AssessedItem extends ProgrammeItem {
  /**
   * Set (true) only on an item whose status is a cancelled word (schedule.cancelledStatuses): not rated, left out
   * of the exceptions, Coming up and the top risks, its money counted.
   */
  cancelled?: true;
  /**
   * Set (true) only on an item whose status is an on-hold word (schedule.onHoldStatuses): rated as any other,
   * its schedule's reason saying so.
   */
  onHold?: true;
  /** The forecast the rules used (after blank or too-low forecasts were replaced by spend plus commitments). */
  assessedForecast: Pence | null;
  variance: Pence | null;
  variancePct: Percent | null;
  /** Planned progress by the reporting date (0-1), where start and target dates allow it. */
  plannedProgress: Fraction | null;
  /** Likelihood × impact, or the sheet's risk score. */
  assessedRiskScore: number | null;
  /**
   * The score that set the Risk RAG: the row's own (assessedRiskScore), or the linked register risk's that rates
   * it worse (that risk's residual score where the register gives one, else its inherent); null when not scored.
   */
  ratedRiskScore?: number | null;
  /** The money the sheet's spend profile plans up to the reporting date's period, where it has one (issue 13). */
  profiledToDate?: Pence | null;
  /** What the budget was rated on: the whole programme, or the reporting date's financial year (issue 13). */
  budgetBasis?: "programme" | "inYear";
  rag: ItemRag;
  reasons: Reason[];
}

export interface Totals {
  budget: Pence;
  spent: Pence;
  committed: Pence;
  /** Sum of assessed forecasts; an item with no assessable forecast counts at its budget. */
  forecast: Pence;
  variance: Pence;
  unallocated: Pence;
  varianceToAllocation: Pence;
  variancePctToAllocation: Percent | null;
  /** The budget rule applied to (allocation, forecast). */
  rag: RagStatus;
  /** Items whose budget cell could not be read: their money is in none of these figures. */
  budgetsNotRead: number;
}

export interface Breakdown {
  key: string;
  items: number;
  budget: Pence;
  spent: Pence;
  committed: Pence;
  forecast: Pence;
  variance: Pence;
  worst: OverallRag;
  counts: RagCounts;
  /** Items whose budget cell could not be read: counted in `items`, their money in none of the sums. */
  budgetsNotRead: number;
}

/** Where the tool writes an item's RAG on a programme sheet. */
export interface RagColumn {
  col: ColIndex;
  /** The header's sheet row. */
  headerRow: RowIndex;
  /** True when the sheet has no RAG column and the tool adds its own after the last used column. */
  added: boolean;
  header: string;
}

export interface SheetReport {
  name: string;
  /** The header's sheet row. */
  headerRow: RowIndex;
  columns: ColumnMapping[];
  ragColumn: RagColumn;
  /** The tool's "Computed RAG" column, used when the sheet has an override column; null otherwise. */
  computedColumn: { col: ColIndex; added: boolean } | null;
  itemCount: number;
  /** The last used column (from the grid). */
  lastColumn: ColIndex;
  /** Columns that looked like a field or like figures but were not read, with the reason. */
  passedOver: PassedOverColumn[];
  /** The currency the sheet's amounts are in (ISO code: "GBP", "USD", "EUR"...). */
  currency: string;
  /**
   * Read turned (field names down the first column, one project per column): items' rows are their column
   * numbers, the mapping's columns are rows, and nothing is written into the sheet.
   */
  transposed: boolean;
}

export interface IgnoredSheet {
  name: string;
  reason: string;
}

/** A sheet's own total row ("Grand total"), as the sheet states it, for reconciling with the engine's sums. */
export interface SheetTotalRow {
  sheet: string;
  row: ExcelRow;
  label: string;
  budget: Pence | null;
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
}

export interface ProgrammeAnalysis {
  reportingDate: DayNumber;
  /** The workbook's date system, in which its serials were read and the plan's dates are written. */
  dateSystem: DateSystem;
  /** The reporting date's financial quarter ("Q3 2020/21"). */
  period: string;
  /** The reporting date's month of the financial year (Period 9 of 2020/21 is December). */
  month: FinancialMonth;
  /** A monthly or a quarterly report: what the trend compares with and what the report's title says. */
  cycle: ReportCycle;
  allocation: Pence;
  periodStart: DayNumber;
  periodEnd: DayNumber;
  sheets: SheetReport[];
  ignoredSheets: IgnoredSheet[];
  items: AssessedItem[];
  totals: Totals;
  ragCounts: RagCounts;
  byTheme: Breakdown[];
  byYear: Breakdown[];
  /** Money by financial year with slippage, allocation by year and what is in-year (issue 13). */
  years?: YearView;
  skipped: SkippedRow[];
  issues: Issue[];
  /** The programme's RAG: the worse of its delivery and budget RAGs, each with its reason. */
  programmeRag: ProgrammeRag;
  /** The currency amounts are shown in: the sheets' own when they agree, else GBP. */
  currency: string;
  /** The programme's name (a setting; defaults to the ICT Strategy 2020-22). */
  programmeName: string;
  /** Each programme sheet's "Grand total" row, where it has one. */
  sheetTotals: SheetTotalRow[];
  /** Every milestone read (milestones sheets, then programme sheets' "Next milestone"), rated (issue 12). */
  milestones?: AssessedMilestone[];
  /** The milestones sheets read. */
  milestoneSheets?: string[];
  /** The workbook's risk registers, rated, with the programme-level risks; absent when it has none. */
  riskRegister?: RiskRegisterAnalysis;
}

export interface ProgrammeRag {
  rag: RagStatus;
  reason: string;
  delivery: { rag: RagStatus; reason: string };
  budget: { rag: RagStatus; reason: string };
}
