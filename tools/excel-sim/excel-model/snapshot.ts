import { cellName } from "./address";
import { valueForApi } from "./cells";
import type { WorkbookModel } from "./workbook";
import { keyToCell } from "./workbook";

/**
 * Cell snapshots for "everything outside the add-in's output is unchanged" assertions:
 *   const before = snapshotCells(model); ...run the adapter...; const changes = diffSnapshots(before, snapshotCells(model));
 * Keys are "Sheet!A1" (sheet name as is). Empty cells with default formatting are absent.
 */

export interface CellSnapshot {
  sheet: string;
  address: string;
  value: string | number | boolean;
  formula: string | null;
  numberFormat: string;
  /** "#RRGGBB" or null for no fill. */
  fill: string | null;
  fontColor: string;
  bold: boolean;
}

export type WorkbookSnapshot = Record<string, CellSnapshot>;

export type SnapshotField = "value" | "formula" | "numberFormat" | "fill" | "fontColor" | "bold";

export interface CellChange {
  key: string;
  sheet: string;
  address: string;
  before: CellSnapshot | null;
  after: CellSnapshot | null;
  changed: SnapshotField[];
}

export function snapshotCells(model: WorkbookModel): WorkbookSnapshot {
  const out: WorkbookSnapshot = {};
  for (const sheet of model.sheets) {
    for (const [key, cell] of sheet.cells) {
      const { row, col } = keyToCell(key);
      const address = cellName(row, col);
      out[`${sheet.name}!${address}`] = {
        sheet: sheet.name,
        address,
        value: valueForApi(cell.value),
        formula: cell.formula,
        numberFormat: cell.numberFormat,
        fill: cell.format.fill,
        fontColor: cell.format.fontColor,
        bold: cell.format.bold,
      };
    }
  }
  return out;
}

const FIELDS: SnapshotField[] = ["value", "formula", "numberFormat", "fill", "fontColor", "bold"];
const EMPTY: Omit<CellSnapshot, "sheet" | "address"> = {
  value: "",
  formula: null,
  numberFormat: "General",
  fill: null,
  fontColor: "#000000",
  bold: false,
};

/** Cells whose value, formula, number format, fill, font colour or boldness differ, in key order. */
export function diffSnapshots(before: WorkbookSnapshot, after: WorkbookSnapshot): CellChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: CellChange[] = [];
  for (const key of keys) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    const av = a ?? EMPTY;
    const bv = b ?? EMPTY;
    const changed = FIELDS.filter((f) => av[f] !== bv[f]);
    if (changed.length) {
      const [sheet, address] = [key.slice(0, key.lastIndexOf("!")), key.slice(key.lastIndexOf("!") + 1)];
      changes.push({ key, sheet, address, before: a, after: b, changed });
    }
  }
  return changes;
}

/** diffSnapshots limited to cells outside the given sheets / "Sheet!A1" keys the caller expects to change. */
export function unexpectedChanges(
  changes: CellChange[],
  allowed: { sheets?: string[]; cells?: (key: string) => boolean },
): CellChange[] {
  return changes.filter(
    (c) => !(allowed.sheets ?? []).includes(c.sheet) && !(allowed.cells?.(c.key) ?? false),
  );
}
