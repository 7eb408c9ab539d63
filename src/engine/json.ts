/** The command line's --json output, in exactly the documented shape (money in pounds, at most 2 decimals). */
import type { DimensionItemJson, DimensionKey, DimensionRags } from "./assess/registry";
import { dimensions } from "./assess/registry";
import { financialYearLabel, financialYearStart, formatDayIso } from "./dates";
import { excelRowOf } from "./coords";
import { columnLetters } from "./grid";
import { MAX_COLUMN } from "./read/sheet";
import type { Pence } from "./money";
import type { AssessedItem, FieldKey, ItemRag, ProgrammeAnalysis } from "./model";
import type { OverrideRag, RagCountKey, RagCounts, RagStatus } from "./rag";
import type { Direction } from "./report/history";
import { historyRagKey } from "./report/history";
import type { Flow, Trend } from "./report/trend";
import { changeText } from "./report/trend";
import { toPounds } from "./money";
import type { AssessedMilestone } from "./assess/milestones";
import type { DayNumber } from "./dates";
import { slippedBy } from "./report/milestone-history";
import type { JsonRiskRegister } from "./json-risks";
import { riskRegisterJson } from "./json-risks";
import type { RiskScoresBefore } from "./report/top-risks";
import { ratedRiskScore } from "./report/exceptions";

/** An item's ratings and forecast at the last quarter the history holds, with what changed since. */
export type JsonItemPrevious = {
  quarter: string;
} & DimensionRags<string> & {
    overall: string;
    forecast: number | null;
    forecastChange: number | null;
    /** "Schedule Green → Red", one per dimension that changed. */
    changes: string[];
    /**
     * How the overall rating moved: improved, worse, unchanged, or noLongerRated / newlyRated (to or from Not
     * assessed, which is neither better nor worse).
     */
    direction: Direction;
    /** The rules' (computed) rating in that snapshot; null in a history written before it was kept. */
    computed: string | null;
    /** True when an override sets the rating now and the computed rating worsened behind it. */
    worseBehindOverride: boolean;
  };

/** The programme at the last quarter the history holds, and the flows since. */
export interface JsonProgrammePrevious {
  /** The quarter and month of the snapshot compared with, and what the trend is since in words. */
  quarter: string;
  period: string;
  since: string;
  reportingDate: string;
  /** null when the history was written before the programme's own row was kept. */
  programmeRag: string | null;
  budgetRag: string | null;
  deliveryRag: string | null;
  forecast: number | null;
  forecastChange: number | null;
  flows: Record<RagCountKey, Flow>;
  improved: number;
  worsened: number;
  newItems: number;
  closed: { sheet: string; ref: string | null; name: string | null; overall: string }[];
  /** Items rated then and Not assessed now, and the reverse: counted apart from improved and worse. */
  noLongerRated: number;
  newlyRated: number;
  /** Items whose computed rating worsened behind an override (the reported rating did not worsen). */
  worseBehindOverride: number;
}

const pounds = (p: Pence | null): number | null => (p === null ? null : toPounds(p));

export interface JsonColumn {
  field: FieldKey;
  /** The column's letters ("E"). */
  column: string;
  header: string;
  /** Multiplier from the header's unit (1, 1,000, 1,000,000, 1,000,000,000). */
  unit: number;
  year: string | null;
  part: string | null;
  /** Why this column was read for the field. */
  why: string;
}

