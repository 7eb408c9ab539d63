/**
 * The tool's own sheets. Each is marked by a workbook-level defined name pointing at its A1
 * ("ProgrammeRAG_highlight" → 'Highlight Report'!$A$1), which both Excel and exceljs keep with the file and
 * which follows the sheet if someone renames it. A user's sheet that merely has the same name is never
 * overwritten: the tool picks another name for its own.
 */
import type { ColIndex, RowIndex } from "./coords";
import { excelSerialFromJsDate } from "./dates";
import type { CellValue, SheetGrid } from "./grid";
import { isBlank, quoteSheetName } from "./grid";
import type { LayoutValue, OwnSheetRole, SheetLayout } from "./plan";
import { CHANGELOG_HEADERS } from "./report/changelog";
import { HISTORY_HEADERS_V1 } from "./report/history";
import { MILESTONE_HISTORY_HEADERS } from "./report/milestone-history";
import { RISK_HISTORY_HEADERS } from "./report/risk-history-columns";

export const OWN_ROLES: readonly OwnSheetRole[] = [
  "highlight",
  "history",
  "changelog",
  "milestoneHistory",
  "riskHistory",
];
const PREFIX = "ProgrammeRAG_";

export function markerName(role: OwnSheetRole): string {
  return PREFIX + role;
}

export function roleFromMarker(name: string): OwnSheetRole | null {
  if (!name.startsWith(PREFIX)) return null;
  const role = name.slice(PREFIX.length) as OwnSheetRole;
  return OWN_ROLES.includes(role) ? role : null;
}

/** "='Highlight Report'!$A$1" for a sheet. */
export function markerReference(sheet: string): string {
  return `=${quoteSheetName(sheet)}!$A$1`;
}

/** The sheet a marker's reference names, or null when it is broken (#REF!) or not a sheet reference. */
export function sheetFromReference(reference: string): string | null {
  const ref = reference.replace(/^=/, "").trim();
  if (ref.includes("#REF!")) return null;
  const m = /^(?:'((?:[^']|'')+)'|([^!'\s]+))!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?$/.exec(ref);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
}

/**
 * The name for one of the tool's sheets: the sheet it already owns for this role, else the wanted name if no
 * sheet has it, else "Wanted (2)", "Wanted (3)" ... (Excel compares sheet names without case).
 */
