/**
 * Money by financial year on a programme sheet (issue 13): the header cells that name only a year or a period
 * ("2020/21", "FY 2021/22", "Apr-20", "P9", "Q3 2020/21"), the heading merged over them ("Budget" over "2020/21"
 * and "2021/22"), and the checks of a whole beside its years.
 *
 * The grid carries no merges: both hosts give a merge's value in its top-left cell and its covered cells empty
 * (Office.js `values`; the file adapter blanks covered cells the same way, read-sheet.ts). So a heading merged
 * over several columns is a filled cell followed by empty ones, with the year or period labels in the row below
 * it. Two layouts are read:
 * - the labels on the header row itself, the heading in the row above ("Ref", "Project" … "2020/21", "2021/22"
 *   under "Budget" merged over the last two);
 * - the heading on the header row and the labels in the row below, every other cell of that row empty (the
 *   names of the other columns merged down over both rows): that row is part of the header, not an item.
 * A year label becomes "<heading> <year>" ("Budget 2020/21"), read as a per-year column of the heading's field. A
 * period label (a month, a period number or a quarter) is a column of a spend profile.
 */
import type { CellValue } from "../grid";
import { isBlank } from "../grid";
import type { DayNumber } from "../dates";
import {
  dayFromExcelSerial,
  dayFromJsDate,
  dayFromYmd,
  financialPeriod,
  financialYearLabel,
  financialYearStart,
  ymdFromDay,
} from "../dates";
import type { Pence } from "../money";
import { penceFromPounds } from "../money";
import type { ColumnMapping, ProfileAmount, YearFigures } from "../model";
import { financialYearInText, readAmount, readText, repairText } from "./cells";
import { formatKind } from "./formats";

/** A column of a spend profile: the money planned for one month or quarter of a financial year. */
export interface PeriodColumn {
  /** 0-based sheet column. */
  col: number;
  /** The header as written, or as built from its heading ("Spend profile P9"). */
  header: string;
  /** Financial periods covered: 1 = April … 12 = March (a quarter covers three). */
  firstPeriod: number;
  lastPeriod: number;
  /** The financial year by its start year (2020 for 2020/21); null when the header names none ("P9"). */
  year: number | null;
  /** True when the heading says these are actual spend by period, not a profile (they are not read). */
  actuals: boolean;
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** 1-12 for a month's name or its first three letters or more ("Apr", "April", "Sept"); null otherwise. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTH_NAMES.findIndex((m) => m.startsWith(w) || (w === "sept" && m === "september"));
  return i < 0 ? null : i + 1;
}

/** The financial period (1 = April) of a calendar month (dates.ts's financialPeriod of its first day). */
const periodOfMonth = (month: number): number => financialPeriod(dayFromYmd(2000, month, 1));

/** Two-digit years are 20xx (programme money runs this century). */
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** The text of a header cell, one line, trimmed; null for a blank or a non-text cell. */
function textOf(cell: CellValue): string | null {
  if (typeof cell !== "string") return null;
  const t = readText(cell);
  return t === null ? null : repairText(t).replace(/\s+/g, " ").trim();
}

