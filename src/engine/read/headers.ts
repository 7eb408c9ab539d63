/**
 * Finding the header row and mapping columns to fields by their header words.
 *
 * Headers are compared case- and punctuation-insensitively after units ("£'000", "(£m)"), notes in brackets
 * and financial years ("2020/21") are taken out. A header scores for a field when it is one of the field's
 * words exactly (best), ends with them (the head noun: "Financial Year Forecast" is a forecast, "Forecast
 * Variance" is a variance), starts with them, or merely contains them (weakest). Each column goes to its
 * best-scoring field; each field takes its best column, the first of equals.
 */
import type { ColIndex } from "../coords";
import type { CellValue, SheetGrid } from "../grid";
import { columnLetters as columnLettersOf, isBlank } from "../grid";
import type { ColumnMapping, FieldKey, PassedOverColumn } from "../model";
import type { ColumnProfile } from "./columns";
import { contentMismatch, looksLikeFigures, profileColumn } from "./columns";
import type { CurrencyCode } from "./cells";
import { currencyOf, financialYearInText, readText, repairText } from "./cells";
import type { PeriodColumn } from "./year-columns";
import { groupedHeader } from "./year-columns";
import type { DateSystem } from "../dates";
import { financialYearLabel as financialYearLabelOf } from "../dates";

interface FieldSpec {
  field: FieldKey;
  words: string[];
  /** Only an exact match counts (the RAG column the tool writes, the year column). */
  exactOnly?: boolean;
  kind: "text" | "amount" | "date" | "percent" | "score" | "rating" | "variance";
}