export interface JsonReport {
  reportingDate: string;
  period: string;
  /** The reporting date's month of the financial year: 9 and "Period 9 (December) 2020/21", its first and last day. */
  month: { period: number; label: string; start: string; end: string };
  /** "month" or "quarter": a monthly or a quarterly report (what `previous` is the snapshot of). */
  cycle: string;
  allocation: number;
  /** ISO code of the currency amounts are in ("GBP" unless the sheets say otherwise). */
  currency: string;
  /** The programme's name and period, and its RAG: the worse of delivery and budget, each with its reason. */
  programme: {
    name: string;
    start: string;
    end: string;
    rag: RagStatus;
    reason: string;
    delivery: { rag: RagStatus; reason: string };
    budget: { rag: RagStatus; reason: string };
  };
  totals: {
    budget: number;
    spent: number;
    committed: number;
    forecast: number;
    variance: number;
    unallocated: number;
    varianceToAllocation: number;
    /** The budget RAG of the programme against its allocation (the programme's overall RAG is programme.rag). */
    rag: RagStatus;
    /** Items whose budget cell could not be read: their money is in none of these figures. */
    budgetsNotRead: number;
  };
  ragCounts: RagCounts;
  /** For each programme sheet, the column read for each field and the columns passed over, with reasons. */
  sheets: {
    name: string;
    /** Excel row number of the header row. */
    headerRow: number;
    items: number;
    currency: string;
    /** Read turned: field names down the first column, one project per column (nothing is written into it). */
    transposed: boolean;
    columns: JsonColumn[];
    passedOver: { column: string; header: string; reason: string }[];
    /** `column` is null when no column was left for it (the header runs to XFD): nothing is written. */
    ragColumn: { column: string | null; header: string; added: boolean };
    computedColumn: { column: string | null; added: boolean } | null;
  }[];
  items: ({
    sheet: string;
    row: number;
    /** The item's reference. */
    ref: string | null;
    /** The same reference under its first name, kept for scripts written against earlier versions. */
    id: string | null;
    name: string | null;
    theme: string | null;
    owner: string | null;
    /** Each dimension's fields (the budget's amounts, the schedule's dates, the risk's score). */
  } & DimensionItemJson & {
      /** Every rating column's value, left to right. */
      ratings: { column: string; header: string; value: OverrideRag | null; text: string | null }[];
      /** The header of the rating column that set the override; null when none did. */
      overrideFrom: string | null;
      /** Money parts, where the sheet splits an amount into parts ("revenue", "capital", "rdel"...). */
      parts: { field: string; part: string; year: string | null; amount: number | null }[];
      rag: ItemRag;
      reasons: string[];
      /** null when the item is new or there is no earlier quarter (see the top-level previous). */
      previous: JsonItemPrevious | null;
      /** The status cell's text, as written (null without one). */
      status: string | null;
      /** True when the status says cancelled (the item is not rated), false otherwise. */
      cancelled: boolean;
      /** True when the status says on hold, false otherwise. */
      onHold: boolean;
      /**
       * The score that set the Risk RAG, as the report's Top risks shows it: the row's own riskScore, or a
       * linked register risk's that rates the item worse (its residual score where given, else its inherent);
       * null when not scored.
       */
      ratedRiskScore: number | null;
    })[];
  skipped: { sheet: string; row: number; reason: string }[];
  issues: { sheet: string; cell: string; severity: "error" | "warning"; message: string }[];
  /** null when the workbook's RAG History holds no earlier quarter. */
  previous: JsonProgrammePrevious | null;
  /** Every milestone read (issue 12), rated, with the items it links to (empty when the workbook has none). */
  milestones: JsonMilestone[];
  /** The workbook's risk registers with each risk's rating (json-risks.ts); null when it has none. */
  riskRegister: JsonRiskRegister | null;
  /** Money by financial year (issue 13): report/by-year.ts's table, in pounds. */
  years: JsonYears;
  /**
   * Items whose status says cancelled (schedule.cancelledStatuses): not rated (Not assessed), their money in the
   * totals, left out of the exceptions, Coming up, the top risks and Key milestones; listed apart as the
   * report's data notes list them.
   */
  cancelled: JsonStatusItem[];
  /** Items whose status says on hold (schedule.onHoldStatuses): rated as any other, their schedule's reason saying so. */
  onHold: JsonStatusItem[];
}

/** An item named by its status (cancelled, on hold): where it is and what the status cell says. */
export interface JsonStatusItem {
  sheet: string;
  row: number;
  ref: string | null;
  name: string | null;
  status: string;
}

/** A milestone in --json: dates as YYYY-MM-DD. */
export interface JsonMilestone {
  sheet: string;
  row: number;
  /** "sheet": a milestones sheet's row; "programme": a programme sheet's "Next milestone". */
  source: string;
  project: string | null;
  /** The items it links to, by sheet, row and reference. */
  items: { sheet: string; row: number; ref: string | null; name: string | null }[];
  name: string;
  key: boolean;
  owner: string | null;
  status: string | null;
  baseline: string | null;
  forecast: string | null;
  actual: string | null;
  /** Achieved, Green, Amber, Red or Not assessed. */
  rag: string;
  /** Days late (positive) or early against the baseline. */
  slip: number | null;
  missed: boolean;
  reason: string;
  /** Its forecast at the previous snapshot, and how many days later it is now (null when not known). */
  previousForecast: string | null;
  slippedDays: number | null;
}

export interface JsonYears {
  /** The reporting date's financial year ("2020/21"). */
  currentYear: string;
  /** What the budget RAG was rated on: "programme" or "inYear". */
  budgetBasis: string;
  rows: {
    year: string;
    status: string;
    allocation: number | null;
    budget: number;
    spent: number;
    committed: number;
    forecast: number;
    variance: number;
    slippage: number;
    carriedForward: number;
  }[];
  /** Items with no year: their money is in no year's row. */
  noYear: { items: number; budget: number; spent: number; committed: number; forecast: number };
  basis: string[];
  /** Items whose budget cell could not be read: their money is in no year's row. */
  budgetsNotRead: number;
}

