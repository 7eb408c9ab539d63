/**
 * Calendar dates as whole days since 1 January 1970 (UTC), branded so a day cannot be mistaken for money.
 * Excel's serial numbers convert by a fixed offset that depends on the workbook's date system: in the 1900
 * system (Excel's default) serial 25569 is 1 January 1970; in the 1904 system (older Mac workbooks, "Use 1904
 * date system" in Excel's options) serial 0 is 1 January 1904, so the same day's serial is 1,462 smaller.
 */
export type DayNumber = number & { readonly __brand: "DayNumber" };

/** A workbook's date system: how its serial numbers count days (exceljs: workbook.properties.date1904). */
export type DateSystem = 1900 | 1904;

const MS_PER_DAY = 86_400_000;
export const EXCEL_EPOCH_OFFSET = 25569;
/** Days between the two systems' serial 0: serial n in the 1904 system is serial n + 1462 in the 1900 system. */
export const DATE_1904_OFFSET = 1462;

/** The serial of 1 January 1970 in a date system (25569 in the 1900 system, 24107 in the 1904 system). */
export function serialOfUnixEpoch(system: DateSystem): number {
  return system === 1904 ? EXCEL_EPOCH_OFFSET - DATE_1904_OFFSET : EXCEL_EPOCH_OFFSET;
}

export function dayFromYmd(year: number, month: number, day: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY) as DayNumber;
}

export function ymdFromDay(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** True when y-m-d names a real calendar day (31/02 is not). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day an Excel serial (date or date-time) falls on, in the workbook's date system. */
export function dayFromExcelSerial(serial: number, system: DateSystem = 1900): DayNumber {
  return Math.floor(serial - serialOfUnixEpoch(system)) as DayNumber;
}

/** A day as an Excel serial in the workbook's date system. */
export function excelSerialFromDay(day: DayNumber, system: DateSystem = 1900): number {
  return day + serialOfUnixEpoch(system);
}

/**
 * A JS Date as the calendar day it shows. exceljs gives dates as UTC midnight of the day in the sheet,
 * so the UTC fields are the day the user typed.
 */
export function dayFromJsDate(date: Date): DayNumber | null {
  const t = date.getTime();
  if (!Number.isFinite(t)) return null;
  return Math.floor(t / MS_PER_DAY) as DayNumber;
}

/** A JS Date (exceljs: UTC fields are the sheet's date and time) as an Excel serial date-time in a date system. */
export function excelSerialFromJsDate(date: Date, system: DateSystem = 1900): number {
  return date.getTime() / MS_PER_DAY + serialOfUnixEpoch(system);
}

export function jsDateFromDay(day: DayNumber): Date {
  return new Date(day * MS_PER_DAY);
}

/** "31/03/2021" */
export function formatDayUk(day: DayNumber): string {
  // Reasons name the same few hundred days (the reporting date in every one): each is built once.
  let text = UK_DAYS.get(day);
  if (text === undefined) {
    const { year, month, day: d } = ymdFromDay(day);
    text = `${String(d).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
    if (UK_DAYS.size >= MAX_UK_DAYS) UK_DAYS.clear();
    UK_DAYS.set(day, text);
  }
  return text;
}

/** formatDayUk's memory of the days it has written (bounded: cleared when full). */
const UK_DAYS = new Map<number, string>();
const MAX_UK_DAYS = 20_000;

/** "2021-03-31" */
export function formatDayIso(day: DayNumber): string {
  const { year, month, day: d } = ymdFromDay(day);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Strict YYYY-MM-DD, as the command line and the task pane take it. */
export function parseIsoDay(text: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : null;
}

/** The UK financial year (April to March) a day falls in, by its starting calendar year: 2020 for 2020/21. */
export function financialYearStart(day: DayNumber): number {
  const { year, month } = ymdFromDay(day);
  return month >= 4 ? year : year - 1;
}

/** "2020/21" */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** UK financial quarter: Q1 = April-June ... Q4 = January-March. */
export function financialQuarter(day: DayNumber): 1 | 2 | 3 | 4 {
  const { month } = ymdFromDay(day);
  return (Math.floor(((month + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** "Q3 2020/21" */
export function periodLabel(day: DayNumber): string {
  return `Q${financialQuarter(day)} ${financialYearLabel(financialYearStart(day))}`;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** The financial period (month) a day falls in: 1 = April … 12 = March. */
export function financialPeriod(day: DayNumber): number {
  const { month } = ymdFromDay(day);
  return ((month + 8) % 12) + 1;
}

/** "Period 9 (December) 2020/21" */
export function financialPeriodLabel(day: DayNumber): string {
  const { month } = ymdFromDay(day);
  return `Period ${financialPeriod(day)} (${MONTH_NAMES[month - 1]}) ${financialYearLabel(financialYearStart(day))}`;
}

/** First and last day of the calendar month (financial period) a day falls in. */
export function periodBounds(day: DayNumber): { start: DayNumber; end: DayNumber } {
  const { year, month } = ymdFromDay(day);
  return { start: dayFromYmd(year, month, 1), end: dayFromYmd(year, month, daysInMonth(year, month)) };
}

/** First and last day of the financial quarter a day falls in. */
export function quarterBounds(day: DayNumber): { start: DayNumber; end: DayNumber } {
  const fy = financialYearStart(day);
  const q = financialQuarter(day);
  const startMonthIndex = 3 + (q - 1) * 3; // April = 3 (0-based)
  const startYear = fy + Math.floor(startMonthIndex / 12);
  const startMonth = (startMonthIndex % 12) + 1;
  const start = dayFromYmd(startYear, startMonth, 1);
  const endMonthIndex = startMonthIndex + 2;
  const endYear = fy + Math.floor(endMonthIndex / 12);
  const endMonth = (endMonthIndex % 12) + 1;
  const end = dayFromYmd(endYear, endMonth, daysInMonth(endYear, endMonth));
  return { start, end };
}

export function addDays(day: DayNumber, n: number): DayNumber {
  return (day + n) as DayNumber;
}

/** The calendar day a clock reading falls on in the user's own time zone. */
export function dayFromLocalDate(d: Date): DayNumber {
  return dayFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The last day of the month before the one a day falls in: 31/12/2020 for any day of January 2021. */
export function lastDayOfPreviousMonth(day: DayNumber): DayNumber {
  const { year, month } = ymdFromDay(day);
  return dayFromYmd(year, month, 0);
}

/**
 * The reporting date of a workbook that has none saved: the last day of the previous month, because monitoring
 * reports on a month (or quarter) that has ended, never on the month still running.
 */
export function defaultReportingDate(today: DayNumber): DayNumber {
  return lastDayOfPreviousMonth(today);
}

/** A clock reading as an Excel serial date-time in the user's own time zone (as Excel's NOW() shows it). */
export function excelSerialFromLocalDateTime(d: Date, system: DateSystem = 1900): number {
  return (d.getTime() - d.getTimezoneOffset() * 60_000) / MS_PER_DAY + serialOfUnixEpoch(system);
}