export const FIELD_SPECS: FieldSpec[] = [
  {
    field: "rag",
    kind: "rating",
    exactOnly: true,
    words: ["rag", "rag status", "overall rag"],
  },
  { field: "computedRag", kind: "rating", exactOnly: true, words: ["computed rag"] },
  {
    field: "override",
    kind: "rating",
    words: [
      "rag override",
      "manual rag",
      "pm rag",
      "dca",
      "delivery confidence",
      "delivery confidence assessment",
      "ipa delivery confidence assessment",
      "override",
      "manual rating",
      "colour rating",
      "pm rating",
      "project manager rag",
      "sro rag",
      "rag rating override",
      "override rag",
      "rag rating",
      "ipa rag rating",
      "mpa rag rating",
      "ipa rag",
      "mpa rag",
      "ipa dca",
      "sro dca",
      "dca rating",
      "ipa rating",
      "sro rating",
      "delivery confidence rating",
      "sro delivery confidence assessment",
      "delivery confidence assessment rating",
      "overall rating",
      "rating",
      "current rag",
      "current dca",
      "project rag",
      "self assessment",
      "sro self assessment",
    ],
  },
  {
    field: "ref",
    kind: "text",
    words: [
      "id",
      "ref",
      "reference",
      "no",
      "ref no",
      "project ref",
      "project id",
      "project no",
      "project number",
      "item no",
      "ref number",
      "reference number",
      "number",
      "code",
      "project code",
    ],
  },
  {
    field: "name",
    kind: "text",
    words: [
      "project",
      "item",
      "workstream",
      "title",
      "description",
      "service",
      "scheme",
      "name",
      "project name",
      "project title",
      "project description",
      "project workstream",
      "scheme name",
      "item description",
      "workstream name",
      "initiative",
      "project scheme",
      "programme project",
      "project programme name",
      "programme name",
      "project programme",
    ],
  },
  {
    field: "theme",
    kind: "text",
    words: [
      "theme",
      "category",
      "directorate",
      "strategic theme",
      "strategy theme",
      "programme theme",
      "annual report category",
      "priority",
      "service area",
      "portfolio",
      "department",
    ],
  },
  {
    field: "owner",
    kind: "text",
    words: [
      "owner",
      "lead",
      "lead officer",
      "responsible officer",
      "project manager",
      "project lead",
      "project owner",
      "sro",
      "senior responsible owner",
      "accountable officer",
      "officer",
      "responsible",
      "manager",
      "service lead",
      "sro name",
      "owner name",
      "lead name",
      "project manager name",
      "senior responsible owner name",
      "sro and project director",
    ],
  },
  {
    field: "budget",
    kind: "amount",
    words: [
      "budget",
      "allocation",
      "approved budget",
      "baseline",
      "budget allocation",
      "total budget",
      "revised budget",
      "current budget",
      "approved allocation",
      "capital budget",
      "total baseline",
      "financial year baseline",
      "budget approved",
      "whole life cost",
      "whole life costs",
      "wlc",
      "baseline whole life cost",
      "baseline whole life costs",
      "lifecycle cost",
      "life cycle cost",
      "total lifecycle cost",
      "planned cost",
      "planned total cost",
      "baseline cost",
      "approved cost",
      "budgeted cost",
      "budget total",
      "baseline total",
    ],
  },
  {
    field: "spent",
    kind: "amount",
    words: [
      "actual",
      "actuals",
      "spend to date",
      "spent",
      "spent to date",
      "expenditure to date",
      "spend",
      "actual spend",
      "actual to date",
      "actuals to date",
      "actual spend to date",
      "expenditure",
      "actual expenditure",
      "cost to date",
      "ytd actual",
      "ytd spend",
    ],
  },
  {
    field: "committed",
    kind: "amount",
    words: [
      "committed",
      "commitments",
      "commitment",
      "committed spend",
      "committed expenditure",
      "committed costs",
    ],
  },
  {
    field: "forecast",
    kind: "amount",
    words: [
      "forecast",
      "forecast outturn",
      "projected outturn",
      "outturn",
      "eac",
      "estimate at completion",
      "estimated outturn",
      "forecast spend",
      "projected spend",
      "forecast cost",
      "forecast total",
      "forecast out turn",
      "anticipated outturn",
      "estimated final cost",
      "financial year forecast",
      "total forecast",
      "projected cost",
      "projected actual cost",
      "projected total cost",
      "estimated cost",
      "estimated total cost",
      "forecast total cost",
      "anticipated cost",
      "forecast whole life cost",
      "total estimated cost",
      "estimated project cost",
      "revised cost",
      "current estimate",
      "latest estimate",
      "forecast at completion",
    ],
  },
  {
    // Money moved out of a year into a later one (issue 13).
    field: "slippage",
    kind: "amount",
    words: [
      "slippage",
      "carry forward",
      "carried forward",
      "c f",
      "slipped",
      "re profiled",
      "reprofiled",
      "re profiling",
      "reprofiling",
      "slippage to next year",
      "carry forward to next year",
      "budget carried forward",
      "budget slippage",
      "capital slippage",
    ],
  },
  {
    // A year's budget after re-profiling, beside its original budget (issue 13).
    field: "reprofiled",
    kind: "amount",
    words: ["re profiled budget", "reprofiled budget", "re profiled allocation", "reprofiled allocation"],
  },
  {
    field: "variance",
    kind: "variance",
    words: [
      "variance",
      "forecast variance",
      "budget variance",
      "variance to budget",
      "over under spend",
      "under over spend",
      "over underspend",
      "var",
    ],
  },
  {
    field: "start",
    kind: "date",
    words: [
      "start",
      "start date",
      "planned start",
      "planned start date",
      "actual start",
      "project start date",
    ],
  },
  {
    field: "end",
    kind: "date",
    words: [
      "end",
      "due",
      "target date",
      "completion date",
      "deadline",
      "finish",
      "end date",
      "due date",
      "finish date",
      "target completion date",
      "target end date",
      "planned end",
      "planned end date",
      "planned completion",
      "planned completion date",
      "go live date",
      "delivery date",
      "project end date",
      "revised end date",
      "target",
    ],
  },
  {
    field: "progress",
    kind: "percent",
    words: [
      "percent complete",
      "progress",
      "complete percent",
      "completion percent",
      "percent done",
      "percentage complete",
      "progress percent",
      "percent completed",
    ],
  },
  {
    field: "status",
    kind: "text",
    words: ["status", "project status", "delivery status", "current status", "stage"],
  },
  {
    field: "likelihood",
    kind: "score",
    words: ["likelihood", "probability", "risk likelihood", "likelihood score", "risk probability"],
  },
  {
    field: "impact",
    kind: "score",
    words: ["impact", "severity", "risk impact", "impact score", "consequence", "risk severity"],
  },
  {
    field: "riskScore",
    kind: "score",
    words: [
      "risk score",
      "score",
      "risk rating",
      "risk level",
      "overall risk",
      "risk rag",
      "residual risk",
      "risk status",
    ],
  },
  {
    field: "risk",
    kind: "text",
    words: [
      "risk",
      "key risk",
      "risks",
      "key risks",
      "risk description",
      "main risk",
      "top risk",
      "risks and issues",
      "issues and risks",
      "key risks and issues",
    ],
  },
  {
    field: "mitigation",
    kind: "text",
    words: [
      "mitigation",
      "mitigations",
      "mitigating actions",
      "mitigating action",
      "mitigation actions",
      "mitigation action",
      "risk mitigation",
      "actions",
      "controls",
    ],
  },
  {
    field: "financialYear",
    kind: "text",
    exactOnly: true,
    words: ["financial year", "fy", "year", "budget year"],
  },
  {
    // Why a manual rating differs from the computed one; shown beside the override in the report.
    field: "overrideReason",
    kind: "text",
    words: [
      "override reason",
      "reason for override",
      "override justification",
      "override rationale",
      "override comment",
      "override comments",
      "rag justification",
      "rag reason",
      "rag rationale",
      "reason for rag",
      "rag commentary",
    ],
  },
  {
    field: "commentary",
    kind: "text",
    words: [
      "commentary",
      "comments",
      "comment",
      "narrative",
      "notes",
      "note",
      "update",
      "progress update",
      "latest update",
    ],
  },
];

