import type { CellScalar } from "./cells";
import { EXCEL_ERROR_VALUES, MAX_CELL_TEXT } from "./cells";
import { invalidArgument } from "./errors";
import { checkFormulaSyntax } from "./formulas";

/**
 * What Excel stores when a value is written through `Range.values` / `Range.formulas` (the same rules as typing
 * into the cell):
 * - "=..." is a formula; "+..." / "-..." are numbers when the rest is a number, formulas otherwise
 *   (Excel.Range.values reference: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign
 *   ("="), Excel interprets this value as a formula.").
 * - "'text" is the literal text without the apostrophe (quote prefix).
 * - Number-like text ("1,234", "45%", "0123", "£1,000", "(12)") becomes a number, date-like text
 *   ("31/03/2021", "2021-03-31", "31 Mar 2021") a date serial, "TRUE"/"FALSE" a boolean, "#N/A" an error value.
 *   Where the cell's format is General, Excel also gives the cell the format the text implied ("0%", "#,##0",
 *   "dd/mm/yyyy" ...).
 * - A cell formatted as Text ("@") keeps whatever string it is given, formulas included.
 * - "" empties the cell (its format stays); null (handled by the caller) leaves it unchanged.
 */

export type Locale = "en-GB" | "en-US";

export interface WrittenCell {
  value: CellScalar;
  formula: string | null;
  quotePrefix: boolean;
  /** The number format Excel applies because of what was typed (only where the cell's format is General). */
  impliedFormat?: string;
}

export interface CoerceOptions {
  locale: Locale;
  /** Today, for dates typed without a year ("31/3"). */
  today: () => Date;
}

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial number of a calendar day (1900 date system, days after 1900-02-28). */
export function serialFromYmd(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - EPOCH) / MS_PER_DAY;
}

export function ymdFromSerial(serial: number): { year: number; month: number; day: number } {
  const d = new Date(EPOCH + Math.floor(serial) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function twoDigitYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n; // Excel's default two-digit year window (1930-2029)
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function monthFromName(name: string): number {
  const n = name.toLowerCase();
  if (n.length < 3) return 0;
  const i = MONTHS.findIndex((m) => n.startsWith(m));
  if (i < 0) return 0;
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
  ][i]!;
  return n === MONTHS[i] || n === full || (i === 8 && n === "sept") ? i + 1 : 0;
}

/** A date or time typed as text, as Excel reads it; null when it is not one. */
export function parseDateText(text: string, opts: CoerceOptions): { serial: number; format: string } | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? { serial: serialFromYmd(y, mo, d), format: "yyyy-mm-dd" } : null;
  }
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = twoDigitYear(m[3]!);
    const [d, mo] = opts.locale === "en-GB" ? [a, b] : [b, a];
    if (!validYmd(y, mo, d)) return null;
    return { serial: serialFromYmd(y, mo, d), format: opts.locale === "en-GB" ? "dd/mm/yyyy" : "m/d/yyyy" };
  }
  m = /^(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [d, mo] = opts.locale === "en-GB" ? [a, b] : [b, a];
    const y = opts.today().getFullYear();
    if (!validYmd(y, mo, d)) return null;
    return { serial: serialFromYmd(y, mo, d), format: "dd-mmm" };
  }
  m = /^(\d{1,2})[\s-]([A-Za-z]{3,9})(?:[\s-](\d{2}|\d{4}))?$/.exec(t);
  if (m) {
    const mo = monthFromName(m[2]!);
    const y = m[3] ? twoDigitYear(m[3]) : opts.today().getFullYear();
    const d = Number(m[1]);
    if (!mo || !validYmd(y, mo, d)) return null;
    return { serial: serialFromYmd(y, mo, d), format: m[3] ? "dd-mmm-yy" : "dd-mmm" };
  }
  m = /^([A-Za-z]{3,9})[\s-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const mo = monthFromName(m[1]!);
    const y = twoDigitYear(m[2]!);
    if (!mo || !validYmd(y, mo, 1)) return null;
    return { serial: serialFromYmd(y, mo, 1), format: "mmm-yy" };
  }
  // "January 5, 2021", "Jan 5 2021": month name first, as Excel reads it whatever the locale (unverified for
  // every locale; Range.values "parses without regard to locale", @types/office-js).
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) {
    const mo = monthFromName(m[1]!);
    const y = Number(m[3]);
    const d = Number(m[2]);
    if (!mo || !validYmd(y, mo, d)) return null;
    return { serial: serialFromYmd(y, mo, d), format: "dd-mmm-yy" };
  }
  // "10:30 AM", "3:05 pm", "10 AM": a time of day with AM/PM.
  m = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([AaPp])[Mm]?$/.exec(t);
  if (m) {
    let h = Number(m[1]);
    const [mi, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0)];
    if (h < 1 || h > 12 || mi > 59 || s > 59) return null;
    if (h === 12) h = 0;
    if (m[4]!.toLowerCase() === "p") h += 12;
    return { serial: (h * 3600 + mi * 60 + s) / 86400, format: "h:mm AM/PM" };
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return null;
    return { serial: (h * 3600 + mi * 60 + s) / 86400, format: m[3] ? "h:mm:ss" : "h:mm" };
  }
  return null;
}

