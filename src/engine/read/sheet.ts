/**
 * Reading one programme-of-works sheet into items, with every skipped row and every unreadable cell reported.
 */
import type { ColIndex, ExcelRow, RowIndex } from "../coords";
import { excelRowOf, rowIndexOf } from "../coords";
import type { CellValue, SheetGrid } from "../grid";
import type { DateSystem, DayNumber } from "../dates";
import { dayFromExcelSerial } from "../dates";
import { penceFromPounds } from "../money";
import { cellAddress, hasFormula, isBlank, isExcelError } from "../grid";
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
  ProfileAmount,
  PartFigures,
  RatingCell,
  Fraction,
} from "../model";
import type { OverrideRag, Rag } from "../rag";
import type { CurrencyCode, PercentScale, Read } from "./cells";
import {
  amountCurrency,
  isPlainAscii,
  CURRENCY_NAME,
  CURRENCY_SYMBOL,
  quoteCell,
  readAmount,
  readDate,
  readFinancialYear,
  readFraction,
  readRating,
  readPercentPoints,
  readRiskScore,
  readScale,
  readText,
  MIN_SERIAL,
  MAX_SERIAL,
} from "./cells";
import type { HeaderMap } from "./headers";
import { analyseHeader, fieldLabel, findHeaderRow, transposedFields } from "./headers";
import { PROFILE_ROWS, profileColumn } from "./columns";
import { readProfile, readYearFigures, yearChecks, yearTotalMismatches } from "./year-columns";
import { formatKind } from "./formats";
import { formatMoney } from "../money";
import { flat } from "../flat";
import { pct1 } from "../assess/format";
import type { DimensionRags } from "../assess/registry";
import { dimensions } from "../assess/registry";
import { percentFromFraction } from "../percent";

export interface SheetRead {
  sheet: string;
  header: HeaderMap;
  /** The header's sheet row. */
  headerRow: RowIndex;
  items: ProgrammeItem[];
  skipped: SkippedRow[];
  issues: Issue[];
  /** The last used column. */
  lastColumn: ColIndex;
  /**
   * The first two sheet columns after the programme's own columns (its header) that are empty on the
   * header row and every item row: where an added RAG column (and Computed RAG column) go. A stray cell far to
   * the right does not push them there.
   */
  freeColumns: [ColIndex, ColIndex];
  /** The currency the sheet's amounts are in. */
  currency: CurrencyCode;
}

/** Excel's last column (XFD). */
export const MAX_COLUMN: ColIndex = 16383;

/** A label that starts with a total word ("Total", "Sub-total: Customer first", "Grand total (all themes)"). */
const SUBTOTAL = /^\s*(grand\s*total|sub[\s-]*total|total)s?\b/i;
/** A label that ends in one ("Theme total", "Infrastructure sub-total", "Programme Total:"). */
const TOTAL_END = /\b(sub[\s-]*)?totals?\s*:?\s*$/i;
const HAS_TOTAL = /total/i;
/** A label that is only a total word. */
const TOTAL_ONLY = /^\s*(grand\s*|sub[\s-]*)?totals?\s*:?\s*$/i;

/**
 * A total row: its label is a total word, or ends in one ("Theme total"), or starts with one ("Total Fixing
 * the basics", "FB | Total Fixing the basics"). A name that only starts with "Total" beside a numbered
 * reference is an item ("ICT-07 | Total cost of ownership review").
 */
function isTotalLabel(label: string, ref: string | null, name: string | null): boolean {
  // Most labels hold no "total" at all: one plain search, before the patterns (the end one scans every position).
  if (!HAS_TOTAL.test(label)) return false;
  if (TOTAL_ONLY.test(label) || TOTAL_END.test(label)) return true;
  if (!SUBTOTAL.test(label)) return false;
  return ref === null || name === null || !/\d/.test(ref);
}

const TOTAL_FIELDS = ["budget", "forecast"] as const;
/** The running sums at a point of the sheet, and how many items were read by then. */
interface Mark {
  budget: number;
  forecast: number;
  /** Of those sums, the amounts typed as text (Excel's SUM leaves them out). */
  textBudget: number;
  textForecast: number;
  n: number;
}

/** Why a sheet with no header row was not read, in words the user can act on. */
export function whyNotRead(grid: SheetGrid): string {
  const fields = transposedFields(grid.values);
  if (fields)
    return (
      `its field names (${fields.slice(0, 4).map(fieldLabel).join(", ")}…) run down the first column with one ` +
      "project per column (a transposed sheet); transpose it so that each project is a row (copy it, then " +
      "Paste Special > Transpose onto a new sheet) and run again"
    );
  return "no programme-of-works header row in the first 30 rows";
}

const normal = (v: CellValue): string => (readText(v) ?? "").toLowerCase().replace(/\s+/g, " ");

