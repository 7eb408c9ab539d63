/**
 * What a column holds, from a sample of its cells below the header: dates, money, plain numbers, percentages,
 * ratings, short or long text. Used to choose among columns whose headers could name the same field ("Baseline
 * date" is never the budget; a column of money is never an owner).
 */
import type { CellValue, SheetGrid } from "../grid";
import { isBlank, isExcelError } from "../grid";
import { amountCurrency, MAX_SERIAL, MIN_SERIAL, readDate, readRating, repairText } from "./cells";
import type { CurrencyCode } from "./cells";
import { currencyInFormat, formatKind } from "./formats";

export interface ColumnProfile {
  /** Cells looked at that are not blank. */
  filled: number;
  dates: number;
  /** Amounts shown as money: a currency symbol in the text or the number format. */
  money: number;
  /** Plain numbers (neither date- nor percent-formatted). */
  numbers: number;
  /** Of those, numbers that could be Excel date serials (1910 to 9999): a date column without formats. */
  serials: number;
  percents: number;
  ratings: number;
  /** Text that is neither a figure, a date nor a rating. */
  words: number;
  /** Of those, text of more than three words (commentary, not a label or a code). */
  longText: number;
  /** The currency the cells show, where one does. */
  currency: CurrencyCode | null;
}

/** Cells looked at per column: enough to see what it holds, few enough for a sheet of 100,000 rows. */
export const PROFILE_ROWS = 200;

export function profileColumn(grid: SheetGrid, gridCol: number, fromRow: number): ColumnProfile {
  const p: ColumnProfile = {
    filled: 0,
    dates: 0,
    money: 0,
    numbers: 0,
    serials: 0,
    percents: 0,
    ratings: 0,
    words: 0,
    longText: 0,
    currency: null,
  };
  const end = Math.min(grid.values.length, fromRow + PROFILE_ROWS);
  for (let r = fromRow; r < end; r++) {
    const v: CellValue = grid.values[r]?.[gridCol];
    if (isBlank(v) || isExcelError(v)) continue;
    p.filled++;
    const fmt = grid.numberFormats?.[r]?.[gridCol] ?? null;
    if (v instanceof Date) {
      p.dates++;
      continue;
    }
    if (typeof v === "number") {
      const kind = formatKind(fmt);
      if (kind === "date" && v >= MIN_SERIAL && v <= MAX_SERIAL) p.dates++;
      else if (kind === "percent") p.percents++;
      else if (kind === "money") {
        p.money++;
        p.currency ??= currencyInFormat(fmt);
      } else {
        p.numbers++;
        if (kind === "general" && Number.isInteger(v) && v >= MIN_SERIAL && v <= MAX_SERIAL) p.serials++;
      }
      continue;
    }
    if (typeof v !== "string") {
      p.words++;
      continue;
    }
    const t = repairText(v).trim();
    // Long text (commentary, descriptions) is words: no figure, date or rating is that long.
    if (t.length > 40) {
      p.words++;
      p.longText++;
      continue;
    }
    const cur = amountCurrency(t);
    if (cur !== null) {
      p.money++;
      p.currency ??= cur;
    } else if (/^-?[\d,]+(\.\d+)?$/.test(t)) p.numbers++;
    else if (/^-?[\d,.]+\s*%$/.test(t)) p.percents++;
    else if (/\d/.test(t) && readDate(t).kind === "value") p.dates++;
    else if (t.length <= 24 && readRating(t).kind === "value") p.ratings++;
    else {
      p.words++;
      if (t.split(/\s+/).length > 3) p.longText++;
    }
  }
  return p;
}

/** Why a column cannot hold a field of this kind, judged by what it holds; null when it can. */
export function contentMismatch(kind: string, field: string, p: ColumnProfile): string | null {
  if (p.filled < 3) return null;
  const most = (n: number) => n * 2 > p.filled;
  switch (kind) {
    case "amount":
    case "variance":
      if (most(p.dates)) return "holds dates, not amounts";
      if (kind === "amount" && most(p.percents)) return "holds percentages, not amounts";
      if (most(p.ratings)) return "holds ratings, not amounts";
      return null;
    case "date":
      if (most(p.money)) return "holds amounts, not dates";
      if (most(p.numbers - p.serials) && p.dates === 0) return "holds numbers, not dates";
      if (most(p.ratings)) return "holds ratings, not dates";
      return null;
    case "percent":
      if (most(p.dates)) return "holds dates, not percentages";
      if (most(p.money)) return "holds amounts, not percentages";
      return null;
    case "rating":
      if (p.ratings === 0 && most(p.dates + p.numbers + p.money)) return "holds figures, not ratings";
      if (p.ratings === 0 && most(p.longText)) return "holds text, not ratings";
      return null;
    case "score":
      if (most(p.dates)) return "holds dates, not scores";
      if (most(p.money)) return "holds amounts, not scores";
      return null;
    case "text":
      if (field === "owner" || field === "theme" || field === "name" || field === "status") {
        if (most(p.money + p.dates + p.percents)) return "holds figures or dates, not words";
        if (field !== "name" && most(p.numbers)) return "holds numbers, not words";
      }
      return null;
  }
  return null;
}

/** True when a column's cells are mostly figures (money, numbers or percentages). */
export function looksLikeFigures(p: ColumnProfile): boolean {
  return p.filled >= 1 && (p.money + p.numbers + p.percents) * 2 > p.filled;
}
