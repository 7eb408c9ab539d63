/**
 * "Key milestones" (issue 12): the milestones a quarterly meeting hears about — missed, slipped since the last
 * snapshot (old → new forecast date and days), due next quarter, achieved this quarter — key milestones first,
 * capped like the exceptions with a count of the rest. The list (`keyMilestones`) is shared by the highlight
 * report's section (`keyMilestonesSection` in key-milestones-section.ts, hooked into highlight.ts), the task pane and the command line.
 */
import type { AssessedMilestone } from "../assess/milestones";
import type { DayNumber } from "../dates";
import { formatDayUk, quarterBounds } from "../dates";
import type { ProgrammeAnalysis } from "../model";
import { comingUpWindow, nextQuarter } from "./exceptions";
import { slippedBy } from "./milestone-history";

export type KeyMilestoneGroup = "missed" | "slipped" | "dueNext" | "achieved";

export const KEY_MILESTONE_GROUP_TEXT: Record<KeyMilestoneGroup, string> = {
  missed: "Missed",
  slipped: "Slipped",
  dueNext: "Due next quarter",
  achieved: "Achieved this quarter",
};

/** The groups in the order reported. */
export const KEY_MILESTONE_ORDER: readonly KeyMilestoneGroup[] = ["missed", "slipped", "dueNext", "achieved"];

/**
 * A group's words at this report: the due group spans Coming up's window (comingUpWindow), which at a monthly
 * report inside a quarter runs from the day after the reporting date to the next quarter's end, so it says "Due by
 * 31/03/2021" there rather than "Due next quarter".
 */
export function keyMilestoneGroupText(
  g: KeyMilestoneGroup,
  a: Pick<ProgrammeAnalysis, "reportingDate" | "cycle">,
) {
  if (g !== "dueNext") return KEY_MILESTONE_GROUP_TEXT[g];
  const window = comingUpWindow(a);
  return window.start === nextQuarter(a.reportingDate).start
    ? KEY_MILESTONE_GROUP_TEXT[g]
    : `Due by ${formatDayUk(window.end)}`;
}

/** A group in a count ("3 missed, 0 slipped since the last snapshot, …"): "slipped" alone read as "none late". */
export const keyMilestoneCountText = (
  g: KeyMilestoneGroup,
  a: Pick<ProgrammeAnalysis, "reportingDate" | "cycle">,
): string =>
  g === "slipped" ? "slipped since the last snapshot" : keyMilestoneGroupText(g, a).toLowerCase();

