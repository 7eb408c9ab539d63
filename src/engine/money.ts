/**
 * Money is held as whole pence in a branded number, so a £ figure cannot be passed where a percentage or a
 * day is meant, and sums never drift: integer addition is exact up to 2^53 pence (about £90 trillion).
 */
export type Pence = number & { readonly __brand: "Pence" };

/** Whole pence from pounds, rounding half away from zero (1.005 is taken as the float it is, not 1.01). */
export function penceFromPounds(pounds: number): Pence {
  const p = pounds * 100;
  // Snap values a float hair away from a whole penny (0.1 + 0.2 style noise) before rounding half-up.
  const snapped = Math.abs(p - Math.round(p)) < 1e-6 ? Math.round(p) : p;
  return (snapped < 0 ? -Math.round(-snapped) : Math.round(snapped)) as Pence;
}

export function pence(n: number): Pence {
  if (!Number.isSafeInteger(n)) throw new RangeError(`pence must be a whole number, got ${n}`);
  return n as Pence;
}

export function subPence(a: Pence, b: Pence): Pence {
  return (a - b) as Pence;
}

export function absPence(a: Pence): Pence {
  return Math.abs(a) as Pence;
}

/** A share of an amount, rounded to the nearest penny (e.g. 5% of a budget). */
export function percentOf(amount: Pence, percent: number): Pence {
  return penceFromPounds((amount * percent) / 100 / 100);
}

/**
 * Whether an amount reaches a percentage of a whole (a variance of 5% of the budget or more), compared without
 * dividing: amount × 100 ≥ whole × percent.
 */
export function reachesPercentOf(amount: Pence, whole: Pence, percent: number): boolean {
  return amount * 100 >= whole * percent;
}

/** Pounds as a number with at most two decimals, for JSON output. */
export function toPounds(p: Pence): number {
  return p / 100;
}

/** "1,234,567": thousands separators by hand (Intl.NumberFormat is ten times slower and this runs per item). */
export function groupThousands(whole: number): string {
  const digits = String(whole);
  if (digits.length <= 3) return digits;
  let out = "";
  const head = digits.length % 3 || 3;
  out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += "," + digits.slice(i, i + 3);
  return out;
}

/**
 * "£1,234", "£1,234.56", "-£1,234". Whole pounds are shown without pence; anything else with two decimals.
 */
export function formatPounds(p: Pence, options: { alwaysPence?: boolean; symbol?: string } = {}): string {
  const negative = p < 0;
  const abs = Math.abs(p);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100;
  let text = (options.symbol ?? "£") + groupThousands(whole);
  if (fraction !== 0 || options.alwaysPence) text += "." + String(fraction).padStart(2, "0");
  return negative ? "-" + text : text;
}

/** An amount in a currency given by its symbol: "$1,234", "€1,234.50" (the same rules as formatPounds). */
export function formatMoney(p: Pence, symbol = "£"): string {
  return formatPounds(p, { symbol });
}
