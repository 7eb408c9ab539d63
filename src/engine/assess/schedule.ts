import type { DayNumber } from "../dates";
import { formatDayIso } from "../dates";
import type { AssessedItem, Dimension, Fraction, Reason } from "../model";
import type { RagStatus } from "../rag";
import { defineDimension } from "./dimension";
import { scheduleWithMilestones } from "./milestones";
import { day } from "./format";
import { percentFromFraction } from "../percent";
import { percentToHundredthsFromFraction } from "../percent";
import type { ReasonWords } from "./reason";
import type { FigureReason } from "./reason";
import { reasonJson, reasonText } from "./reason";

/** The schedule's rules. */
export interface ScheduleRules {
  /** Amber when planned progress exceeds actual progress by more than this fraction (0.10 = 10 points). */
  amberSlip: number;
  /** Red when the slip is more than this fraction. */
  redSlip: number;
  /** Red when the reporting date is after the target date and the item is not complete. */
  redWhenOverdue: boolean;
  /** Status words that mean complete (compared case-insensitively). */
  completeStatuses: string[];
  /**
   * Status words that mean the item will not be delivered (cancelled, withdrawn ...): it is not rated, its
   * ratings read Not assessed with the status as the reason, its money still counted (./status.ts). Matched as
   * whole words anywhere in the status ("Closed - not required"), and before the complete words.
   */
  cancelledStatuses?: string[];
  /** Status words that mean the item is paused: rated as any other, the schedule's reason saying so. */
  onHoldStatuses?: string[];
  /** A milestone is Green while its forecast is no more than this many days after its baseline (issue 12). */
  milestoneGreenDays: number;
  /** ... Amber while it is no more than this many days after (inclusive), Red beyond (or missed). */
  milestoneAmberDays: number;
}

export interface ScheduleInput {
  start: DayNumber | null;
  end: DayNumber | null;
  progress: Fraction | null;
  status: string | null;
}

export interface ScheduleResult {
  rag: RagStatus;
  plannedProgress: Fraction | null;
  slip: number | null;
  reason: string | null;
  /** Why the schedule was judged on less than it should be. */
  note: { field: "start" | "progress" | "end"; message: string } | null;
}

export function isCompleteStatus(status: string | null, words: readonly string[]): boolean {
  if (status === null) return false;
  // A status column repeats a few words down every row: each is matched once per set of words (each test
  // lower-cased a copy of the status, twice for a Complete item: 100,000 strings of garbage a run).
  let c = completeCache;
  if (c === null || c.words !== words) c = completeCache = { words, complete: new Map() };
  const known = c.complete.get(status);
  if (known !== undefined) return known;
  const complete = completeStatusIn(status, words);
  if (c.complete.size >= 1000) c.complete.clear();
  c.complete.set(status, complete);
  return complete;
}

let completeCache: { words: readonly string[]; complete: Map<string, boolean> } | null = null;

function completeStatusIn(status: string, words: readonly string[]): boolean {
  const s = status.trim().toLowerCase();
  // A loop, not words.some(closure): this runs for every item.
  for (const w of words) {
    if (s === w) return true;
    if (s.startsWith(w) && s.length > w.length && !isLowerAsciiLetter(s.charCodeAt(w.length))) return true;
  }
  return false;
}

function isLowerAsciiLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** Planned progress by the reporting date: elapsed share of start → target, clamped to 0-1. */
export function plannedProgress(reporting: DayNumber, start: DayNumber, end: DayNumber): Fraction {
  if (end <= start) return (reporting >= end ? 1 : 0) as Fraction;
  const p = (reporting - start) / (end - start);
  return Math.min(1, Math.max(0, p)) as Fraction;
}

/** Rounded to 1e-9 so that a slip of exactly 0.10 compares as 0.10 despite binary fractions. */
const tidy = (n: number) => Math.round(n * 1e9) / 1e9;

export function assessSchedule(
  input: ScheduleInput,
  reporting: DayNumber,
  rules: ScheduleRules,
): ScheduleResult {
  const r = rateSchedule(input, reporting, rules);
  return r.reason === null || typeof r.reason === "string"
    ? (r as ScheduleResult)
    : { ...r, reason: reasonText(r.reason) };
}

/** A schedule rating whose reason may be held as its figures (an item's, until its words are read). */
type ScheduleRating = Omit<ScheduleResult, "reason"> & { reason: ReasonWords | null };

