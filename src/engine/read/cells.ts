/**
 * Reading single cells: amounts, percentages, dates, scores and ratings, in the forms real workbooks and their
 * exports carry. Every reader returns a value, "blank", or a message saying why the cell cannot be read; none
 * throws.
 */
import type { CellValue } from "../grid";
import { isExcelError } from "../grid";
import type { DateSystem, DayNumber } from "../dates";
import {
  dayFromExcelSerial,
  dayFromJsDate,
  dayFromYmd,
  daysInMonth,
  isValidYmd,
  quarterBounds,
  formatDayUk,
} from "../dates";
import type { Pence } from "../money";
import { penceFromPounds } from "../money";
import { fractionFromPercent, percentFromFraction } from "../percent";
import type { Fraction } from "../model";
import type { OverrideRag, Rag } from "../rag";

export type Read<T> = { kind: "value"; value: T } | { kind: "blank" } | { kind: "error"; message: string };

const BLANK: { kind: "blank" } = { kind: "blank" };
const value = <T>(v: T): Read<T> => ({ kind: "value", value: v });
const error = <T>(message: string): Read<T> => ({ kind: "error", message });

/** A cell's text for a message: quoted, one line, at most 60 characters. */
export function quoteCell(v: CellValue): string {
  if (v instanceof Date)
    return Number.isFinite(v.getTime()) ? v.toISOString().slice(0, 10) : "an invalid date";
  if (typeof v === "string" && isExcelError(v)) return v.trim();
  let s = String(v).replace(/\s+/g, " ").trim();
  if (s.length > 60) s = s.slice(0, 57).trimEnd() + "…";
  return `"${s}"`;
}

/** Text with the damage that exports carry repaired: mis-decoded pound signs, non-breaking spaces, C1 controls. */
export function repairText(s: string): string {
  if (!/[ÂŁ\u00a0\u0080-\u009f\u2212\u2013\u2014]/.test(s)) return s;
  return (
    s
      .replace(/Â£/g, "£")
      // Ł is a £ that went through code page 1250 only where a pound sign belongs: before a figure or a unit.
      .replace(
        /Ł(?=\s?[-(]?\s?\.?\d|\s?(?:[mMkKbB]|[bB][nN]|[mM][nN]|'?000(?:['’]?s)?|[mM]illions?|[tT]housands?|[bB]illions?)\b|\s?[)\]]|$)/g,
        "£",
      )
      .replace(/Â(?=[\u00a0 ])/g, "")
      .replace(/\u00a0/g, " ")
      .replace(/[\u0096\u0097\u2013\u2014]/g, "-")
      .replace(/\u2212/g, "-")
      .replace(/[\u0080-\u009f]/g, " ")
  );
}

/**
 * True when repairText(s).trim() is s itself and not "": ASCII only (nothing repairText changes) with no
 * whitespace or control character at either end. Checked without the repair's regular expressions.
 */
export function isPlainAscii(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return false;
  // One regular expression, not a loop of charCodeAt: about twice as fast on the 700,000 texts of 100,000 rows.
  return !NOT_ASCII.test(s);
}
/** A UTF-16 code unit past ASCII (no `u` flag: each half of a surrogate pair is one). */
const NOT_ASCII = /[\u0080-\uffff]/;

/** Plain text of a cell for text fields (names, owners, risks): trimmed; numbers and dates shown as text. */
export function readText(v: CellValue): string | null {
  if (v == null) return null;
  if (typeof v === "string") {
    if (isPlainAscii(v)) return v;
    const t = repairText(v).trim();
    return t === "" ? null : t;
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const d = dayFromJsDate(v);
    return d === null ? null : formatDayUk(d);
  }
  return null;
}

const ZERO_WORDS = new Set(["-", "nil", "none", "zero", "£-", "£ -"]);
const BLANK_WORDS = new Set(["n/a", "na", "n.a.", "not applicable"]);

/**
 * An amount in pounds, as whole pence. `unit` is the header's multiplier (1, 1,000 or 1,000,000); a cell
 * that carries its own suffix ("£150k", "£1.2m") means what it says whatever the header's unit.
 * Forms: 1234.5, "£1,234.56", "1,234", "(1,234)", "-£1,234", "£150k", "£1.2m", "Â£1,234", "Ł1,234", "-".
 */
