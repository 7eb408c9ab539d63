/**
 * Day numbers: the default reporting date (the last day of the previous month) and Excel serials in both of
 * Excel's date systems.
 */
import {
  dayFromYmd,
  defaultReportingDate,
  formatDayIso,
  lastDayOfPreviousMonth,
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