/** Finds the header and reads the rows; null when the sheet has no programme-of-works header. */
export function readSheet(grid: SheetGrid, dateSystem: DateSystem = 1900): SheetRead | null {
  const header = findHeaderRow(grid.values, grid.colOffset, 30, grid, dateSystem);
  if (!header) return null;
  const sheet = grid.name;
  const items: ProgrammeItem[] = [];
  const skipped: SkippedRow[] = [];
  const issues: Issue[] = [];
  const headerRow = header.rowIndex + grid.rowOffset;
  const formats = grid.numberFormats;

  const col = (field: FieldKey): number | null => {
    const m = header.byField.get(field);
    return m && m.length > 0 ? m[0]!.col - grid.colOffset : null;
  };
  const cols = {
    ref: col("ref"),
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
    financialYear: col("financialYear"),
  };
  const amountCols = (field: FieldKey): ColumnMapping[] => header.byField.get(field) ?? [];
  const budgetCols = amountCols("budget");
  const spentCols = amountCols("spent");
  const committedCols = amountCols("committed");
  const forecastCols = amountCols("forecast");
  const ratingCols = header.byField.get("override") ?? [];
  const varianceMap = header.byField.get("variance")?.[0];
  const yearCols = header.yearColumns;
  const partCols = header.partColumns;
  // Issue 13: slippage with no year, the spend profile by period, and wholes checked against their years.
  const slippageCols = (header.byField.get("slippage") ?? []).filter((m) => m.year === null);
  const periodCols = (header.periodColumns ?? []).filter((p) => !p.actuals);
  const profileUnits = new Map(periodCols.map((p) => [p.col, analyseHeader(p.header)?.unit ?? 1]));
  const wholeCols = [...budgetCols, ...spentCols, ...committedCols, ...forecastCols];
  const checks = yearCols.length > 0 ? yearChecks(wholeCols, yearCols) : [];
  const subRows = header.subRows ?? 0;
  const headerCells = grid.values[header.rowIndex] ?? EMPTY_ROW;
  const scaleHeader = (field: FieldKey) => {
    const c = col(field);
    return c !== null && (analyseHeader(headerCells[c])?.numericScale ?? false);
  };
  const likelihoodNumbers = scaleHeader("likelihood");
  const impactNumbers = scaleHeader("impact");
  // Columns the tool writes or that only carry words: not evidence that a row is an item.
  const ragCol = col("rag");
  const computedCol = col("computedRag");
  const ignored: boolean[] = [];
  if (ragCol !== null) ignored[ragCol] = true;
  if (computedCol !== null) ignored[computedCol] = true;

  const { lastColumn, lastNonBlank } = usedExtent(grid, header.rowIndex);

  // The sheet's currency: named by its amount headers, else shown by its amount cells (text or format).
  const moneyMaps = [...budgetCols, ...spentCols, ...committedCols, ...forecastCols];
  if (varianceMap && !header.variancePercent) moneyMaps.push(varianceMap);
  let currency: CurrencyCode = "GBP";
  const named = moneyMaps.map((m) => m.currency).find((c) => c != null) as CurrencyCode | undefined;
  if (named) currency = named;
  else {
    for (const m of moneyMaps) {
      const shown = profileColumn(grid, m.col - grid.colOffset, header.rowIndex + 1).currency;
      if (shown) {
        currency = shown;
        break;
      }
    }
  }
  if (currency !== "GBP")
    issues.push({
      sheet,
      cell: "",
      severity: "warning",
      message: `amounts on this sheet are in ${CURRENCY_NAME[currency]} (${CURRENCY_SYMBOL[currency]}): totals and reasons are shown in ${CURRENCY_SYMBOL[currency]}, and the allocation is taken to be in the same currency`,
    });

  // % complete: a column of whole numbers (45, 80) is in points, so 1 there is 1%; a % format means a fraction.
  let progressScale: PercentScale = "auto";
  if (cols.progress !== null) {
    // A column of fractions (0.5, 0.8) is in fractions, so 1.2 there is 120%.
    const end = Math.min(grid.values.length, header.rowIndex + 1 + PROFILE_ROWS * 5);
    let fractions = false;
    for (let r = header.rowIndex + 1; r < end; r++) {
      const v = grid.values[r]?.[cols.progress];
      if (typeof v !== "number" || formatKind(formats?.[r]?.[cols.progress]) === "percent") continue;
      if (v > 1.5 && v <= 100) {
        progressScale = "points";
        break;
      }
      if (v > 0 && v < 1) fractions = true;
    }
    if (progressScale === "auto" && fractions) progressScale = "fraction";
  }

  const rr = new RowReader(sheet, grid.colOffset, grid.textOnly === true, issues, currency, dateSystem);
  const headerText = new Map<number, string>();
  for (const m of header.columns) {
    const t = normal(headerCells[m.col - grid.colOffset]);
    if (t !== "") headerText.set(m.col - grid.colOffset, t);
  }
  // A cheap first test, so that 100,000 rows are not each compared cell by cell: the key column's text.
  const keyCol = [...headerText.keys()][0] ?? -1;
  const keyText = headerText.get(keyCol) ?? "";
  const keyFirst = keyText.charCodeAt(0);
  const repeatsHeaderKey = (row: readonly CellValue[]): boolean => {
    const v = row[keyCol];
    if (typeof v !== "string" || v.length < keyText.length) return false;
    // Plain ASCII is its own text (readText): a first letter other than the header's, in either case, is not
    // the header (so 100,000 references are not each lower-cased to be compared).
    if (isPlainAscii(v) && lowerAscii(v.charCodeAt(0)) !== keyFirst) return false;
    return normal(v) === keyText;
  };
  const refFirstRow = new Map<string, number>();
  let refsRising = true;
  let lastRefKey: string | null = null;
  const varianceChecks: { item: AssessedItem; stated: number; computed: number }[] = [];
  let section: string | null = null;
  // Running sums of the items' budget and forecast, and where the last total row or heading and the section
  // began: a total row whose figures match none of the items since then, its section's and the sheet's is named
  // (a total row read as an item counted its budget twice). Two additions per item, nothing allocated.
  let cumBudget = 0;
  let cumForecast = 0;
  let cumTextBudget = 0;
  let cumTextForecast = 0;
  const budgetTextCol = budgetCols.length === 1 ? budgetCols[0]!.col - grid.colOffset : -1;
  const forecastTextCol = forecastCols.length === 1 ? forecastCols[0]!.col - grid.colOffset : -1;
  const markNow = (): Mark => ({
    budget: cumBudget,
    forecast: cumForecast,
    textBudget: cumTextBudget,
    textForecast: cumTextForecast,
    n: items.length,
  });
  let segment = markNow();
  let sectionStart = segment;
  const checkTotalRow = (row: readonly CellValue[], label: string, excelRow: number) => {
    if (items.length === 0) return;
    for (const f of TOTAL_FIELDS) {
      const maps = amountCols(f);
      if (maps.length !== 1) continue;
      const m = maps[0]!;
      const v = readAmount(row[m.col - grid.colOffset] ?? null, m.unit);
      if (v.kind !== "value") continue;
      const cum = f === "budget" ? cumBudget : cumForecast;
      const near = (x: number) => Math.abs(x - v.value) <= 100;
      const hasSegment = segment.n < items.length;
      const segSum = cum - segment[f];
      if ((hasSegment && near(segSum)) || near(cum - sectionStart[f]) || near(cum)) continue;
      // The total row agrees once the amounts typed as text are left out, as Excel's SUM leaves them out: say so
      // (those cells are warned about on their own), rather than call the total wrong.
      const tf = f === "budget" ? "textBudget" : "textForecast";
      const cumText = f === "budget" ? cumTextBudget : cumTextForecast;
      const asText = [hasSegment ? cumText - segment[tf] : null, cumText - sectionStart[tf], cumText];
      const sums = [hasSegment ? segSum : null, cum - sectionStart[f], cum];
      const k = sums.findIndex((x, j) => x !== null && asText[j]! > 0 && near(x - asText[j]!));
      if (k >= 0) {
        issues.push({
          sheet,
          cell: cellAddress(rowIndexOf(excelRow), m.col),
          severity: "warning",
          message:
            `total row "${label}" gives the ${f} as ${rr.money(v.value)}, ${rr.money(asText[k]! as Pence)} less than ` +
            `the items above it (${rr.money(sums[k]! as Pence)}): that much of theirs is typed as text, which the ` +
            "sheet's SUM leaves out; the report counts it and leaves the total row out",
        });
        continue;
      }
      const from = hasSegment ? segment.n : 0;
      const above = hasSegment ? segSum : cum;
      const first = items[from]!.row;
      const last = items[items.length - 1]!.row;
      const rows = first === last ? `row ${first}` : `rows ${first}–${last}`;
      issues.push({
        sheet,
        cell: cellAddress(rowIndexOf(excelRow), m.col),
        severity: "warning",
        message:
          `total row "${label}" gives the ${f} as ${rr.money(v.value)}, but the items above it add up to ` +
          `${rr.money(above as Pence)} (${rows})` +
          (cum !== above ? ` and ${rr.money(cum as Pence)} on the whole sheet` : "") +
          "; the report sums the items and leaves the total row out",
      });
    }
  };
  // One row, in a function of its own: readSheet runs once a sheet, this once a row, so the JIT optimises this
  // once and keeps it (a loop inside readSheet was compiled again, whole, on every call: on-stack replacement).
  const readRow = (r: number): void => {
    const row = grid.values[r] ?? [];
    const sheetRow = r + grid.rowOffset;
    const excelRow = excelRowOf(sheetRow);
    if (r <= header.rowIndex + subRows) {
      skipped.push({
        sheet,
        row: excelRow,
        reason: "part of the header (years or periods under merged headings)",
      });
      return;
    }
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
      return;
    }
    // The header again (page-by-page exports repeat it): at least two mapped cells the same as the header's.
    if (filled > 1 && headerText.size >= 2 && repeatsHeaderKey(row)) {
      let same = 0;
      for (const [c, t] of headerText) if (typeof row[c] === "string" && normal(row[c]) === t) same++;
      if (same >= 2 && same * 2 >= headerText.size) {
        skipped.push({ sheet, row: excelRow, reason: "repeated header row" });
        return;
      }
    }
    rr.start(row, sheetRow, formats?.[r]);
    const name = rr.text(cols.name);
    const ref = rr.text(cols.ref);
    if (
      filled === 1 &&
      typeof onlyCell === "string" &&
      !isExcelError(onlyCell) &&
      !(ref !== null && name !== null)
    ) {
      const heading = readText(onlyCell)!;
      if (isTotalLabel(heading, ref, name)) {
        skipped.push({ sheet, row: excelRow, reason: `subtotal row "${heading}"` });
        segment = markNow();
        return;
      }
      section = heading;
      segment = markNow();
      sectionStart = segment;
      skipped.push({ sheet, row: excelRow, reason: `section heading "${heading}"` });
      return;
    }
    const label = name ?? firstTextOf(row, ignored);
    if (label !== null && isTotalLabel(label, ref, name)) {
      const shown = label.replace(/\s+/g, " ").trim();
      skipped.push({ sheet, row: excelRow, reason: `subtotal row "${shown}"` });
      checkTotalRow(row, shown, excelRow);
      segment = markNow();
      return;
    }
    // A theme heading that carries its theme's figures ("Fixing the basics | | 295,000"): words in the
    // reference column and no name. Its figures are the theme's, so summing them would count them twice.
    if (
      name === null &&
      ref !== null &&
      cols.name !== null &&
      /\s/.test(ref) &&
      /[a-z]{3}/i.test(ref) &&
      ref.length > 12
    ) {
      section = cols.theme === null ? ref : section;
      segment = markNow();
      sectionStart = segment;
      skipped.push({ sheet, row: excelRow, reason: `section heading "${ref}" (its figures are not summed)` });
      return;
    }
    if (name === null && ref === null) {
      skipped.push({ sheet, row: excelRow, reason: "no name or reference" });
      rr.note(
        cols.name ?? cols.ref ?? 0,
        "warning",
        "row has figures but no name or reference; it was not read as an item",
      );
      return;
    }

    const budget = rr.amount(budgetCols);
    const spent = rr.amount(spentCols);
    const committed = rr.amount(committedCols);
    const forecast = rr.amount(forecastCols);
    let statedVariance: Pence | null = null;
    let statedVariancePct: Percent | null = null;
    if (varianceMap && cols.variance !== null) {
      if (header.variancePercent) {
        const isFraction =
          typeof row[cols.variance] === "number" && formatKind(formats?.[r]?.[cols.variance]) === "percent";
        statedVariancePct = rr.take(cols.variance, readPercentPoints, isFraction) as Percent | null;
      } else {
        statedVariance = rr.amount([varianceMap]);
      }
    }
    const risk = rr.take(cols.riskScore, readRiskScore, undefined);
    const years: YearFigures[] =
      yearCols.length > 0 ? readYearFigures(row, grid.colOffset, yearCols) : NO_YEARS;
    const parts: PartFigures[] = partCols.length > 0 ? [] : NO_PARTS;
    // Indexed loops here and below: a for-of over an array made an iterator for every row, 100,000 of garbage.
    for (let k = 0; k < partCols.length; k++) {
      const m = partCols[k]!;
      const res = readAmount(row[m.col - grid.colOffset], m.unit);
      parts.push({
        field: m.field as PartFigures["field"],
        part: m.part!,
        year: m.year,
        header: m.header,
        amount: res.kind === "value" ? res.value : null,
      });
    }

    // Made with room for its assessment (filled in by assessInPlace), so the object keeps one shape; its fields
    // set in the order a literal gave them (the readers note issues in that order).
    const item = new ReadItem(sheet, excelRow);
    item.ref = ref;
    item.name = name;
    item.theme = cols.theme !== null ? rr.text(cols.theme) : section;
    item.owner = rr.text(cols.owner);
    item.budget = budget;
    item.spent = spent;
    item.committed = committed;
    item.forecast = forecast;
    item.statedVariance = statedVariance;
    item.statedVariancePct = statedVariancePct;
    item.start = rr.date(cols.start, "start");
    item.end = rr.date(cols.end, "end");
    item.progress = rr.progress(cols.progress, progressScale);
    item.status = rr.text(cols.status);
    item.likelihood = rr.scale(cols.likelihood, likelihoodNumbers);
    item.impact = rr.scale(cols.impact, impactNumbers);
    item.riskScore = risk && "score" in risk ? risk.score : null;
    item.riskLevel = risk && "level" in risk ? risk.level : null;
    item.risk = rr.text(cols.risk);
    item.mitigation = rr.text(cols.mitigation);
    item.financialYear = rr.take(cols.financialYear, readFinancialYear, undefined);
    item.years = years;
    item.parts = parts;
    item.ragBefore = ragCol === null ? null : readText(row[ragCol]);
    item.computedBefore = computedCol === null ? null : readText(row[computedCol]);
    if (slippageCols.length > 0) item.slippage = rr.amount(slippageCols);
    if (periodCols.length > 0)
      item.profile = readProfile(row, grid.colOffset, periodCols, profileUnits.get(periodCols[0]!.col) ?? 1);
    if (checks.length > 0)
      for (const x of yearTotalMismatches(row, grid.colOffset, checks, (p) => rr.money(p)) ?? [])
        rr.note(x.col, "warning", x.message);
    if (ratingCols.length > 0) {
      item.ratings = [];
      for (const m of ratingCols) {
        const c = m.col - grid.colOffset;
        const res = readRating(row[c]);
        const value = res.kind === "value" ? res.value : null;
        item.ratings.push({ col: m.col, header: m.header, value, text: readText(row[c]) });
        if (value !== null && item.override === null) {
          item.override = value;
          item.overrideFrom = m.header;
        }
        if (res.kind === "error") rr.note(c, "warning", `${res.message}; it is not used`);
        else if (res.kind === "none" && res.note !== null)
          rr.note(c, "warning", `${res.note}; it is not used`);
      }
    }
    if (item.theme === null && cols.theme !== null && section !== null) item.theme = section;
    // A risk column holding only a level ("High") rates the risk when nothing scores it.
    if (item.riskLevel === null && item.riskScore === null && item.risk !== null) {
      const level = riskLevelOnly(item.risk);
      if (level) item.riskLevel = level;
    }
    if (ref !== null) {
      const key = refKey(ref);
      // References in rising order (P00001, P00002 ...) cannot repeat: each is past every one before it, so no
      // map is needed until one is not; then the map is made of the items so far, and used from there on.
      // Shorter before longer, then as strings: P99999 comes before P100000 (two keys that are the same have
      // the same length), so a sheet numbered past 99,999 is still rising and no map is made for it.
      if (refsRising && (lastRefKey === null || keyAfter(key, lastRefKey))) lastRefKey = key;
      else {
        if (refsRising) {
          refsRising = false;
          for (const it of items)
            if (it.ref !== null && !refFirstRow.has(refKey(it.ref))) refFirstRow.set(refKey(it.ref), it.row);
        }
        const first = refFirstRow.get(key);
        if (first === undefined) refFirstRow.set(key, excelRow);
        else
          rr.note(
            cols.ref!,
            "warning",
            `reference ${quoteCell(ref)} is used again: row ${first} has the same reference`,
          );
      }
    }
    if (statedVariance !== null && budget !== null && forecast !== null)
      varianceChecks.push({ item, stated: statedVariance, computed: forecast - budget });
    else if (statedVariancePct !== null && budget !== null && forecast !== null && budget !== 0) {
      const v = forecast - budget;
      const ours = percentFromFraction(v / Math.abs(budget));
      const onB = percentFromFraction(v / budget);
      // Published percentages are rounded to whole points; a negative budget may be divided as it is.
      if (Math.abs(statedVariancePct - ours) > 1 && Math.abs(statedVariancePct - onB) > 1)
        rr.note(
          cols.variance!,
          "warning",
          `the sheet's variance ${Math.round(statedVariancePct * 10) / 10}% does not match forecast − budget: ${pct1(ours)} of the budget`,
        );
    }
    for (const check of header.partChecks) {
      const whole = readAmount(row[check.whole.col - grid.colOffset], check.whole.unit);
      if (whole.kind !== "value") continue;
      let sum = 0;
      let any = false;
      const shown: string[] = [];
      for (const p of check.parts) {
        const v = readAmount(row[p.col - grid.colOffset], p.unit);
        if (v.kind !== "value") continue;
        any = true;
        sum += v.value;
        shown.push(`${p.part} ${rr.money(v.value)}`);
      }
      if (any && Math.abs(sum - whole.value) > 100)
        rr.note(
          check.whole.col - grid.colOffset,
          "warning",
          `${quoteCell(check.whole.header)} is ${rr.money(whole.value)}, but its parts add up to ${rr.money(sum as Pence)} (${shown.join(" + ")})`,
        );
    }
    items.push(item);
    if (budget !== null) {
      cumBudget += budget;
      if (!grid.textOnly && typeof row[budgetTextCol] === "string") cumTextBudget += budget;
    }
    if (forecast !== null) {
      cumForecast += forecast;
      if (!grid.textOnly && typeof row[forecastTextCol] === "string") cumTextForecast += forecast;
    }
  };
  readRows(header.rowIndex + 1, lastNonBlank, readRow);

  // The sheet's own variance against forecast − budget, in the sign convention most of its rows use.
  if (varianceChecks.length > 0 && cols.variance !== null) {
    let forward = 0;
    let backward = 0;
    for (const v of varianceChecks) {
      if (Math.abs(v.stated - v.computed) <= 100) forward++;
      else if (Math.abs(v.stated + v.computed) <= 100) backward++;
    }
    const sign = backward > forward ? -1 : 1;
    const words = sign === 1 ? "forecast − budget" : "budget − forecast";
    for (const v of varianceChecks) {
      const expected = (sign * v.computed) as Pence;
      if (Math.abs(v.stated - expected) <= 100) continue;
      issues.push({
        sheet,
        cell: cellAddress(rowIndexOf(v.item.row), cols.variance + grid.colOffset),
        severity: "warning",
        message: `the sheet's variance ${rr.money(v.stated as Pence)} does not match ${words} (${rr.money(expected)}): a stale formula or a typed figure?`,
      });
    }
  }

  const freeColumns = freeColumnsAfter(grid, header, lastNonBlank, lastColumn);
  return { sheet, header, headerRow, items, skipped, issues, lastColumn, freeColumns, currency };
}

