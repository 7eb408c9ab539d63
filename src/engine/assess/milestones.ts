/**
 * Rating milestones (issue 12) and what they do to an item's schedule. A milestone is **Achieved** (an actual
 * date on or before the reporting date, with its days early or late against the baseline), **Green** (its
 * forecast no later than the baseline, within the Green tolerance), **Amber** (slipped by up to the Amber
 * threshold, 30 days by default, inclusive), **Red** (slipped by more, or its forecast date has passed with no
 * actual date: missed; due on the reporting date is not missed). The thresholds are the schedule's rules
 * (`schedule.milestoneGreenDays`, `schedule.milestoneAmberDays`). An item with milestones gets the worse of its
 * % complete schedule rating and its worst open milestone.
 */
import type { DateSystem, DayNumber } from "../dates";
import type { SheetGrid } from "../grid";
import type { Issue, ProgrammeItem } from "../model";
import type { RagStatus } from "../rag";
import { severityRank } from "../rag";
import type { Milestone, NextMilestoneColumns } from "../read/milestones";
import { nextMilestoneOf, normalLink, readMilestonesSheet } from "../read/milestones";
import type { DimensionAssessment } from "./dimension";
import { day } from "./format";
import type { ScheduleRules } from "./schedule";

export type MilestoneRag = "Achieved" | "Green" | "Amber" | "Red" | "Not assessed";

/** An item a milestone is linked to. */
export interface MilestoneItemLink {
  sheet: string;
  row: number;
  ref: string | null;
  name: string | null;
}

export interface AssessedMilestone extends Milestone {
  rag: MilestoneRag;
  /**
   * Days late (positive) or early (negative) against the baseline: of the actual date when achieved, else of the
   * forecast. Null without a baseline, or achieved with no actual date.
   */
  slip: number | null;
  /** Its forecast (or baseline) date has passed with no actual date. */
  missed: boolean;
  /** Why, in words: "Red: milestone 'Contract award' forecast 15/02/2021, 46 days after its baseline 31/12/2020". */
  reason: string;
  /** The items it is linked to (empty: it names no known project; more than one: the link is ambiguous). */
  items: MilestoneItemLink[];
  /** Its forecast at the previous snapshot the Milestone History holds (null: none then; unset: not there). */
  previousForecast?: DayNumber | null;
  /** That snapshot's reporting date. */
  previousReportingDate?: DayNumber;
}

/** Statuses that take a milestone out of the ratings (it is shown as not assessed, with the status). */
const CANCELLED = /^(cancelled|canceled|withdrawn|deleted|not required|superseded|removed|n\/?a)\b/i;

