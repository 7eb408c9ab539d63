/**
 * Day numbers: the default reporting date (the last day of the previous month) and Excel serials in both of
 * Excel's date systems.
 */
import {
  dayFromExcelSerial,
  dayFromYmd,
  defaultReportingDate,
  excelSerialFromDay,
  excelSerialFromJsDate,
  excelSerialFromLocalDateTime,
  financialPeriod,
  financialPeriodLabel,
  formatDayIso,
  lastDayOfPreviousMonth,
  periodBounds,
} from "../../src/engine/dates";

describe("the default reporting date is the last day of the previous month", () => {
  test.each([
    ["2021-01-04", "2020-12-31"], // January: the previous calendar (and financial Q3) year-end
    ["2021-01-01", "2020-12-31"],
    ["2020-12-31", "2020-11-30"], // even on a month's last day, that month has not ended for monitoring
    ["2020-03-15", "2020-02-29"], // leap year
    ["2021-03-01", "2021-02-28"],
    ["2021-04-01", "2021-03-31"], // the financial year's end
  ])("on %s it is %s", (today, expected) => {
    const [y, m, d] = today.split("-").map(Number) as [number, number, number];
    expect(formatDayIso(defaultReportingDate(dayFromYmd(y, m, d)))).toBe(expected);
    expect(formatDayIso(lastDayOfPreviousMonth(dayFromYmd(y, m, d)))).toBe(expected);
  });
});

describe("Excel serials in both date systems", () => {
  test.each([
    [1900, 44196], // 31/12/2020
    [1904, 42734],
  ] as const)("in the %s system 31/12/2020 is serial %s, both ways", (system, serial) => {
    const day = dayFromYmd(2020, 12, 31);
    expect(excelSerialFromDay(day, system)).toBe(serial);
    expect(dayFromExcelSerial(serial, system)).toBe(day);
    // A date-time on that day is still that day.
    expect(dayFromExcelSerial(serial + 0.75, system)).toBe(day);
  });

  test("serial 0 of the 1904 system is 1 January 1904; the default system is 1900", () => {
    expect(formatDayIso(dayFromExcelSerial(0, 1904))).toBe("1904-01-01");
    expect(dayFromExcelSerial(44196)).toBe(dayFromExcelSerial(44196, 1900));
    expect(excelSerialFromDay(dayFromYmd(2000, 1, 1))).toBe(36526);
  });

  test("a clock reading and a JS date convert in the given system", () => {
    const d = new Date(Date.UTC(2021, 0, 4, 9, 30));
    expect(excelSerialFromJsDate(d, 1900) - excelSerialFromJsDate(d, 1904)).toBe(1462);
    expect(excelSerialFromLocalDateTime(d, 1900) - excelSerialFromLocalDateTime(d, 1904)).toBeCloseTo(
      1462,
      9,
    );
  });
});

describe("financial periods (P1 = April)", () => {
  test.each<[number, number, number, number, string]>([
    [2020, 4, 1, 1, "Period 1 (April) 2020/21"],
    [2020, 12, 31, 9, "Period 9 (December) 2020/21"],
    [2021, 1, 1, 10, "Period 10 (January) 2020/21"],
    [2021, 3, 31, 12, "Period 12 (March) 2020/21"],
    [2021, 4, 30, 1, "Period 1 (April) 2021/22"],
  ])("%i-%i-%i is period %i: %s", (y, m, d, period, label) => {
    const day = dayFromYmd(y, m, d);
    expect(financialPeriod(day)).toBe(period);
    expect(financialPeriodLabel(day)).toBe(label);
  });

  test("a period's bounds are its calendar month, leap Februaries included", () => {
    expect(periodBounds(dayFromYmd(2020, 2, 10))).toEqual({
      start: dayFromYmd(2020, 2, 1),
      end: dayFromYmd(2020, 2, 29),
    });
    expect(periodBounds(dayFromYmd(2021, 2, 28))).toEqual({
      start: dayFromYmd(2021, 2, 1),
      end: dayFromYmd(2021, 2, 28),
    });
  });
});