/** assessSchedule, with a behind-plan or overdue reason held as its figures. */
function rateSchedule(input: ScheduleInput, reporting: DayNumber, rules: ScheduleRules): ScheduleRating {
  const { start, end, progress, status } = input;
  if ((progress !== null && progress >= 1) || isCompleteStatus(status, rules.completeStatuses)) {
    return { rag: "Complete", plannedProgress: null, slip: null, reason: null, note: null };
  }
  if (end === null) {
    return {
      rag: "Not assessed",
      plannedProgress: null,
      slip: null,
      reason: "Not assessed: no target date",
      note: null,
    };
  }
  if (rules.redWhenOverdue && reporting > end) {
    return {
      rag: "Red",
      plannedProgress: (start !== null ? 1 : null) as Fraction | null,
      slip: null,
      reason: new Overdue(end, reporting, progress),
      note: null,
    };
  }
  if (start === null || progress === null) {
    const missing =
      start === null && progress === null
        ? "start date or % complete"
        : start === null
          ? "start date"
          : "% complete";
    return {
      rag: "Green",
      plannedProgress: null,
      slip: null,
      reason: null,
      note: {
        field: start === null ? "start" : "progress",
        message: `no ${missing}: the schedule is judged on the target date only (not overdue)`,
      },
    };
  }
  const planned = plannedProgress(reporting, start, end);
  const slip = tidy(planned - progress);
  const note =
    end < start
      ? { field: "end" as const, message: `target date ${day(end)} is before the start date ${day(start)}` }
      : null;
  if (slip > rules.redSlip)
    return {
      rag: "Red",
      plannedProgress: planned,
      slip,
      reason: new Behind("Red", progress, planned, reporting, slip),
      note,
    };
  if (slip > rules.amberSlip)
    return {
      rag: "Amber",
      plannedProgress: planned,
      slip,
      reason: new Behind("Amber", progress, planned, reporting, slip),
      note,
    };
  return { rag: "Green", plannedProgress: planned, slip, reason: null, note };
}

/** A fraction as whole percentage points, as pctWhole shows it (0.456 is 46). */
const points = (f: number): number => Math.round(percentFromFraction(f));

/**
 * "Red: overdue: the target date 31/10/2020 has passed (61 days before 31/12/2020) at 80% complete", from the
 * % complete in whole points (null when the sheet gives none).
 */
export function overdueWords(end: DayNumber, reporting: DayNumber, progressPoints: number | null): string {
  const days = reporting - end;
  return `Red: overdue: the target date ${day(end)} has passed (${days} day${days === 1 ? "" : "s"} before ${day(reporting)})${progressPoints !== null ? ` at ${progressPoints}% complete` : ""}`;
}

/** "Amber: 56% complete against 73% planned by 31/12/2020 (17 points behind)", from whole points. */
export function behindWords(
  rag: string,
  progressPoints: number,
  plannedPoints: number,
  reporting: DayNumber,
  slipPoints: number,
): string {
  return `${rag}: ${progressPoints}% complete against ${plannedPoints}% planned by ${day(reporting)} (${slipPoints} points behind)`;
}

/** An overdue reason as its figures (whole numbers, no boxed fractions); its words are overdueWords'. */
export class Overdue implements FigureReason {
  declare dimension: Dimension;
  declare rag: "Red";
  declare readonly end: DayNumber;
  declare readonly reporting: DayNumber;
  declare readonly progressPoints: number | null;
  constructor(end: DayNumber, reporting: DayNumber, progress: Fraction | null) {
    this.dimension = "overall";
    this.rag = "Red";
    this.end = end;
    this.reporting = reporting;
    this.progressPoints = progress === null ? null : points(progress);
  }
  toJSON(): Reason {
    return reasonJson(this);
  }
  get text(): string {
    return overdueWords(this.end, this.reporting, this.progressPoints);
  }
}

/** A behind-plan reason as its figures (whole numbers, no boxed fractions); its words are behindWords'. */
export class Behind implements FigureReason {
  declare dimension: Dimension;
  declare rag: "Red" | "Amber";
  declare readonly reporting: DayNumber;
  declare readonly progressPoints: number;
  declare readonly plannedPoints: number;
  declare readonly slipPoints: number;
  constructor(
    rag: "Red" | "Amber",
    progress: Fraction,
    planned: Fraction,
    reporting: DayNumber,
    slip: number,
  ) {
    this.dimension = "overall";
    this.rag = rag;
    this.reporting = reporting;
    this.progressPoints = points(progress);
    this.plannedPoints = points(planned);
    this.slipPoints = points(slip);
  }
  toJSON(): Reason {
    return reasonJson(this);
  }
  get text(): string {
    return behindWords(this.rag, this.progressPoints, this.plannedPoints, this.reporting, this.slipPoints);
  }
}

