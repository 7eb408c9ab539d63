/**
 * The monthly and quarterly cycle: finance officers monitor the programme every month (Period 1 is April,
 * Period 12 is March) and report to the performance meeting every quarter. A run is a monthly or a quarterly
 * report; the history keeps one snapshot a month, and a report compares with the snapshot before its month (a
 * monthly report: normally last month's) or before its quarter (a quarterly report: the end of the previous
 * quarter, whatever months lie between).
 */
import type { DayNumber } from "./dates";
import { formatDayUk } from "./dates";
import {
  financialPeriod,
  financialPeriodLabel,
  financialQuarter,
  financialYearLabel,
  financialYearStart,
  periodBounds,
  periodLabel,
  quarterBounds,
} from "./dates";

/** A monthly or a quarterly report. */
export type ReportCycle = "month" | "quarter";

/** "monthly", "quarterly". */
export const CYCLE_WORD: Record<ReportCycle, string> = { month: "monthly", quarter: "quarterly" };

/**
 * The cycle of a run that does not choose one: quarterly when the reporting date falls in a quarter's last
 * month (June, September, December, March), monthly otherwise.
 */
export function defaultCycle(day: DayNumber): ReportCycle {
  return financialPeriod(day) % 3 === 0 ? "quarter" : "month";
}

/** The month of a reporting date in the financial year: its period (1 = April), label and first and last day. */
export interface FinancialMonth {
  period: number;
  /** "Period 9 (December) 2020/21" */
  label: string;
  start: DayNumber;
  end: DayNumber;
}

export function financialMonth(day: DayNumber): FinancialMonth {
  const { start, end } = periodBounds(day);
  return { period: financialPeriod(day), label: financialPeriodLabel(day), start, end };
}

/** A key for the month a day falls in (the month's first day): one snapshot of the history per key. */
export function monthKey(day: DayNumber): DayNumber {
  return periodBounds(day).start;
}

/**
 * The first day of the period a report covers: its month's for a monthly report, its quarter's for a quarterly
 * one. A report compares with the latest snapshot before this day.
 */
export function cycleStart(day: DayNumber, cycle: ReportCycle): DayNumber {
  return cycle === "month" ? periodBounds(day).start : quarterBounds(day).start;
}

/** "Period 9 (December)" without the year. */
function periodWords(day: DayNumber): string {
  const fy = financialYearLabel(financialYearStart(day));
  const label = financialPeriodLabel(day);
  return label.endsWith(` ${fy}`) ? label.slice(0, -fy.length - 1) : label;
}

/**
 * The period a report covers, as its title says it: "Period 9 (December) 2020/21 — Q3" for a monthly report,
 * "Q3 2020/21 — Period 9 (December)" for a quarterly one.
 */
export function cycleTitle(day: DayNumber, cycle: ReportCycle): string {
  return cycle === "month"
    ? `${financialPeriodLabel(day)} — Q${financialQuarter(day)}`
    : `${periodLabel(day)} — ${periodWords(day)}`;
}

/**
 * What a report compares with, in words: the snapshot's month for a monthly report ("Period 8 (November)
 * 2020/21"), its quarter for a quarterly one ("Q2 2020/21").
 */
export function comparedLabel(snapshotDay: DayNumber, cycle: ReportCycle): string {
  return cycle === "month" ? financialPeriodLabel(snapshotDay) : periodLabel(snapshotDay);
}

/**
 * A run's cycle, the period it covers and what it compares with, in the words the CLI summary, the pane and the
 * change log use: "quarterly report, Q3 2020/21 — Period 9 (December); compared with Q2 2020/21 (30/09/2020)".
 */
export function cycleSentence(
  a: { reportingDate: DayNumber; cycle: ReportCycle },
  since: { label: string; reportingDate: DayNumber } | null,
): string {
  return (
    `${CYCLE_WORD[a.cycle]} report, ${cycleTitle(a.reportingDate, a.cycle)}; ` +
    (since
      ? `compared with ${since.label} (${formatDayUk(since.reportingDate)})`
      : `no earlier ${a.cycle} in the RAG History to compare with`)
  );
}
