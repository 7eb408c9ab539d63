import type { Pence } from "./money";
import { pence, penceFromPounds, toPounds } from "./money";

/**
 * Every threshold the rules use. The defaults are the rules exactly; a rules.json (CLI) or the task
 * pane's rules section (saved in the workbook) may change any of them.
 */
export interface Rules {
  budget: {
    /** Red when the overspend is at least this % of the budget ... */
    redPercent: number;
    /** ... or at least this amount, whichever is lower. */
    redAmount: Pence;
    /** Green while the overspend is at most this amount (0: any overspend is at least Amber). */
    greenMaxOverspend: Pence;
  };
  schedule: {
    /** Amber when planned progress exceeds actual progress by more than this fraction (0.10 = 10 points). */
    amberSlip: number;
    /** Red when the slip is more than this fraction. */
    redSlip: number;
    /** Red when the reporting date is after the target date and the item is not complete. */
    redWhenOverdue: boolean;
    /** Status words that mean complete (compared case-insensitively). */
    completeStatuses: string[];
  };
  risk: {
    /** Green at or below this score. */
    greenMax: number;
    /** Red at or above this score; between the two, Amber. */
    redMin: number;
  };
  /** Use a RAG override / DCA column when the sheet has one. */
  useOverride: boolean;
  programme: {
    /** The programme's delivery RAG is Red when at least this share of assessed items is Red. */
    redShare: number;
    /** ... and Amber when at least this share is Red or Amber. */
    amberShare: number;
  };
}

export const DEFAULT_RULES: Rules = {
  budget: { redPercent: 5, redAmount: pence(100_000_00), greenMaxOverspend: pence(0) },
  schedule: {
    amberSlip: 0.1,
    redSlip: 0.25,
    redWhenOverdue: true,
    completeStatuses: ["complete", "completed", "closed", "done", "achieved"],
  },
  risk: { greenMax: 4, redMin: 15 },
  useOverride: true,
  programme: { redShare: 0.2, amberShare: 0.3 },
};

/** The rules as people write them in rules.json: pounds, not pence; any part may be left out. */
export interface RulesJson {
  budget?: { redPercent?: number; redAmount?: number; greenMaxOverspend?: number };
  schedule?: { amberSlip?: number; redSlip?: number; redWhenOverdue?: boolean; completeStatuses?: string[] };
  risk?: { greenMax?: number; redMin?: number };
  useOverride?: boolean;
  programme?: {
    redShare?: number;
    amberShare?: number;
    /** The programme's name, start and end (YYYY-MM-DD): its details, not thresholds. */
    name?: string;
    start?: string;
    end?: string;
  };
  /** The allocation in pounds (the CLI's --allocation wins over it). */
  allocation?: number;
}

/** The programme's own details, as settings (defaults: the ICT Strategy 2020-22, 01/04/2020 to 31/03/2022). */
export interface ProgrammeDetails {
  name?: string;
  /** YYYY-MM-DD */
  start?: string;
  end?: string;
}

export type RulesResult =
  | { ok: true; rules: Rules; allocation: number | null; details: ProgrammeDetails }
  | { ok: false; errors: string[] };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Reads a rules object (parsed JSON), filling what it leaves out from the defaults. Every problem is reported
 * with its path, so a typo in rules.json is named rather than silently ignored.
 */
