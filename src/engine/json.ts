/** The command line's --json output, in exactly the documented shape (money in pounds, at most 2 decimals). */
import { formatDayIso } from "./dates";
import type { Pence } from "./money";
import type { ProgrammeAnalysis } from "./model";
import type { OverallRag, OverrideRag, RagCounts, RagStatus } from "./rag";

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
  }[];
  skipped: { sheet: string; row: number; reason: string }[];
  issues: { sheet: string; cell: string; severity: "error" | "warning"; message: string }[];
}

export function toJsonReport(a: ProgrammeAnalysis): JsonReport {
  const t = a.totals;
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
    })),
    skipped: a.skipped.map((s) => ({ ...s })),
    issues: a.issues.map((i) => ({ ...i })),
  };
}
