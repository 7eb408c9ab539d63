import type { Pence } from "../money";
import { absPence, formatMoney, pence, subPence, toPounds } from "../money";
import type { AssessedItem, Dimension, Percent, Reason, UnreadableCell } from "../model";
import type { RagStatus } from "../rag";
import { defineDimension } from "./dimension";
import { pct1 } from "./format";
import { percentOf, reachesPercentOf } from "../money";
import { percentFromFraction } from "../percent";
import { roundToHundredths } from "../percent";
import type { DayNumber } from "../dates";
import { financialYearLabel, financialYearStart } from "../dates";
import type { DimensionAssessment } from "./dimension";
import { profileToDate } from "./profile";
import type { ReasonWords } from "./reason";
import type { FigureReason } from "./reason";
import { reasonJson, reasonText } from "./reason";

/**
 * The budget rated on the reporting date's financial year (its re-profiled budget where the sheet gives one,
 * its forecast, spend and commitments for the year), where the sheet has per-year figures for that year;
 * otherwise the whole programme's rating, saying why.
 */
function inYearBudget(
  item: AssessedItem,
  whole: BudgetRating,
  rules: BudgetRules,
  symbol: string,
  reporting: DayNumber,
): { result: BudgetRating; inYear: boolean } {
  const year = financialYearStart(reporting);
  const label = financialYearLabel(year);
  const y = item.years.find((x) => x.year === year);
  const budget = y ? (y.reprofiled ?? y.budget) : null;
  if (!y || budget === null || y.forecast === null) {
    if (whole.reason === null) return { result: whole, inYear: false };
    const reason = `${reasonText(whole.reason)} (rated on the whole programme: the sheet gives no ${label} budget and forecast for an in-year rating)`;
    return { result: { ...whole, reason }, inYear: false };
  }
  const r = rateBudget(
    { budget, spent: y.spent, committed: y.committed, forecast: y.forecast },
    rules,
    symbol,
    `the ${label} budget (in-year)`,
  );
  return { result: { ...r, notes: whole.notes }, inYear: true };
}

/**
 * Spend to date against the profile to date, where the sheet gives a spend profile: Amber (never worse) when
 * the spend is behind the profile by profileBehindPercent of it or more; the reason says the figures whenever
 * the budget is not Green.
 */
function againstProfile(
  item: AssessedItem,
  b: BudgetRating,
  rules: BudgetRules,
  symbol: string,
  reporting: DayNumber,
): DimensionAssessment {
  const p = profileToDate(item.profile, reporting);
  if (p === null) return b;
  item.profiledToDate = p.profiled;
  const spent = (item.spent ?? 0) as Pence;
  const words = `spent ${formatMoney(spent, symbol)} against ${formatMoney(p.profiled, symbol)} profiled by period ${p.period}${p.proRata ? " (a quarter still running counted pro rata)" : ""}`;
  const behind = subPence(p.profiled, spent);
  const limit = rules.profileBehindPercent ?? 20;
  const isBehind = p.profiled > 0 && behind > 0 && limit < 100 && reachesPercentOf(behind, p.profiled, limit);
  if (b.rag === "Green" && isBehind) {
    const share = pct1(percentFromFraction(behind / p.profiled) as Percent);
    return {
      rag: "Amber",
      reason: `Amber: ${words}, ${formatMoney(behind, symbol)} (${share}) behind the profile; the limit is ${limit}%`,
      notes: b.notes,
    };
  }
  if (b.reason === null) return b;
  return { rag: b.rag, reason: `${reasonText(b.reason)}; ${words}`, notes: b.notes };
}

/** The budget's rules (the targeted-budget-management rule). */
export interface BudgetRules {
  /** Red when the overspend is at least this % of the budget ... */
  redPercent: number;
  /** ... or at least this amount, whichever is lower. */
  redAmount: Pence;
  /** Green while the overspend is at most this amount (0: any overspend is at least Amber). */
  greenMaxOverspend: Pence;
  /**
   * What the rule is applied to (issue 13): the whole programme's budget and forecast ("programme", the
   * default), or the reporting date's financial year's ("inYear", as councils' targeted budget monitoring does)
   * where the sheet gives that year's figures.
   */
  basis?: BudgetBasis;
  /**
   * Where the sheet gives a spend profile: Amber when the spend to date is behind the profile to date by at
   * least this % of it (0 to 100; 100 never).
   */
  profileBehindPercent?: number;
}