/** A status that means done: one of the schedule's complete words, alone or before a note ("Achieved - late"). */
function isDoneStatus(status: string | null, words: readonly string[]): boolean {
  if (status === null) return false;
  const s = status.trim().toLowerCase();
  return words.some((w) => s === w || (s.startsWith(w) && !/[a-z]/.test(s.charAt(w.length))));
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** Rates one milestone on the reporting date; issues (an actual date after the reporting date) go to `issues`. */
export function rateMilestone(
  m: Milestone,
  reporting: DayNumber,
  rules: ScheduleRules,
  issues: Issue[],
): AssessedMilestone {
  const out = m as AssessedMilestone;
  out.items = [];
  out.missed = false;
  out.slip = null;
  let actual = m.actual;
  let forecast = m.forecast;
  // An actual date after the reporting date: the sheet was updated later, so its "Achieved" status is not yet
  // true on the reporting date either; the milestone is rated as open, due on that date.
  let actualAfterReporting = false;
  if (actual !== null && actual > reporting) {
    actualAfterReporting = true;
    issues.push({
      sheet: m.sheet,
      cell: m.cells.actual,
      severity: "warning",
      message: `milestone '${m.name}': the actual date ${day(actual)} is after the reporting date ${day(reporting)}; it is read as a forecast, not achieved`,
    });
    forecast = forecast ?? actual;
    actual = null;
  }
  const named = `milestone '${m.name}'`;
  if (actual !== null) {
    out.rag = "Achieved";
    if (m.baseline === null) out.reason = `Achieved ${day(actual)}`;
    else {
      const d = actual - m.baseline;
      out.slip = d;
      out.reason =
        d === 0
          ? `Achieved ${day(actual)}, on its baseline date`
          : `Achieved ${day(actual)}, ${days(Math.abs(d))} ${d < 0 ? "early" : "late"} against its baseline ${day(m.baseline)}`;
    }
    return out;
  }
  if (m.status !== null && CANCELLED.test(m.status.trim())) {
    out.rag = "Not assessed";
    out.reason = `Not assessed: ${named} is ${m.status.trim().toLowerCase()}`;
    return out;
  }
  if (!actualAfterReporting && isDoneStatus(m.status, rules.completeStatuses)) {
    out.rag = "Achieved";
    out.reason = `Achieved (status "${m.status!.trim()}"; no actual date given)`;
    return out;
  }
  const due = forecast ?? m.baseline;
  if (due === null) {
    out.rag = "Not assessed";
    out.reason = `Not assessed: ${named} has no baseline or forecast date`;
    return out;
  }
  const slip = m.baseline === null ? null : due - m.baseline;
  out.slip = slip;
  const against =
    m.baseline === null
      ? " (no baseline date to measure its slip against)"
      : slip === 0
        ? ", on its baseline"
        : `, ${days(Math.abs(slip!))} ${slip! > 0 ? "after" : "before"} its baseline ${day(m.baseline)}`;
  if (due < reporting) {
    out.missed = true;
    out.rag = "Red";
    out.reason = `Red: ${named} was due ${day(due)}${forecast !== null ? " (forecast)" : ""} and has no actual date by ${day(reporting)}: missed (${days(reporting - due)} overdue)`;
    return out;
  }
  const what = `${named} forecast ${day(due)}${against}`;
  if (slip === null || slip <= rules.milestoneGreenDays) {
    out.rag = "Green";
    out.reason = `Green: ${what}`;
  } else if (slip <= rules.milestoneAmberDays) {
    out.rag = "Amber";
    out.reason = `Amber: ${what}`;
  } else {
    out.rag = "Red";
    out.reason = `Red: ${what}`;
  }
  return out;
}

const OPEN: readonly MilestoneRag[] = ["Red", "Amber", "Green"];

/** The worst open milestone (Red, then Amber, then Green; the earliest due first among equals), or null. */
export function worstOpenMilestone(ms: readonly AssessedMilestone[]): AssessedMilestone | null {
  let worst: AssessedMilestone | null = null;
  for (const m of ms) {
    if (!OPEN.includes(m.rag)) continue;
    if (
      worst === null ||
      severityRank(m.rag as RagStatus) < severityRank(worst.rag as RagStatus) ||
      (m.rag === worst.rag && (m.forecast ?? m.baseline ?? 0) < (worst.forecast ?? worst.baseline ?? 0))
    )
      worst = m;
  }
  return worst;
}

/**
 * The schedule with the item's milestones: the worse of the % complete rating and the worst open milestone
 * (a Complete item stays Complete; a schedule not assessed for want of a target date takes the milestone's).
 */
export function scheduleWithMilestones(
  s: DimensionAssessment,
  milestones: readonly AssessedMilestone[],
): DimensionAssessment {
  if (s.rag === "Complete") return s;
  const w = worstOpenMilestone(milestones);
  if (w === null) return s;
  const rag = w.rag as RagStatus;
  const note = s.note ?? null;
  // Only a worse milestone changes the rating and the reason (an equal one is in the Key milestones).
  if (s.rag === "Not assessed" || severityRank(rag) < severityRank(s.rag))
    return { rag, reason: rag === "Green" ? null : w.reason, note };
  return s;
}

/**
 * Milestones by the project they name, for linking to items as they are read: by the item's reference first,
 * else by its name (a register whose link column holds project names). `finish` names, as issues, the
 * milestones that name no known project and those linked to more than one item.
 */
export class MilestoneLinks {
  private readonly byLink = new Map<string, AssessedMilestone[]>();
  constructor(readonly all: readonly AssessedMilestone[]) {
    for (const m of all) {
      if (m.source !== "sheet" || m.link === null) continue;
      const k = normalLink(m.link);
      const list = this.byLink.get(k);
      if (list) list.push(m);
      else this.byLink.set(k, [m]);
    }
  }

  /** The milestones of an item (by its reference, else its name), recording the link; null when none. */
  forItem(item: ProgrammeItem): AssessedMilestone[] | null {
    if (this.byLink.size === 0) return null;
    const byRef = item.ref !== null ? this.byLink.get(normalLink(item.ref)) : undefined;
    const found = byRef ?? (item.name !== null ? this.byLink.get(normalLink(item.name)) : undefined);
    if (!found) return null;
    const link = { sheet: item.sheet, row: item.row, ref: item.ref, name: item.name };
    for (const m of found) m.items.push(link);
    return found;
  }

  /** Issues for the milestones linked to no item, or to more than one. */
  finish(issues: Issue[]): void {
    for (const m of this.all) {
      if (m.source !== "sheet") continue;
      if (m.items.length === 0)
        issues.push({
          sheet: m.sheet,
          cell: m.cells.link || m.cells.name,
          severity: "warning",
          message:
            m.link === null
              ? `milestone '${m.name}' names no project: it is not linked to an item`
              : `milestone '${m.name}' names "${m.link}", which is no known project's reference or name: it is not linked to an item`,
        });
      else if (m.items.length > 1)
        issues.push({
          sheet: m.sheet,
          cell: m.cells.link || m.cells.name,
          severity: "warning",
          message: `milestone '${m.name}': "${m.link}" matches ${m.items.length} items (${m.items
            .map((i) => `${i.sheet} row ${i.row}${i.ref ? ` ${i.ref}` : ""}`)
            .join(", ")}): it counts against each; give each project a reference of its own`,
        });
    }
  }
}

/** The milestones of a run: every one read and rated, the sheets they came from, and the links to items. */
export interface RunMilestones {
  all: AssessedMilestone[];
  sheets: Set<string>;
  links: MilestoneLinks | null;
}

/**
 * Reads and rates every milestones sheet among `sheets` (visible, not the tool's own), before the programme
 * sheets are read, so each item links to its milestones as it is assessed.
 */
export function readMilestoneSheets(
  sheets: readonly SheetGrid[],
  own: ReadonlySet<string>,
  dateSystem: DateSystem,
  reporting: DayNumber,
  rules: ScheduleRules,
  issues: Issue[],
): RunMilestones {
  const all: AssessedMilestone[] = [];
  const names = new Set<string>();
  for (const grid of sheets) {
    if (!grid.visible || own.has(grid.name.toLowerCase())) continue;
    const read = readMilestonesSheet(grid, dateSystem);
    if (!read) continue;
    names.add(grid.name);
    for (const x of read.issues) issues.push(x);
    for (const m of read.milestones) all.push(rateMilestone(m, reporting, rules, issues));
  }
  return { all, sheets: names, links: all.length ? new MilestoneLinks(all) : null };
}

/**
 * Attaches an item's milestones before it is assessed: those of the milestones sheets linked to it, and its
 * own row's "Next milestone" (rated here and added to the run's list).
 */
export function attachMilestones(
  item: ProgrammeItem,
  run: RunMilestones,
  next: { grid: SheetGrid; cols: NextMilestoneColumns } | null,
  dateSystem: DateSystem,
  reporting: DayNumber,
  rules: ScheduleRules,
  issues: Issue[],
): void {
  const linked = run.links ? run.links.forItem(item) : null;
  let own: AssessedMilestone | null = null;
  if (next) {
    const m = nextMilestoneOf(next.grid, next.cols, item.row, item.ref ?? item.name, issues, dateSystem);
    if (m) {
      own = rateMilestone(m, reporting, rules, issues);
      own.items.push({ sheet: item.sheet, row: item.row, ref: item.ref, name: item.name });
      run.all.push(own);
    }
  }
  if (linked && own) item.milestones = [...linked, own];
  else if (linked) item.milestones = linked;
  else if (own) item.milestones = [own];
}