export interface KeyMilestone {
  milestone: AssessedMilestone;
  group: KeyMilestoneGroup;
  /** What happened, in words ("Slipped since 30/09/2020: 31/12/2020 → 15/02/2021 (46 days later)"). */
  what: string;
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** ", 28 days after its baseline 18/12/2020" (or before, or on it); "" without a baseline. */
function againstBaseline(m: AssessedMilestone): string {
  if (m.baseline === null || m.slip === null) return "";
  if (m.slip === 0) return ", on its baseline";
  return `, ${days(Math.abs(m.slip))} ${m.slip > 0 ? "after" : "before"} its baseline ${formatDayUk(m.baseline)}`;
}

/** The group a milestone is reported under (the first that applies), or null when it is not reported. */
function groupOf(
  m: AssessedMilestone,
  a: ProgrammeAnalysis,
  quarter: { start: DayNumber },
  next: { start: DayNumber; end: DayNumber },
): KeyMilestone | null {
  if (m.missed) {
    const due = (m.forecast ?? m.baseline)!;
    return {
      milestone: m,
      group: "missed",
      what: `Missed: due ${formatDayUk(due)}, ${days(a.reportingDate - due)} overdue`,
    };
  }
  const moved = slippedBy(m);
  if (moved !== null && moved > 0)
    return {
      milestone: m,
      group: "slipped",
      what: `Slipped since ${formatDayUk(m.previousReportingDate!)}: ${formatDayUk(m.previousForecast!)} → ${formatDayUk((m.forecast ?? m.baseline)!)} (${days(moved)} later)`,
    };
  const due = m.forecast ?? m.baseline;
  if (
    m.rag !== "Achieved" &&
    m.rag !== "Not assessed" &&
    due !== null &&
    due >= next.start &&
    due <= next.end
  )
    return { milestone: m, group: "dueNext", what: `Due ${formatDayUk(due)}${againstBaseline(m)}` };
  if (m.rag === "Achieved" && m.actual !== null && m.actual >= quarter.start && m.actual <= a.reportingDate)
    return { milestone: m, group: "achieved", what: m.reason };
  return null;
}

/**
 * The milestones of cancelled items (docs/RULES.md, "Cancelled"): every item a milestone links to is cancelled.
 * They are left out of Key milestones and its counts (the report's, the pane's and the summary's), as the items
 * are left out of the exceptions, Coming up and the top risks; the data notes count them. They stay in --json's
 * `milestones` and in the Milestone History, which keep the record. A milestone linked to a cancelled item and to
 * one still running is the running item's too, so it is kept.
 */
export function cancelledItemMilestones(
  a: Pick<ProgrammeAnalysis, "items" | "milestones">,
): AssessedMilestone[] {
  const ms = a.milestones ?? [];
  if (ms.length === 0) return [];
  const cancelled = new Set<string>();
  for (const i of a.items) if (i.cancelled) cancelled.add(`${i.sheet}\u0000${i.row}`);
  if (cancelled.size === 0) return [];
  return ms.filter(
    (m) => m.items.length > 0 && m.items.every((l) => cancelled.has(`${l.sheet}\u0000${l.row}`)),
  );
}

/** The milestones to report, key milestones first, then by group (missed, slipped, due, achieved) and date. */
export function keyMilestones(a: ProgrammeAnalysis): KeyMilestone[] {
  const ms = a.milestones ?? [];
  if (ms.length === 0) return [];
  const quarter = quarterBounds(a.reportingDate);
  const next = comingUpWindow(a);
  const leftOut = new Set(cancelledItemMilestones(a));
  const out: KeyMilestone[] = [];
  for (const m of ms) {
    if (leftOut.has(m)) continue;
    const k = groupOf(m, a, quarter, next);
    if (k) out.push(k);
  }
  const when = (m: AssessedMilestone) => m.actual ?? m.forecast ?? m.baseline ?? 0;
  return out.sort(
    (x, y) =>
      Number(y.milestone.key) - Number(x.milestone.key) ||
      KEY_MILESTONE_ORDER.indexOf(x.group) - KEY_MILESTONE_ORDER.indexOf(y.group) ||
      when(x.milestone) - when(y.milestone),
  );
}

/** The project a milestone belongs to, for showing: its item's reference and name, else its link as written. */
export function milestoneProject(m: AssessedMilestone): { ref: string | null; name: string | null } {
  const i = m.items[0];
  return i ? { ref: i.ref, name: i.name } : { ref: m.link, name: null };
}

/** One line for the command line's summary: how many milestones were read, and how many in each group. */
export function milestoneSummary(a: ProgrammeAnalysis): string | null {
  const ms = a.milestones ?? [];
  if (ms.length === 0) return null;
  const list = keyMilestones(a);
  const count = (g: KeyMilestoneGroup) => list.filter((k) => k.group === g).length;
  const from = (a.milestoneSheets ?? []).map((s) => `"${s}"`).join(", ") || "the programme sheets";
  const cancelled = cancelledItemMilestones(a).length;
  return (
    `Milestones: ${ms.length} read from ${from}: ` +
    KEY_MILESTONE_ORDER.map((g) => `${count(g)} ${keyMilestoneCountText(g, a)}`).join(", ") +
    (cancelled ? `; ${cancelledMilestonesText(cancelled)}` : "")
  );
}

/** "2 milestones of cancelled items left out (kept in the Milestone History and --json)". */
export function cancelledMilestonesText(n: number): string {
  return `${n} milestone${n === 1 ? "" : "s"} of cancelled items left out (kept in the Milestone History and --json)`;
}