export type BudgetBasis = "programme" | "inYear";

export interface BudgetInput {
  budget: Pence | null;
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
  /** Money cells that could not be read: a blank budget or forecast among them is named, not "no forecast". */
  unreadableCells?: readonly UnreadableCell[];
}

export interface BudgetNote {
  field: "budget" | "forecast";
  message: string;
}

export interface BudgetResult {
  rag: RagStatus;
  /** The forecast the rule used. */
  forecast: Pence | null;
  variance: Pence | null;
  variancePct: Percent | null;
  /** The overspend at which the budget turns Red: min(redPercent of |budget|, redAmount). */
  redLimit: Pence | null;
  reason: string | null;
  /** Things to tell the user about the input (become warnings on the row's cells). */
  notes: BudgetNote[];
}

const NO_NOTES: BudgetNote[] = Object.freeze([]) as unknown as BudgetNote[];

/** A budget rating whose reason may be held as its figures (an item's, until its words are read). */
type BudgetRating = Omit<BudgetResult, "reason"> & { reason: ReasonWords | null };

/**
 * The targeted-budget-management rule: Green when the forecast is within budget; Red when the forecast
 * overspend is at least the lower of redPercent of the budget and redAmount; Amber in between.
 * A blank forecast is replaced by spend plus commitments when they already exceed the budget; a forecast
 * below spend plus commitments is raised to it.
 */
export function assessBudget(
  input: BudgetInput,
  rules: BudgetRules,
  symbol = "£",
  /** What the budget is called in the reason ("budget"; "2020/21 budget (in-year)"). */
  budgetWords = "budget",
): BudgetResult {
  const r = rateBudget(input, rules, symbol, budgetWords);
  return { ...r, reason: r.reason === null ? null : reasonText(r.reason) };
}

/** assessBudget, with an over-budget reason held as its figures (OverBudget). */
function rateBudget(
  input: BudgetInput,
  rules: BudgetRules,
  symbol = "£",
  budgetWords = "budget",
): BudgetRating {
  // None for most items: one shared empty list (frozen), a list of their own only for those with notes.
  let notes = NO_NOTES;
  const { budget, spent, committed } = input;
  const hasActuals = spent !== null || committed !== null;
  const actuals = ((spent ?? 0) + (committed ?? 0)) as Pence;
  let forecast = input.forecast;
  let forecastNote = "";
  if (budget === null) {
    const unread = input.unreadableCells?.find((c) => c.field === "budget");
    const why = unread ? `the budget in ${unread.cell} could not be read: ${unread.text}` : null;
    return {
      rag: "Not assessed",
      forecast: forecast ?? (hasActuals ? actuals : null),
      variance: null,
      variancePct: null,
      redLimit: null,
      reason: why ? `Not assessed: ${why}` : "Not assessed: no budget",
      notes: [{ field: "budget", message: `${why ?? "no budget"}: the budget RAG is not assessed` }],
    };
  }
  if (forecast === null) {
    // R3-13: a forecast cell that could not be read is named as such, never taken for a blank one.
    const unread = input.unreadableCells?.find((c) => c.field === "forecast");
    const why = unread ? `the forecast in ${unread.cell} could not be read: ${unread.text}` : null;
    if (hasActuals && actuals > budget) {
      forecast = actuals;
      forecastNote = unread
        ? ` (forecast in ${unread.cell} could not be read (${unread.text}); spend plus commitments used)`
        : " (no forecast given: spend plus commitments used)";
      notes = [];
      notes.push({
        field: "forecast",
        message: `${why ?? "no forecast"}: spend plus commitments ${formatMoney(actuals, symbol)} is over budget and is used as the forecast`,
      });
    } else {
      return {
        rag: "Not assessed",
        forecast: null,
        variance: null,
        variancePct: null,
        redLimit: null,
        reason: why ? `Not assessed: ${why}` : "Not assessed: no forecast",
        notes: [{ field: "forecast", message: `${why ?? "no forecast"}: the budget RAG is not assessed` }],
      };
    }
  } else if (hasActuals && forecast < actuals) {
    notes = [];
    notes.push({
      field: "forecast",
      message: `forecast below spend plus commitments: ${formatMoney(forecast, symbol)} is less than ${formatMoney(actuals, symbol)}, which is used instead`,
    });
    forecast = actuals;
    forecastNote = " (raised to spend plus commitments)";
  }
  const variance = subPence(forecast, budget);
  const absBudget = absPence(budget);
  const variancePct = variancePctOf(variance, absBudget);
  // Red when variance >= min(redPercent% of |B|, redAmount); compared exactly in pence (no rounded limit).
  const percentLimitReached = reachesPercentOf(variance, absBudget, rules.redPercent);
  const amountLimitReached = variance >= rules.redAmount;
  const percentLimit = percentOf(absBudget, rules.redPercent);
  const redLimit = (percentLimit < rules.redAmount ? percentLimit : rules.redAmount) as Pence;
  let rag: RagStatus;
  let reason: OverBudget | null;
  if (variance <= rules.greenMaxOverspend) {
    rag = "Green";
    reason = null;
  } else {
    rag = percentLimitReached || amountLimitReached ? "Red" : "Amber";
    reason = new OverBudget(rag, forecast, forecastNote, variance, absBudget, symbol, budgetWords, redLimit);
  }
  return { rag, forecast, variance, variancePct, redLimit, reason, notes };
}

