/**
 * exceljs cell values as the engine reads them (and as Excel would show them through Office.js): formulas as
 * their cached results, rich text and hyperlinks as their text, errors as "#REF!" strings, and the covered
 * cells of a merge as empty (Office.js gives "" for them; exceljs repeats the master's value).
 */
import type ExcelJS from "exceljs";
import type { CellValue } from "../../engine/grid";

const MERGE = 1; // ExcelJS.ValueType.Merge (a const enum at runtime in exceljs's typings)

export function engineValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === MERGE) return null;
  return plainValue(cell.value);
}

export function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v && typeof v.error === "string") return v.error;
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && result !== null && "error" in result)
        return String((result as { error: unknown }).error);
      return plainValue(result as ExcelJS.CellValue);
    }
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return (v as { text: string }).text;
    if ("hyperlink" in v) return String((v as { hyperlink: unknown }).hyperlink);
  }
  return null;
}