export function chooseSheetName(wanted: string, existing: readonly string[], owned: string | null): string {
  if (owned !== null && existing.some((e) => e.toLowerCase() === owned.toLowerCase())) return owned;
  const taken = new Set(existing.map((e) => e.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Excel's rules for a sheet name: 1-31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function isValidSheetName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 31 &&
    !/[:\\/?*[\]]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== "history"
  );
}

// ---- is it really the tool's sheet? ----------------------------------------------------------------------------

/** A sheet's cell at a sheet row and column, whatever the grid's offsets. */
function cellAt(grid: SheetGrid, row: RowIndex, col: ColIndex): CellValue {
  return grid.values[row - grid.rowOffset]?.[col - grid.colOffset];
}

/**
 * No value, no formula (one whose result is "" or that has none is still the user's: issue 14, "a cell with a
 * formula is never empty") and no object of the user's.
 */
function gridIsEmpty(grid: SheetGrid): boolean {
  if (grid.objects === true) return false;
  if (grid.formulas !== undefined) for (const cols of grid.formulas.values()) if (cols.size > 0) return false;
  return grid.values.every((r) => r.every(isBlank));
}

function text(v: CellValue): string {
  return typeof v === "string" ? v.trim() : "";
}

/**
 * Whether a sheet's content is what the tool writes for that role: its header row in row 1 from A1 (RAG History,
 * Change Log), the report's title in A1 (Highlight Report), or nothing at all (a sheet the tool added in a run
 * that stopped before writing it: no values, and no picture, chart or other object of the user's, `objects`). A sheet is the tool's own only when its marker and its content agree: a stale
 * or forged ProgrammeRAG_* name pointing at a user's sheet must not make the tool write over that sheet.
 * Shared by both adapters.
 */
export function looksLikeOwnSheet(role: OwnSheetRole, grid: SheetGrid | null): boolean {
  if (grid === null || gridIsEmpty(grid)) return true;
  // The title may name the period after a comma ("…: programme highlight report, Q3 2020/21 — Period 9 (December)").
  if (role === "highlight")
    return /: programme highlight report(?:, [^,]+)?$/i.test(text(cellAt(grid, 0, 0)));
  if (role === "milestoneHistory")
    return MILESTONE_HISTORY_HEADERS.every((h, c) => text(cellAt(grid, 0, c)) === h);
  // A history sheet of any version starts with the first version's columns, in their order.
  const headers: readonly string[] =
    role === "history"
      ? HISTORY_HEADERS_V1
      : role === "riskHistory"
        ? RISK_HISTORY_HEADERS
        : CHANGELOG_HEADERS;
  return headers.every((h, c) => text(cellAt(grid, 0, c)) === h);
}

/**
 * The sheet that is the tool's own for a role, or null when it has none yet:
 * - the sheet its marker names, when that sheet's content agrees (looksLikeOwnSheet);
 * - else a sheet with the wanted name, or "Wanted (2)" ..., whose content is the tool's or empty (a run that
 *   added it stopped before marking it: the marker is added last, once the sheet is written).
 * `grid` gives a sheet's cells (null when they were not read: such a sheet is never adopted without its marker).
 */
export function findOwnSheet(
  role: OwnSheetRole,
  wanted: string,
  sheets: readonly string[],
  markerTarget: string | null,
  grid: (sheet: string) => SheetGrid | null | undefined,
): { sheet: string; marked: boolean } | null {
  if (markerTarget !== null) {
    const g = grid(markerTarget);
    if (g !== undefined && looksLikeOwnSheet(role, g)) return { sheet: markerTarget, marked: true };
  }
  const lower = wanted.toLowerCase();
  const candidates = sheets.filter((s) => {
    const l = s.toLowerCase();
    return l === lower || (l.startsWith(`${lower} (`) && /^ \(\d+\)$/.test(l.slice(lower.length)));
  });
  for (const s of candidates) {
    if (s === markerTarget) continue;
    const g = grid(s);
    // Only a sheet whose cells were read: one holding the tool's layout, or empty (the tool added it in a run
    // that stopped at once; an empty sheet holds nothing of the user's to lose).
    if (g && looksLikeOwnSheet(role, g)) return { sheet: s, marked: false };
  }
  return null;
}

function sameValue(a: LayoutValue, b: CellValue): boolean {
  const blankA = a === null || a === "";
  if (blankA || isBlank(b)) return blankA && isBlank(b);
  if (b instanceof Date) b = excelSerialFromJsDate(b);
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-7;
  if (typeof a === "number" && typeof b === "string") return Number(b) === a;
  if (typeof a === "string" && typeof b === "number") return Number(a) === b;
  return a === b;
}

/**
 * How many leading rows of a layout the sheet already holds exactly (the tool's history and change log are
 * appended to, so a run writes only the rows after these and leaves the earlier ones as they are).
 */
export function unchangedRows(layout: SheetLayout, grid: SheetGrid | null): number {
  if (grid === null) return 0;
  let r = 0;
  for (; r < layout.values.length; r++) {
    const row = layout.values[r]!;
    const width = Math.max(row.length, (grid.values[r - grid.rowOffset]?.length ?? 0) + grid.colOffset);
    for (let c = 0; c < width; c++) if (!sameValue(row[c] ?? null, cellAt(grid, r, c))) return r;
  }
  return r;
}

/**
 * Whether a sheet a `ProgrammeRAG_*` marker points at really is the tool's sheet for that role, from its first
 * row of values from A1 (the file adapter reads it this way): `looksLikeOwnSheet` on that row.
 */
export function ownSheetContentAgrees(
  role: OwnSheetRole,
  firstRow: readonly CellValue[],
  objects = false,
): boolean {
  return looksLikeOwnSheet(role, {
    name: "",
    visible: true,
    rowOffset: 0,
    colOffset: 0,
    values: [firstRow],
    objects,
  });
}
