/**
 * The tool's own sheets. Each is marked by a workbook-level defined name pointing at its A1
 * ("ProgrammeRAG_highlight" → 'Highlight Report'!$A$1), which both Excel and exceljs keep with the file and
 * which follows the sheet if someone renames it. A user's sheet that merely has the same name is never
 * overwritten: the tool picks another name for its own.
 */
import type { OwnSheetRole } from "./plan";
import { quoteSheetName } from "./grid";

export const OWN_ROLES: readonly OwnSheetRole[] = ["highlight", "history", "changelog"];
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

/** The first row's texts each of the tool's sheets starts with (see history.ts, changelog.ts, highlight.ts). */
const OWN_SHEET_SIGNATURES: Record<OwnSheetRole, (first: readonly string[]) => boolean> = {
  highlight: (first) => / programme highlight report$/.test(first[0] ?? ""),
  history: (first) => first[0] === "Quarter" && first[1] === "Reporting date" && first[10] === "Overall RAG",
  changelog: (first) => first[0] === "When" && first[1] === "Action" && first[7] === "New value",
};

/**
 * Whether a sheet a `ProgrammeRAG_*` marker points at really is the tool's sheet for that role: its first row
 * must read as the tool writes it. A stale or forged marker pointing at a user's sheet fails this, and the user's
 * sheet is then left alone (the tool writes its sheet under another name and moves the marker there).
 * `firstRow` is the sheet's first row of values from A1.
 */
export function ownSheetContentAgrees(role: OwnSheetRole, firstRow: readonly unknown[]): boolean {
  const texts = firstRow.map((v) => (typeof v === "string" ? v.trim() : ""));
  return OWN_SHEET_SIGNATURES[role](texts);
}