const SPEC_BY_FIELD = new Map(FIELD_SPECS.map((s) => [s.field, s]));
export function fieldKind(field: FieldKey): FieldSpec["kind"] {
  return SPEC_BY_FIELD.get(field)!.kind;
}

/** Words that make a header narrative (commentary), never a figure, date or rating. */
const NARRATIVE =
  /\b(commentary|comments?|narrative|notes?|explanation|explanations|reasons?|justification)\b/;

export interface HeaderInfo {
  /** The header as written (one line). */
  text: string;
  /** Lower-case words with units, brackets, years and money parts taken out. */
  words: string;
  /** Lower-case words of the whole header, with only punctuation taken out. */
  plain: string;
  unit: number;
  /** A currency the header names ("Cost ($m)", "Budget (USD)", "(£000's)"); null when it names none. */
  currency: CurrencyCode | null;
  year: number | null;
  /** A part of a sum of money ("revenue", "capital", "rdel", "cdel", "non government"); null for a whole. */
  part: string | null;
  percent: boolean;
  narrative: boolean;
  mentionsRag: boolean;
  /** The header promises numbers on a scale ("Likelihood (1-5)", "Impact score"). */
  numericScale: boolean;
  /** The header is about an earlier or changing value ("Previous DCA", "RAG last quarter", "DCA trend"). */
  prior: boolean;
  /** More words than a label (after notes in brackets are taken out): a sentence, not a column header. */
  sentence: boolean;
}

const CUR = String.raw`(?:£|\$|€|\b(?:us\$|a\$|c\$|nz\$|gbp|usd|eur|aud|cad|nzd))`;
const MILLION = String.raw`(?:m|mn|mln|mill?s?|millions?)`;
const BILLION = String.raw`(?:bn|b|billions?)`;
const THOUSAND = String.raw`(?:k|['’\`]?000['’\`]?s?|thousands?)`;
const UNIT_MILLION = new RegExp(
  String.raw`${CUR}\s*${MILLION}\b|\(\s*${MILLION}\s*\)|\bin\s+millions\b|\(\s*millions?\s+of\s+\w+\s*\)`,
);
const UNIT_BILLION = new RegExp(
  String.raw`${CUR}\s*${BILLION}\b|\(\s*(?:bn|billions?)\s*\)|\bin\s+billions\b`,
);
const UNIT_THOUSAND = new RegExp(
  String.raw`${CUR}\s*${THOUSAND}(?![\d,])|\(\s*['’]?000['’]?s?\s*\)|\(\s*k\s*\)|\bin\s+thousands\b`,
);
const UNIT_WORDS = new RegExp(String.raw`${CUR}\s*(?:${BILLION}|${MILLION}|${THOUSAND})(?![a-z\d])`, "g");
const HEADER_CURRENCY = /(us\$|a\$|c\$|nz\$|£|\$|€|\b(?:gbp|usd|eur|aud|cad|nzd)\b)/;
const PART =
  /\b(revenue|capital|rdel|cdel|resource|opex|capex|non government|non gov|government|ame|other)\b/g;
/** "Including capital", "excl capital": a note on the whole, not a part of it. */
const PART_EXCLUDED_BEFORE = /\b(?:including|incl|inc|excluding|excl|of which)\s$/;

/**
 * The first word naming a part of an amount that no "including"/"excluding" stands before. (A loop rather than
 * a lookbehind: lookbehind is ES2018, and the add-in must parse in ES2017 webviews.)
 */
function partOf(w: string): RegExpExecArray | null {
  PART.lastIndex = 0;
  for (let m = PART.exec(w); m !== null; m = PART.exec(w)) {
    if (!PART_EXCLUDED_BEFORE.test(w.slice(0, m.index))) return m;
  }
  return null;
}
const PRIOR =
  /\b(previous|prior|last (?:quarter|month|period|year|review)|trend|direction|movement|change|changes|since|baseline rag|was|history)\b/;