/**
 * Where readSheet would add the RAG and Computed RAG columns of a grid (its freeColumns, as indexes into
 * the grid's rows) and the grid rows they span (header to last row), without reading the items: an adapter
 * whose first read gives values only (Office.js) asks for the formulas of just these cells, marks them in the
 * grid's `formulas`, and asks again until the places hold none. Null when the grid has no header row.
 */
export function addedColumnPlaces(
  grid: SheetGrid,
): { cols: [number, number]; fromRow: number; toRow: number } | null {
  const header = findHeaderRow(grid.values, grid.colOffset, 30, grid);
  if (!header) return null;
  let lastNonBlank = -1;
  for (let r = grid.values.length - 1; r > header.rowIndex && lastNonBlank < 0; r--) {
    const row = grid.values[r]!;
    for (let c = row.length - 1; c >= 0; c--)
      if (!isBlank(row[c])) {
        lastNonBlank = r;
        break;
      }
  }
  const free = freeColumnsAfter(grid, header, lastNonBlank);
  return {
    cols: [free[0] - grid.colOffset, free[1] - grid.colOffset],
    fromRow: header.rowIndex,
    toRow: Math.max(header.rowIndex, lastNonBlank),
  };
}

/**
 * The first two sheet columns after the header's last cell that are empty on the header and item rows: no value
 * and no formula. A stray value far right in the header row (at XFD1) leaves no column after it: then the first
 * two such columns after the programme's own (mapped) columns. Where even those run out, MAX_COLUMN + 1 stands
 * for "no column": never a column that holds the user's cells.
 */
