/**
 * What a host hands the engine for one run: the grids of a workbook, the tool's own sheets by role (found here,
 * from the workbook's names and the sheets' content, the same way for every host), and what the host learnt
 * while reading (the workbook's date system, the cells of RAG columns that hold formulas, sheets passed over).
 * `planRun` (run.ts) takes it from there.
 */
import type { ColIndex, RowIndex } from "./coords";
import type { DateSystem } from "./dates";
import type { SheetGrid } from "./grid";
import type { Issue } from "./model";
import type { OwnSheetRole } from "./plan";
import { OWN_ROLES, findOwnSheet, roleFromMarker, sheetFromReference } from "./own-sheets";
import { PROFILE_ROWS } from "./read/columns";
import { findHeaderRow, transposedFields } from "./read/headers";
import type { FieldKey } from "./model";
import { CHANGELOG_SHEET } from "./report/changelog";
import { MILESTONE_HISTORY_SHEET } from "./report/milestone-history";
import { RISK_HISTORY_SHEET } from "./report/risk-history-columns";
import { HISTORY_SHEET } from "./report/history";

/** One of the tool's own sheets: its name, and whether its ProgrammeRAG_* marker names it. */
export interface OwnSheet {
  sheet: string;
  /** False for a sheet adopted by its name and content (a run that added it stopped before marking it). */
  marked: boolean;
}

export interface WorkbookSnapshot {
  /** Every sheet's grid, in workbook order (a hidden sheet that was not read has no cells). */
  sheets: readonly SheetGrid[];
  /** The tool's own sheets that exist, by role. */
  own: ReadonlyMap<OwnSheetRole, OwnSheet>;
  /** How the workbook's serials count days. */
  dateSystem: DateSystem;
  /**
   * Cells of the RAG and Computed RAG columns that hold a user's formula ("Sheet!R12"), where the host tells
   * them apart from values before planning (the add-in: Range.values gives a formula's result). The plan leaves
   * them as they are. Absent: the host's writer keeps formulas itself (the file adapter).
   */
  formulaCells?: ReadonlySet<string>;
  /** What the host noticed while reading (a used range reaching past what was read), shown before the rest. */
  readIssues?: readonly Issue[];
}

/** A workbook-level defined name, as the host reads it: its name and what it refers to ("='RAG History'!$A$1"). */
export interface WorkbookName {
  name: string;
  reference: string;
}

export interface SnapshotInput {
  sheets: readonly SheetGrid[];
  /** The workbook-level names (the tool's ProgrammeRAG_* markers among them; others are passed over). */
  names: readonly WorkbookName[];
  dateSystem: DateSystem;
  /** Sheets whose cells were not read (hidden sheets no marker names): never adopted as the tool's own. */
  notRead?: ReadonlySet<string>;
  formulaCells?: ReadonlySet<string>;
  readIssues?: readonly Issue[];
}

/** The names the tool gives its sheets, by role. */
export const OWN_SHEET_NAMES: Readonly<Record<OwnSheetRole, string>> = {
  // report/highlight.ts's HIGHLIGHT_SHEET, spelt out (tests/engine/report-plan.test.ts holds them equal): an import
  // would bring the whole highlight report into the task pane's first bundle, which loads it only for a report.
  highlight: "Highlight Report",
  history: HISTORY_SHEET,
  changelog: CHANGELOG_SHEET,
  milestoneHistory: MILESTONE_HISTORY_SHEET,
  riskHistory: RISK_HISTORY_SHEET,
};

/** The sheet each ProgrammeRAG_* marker names (as the workbook spells the sheet), by role; broken ones left out. */
export function markerTargets(
  names: readonly WorkbookName[],
  sheets: readonly string[],
): Map<OwnSheetRole, string> {
  const byLower = new Map(sheets.map((s) => [s.toLowerCase(), s]));
  const out = new Map<OwnSheetRole, string>();
  for (const n of names) {
    const role = roleFromMarker(n.name);
    if (!role) continue;
    const target = sheetFromReference(n.reference);
    const sheet = target === null ? undefined : byLower.get(target.toLowerCase());
    if (sheet !== undefined) out.set(role, sheet);
  }
  return out;
}