/** Text with its notes in brackets taken out, nested ones too; an unclosed bracket runs to the end. */
function withoutBrackets(text: string): string {
  if (!text.includes("(")) return text;
  let t = text;
  let before = "";
  while (t !== before) {
    before = t;
    t = t.replace(/\([^()]*\)/g, " ");
  }
  return t.replace(/\(.*$/, " ");
}

export function analyseHeader(cell: CellValue): HeaderInfo | null {
  // Headers are text: a number, date or boolean names no field (and the header search meets many of them).
  // Nor is a cell of more than 600 characters a header (a description or commentary, met in the header search).
  if (typeof cell !== "string" || cell.length > 600) return null;
  const text = readText(cell);
  if (text === null) return null;
  const raw = repairText(text).replace(/\s+/g, " ").trim();
  // camelCase and PascalCase run words together: "projectName", "totalBudget", "SROName".
  const split = /[a-z][A-Z]|[A-Z]{2}[a-z]{2}/.test(raw)
    ? raw.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z]{2})/g, "$1 $2")
    : raw;
  // Initialisms written with stops read as one word: "E.A.C." is EAC, "R.A.G." is RAG.
  const lower = split
    .toLowerCase()
    .replace(/_/g, " ")
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, "$1")
    .replace(/\b([a-z]{2,})\.(?=\s|$)/g, "$1");
  // A sentence (a description or note met in the header search) is told quickly and read no further.
  const bare = withoutBrackets(lower).trim();
  const roughWords = bare === "" ? 0 : bare.split(/\s+/).length;
  if (roughWords > 16 || (roughWords > 8 && /[.?!]$/.test(raw)))
    return {
      text: raw,
      words: bare,
      plain: bare,
      unit: 1,
      currency: null,
      year: null,
      part: null,
      percent: false,
      narrative: NARRATIVE.test(bare),
      mentionsRag: false,
      numericScale: false,
      prior: false,
      sentence: true,
    };
  let unit = 1;
  if (UNIT_BILLION.test(lower)) unit = 1_000_000_000;
  else if (UNIT_MILLION.test(lower)) unit = 1_000_000;
  else if (UNIT_THOUSAND.test(lower)) unit = 1_000;
  const currency = currencyOf(HEADER_CURRENCY.exec(lower)?.[1]);
  const year = financialYearInText(lower);
  const percent = /%|\bper ?cent\b|\bpercentage\b|%age/.test(lower);
  const numericScale = /\b1\s*(?:-|to)\s*(?:3|4|5|10)\b|\bscore\b/.test(lower);
  // Take out bracketed notes (an unclosed bracket runs to the end), units and the financial year.
  let w = withoutBrackets(lower)
    .replace(/\[[^\]]*\]?/g, " ")
    .replace(/%age\b/g, " percent ")
    .replace(/%/g, " percent ")
    .replace(UNIT_WORDS, " ")
    .replace(/\b(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}\b/g, " ")
    .replace(/£|€|\$/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  if (w === "" && percent) w = "percent";
  let part: string | null = null;
  // Only a label names a part of an amount (a sentence that mentions "government" does not).
  const pm = w.length <= 80 ? partOf(w) : null;
  if (pm) {
    const rest = (w.slice(0, pm.index) + " " + w.slice(pm.index + pm[0].length)).replace(/\s+/g, " ").trim();
    // A part of an amount only: "Capital budget" is the capital part of the budget; "Capital scheme" is a name.
    const kind = rest === "" ? null : bestOnWords(rest, percent)?.kind;
    if (kind === "amount") {
      part = pm[1] === "non gov" ? "non government" : pm[1]!;
      w = rest;
    }
  }
  // A note in brackets that says the value is an earlier one: "DCA (previous quarter)".
  const notes = [...lower.matchAll(/\(([^)]*)\)?/g)]
    .map((m) => m[1] ?? "")
    .filter((n) => n.split(/\s+/).length <= 4);
  const plain = lower
    .replace(/%/g, " percent ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  const wordCount = w === "" ? 0 : w.split(" ").length;
  return {
    text: raw,
    words: w,
    plain,
    unit,
    currency,
    year,
    part,
    percent,
    narrative: NARRATIVE.test(w),
    mentionsRag: /\b(rag|dca)\b|delivery confidence/.test(w),
    numericScale,
    prior: PRIOR.test(w) || notes.some((n) => PRIOR.test(n)),
    sentence: wordCount > 12 || (wordCount > 6 && /[.?!]$/.test(raw)) || /[a-z]\. [A-Z]/.test(raw),
  };
}

