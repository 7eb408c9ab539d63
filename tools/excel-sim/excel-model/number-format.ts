import type { CellScalar } from "./cells";
import { isErrorValue } from "./cells";
import { ymdFromSerial } from "./coerce";

/**
 * `Range.text`: a value shown through its number format ("Number format codes",
 * https://support.microsoft.com/office/5026bbd6-04bc-48cd-bf33-80f18b4eae68). Covers the codes a workbook like
 * ours uses: General, 0 / 0.00 / #,##0.00, percentages, currency and literal text, scientific, sections
 * (positive;negative;zero;text), colours and conditions (ignored), dates and times. Office.js `text` does not
 * depend on the column width ("The text value will not depend on the cell width").
 */

const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAY_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAY_LONG = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && i + 1 < format.length) {
      cur += ch + format[++i];
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Removes [Red], [>100], and turns [$£-809] into £. */
function stripBrackets(section: string): string {
  return section.replace(
    /\[\$([^\]-]*)(-[0-9A-Fa-f]+)?\]|\[[^\]]*\]/g,
    (_m, cur: string | undefined) => cur ?? "",
  );
}

function isDateFormat(section: string): boolean {
  const bare = section.replace(/"[^"]*"|\\./g, "");
  return /[dyhs]|m/i.test(bare.replace(/[#0?.,%E+\-@_* ]/gi, "")) && /[dmyhs]/i.test(bare);
}

export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mant, exp] = n.toExponential(5).split("e");
    const m = mant!.replace(/\.?0+$/, "");
    const e = Number(exp);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(n.toPrecision(10)));
}

function formatDate(serial: number, section: string): string {
  const { year, month, day } = ymdFromSerial(serial);
  const dayOfWeek = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const secs = Math.round((serial - Math.floor(serial)) * 86400);
  const hh = Math.floor(secs / 3600) % 24;
  const mi = Math.floor(secs / 60) % 60;
  const ss = secs % 60;
  const ampm = /AM\/PM/i.test(section);
  const tokens = section.match(/"[^"]*"|\\.|AM\/PM|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|./gi) ?? [];
  let out = "";
  let lastWasHour = false;
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i]!;
    const lower = tk.toLowerCase();
    if (tk.startsWith('"')) out += tk.slice(1, -1);
    else if (tk.startsWith("\\")) out += tk.slice(1);
    else if (lower === "am/pm") out += hh < 12 ? "AM" : "PM";
    else if (lower === "yyyy") out += String(year);
    else if (lower === "yy") out += String(year % 100).padStart(2, "0");
    else if (lower === "mmmm") out += MONTH_LONG[month - 1];
    else if (lower === "mmm") out += MONTH_SHORT[month - 1];
    else if (lower === "mm" || lower === "m") {
      const nextIsSecond = tokens
        .slice(i + 1)
        .find((t) => /^[a-z]/i.test(t))
        ?.toLowerCase()
        .startsWith("s");
      const minute = lastWasHour || nextIsSecond;
      const v = minute ? mi : month;
      out += lower === "mm" ? String(v).padStart(2, "0") : String(v);
    } else if (lower === "dddd") out += DAY_LONG[dayOfWeek];
    else if (lower === "ddd") out += DAY_SHORT[dayOfWeek];
    else if (lower === "dd") out += String(day).padStart(2, "0");
    else if (lower === "d") out += String(day);
    else if (lower === "hh" || lower === "h") {
      const h = ampm ? hh % 12 || 12 : hh;
      out += lower === "hh" ? String(h).padStart(2, "0") : String(h);
    } else if (lower === "ss") out += String(ss).padStart(2, "0");
    else if (lower === "s") out += String(ss);
    else out += tk;
    if (/^[a-z]/i.test(tk)) lastWasHour = lower === "h" || lower === "hh";
  }
  return out;
}

