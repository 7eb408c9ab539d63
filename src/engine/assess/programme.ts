import type { Pence } from "../money";
import { subPence } from "../money";
import { percentFromFraction } from "../percent";
import type { AssessedItem, Breakdown, Percent, ProgrammeRag, Totals } from "../model";
import type { OverallRag, RagCounts, RagStatus } from "../rag";
import { countKey, emptyCounts, severityRank, worstRag } from "../rag";
import type { Rules } from "../rules";
import { financialYearLabel } from "../dates";
import { assessBudget } from "./budget";
import { money, pct1 } from "./format";

/** The forecast an item adds to the programme: its assessed forecast, or its budget when it has none. */
export function forecastForTotals(item: AssessedItem): Pence {
  return (item.assessedForecast ?? item.budget ?? 0) as Pence;
}

/**
 * An item whose budget cell could not be read ("TBC", "£1.2m?", #REF!): its money is in no total (headline,
 * theme or year), so a variance is never its forecast against no budget; each total counts it as not read.
 */
export function budgetNotRead(item: AssessedItem): boolean {
  return item.unreadable !== undefined && item.unreadable.includes("budget");
}

/** What every total says when it leaves items out: "2 items' budgets were not read (...)". */
export function budgetsNotReadNote(n: number): string {
  return (
    `${n} item${n === 1 ? "'s budget was" : "s' budgets were"} not read (an unreadable budget cell, named in ` +
    `the issues): ${n === 1 ? "its" : "their"} budget, spend and forecast are in none of these figures`
  );
}

/**
 * One total's running figures (the headline totals, a theme's, a year's): the per-item step they all share, so a
 * rule about what an item adds (an unread budget, a forecast standing in for a budget) is written once, here.
 * Each item's fields are read once, by index, with no list of its ratings: the items of 100,000 are far apart in
 * memory, so each pass over them costs about as much as what it computes.
 */
class Tally {
  entries = 0;
  budget = 0;
  spent = 0;
  committed = 0;
  forecast = 0;
  notRead = 0;
  red = 0;
  amber = 0;
  green = 0;
  complete = 0;
  none = 0;
  worst: OverallRag | null = null;
  rank = Infinity;
  // distinctItems' check, entry by entry: rows rising within each sheet's run and no sheet coming back.
  ordered = true;
  private sheet: string | null = null;
  private row = -Infinity;
  private sheets: Set<string> | null = null;

  /**
   * An item, or one year's part of it: its money (none when its budget was not read: it is counted and rated,
   * in no money total) and its rating. `forecast` is the assessed forecast; a blank one counts as the budget.
   */
  add(
    i: AssessedItem,
    budget: Pence | null,
    spent: Pence | null,
    committed: Pence | null,
    forecast: Pence | null,
  ): void {
    this.entries++;
    if (i.unreadable !== undefined && budgetNotRead(i)) this.notRead++;
    else {
      if (budget !== null) this.budget += budget;
      if (spent !== null) this.spent += spent;
      if (committed !== null) this.committed += committed;
      this.forecast += forecast ?? budget ?? 0;
    }
    const o = i.rag.overall;
    // worstOf: the first of the lowest severity rank.
    if (o != null) {
      const r = severityRank(o);
      if (r < this.rank) {
        this.rank = r;
        this.worst = o;
      }
    }
    // Counted in fields (a string-keyed increment per item is several times slower at 100,000 items).
    switch (countKey(o)) {
      case "Red":
        this.red++;
        break;
      case "Amber":
        this.amber++;
        break;
      case "Green":
        this.green++;
        break;
      case "Complete":
        this.complete++;
        break;
      default:
        this.none++;
    }
  }

  /** The whole item (its own money and assessed forecast). */
  addItem(i: AssessedItem): void {
    this.add(i, i.budget, i.spent, i.committed, i.assessedForecast);
  }

  /** Follows the entries' sheet rows, so that `ordered` says every entry is a distinct row (see distinctItems). */
  track(i: AssessedItem): void {
    if (!this.ordered) return;
    if (i.sheet !== this.sheet) {
      const seen = (this.sheets ??= new Set());
      if (seen.has(i.sheet)) {
        this.ordered = false;
        return;
      }
      seen.add(i.sheet);
      this.sheet = i.sheet;
    } else if (i.row <= this.row) {
      this.ordered = false;
      return;
    }
    this.row = i.row;
  }

  counts(): RagCounts {
    const counts = emptyCounts();
    counts.Red = this.red;
    counts.Amber = this.amber;
    counts.Green = this.green;
    counts.Complete = this.complete;
    counts["Not assessed"] = this.none;
    return counts;
  }

  breakdown(key: string, items: number): Breakdown {
    return {
      key,
      items,
      budget: this.budget as Pence,
      spent: this.spent as Pence,
      committed: this.committed as Pence,
      forecast: this.forecast as Pence,
      budgetsNotRead: this.notRead,
      variance: subPence(this.forecast as Pence, this.budget as Pence),
      worst: this.worst ?? "Not assessed",
      counts: this.counts(),
    };
  }
}