/** Exact beats ends-with (the head noun) beats starts-with beats contains; equal exact matches tie (first wins). */
function matchScore(header: string, phrase: string): number {
  if (header === phrase) return 1000;
  // Cheap test first: most phrases do not occur in most headers at all.
  const at = header.indexOf(phrase);
  if (at < 0) return 0;
  const n = phrase.split(" ").length;
  if (header.endsWith(" " + phrase)) return 100 + 10 * n;
  if (header.startsWith(phrase + " ")) return 50 + 10 * n;
  if ((" " + header + " ").includes(" " + phrase + " ")) return 10 + n;
  return 0;
}

/** The field a header is best read as, with its score; null when it names none. */
export function bestField(h: HeaderInfo): { field: FieldKey; score: number } | null {
  const key = `${h.words}\u0000${h.plain}\u0000${h.narrative}${h.mentionsRag}${h.percent}${h.prior}`;
  const cached = bestFieldCache.get(key);
  if (cached !== undefined) return cached;
  const found = bestFieldUncached(h);
  if (bestFieldCache.size > 5000) bestFieldCache.clear();
  bestFieldCache.set(key, found);
  return found;
}

/** Header texts repeat (every sheet of a workbook, every data row scanned for a header): remember the answers. */
const bestFieldCache = new Map<string, { field: FieldKey; score: number } | null>();

/** The amount or other field plain words name, for deciding whether a word is a money part. */
function bestOnWords(words: string, percent: boolean): { kind: FieldSpec["kind"] } | null {
  let best: { kind: FieldSpec["kind"]; score: number } | null = null;
  for (const spec of FIELD_SPECS) {
    if (spec.exactOnly || (percent && spec.kind === "amount")) continue;
    for (const phrase of spec.words) {
      const sc = matchScore(words, phrase);
      if (sc > 0 && (best === null || sc > best.score)) best = { kind: spec.kind, score: sc };
    }
  }
  return best;
}

/** Ratings of one side of a project, not its overall rating. */
const DIMENSION =
  /\b(finance|financial|cost|costs|budget|schedule|time|timescales?|benefits?|risks?|resources?|people|quality|scope|milestones?|commercial|technical|stakeholders?|governance)\b/;

/** Rating headers: a column that mentions a rating is one, whatever its notes say. */
const RATING_HEADER = /\b(rag|dca|delivery confidence|confidence assessment|colour rating)\b/;

function bestFieldUncached(h: HeaderInfo): { field: FieldKey; score: number } | null {
  let best: { field: FieldKey; score: number } | null = null;
  for (const spec of FIELD_SPECS) {
    // An earlier or changing rating ("Previous DCA", "RAG trend") is not the rating to use, nor is a rating of
    // one side of the project ("Finance RAG", "Schedule RAG"): the override is an overall rating.
    if (spec.field === "override" && (h.prior || DIMENSION.test(h.words))) continue;
    // A schedule variance ("Schedule Variance (in days)") is not money.
    if (spec.field === "variance" && /\b(schedule|days?|weeks?|months?|time|duration)\b/.test(h.plain))
      continue;
    if (h.narrative && spec.field !== "commentary" && spec.field !== "overrideReason") continue;
    if (
      h.mentionsRag &&
      !["rag", "override", "computedRag", "riskScore", "overrideReason"].includes(spec.field)
    )
      continue;
    if (h.percent && spec.kind === "amount") continue;
    let score = 0;
    for (const phrase of spec.words) {
      // Exact-only fields (the RAG column the tool writes) compare the whole header: a note in brackets
      // ("RAG (last month)") makes it another column.
      const s = spec.exactOnly ? (h.plain === phrase ? 1000 : 0) : matchScore(h.words, phrase);
      if (s > score) score = s;
    }
    // Whole-life costs are not the year's budget or forecast: let any plainer column win.
    if (score > 0 && spec.kind === "amount" && /\b(whole life|wlc|lifecycle|life cycle)\b/.test(h.words))
      score = Math.max(1, score - 60);
    if (score > 0 && (best === null || score > best.score)) best = { field: spec.field, score };
  }
  if (best === null && !h.narrative && !h.prior && !DIMENSION.test(h.words) && RATING_HEADER.test(h.words))
    best = { field: "override", score: 5 };
  return best;
}

