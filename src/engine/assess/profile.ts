/**
 * Profiled spend to date (issue 13): where the sheet gives a spend profile by month or quarter, the money
 * profiled up to the reporting date's financial period, to compare with the spend to date.
 */
import type { DayNumber } from "../dates";
import { financialPeriod, financialYearStart } from "../dates";
import type { Pence } from "../money";
import type { ProfileAmount } from "../model";

export interface ProfileToDate {
  /** The money profiled from the profile's first period to the reporting date's period, inclusive. */
  profiled: Pence;
  /** The reporting date's financial period (1 = April … 12 = March). */
  period: number;
  /** Whether a quarter still running was counted pro rata by its months. */
  proRata: boolean;
}

/**
 * The profile to date: every period of an earlier financial year, and of the reporting date's year every
 * period up to and including its own (a month's column whole; a quarter still running by the months of it
 * passed, to the penny). A column naming no year ("P9") is of the reporting date's year. Null when the item has
 * no profile or none of its cells holds an amount.
 */
export function profileToDate(
  profile: readonly ProfileAmount[] | undefined,
  reporting: DayNumber,
): ProfileToDate | null {
  if (!profile || profile.length === 0) return null;
  const year = financialYearStart(reporting);
  const period = financialPeriod(reporting);
  let total = 0;
  let any = false;
  let proRata = false;
  for (const p of profile) {
    if (p.amount === null) continue;
    any = true;
    const y = p.year ?? year;
    if (y > year || (y === year && p.firstPeriod > period)) continue;
    if (y < year || p.lastPeriod <= period) {
      total += p.amount;
      continue;
    }
    // A quarter the reporting date falls in: the months of it passed.
    const months = p.lastPeriod - p.firstPeriod + 1;
    total += Math.round((p.amount * (period - p.firstPeriod + 1)) / months);
    proRata = true;
  }
  return any ? { profiled: total as Pence, period, proRata } : null;
}
