/**
 * The rules the pane lets people change, as the text they type, and back to the engine's Rules. Anything the
 * form does not show (green overspend, overdue rule, complete words, programme shares) is carried through
 * from the base rules (saved in the workbook, or the defaults).
 */
import type { ProgrammeSettings } from "../../app/operations";
import { DEFAULT_PROGRAMME_NAME, PROGRAMME_END, PROGRAMME_START } from "../../engine/analyse";
import { formatDayIso, parseIsoDay } from "../../engine/dates";
import { formatPounds, toPounds } from "../../engine/money";
import { fractionFromPercent, percentFromFraction } from "../../engine/percent";
import type { Rules, RulesJson } from "../../engine/rules";
import { rulesFromJson } from "../../engine/rules";
import { parseAmount } from "./inputs";

export interface RulesForm {
  /** The programme's name and period (dates as YYYY-MM-DD, as a date input gives them). */
  programmeName: string;
  programmeStart: string;
  programmeEnd: string;
  /** Budget Red when the overspend is at least this % of the budget ... */
  budgetRedPercent: string;
  /** ... or at least this amount, whichever is lower. */
  budgetRedAmount: string;
  /** Schedule slip, in percentage points of progress. */
  amberSlipPercent: string;
  redSlipPercent: string;
  riskGreenMax: string;
  riskRedMin: string;
  useOverride: boolean;
}

export type RulesFormField = Exclude<keyof RulesForm, "useOverride">;
/** Messages by field, and `general` for a problem no single field owns. */
export type RulesFormErrors = Partial<Record<RulesFormField | "general", string>>;

export type RulesFormResult =
  { ok: true; rules: Rules; programme: ProgrammeSettings } | { ok: false; errors: RulesFormErrors };

export const DEFAULT_PROGRAMME: ProgrammeSettings = {
  name: DEFAULT_PROGRAMME_NAME,
  start: PROGRAMME_START,
  end: PROGRAMME_END,
};

/** A number without float noise (0.07 * 100 is 7.000000000000001). */
function plain(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

export function rulesToForm(rules: Rules, programme: ProgrammeSettings = DEFAULT_PROGRAMME): RulesForm {
  return {
    programmeName: programme.name,
    programmeStart: formatDayIso(programme.start),
    programmeEnd: formatDayIso(programme.end),
    budgetRedPercent: plain(rules.budget.redPercent),
    budgetRedAmount: formatPounds(rules.budget.redAmount),
    amberSlipPercent: plain(percentFromFraction(rules.schedule.amberSlip)),
    redSlipPercent: plain(percentFromFraction(rules.schedule.redSlip)),
    riskGreenMax: plain(rules.risk.greenMax),
    riskRedMin: plain(rules.risk.redMin),
    useOverride: rules.useOverride,
  };
}

/** "5", "5%", " 5.5 % " as a number; null when it is not one. */
function readNumber(text: string): number | null {
  const t = text.trim().replace(/%$/, "").trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return null;
  return Number(t);
}

export function formToRules(form: RulesForm, base: Rules): RulesFormResult {
  const errors: RulesFormErrors = {};
  const number = (field: RulesFormField, min: number, max: number, words: string): number | null => {
    const n = readNumber(form[field]);
    if (n === null || n < min || n > max) {
      errors[field] = `Enter ${words} from ${min} to ${max}.`;
      return null;
    }
    return n;
  };
  const redPercent = number("budgetRedPercent", 0, 1000, "a percentage");
  const amount = parseAmount(form.budgetRedAmount, "Red limit", { allowZero: true });
  if (!amount.ok) errors.budgetRedAmount = amount.message;
  const amberSlip = number("amberSlipPercent", 0, 100, "a percentage");
  const redSlip = number("redSlipPercent", 0, 100, "a percentage");
  if (amberSlip !== null && redSlip !== null && amberSlip > redSlip) {
    errors.amberSlipPercent = "The Amber slip must not be more than the Red slip.";
  }
  const greenMax = number("riskGreenMax", 0, 25, "a score");
  const redMin = number("riskRedMin", 0, 25, "a score");
  if (greenMax !== null && redMin !== null && greenMax >= redMin) {
    errors.riskGreenMax = "The Green maximum must be less than the Red minimum.";
  }
  const name = form.programmeName.trim();
  if (name === "" || name.length > 200)
    errors.programmeName = "Enter the programme's name (up to 200 characters).";
  const start = parseIsoDay(form.programmeStart.trim());
  const end = parseIsoDay(form.programmeEnd.trim());
  if (start === null) errors.programmeStart = "Enter the programme's first day.";
  if (end === null) errors.programmeEnd = "Enter the programme's last day.";
  if (start !== null && end !== null && start > end)
    errors.programmeEnd = "The programme must not end before it starts.";
  if (Object.keys(errors).length > 0 || !amount.ok) return { ok: false, errors };

  // The engine's own reader builds the Rules, so its limits and the CLI's rules.json agree with the pane.
  const json: RulesJson = {
    budget: { redPercent: redPercent!, redAmount: toPounds(amount.value) },
    schedule: { amberSlip: fractionFromPercent(amberSlip!), redSlip: fractionFromPercent(redSlip!) },
    risk: { greenMax: greenMax!, redMin: redMin! },
    useOverride: form.useOverride,
  };
  const read = rulesFromJson(json, base);
  if (!read.ok) return { ok: false, errors: { general: read.errors.join("; ") } };
  return { ok: true, rules: read.rules, programme: { name, start: start!, end: end! } };
}