export interface HeaderMap {
  /** The header's index into the grid's rows (not a sheet row: the caller adds the grid's rowOffset). */
  rowIndex: number;
  columns: ColumnMapping[];
  /**
   * Columns taken by a field, by field; several for per-year columns or money parts of one field summed
   * together, and for every rating column (left to right).
   */
  byField: Map<FieldKey, ColumnMapping[]>;
  /** Per-year columns of budget, spent, committed and forecast (including any used as the field itself). */
  yearColumns: ColumnMapping[];
  /** Columns holding a part of a sum of money ("Budget revenue", "Forecast CDEL"), by field. */
  partColumns: ColumnMapping[];
  /** A whole beside its parts ("Whole life cost" with its RDEL, CDEL and non-government parts): checked per row. */
  partChecks: { whole: ColumnMapping; parts: ColumnMapping[] }[];
  /** The variance column holds percentages. */
  variancePercent: boolean;
  /** Columns that looked like a field or like figures but were not read, each with the reason. */
  passedOver: PassedOverColumn[];
  /** Rows below the header row that are part of it (year labels under merged headings): 0 or 1. */
  subRows?: number;
  /** Spend-profile columns (a month, period or quarter each), as sheet columns (read/year-columns.ts). */
  periodColumns?: PeriodColumn[];
}

/** Fields that make a row a header row when found together. */
const CORE_FIELDS: FieldKey[] = ["ref", "name"];

/** Which column a field's score class means, in words for the mapping. */
function scoreWords(score: number): string {
  if (score >= 1000) return "the header is one of its words";
  if (score >= 100) return "the header ends with one of its words";
  if (score >= 50) return "the header starts with one of its words";
  if (score > 5) return "the header contains one of its words";
  return "the header mentions a rating";
}

const FIELD_LABEL: Partial<Record<FieldKey, string>> = {
  ref: "reference",
  riskScore: "risk score",
  end: "target date",
  progress: "% complete",
  financialYear: "financial year",
  computedRag: "computed RAG",
  rag: "RAG",
  reprofiled: "re-profiled budget",
};
export const fieldLabel = (f: FieldKey): string => FIELD_LABEL[f] ?? f;

/**
 * Maps one row's cells. `colOffset` turns grid columns into sheet columns. With `content` (what each grid
 * column holds below the header), a column whose cells do not fit the field ("Baseline date" full of dates for
 * the budget) is passed over and the next-best column is taken.
 */
