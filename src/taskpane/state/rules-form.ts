/**
 * The rules the pane lets people change, as the text they type, and back to the engine's Rules. Each rated
 * dimension declares its fields of the form in the rule registry. Anything the form does not show (green overspend, overdue rule, complete words, programme shares) is carried through
 * from the base rules (saved in the workbook, or the defaults).
 */
import type { ProgrammeSettings } from "../../app/operations";
import { DEFAULT_PROGRAMME_NAME, PROGRAMME_END, PROGRAMME_START } from "../../engine/analyse";
import { formatDayIso, parseIsoDay } from "../../engine/dates";
import type { DimensionFormField } from "../../engine/assess/registry";
import { dimensions } from "../../engine/assess/registry";
import type { Pence } from "../../engine/money";
import { formatPounds, penceFromPounds, toPounds } from "../../engine/money";
import type { Rules } from "../../engine/rules";
import { allocationByYearToJson, rulesFromJson } from "../../engine/rules";
import { parseAmount } from "./inputs";

/**
 * The form: the programme's details, each rated dimension's fields (declared by its module in the rule
 * registry: "budgetRedPercent", "amberSlipPercent", "riskGreenMax" ...) as typed, and the override switch.
 */
export type RulesForm = {
  /** The programme's name and period (dates as YYYY-MM-DD, as a date input gives them). */
  programmeName: string;
  programmeStart: string;
  programmeEnd: string;
} & Record<DimensionFormField, string> & {
    useOverride: boolean;
    /** The allocation by financial year as typed ("2020/21: £600,000; 2021/22: £600,000"); "" for none (issue 13). */
    allocationByYear: string;
    /** Rate the budget in-year (rules.budget.basis "inYear") rather than over the whole programme. */
    budgetInYear: boolean;
  };

export type RulesFormField = Exclude<keyof RulesForm, "useOverride" | "budgetInYear">;

/** The allocation by year as the form shows it: "2020/21: £600,000; 2021/22: £600,000". */
export function allocationByYearText(rules: Rules): string {
  const split = rules.allocationByYear ?? [];
  return Object.entries(allocationByYearToJson(split))
    .map(([label, pounds]) => `${label}: ${formatPounds(penceFromPounds(pounds))}`)
    .join("; ");
}

/**
 * The allocation by year as typed: "2020/21: £600,000; 2021/22: 600k" (pairs separated by ";" or new lines) as
 * rules.json's object, or a message.
 */
function readAllocationByYear(
  text: string,
): { ok: true; json: Record<string, number> } | { ok: false; message: string } {
  const json: Record<string, number> = {};
  for (const part of text.split(/[;\n]/)) {
    const t = part.trim();
    if (t === "") continue;
    const m = /^((?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4})\s*[:=]?\s*(.+)$/i.exec(t);
    if (!m) return { ok: false, message: `"${t}" is not a year and an amount, e.g. "2020/21: £600,000".` };
    const amount = parseAmount(m[2]!, `the ${m[1]} allocation`, { allowZero: true });
    if (!amount.ok) return { ok: false, message: amount.message };
    json[m[1]!.replace(/\s+/g, "")] = toPounds(amount.value);
  }
  return { ok: true, json };
}
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
  const fields: Record<string, string> = {};
  const sections = rules as unknown as Record<string, Record<string, number>>;
  for (const d of dimensions())
    for (const f of d.form.fields) {
      const v = sections[d.key]![f.setting]!;
      fields[f.id] = f.kind === "money" ? formatPounds(v as Pence) : plain(v * (f.scale ?? 1));
    }
  return {
    programmeName: programme.name,
    programmeStart: formatDayIso(programme.start),
    programmeEnd: formatDayIso(programme.end),
    ...(fields as Record<DimensionFormField, string>),
    useOverride: rules.useOverride,
    allocationByYear: allocationByYearText(rules),
    budgetInYear: rules.budget.basis === "inYear",
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
  const texts = form as unknown as Record<string, string>;
  const fieldErrors = errors as Record<string, string>;
  // The engine's own reader builds the Rules, so its limits and the CLI's rules.json agree with the pane.
  const json: Record<string, unknown> = {};
  let amountsRead = true;
  for (const d of dimensions()) {
    const values: Record<string, number> = {};
    const section: Record<string, number> = {};
    let all = true;
    for (const f of d.form.fields) {
      if (f.kind === "money") {
        const amount = parseAmount(texts[f.id] ?? "", f.amountName ?? f.label, { allowZero: true });
        if (!amount.ok) {
          fieldErrors[f.id] = amount.message;
          amountsRead = false;
          all = false;
          continue;
        }
        values[f.id] = amount.value;
        section[f.setting] = toPounds(amount.value);
        continue;
      }
      const n = readNumber(texts[f.id] ?? "");
      const min = f.min ?? 0;
      const max = f.max ?? Number.MAX_SAFE_INTEGER;
      if (n === null || n < min || n > max) {
        fieldErrors[f.id] = `Enter ${f.words ?? "a number"} from ${min} to ${max}.`;
        all = false;
        continue;
      }
      values[f.id] = n;
      section[f.setting] = f.scale ? n / f.scale : n;
    }
    if (all) for (const c of d.form.checks ?? []) if (c.fails(values)) fieldErrors[c.field] = c.message;
    json[d.key] = section;
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
  const split = readAllocationByYear(form.allocationByYear ?? "");
  if (!split.ok) errors.allocationByYear = split.message;
  if (Object.keys(errors).length > 0 || !amountsRead) return { ok: false, errors };

  json.useOverride = form.useOverride;
  json.allocationByYear = Object.keys(split.ok ? split.json : {}).length > 0 && split.ok ? split.json : null;
  (json.budget as Record<string, unknown>).basis = form.budgetInYear ? "inYear" : "programme";
  const read = rulesFromJson(json, base);
  if (!read.ok) return { ok: false, errors: { general: read.errors.join("; ") } };
  return { ok: true, rules: read.rules, programme: { name, start: start!, end: end! } };
}
