/**
 * Excel number formats, as Office.js (`numberFormat`) and exceljs (`numFmt`) give them: what kind of value a
 * format shows. "0%" shows a fraction as a percentage; "dd/mm/yyyy" shows a serial as a date; "£#,##0" or
 * "[$$-409]#,##0.00" shows money in a currency.
 */
import type { CurrencyCode } from "./cells";
import { currencyOf } from "./cells";

export type FormatKind = "percent" | "date" | "money" | "number" | "text" | "general";

const cache = new Map<string, FormatKind>();

export function formatKind(format: string | null | undefined): FormatKind {
  if (!format) return "general";
  const hit = cache.get(format);
  if (hit !== undefined) return hit;
  const kind = classify(format);
  if (cache.size > 1000) cache.clear();
  cache.set(format, kind);
  return kind;
}

function classify(format: string): FormatKind {
  const f = format.trim();
  if (/^general$/i.test(f)) return "general";
  if (f === "@") return "text";
  // A currency in brackets has a symbol before any locale code: "[$€-x-euro2]", "[$$-409]"; "[$-809]" is a locale.
  const currencyBracket = /\[\$[^\]-]+/.test(f);
  // Quoted text and escaped characters say nothing about the kind, except a quoted currency symbol ("£"#,##0).
  const bare = f
    .replace(/"([^"]*)"/g, (_m, t: string) => (/[£$€]/.test(t) ? "£" : ""))
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  if (/%/.test(bare)) return "percent";
  if (currencyBracket || /[£€$]/.test(bare)) return "money";
  if (/[dy]/i.test(bare) || /mmm/i.test(bare) || /[hs]/i.test(bare)) return "date";
  if (/[#0?]/.test(bare)) return "number";
  return "general";
}

/** The currency a money format shows ("£#,##0", "[$€-x-euro2] #,##0", "[$$-409]#,##0.00", "[$USD] 0"). */
export function currencyInFormat(format: string | null | undefined): CurrencyCode | null {
  if (!format) return null;
  const bracket = /\[\$([^\]-]*)/.exec(format);
  if (bracket) {
    const token = bracket[1]!.trim();
    const c = currencyOf(token) ?? currencyOf(token.replace(/[^£$€a-z]/gi, ""));
    if (c) return c;
  }
  if (format.includes("£")) return "GBP";
  if (format.includes("€")) return "EUR";
  if (/\$/.test(format.replace(/\[\$[^\]]*\]/g, ""))) return "USD";
  return null;
}
