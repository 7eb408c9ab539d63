/**
 * The pane's two typed inputs, read with the engine's own cell readers so the pane accepts exactly what a
 * sheet would: a reporting date ("2020-12-31" from a date picker, or "31/12/2020" typed) and an allocation
 * ("1,200,000", "£1,200,000", "£1.2m", "1200k").
 */
import type { DayNumber } from "../../engine/dates";
import { dayFromYmd } from "../../engine/dates";
import type { Pence } from "../../engine/money";
import { readAmount, readDate } from "../../engine/read/cells";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Today as the calendar day the user's clock shows. */
export function todayDay(now: Date = new Date()): DayNumber {
  return dayFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function parseReportingDate(text: string): Parsed<DayNumber> {
  if (text.trim() === "") return { ok: false, message: "Enter the reporting date." };
  const read = readDate(text, "end");
  if (read.kind === "value") return { ok: true, value: read.value };
  return { ok: false, message: "Enter a real date, as dd/mm/yyyy (for example 31/12/2020)." };
}

/** A sum of money typed by a person: blank and unreadable text are refused with a plain message. */
export function parseAmount(text: string, what: string, options: { allowZero: boolean }): Parsed<Pence> {
  const read = readAmount(text);
  if (read.kind === "blank")
    return { ok: false, message: `Enter the ${what} in pounds, for example 1,200,000 or £1.2m.` };
  if (read.kind === "error") {
    return {
      ok: false,
      message: `“${text.trim()}” is not an amount. Enter pounds, for example 1,200,000 or £1.2m.`,
    };
  }
  if (read.value < 0 && options.allowZero) return { ok: false, message: `The ${what} cannot be negative.` };
  if (read.value <= 0 && !options.allowZero)
    return { ok: false, message: `The ${what} must be more than £0.` };
  return { ok: true, value: read.value };
}

export function parseAllocation(text: string): Parsed<Pence> {
  return parseAmount(text, "allocation", { allowZero: false });
}
