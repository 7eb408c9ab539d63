/**
 * Reading the Risk History back (its rows by header names, and the scores of the snapshot a run compares with),
 * apart from the sheet's writer so that a run which only reads it (the pane's refresh, `--json`) does not carry
 * the report's builders (the writer is in the report chunk the pane loads on demand).
 */
import type { DateSystem, DayNumber } from "../dates";
import { excelSerialFromDay } from "../dates";
import type { SheetGrid, CellValue } from "../grid";
import type { LayoutValue } from "../plan";
import { readDate, readText } from "../read/cells";
import type { PreviousSnapshot } from "./history";
import type { RiskScoresBefore } from "./top-risks";
import { RISK_HISTORY_COLUMNS as COLUMNS, RISK_HISTORY_HEADERS } from "./risk-history-columns";

const DATE = 1;
const REF = 2;
const SCORE = 9;

const norm = (v: CellValue) => (readText(v ?? null) ?? "").trim().toLowerCase();
const BY_NAME = new Map(RISK_HISTORY_HEADERS.map((h, i) => [h.toLowerCase(), i]));

export interface RiskHistoryRow {
  reportingDate: DayNumber;
  period: string;
  key: string;
  score: number | null;
  /** The row as the tool writes it back. */
  values: LayoutValue[];
}

/** The rows of a Risk History sheet, read by header names (block by block), in sheet order. */
export function readRiskHistory(grid: SheetGrid | null, dateSystem: DateSystem = 1900): RiskHistoryRow[] {
  if (!grid) return [];
  const out: RiskHistoryRow[] = [];
  let cols: number[] | null = null;
  for (const row of grid.values) {
    if (!row) continue;
    const found = new Array<number>(COLUMNS.length).fill(-1);
    let named = 0;
    for (let c = 0; c < row.length; c++) {
      // Only text can be a header (a number, date or boolean never reads as one of these words).
      const i = typeof row[c] === "string" ? BY_NAME.get(norm(row[c])) : undefined;
      if (i !== undefined && found[i] === -1) {
        found[i] = c;
        named++;
      }
    }
    if (named >= 3 && found[DATE]! >= 0 && found[REF]! >= 0) {
      cols = found;
      continue;
    }
    if (!cols) continue;
    const at = (i: number): CellValue => (cols![i]! < 0 ? null : (row[cols![i]!] ?? null));
    const d = readDate(at(DATE), "end", dateSystem);
    const key = readText(at(REF) ?? null)?.trim();
    if (d.kind !== "value" || !key) continue;
    const values: LayoutValue[] = COLUMNS.map((c, i) => {
      if (i === DATE) return excelSerialFromDay(d.value, dateSystem);
      const v = at(i);
      if (v == null || v === "") return null;
      if (typeof v === "number") return v;
      if (typeof v === "boolean") return v;
      if (v instanceof Date) return null;
      return String(v);
    });
    const s = at(SCORE);
    out.push({
      reportingDate: d.value,
      period: readText(at(0) ?? null) ?? "",
      key,
      score: typeof s === "number" && Number.isFinite(s) ? s : null,
      values,
    });
  }
  return out;
}

/** The scores of the snapshot the trend compares with: rows whose reporting date is the previous snapshot's. */
export function riskScoresBefore(
  rows: readonly RiskHistoryRow[],
  previous: PreviousSnapshot | null,
): RiskScoresBefore | null {
  if (!previous) return null;
  const scores = new Map<string, number | null>();
  for (const r of rows) {
    if (r.reportingDate !== previous.reportingDate) continue;
    const k = r.key.toLowerCase();
    if (!scores.has(k)) scores.set(k, r.score);
  }
  if (scores.size === 0) return null;
  return { label: previous.quarter, reportingDate: previous.reportingDate, scores };
}