/** Every registered dimension's fields of an item, in the registry's order. */
function dimensionFields(i: AssessedItem): DimensionItemJson {
  const out: Record<string, unknown> = {};
  for (const d of dimensions()) Object.assign(out, d.json(i));
  return out as DimensionItemJson;
}
const fy = (y: number | null): string | null => (y === null ? null : financialYearLabel(y));

/**
 * An item's years with the spend and commitments the year totals place in them where the sheet gives them as a
 * whole (assess/years.ts): the same money the years' rows add up, instead of null.
 */
function placedYears(
  fields: DimensionItemJson,
  placed: readonly { year: number; spent: Pence | null; committed: Pence | null }[] | undefined,
): DimensionItemJson {
  const years = (fields as { years?: { year: string; spent: number | null; committed: number | null }[] })
    .years;
  if (!placed || !years) return fields;
  const at = new Map(placed.map((p) => [financialYearLabel(p.year), p]));
  for (const y of years) {
    const p = at.get(y.year);
    if (!p) continue;
    if (y.spent === null && p.spent !== null) y.spent = toPounds(p.spent);
    if (y.committed === null && p.committed !== null) y.committed = toPounds(p.committed);
  }
  return fields;
}

export function toJsonReport(
  a: ProgrammeAnalysis,
  trend: Trend | null = null,
  riskScoresBefore: RiskScoresBefore | null = null,
): JsonReport {
  const t = a.totals;
  const p = a.programmeRag;
  const trendOf = new Map((trend?.items ?? []).map((x) => [x.item, x]));
  return {
    reportingDate: formatDayIso(a.reportingDate),
    period: a.period,
    month: {
      period: a.month.period,
      label: a.month.label,
      start: formatDayIso(a.month.start),
      end: formatDayIso(a.month.end),
    },
    cycle: a.cycle,
    allocation: toPounds(a.allocation),
    currency: a.currency,
    programme: {
      name: a.programmeName,
      start: formatDayIso(a.periodStart),
      end: formatDayIso(a.periodEnd),
      rag: p.rag,
      reason: p.reason,
      delivery: { ...p.delivery },
      budget: { ...p.budget },
    },
    totals: {
      budget: toPounds(t.budget),
      spent: toPounds(t.spent),
      committed: toPounds(t.committed),
      forecast: toPounds(t.forecast),
      variance: toPounds(t.variance),
      unallocated: toPounds(t.unallocated),
      varianceToAllocation: toPounds(t.varianceToAllocation),
      rag: t.rag,
      budgetsNotRead: t.budgetsNotRead,
    },
    ragCounts: { ...a.ragCounts },
    sheets: a.sheets.map((s) => {
      // On a transposed sheet a field's "column" is a row of the sheet.
      const at = (col: number): string => (s.transposed ? `row ${col + 1}` : columnLetters(col));
      return {
        name: s.name,
        headerRow: excelRowOf(s.headerRow),
        items: s.itemCount,
        currency: s.currency,
        transposed: s.transposed,
        columns: s.columns.map((c) => ({
          field: c.field,
          column: at(c.col),
          header: c.header,
          unit: c.unit,
          year: fy(c.year),
          part: c.part ?? null,
          why: c.why ?? "",
        })),
        passedOver: s.passedOver.map((o) => ({
          column: columnLetters(o.col),
          header: o.header,
          reason: o.reason,
        })),
        ragColumn: {
          column: placedColumn(s.ragColumn.col),
          header: s.ragColumn.header,
          added: s.ragColumn.added && s.ragColumn.col <= MAX_COLUMN,
        },
        computedColumn: s.computedColumn
          ? {
              column: placedColumn(s.computedColumn.col),
              added: s.computedColumn.added && s.computedColumn.col <= MAX_COLUMN,
            }
          : null,
      };
    }),
    items: a.items.map((i) => ({
      sheet: i.sheet,
      row: i.row,
      ref: i.ref,
      id: i.ref,
      name: i.name,
      theme: i.theme,
      owner: i.owner,
      ...placedYears(dimensionFields(i), a.years?.placed?.get(i)),
      ratings: i.ratings.map((r) => ({
        column: columnLetters(r.col),
        header: r.header,
        value: r.value,
        text: r.text,
      })),
      overrideFrom: i.overrideFrom,
      parts: i.parts.map((x) => ({
        field: x.field,
        part: x.part,
        year: fy(x.year),
        amount: pounds(x.amount),
      })),
      rag: { ...i.rag },
      reasons: i.reasons.map((r) => r.text),
      previous: (() => {
        const x = trendOf.get(i);
        if (!x || !x.before || !trend) return null;
        return {
          quarter: trend.quarter,
          ...(Object.fromEntries(
            dimensions().map((d) => [d.key, x.before![historyRagKey(d.key as DimensionKey)]]),
          ) as DimensionRags<string>),
          overall: x.before.overall,
          forecast: pounds(x.before.forecast),
          forecastChange: pounds(x.forecastChange),
          changes: x.changes.map(changeText),
          direction: x.overall,
          computed: x.before.computed || null,
          worseBehindOverride: x.worseBehindOverride,
        };
      })(),
      status: i.status,
      cancelled: i.cancelled === true,
      onHold: i.onHold === true,
      ratedRiskScore: i.cancelled ? null : ratedRiskScore(i),
    })),
    skipped: a.skipped.map((s) => ({ ...s })),
    issues: a.issues.map((i) => ({ ...i })),
    previous: trend
      ? {
          quarter: trend.quarter,
          period: trend.period,
          since: trend.label,
          reportingDate: formatDayIso(trend.reportingDate),
          programmeRag: trend.programme?.rag || null,
          budgetRag: trend.programme?.budgetRag || null,
          deliveryRag: trend.programme?.deliveryRag || null,
          forecast: pounds(trend.forecastThen),
          forecastChange: pounds(trend.forecastChange),
          flows: trend.flows,
          improved: trend.improved.length,
          worsened: trend.worsened.length,
          newItems: trend.newItems.length,
          closed: trend.closed.map((h) => ({ sheet: h.sheet, ref: h.ref, name: h.name, overall: h.overall })),
          noLongerRated: trend.noLongerRated.length,
          newlyRated: trend.newlyRated.length,
          worseBehindOverride: trend.worseBehindOverride.length,
        }
      : null,
    milestones: (a.milestones ?? []).map(milestoneJson),
    riskRegister: riskRegisterJson(a, riskScoresBefore),
    years: yearsJson(a),
    cancelled: statusItems(a.items, (i) => i.cancelled === true),
    onHold: statusItems(a.items, (i) => i.onHold === true),
  };
}