export function mapHeaderRow(
  row: readonly CellValue[],
  colOffset: ColIndex,
  rowIndex: number,
  content?: (gridCol: number) => ColumnProfile,
): HeaderMap {
  type Cand = { col: ColIndex; info: HeaderInfo; field: FieldKey; score: number };
  const cands: Cand[] = [];
  const passedOver: PassedOverColumn[] = [];
  for (let c = 0; c < row.length; c++) {
    const info = analyseHeader(row[c]);
    if (!info) continue;
    // A sentence is a note, not a column header (a notes row never wins the header search).
    if (info.sentence) continue;
    const best = bestField(info);
    if (!best) {
      if (content && looksLikeFigures(content(c)))
        passedOver.push({ col: c + colOffset, header: info.text, reason: "its header names no field" });
      continue;
    }
    if (content) {
      const why = contentMismatch(fieldKind(best.field), best.field, content(c));
      if (why) {
        passedOver.push({
          col: c + colOffset,
          header: info.text,
          reason: `looks like the ${fieldLabel(best.field)} by its header, but ${why}`,
        });
        continue;
      }
    }
    cands.push({ col: c + colOffset, info, field: best.field, score: best.score });
  }
  const byField = new Map<FieldKey, ColumnMapping[]>();
  const yearColumns: ColumnMapping[] = [];
  const partColumns: ColumnMapping[] = [];
  const partChecks: HeaderMap["partChecks"] = [];
  const columns: ColumnMapping[] = [];
  let variancePercent = false;
  const toMapping = (c: Cand, why: string): ColumnMapping => ({
    field: c.field,
    col: c.col,
    header: c.info.text,
    unit: c.info.unit,
    year: c.info.year,
    part: c.info.part,
    currency: c.info.currency,
    why,
  });
  const fields = new Set(cands.map((c) => c.field));
  for (const field of fields) {
    const mine = cands.filter((c) => c.field === field);
    const kind = fieldKind(field);
    if (field === "override") {
      // Every rating column is read; the first (leftmost) with a rating for an item sets its override. Columns
      // that name a period ("DCA Q2 2019/20") come after those that do not, the latest period first.
      mine.sort((a, b) => {
        const pa = periodOf(a.info.plain);
        const pb = periodOf(b.info.plain);
        if (pa === null || pb === null) return pa === pb ? a.col - b.col : pa === null ? -1 : 1;
        return pb - pa || a.col - b.col;
      });
      const maps = mine.map((c, i) =>
        toMapping(
          c,
          `${scoreWords(c.score)}${mine.length > 1 ? ` (rating column ${i + 1} of ${mine.length})` : ""}`,
        ),
      );
      byField.set(field, maps);
      columns.push(...maps);
      continue;
    }
    // Best score first; among equals a whole before a part, a column without a year before one with; leftmost.
    mine.sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.info.year !== null) - Number(b.info.year !== null) ||
        Number(a.info.part !== null) - Number(b.info.part !== null) ||
        a.col - b.col,
    );
    const top = mine[0]!;
    if (kind === "amount") {
      for (const c of mine) {
        if (c.info.year !== null) yearColumns.push(toMapping(c, ""));
        if (c.info.part !== null) partColumns.push(toMapping(c, ""));
      }
      // A whole beside its parts, with the same words otherwise ("WLC total" and "WLC RDEL", "WLC CDEL").
      const groups = new Map<string, Cand[]>();
      for (const c of mine) {
        const key = `${c.info.words
          .replace(/\btotal\b/g, " ")
          .replace(/\s+/g, " ")
          .trim()}|${c.info.year}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push(c);
      }
      for (const g of groups.values()) {
        const whole = g.find((c) => c.info.part === null);
        const parts = g.filter((c) => c.info.part !== null);
        if (whole && parts.length > 0 && new Set(parts.map((p) => p.info.part)).size === parts.length)
          partChecks.push({ whole: toMapping(whole, ""), parts: parts.map((p) => toMapping(p, "")) });
      }
    }
    let chosen: Cand[] = [top];
    let how = scoreWords(top.score);
    if (kind === "amount" && (top.info.year !== null || top.info.part !== null)) {
      // Per-year columns or parts with no column for the whole: the field is their sum ("Budget 2020/21" +
      // "Budget 2021/22"; "Revenue budget" + "Capital budget").
      const siblings = mine.filter(
        (c) =>
          c.score === top.score &&
          (c.info.year !== null || c.info.part !== null) &&
          (top.info.year === null || c.info.year !== null),
      );
      const keys = new Set(siblings.map((c) => `${c.info.year}|${c.info.part}`));
      if (keys.size === siblings.length && siblings.length > 1) {
        chosen = siblings.sort((a, b) => a.col - b.col);
        how += top.info.year !== null ? "; the sum of its per-year columns" : "; the sum of its parts";
      }
    }
    if (chosen.length > 1 && chosen.every((c) => c.info.part !== null)) {
      // The parts have a whole beside them ("Baseline total" beside "Baseline RDEL", "Baseline CDEL"): the
      // whole is read, and the parts are checked against it.
      const check = partChecks.find((g) => g.parts.some((p) => p.col === chosen[0]!.col));
      const whole = check ? mine.find((c) => c.col === check.whole.col) : undefined;
      if (whole) {
        chosen = [whole];
        how = `${scoreWords(whole.score)}; the whole beside its parts`;
      }
    }
    const rivals = mine.filter((c) => !chosen.includes(c));
    for (const r of rivals)
      passedOver.push({
        col: r.col,
        header: r.info.text,
        // A year's column beside the whole (issue 13) is read for the by-year view, not as the item's figure.
        reason:
          kind === "amount" && r.info.year !== null && chosen.every((c) => c.info.year === null)
            ? `a ${financialYearLabelOf(r.info.year)} column of the ${fieldLabel(field)}: read for the by-year view; the item's ${fieldLabel(field)} is ${columnLettersOf(top.col)} "${top.info.text}"`
            : `could be the ${fieldLabel(field)}, but ${columnLettersOf(top.col)} "${top.info.text}" ${top.score > r.score ? "names it better" : "comes first"}`,
      });
    const mappings = chosen.map((c) => toMapping(c, how));
    byField.set(field, mappings);
    columns.push(...mappings);
    if (field === "variance") {
      const p = content?.(top.col - colOffset);
      if (top.info.percent || (p && p.percents * 2 > p.filled && p.filled > 0)) variancePercent = true;
    }
  }
  // Commentary may be several columns; keep them all (they are shown, never computed on).
  const commentary = cands
    .filter((c) => c.field === "commentary")
    .map((c) => toMapping(c, scoreWords(c.score)));
  if (commentary.length > 1) {
    byField.set("commentary", commentary);
    for (const m of commentary) if (!columns.some((x) => x.col === m.col)) columns.push(m);
    for (let i = passedOver.length - 1; i >= 0; i--)
      if (commentary.some((m) => m.col === passedOver[i]!.col)) passedOver.splice(i, 1);
  }
  columns.sort((a, b) => a.col - b.col);
  passedOver.sort((a, b) => a.col - b.col);
  return {
    rowIndex,
    columns,
    byField,
    yearColumns,
    partColumns,
    partChecks,
    variancePercent,
    passedOver,
  };
}