function formatNumber(n: number, section: string): string {
  // literal pieces around the numeric pattern
  const tokens = section.match(/"[^"]*"|\\.|_.|\*.|[#0?.,]+(?:E[+-][0#]+)?|%|./gi) ?? [];
  let value = n;
  const percents = tokens.filter((t) => t === "%").length;
  value *= 100 ** percents;
  let out = "";
  let placed = false;
  for (const tk of tokens) {
    if (tk.startsWith('"')) out += tk.slice(1, -1);
    else if (tk.startsWith("\\")) out += tk.slice(1);
    else if (tk.startsWith("_")) out += " ";
    else if (tk.startsWith("*")) continue;
    else if (/^[#0?.,]+/.test(tk) && /[#0?]/.test(tk)) {
      if (placed) continue;
      placed = true;
      out += numberPattern(value, tk);
    } else out += tk;
  }
  return out;
}

function numberPattern(value: number, pattern: string): string {
  const sci = /E([+-])([0#]+)$/i.exec(pattern);
  if (sci) {
    const mantPattern = pattern.slice(0, sci.index);
    const decimals = (mantPattern.split(".")[1] ?? "").replace(/[^0#?]/g, "").length;
    const [m, e] = value.toExponential(decimals).split("e");
    const exp = Number(e);
    const sign = exp < 0 ? "-" : sci[1] === "+" ? "+" : "";
    return `${m}E${sign}${String(Math.abs(exp)).padStart(sci[2]!.length, "0")}`;
  }
  let p = pattern;
  let scale = 1;
  while (/,$/.test(p)) {
    scale *= 1000;
    p = p.slice(0, -1);
  }
  const v = Math.abs(value) / scale;
  const [intPat = "", decPat = ""] = p.split(".");
  const decimals = decPat.replace(/[^0#?]/g, "").length;
  const minDecimals = decPat.replace(/[^0]/g, "").length;
  let fixed = v.toFixed(decimals);
  let [ip = "0", dp = ""] = fixed.split(".");
  while (dp.length > minDecimals && dp.endsWith("0")) dp = dp.slice(0, -1);
  const minInt = intPat.replace(/[^0]/g, "").length;
  if (ip === "0" && minInt === 0) ip = "";
  ip = ip.padStart(minInt, "0");
  if (intPat.includes(",")) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  fixed = dp.length ? `${ip}.${dp}` : decPat.length && p.includes(".") && decimals === 0 ? `${ip}.` : ip;
  return fixed;
}

/** The text Excel shows for a value in a number format. */
export function formatValue(value: CellScalar, format: string): string {
  if (isErrorValue(value)) return value.error;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const sections = splitSections(format || "General");
  if (typeof value === "string") {
    const textSection = sections[3] ?? sections.find((s) => s.includes("@"));
    if (!textSection) return value;
    return stripBrackets(textSection)
      .replace(/"([^"]*)"/g, "$1")
      .replace(/\\(.)/g, "$1")
      .replace("@", value);
  }
  if (value === null || value === undefined) return "";
  let section = sections[0]!;
  let n = value;
  if (n < 0 && sections.length >= 2 && sections[1] !== "") {
    section = sections[1]!;
    n = -n;
  } else if (n === 0 && sections.length >= 3 && sections[2] !== "") {
    section = sections[2]!;
  }
  section = stripBrackets(section);
  if (/^general$/i.test(section.trim()) || section.trim() === "") return formatGeneral(n);
  if (section.trim() === "@") return formatGeneral(n);
  const body = isDateFormat(section) ? formatDate(n, section) : formatNumber(Math.abs(n), section);
  const negativeSign = n < 0 && !(sections.length >= 2 && sections[1] !== "" && value < 0) ? "-" : "";
  return negativeSign + body;
}

/** Whether a format shows dates (used to tell a date serial from a number, as the engine does). */
export function isDateNumberFormat(format: string): boolean {
  const first = stripBrackets(splitSections(format)[0] ?? "");
  return !/^general$/i.test(first.trim()) && isDateFormat(first);
}