function totalsOf(t: Tally, allocation: Pence, rules: Rules, symbol: string): Totals {
  const budget = t.budget as Pence;
  const forecast = t.forecast as Pence;
  const programmeBudget = assessBudget(
    { budget: allocation, spent: null, committed: null, forecast },
    rules.budget,
    symbol,
  );
  return {
    budget,
    spent: t.spent as Pence,
    committed: t.committed as Pence,
    forecast,
    variance: subPence(forecast, budget),
    unallocated: subPence(allocation, budget),
    varianceToAllocation: subPence(forecast, allocation),
    variancePctToAllocation:
      allocation === 0
        ? null
        : (percentFromFraction((forecast - allocation) / Math.abs(allocation)) as Percent),
    rag: programmeBudget.rag,
    budgetsNotRead: t.notRead,
  };
}

export function programmeTotals(
  items: readonly AssessedItem[],
  allocation: Pence,
  rules: Rules,
  symbol = "£",
): Totals {
  const t = new Tally();
  for (let k = 0; k < items.length; k++) t.addItem(items[k]!);
  return totalsOf(t, allocation, rules, symbol);
}

export function ragCounts(items: readonly AssessedItem[]): RagCounts {
  const t = new Tally();
  for (let k = 0; k < items.length; k++) t.addItem(items[k]!);
  return t.counts();
}

export const NO_THEME = "(no theme)";
export const NO_YEAR = "(no year)";

export type YearBasis = "per-year columns" | "year column";

/** A year's group, by the year's start (no label string per item); -Infinity is "(no year)". */
const NO_YEAR_KEY = -Infinity;

/**
 * The headline totals, the counts, the totals by theme and by year in one pass over the items (the same as
 * programmeTotals, ragCounts, byTheme and byYear of them, each of which is this with the rest left out).
 */
function tally(
  items: readonly AssessedItem[],
  want: { headline: boolean; themes: boolean; years: boolean },
): {
  headline: Tally;
  themes: Map<string, Tally>;
  years: Map<number, Tally>;
  basis: Set<YearBasis>;
} {
  const headline = new Tally();
  const themes = new Map<string, Tally>();
  const years = new Map<number, Tally>();
  const basis = new Set<YearBasis>();
  // The last theme's and year's groups: items come in runs of the same theme or year.
  let themeKey: string | null = null;
  let theme: Tally | null = null;
  let yearKey = NaN;
  let year: Tally | null = null;
  const yearOf = (key: number): Tally => {
    if (key === yearKey) return year!;
    let t = years.get(key);
    if (!t) years.set(key, (t = new Tally()));
    yearKey = key;
    return (year = t);
  };
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    if (want.headline) headline.addItem(i);
    if (want.themes) {
      const key = i.theme ?? NO_THEME;
      if (key !== themeKey || theme === null) {
        theme = themes.get(key) ?? null;
        if (!theme) themes.set(key, (theme = new Tally()));
        themeKey = key;
      }
      theme.addItem(i);
    }
    if (!want.years) continue;
    const ys = i.years;
    if (ys.length > 0) {
      basis.add("per-year columns");
      // A per-year slice of the item: its figures for that year only.
      for (let z = 0; z < ys.length; z++) {
        const y = ys[z]!;
        const t = yearOf(y.year);
        t.add(i, y.budget, y.spent, y.committed, y.forecast ?? null);
        t.track(i);
      }
    } else {
      if (i.financialYear !== null) basis.add("year column");
      const t = yearOf(i.financialYear ?? NO_YEAR_KEY);
      t.addItem(i);
      t.track(i);
    }
  }
  return { headline, themes, years, basis };
}

function themeRows(themes: Map<string, Tally>): Breakdown[] {
  return [...themes].map(([key, t]) => t.breakdown(key, t.entries));
}

function yearRows(items: readonly AssessedItem[], years: Map<number, Tally>): Breakdown[] {
  const rows = [...years].map(([year, t]) => {
    const key = year === NO_YEAR_KEY ? NO_YEAR : financialYearLabel(year);
    // An item split across years counts once per year in `items`; count distinct items instead.
    return t.breakdown(key, t.ordered ? t.entries : distinctRows(items, year));
  });
  return rows.sort((a, b) => (a.key === NO_YEAR ? 1 : b.key === NO_YEAR ? -1 : a.key.localeCompare(b.key)));
}

/** Totals by theme, in order of first appearance. */
export function byTheme(items: readonly AssessedItem[]): Breakdown[] {
  return themeRows(tally(items, { headline: false, themes: true, years: false }).themes);
}

