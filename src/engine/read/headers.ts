/**
 * Finding the header row and mapping columns to fields by their header words.
 *
 * Headers are compared case- and punctuation-insensitively after units ("£'000", "(£m)"), notes in brackets
 * and financial years ("2020/21") are taken out. A header scores for a field when it is one of the field's
 * words exactly (best), ends with them (the head noun: "Financial Year Forecast" is a forecast, "Forecast
 * Variance" is a variance), starts with them, or merely contains them (weakest). Each column goes to its
 * best-scoring field; each field takes its best column, the first of equals.
 */
import type { CellValue } from "../grid";
import type { ColumnMapping, FieldKey } from "../model";
import { financialYearInText, readText, repairText } from "./cells";

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
    ],
  },
  {
    field: "id",
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
    ],
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
  /** Lower-case words with units, brackets and years taken out. */
  words: string;
  /** Lower-case words of the whole header, with only punctuation taken out. */
  plain: string;
  unit: number;
  year: number | null;
  percent: boolean;
  narrative: boolean;
  mentionsRag: boolean;
}

export function analyseHeader(cell: CellValue): HeaderInfo | null {
  const text = readText(cell);
  if (text === null) return null;
  const raw = repairText(text).replace(/\s+/g, " ").trim();
  // Initialisms written with stops read as one word: "E.A.C." is EAC, "R.A.G." is RAG.
  const lower = raw
    .toLowerCase()
    .replace(/\b([a-z])\.(?=[a-z]\b)/g, "$1")
    .replace(/\b([a-z]{2,})\.(?=\s|$)/g, "$1");
  let unit = 1;
  if (/£\s*(m|mn|millions?)\b|\(\s*m\s*\)|£\s*million/.test(lower)) unit = 1_000_000;
  else if (/£\s*(k|['’`]?000s?|thousands?)(?![\d,])|\(\s*['’]?000s?\s*\)|\(\s*k\s*\)/.test(lower))
    unit = 1_000;
  const year = financialYearInText(lower);
  const percent = /%|\bper ?cent\b|\bpercentage\b|%age/.test(lower);
  // Take out bracketed notes (an unclosed bracket runs to the end), units and the financial year.
  let w = lower
    .replace(/\([^)]*\)?/g, " ")
    .replace(/\[[^\]]*\]?/g, " ")
    .replace(/%age\b/g, " percent ")
    .replace(/%/g, " percent ")
    .replace(/£\s*(m|mn|k|['’`]?000s?|millions?|thousands?)(?![a-z\d])/g, " ")
    .replace(/(?:fy\s*)?\b\d{2,4}\s*[/-]\s*\d{2,4}\b/g, " ")
    .replace(/£/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  if (w === "" && percent) w = "percent";
  const plain = lower
    .replace(/%/g, " percent ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return {
    text: raw,
    words: w,
    plain,
    unit,
    year,
    percent,
    narrative: NARRATIVE.test(w),
    mentionsRag: /\brag\b/.test(w),
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
  const key = `${h.words}\u0000${h.plain}\u0000${h.narrative}${h.mentionsRag}${h.percent}`;
  const cached = bestFieldCache.get(key);
  if (cached !== undefined) return cached;
  const found = bestFieldUncached(h);
  if (bestFieldCache.size > 5000) bestFieldCache.clear();
  bestFieldCache.set(key, found);
  return found;
}

/** Header texts repeat (every sheet of a workbook, every data row scanned for a header): remember the answers. */
const bestFieldCache = new Map<string, { field: FieldKey; score: number } | null>();

function bestFieldUncached(h: HeaderInfo): { field: FieldKey; score: number } | null {
  let best: { field: FieldKey; score: number } | null = null;
  for (const spec of FIELD_SPECS) {
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
    if (score > 0 && spec.kind === "amount" && /\bwhole life\b/.test(h.words)) score -= 60;
    if (score > 0 && (best === null || score > best.score)) best = { field: spec.field, score };
  }
  return best;
}

export interface HeaderMap {
  /** 0-based sheet row of the header (relative to the grid: the caller adds the offset). */
  rowIndex: number;
  columns: ColumnMapping[];
  /** Columns taken by a field, by field; several for per-year columns of one field summed together. */
  byField: Map<FieldKey, ColumnMapping[]>;
  /** Per-year columns of budget, spent, committed and forecast (including any used as the field itself). */
  yearColumns: ColumnMapping[];
  /** The variance column holds percentages. */
  variancePercent: boolean;
}

/** Fields that make a row a header row when found together. */
const CORE_FIELDS: FieldKey[] = ["id", "name"];

/**
 * Maps one row's cells. `colOffset` turns grid columns into sheet columns.
 */
export function mapHeaderRow(row: readonly CellValue[], colOffset: number, rowIndex: number): HeaderMap {
  type Cand = { col: number; info: HeaderInfo; field: FieldKey; score: number };
  const cands: Cand[] = [];
  for (let c = 0; c < row.length; c++) {
    const info = analyseHeader(row[c]);
    if (!info) continue;
    const best = bestField(info);
    if (best) cands.push({ col: c + colOffset, info, field: best.field, score: best.score });
  }
  const byField = new Map<FieldKey, ColumnMapping[]>();
  const yearColumns: ColumnMapping[] = [];
  const columns: ColumnMapping[] = [];
  let variancePercent = false;
  const toMapping = (c: Cand): ColumnMapping => ({
    field: c.field,
    col: c.col,
    header: c.info.text,
    unit: c.info.unit,
    year: c.info.year,
  });
  const fields = new Set(cands.map((c) => c.field));
  for (const field of fields) {
    const mine = cands.filter((c) => c.field === field);
    // Best score first; among equals a column without a year before one with; then leftmost.
    mine.sort(
      (a, b) =>
        b.score - a.score || Number(a.info.year !== null) - Number(b.info.year !== null) || a.col - b.col,
    );
    const top = mine[0]!;
    const kind = fieldKind(field);
    if (kind === "amount") {
      for (const c of mine) if (c.info.year !== null) yearColumns.push(toMapping(c));
    }
    let chosen: Cand[] = [top];
    if (kind === "amount" && top.info.year !== null) {
      // Per-year columns with no all-years column: the field is their sum ("Budget 2020/21" + "Budget 2021/22").
      const siblings = mine.filter((c) => c.score === top.score && c.info.year !== null);
      const years = new Set(siblings.map((c) => c.info.year));
      if (years.size === siblings.length && siblings.length > 1)
        chosen = siblings.sort((a, b) => a.col - b.col);
    }
    const mappings = chosen.map(toMapping);
    byField.set(field, mappings);
    columns.push(...mappings);
    if (field === "variance" && top.info.percent) variancePercent = true;
  }
  // Commentary may be several columns; keep them all (they are shown, never computed on).
  const commentary = cands.filter((c) => c.field === "commentary").map(toMapping);
  if (commentary.length > 1) {
    byField.set("commentary", commentary);
    for (const m of commentary) if (!columns.some((x) => x.col === m.col)) columns.push(m);
  }
  columns.sort((a, b) => a.col - b.col);
  return { rowIndex, columns, byField, yearColumns, variancePercent };
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
 */
export function findHeaderRow(
  values: readonly (readonly CellValue[])[],
  colOffset: number,
  scanRows = 30,
): HeaderMap | null {
  let best: HeaderMap | null = null;
  let bestStrength = 0;
  const limit = Math.min(scanRows, values.length);
  for (let r = 0; r < limit; r++) {
    const row = values[r];
    if (!row || row.length === 0) continue;
    const map = mapHeaderRow(row, colOffset, r);
    const strength = headerStrength(map);
    if (strength < 3 || !CORE_FIELDS.some((f) => map.byField.has(f))) continue;
    if (strength > bestStrength) {
      best = map;
      bestStrength = strength;
    }
  }
  return best;
}
