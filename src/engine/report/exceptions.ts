/**
 * What the highlight report says about items, chosen once and shared by the report (highlight.ts), the CLI
 * summary (cli/summary.ts) and the pane (ItemsAtRisk, ComingUp): which items are exceptions and in what order,
 * how an override is shown (an override never hides a computed Red or Amber), what falls due next quarter and
 * the top risks.
 */
import type { DayNumber } from "../dates";
import { addDays, periodLabel, quarterBounds } from "../dates";
import type { AssessedItem, ProgrammeAnalysis, SheetReport } from "../model";
import type { OverallRag } from "../rag";
import { countKey, severityRank } from "../rag";
import { goodness } from "./history";

/** The most exceptions a highlight report lists (the rest are counted, with where to find them). */
export const EXCEPTION_LIMIT = 25;

/** The override is better than the rules' rating (e.g. PM RAG Green over a computed Red). */
export function overriddenUp(i: AssessedItem): boolean {
  const o = i.rag.override;
  if (o === null) return false;
  const g = goodness(o);
  const c = goodness(i.rag.computed);
  return g !== null && c !== null && g > c;
}

/** The override is worse than the rules' rating. */
export function overriddenDown(i: AssessedItem): boolean {
  const o = i.rag.override;
  if (o === null) return false;
  const g = goodness(o);
  const c = goodness(i.rag.computed);
  return g !== null && c !== null && g < c;
}

/** Red or Amber as reported, or rated better by an override than the rules rate it. */
export function isException(i: AssessedItem): boolean {
  if (i.cancelled) return false;
  const k = countKey(i.rag.overall);
  return k === "Red" || k === "Amber" || overriddenUp(i);
}

/** The worse of the reported and the computed rating, for ordering (an override never moves an item down). */
function worstRank(i: AssessedItem): number {
  return Math.min(severityRank(i.rag.overall), severityRank(i.rag.computed as OverallRag));
}

/** The reported rating's severity (lower is worse), to put the reported among equals first. */
function reportedRank(i: AssessedItem): number {
  return severityRank(i.rag.overall);
}

/**
 * Worst first (by the worse of reported and computed), among equals those reported that bad first (so the
 * Reported column runs worst first within each group), then the biggest overspend, then sheet order.
 */
export function exceptionOrder(a: AssessedItem, b: AssessedItem): number {
  return (
    worstRank(a) - worstRank(b) ||
    reportedRank(a) - reportedRank(b) ||
    (b.variance ?? -Infinity) - (a.variance ?? -Infinity) ||
    a.row - b.row
  );
}

/** The order of the exceptions, in words, for the report's note. */
export const EXCEPTION_ORDER_NOTE =
  "Ordered worst first by the worse of the computed and reported ratings; among equals, the worse reported first, then the biggest overspend.";

export function exceptions(items: readonly AssessedItem[]): AssessedItem[] {
  // exceptionOrder's keys worked out once per item, not twice per comparison (tens of thousands of items in a
  // large programme); the same comparisons in the same stable sort, so the same order.
  const keyed = items
    .filter(isException)
    .map((item) => ({ item, rank: worstRank(item), rep: reportedRank(item), v: item.variance ?? -Infinity }));
  keyed.sort((a, b) => a.rank - b.rank || a.rep - b.rep || b.v - a.v || a.item.row - b.item.row);
  return keyed.map((k) => k.item);
}

/** The reason given for an override: the sheet's override-reason text, else its commentary. */
export function overrideReason(i: AssessedItem): string | null {
  return i.overrideReason ?? i.commentary ?? null;
}

export interface OverrideCounts {
  /** Items whose override decided the overall rating. */
  total: number;
  up: number;
  down: number;
  same: number;
  /** Overrides that differ from the computed rating with no reason on the sheet. */
  withoutReason: number;
}

export function overrideCounts(items: readonly AssessedItem[]): OverrideCounts {
  const c: OverrideCounts = { total: 0, up: 0, down: 0, same: 0, withoutReason: 0 };
  for (const i of items) {
    if (i.rag.override === null) continue;
    c.total++;
    if (overriddenUp(i)) c.up++;
    else if (overriddenDown(i)) c.down++;
    else c.same++;
    if (i.rag.override !== i.rag.computed && !overrideReason(i)) c.withoutReason++;
  }
  return c;
}

