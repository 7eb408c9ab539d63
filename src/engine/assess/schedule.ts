import type { DayNumber } from "../dates";
import type { Fraction } from "../model";
import type { RagStatus } from "../rag";
import type { Rules } from "../rules";
import { day, pctWhole } from "./format";
import { percentFromFraction } from "../percent";

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
  const s = status.trim().toLowerCase();
  return words.some((w) => s === w || (s.startsWith(w) && /^[^a-z]/.test(s.slice(w.length))));
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
  rules: Rules["schedule"],
): ScheduleResult {
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
    const days = reporting - end;
    return {
      rag: "Red",
      plannedProgress: (start !== null ? 1 : null) as Fraction | null,
      slip: null,
      reason: `Red: overdue: the target date ${day(end)} has passed (${days} day${days === 1 ? "" : "s"} before ${day(reporting)})${progress !== null ? ` at ${pctWhole(progress)} complete` : ""}`,
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
  const behind = `${pctWhole(progress)} complete against ${pctWhole(planned)} planned by ${day(reporting)} (${Math.round(percentFromFraction(slip))} points behind)`;
  if (slip > rules.redSlip)
    return { rag: "Red", plannedProgress: planned, slip, reason: `Red: ${behind}`, note };
  if (slip > rules.amberSlip)
    return { rag: "Amber", plannedProgress: planned, slip, reason: `Amber: ${behind}`, note };
  return { rag: "Green", plannedProgress: planned, slip, reason: null, note };
}
