/**
 * Reading one programme-of-works sheet into items, with every skipped row and every unreadable cell reported.
 */
import type { CellValue, SheetGrid } from "../grid";
import type { DateSystem, DayNumber } from "../dates";
import { dayFromExcelSerial } from "../dates";
import { penceFromPounds } from "../money";
import { cellAddress, isBlank, isExcelError } from "../grid";
import type { Pence } from "../money";
import type {
  ColumnMapping,
  FieldKey,
  Issue,
  ProgrammeItem,
  AssessedItem,
  ItemRag,
  Reason,
  SkippedRow,
  YearFigures,
  Percent,
} from "../model";
import type { Rag } from "../rag";
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
  MIN_SERIAL,
  MAX_SERIAL,
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
export function readSheet(grid: SheetGrid, dateSystem: DateSystem = 1900): SheetRead | null {
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
  const ignored: boolean[] = [];
  if (ragCol !== null) ignored[ragCol] = true;
  if (computedCol !== null) ignored[computedCol] = true;

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

  const rr = new RowReader(sheet, grid.colOffset, grid.textOnly === true, issues, dateSystem);
  let section: string | null = null;
  for (let r = header.rowIndex + 1; r <= lastNonBlank; r++) {
    const row = grid.values[r] ?? [];
    const sheetRow = r + grid.rowOffset;
    const excelRow = sheetRow + 1;
    // Blank, one cell, or more: that is all the row's shape needs (stop counting at two).
    let filled = 0;
    let onlyCell: CellValue = null;
    for (let c = 0; c < row.length && filled < 2; c++) {
      const v = row[c];
      if (isBlank(v) || ignored[c] === true) continue;
      filled++;
      onlyCell = v;
    }
    if (filled === 0) {
      skipped.push({ sheet, row: excelRow, reason: "blank row" });
      continue;
    }
    rr.start(row, sheetRow);
    const name = rr.text(cols.name);
    const id = rr.text(cols.id);
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
    const label = name ?? firstTextOf(row, ignored);
    if (label !== null && SUBTOTAL.test(label)) {
      skipped.push({ sheet, row: excelRow, reason: `subtotal row "${label.replace(/\s+/g, " ")}"` });
      continue;
    }
    // A theme heading that carries its theme's figures ("Fixing the basics | | 295,000"): words in the
    // reference column and no name. Its figures are the theme's, so summing them would count them twice.
    if (
      name === null &&
      id !== null &&
      cols.name !== null &&
      /\s/.test(id) &&
      /[a-z]{3}/i.test(id) &&
      id.length > 12
    ) {
      section = cols.theme === null ? id : section;
      skipped.push({ sheet, row: excelRow, reason: `section heading "${id}" (its figures are not summed)` });
      continue;
    }
    if (name === null && id === null) {
      skipped.push({ sheet, row: excelRow, reason: "no name or reference" });
      rr.note(
        cols.name ?? cols.id ?? 0,
        "warning",
        "row has figures but no name or reference; it was not read as an item",
      );
      continue;
    }

    const budget = rr.amount(budgetCols);
    const spent = rr.amount(spentCols);
    const committed = rr.amount(committedCols);
    const forecast = rr.amount(forecastCols);
    let statedVariance: Pence | null = null;
    let statedVariancePct: Percent | null = null;
    if (varianceMap && cols.variance !== null) {
      if (header.variancePercent) {
        statedVariancePct = rr.take(cols.variance, readPercentPoints, false) as Percent | null;
      } else {
        statedVariance = rr.take(cols.variance, readAmount, varianceMap.unit);
      }
    }
    const risk = rr.take(cols.riskScore, readRiskScore, undefined);
    const years: YearFigures[] = yearCols.length > 0 ? [] : NO_YEARS;
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

    // Built with room for its assessment (filled in by assessInPlace), so the object keeps one shape.
    const item: AssessedItem = {
      sheet,
      row: excelRow,
      id,
      name,
      theme: cols.theme !== null ? rr.text(cols.theme) : section,
      owner: rr.text(cols.owner),
      budget,
      spent,
      committed,
      forecast,
      statedVariance,
      statedVariancePct,
      start: rr.date(cols.start, "start"),
      end: rr.date(cols.end, "end"),
      progress: rr.take(cols.progress, readFraction, undefined),
      status: rr.text(cols.status),
      likelihood: rr.take(cols.likelihood, readScale, undefined),
      impact: rr.take(cols.impact, readScale, undefined),
      riskScore: risk && "score" in risk ? risk.score : null,
      riskLevel: risk && "level" in risk ? risk.level : null,
      risk: rr.text(cols.risk),
      mitigation: rr.text(cols.mitigation),
      override: null,
      financialYear: rr.take(cols.financialYear, readFinancialYear, undefined),
      years,
      ragBefore: ragCol === null ? null : readText(row[ragCol]),
      computedBefore: computedCol === null ? null : readText(row[computedCol]),
      assessedForecast: null,
      variance: null,
      variancePct: null,
      plannedProgress: null,
      assessedRiskScore: null,
      rag: NOT_YET_ASSESSED,
      reasons: NO_REASONS,
    };
    if (cols.override !== null) {
      const res = readOverride(row[cols.override]);
      if (res.kind === "value") item.override = res.value;
      else if (res.kind === "error")
        rr.note(cols.override, "warning", `${res.message}; the computed RAG is used`);
    }
    if (item.theme === null && cols.theme !== null && section !== null) item.theme = section;
    // A risk column holding only a level ("High") rates the risk when nothing scores it.
    if (item.riskLevel === null && item.riskScore === null && item.risk !== null) {
      const level = riskLevelOnly(item.risk);
      if (level) item.riskLevel = level;
    }
    items.push(item);
  }
  return { sheet, header, headerRow, items, skipped, issues, lastColumn };
}