/**
 * An over-budget reason as its figures; its words are overBudgetWords'. It keeps the budget (whole pence) and
 * works the variance % out again when its words are read, the same sum as rateBudget's: a fraction kept in a
 * field is a boxed number of its own, 16 bytes more on each of 50,000 reasons.
 */
export class OverBudget implements FigureReason {
  declare dimension: Dimension;
  declare rag: "Red" | "Amber";
  declare readonly forecast: Pence;
  declare readonly forecastNote: string;
  declare readonly variance: Pence;
  /** The budget's size (|budget|), of which the variance is a share. */
  declare readonly absBudget: Pence;
  declare readonly symbol: string;
  declare readonly budgetWords: string;
  declare readonly redLimit: Pence;
  constructor(
    rag: "Red" | "Amber",
    forecast: Pence,
    forecastNote: string,
    variance: Pence,
    absBudget: Pence,
    symbol: string,
    budgetWords: string,
    redLimit: Pence,
  ) {
    this.dimension = "overall";
    this.rag = rag;
    this.forecast = forecast;
    this.forecastNote = forecastNote;
    this.variance = variance;
    this.absBudget = absBudget;
    this.symbol = symbol;
    this.budgetWords = budgetWords;
    this.redLimit = redLimit;
  }
  toJSON(): Reason {
    return reasonJson(this);
  }
  get text(): string {
    return overBudgetWords(
      this.rag,
      this.forecast,
      this.forecastNote,
      this.variance,
      variancePctOf(this.variance, this.absBudget),
      this.symbol,
      this.budgetWords,
      this.redLimit,
    );
  }
}

/** The variance as a % of the budget's size; null for a budget of 0 (rateBudget's and OverBudget's one sum). */
function variancePctOf(variance: Pence, absBudget: Pence): Percent | null {
  return absBudget === 0 ? null : (percentFromFraction(variance / absBudget) as Percent);
}

export function overBudgetWords(
  rag: string,
  forecast: Pence,
  forecastNote: string,
  variance: Pence,
  variancePct: Percent | null,
  symbol: string,
  budgetWords: string,
  redLimit: Pence,
): string {
  return rag === "Red"
    ? `${overWords("Red", forecast, forecastNote, variance, variancePct, symbol, budgetWords)}; the limit is ${formatMoney(redLimit, symbol)}`
    : `${overWords("Amber", forecast, forecastNote, variance, variancePct, symbol, budgetWords)}; below the limit of ${formatMoney(redLimit, symbol)}`;
}

/** "Amber: forecast £64,213 is £2,108 (3.4%) over budget" (a function, not a closure per item). */
function overWords(
  word: string,
  forecast: Pence,
  forecastNote: string,
  variance: Pence,
  variancePct: Percent | null,
  symbol: string,
  budgetWords: string,
): string {
  return (
    `${word}: forecast ${formatMoney(forecast, symbol)}${forecastNote} is ${formatMoney(variance, symbol)}` +
    (variancePct === null ? "" : ` (${pct1(variancePct)})`) +
    ` over ${budgetWords}`
  );
}
const MONEY_WORDS = { budget: "budget", spent: "spend", committed: "commitments", forecast: "forecast" };

