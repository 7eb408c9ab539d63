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

/** Sums of budget, spent, committed and forecast in one pass (whole pence, exact). */
function sums(items: readonly AssessedItem[]): {
  budget: Pence;
  spent: Pence;
  committed: Pence;
  forecast: Pence;
  budgetsNotRead: number;
} {
  let budget = 0;
  let spent = 0;
  let committed = 0;
  let forecast = 0;
  let notRead = 0;
  // Each field read once, by index (forecastForTotals inlined: its rare branch, an item with no assessed
  // forecast, left the optimised loop without feedback and sent it back to the interpreter each run).
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    if (i.unreadable !== undefined && budgetNotRead(i)) {
      notRead++;
      continue;
    }
    const b = i.budget;
    if (b !== null) budget += b;
    const s = i.spent;
    if (s !== null) spent += s;
    const c = i.committed;
    if (c !== null) committed += c;
    forecast += i.assessedForecast ?? b ?? 0;
  }
  return {
    budget: budget as Pence,
    spent: spent as Pence,
    committed: committed as Pence,
    forecast: forecast as Pence,
    budgetsNotRead: notRead,
  };
}

export function programmeTotals(
  items: readonly AssessedItem[],
  allocation: Pence,
  rules: Rules,
  symbol = "£",
): Totals {
  const { budget, spent, committed, forecast, budgetsNotRead } = sums(items);
  const programmeBudget = assessBudget(
    { budget: allocation, spent: null, committed: null, forecast },
    rules.budget,
    symbol,
  );
  return {
    budget,
    spent,
    committed,
    forecast,
    variance: subPence(forecast, budget),
    unallocated: subPence(allocation, budget),
    varianceToAllocation: subPence(forecast, allocation),
    variancePctToAllocation:
      allocation === 0
        ? null
        : (percentFromFraction((forecast - allocation) / Math.abs(allocation)) as Percent),
    rag: programmeBudget.rag,
    budgetsNotRead,
  };
}

export function ragCounts(items: readonly AssessedItem[]): RagCounts {
  // Counted in locals (a string-keyed increment per item is several times slower at 100,000 items).
  let red = 0;
  let amber = 0;
  let green = 0;
  let complete = 0;
  let none = 0;
  for (const i of items) {
    switch (countKey(i.rag.overall)) {
      case "Red":
        red++;
        break;
      case "Amber":
        amber++;
        break;
      case "Green":
        green++;
        break;
      case "Complete":
        complete++;
        break;
      default:
        none++;
    }
  }
  const counts = emptyCounts();
  counts.Red = red;
  counts.Amber = amber;
  counts.Green = green;
  counts.Complete = complete;
  counts["Not assessed"] = none;
  return counts;
}

/**
 * A group's totals, worst rating and counts in one pass over its items: the same as sums, worstOf and ragCounts
 * of them (each item's fields read once, no list of its ratings). The items of 100,000 are far apart in memory,
 * so each pass over them costs about as much as what it computes.
 */
function breakdown(key: string, items: readonly AssessedItem[]): Breakdown {
  let budget = 0;
  let spent = 0;
  let committed = 0;
  let forecast = 0;
  let worst: OverallRag | null = null;
  let rank = Infinity;
  let red = 0;
  let amber = 0;
  let green = 0;
  let complete = 0;
  let none = 0;
  let notRead = 0;
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    // As sums(): an item whose budget was not read is in no money total, but still counted and rated.
    if (i.unreadable !== undefined && budgetNotRead(i)) notRead++;
    else {
      const b = i.budget;
      if (b !== null) budget += b;
      const s = i.spent;
      if (s !== null) spent += s;
      const c = i.committed;
      if (c !== null) committed += c;
      forecast += i.assessedForecast ?? b ?? 0;
    }
    const o = i.rag.overall;
    // worstOf: the first of the lowest severity rank.
    if (o != null) {
      const r = severityRank(o);
      if (r < rank) {
        rank = r;
        worst = o;
      }
    }
    switch (countKey(o)) {
      case "Red":
        red++;
        break;
      case "Amber":
        amber++;
        break;
      case "Green":
        green++;
        break;
      case "Complete":
        complete++;
        break;
      default:
        none++;
    }
  }
  const counts = emptyCounts();
  counts.Red = red;
  counts.Amber = amber;
  counts.Green = green;
  counts.Complete = complete;
  counts["Not assessed"] = none;
  return {
    key,
    items: items.length,
    budget: budget as Pence,
    spent: spent as Pence,
    committed: committed as Pence,
    forecast: forecast as Pence,
    budgetsNotRead: notRead,
    variance: subPence(forecast as Pence, budget as Pence),
    worst: worst ?? "Not assessed",
    counts,
  };
}

