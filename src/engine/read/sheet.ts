/**
 * Reading one programme-of-works sheet into items, with every skipped row and every unreadable cell reported.
 */
import type { CellValue, SheetGrid } from "../grid";
import { cellAddress, isBlank, isExcelError } from "../grid";
import type { Pence } from "../money";
import type {
  ColumnMapping,
  FieldKey,
  Issue,
  ProgrammeItem,
  SkippedRow,
  YearFigures,
  Percent,
} from "../model";
import type { Read } from "./cells";
import {
  quoteCell,
  readAmount,
  readDate,
  readFinancialYear,
  readFraction,
  readOverride,
  readPercentPoints,
  readRiskScore,
  readScale,
  readText,
} from "./cells";
import type { HeaderMap } from "./headers";
import { findHeaderRow } from "./headers";

export interface SheetRead {
  sheet: string;
  header: HeaderMap;
  /** 0-based sheet row of the header. */
  headerRow: number;
  items: ProgrammeItem[];
  skipped: SkippedRow[];
  issues: Issue[];
  /** 0-based sheet column of the last used column. */
  lastColumn: number;
}

const SUBTOTAL = /^\s*(grand\s*total|sub[\s-]*total|total)s?\b/i;

/** Finds the header and reads the rows; null when the sheet has no programme-of-works header. */
export function readSheet(grid: SheetGrid): SheetRead | null {
  const header = findHeaderRow(grid.values, grid.colOffset);
  if (!header) return null;
  const sheet = grid.name;
  const items: ProgrammeItem[] = [];
  const skipped: SkippedRow[] = [];
  const issues: Issue[] = [];
  const headerRow = header.rowIndex + grid.rowOffset;

  const col = (field: FieldKey): number | null => {
    const m = header.byField.get(field);
    return m && m.length > 0 ? m[0]!.col - grid.colOffset : null;
  };
  const cols = {
    id: col("id"),
    name: col("name"),
    theme: col("theme"),
    owner: col("owner"),
    variance: col("variance"),
    start: col("start"),
    end: col("end"),
    progress: col("progress"),
    status: col("status"),
    likelihood: col("likelihood"),
    impact: col("impact"),
    riskScore: col("riskScore"),
    risk: col("risk"),
    mitigation: col("mitigation"),
    override: col("override"),
    financialYear: col("financialYear"),
  };
  const amountCols = (field: FieldKey): ColumnMapping[] => header.byField.get(field) ?? [];
  const budgetCols = amountCols("budget");
  const spentCols = amountCols("spent");
  const committedCols = amountCols("committed");
  const forecastCols = amountCols("forecast");
  const varianceMap = header.byField.get("variance")?.[0];
  const yearCols = header.yearColumns;
  // Columns the tool writes or that only carry words: not evidence that a row is an item.
  const ragCol = col("rag");
  const computedCol = col("computedRag");
  const ignoredForContent = new Set<number>();
  if (ragCol !== null) ignoredForContent.add(ragCol);
  if (computedCol !== null) ignoredForContent.add(computedCol);

  let lastColumn = grid.colOffset;
  let lastNonBlank = -1;
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r]!;
    for (let c = row.length - 1; c >= 0; c--) {
      if (!isBlank(row[c])) {
        if (c + grid.colOffset > lastColumn) lastColumn = c + grid.colOffset;
        if (r > header.rowIndex) lastNonBlank = r;
        break;
      }
    }
  }

  let section: string | null = null;
  for (let r = header.rowIndex + 1; r <= lastNonBlank; r++) {
    const row = grid.values[r] ?? [];
    const sheetRow = r + grid.rowOffset;
    const excelRow = sheetRow + 1;
    let filled = 0;
    let firstText: string | null = null;
    let onlyCell: CellValue = null;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (isBlank(v) || ignoredForContent.has(c)) continue;
      filled++;
      onlyCell = v;
      if (firstText === null && typeof v === "string" && !isExcelError(v)) firstText = v.trim();
    }
    if (filled === 0) {
      skipped.push({ sheet, row: excelRow, reason: "blank row" });
      continue;
    }
    const at = (c: number | null): CellValue => (c === null ? null : row[c]);
    const name = readText(at(cols.name));
    const id = readText(at(cols.id));
    if (
      filled === 1 &&
      typeof onlyCell === "string" &&
      !isExcelError(onlyCell) &&
      !(id !== null && name !== null)
    ) {
      const heading = readText(onlyCell)!;
      if (SUBTOTAL.test(heading)) {
        skipped.push({ sheet, row: excelRow, reason: `subtotal row "${heading}"` });
        continue;
      }
      section = heading;
      skipped.push({ sheet, row: excelRow, reason: `section heading "${heading}"` });
      continue;
    }
    const label = name ?? firstText;
    if (label !== null && SUBTOTAL.test(label) && (id === null || id === label)) {
      skipped.push({ sheet, row: excelRow, reason: `subtotal row "${label.replace(/\s+/g, " ")}"` });
      continue;
    }
    if (name === null && id === null) {
      skipped.push({ sheet, row: excelRow, reason: "no name or reference" });
      issues.push({
        sheet,
        cell: cellAddress(sheetRow, (cols.name ?? cols.id ?? 0) + grid.colOffset),
        severity: "warning",
        message: "row has figures but no name or reference; it was not read as an item",
      });
      continue;
    }
    if (name !== null && id !== null && SUBTOTAL.test(name)) {
      issues.push({
        sheet,
        cell: cellAddress(sheetRow, cols.name! + grid.colOffset),
        severity: "warning",
        message: `name starts with "${name.split(/\s+/)[0]}" but the row has a reference, so it was read as an item, not a subtotal`,
      });
    }

    const note = (c: number, severity: "error" | "warning", message: string) =>
      issues.push({ sheet, cell: cellAddress(sheetRow, c + grid.colOffset), severity, message });
    function take<T>(c: number | null, read: (v: CellValue) => Read<T>): T | null {
      if (c === null) return null;
      const res = read(row[c]);
      if (res.kind === "value") return res.value;
      if (res.kind === "error") note(c, "error", res.message);
      return null;
    }
    // In a spreadsheet (not a CSV), a figure typed as text is read, but Excel's SUM and sorting pass it over.
    const textWarning = (c: number | null, what: string) => {
      if (c === null || grid.textOnly) return;
      const v = row[c];
      if (typeof v === "string" && v.trim() !== "" && !isExcelError(v)) {
        note(
          c,
          "warning",
          `${quoteCell(v)} is ${what} stored as text: it is read, but Excel's totals and sorting leave it out`,
        );
      }
    };
    const amount = (maps: ColumnMapping[]): Pence | null => {
      let total: number | null = null;
      for (const m of maps) {
        const c = m.col - grid.colOffset;
        const v = take(c, (x) => readAmount(x, m.unit));
        if (v !== null) {
          total = (total ?? 0) + v;
          textWarning(c, "an amount");
        }
      }
      return total as Pence | null;
    };
    const date = (c: number | null, role: "start" | "end") => {
      const d = take(c, (v) => readDate(v, role));
      if (d !== null) textWarning(c, "a date");
      return d;
    };

    const budget = amount(budgetCols);
    const spent = amount(spentCols);
    const committed = amount(committedCols);
    const forecast = amount(forecastCols);
    let statedVariance: Pence | null = null;
    let statedVariancePct: Percent | null = null;
    if (varianceMap && cols.variance !== null) {
      if (header.variancePercent) {
        statedVariancePct = take(cols.variance, (v) => readPercentPoints(v, false)) as Percent | null;
      } else {
        statedVariance = take(cols.variance, (v) => readAmount(v, varianceMap.unit));
      }
    }
    const risk = take(cols.riskScore, readRiskScore);
    const years: YearFigures[] = [];
    if (yearCols.length > 0) {
      const byYear = new Map<number, YearFigures>();
      for (const m of yearCols) {
        const y = m.year!;
        let f = byYear.get(y);
        if (!f) {
          f = { year: y, budget: null, spent: null, committed: null, forecast: null };
          byYear.set(y, f);
        }
        // Per-year cells already read (and reported) as the field itself are read again quietly.
        const res = readAmount(row[m.col - grid.colOffset], m.unit);
        if (res.kind !== "value") continue;
        const key = m.field as "budget" | "spent" | "committed" | "forecast";
        f[key] = ((f[key] ?? 0) + res.value) as Pence;
      }
      years.push(...[...byYear.values()].sort((a, b) => a.year - b.year));
    }

    const item: ProgrammeItem = {
      sheet,
      row: excelRow,
      id,
      name,
      theme: cols.theme !== null ? readText(row[cols.theme]) : section,
      owner: readText(at(cols.owner)),
      budget,
      spent,
      committed,
      forecast,
      statedVariance,
      statedVariancePct,
      start: date(cols.start, "start"),
      end: date(cols.end, "end"),
      progress: take(cols.progress, readFraction),
      status: readText(at(cols.status)),
      likelihood: take(cols.likelihood, readScale),
      impact: take(cols.impact, readScale),
      riskScore: risk && "score" in risk ? risk.score : null,
      riskLevel: risk && "level" in risk ? risk.level : null,
      risk: readText(at(cols.risk)),
      mitigation: readText(at(cols.mitigation)),
      override: null,
      financialYear: take(cols.financialYear, readFinancialYear),
      years,
      ragBefore: ragCol === null ? null : readText(row[ragCol]),
      computedBefore: computedCol === null ? null : readText(row[computedCol]),
    };
    if (cols.override !== null) {
      const res = readOverride(row[cols.override]);
      if (res.kind === "value") item.override = res.value;
      else if (res.kind === "error")
        note(cols.override, "warning", `${res.message}; the computed RAG is used`);
    }
    if (item.theme === null && cols.theme !== null && section !== null) item.theme = section;
    items.push(item);
  }
  return { sheet, header, headerRow, items, skipped, issues, lastColumn };
}

export { quoteCell };
