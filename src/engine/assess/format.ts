import type { DayNumber } from "../dates";
import { formatDayUk } from "../dates";
import type { Pence } from "../money";
import { formatPounds } from "../money";
import { percentFromFraction } from "../percent";

export const money = (p: Pence, symbol = "£"): string => formatPounds(p, { symbol });
export const day = (d: DayNumber): string => formatDayUk(d);
/** "9.2%" */
export const pct1 = (n: number): string => `${(Math.round(n * 10) / 10).toFixed(1)}%`;
/** "45%" for a fraction 0.45 */
export const pctWhole = (f: number): string => `${Math.round(percentFromFraction(f))}%`;