function freeColumnsAfter(
  grid: SheetGrid,
  header: HeaderMap,
  lastRow: number,
  lastColumn = MAX_COLUMN,
): [ColIndex, ColIndex] {
  const headerCells = grid.values[header.rowIndex] ?? EMPTY_ROW;
  let c = headerCells.length - 1;
  while (c >= 0 && isBlank(headerCells[c])) c--;
  const isFree = (g: number): boolean => {
    // Past the last used column (usedExtent's) every value is blank: with no formulas, nothing to look at.
    if (g + grid.colOffset > lastColumn && !grid.formulas) return true;
    // A formula is the user's even when its result is "" (issue 14): never taken as empty.
    for (let r = header.rowIndex; r <= lastRow; r++)
      if (!isBlank(grid.values[r]?.[g]) || hasFormula(grid, r, g)) return false;
    return true;
  };
  const scan = (from: number): number[] => {
    const found: number[] = [];
    for (let g = from; found.length < 2 && g + grid.colOffset <= MAX_COLUMN; g++)
      if (isFree(g)) found.push(g + grid.colOffset);
    return found;
  };
  let found = scan(c + 1);
  if (found.length < 2 && header.columns.length > 0) {
    const lastMapped = Math.max(...header.columns.map((m) => m.col)) - grid.colOffset;
    found = scan(lastMapped + 1);
  }
  while (found.length < 2) found.push(MAX_COLUMN + 1);
  return [found[0]!, found[1]!];
}

