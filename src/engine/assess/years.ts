/**
 * Money by financial year (issue 13): for each year the sheets give figures for, budget, spent, committed,
 * forecast, variance, slippage out of the year and carried into it, and the year's allocation; which year is
 * in-year; and what the sheets say that a reader should question (spend in a year not yet started, an
 * allocation split that does not add up to the allocation).
 *
 * Only what the sheets say: an item's money is split by its per-year columns, or put in the year its financial
 * year column names. An item with neither is counted apart ("no year"), never put in the year of a date. Where an
 * item has per-year columns for some fields only, the rest of its money is placed so the years add up to the
 * item's totals, and the note says how:
 * - a whole spend to date (no per-year spend) is spent in the closed years at their forecast outturn and the
 *   rest in the current year (a year not started has no spend);
 * - whole commitments are the current year's (open orders);
 * - with no per-year forecast, each year's forecast is its budget, and the item's variance is the current
 *   year's (or its last year's, when the current year is not among them).
 * Slippage out of a year is, in this order: the sheet's slippage or carry-forward column for the year (a column
 * with no year is the current year's); the year's budget less its re-profiled budget, where the sheet gives one
 * and a later year's re-profiled budget rises; otherwise the year's forecast underspend that the item's later
 * years' forecast overspend takes up (the money the sheet moves into a later year). It is carried into the next
 * year the item has figures for.
 */
import type { DayNumber } from "../dates";
import { financialYearLabel, financialYearStart } from "../dates";
import type { Pence } from "../money";
import { formatMoney } from "../money";
import { cellAddress } from "../grid";
import type { AssessedItem, Issue, SheetReport } from "../model";
import type { RagStatus } from "../rag";
import type { BudgetBasis, BudgetRules } from "./budget";
import { assessBudget } from "./budget";
import { budgetNotRead } from "./programme";
import type { YearAllocation } from "../rules";

export type YearStatus = "closed" | "in year" | "not started";

export interface YearRow {
  year: number;
  /** "2020/21" */
  label: string;
  status: YearStatus;
  /** Items with money in the year. */
  items: number;
  budget: Pence;
  spent: Pence;
  committed: Pence;
  forecast: Pence;
  /** forecast − budget */
  variance: Pence;
  /** Money moved out of this year into a later one. */
  slippage: Pence;
  /** Money moved into this year from an earlier one. */
  carriedIn: Pence;
  /** The year's part of the allocation (settings allocationByYear); null when the allocation is not split. */
  allocation: Pence | null;
}

export interface YearView {
  rows: YearRow[];
  /** The reporting date's financial year (start year). */
  currentYear: number;
  /** Items with no per-year figures and no financial year column: their money is in no year. */
  noYear: { items: number; budget: Pence; spent: Pence; committed: Pence; forecast: Pence };
  /** How the sheets' figures were split, in words, for the report's note. */
  basis: string[];
  /** What the budget rating was applied to (rules.budget.basis). */
  budgetBasis: BudgetBasis;
  /** The programme's in-year budget rating, when the basis is in-year and the current year has figures. */
  inYear: { rag: RagStatus; reason: string } | null;
  /** Things to question, named by sheet and cell. */
  issues: Issue[];
  /** Items whose budget cell could not be read: their money is in no year (nor in any other total). */
  budgetsNotRead: number;
  /**
   * Where the year rows place an item's spend and commitments that its sheet gives as a whole (no per-year
   * column), by year: --json's item years show them instead of null.
   */
  placed?: Map<AssessedItem, { year: number; spent: Pence | null; committed: Pence | null }[]>;
}

interface Acc {
  /** Items with money in the year, counted once each: `last` is the item counted last (items come one by one). */
  items: number;
  last: AssessedItem | null;
  budget: number;
  spent: number;
  committed: number;
  forecast: number;
  slippage: number;
  carriedIn: number;
}

const acc = (): Acc => ({
  items: 0,
  last: null,
  budget: 0,
  spent: 0,
  committed: 0,
  forecast: 0,
  slippage: 0,
  carriedIn: 0,
});

/** Counts the item in the year, once however many of its figures go there. */
function count(a: Acc, i: AssessedItem): void {
  if (a.last !== i) {
    a.last = i;
    a.items++;
  }
}