export function readAmount(v: CellValue, unit = 1): Read<Pence> {
  if (v == null) return BLANK;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return error(`${v} is not an amount`);
    return checked(penceFromPounds(v * unit), v);
  }
  if (typeof v === "boolean") return error(`${quoteCell(v)} is not an amount`);
  if (v instanceof Date) return error(`${quoteCell(v)} is a date, not an amount`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not an amount`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  const lower = raw.toLowerCase();
  if (ZERO_WORDS.has(lower)) return value(0 as Pence);
  if (BLANK_WORDS.has(lower)) return BLANK;
  const parsed = parseAmountText(raw);
  if (parsed === null) return error(`${quoteCell(v)} is not an amount`);
  const multiplier = parsed.suffix ?? unit;
  return checked(penceFromPounds(parsed.amount * multiplier), v);
}

/** Amounts must be exact whole pence: beyond about £90 trillion a float cannot hold every penny. */
function checked(p: Pence, original: CellValue): Read<Pence> {
  return Number.isSafeInteger(p) ? value(p) : error(`${quoteCell(original)} is too large to be an amount`);
}

// Groups by number, not by name: named groups are ES2018, and the add-in must parse in ES2017 webviews (README).
// 1 neg1, 2 cur1, 3 neg2, 4 num, 5 suffix, 6 cur2, 7 neg3.
const AMOUNT_RE =
  /^([-(])?\s*(£|\$|€|us\$|a\$|c\$|nz\$|gbp|usd|eur|aud|cad|nzd)?\s*(-)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(k|m|mn|bn|million|thousand|billion)?\s*(gbp|usd|eur|aud|cad|nzd)?\s*(\)|-|cr)?$/i;

/** The currencies an amount may be written in, by ISO code, with the symbol shown for them. */
export type CurrencyCode = "GBP" | "USD" | "EUR" | "AUD" | "CAD" | "NZD";
export const CURRENCY_SYMBOL: Record<CurrencyCode, string> = {
  GBP: "£",
  USD: "$",
  EUR: "€",
  AUD: "A$",
  CAD: "C$",
  NZD: "NZ$",
};
export const CURRENCY_NAME: Record<CurrencyCode, string> = {
  GBP: "pounds sterling",
  USD: "US dollars",
  EUR: "euros",
  AUD: "Australian dollars",
  CAD: "Canadian dollars",
  NZD: "New Zealand dollars",
};

/** The currency a symbol or code names ("$", "US$", "usd", "€"); null for none. */
export function currencyOf(token: string | undefined): CurrencyCode | null {
  if (!token) return null;
  switch (token.toLowerCase()) {
    case "£":
    case "gbp":
      return "GBP";
    case "$":
    case "us$":
    case "usd":
      return "USD";
    case "€":
    case "eur":
      return "EUR";
    case "a$":
    case "aud":
      return "AUD";
    case "c$":
    case "cad":
      return "CAD";
    case "nz$":
    case "nzd":
      return "NZD";
  }
  return null;
}

/** The currency an amount written as text names ("$6,279,429", "USD 5m", "€1.2m"); null when it names none. */
export function amountCurrency(v: CellValue): CurrencyCode | null {
  if (typeof v !== "string") return null;
  const m = AMOUNT_RE.exec(repairText(v).trim().replace(/\s+/g, " "));
  return m ? currencyOf(m[2] ?? m[6]) : null;
}

function parseAmountText(raw: string): { amount: number; suffix: number | null } | null {
  const m = AMOUNT_RE.exec(raw.replace(/\s+/g, " "));
  if (!m) return null;
  const [, neg1, cur1, neg2, num, suffix, cur2, neg3] = m;
  if (cur1 !== undefined && cur2 !== undefined) return null;
  // "(1,234)" must close; "(" alone or ")" alone is not an amount.
  if ((neg1 === "(") !== (neg3 === ")")) return null;
  const negative = neg1 === "(" || neg1 === "-" || neg2 === "-" || (neg3 !== undefined && neg3 !== ")");
  const amount = Number(num!.replace(/,/g, ""));
  if (!Number.isFinite(amount)) return null;
  let mult: number | null = null;
  switch (suffix?.toLowerCase()) {
    case "k":
    case "thousand":
      mult = 1_000;
      break;
    case "m":
    case "mn":
    case "million":
      mult = 1_000_000;
      break;
    case "bn":
    case "billion":
      mult = 1_000_000_000;
      break;
  }
  return { amount: negative ? -amount : amount, suffix: mult };
}

/**
 * How a column's plain numbers are read as shares: "fraction" (0.45 is 45%, as Excel stores a % formatted
 * cell), "points" (45 is 45%), or "auto" (up to 1 a fraction, above 1 points).
 */
export type PercentScale = "fraction" | "points" | "auto";

/**
 * A share as a fraction of 1: 0.45, "45%", 45 and "45" all read as 0.45 (see PercentScale). Words that mean
 * finished ("Complete", "Done") read as 100%. Below 0% or above 100% is an error naming the figure, never
 * quietly clamped.
 */
export function readFraction(v: CellValue, scale: PercentScale = "auto"): Read<Fraction> {
  if (v == null) return BLANK;
  if (typeof v === "number") return fractionFromNumber(v, scale, v);
  if (typeof v === "boolean" || v instanceof Date) return error(`${quoteCell(v)} is not a percentage`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not a percentage`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  const lower = raw.toLowerCase();
  if (["complete", "completed", "done", "finished", "closed", "achieved"].includes(lower)) {
    return value(1 as Fraction);
  }
  if (BLANK_WORDS.has(lower)) return BLANK;
  const m = /^(-?\d+(?:\.\d+)?)\s*(%)?$/.exec(raw.replace(/,/g, ""));
  if (!m) return error(`${quoteCell(v)} is not a percentage`);
  return fractionFromNumber(Number(m[1]), m[2] === "%" ? "points" : scale === "fraction" ? "auto" : scale, v);
}