/** An ASCII character's code in lower case (A-Z to a-z; any other code as it is). */
export function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Whether reference key `key` comes after `last` in the order references rise in: a longer key after a shorter,
 * keys of one length as strings. Two keys that are the same are never one after the other, so keys that each
 * come after the one before are all different.
 */
export function keyAfter(key: string, last: string): boolean {
  return key.length !== last.length ? key.length > last.length : key > last;
}

/**
 * A reference's key for finding one used twice: ref.toUpperCase(), without a new string when it is already
 * upper-case ASCII (the common "P00001"; toUpperCase copies every one of 100,000 references).
 */
export function refKey(ref: string): string {
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c > 127 || (c >= 97 && c <= 122)) return ref.toUpperCase();
  }
  return ref;
}

const NO_YEARS: YearFigures[] = [];
const NO_PARTS: PartFigures[] = [];
const NO_RATINGS: RatingCell[] = [];
const NO_REASONS: Reason[] = [];
const NOT_YET_ASSESSED: ItemRag = {
  ...(Object.fromEntries(dimensions().map((d) => [d.key, "Not assessed"])) as DimensionRags),
  computed: "Not assessed",
  override: null,
  overall: "Not assessed",
};

/**
 * An item as read, with room for its assessment: one shape for every item. A class, not an object literal of 40
 * fields, because V8 makes 100,000 of these by inline allocation where it cloned the literal's boilerplate for
 * each (about half of reading a row, in a CPU profile). The fields are the literal's, in its order; readSheet
 * sets those it reads, assessInPlace and analyse the rest.
 */
