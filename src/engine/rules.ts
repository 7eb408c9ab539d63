import type { AnyDimension } from "./assess/dimension";
import type { DimensionRules } from "./assess/registry";
import { dimensions } from "./assess/registry";
import type { Pence } from "./money";
import { penceFromPounds, toPounds } from "./money";

/**
 * Every threshold the rules use: each rated dimension's rules (declared by its module in the rule registry,
 * src/engine/assess/dimensions.ts), plus the override switch and the programme's shares. The defaults are the
 * issue's rules exactly; a rules.json (CLI) or the task pane's rules section (saved in the workbook) may change
 * any of them.
 */
export type Rules = DimensionRules & {
  /** Use a RAG override / DCA column when the sheet has one. */
  useOverride: boolean;
  programme: {
    /** The programme's delivery RAG is Red when at least this share of assessed items is Red. */
    redShare: number;
    /** ... and Amber when at least this share is Red or Amber. */
    amberShare: number;
  };
  /**
   * The allocation split by financial year (issue 13), in year order; null: the allocation is for the whole
   * programme. rules.json gives it in pounds by year label: { "2020/21": 600000, "2021/22": 600000 }.
   */
  allocationByYear?: YearAllocation[] | null;
};

/** One financial year's part of the allocation. */
export interface YearAllocation {
  /** The financial year by its start year (2020 for 2020/21). */
  year: number;
  amount: Pence;
}

export const DEFAULT_RULES: Rules = {
  ...(Object.fromEntries(
    dimensions().map((d) => [d.key, cloneSection(d, d.rules.defaults)]),
  ) as DimensionRules),
  useOverride: true,
  programme: { redShare: 0.2, amberShare: 0.3 },
};

/** The rules as people write them in rules.json: pounds, not pence; any part may be left out. */
export type RulesJson = {
  [K in keyof DimensionRules]?: { [S in keyof DimensionRules[K]]?: JsonSetting<DimensionRules[K][S]> };
} & {
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
  /** The allocation by financial year in pounds: { "2020/21": 600000, "2021/22": 600000 }. */
  allocationByYear?: Record<string, number>;
};

/** A setting as rules.json holds it: amounts (pence in the rules) as pounds. */
type JsonSetting<T> = T extends number ? number : T extends readonly string[] ? string[] : T;

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

  const dims = dimensions();
  const programmeKeys = ["redShare", "amberShare", "name", "start", "end"];
  const known = new Map<string, readonly string[]>([
    ...dims.map((d): [string, readonly string[]] => [d.key, d.rules.settings.map((x) => x.key)]),
    ["programme", programmeKeys],
  ]);
  const details: ProgrammeDetails = {};
  for (const key of Object.keys(input)) {
    if (
      !known.has(key) &&
      key !== "useOverride" &&
      key !== "allocation" &&
      key !== "allocationByYear" &&
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
      if (!known.get(name)!.includes(k)) errors.push(`unknown setting "${name}.${k}"`);
    return s;
  };

  for (const d of dims) {
    const s = section(d.key);
    if (!s) continue;
    const target = (rules as unknown as Record<string, Record<string, unknown>>)[d.key]!;
    for (const setting of d.rules.settings) {
      const path = `${d.key}.${setting.key}`;
      const v = s[setting.key];
      switch (setting.kind) {
        case "number": {
          const n = num(path, v, setting.min, setting.max);
          if (n !== undefined) target[setting.key] = n;
          break;
        }
        case "money": {
          const n = num(path, v, setting.min, setting.max);
          if (n !== undefined) target[setting.key] = penceFromPounds(n);
          break;
        }
        case "choice":
          if (v === undefined) break;
          if (typeof v !== "string" || !setting.choices.includes(v))
            errors.push(`${path} must be one of ${setting.choices.map((c) => `"${c}"`).join(", ")}`);
          else target[setting.key] = v;
          break;
        case "boolean":
          if (v === undefined) break;
          if (typeof v !== "boolean") errors.push(`${path} must be true or false`);
          else target[setting.key] = v;
          break;
        case "words":
          if (v === undefined) break;
          if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
            errors.push(`${path} must be a list of words`);
          } else target[setting.key] = v.map((x: string) => x.trim().toLowerCase());
          break;
      }
    }
    for (const check of d.rules.checks ?? []) {
      const message = check(target);
      if (message !== null) errors.push(message);
    }
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
  if (input.allocationByYear !== undefined) {
    const split = allocationByYearFromJson(input.allocationByYear, errors);
    if (split === null) delete rules.allocationByYear;
    else if (split !== undefined) rules.allocationByYear = split;
  }
  return errors.length ? { ok: false, errors } : { ok: true, rules, allocation, details };
}