export function rulesFromJson(input: unknown, base: Rules = DEFAULT_RULES): RulesResult {
  const errors: string[] = [];
  if (!isObject(input)) return { ok: false, errors: ["rules must be a JSON object"] };
  const rules: Rules = structuredCloneRules(base);
  let allocation: number | null = null;

  const known: Record<string, string[]> = {
    budget: ["redPercent", "redAmount", "greenMaxOverspend"],
    schedule: ["amberSlip", "redSlip", "redWhenOverdue", "completeStatuses"],
    risk: ["greenMax", "redMin"],
    programme: ["redShare", "amberShare", "name", "start", "end"],
  };
  const details: ProgrammeDetails = {};
  for (const key of Object.keys(input)) {
    if (
      !Object.prototype.hasOwnProperty.call(known, key) &&
      key !== "useOverride" &&
      key !== "allocation" &&
      key !== "$schema"
    ) {
      errors.push(`unknown setting "${key}"`);
    }
  }
  const num = (path: string, v: unknown, min: number, max: number): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
      errors.push(`${path} must be a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  };
  const section = (name: string): Record<string, unknown> | undefined => {
    const s = input[name];
    if (s === undefined) return undefined;
    if (!isObject(s)) {
      errors.push(`${name} must be an object`);
      return undefined;
    }
    for (const k of Object.keys(s))
      if (!known[name]!.includes(k)) errors.push(`unknown setting "${name}.${k}"`);
    return s;
  };

  const b = section("budget");
  if (b) {
    const p = num("budget.redPercent", b.redPercent, 0, 1000);
    if (p !== undefined) rules.budget.redPercent = p;
    const a = num("budget.redAmount", b.redAmount, 0, 1e12);
    if (a !== undefined) rules.budget.redAmount = pence(penceFromPounds(a));
    const g = num("budget.greenMaxOverspend", b.greenMaxOverspend, 0, 1e12);
    if (g !== undefined) rules.budget.greenMaxOverspend = pence(penceFromPounds(g));
  }
  const s = section("schedule");
  if (s) {
    const a = num("schedule.amberSlip", s.amberSlip, 0, 1);
    if (a !== undefined) rules.schedule.amberSlip = a;
    const r = num("schedule.redSlip", s.redSlip, 0, 1);
    if (r !== undefined) rules.schedule.redSlip = r;
    if (s.redWhenOverdue !== undefined) {
      if (typeof s.redWhenOverdue !== "boolean") errors.push("schedule.redWhenOverdue must be true or false");
      else rules.schedule.redWhenOverdue = s.redWhenOverdue;
    }
    if (s.completeStatuses !== undefined) {
      if (!Array.isArray(s.completeStatuses) || !s.completeStatuses.every((x) => typeof x === "string")) {
        errors.push("schedule.completeStatuses must be a list of words");
      } else rules.schedule.completeStatuses = s.completeStatuses.map((x: string) => x.trim().toLowerCase());
    }
    if (rules.schedule.amberSlip > rules.schedule.redSlip) {
      errors.push("schedule.amberSlip must not be more than schedule.redSlip");
    }
  }
  const r = section("risk");
  if (r) {
    const g = num("risk.greenMax", r.greenMax, 0, 25);
    if (g !== undefined) rules.risk.greenMax = g;
    const red = num("risk.redMin", r.redMin, 0, 25);
    if (red !== undefined) rules.risk.redMin = red;
    if (rules.risk.greenMax >= rules.risk.redMin) errors.push("risk.greenMax must be less than risk.redMin");
  }
  const p = section("programme");
  if (p) {
    const red = num("programme.redShare", p.redShare, 0, 1);
    if (red !== undefined) rules.programme.redShare = red;
    const amber = num("programme.amberShare", p.amberShare, 0, 1);
    if (amber !== undefined) rules.programme.amberShare = amber;
    if (p.name !== undefined) {
      if (typeof p.name !== "string" || p.name.trim() === "" || p.name.length > 200)
        errors.push("programme.name must be a name of 1 to 200 characters");
      else details.name = p.name.trim();
    }
    for (const k of ["start", "end"] as const) {
      const v = p[k];
      if (v === undefined) continue;
      if (typeof v !== "string" || !ISO_DAY.test(v))
        errors.push(`programme.${k} must be a date as "YYYY-MM-DD"`);
      else details[k] = v;
    }
    if (details.start && details.end && details.start > details.end)
      errors.push("programme.start must not be after programme.end");
  }
  if (input.useOverride !== undefined) {
    if (typeof input.useOverride !== "boolean") errors.push("useOverride must be true or false");
    else rules.useOverride = input.useOverride;
  }
  if (input.allocation !== undefined) {
    const a = num("allocation", input.allocation, 0, 1e12);
    if (a !== undefined) allocation = a;
  }
  return errors.length ? { ok: false, errors } : { ok: true, rules, allocation, details };
}

/** The rules as rules.json would hold them (pounds), for saving in a workbook or showing in the pane. */
export function rulesToJson(rules: Rules): RulesJson {
  return {
    budget: {
      redPercent: rules.budget.redPercent,
      redAmount: toPounds(rules.budget.redAmount),
      greenMaxOverspend: toPounds(rules.budget.greenMaxOverspend),
    },
    schedule: { ...rules.schedule, completeStatuses: [...rules.schedule.completeStatuses] },
    risk: { ...rules.risk },
    useOverride: rules.useOverride,
    programme: { ...rules.programme },
  };
}

function structuredCloneRules(r: Rules): Rules {
  return {
    budget: { ...r.budget },
    schedule: { ...r.schedule, completeStatuses: [...r.schedule.completeStatuses] },
    risk: { ...r.risk },
    useOverride: r.useOverride,
    programme: { ...r.programme },
  };
}