/** A financial year named alone: "2020/21", "20/21", "2020-21", "FY 2021/22", "FY21/22", "2020/21 total". */
export function bareYear(cell: CellValue): number | null {
  const t = textOf(cell);
  if (t === null || t.length > 24) return null;
  const y = financialYearInText(t);
  if (y === null) return null;
  const rest = t
    .toLowerCase()
    .replace(/(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}/, " ")
    .replace(/\b(fy|financial year|year|total|£|£k|£000|£'000|\(£\)|\(£k\)|\(£000\))\b/g, " ")
    .replace(/[()£:]/g, " ")
    .trim();
  return rest === "" ? y : null;
}

/**
 * A period named alone: a month ("Apr-20", "Apr 2020", "April 2020", a date cell), a period number ("P9",
 * "Period 9", "P9 2020/21") or a quarter ("Q3 2020/21", "Q3"). Null for anything else.
 */
export function periodLabel(
  cell: CellValue,
  format: string | null | undefined,
  dateSystem: 1900 | 1904 = 1900,
): { firstPeriod: number; lastPeriod: number; year: number | null; text: string } | null {
  let day: DayNumber | null = null;
  if (cell instanceof Date) day = dayFromJsDate(cell);
  else if (typeof cell === "number" && formatKind(format) === "date" && cell > 0)
    day = dayFromExcelSerial(cell, dateSystem);
  if (day !== null) {
    const { month, year } = ymdFromDay(day);
    const period = periodOfMonth(month);
    return {
      firstPeriod: period,
      lastPeriod: period,
      year: financialYearStart(day),
      text: `${MONTH_NAMES[month - 1]!.slice(0, 3).replace(/^./, (c) => c.toUpperCase())}-${String(year % 100).padStart(2, "0")}`,
    };
  }
  const t = textOf(cell);
  if (t === null || t.length > 24) return null;
  const lower = t.toLowerCase();
  const month = /^([a-z]{3,9})\.?[\s'’-]*(\d{2}|\d{4})$/.exec(lower);
  const m = month ? monthOf(month[1]!) : null;
  if (month && m !== null) {
    const calendarYear = fullYear(month[2]!);
    const period = periodOfMonth(m);
    return {
      firstPeriod: period,
      lastPeriod: period,
      year: m >= 4 ? calendarYear : calendarYear - 1,
      text: t,
    };
  }
  const fy = financialYearInText(lower);
  const rest = lower.replace(/(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}/, " ").trim();
  const p = /^(?:p|period|month|m)\s*(\d{1,2})$/.exec(rest);
  if (p) {
    const n = Number(p[1]);
    return n >= 1 && n <= 12 ? { firstPeriod: n, lastPeriod: n, year: fy, text: t } : null;
  }
  const q = /^(?:q|qtr|quarter)\s*([1-4])$/.exec(rest);
  if (q) {
    const n = Number(q[1]);
    return { firstPeriod: n * 3 - 2, lastPeriod: n * 3, year: fy, text: t };
  }
  return null;
}

/** Headings whose period columns are actual spend by month, not a profile. */
const ACTUALS = /\b(actuals?|spent|spend to date|expenditure to date|outturn to date)\b/i;
const PROFILE = /\b(profiles?|profiled|phasing|phased|planned|plan|forecast|budget)\b/i;

export interface GroupedHeader {
  /** The header row with every year label under a heading written as "<heading> <year>". */
  row: CellValue[];
  /** Rows below the header row that belong to it (0, or 1 when the labels sit under the header row). */
  subRows: number;
  /** The spend-profile columns (period labels), as grid columns. */
  periods: PeriodColumn[];
}

/**
 * The heading a label at column c sits under on row `above`: the nearest filled cell at or left of c with only
 * empty cells between (the covered cells of its merge), provided every column from it to c is labelled on the
 * label row. Null when there is none.
 */
function headingOver(
  above: readonly CellValue[] | undefined,
  c: number,
  labelled: (col: number) => boolean,
  from = 0,
): { col: number; text: string } | null {
  if (!above) return null;
  for (let k = c; k >= from; k--) {
    if (!labelled(k)) return null;
    const v = above[k];
    if (!isBlank(v)) {
      const t = textOf(v);
      return t === null ? null : { col: k, text: t };
    }
  }
  return null;
}

/**
 * Year and period labels of a header row, with the headings merged over them (see the top of this module).
 * `rowIndex` is the header row's index in `values`; columns are grid columns.
 */
export function groupedHeader(
  values: readonly (readonly CellValue[])[],
  rowIndex: number,
  formats?: readonly (readonly (string | null | undefined)[])[],
  dateSystem: 1900 | 1904 = 1900,
): GroupedHeader {
  const header = values[rowIndex] ?? [];
  const row: CellValue[] = [...header];
  const below = values[rowIndex + 1];
  const periods: PeriodColumn[] = [];
  type Label = { year: number | null; period: ReturnType<typeof periodLabel>; text: string };
  const labelsOf = (r: readonly CellValue[] | undefined, fr: number): Map<number, Label> => {
    const out = new Map<number, Label>();
    if (!r) return out;
    for (let c = 0; c < r.length; c++) {
      const v = r[c];
      if (isBlank(v)) continue;
      const y = bareYear(v);
      const p = y === null ? periodLabel(v, formats?.[fr]?.[c], dateSystem) : null;
      if (y !== null || p !== null) out.set(c, { year: y, period: p, text: textOf(v) ?? p?.text ?? "" });
    }
    return out;
  };
  // The labels under the header row: that row holds nothing but labels, each under a heading of the header.
  const sub = labelsOf(below, rowIndex + 1);
  let subRows = 0;
  let labels = labelsOf(header, rowIndex);
  let headings: readonly CellValue[] | undefined = values[rowIndex - 1];
  if (sub.size > 0 && below) {
    let others = 0;
    for (let c = 0; c < below.length; c++) if (!isBlank(below[c]) && !sub.has(c)) others++;
    const allUnder = [...sub.keys()].every((c) => headingOver(header, c, (k) => sub.has(k)) !== null);
    if (others === 0 && allUnder) {
      subRows = 1;
      labels = sub;
      headings = header;
    }
  }
  for (const [c, label] of labels) {
    const h = headingOver(headings, c, (k) => labels.has(k));
    // A heading that is itself a label is no heading (a row of years above a row of years).
    const headingText = h && bareYear(h.text) === null && periodLabel(h.text, null) === null ? h.text : null;
    if (label.year !== null) {
      if (headingText !== null) row[c] = `${headingText} ${label.text}`;
      else if (subRows === 1) row[c] = label.text;
      continue;
    }
    const p = label.period!;
    const words = headingText ?? label.text;
    const year = p.year ?? (headingText !== null ? financialYearInText(headingText) : null);
    periods.push({
      col: c,
      header: headingText !== null ? `${headingText} ${label.text}` : label.text,
      firstPeriod: p.firstPeriod,
      lastPeriod: p.lastPeriod,
      year,
      actuals: ACTUALS.test(words) && !PROFILE.test(words),
    });
    // A period column names no field of its own: it is read as the profile, never as the heading's field.
    row[c] = null;
  }
  return { row, subRows, periods };
}

/** An amount cell in pence: numbers directly (the common case, no result object), the rest by readAmount. */
function amountOf(v: CellValue, unit: number): number | null {
  if (typeof v === "number" && Number.isFinite(v)) {
    const p = penceFromPounds(v * unit);
    if (Number.isSafeInteger(p)) return p;
  }
  const res = readAmount(v, unit);
  return res.kind === "value" ? res.value : null;
}

type YearField = "budget" | "spent" | "committed" | "forecast" | "slippage" | "reprofiled";
const YEAR_FIELDS = new Set<string>(["budget", "spent", "committed", "forecast", "slippage", "reprofiled"]);
/** "Carry forward to 2021/22", "Slippage into 2021/22": the year named is where the money goes. */
const INTO_YEAR = /\b(?:to|into)\s+(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}/i;

/** The year a per-year column's money belongs to: a slippage column "to 2021/22" slips out of 2020/21. */
export function yearOfColumn(m: ColumnMapping): number {
  return m.field === "slippage" && INTO_YEAR.test(m.header) ? m.year! - 1 : m.year!;
}

/**
 * An item's figures by financial year from its per-year columns (cells read, and reported, as the field
 * itself are read again quietly). Years in order.
 */
export function readYearFigures(
  row: readonly CellValue[],
  colOffset: number,
  yearCols: readonly ColumnMapping[],
): YearFigures[] {
  const byYear = new Map<number, YearFigures>();
  for (const m of yearCols) {
    if (!YEAR_FIELDS.has(m.field)) continue;
    const y = yearOfColumn(m);
    let f = byYear.get(y);
    if (!f) {
      f = { year: y, budget: null, spent: null, committed: null, forecast: null };
      byYear.set(y, f);
    }
    const v = amountOf(row[m.col - colOffset], m.unit);
    if (v === null) continue;
    const key = m.field as YearField;
    f[key] = ((f[key] ?? 0) + v) as Pence;
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** An item's spend profile from the sheet's period columns (a profile, not actuals by month). */
export function readProfile(
  row: readonly CellValue[],
  colOffset: number,
  periods: readonly PeriodColumn[],
  unit: number,
): ProfileAmount[] {
  const out: ProfileAmount[] = [];
  for (const p of periods) {
    if (p.actuals) continue;
    const amount = amountOf(row[p.col - colOffset], unit) as Pence | null;
    out.push({
      header: p.header,
      firstPeriod: p.firstPeriod,
      lastPeriod: p.lastPeriod,
      year: p.year,
      amount,
    });
  }
  return out;
}

/** A whole column and the per-year columns of its field, checked on every row. */
export interface YearCheck {
  whole: ColumnMapping;
  years: ColumnMapping[];
}

/** The wholes that have per-year columns beside them (once per sheet). */
export function yearChecks(
  wholes: readonly ColumnMapping[],
  yearCols: readonly ColumnMapping[],
): YearCheck[] {
  const out: YearCheck[] = [];
  for (const whole of wholes) {
    if (whole.year !== null) continue;
    const years = yearCols.filter((m) => m.field === whole.field && m.part == null);
    if (years.length > 0) out.push({ whole, years });
  }
  return out;
}

/**
 * A whole-programme column beside per-year columns of the same field: the whole is the item's figure, and
 * where it differs from the sum of its years by more than £1 the whole's cell is named. Returns, for each such
 * field, the grid column of the whole and the message.
 */
export function yearTotalMismatches(
  row: readonly CellValue[],
  colOffset: number,
  checks: readonly YearCheck[],
  money: (p: Pence) => string,
): { col: number; message: string }[] | null {
  let out: { col: number; message: string }[] | null = null;
  for (const { whole, years } of checks) {
    const w = amountOf(row[whole.col - colOffset], whole.unit);
    if (w === null) continue;
    let sum = 0;
    let any = false;
    for (const m of years) {
      const v = amountOf(row[m.col - colOffset], m.unit);
      if (v === null) continue;
      sum += v;
      any = true;
    }
    if (!any || Math.abs(sum - w) <= 100) continue;
    const shown: string[] = [];
    for (const m of years) {
      const v = amountOf(row[m.col - colOffset], m.unit);
      if (v !== null) shown.push(`${financialYearLabel(m.year!)} ${money(v as Pence)}`);
    }
    (out ??= []).push({
      col: whole.col - colOffset,
      message: `"${whole.header}" is ${money(w as Pence)}, but its per-year columns add up to ${money(sum as Pence)} (${shown.join(" + ")}): the whole is used for the item's total, the years for the by-year view`,
    });
  }
  return out;
}