const pct = (f: number | null): number | null => (f === null ? null : percentToHundredthsFromFraction(f));
const iso = (d: number | null): string | null => (d === null ? null : formatDayIso(d as DayNumber));

/** The schedule as a rated dimension: its Complete makes the item complete. */
export const SCHEDULE = defineDimension({
  key: "schedule",
  label: "Schedule",
  fields: ["start", "end", "progress", "status"],
  rules: {
    defaults: {
      amberSlip: 0.1,
      redSlip: 0.25,
      redWhenOverdue: true,
      completeStatuses: ["complete", "completed", "closed", "done", "achieved"],
      cancelledStatuses: [
        "cancelled",
        "canceled",
        "withdrawn",
        "not required",
        "no longer required",
        "stopped",
        "abandoned",
        "not proceeding",
        "not delivered",
      ],
      onHoldStatuses: ["on hold", "on-hold", "paused", "suspended"],
      milestoneGreenDays: 0,
      milestoneAmberDays: 30,
    } as ScheduleRules,
    settings: [
      { key: "amberSlip", kind: "number", min: 0, max: 1 },
      { key: "redSlip", kind: "number", min: 0, max: 1 },
      { key: "redWhenOverdue", kind: "boolean" },
      { key: "completeStatuses", kind: "words" },
      { key: "cancelledStatuses", kind: "words" },
      { key: "onHoldStatuses", kind: "words" },
      { key: "milestoneGreenDays", kind: "number", min: 0, max: 3650 },
      { key: "milestoneAmberDays", kind: "number", min: 0, max: 3650 },
    ],
    checks: [
      (r) => (r.amberSlip > r.redSlip ? "schedule.amberSlip must not be more than schedule.redSlip" : null),
      (r) =>
        r.milestoneGreenDays > r.milestoneAmberDays
          ? "schedule.milestoneGreenDays must not be more than schedule.milestoneAmberDays"
          : null,
    ],
  },
  form: {
    legend: "Schedule (points behind plan)",
    fields: [
      {
        id: "amberSlipPercent",
        setting: "amberSlip",
        label: "Amber when behind by more than",
        unit: "%",
        kind: "number",
        scale: 100,
        min: 0,
        max: 100,
        words: "a percentage",
      },
      {
        id: "redSlipPercent",
        setting: "redSlip",
        label: "Red when behind by more than",
        unit: "%",
        kind: "number",
        scale: 100,
        min: 0,
        max: 100,
        words: "a percentage",
      },
      {
        id: "milestoneGreenDays",
        setting: "milestoneGreenDays",
        label: "Milestone Green when late by at most",
        unit: "days",
        kind: "number",
        min: 0,
        max: 3650,
        words: "a number of days",
      },
      {
        id: "milestoneAmberDays",
        setting: "milestoneAmberDays",
        label: "Milestone Amber when late by at most",
        unit: "days",
        hint: "Red when later, or when its forecast date has passed with no actual date",
        kind: "number",
        min: 0,
        max: 3650,
        words: "a number of days",
      },
    ],
    checks: [
      {
        field: "amberSlipPercent",
        message: "The Amber slip must not be more than the Red slip.",
        fails: (v) => v.amberSlipPercent > v.redSlipPercent,
      },
      {
        field: "milestoneGreenDays",
        message: "The milestone Green days must not be more than the Amber days.",
        fails: (v) => v.milestoneGreenDays > v.milestoneAmberDays,
      },
    ],
  },
  assess(item, { rules, reporting }) {
    const s = rateSchedule(item, reporting, rules);
    item.plannedProgress = s.plannedProgress;
    // Milestones linked to the item (issue 12): the worse of the two.
    return item.milestones ? scheduleWithMilestones(s, item.milestones) : s;
  },
  completes: true,
  json: (i: AssessedItem) => ({
    start: iso(i.start),
    end: iso(i.end),
    /** % complete as a percentage (45 is 45%). */
    progress: pct(i.progress),
    plannedProgress: pct(i.plannedProgress),
  }),
});
