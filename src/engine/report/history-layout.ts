/**
 * The RAG History as a report writes it: this month's snapshot rows, merged among the other months' by
 * reporting date, laid out as the tool's log sheet. Reading the sheet (history.ts) is every run's; writing it is a
 * report's only, so this half is in the add-in's report chunk and not in its first bundle.
 */
import type { DateSystem } from "../dates";
import type { DimensionKey } from "../assess/registry";
import { dimensions } from "../assess/registry";
import type { AssessedItem, ProgrammeAnalysis } from "../model";
import { monthKey } from "../cycle";
import type { LayoutValue, SheetLayout } from "../plan";
import type { HistoryRow, HistorySheet } from "./history";
import { HISTORY_LOG_COLUMNS, HISTORY_SHEET, historyRagKey, historyRowValues } from "./history";
import { logSheetLayout } from "./log-sheet";

export function snapshotRows(a: ProgrammeAnalysis): HistoryRow[] {
  const keys = dimensions().map(
    (d) => [d.key as DimensionKey, historyRagKey(d.key as DimensionKey)] as const,
  );
  const rows: HistoryRow[] = a.items.map((i: AssessedItem) => {
    const row = {
      quarter: a.period,
      period: a.month.label,
      reportingDate: a.reportingDate,
      level: "item" as const,
      sheet: i.sheet,
      ref: i.ref,
      name: i.name,
      budget: i.budget,
      spent: i.spent,
      committed: i.committed,
      forecast: i.assessedForecast,
      variance: i.variance,
      progress: i.progress as number | null,
      computed: i.rag.computed as string,
      override: (i.rag.override ?? "") as string,
      delivery: "",
      overall: i.rag.overall as string,
    } as HistoryRow;
    for (const [key, column] of keys) row[column] = i.rag[key];
    return row;
  });
  const t = a.totals;
  // The programme's own row: its budget RAG (against the allocation) and delivery RAG; no other dimension.
  const programme = {
    quarter: a.period,
    period: a.month.label,
    reportingDate: a.reportingDate,
    level: "programme" as const,
    sheet: "",
    ref: null,
    name: a.programmeName,
    budget: a.allocation,
    spent: t.spent,
    committed: t.committed,
    forecast: t.forecast,
    variance: t.varianceToAllocation,
    progress: null,
    computed: "",
    override: "",
    delivery: a.programmeRag.delivery.rag as string,
    overall: a.programmeRag.rag as string,
  } as HistoryRow;
  for (const [, column] of keys) programme[column] = "";
  programme.budgetRag = t.rag;
  rows.push(programme);
  return rows;
}

/** Other months' rows plus this month's snapshot (replacing any rows already held for this month). */
export function mergeHistory(previous: readonly HistoryRow[], a: ProgrammeAnalysis): HistoryRow[] {
  const month = monthKey(a.reportingDate);
  const kept = previous.filter((r) => monthKey(r.reportingDate) !== month);
  const all = [...kept, ...snapshotRows(a)];
  // Chronological by reporting date; stable within a quarter.
  return all
    .map((r, i) => ({ r, i }))
    .sort((x, y) => x.r.reportingDate - y.r.reportingDate || x.i - y.i)
    .map((x) => x.r);
}

/** The history sheet holding these rows. */
export function historyLayout(rows: readonly HistoryRow[], dateSystem: DateSystem = 1900): SheetLayout {
  return layoutOf(rows.map((h) => historyRowValues(h, dateSystem)));
}

/**
 * The history sheet of a report: the sheet's other months as they are plus this month's snapshot, in
 * order of reporting date (the same as historyLayout(mergeHistory(readHistory(grid), a))).
 */
export function historySheetLayout(sheet: HistorySheet, a: ProgrammeAnalysis): SheetLayout {
  const now = snapshotRows(a).map((h) => ({
    reportingDate: h.reportingDate,
    values: historyRowValues(h, a.dateSystem),
  }));
  // Chronological by reporting date; stable within a quarter (Array.prototype.sort is stable).
  const all = [...sheet.earlier, ...now].sort((x, y) => x.reportingDate - y.reportingDate);
  return layoutOf(all.map((r) => r.values));
}

function layoutOf(rows: readonly LayoutValue[][]): SheetLayout {
  return logSheetLayout("history", HISTORY_SHEET, HISTORY_LOG_COLUMNS, rows);
}