class ReadItem implements AssessedItem {
  declare sheet: string;
  declare row: ExcelRow;
  declare ref: string | null;
  declare name: string | null;
  declare theme: string | null;
  declare owner: string | null;
  declare budget: Pence | null;
  declare spent: Pence | null;
  declare committed: Pence | null;
  declare forecast: Pence | null;
  declare statedVariance: Pence | null;
  declare statedVariancePct: Percent | null;
  declare start: DayNumber | null;
  declare end: DayNumber | null;
  declare progress: Fraction | null;
  declare status: string | null;
  declare likelihood: number | null;
  declare impact: number | null;
  declare riskScore: number | null;
  declare riskLevel: Rag | null;
  declare risk: string | null;
  declare mitigation: string | null;
  declare override: OverrideRag | null;
  declare ratings: RatingCell[];
  declare overrideFrom: string | null;
  declare financialYear: number | null;
  declare years: YearFigures[];
  declare parts: PartFigures[];
  declare ragBefore: string | null;
  declare computedBefore: string | null;
  declare commentary?: string | null;
  declare overrideReason?: string | null;
  declare assessedForecast: Pence | null;
  declare variance: Pence | null;
  declare variancePct: Percent | null;
  declare plannedProgress: Fraction | null;
  declare assessedRiskScore: number | null;
  declare ratedRiskScore?: number | null;
  declare rag: ItemRag;
  declare reasons: Reason[];
  // Set only where the sheet or the assessment has them (not own properties otherwise, as before).
  declare slippage?: Pence | null;
  declare profile?: ProfileAmount[];
  constructor(sheet: string, row: ExcelRow) {
    this.sheet = sheet;
    this.row = row;
    this.ref = null;
    this.name = null;
    this.theme = null;
    this.owner = null;
    this.budget = null;
    this.spent = null;
    this.committed = null;
    this.forecast = null;
    this.statedVariance = null;
    this.statedVariancePct = null;
    this.start = null;
    this.end = null;
    this.progress = null;
    this.status = null;
    this.likelihood = null;
    this.impact = null;
    this.riskScore = null;
    this.riskLevel = null;
    this.risk = null;
    this.mitigation = null;
    this.override = null;
    this.ratings = NO_RATINGS;
    this.overrideFrom = null;
    this.financialYear = null;
    this.years = NO_YEARS;
    this.parts = NO_PARTS;
    this.ragBefore = null;
    this.computedBefore = null;
    // Set by analyse (the sheet's commentary and override-reason columns).
    this.commentary = null;
    this.overrideReason = null;
    this.assessedForecast = null;
    this.variance = null;
    this.variancePct = null;
    this.plannedProgress = null;
    this.assessedRiskScore = null;
    // Set by the risk rating (always): here so that the object is not given a second store for it.
    this.ratedRiskScore = undefined;
    this.rag = NOT_YET_ASSESSED;
    this.reasons = NO_REASONS;
  }
}

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
  private formats: readonly (string | null | undefined)[] | undefined = undefined;
  private sheetRow: RowIndex = 0;

  constructor(
    private readonly sheet: string,
    private readonly colOffset: ColIndex,
    private readonly textOnly: boolean,
    private readonly issues: Issue[],
    private readonly currency: CurrencyCode,
    private readonly dateSystem: DateSystem,
  ) {}

  /** readDate in this workbook's date system (one function for the sheet, not one per cell). */
  private readonly readDateInSystem = (v: CellValue, role: "start" | "end"): Read<DayNumber> =>
    readDate(v, role, this.dateSystem);

  start(
    row: readonly CellValue[],
    sheetRow: RowIndex,
    formats?: readonly (string | null | undefined)[],
  ): void {
    this.row = row;
    this.sheetRow = sheetRow;
    this.formats = formats;
  }

  money(p: Pence): string {
    return formatMoney(p, CURRENCY_SYMBOL[this.currency]);
  }

  private format(c: number): string | null | undefined {
    return this.formats === undefined ? undefined : this.formats[c];
  }

  progress(c: number | null, scale: PercentScale): Fraction | null {
    if (c === null) return null;
    const v = this.row[c];
    const s = typeof v === "number" && formatKind(this.format(c)) === "percent" ? "fraction" : scale;
    // The common case, a fraction from 0 to 1 read as it is, without the general reader's result object.
    if (typeof v === "number" && v >= 0 && v <= 1 && s !== "points") return v as Fraction;
    return this.take(c, readFraction, s);
  }

  /** A likelihood or impact (readScale); a number from 1 to 5 is read without a result object. */
  scale(c: number | null, numbersOnly: boolean): number | null {
    if (c === null) return null;
    const v = this.row[c];
    if (typeof v === "number" && v >= 1 && v <= 5) return v;
    return this.take(c, readScale, numbersOnly);
  }

  note(c: number, severity: "error" | "warning", message: string): void {
    this.issues.push({
      sheet: this.sheet,
      cell: flat(cellAddress(this.sheetRow, c + this.colOffset)),
      severity,
      message: flat(message),
    });
  }

  take<T, A>(c: number | null, read: (v: CellValue, arg: A) => Read<T>, arg: A): T | null {
    if (c === null) return null;
    const res = read(this.row[c], arg);
    if (res.kind === "value") return res.value;
    if (res.kind === "error") this.note(c, "error", res.message);
    return null;
  }

  /**
   * Each column's last text cell and what it read as: a theme, status, owner or risk column repeats the same
   * words down 100,000 rows, and readText looks at every character of each (its ASCII test).
   */
  private readonly lastCell: (string | undefined)[] = [];
  private readonly lastText: (string | null)[] = [];

  /** Text of a words-only column; an Excel error there is reported, not read as words. */
  text(c: number | null): string | null {
    if (c === null) return null;
    const v = this.row[c];
    // The same words as the column's last text cell read the same (readText depends on the text only).
    if (typeof v === "string" && v === this.lastCell[c]) return this.lastText[c] ?? null;
    if (isExcelError(v)) {
      this.note(c, "error", `${String(v).trim()} is an Excel error, not text`);
      return null;
    }
    const t = readText(v);
    if (typeof v === "string") {
      this.lastCell[c] = v;
      this.lastText[c] = t;
    }
    return t;
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
    // An indexed loop: for-of made an iterator for each of a row's four amounts.
    for (let k = 0; k < maps.length; k++) {
      const m = maps[k]!;
      const c = m.col - this.colOffset;
      const raw = this.row[c];
      // A date-formatted number is a date, whatever the header says.
      if (typeof raw === "number" && this.formats !== undefined && formatKind(this.formats[c]) === "date") {
        this.note(c, "error", `${quoteCell(raw)} is formatted as a date, not an amount`);
        continue;
      }
      // The common case, a number in a number cell, without the general reader's result object.
      if (typeof raw === "number" && Number.isFinite(raw)) {
        const p = penceFromPounds(raw * m.unit);
        if (Number.isSafeInteger(p)) {
          total = (total ?? 0) + p;
          continue;
        }
      }
      if (typeof raw === "string") {
        const cur = amountCurrency(raw);
        if (cur !== null && cur !== this.currency) {
          this.note(
            c,
            "error",
            `${quoteCell(raw)} is in ${CURRENCY_NAME[cur]}, but the sheet's amounts are in ${CURRENCY_NAME[this.currency]}: it is not added`,
          );
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
      if (typeof raw === "number" && formatKind(this.format(c)) === "money") {
        this.note(c, "error", `${quoteCell(raw)} is formatted as money, not a date`);
        return null;
      }
    }
    const d = this.take(c, this.readDateInSystem, role);
    if (d !== null && c !== null) this.textWarning(c, "a date");
    return d;
  }
}

function riskLevelOnly(text: string): Rag | null {
  // "very high" is the longest level: a longer text (a risk's description, 100,000 of them) is not lower-cased.
  if (text.length > 9 && text.trim().length > 9) return null;
  const w = text.trim().toLowerCase();
  if (w === "high" || w === "very high") return "Red";
  if (w === "medium") return "Amber";
  if (w === "low" || w === "very low") return "Green";
  return null;
}

/**
 * The last used column, and the last row below the header with a cell in it (-1 for none): a function of its
 * own, so that scanning 100,000 rows does not make readSheet itself hot.
 */
function usedExtent(grid: SheetGrid, headerRow: number): { lastColumn: ColIndex; lastNonBlank: number } {
  let lastColumn = grid.colOffset;
  let lastNonBlank = -1;
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r]!;
    for (let c = row.length - 1; c >= 0; c--) {
      if (!isBlank(row[c])) {
        if (c + grid.colOffset > lastColumn) lastColumn = c + grid.colOffset;
        if (r > headerRow) lastNonBlank = r;
        break;
      }
    }
  }
  return { lastColumn, lastNonBlank };
}

/** Calls `read` for each row from `from` to `to` (a loop small enough to be compiled on its own). */
function readRows(from: number, to: number, read: (r: number) => void): void {
  for (let r = from; r <= to; r++) read(r);
}
