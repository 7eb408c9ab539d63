/**
 * What the meeting must know about the figures: warnings about the reporting date and stale figures, in words,
 * shown on the paper, in the CLI summary and in the pane. The report's data notes and its reconciliation with the
 * sheet's own grand total are in data-notes.ts (the report's alone: the add-in's report chunk).
 */
import { formatDayUk } from "../dates";
import type { Pence } from "../money";
import { formatMoney } from "../money";
import type { CurrencyCode } from "../read/cells";
import { CURRENCY_SYMBOL } from "../read/cells";
import type { ProgrammeAnalysis } from "../model";
import type { Trend } from "./trend";

/** Warnings that question the reporting date or the figures themselves. */
export function reportWarnings(a: ProgrammeAnalysis, trend: Trend | null): string[] {
  const out: string[] = [];
  if (a.reportingDate < a.periodStart || a.reportingDate > a.periodEnd) {
    out.push(
      `The reporting date ${formatDayUk(a.reportingDate)} is ${a.reportingDate < a.periodStart ? "before" : "after"} the programme period (${formatDayUk(a.periodStart)} to ${formatDayUk(a.periodEnd)}): check the reporting date and the programme's dates.`,
    );
  }
  if (a.totals.budget > a.allocation) {
    // Over-allocated: the items' budgets come to more than the programme has (unallocated is negative).
    const money = (p: number) => formatMoney(p as Pence, CURRENCY_SYMBOL[a.currency as CurrencyCode] ?? "£");
    out.push(
      `The items' budgets total ${money(a.totals.budget)}, ${money(a.totals.budget - a.allocation)} more than the allocation of ${money(a.allocation)}: the programme is over-allocated.`,
    );
  }
  if (trend?.figuresUnchanged) {
    out.push(
      `Every item's spend and forecast are the same as at ${trend.label} (${formatDayUk(trend.reportingDate)}): the figures may not have been updated since the last report.`,
    );
  }
  return out;
}
