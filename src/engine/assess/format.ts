import type { DayNumber } from "../dates";
import { formatDayUk } from "../dates";
import type { Pence } from "../money";
import { formatPounds } from "../money";
import { percentFromFraction } from "../percent";

export const money = (p: Pence, symbol = "£"): string => formatPounds(p, { symbol });
export const day = (d: DayNumber): string => formatDayUk(d);
/** "9.2%" */
export const pct1 = (n: number): string => {
  const tenths = Math.round(n * 10);
  // toFixed(1) of tenths / 10 is the digits of tenths with a point before the last: built directly (toFixed
  // is slow and this runs per item); "-0.0" is never written, as toFixed never writes it.
  if (!Number.isSafeInteger(tenths) || Math.abs(tenths) >= 1e15)
    return `${(Math.round(n * 10) / 10).toFixed(1)}%`;
  const abs = Math.abs(tenths);
  return `${tenths < 0 ? "-" : ""}${Math.floor(abs / 10)}.${abs % 10}%`;
};
/** "45%" for a fraction 0.45 */
export const pctWhole = (f: number): string => `${Math.round(percentFromFraction(f))}%`;