/** "a", "a and b", "a, b and c". */
function listWords(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const pounds = (p: Pence | null): number | null => (p === null ? null : toPounds(p));
const round2 = (n: number | null): number | null => (n === null ? null : roundToHundredths(n));

/** The budget as a rated dimension. */
export const BUDGET = defineDimension({
  key: "budget",
  label: "Budget",
  fields: ["budget", "spent", "committed", "forecast", "variance"],
  rules: {
    defaults: {
      redPercent: 5,
      redAmount: pence(100_000_00),
      greenMaxOverspend: pence(0),
      basis: "programme",
      profileBehindPercent: 20,
    } as BudgetRules,
    settings: [
      { key: "redPercent", kind: "number", min: 0, max: 1000 },
      { key: "redAmount", kind: "money", min: 0, max: 1e12 },
      { key: "greenMaxOverspend", kind: "money", min: 0, max: 1e12 },
      { key: "basis", kind: "choice", choices: ["programme", "inYear"] },
      { key: "profileBehindPercent", kind: "number", min: 0, max: 100 },
    ],
  },
  form: {
    legend: "Budget",
    fields: [
      {
        id: "budgetRedPercent",
        setting: "redPercent",
        label: "Red overspend (% of budget)",
        unit: "%",
        kind: "number",
        min: 0,
        max: 1000,
        words: "a percentage",
      },
      {
        id: "budgetRedAmount",
        setting: "redAmount",
        label: "Red overspend (£)",
        hint: "Red at whichever is lower",
        kind: "money",
        amountName: "Red limit",
      },
    ],
  },
  assess(item, { rules, symbol, reporting }) {
    const b = rateBudget(item, rules, symbol);
    item.assessedForecast = b.forecast;
    item.variance = b.variance;
    item.variancePct = b.variancePct;
    // Issue 13: rated in-year where the rules say so, and spend to date against the profile to date.
    let rated = b;
    if (rules.basis === "inYear") {
      const y = inYearBudget(item, b, rules, symbol, reporting);
      rated = y.result;
      item.budgetBasis = y.inYear ? "inYear" : "programme";
    }
    return againstProfile(item, rated, rules, symbol, reporting);
  },
  redWhenComplete: "Red: complete, but over budget by the limit or more",
  overrule(item, rag, computed) {
    // Unreadable is never Green: money the sheet holds but the tool could not read leaves the item unrated,
    // whatever the dimensions that could be read say.
    // Tested before any list is made (`?? []` made an empty array for every item).
    const unreadable = item.unreadable;
    if (unreadable === undefined || unreadable.length === 0 || rag !== "Not assessed" || computed !== "Green")
      return null;
    // Each cell named with what it held (R3-13), where the reader said which.
    const cells = item.unreadableCells ?? [];
    const named = unreadable.map((f) => {
      const c = cells.find((x) => x.field === f);
      return c ? `${MONEY_WORDS[f]} in ${c.cell} (${c.text})` : MONEY_WORDS[f];
    });
    return {
      rag: "Not assessed",
      reason: `Not assessed: the ${listWords(named)} could not be read, so the budget cannot be rated (the rest would be Green)`,
    };
  },
  json: (i: AssessedItem) => ({
    budget: pounds(i.budget),
    spent: pounds(i.spent),
    committed: pounds(i.committed),
    forecast: pounds(i.assessedForecast),
    variance: pounds(i.variance),
    variancePct: round2(i.variancePct),
    /** The variance the sheet itself states (money), where it has a variance column. */
    statedVariance: pounds(i.statedVariance),
    /** The forecast as the sheet gives it (forecast is the one the rules used). */
    statedForecast: pounds(i.forecast),
    /** The item's figures by financial year, where the sheet has per-year columns (issue 13). */
    years: i.years.map((y) => ({
      year: financialYearLabel(y.year),
      budget: pounds(y.budget),
      spent: pounds(y.spent),
      committed: pounds(y.committed),
      forecast: pounds(y.forecast),
      slippage: pounds(y.slippage ?? null),
      reprofiledBudget: pounds(y.reprofiled ?? null),
    })),
    /** The money the sheet's spend profile plans up to the reporting date's period; null without one. */
    profiledToDate: pounds(i.profiledToDate ?? null),
  }),
});
