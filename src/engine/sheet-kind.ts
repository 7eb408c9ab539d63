/**
 * Whether a sheet can be one the engine reads, from its first rows alone, so that an adapter need not read a
 * huge sheet whole only to learn that the engine ignores it. The same detection the readers use: a programme
 * header in the first 30 rows (findHeaderRow), field names down the first column in the first 200 (a transposed
 * sheet), a milestones header by its words in the first 30, a risk register's header in the first 30. The answer
 * errs one way only: "ignore" only when the full read would use nothing of the sheet; "read" when it may.
 */
import type { SheetGrid } from "./grid";
import { findHeaderRow, transposedFields } from "./read/headers";
import { hasMilestoneHeaderWords } from "./read/milestones";
import { isRiskRegister } from "./read/risk-register";

/** The rows an adapter reads first (the transposed-sheet detection looks furthest: 200 rows). */
export const HEAD_ROWS = 200;

export type SheetUse = "read" | "ignore";

/** From a sheet's first HEAD_ROWS rows (or all of them, when it has fewer), whether the engine may read it. */
export function sheetUse(head: SheetGrid): SheetUse {
  if (!head.visible) return "ignore";
  const values = head.values.length > HEAD_ROWS ? head.values.slice(0, HEAD_ROWS) : head.values;
  const grid: SheetGrid = { ...head, values };
  if (findHeaderRow(values, grid.colOffset, 30) !== null) return "read";
  if (transposedFields(values) !== null) return "read";
  if (hasMilestoneHeaderWords(grid)) return "read";
  if (isRiskRegister(grid)) return "read";
  return "ignore";
}