const NO_YEARS: YearFigures[] = [];
const NO_REASONS: Reason[] = [];
const NOT_YET_ASSESSED: ItemRag = {
  budget: "Not assessed",
  schedule: "Not assessed",
  risk: "Not assessed",
  computed: "Not assessed",
  override: null,
  overall: "Not assessed",
};

function firstTextOf(row: readonly CellValue[], ignored: readonly boolean[]): string | null {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v === "string" && ignored[c] !== true && !isBlank(v) && !isExcelError(v)) return v.trim();
  }
  return null;
}
const EMPTY_ROW: readonly CellValue[] = [];

/**
 * Reads the cells of one row at a time, reporting what it cannot read at the cell's address. One reader serves
 * every row of a sheet (no closures per row: 100,000 rows must read in a fraction of a second).
 */
class RowReader {
  private row: readonly CellValue[] = EMPTY_ROW;
  private sheetRow = 0;

  constructor(
    private readonly sheet: string,
    private readonly colOffset: number,
    private readonly textOnly: boolean,
    private readonly issues: Issue[],
    private readonly dateSystem: DateSystem,
  ) {}

  /** readDate in this workbook's date system (one function for the sheet, not one per cell). */
  private readonly readDateInSystem = (v: CellValue, role: "start" | "end"): Read<DayNumber> =>
    readDate(v, role, this.dateSystem);

  start(row: readonly CellValue[], sheetRow: number): void {
    this.row = row;
    this.sheetRow = sheetRow;
  }

  note(c: number, severity: "error" | "warning", message: string): void {
    this.issues.push({
      sheet: this.sheet,
      cell: cellAddress(this.sheetRow, c + this.colOffset),
      severity,
      message,
    });
  }

  take<T, A>(c: number | null, read: (v: CellValue, arg: A) => Read<T>, arg: A): T | null {
    if (c === null) return null;
    const res = read(this.row[c], arg);
    if (res.kind === "value") return res.value;
    if (res.kind === "error") this.note(c, "error", res.message);
    return null;
  }

  /** Text of a words-only column; an Excel error there is reported, not read as words. */
  text(c: number | null): string | null {
    if (c === null) return null;
    const v = this.row[c];
    if (isExcelError(v)) {
      this.note(c, "error", `${String(v).trim()} is an Excel error, not text`);
      return null;
    }
    return readText(v);
  }

  /** In a spreadsheet (not a CSV), a figure typed as text is read, but Excel's SUM and sorting pass it over. */
  private textWarning(c: number, what: string): void {
    if (this.textOnly) return;
    const v = this.row[c];
    if (typeof v === "string" && v.trim() !== "" && !isExcelError(v)) {
      this.note(
        c,
        "warning",
        `${quoteCell(v)} is ${what} stored as text: it is read, but Excel's totals and sorting leave it out`,
      );
    }
  }

  amount(maps: readonly ColumnMapping[]): Pence | null {
    let total: number | null = null;
    for (const m of maps) {
      const c = m.col - this.colOffset;
      const raw = this.row[c];
      // The common case, a number in a number cell, without the general reader's result object.
      if (typeof raw === "number" && Number.isFinite(raw)) {
        const p = penceFromPounds(raw * m.unit);
        if (Number.isSafeInteger(p)) {
          total = (total ?? 0) + p;
          continue;
        }
      }
      const v = this.take(c, readAmount, m.unit);
      if (v !== null) {
        total = (total ?? 0) + v;
        this.textWarning(c, "an amount");
      }
    }
    return total as Pence | null;
  }

  date(c: number | null, role: "start" | "end"): DayNumber | null {
    if (c !== null) {
      const raw = this.row[c];
      if (typeof raw === "number" && raw >= MIN_SERIAL && raw <= MAX_SERIAL)
        return dayFromExcelSerial(raw, this.dateSystem);
    }
    const d = this.take(c, this.readDateInSystem, role);
    if (d !== null && c !== null) this.textWarning(c, "a date");
    return d;
  }
}

function riskLevelOnly(text: string): Rag | null {
  const w = text.trim().toLowerCase();
  if (w === "high" || w === "very high") return "Red";
  if (w === "medium") return "Amber";
  if (w === "low" || w === "very low") return "Green";
  return null;
}