function fractionFromNumber(n: number, scale: PercentScale, original: CellValue): Read<Fraction> {
  if (!Number.isFinite(n)) return error(`${quoteCell(original)} is not a percentage`);
  const f = scale === "points" || (scale === "auto" && n > 1) ? fractionFromPercent(n) : n;
  // The words are made only for a cell out of range (this runs for every item).
  if (f < 0)
    return error(`${quoteCell(original)} is ${shownPercent(f)}: a percentage complete cannot be below 0%`);
  if (f > 1 + 1e-9)
    return error(
      `${quoteCell(original)} is ${shownPercent(f)}: a percentage complete cannot be more than 100%`,
    );
  return value(f as Fraction);
}

function shownPercent(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}

/** A percentage in points, e.g. a sheet's own variance %: "-7%", "1,230%", -0.07 (a % formatted cell). */
export function readPercentPoints(v: CellValue, cellIsFraction: boolean): Read<number> {
  if (v == null) return BLANK;
  if (typeof v === "number")
    return Number.isFinite(v) ? value(cellIsFraction ? percentFromFraction(v) : v) : BLANK;
  if (typeof v === "boolean" || v instanceof Date) return error(`${quoteCell(v)} is not a percentage`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not a percentage`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  const m = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(raw.replace(/,/g, ""));
  if (m) return value(Number(m[1]));
  const n = /^-?\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (Number.isFinite(n)) return value(cellIsFraction && Math.abs(n) <= 1 ? percentFromFraction(n) : n);
  return error(`${quoteCell(v)} is not a percentage`);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthNumber(word: string): number | null {
  const w = word.toLowerCase();
  const key = w.length >= 4 && w.startsWith("sept") ? "sept" : w.slice(0, 3);
  const n = MONTHS[key];
  if (n === undefined) return null;
  // The word must be a prefix of the month's name ("Mar", "March"), not "Marvellous".
  const full = [
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
  ][n - 1]!;
  return full.startsWith(w) ? n : null;
}

/** Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999 (programme dates run well past 2029). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** Excel serial numbers before 1910 are not dates in a programme of works (they are years, counts or typos). */
export const MIN_SERIAL = 3654;
export const MAX_SERIAL = 2958465;

/**
 * A date, as the calendar day it names. Forms: Excel serial numbers, JS Dates (exceljs), "31/03/2021" and
 * "31/03/21" (UK day-month order, never US), "2021-03-31", "30.06.08", "31-Mar-2021", "31 March 2021",
 * "March 2021" and "Q4 2021/22" (a month or quarter: its first day for a start, its last day for an end).
 */
export function readDate(
  v: CellValue,
  role: "start" | "end" = "end",
  dateSystem: DateSystem = 1900,
): Read<DayNumber> {
  if (v == null) return BLANK;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < MIN_SERIAL || v > MAX_SERIAL)
      return error(`${quoteCell(v)} is not a date`);
    return value(dayFromExcelSerial(v, dateSystem));
  }
  if (v instanceof Date) {
    const d = dayFromJsDate(v);
    return d === null ? error(`${quoteCell(v)} is not a date`) : value(d);
  }
  if (typeof v === "boolean") return error(`${quoteCell(v)} is not a date`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not a date`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  if (BLANK_WORDS.has(raw.toLowerCase())) return BLANK;
  const d = parseDateText(raw, role);
  if (d === "invalid")
    return error(`${quoteCell(v)} is not a valid date (dates are read day first: dd/mm/yyyy)`);
  if (d === null) return error(`${quoteCell(v)} is not a date`);
  return value(d);
}

function ymd(y: number, m: number, d: number): DayNumber | "invalid" {
  return isValidYmd(y, m, d) ? dayFromYmd(y, m, d) : "invalid";
}

function parseDateText(s: string, role: "start" | "end"): DayNumber | "invalid" | null {
  let m: RegExpExecArray | null;
  // ISO 2021-03-31, optionally with a time.
  if (
    (m =
      /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
        s,
      ))
  ) {
    return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  // UK numeric: 31/03/2021, 31-03-21, 30.06.08 (day first), optionally followed by a time.
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s))) {
    return ymd(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  }
  // 2021/03/31
  if ((m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s))) {
    return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  // 31 March 2021, 31-Mar-21, 1st April 2021, 31 Mar. 2021
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4}|\d{2})$/.exec(s))) {
    const month = monthNumber(m[2]!);
    if (month === null) return null;
    return ymd(fullYear(m[3]!), month, Number(m[1]));
  }
  // March 31, 2021 (written out, so not ambiguous)
  if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(s))) {
    const month = monthNumber(m[1]!);
    if (month === null) return null;
    return ymd(Number(m[3]), month, Number(m[2]));
  }
  // March 2021, Mar-21: the month's first or last day.
  if ((m = /^([A-Za-z]+)\.?[\s-]+(\d{4}|\d{2})$/.exec(s))) {
    const month = monthNumber(m[1]!);
    if (month === null) return null;
    const year = fullYear(m[2]!);
    return ymd(year, month, role === "start" ? 1 : daysInMonth(year, month));
  }
  // Q4 2021/22, Q1 21/22: a UK financial quarter.
  if ((m = /^q([1-4])\s*(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(s))) {
    const fy = fullYear(m[2]!);
    const q = Number(m[1]);
    const monthIndex = 3 + (q - 1) * 3; // April = 3
    const anyDay = dayFromYmd(fy + Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
    const b = quarterBounds(anyDay);
    return role === "start" ? b.start : b.end;
  }
  return null;
}

const LEVELS: Record<string, number> = {
  "very low": 1,
  "very unlikely": 1,
  rare: 1,
  negligible: 1,
  low: 2,
  unlikely: 2,
  minor: 2,
  medium: 3,
  moderate: 3,
  possible: 3,
  med: 3,
  high: 4,
  likely: 4,
  major: 4,
  "very high": 5,
  "very likely": 5,
  "almost certain": 5,
  critical: 5,
  severe: 5,
};

/**
 * A likelihood or impact on a 1-5 scale: a number, or words such as Low, Medium, High, Very high. When the
 * header promises numbers ("Likelihood (1-5)", "Impact score"), a word is an error, not a quiet conversion.
 */
export function readScale(v: CellValue, numbersOnly = false): Read<number> {
  if (v == null) return BLANK;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return error(`${quoteCell(v)} is not a score from 1 to 5`);
    if (v < 1 || v > 5) return error(`${quoteCell(v)} is outside the scale of 1 to 5`);
    return value(v);
  }
  if (typeof v === "boolean" || v instanceof Date) return error(`${quoteCell(v)} is not a score from 1 to 5`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not a score`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  const lower = raw.toLowerCase().replace(/\s+/g, " ");
  if (/^-?\d+(\.\d+)?$/.test(lower)) return readScale(Number(lower));
  const m = /^(\d)\s*[-–:]\s*[a-z ]+$/.exec(lower); // "4 - High"
  if (m) return readScale(Number(m[1]));
  const level = LEVELS[lower];
  if (level !== undefined && numbersOnly)
    return error(`${quoteCell(v)} is a word in a column of scores from 1 to 5 (it would be ${level})`);
  if (level !== undefined) return value(level);
  return error(`${quoteCell(v)} is not a score from 1 to 5`);
}

/** A risk given as a score (number) or as a level in words (High/Medium/Low map to Red/Amber/Green). */
export function readRiskScore(v: CellValue): Read<{ score: number } | { level: Rag }> {
  if (v == null) return BLANK;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0 || v > 25) return error(`${quoteCell(v)} is not a risk score`);
    return value({ score: v });
  }
  if (typeof v === "boolean" || v instanceof Date) return error(`${quoteCell(v)} is not a risk score`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not a risk score`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  const lower = raw.toLowerCase();
  if (/^\d+(\.\d+)?$/.test(lower)) return readRiskScore(Number(lower));
  const level = riskLevelWord(lower);
  if (level) return value({ level });
  return error(`${quoteCell(v)} is not a risk score or level`);
}

function riskLevelWord(lower: string): Rag | null {
  const w = lower.replace(/\s+/g, " ").replace(/ risk$/, "");
  if (["high", "very high", "h", "critical", "severe", "red", "r"].includes(w)) return "Red";
  if (["medium", "med", "m", "moderate", "amber", "a"].includes(w)) return "Amber";
  if (["low", "very low", "l", "minor", "green", "g"].includes(w)) return "Green";
  return null;
}

const OVERRIDES: Record<string, OverrideRag> = {
  red: "Red",
  r: "Red",
  "amber/red": "Amber/Red",
  "red/amber": "Amber/Red",
  ar: "Amber/Red",
  ra: "Amber/Red",
  "a/r": "Amber/Red",
  "r/a": "Amber/Red",
  amber: "Amber",
  a: "Amber",
  yellow: "Amber",
  "amber/green": "Amber/Green",
  "green/amber": "Amber/Green",
  ag: "Amber/Green",
  ga: "Amber/Green",
  "a/g": "Amber/Green",
  "g/a": "Amber/Green",
  green: "Green",
  g: "Green",
};

/**
 * Words that mean "no rating". null: nothing to say (n/a, none, no DCA). A message: worth telling the user,
 * because a rating is withheld or still to come.
 */
const NO_RATING: Record<string, string | null> = {
  na: null,
  "n/a": null,
  "n.a.": null,
  "n.a": null,
  "not applicable": null,
  none: null,
  nil: null,
  "-": null,
  "no dca": null,
  "no rating": null,
  "not rated": null,
  unrated: null,
  "not assessed": null,
  "no assessment": null,
  "not set": null,
  "not known": null,
  unknown: null,
  "n/k": null,
  reset: "the project is being reset and has no rating",
  exempt: "the rating is exempt from publication",
  withheld: "the rating is withheld",
  tbc: "the rating is still to be confirmed",
  tba: "the rating is still to be confirmed",
  tbd: "the rating is still to be confirmed",
  pending: "the rating is still to be confirmed",
  "not yet rated": "the rating is still to be confirmed",
  "not yet assessed": "the rating is still to be confirmed",
};

/** What a rating cell holds: a rating, blank, a word meaning "no rating" (maybe worth a note), or not a rating. */
export type RatingRead = Read<OverrideRag> | { kind: "none"; note: string | null };

export const RATING_WORDS = "Red, Amber/Red, Amber, Amber/Green or Green";

function ratingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.:;,!]+$/g, "")
    .trim()
    .replace(/\s*(?:[/\\\-–—&+|]|\bto\b|\band\b)\s*/g, "/")
    .replace(/\s+/g, "/");
}

