import type { Pence } from "../money";
import { absPence, formatMoney, percentOf, reachesPercentOf, subPence } from "../money";
import { percentFromFraction } from "../percent";
import type { Percent } from "../model";
import type { RagStatus } from "../rag";
import type { Rules } from "../rules";
import { pct1 } from "./format";

export interface BudgetInput {
  budget: Pence | null;
  spent: Pence | null;
  committed: Pence | null;
  forecast: Pence | null;
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

/**
 * The targeted-budget-management rule: Green when the forecast is within budget; Red when the forecast
 * overspend is at least the lower of redPercent of the budget and redAmount; Amber in between.
 * A blank forecast is replaced by spend plus commitments when they already exceed the budget; a forecast
 * below spend plus commitments is raised to it.
 */
export function assessBudget(input: BudgetInput, rules: Rules["budget"], symbol = "£"): BudgetResult {
  const notes: BudgetNote[] = [];
  const { budget, spent, committed } = input;
  const hasActuals = spent !== null || committed !== null;
  const actuals = ((spent ?? 0) + (committed ?? 0)) as Pence;
  let forecast = input.forecast;
  let forecastNote = "";
  if (budget === null) {
    return {
      rag: "Not assessed",
      forecast: forecast ?? (hasActuals ? actuals : null),
      variance: null,
      variancePct: null,
      redLimit: null,
      reason: "Not assessed: no budget",
      notes: [{ field: "budget", message: "no budget: the budget RAG is not assessed" }],
    };
  }
  if (forecast === null) {
    if (hasActuals && actuals > budget) {
      forecast = actuals;
      forecastNote = " (no forecast given: spend plus commitments used)";
      notes.push({
        field: "forecast",
        message: `no forecast: spend plus commitments ${formatMoney(actuals, symbol)} is over budget and is used as the forecast`,
      });
    } else {
      return {
        rag: "Not assessed",
        forecast: null,
        variance: null,
        variancePct: null,
        redLimit: null,
        reason: "Not assessed: no forecast",
        notes: [{ field: "forecast", message: "no forecast: the budget RAG is not assessed" }],
      };
    }
  } else if (hasActuals && forecast < actuals) {
    notes.push({
      field: "forecast",
      message: `forecast below spend plus commitments: ${formatMoney(forecast, symbol)} is less than ${formatMoney(actuals, symbol)}, which is used instead`,
    });
    forecast = actuals;
    forecastNote = " (raised to spend plus commitments)";
  }
  const variance = subPence(forecast, budget);
  const absBudget = absPence(budget);
  const variancePct = budget === 0 ? null : (percentFromFraction(variance / absBudget) as Percent);
  // Red when variance >= min(redPercent% of |B|, redAmount); compared exactly in pence (no rounded limit).
  const percentLimitReached = reachesPercentOf(variance, absBudget, rules.redPercent);
  const amountLimitReached = variance >= rules.redAmount;
  const percentLimit = percentOf(absBudget, rules.redPercent);
  const redLimit = (percentLimit < rules.redAmount ? percentLimit : rules.redAmount) as Pence;
  let rag: RagStatus;
  let reason: string | null;
  const over = (word: string) =>
    `${word}: forecast ${formatMoney(forecast!, symbol)}${forecastNote} is ${formatMoney(variance, symbol)}` +
    (variancePct === null ? "" : ` (${pct1(variancePct)})`) +
    " over budget";
  if (variance <= rules.greenMaxOverspend) {
    rag = "Green";
    reason = null;
  } else if (percentLimitReached || amountLimitReached) {
    rag = "Red";
    reason = `${over("Red")}; the limit is ${formatMoney(redLimit, symbol)}`;
  } else {
    rag = "Amber";
    reason = `${over("Amber")}; below the limit of ${formatMoney(redLimit, symbol)}`;
  }
  return { rag, forecast, variance, variancePct, redLimit, reason, notes };
}