const CURRENCY: Record<Locale, string> = { "en-GB": "£", "en-US": "$" };

/** A number typed as text, as Excel reads it; null when it is not one. */
export function parseNumberText(
  text: string,
  opts: CoerceOptions,
): { value: number; format?: string } | null {
  let t = text.trim();
  if (t === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith("-")) {
    if (negative) return null;
    negative = true;
    t = t.slice(1);
  } else if (t.startsWith("+")) {
    t = t.slice(1);
  }
  let currency = "";
  const symbol = CURRENCY[opts.locale];
  if (t.startsWith(symbol)) {
    currency = symbol;
    t = t.slice(symbol.length).trim();
  }
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  if (currency && percent) return null;
  // A mixed or plain fraction: "1 1/2" is 1.5 ("# ?/?"). A bare "1/2" is a date (1 February), read above.
  const fraction = /^(\d+)\s+(\d+)\/(\d+)$/.exec(t);
  if (fraction && !currency && !percent) {
    const den = Number(fraction[3]);
    const num = Number(fraction[2]);
    if (den === 0 || num >= den) return null;
    const v = Number(fraction[1]) + num / den;
    return { value: negative ? -v : v, format: den < 10 ? "# ?/?" : "# ??/??" };
  }
  let grouped = false;
  let body: string;
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) {
    grouped = true;
    body = t.replace(/,/g, "");
  } else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    body = t;
  } else {
    return null;
  }
  let value = Number(body);
  if (!Number.isFinite(value)) return null;
  if (percent) value = value / 100;
  if (negative) value = -value;
  const decimals = /\.(\d+)/.exec(body)?.[1]?.length ?? 0;
  const dec = decimals > 0 ? `.${"0".repeat(Math.min(decimals, 2))}` : "";
  let format: string | undefined;
  if (percent) format = `0${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}%`;
  else if (currency) format = `${currency}#,##0${dec}`;
  else if (grouped) format = `#,##0${dec}`;
  else if (/[eE]/.test(body)) format = "0.00E+00";
  return { value, format };
}

/** The cell content Excel stores for one written value (not null: null leaves a cell as it is). */
export function coerceWrittenValue(
  input: unknown,
  currentFormat: string,
  opts: CoerceOptions,
  location: string,
): WrittenCell {
  if (typeof input === "boolean") return { value: input, formula: null, quotePrefix: false };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw invalidArgument(undefined, location);
    return { value: input, formula: null, quotePrefix: false };
  }
  if (typeof input !== "string") throw invalidArgument(undefined, location);
  if (input.length > MAX_CELL_TEXT) throw invalidArgument(undefined, location);
  if (input === "") return { value: "", formula: null, quotePrefix: false };
  if (input.startsWith("'")) return { value: input.slice(1), formula: null, quotePrefix: true };
  if (currentFormat === "@") return { value: input, formula: null, quotePrefix: false };
  const first = input[0];
  if (first === "=") {
    if (input.trim() === "=" || !checkFormulaSyntax(input)) throw invalidArgument(undefined, location);
    return { value: 0, formula: input, quotePrefix: false };
  }
  const number = parseNumberText(input, opts);
  if (number) return { value: number.value, formula: null, quotePrefix: false, impliedFormat: number.format };
  if (first === "+" || first === "-") {
    const formula = `=${input}`;
    if (!checkFormulaSyntax(formula)) throw invalidArgument(undefined, location);
    return { value: 0, formula, quotePrefix: false };
  }
  const t = input.trim();
  if (/^true$/i.test(t)) return { value: true, formula: null, quotePrefix: false };
  if (/^false$/i.test(t)) return { value: false, formula: null, quotePrefix: false };
  if (EXCEL_ERROR_VALUES.has(t.toUpperCase())) {
    return { value: { error: t.toUpperCase() }, formula: null, quotePrefix: false };
  }
  const date = parseDateText(input, opts);
  if (date) return { value: date.serial, formula: null, quotePrefix: false, impliedFormat: date.format };
  return { value: input, formula: null, quotePrefix: false };
}
