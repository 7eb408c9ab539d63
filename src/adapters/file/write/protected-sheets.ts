/**
 * A programme sheet protected in Excel (Review > Protect Sheet) keeps its locked cells from everyone, the add-in
 * included: Excel refuses its writes (AccessDenied), so the add-in checks protection before its first write and
 * changes nothing. The `--out` copy does the same rather than writing past the user's protection: the run is
 * refused, with the sheet named and what to do, and no file is written.
 */
import type { WritePlan } from "../../../engine/plan";
import type { ReadSheet } from "../read/read-sheet";

/**
 * The message for the first protected sheet the plan writes, or null when it writes none. `ownSheets`: the
 * workbook's existing sheets of the tool's that the plan rewrites or appends to (a protected one is refused too,
 * as the add-in refuses it).
 */
export function protectedSheetWrite(
  plan: WritePlan,
  read: ReadonlyMap<string, ReadSheet>,
  ownSheets: readonly string[] = [],
): string | null {
  for (const col of plan.ragColumns) {
    if (col.cells.length === 0 && col.rag.addHeader === null) continue;
    if (read.get(col.sheet)?.protected !== true) continue;
    return (
      `the sheet "${col.sheet}" is protected, so its RAG column is not written (as in the add-in). ` +
      `Unprotect it in Excel (Review > Unprotect Sheet), save, and run again. Nothing was written.`
    );
  }
  for (const name of ownSheets) {
    if (read.get(name)?.protected !== true) continue;
    return (
      `the tool's sheet "${name}" is protected, so it cannot be written (as in the add-in). ` +
      `Unprotect it in Excel (Review > Unprotect Sheet), save, and run again. Nothing was written.`
    );
  }
  return null;
}