/** The column of a field's figure for a year on each sheet, for naming a cell; null on a transposed sheet. */
function yearColumns(
  sheets: readonly SheetReport[],
): (sheet: string, field: string, year: number) => number | null {
  let byName: Map<string, SheetReport> | null = null;
  return (sheet, field, year) => {
    if (!byName) {
      byName = new Map();
      // The first sheet of a name, as a find over them gives.
      for (const x of sheets) if (!byName.has(x.name)) byName.set(x.name, x);
    }
    const s = byName.get(sheet);
    const m = s?.columns.find((c) => c.field === field && c.year === year);
    return m && !s!.transposed ? m.col : null;
  };
}

/** The first `n` of `xs` added up, in order (as a reduce over them). */
function sumOf(xs: readonly number[], n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += xs[k]!;
  return s;
}

export function yearView(
  items: readonly AssessedItem[],
  options: {
    reporting: DayNumber;
    allocation: Pence;
    allocationByYear?: readonly YearAllocation[] | null;
    budgetRules: BudgetRules;
    sheets: readonly SheetReport[];
    symbol: string;
  },
): YearView {
  const current = financialYearStart(options.reporting);
  const years = new Map<number, Acc>();
  const at = (y: number): Acc => {
    let a = years.get(y);
    if (!a) years.set(y, (a = acc()));
    return a;
  };
  const issues: Issue[] = [];
  const money = (p: number) => formatMoney(p as Pence, options.symbol);
  const noYear = { items: 0, budget: 0, spent: 0, committed: 0, forecast: 0 };
  const basis = new Set<string>();
  let byColumn = false;
  let byYearColumns = false;
  const placed = new Map<AssessedItem, { year: number; spent: Pence | null; committed: Pence | null }[]>();
  const yearColumn = yearColumns(options.sheets);
  let placedSpend = false;
  let placedForecast = false;
  let notRead = 0;
  // Scratch for an item's years, reused from item to item (read only below the item's number of years).
  const budgets: number[] = [];
  const forecasts: number[] = [];
  const spent: number[] = [];
  const committed: number[] = [];
  const slip: number[] = [];
  const over: number[] = [];
  for (let n = 0; n < items.length; n++) {
    const i = items[n]!;
    if (i.unreadable !== undefined && budgetNotRead(i)) {
      notRead++;
      continue;
    }
    const forecastTotal = i.assessedForecast ?? i.budget ?? 0;
    const ys = i.years;
    const nYears = ys.length;
    if (nYears === 0) {
      if (i.financialYear !== null) {
        if (!byColumn) {
          byColumn = true;
          basis.add("the sheet's financial year column");
        }
        const a = at(i.financialYear);
        count(a, i);
        a.budget += i.budget ?? 0;
        a.spent += i.spent ?? 0;
        a.committed += i.committed ?? 0;
        a.forecast += forecastTotal;
      } else {
        noYear.items++;
        noYear.budget += i.budget ?? 0;
        noYear.spent += i.spent ?? 0;
        noYear.committed += i.committed ?? 0;
        noYear.forecast += forecastTotal;
      }
      continue;
    }
    if (!byYearColumns) {
      byYearColumns = true;
      basis.add("the sheet's per-year columns");
    }
    let hasYearSpend = false;
    let hasYearCommitted = false;
    let hasYearForecast = false;
    for (let k = 0; k < nYears; k++) {
      const y = ys[k]!;
      if (y.spent !== null) hasYearSpend = true;
      if (y.committed !== null) hasYearCommitted = true;
      if (y.forecast !== null) hasYearForecast = true;
    }
    // The year that takes what the columns leave: the current year, or the item's last year before it.
    let home = -1;
    let before = -1;
    for (let k = 0; k < nYears; k++) {
      const y = ys[k]!;
      const b = y.reprofiled ?? y.budget ?? 0;
      budgets[k] = b;
      forecasts[k] = y.forecast ?? (hasYearForecast ? 0 : b);
      spent[k] = y.spent ?? 0;
      committed[k] = y.committed ?? 0;
      slip[k] = 0;
      if (home < 0 && y.year === current) home = k;
      if (y.year <= current) before = k;
    }
    const hasCurrent = home >= 0;
    if (!hasCurrent) home = before < 0 ? 0 : before;
    if (!hasYearForecast) {
      const rest = forecastTotal - sumOf(forecasts, nYears);
      if (rest !== 0) {
        forecasts[home]! += rest;
        placedForecast = true;
      }
    }
    const wholeSpend = !hasYearSpend && i.spent !== null;
    const wholeCommitted = !hasYearCommitted && i.committed !== null;
    if (wholeSpend) {
      let left: number = i.spent!;
      for (let k = 0; k < nYears && left > 0; k++) {
        if (ys[k]!.year >= current) break;
        const take = Math.min(left, Math.max(0, forecasts[k]!));
        spent[k] = take;
        left -= take;
      }
      // What is left is the current year's (the home year), never a year not started: an item whose years
      // have all still to start has its spend to date counted in the current year's row.
      if (ys[home]!.year > current) {
        const now = at(current);
        count(now, i);
        now.spent += left;
      } else spent[home]! += left;
      placedSpend = true;
    }
    if (wholeCommitted) committed[home]! += i.committed!;
    if (wholeSpend || wholeCommitted) {
      const where: { year: number; spent: Pence | null; committed: Pence | null }[] = [];
      for (let k = 0; k < nYears; k++)
        where.push({
          year: ys[k]!.year,
          spent: wholeSpend ? (spent[k]! as Pence) : null,
          committed: wholeCommitted ? (committed[k]! as Pence) : null,
        });
      placed.set(i, where);
    }
    // R3-7: a year's forecast below the spend and commitments already in that year is raised to them, with a
    // warning naming the cell: the year's variance is never better than the money already spent shows.
    for (let k = 0; k < nYears; k++) {
      const y = ys[k]!;
      const floor = (y.spent ?? 0) + (y.committed ?? 0);
      if (y.forecast === null || (y.spent === null && y.committed === null) || forecasts[k]! >= floor)
        continue;
      const col = yearColumn(i.sheet, "forecast", y.year);
      issues.push({
        sheet: i.sheet,
        cell: col === null ? "" : cellAddress(i.row - 1, col),
        severity: "warning",
        message: `the ${financialYearLabel(y.year)} forecast ${money(forecasts[k]!)} is below the spend plus commitments already in that year, ${money(floor)}, which is used instead (raised by ${money(floor - forecasts[k]!)})`,
      });
      forecasts[k] = floor;
    }
    // R3-16: the item's forecast raised to its spend plus commitments (assessBudget) is raised in its years too,
    // in the home year, so the By financial year table and the headline totals agree.
    if (
      hasYearForecast &&
      i.forecast !== null &&
      i.assessedForecast !== null &&
      i.assessedForecast > i.forecast
    ) {
      const rest = Math.min(i.assessedForecast - i.forecast, forecastTotal - sumOf(forecasts, nYears));
      if (rest > 0) {
        forecasts[home]! += rest;
        issues.push({
          sheet: i.sheet,
          cell: "",
          severity: "warning",
          message: `${i.ref ?? i.name ?? `row ${i.row}`}: the forecast is raised to spend plus commitments, ${money(i.assessedForecast)}, by ${money(rest)} in ${financialYearLabel(ys[home]!.year)}, so the years add up to the item`,
        });
      }
    }
    // Slippage out of each year, carried into the next year the item has figures for.
    let slipped = false;
    for (let k = 0; k < nYears; k++) {
      const y = ys[k]!;
      const explicit = y.slippage ?? (y.year === current ? (i.slippage ?? null) : null);
      if (explicit !== null) slip[k] = Math.max(0, explicit);
      else if (y.reprofiled != null && y.budget !== null && y.reprofiled < y.budget) {
        let later = false;
        for (let z = k + 1; z < nYears && !later; z++) {
          const w = ys[z]!;
          later = w.reprofiled != null && w.budget !== null && w.reprofiled > w.budget;
        }
        if (later) slip[k] = y.budget - y.reprofiled;
      }
      if (slip[k] !== 0) slipped = true;
    }
    if (i.slippage != null && !hasCurrent) {
      // A slippage column with no year, on an item with no figures for the current year: its first year's.
      slip[0] = Math.max(slip[0]!, i.slippage);
      if (slip[0] !== 0) slipped = true;
    }
    if (!slipped && hasYearForecast) {
      // Underspend in a year that a later year's overspend takes up: the sheet has moved the money on.
      for (let k = 0; k < nYears; k++) over[k] = Math.max(0, forecasts[k]! - budgets[k]!);
      for (let k = 0; k < nYears; k++) {
        let under = budgets[k]! - forecasts[k]!;
        for (let z = k + 1; z < nYears && under > 0; z++) {
          const take = Math.min(under, over[z]!);
          over[z]! -= take;
          under -= take;
          slip[k]! += take;
        }
      }
    }
    for (let k = 0; k < nYears; k++) {
      const y = ys[k]!;
      const a = at(y.year);
      count(a, i);
      a.budget += budgets[k]!;
      a.spent += spent[k]!;
      a.committed += committed[k]!;
      a.forecast += forecasts[k]!;
      a.slippage += slip[k]!;
      if (slip[k]! > 0) at(ys[k + 1]?.year ?? y.year + 1).carriedIn += slip[k]!;
      // A year not yet started shows no spend unless the sheet gives some: then it is questioned.
      if (y.year > current && y.spent !== null && y.spent !== 0) {
        const col = yearColumn(i.sheet, "spent", y.year);
        issues.push({
          sheet: i.sheet,
          cell: col === null ? "" : cellAddress(i.row - 1, col),
          severity: "warning",
          message: `${money(y.spent)} is shown as spent in ${financialYearLabel(y.year)}, a financial year that has not started by the reporting date: is it a forecast or a commitment?`,
        });
      }
    }
  }
  if (placedSpend)
    basis.add(
      "spend to date given as a whole is put in the closed years at their forecast outturn and the rest in the current year",
    );
  if (placedForecast)
    basis.add(
      "where no year has a forecast, each year's forecast is its budget and the item's variance is the current year's",
    );
  const split = options.allocationByYear ?? null;
  for (const x of split ?? []) at(x.year);
  const rows: YearRow[] = [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, a]) => ({
      year,
      label: financialYearLabel(year),
      status: year < current ? "closed" : year === current ? "in year" : "not started",
      items: a.items,
      budget: a.budget as Pence,
      spent: a.spent as Pence,
      committed: a.committed as Pence,
      forecast: a.forecast as Pence,
      variance: (a.forecast - a.budget) as Pence,
      slippage: a.slippage as Pence,
      carriedIn: a.carriedIn as Pence,
      allocation: split ? (split.find((x) => x.year === year)?.amount ?? (0 as Pence)) : null,
    }));
  if (split) {
    const sum = split.reduce((s, x) => s + x.amount, 0);
    if (sum !== options.allocation)
      issues.push({
        sheet: options.sheets[0]?.name ?? "",
        cell: "",
        severity: "warning",
        message: `the allocation by year (${split.map((x) => `${financialYearLabel(x.year)} ${money(x.amount)}`).join(" + ")}) adds up to ${money(sum)}, not the ${money(options.allocation)} allocation`,
      });
  }
  const budgetBasis = options.budgetRules.basis ?? "programme";
  let inYear: YearView["inYear"] = null;
  const now = rows.find((r) => r.year === current);
  if (budgetBasis === "inYear" && now) {
    const against = now.allocation ?? now.budget;
    const b = assessBudget(
      { budget: against, spent: null, committed: null, forecast: now.forecast },
      options.budgetRules,
      options.symbol,
      now.allocation !== null ? `the ${now.label} allocation (in-year)` : `the ${now.label} budget (in-year)`,
    );
    const within = `${now.label} forecast ${money(now.forecast)} is within the ${now.label} ${now.allocation !== null ? "allocation" : "budget"} of ${money(against)} (in-year)`;
    inYear = { rag: b.rag, reason: b.reason ?? `${b.rag}: ${within}` };
  }
  return {
    rows,
    currentYear: current,
    noYear: {
      items: noYear.items,
      budget: noYear.budget as Pence,
      spent: noYear.spent as Pence,
      committed: noYear.committed as Pence,
      forecast: noYear.forecast as Pence,
    },
    basis: [...basis],
    budgetBasis,
    inYear,
    issues,
    budgetsNotRead: notRead,
    placed,
  };
}