/** How strongly a mapped row looks like a programme-of-works header. */
function headerStrength(map: HeaderMap): number {
  let strong = 0;
  for (const [field] of map.byField) {
    if (field === "commentary" || field === "overrideReason") continue;
    strong++;
  }
  return strong;
}

/**
 * The header row: among the first `scanRows` rows, the one that maps the most fields, needing at least three
 * and a name or reference column. Title rows, merged title cells and blank rows above it are passed over.
 * Given the grid, the chosen row is mapped again with what each column holds.
 */
export function findHeaderRow(
  values: readonly (readonly CellValue[])[],
  colOffset: ColIndex,
  scanRows = 30,
  grid?: SheetGrid,
  /** The workbook's date system, for month headers held as date serials ("Apr-20" formatted). */
  dateSystem: DateSystem = 1900,
): HeaderMap | null {
  let best: HeaderMap | null = null;
  let bestStrength = 0;
  const limit = Math.min(scanRows, values.length);
  for (let r = 0; r < limit; r++) {
    const row = values[r];
    if (!row || row.length === 0) continue;
    let map = mapHeaderRow(row, colOffset, r);
    let strength = headerStrength(map);
    if (strength < 3) {
      // Years under merged headings may be what makes the row a header ("Budget" over "20/21", "21/22").
      const g = groupedHeader(values, r);
      if (g.row.some((v, c) => v !== row[c])) {
        map = mapHeaderRow(g.row, colOffset, r);
        strength = headerStrength(map);
      }
    }
    if (strength < 3 || !CORE_FIELDS.some((f) => map.byField.has(f))) continue;
    if (strength > bestStrength) {
      best = map;
      bestStrength = strength;
    }
  }
  if (!best) return null;
  // Year and period labels under merged headings ("Budget" over "2020/21" and "2021/22"): issue 13.
  const at = best.rowIndex;
  const grouped = groupedHeader(values, at, grid?.numberFormats, dateSystem);
  const changed =
    grouped.subRows > 0 || grouped.periods.length > 0 || grouped.row.some((v, c) => v !== values[at]![c]);
  const headerCells = changed ? grouped.row : values[at]!;
  const withGroups = (map: HeaderMap): HeaderMap =>
    changed
      ? {
          ...map,
          subRows: grouped.subRows,
          periodColumns: grouped.periods.map((p) => ({ ...p, col: p.col + colOffset })),
        }
      : map;
  if (grid) {
    const first = at + 1 + grouped.subRows;
    const profiles = new Map<number, ColumnProfile>();
    const content = (c: number): ColumnProfile => {
      let p = profiles.get(c);
      if (!p) profiles.set(c, (p = profileColumn(grid, c, first)));
      return p;
    };
    const remapped = mapHeaderRow(headerCells, colOffset, at, content);
    if (CORE_FIELDS.some((f) => remapped.byField.has(f))) return withGroups(remapped);
  }
  return changed ? withGroups(mapHeaderRow(headerCells, colOffset, at)) : best;
}

/**
 * A sheet whose field names run down its first columns with one project per column (a "transposed" master):
 * the fields found there, or null when it does not look like one.
 */
export function transposedFields(values: readonly (readonly CellValue[])[]): FieldKey[] | null {
  const found = new Set<FieldKey>();
  const limit = Math.min(values.length, 200);
  for (let r = 0; r < limit; r++) {
    const row = values[r];
    if (!row) continue;
    // The label is the first filled cell of the first two columns, with values to its right.
    for (let c = 0; c < Math.min(2, row.length); c++) {
      const info = analyseHeader(row[c]);
      if (!info) continue;
      if (!info.sentence && row.slice(c + 1).some((v) => !isBlank(v))) {
        const b = bestField(info);
        if (b && b.score >= 50 && b.field !== "commentary") found.add(b.field);
      }
      break;
    }
  }
  const fields = [...found];
  return fields.length >= 4 && CORE_FIELDS.some((f) => found.has(f)) ? fields : null;
}

/** A period a header names, as a sortable number (year × 10 + quarter); null when it names none. */
function periodOf(plain: string): number | null {
  const fy = financialYearInText(plain.replace(/ (\d{2,4}) (\d{2,4})\b/, " $1/$2"));
  const q = /\bq([1-4])\b/.exec(plain);
  const y = fy ?? (/\b(19|20)(\d{2})\b/.exec(plain) ? Number(/\b((?:19|20)\d{2})\b/.exec(plain)![1]) : null);
  if (y === null && !q) return null;
  return (y ?? 0) * 10 + (q ? Number(q[1]) : 0);
}