function statusItems(items: readonly AssessedItem[], has: (i: AssessedItem) => boolean): JsonStatusItem[] {
  const out: JsonStatusItem[] = [];
  for (const i of items)
    if (has(i))
      out.push({ sheet: i.sheet, row: i.row, ref: i.ref, name: i.name, status: (i.status ?? "").trim() });
  return out;
}

const isoOrNull = (d: DayNumber | null | undefined): string | null => (d == null ? null : formatDayIso(d));

function milestoneJson(m: AssessedMilestone): JsonMilestone {
  return {
    sheet: m.sheet,
    row: m.row,
    source: m.source,
    project: m.link,
    items: m.items.map((i) => ({ sheet: i.sheet, row: i.row, ref: i.ref, name: i.name })),
    name: m.name,
    key: m.key,
    owner: m.owner,
    status: m.status,
    baseline: isoOrNull(m.baseline),
    forecast: isoOrNull(m.forecast),
    actual: isoOrNull(m.actual),
    rag: m.rag,
    slip: m.slip,
    missed: m.missed,
    reason: m.reason,
    previousForecast: isoOrNull(m.previousForecast),
    slippedDays: slippedBy(m),
  };
}

function yearsJson(a: ProgrammeAnalysis): JsonYears {
  const v = a.years;
  const n = v?.noYear;
  return {
    currentYear: financialYearLabel(v?.currentYear ?? financialYearStart(a.reportingDate)),
    budgetBasis: v?.budgetBasis ?? "programme",
    rows: (v?.rows ?? []).map((y) => ({
      year: y.label,
      status: y.status,
      allocation: pounds(y.allocation),
      budget: toPounds(y.budget),
      spent: toPounds(y.spent),
      committed: toPounds(y.committed),
      forecast: toPounds(y.forecast),
      variance: toPounds(y.variance),
      slippage: toPounds(y.slippage),
      carriedForward: toPounds(y.carriedIn),
    })),
    noYear: {
      items: n?.items ?? a.items.length,
      budget: toPounds(n?.budget ?? a.totals.budget),
      spent: toPounds(n?.spent ?? a.totals.spent),
      committed: toPounds(n?.committed ?? a.totals.committed),
      forecast: toPounds(n?.forecast ?? a.totals.forecast),
    },
    basis: [...(v?.basis ?? [])],
    budgetsNotRead: v?.budgetsNotRead ?? a.totals.budgetsNotRead,
  };
}

/** A column's letters; null past XFD (MAX_COLUMN + 1 is the analysis's "no column was left": nothing written). */
function placedColumn(col: number): string | null {
  return col <= MAX_COLUMN ? columnLetters(col) : null;
}
