import type { DateSystem, DayNumber } from "./dates";
import type { Pence } from "./money";
import type { OverallRag, OverrideRag, Rag, RagCounts, RagStatus } from "./rag";

/** A share as a fraction (0.45 is 45%), e.g. % complete. */
export type Fraction = number & { readonly __brand: "Fraction" };
/** Percentage points (9.2 is 9.2%), e.g. a variance percentage. */
export type Percent = number & { readonly __brand: "Percent" };

/** The fields a programme-of-works column can hold. */
export type FieldKey =
  | "id"
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
  | "computedRag";

export interface ColumnMapping {
  field: FieldKey;
  /** 0-based sheet column. */
  col: number;
  header: string;
  /** Multiplier from the header's unit: 1, 1,000 (£k, £000, £'000) or 1,000,000 (£m). */
  unit: number;
  /** A financial year named in the header ("Budget 2020/21"), as its start year. */
  year: number | null;
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
  /** Excel row number (1-based). */
  row: number;
  reason: string;
}

/** An item's figures for one financial year, where the sheet has per-year columns. */
export interface YearFigures {
  year: number;
  budget: Pence | null;
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
}

/** One row of a programme of works, as read (before any rule is applied). */
export interface ProgrammeItem {
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  id: string | null;
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
  financialYear: number | null;
  years: YearFigures[];
  /** What the RAG column held before this run (any text; null when empty or the column is new). */
  ragBefore: string | null;
  /** What the tool's "Computed RAG" column held before this run. */
  computedBefore: string | null;
}

export type Dimension = "budget" | "schedule" | "risk" | "overall";

export interface Reason {
  dimension: Dimension;
  rag: OverallRag;
  /** Plain words: "Red: forecast £131,000 is £11,000 (9.2%) over budget; the limit is £6,000". */
  text: string;
}

export interface ItemRag {
  budget: RagStatus;
  schedule: RagStatus;
  risk: RagStatus;
  computed: RagStatus;
  override: OverrideRag | null;
  overall: OverallRag;
}

export interface AssessedItem extends ProgrammeItem {
  /** The forecast the rules used (after blank or too-low forecasts were replaced by spend plus commitments). */
  assessedForecast: Pence | null;
  variance: Pence | null;
  variancePct: Percent | null;
  /** Planned progress by the reporting date (0-1), where start and target dates allow it. */
  plannedProgress: Fraction | null;
  /** Likelihood × impact, or the sheet's risk score. */
  assessedRiskScore: number | null;
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
}

/** Where the tool writes an item's RAG on a programme sheet. */
export interface RagColumn {
  /** 0-based sheet column. */
  col: number;
  /** 0-based sheet row of the header. */
  headerRow: number;
  /** True when the sheet has no RAG column and the tool adds its own after the last used column. */
  added: boolean;
  header: string;
}

export interface SheetReport {
  name: string;
  /** 0-based sheet row of the header row. */
  headerRow: number;
  columns: ColumnMapping[];
  ragColumn: RagColumn;
  /** The tool's "Computed RAG" column, used when the sheet has an override column; null otherwise. */
  computedColumn: { col: number; added: boolean } | null;
  itemCount: number;
  /** 0-based last used column (from the grid), for placing an added RAG column. */
  lastColumn: number;
}

export interface IgnoredSheet {
  name: string;
  reason: string;
}

export interface ProgrammeAnalysis {
  reportingDate: DayNumber;
  /** The workbook's date system, in which its serials were read and the plan's dates are written. */
  dateSystem: DateSystem;
  period: string;
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
  skipped: SkippedRow[];
  issues: Issue[];
  programmeRag: { rag: RagStatus; reason: string };
}
