/**
 * A financial year's variance in words, the same in the highlight report, the CLI summary and the task pane:
 * money carried forward into a year from an earlier one is said as such, never as an overspend ("£54,000
 * carried forward from 2020/21", not "£54,000 over").
 */
import type { YearRow } from "./assess/years";
import type { Pence } from "./money";

/** Where a year's carried-forward money came from: the one earlier year that slipped, or "earlier years". */
export function carriedFrom(y: YearRow, rows: readonly YearRow[]): string {
  const from = rows.filter((r) => r.year < y.year && r.slippage > 0);
  return from.length === 1 ? from[0]!.label : "earlier years";
}

/** True when a year's variance is (partly) money carried forward into it, which its words say. */
export function varianceIsCarried(y: YearRow): boolean {
  return y.variance > 0 && y.carriedIn > 0;
}

/**
 * "£5,000 under", "£0", "£12,900 over"; for a year over its budget by money carried into it, "£54,000 carried
 * forward from 2020/21", or "£60,000 over, £54,000 of it carried forward from 2020/21" when it is over by more.
 */
export function yearVarianceWords(y: YearRow, rows: readonly YearRow[], money: (p: Pence) => string): string {
  const abs = Math.abs(y.variance) as Pence;
  if (varianceIsCarried(y)) {
    const from = carriedFrom(y, rows);
    return y.variance <= y.carriedIn
      ? `${money(abs)} carried forward from ${from}`
      : `${money(abs)} over, ${money(y.carriedIn)} of it carried forward from ${from}`;
  }
  return y.variance === 0 ? money(0 as Pence) : `${money(abs)} ${y.variance > 0 ? "over" : "under"}`;
}