/**
 * A rating: three-point or five-point (IPA Delivery Confidence Assessment) in every spelling people type:
 * "Amber Green", "Amber-Green", "Amber / Red", "A/G", "AG", "G", "Green-Amber", any casing, with a note in
 * brackets after it ("Amber (improving)"). "Reset", "Exempt", "TBC", "NA", "No DCA" mean no rating.
 */
export function readRating(v: CellValue): RatingRead {
  if (v == null) return BLANK;
  if (typeof v !== "string") return error(`${quoteCell(v)} is not a RAG rating (${RATING_WORDS})`);
  if (isExcelError(v)) return error(`${v.trim()} is an Excel error, not a RAG rating`);
  const raw = repairText(v).replace(/\s+/g, " ").trim();
  if (raw === "") return BLANK;
  // Every rating starts with r, a, g or y: anything else is not one (a cheap test, run on every cell).
  const first = raw.charCodeAt(0) | 32;
  if (first === 97 || first === 103 || first === 114 || first === 121) {
    const tries = [raw];
    // A note after the rating: "Amber (improving)", "Green - on track", "Red: see notes".
    const head = /^([^(:;,\n]+?)\s*(?:[(:;,]|\s-\s)/.exec(raw);
    if (head) tries.push(head[1]!);
    for (const t of tries) {
      const key = ratingKey(t);
      const found = OVERRIDES[key] ?? OVERRIDES[key.replace(/\//g, "")];
      if (found) return value(found);
    }
  }
  const lower = raw
    .toLowerCase()
    .replace(/[.:;,!]+$/g, "")
    .trim();
  if (/^[-–—/.]*$/.test(lower)) return { kind: "none", note: null };
  if (lower in NO_RATING || BLANK_WORDS.has(lower)) {
    const note = NO_RATING[lower] ?? null;
    return { kind: "none", note: note === null ? null : `${quoteCell(v)}: ${note}` };
  }
  if (/^exempt\b/.test(lower) || /freedom of information|\bfoi\b/.test(lower))
    return { kind: "none", note: `${quoteCell(v)}: the rating is exempt from publication` };
  return error(`${quoteCell(v)} is not a RAG rating (${RATING_WORDS})`);
}

/** A manual rating as a value, blank, or an error (a "no rating" word is blank). */
export function readOverride(v: CellValue): Read<OverrideRag> {
  const r = readRating(v);
  return r.kind === "none" ? BLANK : r;
}

/** A financial year: "2020/21", "2020-21", "FY20/21", "20/21", or a start year (2020). */
export function readFinancialYear(v: CellValue): Read<number> {
  if (v == null) return BLANK;
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1990 && v <= 2100) return value(v);
    return error(`${quoteCell(v)} is not a financial year`);
  }
  if (typeof v !== "string") return error(`${quoteCell(v)} is not a financial year`);
  const raw = repairText(v).trim();
  if (raw === "") return BLANK;
  const y = financialYearInText(raw);
  if (y !== null) return value(y);
  if (/^\d{4}$/.test(raw)) return readFinancialYear(Number(raw));
  return error(`${quoteCell(v)} is not a financial year`);
}

/** The financial year a piece of text names ("Budget 2020/21", "FY 20-21", "2018/2019"), as its start year. */
export function financialYearInText(text: string): number | null {
  const m = /(?:^|[^\d])(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})(?![\d/])/i.exec(text);
  if (!m) return null;
  const a = fullYear(m[1]!);
  const b = fullYear(m[2]!);
  if (b !== a + 1 || a < 1990 || a > 2100) return null;
  return a;
}