/**
 * The tool's own sheets, by role: for each role the sheet its marker names when the content agrees, else an
 * unmarked sheet of the wanted name holding the tool's layout (findOwnSheet); one sheet serves one role.
 */
export function findOwnSheets(input: SnapshotInput): Map<OwnSheetRole, OwnSheet> {
  const names = input.sheets.map((g) => g.name);
  const targets = markerTargets(input.names, names);
  const byName = new Map(input.sheets.map((g) => [g.name, g]));
  const grid = (n: string) => (input.notRead?.has(n) ? undefined : byName.get(n));
  const own = new Map<OwnSheetRole, OwnSheet>();
  const taken = new Set<string>();
  for (const role of OWN_ROLES) {
    const found = findOwnSheet(
      role,
      OWN_SHEET_NAMES[role],
      names.filter((n) => !taken.has(n)),
      targets.get(role) ?? null,
      grid,
    );
    if (!found) continue;
    taken.add(found.sheet);
    own.set(role, found);
  }
  return own;
}

export function workbookSnapshot(input: SnapshotInput): WorkbookSnapshot {
  const snapshot: WorkbookSnapshot = {
    sheets: input.sheets,
    own: findOwnSheets(input),
    dateSystem: input.dateSystem,
  };
  if (input.formulaCells) snapshot.formulaCells = input.formulaCells;
  if (input.readIssues && input.readIssues.length > 0) snapshot.readIssues = input.readIssues;
  return snapshot;
}

/** The grid of the own sheet of a role (null when the workbook has none). */
export function ownGrid(snapshot: WorkbookSnapshot, role: OwnSheetRole): SheetGrid | null {
  const own = snapshot.own.get(role);
  return own ? (snapshot.sheets.find((g) => g.name === own.sheet) ?? null) : null;
}

// ---- what a host must read --------------------------------------------------------------------------------------

/**
 * Rows from the top of a sheet in which the engine may look at any cell's number format: the header search (30
 * rows), each column's profile below a header (PROFILE_ROWS) and the % complete column's scale (5 × PROFILE_ROWS).
 */
export const FORMAT_HEAD_ROWS = 30 + 1 + 5 * PROFILE_ROWS;

/** Fields whose cells' number formats the engine reads on every item row (sheet.ts RowReader). */
const FORMAT_FIELDS: readonly FieldKey[] = [
  "budget",
  "spent",
  "committed",
  "forecast",
  "variance",
  "start",
  "end",
  "progress",
];

/** What else a host must read of a sheet once it has its first FORMAT_HEAD_ROWS rows (values and formats). */
export interface ReadNeeds {
  /**
   * The sheet columns whose number formats the engine reads below the first FORMAT_HEAD_ROWS rows; "all"
   * for a sheet read on its side (transposed), whose rows are its fields.
   */
  formats: ColIndex[] | "all";
  /** The sheet's RAG and Computed RAG columns, whose cells the tool may write: keep their formulas. */
  ragColumns: ColIndex[];
  /** The header's sheet row (the RAG cells are below it); null when the sheet has no header. */
  headerRow: RowIndex | null;
}

/**
 * From a sheet's first FORMAT_HEAD_ROWS rows (values and number formats as the host gives them), which other
 * cells the engine will need: the number formats of a few columns only, and where formulas matter. A sheet
 * with no programme header needs no number format below its head.
 */
export function readNeeds(head: SheetGrid): ReadNeeds {
  const header = findHeaderRow(head.values, head.colOffset, 30, head);
  // A sheet whose field names run down its first column may be read turned, its rows as columns.
  const turned = transposedFields(head.values) !== null;
  if (!header) return { formats: turned ? "all" : [], ragColumns: [], headerRow: null };
  const formats = new Set<number>();
  for (const f of FORMAT_FIELDS) for (const m of header.byField.get(f) ?? []) formats.add(m.col);
  const ragColumns: number[] = [];
  const rag = header.byField.get("rag")?.[0];
  if (rag) ragColumns.push(rag.col);
  const computed = header.byField.get("computedRag")?.[0];
  // A Computed RAG column is written only beside an override column (analyse.ts).
  if (computed && header.byField.has("override")) ragColumns.push(computed.col);
  return {
    formats: turned ? "all" : [...formats].sort((a, b) => a - b),
    ragColumns,
    headerRow: header.rowIndex + head.rowOffset,
  };
}
