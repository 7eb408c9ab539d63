/**
 * Percent arithmetic that is not money: fractions (0.45) and percentage points (45) of ratings, progress, print
 * scales and shares. Money crosses pounds and pence only in money.ts (toPounds, penceFromPounds, percentOf);
 * lint keeps a bare `* 100` or `/ 100` out of every other file, so each one says which it is.
 */

/** 0.45 → 45: a fraction as percentage points. */
export function percentFromFraction(fraction: number): number {
  return fraction * 100;
}

/** 45 → 0.45: percentage points as a fraction (what a `0%` number format shows as 45%). */
export function fractionFromPercent(percent: number): number {
  return percent / 100;
}

/** A number rounded to two decimals (1.2345 → 1.23), for figures shown or written to two places. */
export function roundToHundredths(n: number): number {
  return Math.round(n * 100) / 100;
}

/** 0.012345 → 1.23: a fraction as percentage points to two decimals (rounded once, from fraction × 10,000). */
export function percentToHundredthsFromFraction(fraction: number): number {
  return Math.round(fraction * 10000) / 100;
}
