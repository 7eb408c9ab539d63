/** The command line's --json output, in exactly the documented shape (money in pounds, at most 2 decimals). */
import { formatDayIso } from "./dates";
import type { Pence } from "./money";
import type { ProgrammeAnalysis } from "./model";
import type { OverallRag, OverrideRag, RagCountKey, RagCounts, RagStatus } from "./rag";
import type { Flow, Trend } from "./report/trend";
import { changeText } from "./report/trend";

/** An item's ratings and forecast at the last quarter the history holds, with what changed since. */
export interface JsonItemPrevious {
  quarter: string;
  budget: string;
  schedule: string;
  risk: string;
  overall: string;
  forecast: number | null;
  forecastChange: number | null;
  /** "Schedule Green → Red", one per dimension that changed. */
  changes: string[];
}

/** The programme at the last quarter the history holds, and the flows since. */
export interface JsonProgrammePrevious {
  quarter: string;
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
}

const pounds = (p: Pence | null): number | null => (p === null ? null : p / 100);
const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

export interface JsonReport {
  reportingDate: string;
  period: string;
  allocation: number;
  totals: {
    budget: number;
    spent: number;
    committed: number;
    forecast: number;
    variance: number;
    unallocated: number;
    varianceToAllocation: number;
    rag: RagStatus;
  };
  ragCounts: RagCounts;
  items: {
    sheet: string;
    row: number;
    id: string | null;
    name: string | null;
    theme: string | null;
    owner: string | null;
    budget: number | null;
    spent: number | null;
    committed: number | null;
    forecast: number | null;
    variance: number | null;
    variancePct: number | null;
    rag: {
      budget: RagStatus;
      schedule: RagStatus;
      risk: RagStatus;
      computed: RagStatus;
      override: OverrideRag | null;
      overall: OverallRag;
    };
    reasons: string[];
    /** null when the item is new or there is no earlier quarter (see the top-level previous). */
    previous: JsonItemPrevious | null;
  }[];
  skipped: { sheet: string; row: number; reason: string }[];
  issues: { sheet: string; cell: string; severity: "error" | "warning"; message: string }[];
  /** The programme's name and period. */
  programme: { name: string; start: string; end: string; rag: RagStatus; deliveryRag: RagStatus };
  /** null when the workbook's RAG History holds no earlier quarter. */
  previous: JsonProgrammePrevious | null;
}

export function toJsonReport(a: ProgrammeAnalysis, trend: Trend | null = null): JsonReport {
  const t = a.totals;
  const trendOf = new Map((trend?.items ?? []).map((x) => [x.item, x]));
  return {
    reportingDate: formatDayIso(a.reportingDate),
    period: a.period,
    allocation: a.allocation / 100,
    totals: {
      budget: t.budget / 100,
      spent: t.spent / 100,
      committed: t.committed / 100,
      forecast: t.forecast / 100,
      variance: t.variance / 100,
      unallocated: t.unallocated / 100,
      varianceToAllocation: t.varianceToAllocation / 100,
      rag: t.rag,
    },
    ragCounts: { ...a.ragCounts },
    items: a.items.map((i) => ({
      sheet: i.sheet,
      row: i.row,
      id: i.id,
      name: i.name,
      theme: i.theme,
      owner: i.owner,
      budget: pounds(i.budget),
      spent: pounds(i.spent),
      committed: pounds(i.committed),
      forecast: pounds(i.assessedForecast),
      variance: pounds(i.variance),
      variancePct: round2(i.variancePct),
      rag: { ...i.rag },
      reasons: i.reasons.map((r) => r.text),
      previous: (() => {
        const x = trendOf.get(i);
        if (!x || !x.before || !trend) return null;
        return {
          quarter: trend.quarter,
          budget: x.before.budgetRag,
          schedule: x.before.scheduleRag,
          risk: x.before.riskRag,
          overall: x.before.overall,
          forecast: pounds(x.before.forecast),
          forecastChange: pounds(x.forecastChange),
          changes: x.changes.map(changeText),
        };
      })(),
    })),
    skipped: a.skipped.map((s) => ({ ...s })),
    issues: a.issues.map((i) => ({ ...i })),
    programme: {
      name: a.programmeName,
      start: formatDayIso(a.periodStart),
      end: formatDayIso(a.periodEnd),
      rag: a.programmeRag.rag,
      deliveryRag: a.programmeRag.delivery,
    },
    previous: trend
      ? {
          quarter: trend.quarter,
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
        }
      : null,
  };
}