/**
 * The allocation by year as rules.json gives it ({ "2020/21": 600000 }, pounds) into the rules' form (pence, in
 * year order). Keys must be financial-year labels ("2020/21"; "2020-21", "FY20/21" are read too); null or {}
 * means none. Problems go to `errors`.
 */
export function allocationByYearFromJson(v: unknown, errors: string[]): YearAllocation[] | null | undefined {
  if (v === null) return null;
  if (!isObject(v)) {
    errors.push(
      'allocationByYear must be an object of amounts by financial year, e.g. { "2020/21": 600000 }',
    );
    return undefined;
  }
  const out: YearAllocation[] = [];
  let ok = true;
  for (const [key, amount] of Object.entries(v)) {
    const m = /^\s*(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4})\s*$/i.exec(key);
    const a = m ? (m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1])) : NaN;
    const b = m ? (m[2]!.length === 2 ? a - (a % 100) + Number(m[2]) : Number(m[2])) : NaN;
    if (!m || b !== a + 1 || a < 1990 || a > 2100) {
      errors.push(`allocationByYear: "${key}" is not a financial year such as "2020/21"`);
      ok = false;
      continue;
    }
    if (out.some((x) => x.year === a)) {
      errors.push(`allocationByYear: ${key} is given twice`);
      ok = false;
      continue;
    }
    if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0 || amount > 1e12) {
      errors.push(
        `allocationByYear.${key} must be a number from 0 to 1000000000000, got ${JSON.stringify(amount)}`,
      );
      ok = false;
      continue;
    }
    out.push({ year: a, amount: penceFromPounds(amount) });
  }
  if (!ok) return undefined;
  out.sort((x, y) => x.year - y.year);
  return out.length === 0 ? null : out;
}

/** The allocation by year as rules.json holds it: pounds by "2020/21" label, in year order. */
export function allocationByYearToJson(split: readonly YearAllocation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of split) out[`${x.year}/${String((x.year + 1) % 100).padStart(2, "0")}`] = toPounds(x.amount);
  return out;
}

/** The rules as rules.json would hold them (pounds), for saving in a workbook or showing in the pane. */
export function rulesToJson(rules: Rules): RulesJson {
  const out: Record<string, unknown> = {};
  for (const d of dimensions()) {
    const section = (rules as unknown as Record<string, Record<string, unknown>>)[d.key]!;
    const json: Record<string, unknown> = {};
    for (const setting of d.rules.settings) {
      const v = section[setting.key];
      json[setting.key] =
        setting.kind === "money" ? toPounds(v as Pence) : setting.kind === "words" ? [...(v as string[])] : v;
    }
    out[d.key] = json;
  }
  out.useOverride = rules.useOverride;
  out.programme = { ...rules.programme };
  if (rules.allocationByYear) out.allocationByYear = allocationByYearToJson(rules.allocationByYear);
  return out as RulesJson;
}

/** A copy of a dimension's rules (its lists copied too), in its settings' order. */
function cloneSection(d: AnyDimension, section: object): object {
  const from = section as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const setting of d.rules.settings) {
    const v = from[setting.key];
    out[setting.key] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return out;
}

function structuredCloneRules(r: Rules): Rules {
  const sections = r as unknown as Record<string, object>;
  return {
    ...(Object.fromEntries(
      dimensions().map((d) => [d.key, cloneSection(d, sections[d.key]!)]),
    ) as DimensionRules),
    useOverride: r.useOverride,
    programme: { ...r.programme },
    ...(r.allocationByYear ? { allocationByYear: r.allocationByYear.map((x) => ({ ...x })) } : {}),
  };
}