/** The header of the sheet's override column ("PM RAG"), for naming it beside the rating. */
export function overrideHeader(i: AssessedItem, sheets: readonly SheetReport[]): string {
  const s = sheets.find((x) => x.name === i.sheet);
  return s?.columns.find((c) => c.field === "override")?.header.trim() || "override";
}

/**
 * "Green (PM RAG) — computed Red: overdue: …", with the reason given or a flag that none was; null when the
 * item has no override that differs from the rules.
 */
export function overrideText(i: AssessedItem, sheets: readonly SheetReport[]): string | null {
  const o = i.rag.override;
  if (o === null || o === i.rag.computed) return null;
  const why = i.reasons
    .filter((r) => r.dimension !== "overall" || !r.text.includes("set by the override column"))
    .filter((r) => severityRank(r.rag) <= severityRank(i.rag.computed as OverallRag))
    .filter((r) => !r.text.startsWith("Not assessed") || i.rag.computed === "Not assessed")
    .map((r) => r.text.replace(/^(Red|Amber|Green|Not assessed): /, ""));
  const reason = overrideReason(i);
  return (
    `${o} (${overrideHeader(i, sheets)}) — computed ${i.rag.computed}${why.length ? ": " + why.join("; ") : ""}. ` +
    (reason ? `Reason given: ${reason}` : "No reason for the override is given on the sheet.")
  );
}

/** The quarter after the one a day falls in (Q1 = April-June). */
export function nextQuarter(day: DayNumber): { start: DayNumber; end: DayNumber; label: string } {
  const { end } = quarterBounds(day);
  const start = addDays(end, 1);
  return { ...quarterBounds(start), label: periodLabel(start) };
}

/**
 * The window "Coming up" covers: the next quarter for a quarterly report; for a monthly report, from the day
 * after the reporting date to the end of the next quarter, so the rest of the current quarter (December, at a
 * November report) is listed too ("the rest of Q3 2020/21 and Q4 2020/21").
 */
export function comingUpWindow(a: Pick<ProgrammeAnalysis, "reportingDate" | "cycle">): {
  start: DayNumber;
  end: DayNumber;
  label: string;
} {
  const next = nextQuarter(a.reportingDate);
  const { end } = quarterBounds(a.reportingDate);
  if (a.cycle !== "month" || a.reportingDate >= end) return next;
  return {
    start: addDays(a.reportingDate, 1),
    end: next.end,
    label: `the rest of ${periodLabel(a.reportingDate)} and ${next.label}`,
  };
}

/**
 * Coming up: items whose target date falls in its window (comingUpWindow) and are not complete or cancelled,
 * soonest first.
 */
export function comingUp(a: ProgrammeAnalysis): {
  quarter: { start: DayNumber; end: DayNumber; label: string };
  items: AssessedItem[];
} {
  const quarter = comingUpWindow(a);
  const items = a.items
    .filter(
      (i) =>
        i.end !== null &&
        i.end >= quarter.start &&
        i.end <= quarter.end &&
        i.rag.schedule !== "Complete" &&
        !i.cancelled,
    )
    .sort((x, y) => x.end! - y.end! || x.row - y.row);
  return { quarter, items };
}

/**
 * The score an item's Risk RAG was set by: its own row's, or the linked register risk's that rates it worse
 * (residual where given, else inherent), as the rating takes it.
 */
export function ratedRiskScore(i: AssessedItem): number | null {
  return i.ratedRiskScore !== undefined ? i.ratedRiskScore : i.assessedRiskScore;
}

/** The items with the highest score that set their Risk RAG (ratedRiskScore), highest first; none cancelled. */
export function topRisks(a: ProgrammeAnalysis, n = 10): AssessedItem[] {
  return a.items
    .map((item) => ({ item, score: ratedRiskScore(item) }))
    .filter((x): x is { item: AssessedItem; score: number } => x.score !== null && !x.item.cancelled)
    .sort((x, y) => y.score - x.score || x.item.row - y.item.row)
    .slice(0, n)
    .map((x) => x.item);
}
