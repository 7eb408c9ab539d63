/**
 * A sheet protected in Excel (Review > Protect Sheet) keeps its locked cells from whoever types in Excel, the
 * add-in included (Excel refuses its writes, so the add-in checks protection before its first write and changes
 * nothing). A file is not Excel: issue 14 asks that `--out` keep every sheet's protection as it was, the
 * programme sheets' included, and change only the tool's cells. So `--out` writes the RAG cells of a protected
 * sheet, keeps its `<sheetProtection>` (and the workbook's) byte for byte, and says so in a warning naming the
 * sheet, so nobody is surprised that the copy differs from what Excel would have let them type.
 */
import { columnLetters } from "../../../engine/grid";
import type { WritePlan } from "../../../engine/plan";
import type { ReadSheet } from "../read/read-sheet";

/**
 * A warning for each protected sheet the plan writes. `ownSheets`: the workbook's existing sheets of the tool's
 * that the plan rewrites or appends to.
 */
export function protectedSheetWarnings(
  plan: WritePlan,
  read: ReadonlyMap<string, ReadSheet>,
  ownSheets: readonly string[] = [],
): { sheet: string; message: string }[] {
  const warnings: { sheet: string; message: string }[] = [];
  for (const col of plan.ragColumns) {
    const added = [col.rag, col.computed].filter((c) => c?.addHeader);
    if (col.cells.length === 0 && added.length === 0) continue;
    if (read.get(col.sheet)?.protected !== true) continue;
    const addedText = added.map((c) => `"${c!.addHeader}" column ${columnLetters(c!.col)}`).join(" and ");
    warnings.push({
      sheet: col.sheet,
      message:
        `the sheet "${col.sheet}" is protected: the --out copy has its RAG column written and its protection kept ` +
        `as it was (in Excel, the add-in cannot write it until the sheet is unprotected: Review > Unprotect Sheet)` +
        (addedText ? `; the copy adds the ${addedText} to it` : ""),
    });
  }
  for (const name of ownSheets) {
    if (read.get(name)?.protected !== true) continue;
    warnings.push({
      sheet: name,
      message:
        `the tool's sheet "${name}" is protected: the --out copy has it written as the run needs (in Excel, the ` +
        `add-in cannot write it until the sheet is unprotected)`,
    });
  }
  return warnings;
}