export const NO_THEME = "(no theme)";
export const NO_YEAR = "(no year)";

/** Totals by theme, in order of first appearance. */
export function byTheme(items: readonly AssessedItem[]): Breakdown[] {
  const groups = new Map<string, AssessedItem[]>();
  for (const i of items) {
    const key = i.theme ?? NO_THEME;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  return [...groups].map(([k, g]) => breakdown(k, g));
}

export type YearBasis = "per-year columns" | "year column";

/**
 * Totals by financial year, only from what the sheet says about years: items with per-year columns are split
 * by them; otherwise an item counts in the year its financial-year column names. An item with neither is
 * "(no year)": its money is never put in the year of its target date (a year that has not started would
 * show spending).
 */
export function byYear(items: readonly AssessedItem[]): { rows: Breakdown[]; basis: YearBasis[] } {
  const groups = new Map<string, AssessedItem[]>();
  const basis = new Set<YearBasis>();
  const push = (key: string, item: AssessedItem) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(item);
  };
  for (const i of items) {
    if (i.years.length > 0) {
      basis.add("per-year columns");
      for (const y of i.years) {
        // A per-year slice of the item: its figures for that year only.
        const forecast = y.forecast ?? null;
        push(financialYearLabel(y.year), {
          ...i,
          budget: y.budget,
          spent: y.spent,
          committed: y.committed,
          forecast,
          assessedForecast: forecast ?? y.budget,
        });
      }
    } else if (i.financialYear !== null) {
      basis.add("year column");
      push(financialYearLabel(i.financialYear), i);
    } else push(NO_YEAR, i);
  }
  const rows = [...groups]
    .sort(([a], [b]) => (a === NO_YEAR ? 1 : b === NO_YEAR ? -1 : a.localeCompare(b)))
    .map(([k, g]) => {
      const row = breakdown(k, g);
      // An item split across years counts once per year in `items`; count distinct items instead.
      row.items = distinctItems(g);
      return row;
    });
  return { rows, basis: [...basis] };
}

/** How many distinct sheet rows a group holds (numbers per sheet: no key string per item). */
function distinctItems(group: readonly AssessedItem[]): number {
  // Items come sheet by sheet in row order: rows rising within each sheet's run, and no sheet coming back,
  // mean every row is distinct (checked, not assumed), so no set is needed.
  const sheets = new Set<string>();
  let sheet: string | null = null;
  let row = -Infinity;
  let ordered = true;
  for (const i of group) {
    if (i.sheet !== sheet) {
      if (sheets.has(i.sheet)) {
        ordered = false;
        break;
      }
      sheets.add(i.sheet);
      sheet = i.sheet;
    } else if (i.row <= row) {
      ordered = false;
      break;
    }
    row = i.row;
  }
  if (ordered) return group.length;
  const rows = new Map<string, Set<number>>();
  let n = 0;
  for (const i of group) {
    let seen = rows.get(i.sheet);
    if (!seen) rows.set(i.sheet, (seen = new Set()));
    if (!seen.has(i.row)) {
      seen.add(i.row);
      n++;
    }
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