/**
 * Totals by financial year, only from what the sheet says about years: items with per-year columns are split
 * by them; otherwise an item counts in the year its financial-year column names. An item with neither is
 * "(no year)": its money is never put in the year of its target date (a year that has not started would
 * show spending).
 */
export function byYear(items: readonly AssessedItem[]): { rows: Breakdown[]; basis: YearBasis[] } {
  const t = tally(items, { headline: false, themes: false, years: true });
  return { rows: yearRows(items, t.years), basis: [...t.basis] };
}

/** programmeTotals, ragCounts, byTheme and byYear of the items, in one pass over them. */
export function programmeFigures(
  items: readonly AssessedItem[],
  allocation: Pence,
  rules: Rules,
  symbol = "£",
): { totals: Totals; counts: RagCounts; byTheme: Breakdown[]; byYear: Breakdown[] } {
  const t = tally(items, { headline: true, themes: true, years: true });
  return {
    totals: totalsOf(t.headline, allocation, rules, symbol),
    counts: t.headline.counts(),
    byTheme: themeRows(t.themes),
    byYear: yearRows(items, t.years),
  };
}

/**
 * How many distinct sheet rows the year's group holds, where its entries did not come sheet by sheet in rising
 * rows (the same item twice, or items out of order): counted in a set per sheet, numbers only.
 */
function distinctRows(items: readonly AssessedItem[], year: number): number {
  const rows = new Map<string, Set<number>>();
  let n = 0;
  const count = (i: AssessedItem) => {
    let seen = rows.get(i.sheet);
    if (!seen) rows.set(i.sheet, (seen = new Set()));
    if (!seen.has(i.row)) {
      seen.add(i.row);
      n++;
    }
  };
  for (const i of items) {
    if (i.years.length > 0) {
      for (const y of i.years) if (y.year === year) count(i);
    } else if ((i.financialYear ?? NO_YEAR_KEY) === year) count(i);
  }
  return n;
}

/**
 * The programme's RAG: the worse of its budget RAG (the budget rule on allocation and forecast) and its
 * delivery RAG (Red when at least redShare of assessed items are Red; Amber when at least amberShare are Red
 * or Amber), each with its reason in words.
 */
export function programmeRag(
  totals: Totals,
  counts: RagCounts,
  allocation: Pence,
  rules: Rules,
  symbol = "£",
  /** The budget rated in-year (rules.budget.basis "inYear", issue 13): it stands for the budget RAG. */
  inYear: { rag: RagStatus; reason: string } | null = null,
): ProgrammeRag {
  const assessed = counts.Red + counts.Amber + counts.Green;
  const parts: string[] = [];
  let delivery: RagStatus = "Not assessed";
  let deliveryReason = "Not assessed: no item has an assessed RAG";
  if (assessed > 0) {
    const redShare = counts.Red / assessed;
    const atRisk = (counts.Red + counts.Amber) / assessed;
    delivery =
      redShare >= rules.programme.redShare ? "Red" : atRisk >= rules.programme.amberShare ? "Amber" : "Green";
    const words = `${counts.Red} of ${assessed} assessed items Red and ${counts.Amber} Amber`;
    parts.push(`${words} (delivery ${delivery})`);
    const limit =
      delivery === "Red"
        ? `at least ${Math.round(percentFromFraction(rules.programme.redShare))}% Red`
        : delivery === "Amber"
          ? `at least ${Math.round(percentFromFraction(rules.programme.amberShare))}% Red or Amber`
          : `fewer than ${Math.round(percentFromFraction(rules.programme.redShare))}% Red and ${Math.round(percentFromFraction(rules.programme.amberShare))}% Red or Amber`;
    deliveryReason = `${delivery}: ${words} (${limit})`;
  }
  const v = totals.varianceToAllocation;
  const m = (p: Pence) => money(p, symbol);
  const budgetWords =
    v > 0
      ? `forecast ${m(totals.forecast)} is ${m(v)}${totals.variancePctToAllocation !== null ? ` (${pct1(totals.variancePctToAllocation)})` : ""} over the ${m(allocation)} allocation`
      : `forecast ${m(totals.forecast)} is within the ${m(allocation)} allocation`;
  const budgetRag = inYear ? inYear.rag : totals.rag;
  const budgetReason = inYear
    ? `${inYear.reason}; over the whole programme, ${budgetWords} (${totals.rag})`
    : `${totals.rag}: ${budgetWords}`;
  parts.push(
    inYear
      ? `${inYear.reason.replace(/^[^:]*: /, "")} (budget ${budgetRag}, in-year)`
      : `${budgetWords} (budget ${totals.rag})`,
  );
  const rag: RagStatus =
    worstRag([budgetRag, delivery]) ?? (budgetRag === "Not assessed" ? delivery : budgetRag);
  return {
    rag,
    reason: `${rag}: ${parts.join("; ")}`,
    delivery: { rag: delivery, reason: deliveryReason },
    budget: { rag: budgetRag, reason: budgetReason },
  };
}
