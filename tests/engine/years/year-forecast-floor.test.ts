/**
 * R3-7: a financial year's forecast below the spend and commitments already in that year is raised to them,
 * with a warning naming the cell, so the year's variance is never better than the truth.
 */
import type { Pence } from "../../../src/engine/money";
import { grid, run } from "../builders";

const p = (pounds: number) => Math.round(pounds * 100) as Pence;

test("a year's forecast below its spend plus commitments is raised to them and the cell named", () => {
  const a = run([
    grid([
      ["Ref", "Project", "Budget 2020/21", "Spend 2020/21", "Committed 2020/21", "Forecast 2020/21"],
      ["A1", "Phones", 100000, 90000, 5000, 60000],
    ]),
  ]);
  const year = a.years!.rows.find((r) => r.label === "2020/21")!;
  expect(year.forecast).toBe(p(95000));
  expect(year.variance).toBe(p(-5000));
  const warning = a.issues.find((x) => /2020\/21 forecast/.test(x.message));
  expect(warning).toMatchObject({
    cell: "F2",
    severity: "warning",
    message:
      "the 2020/21 forecast £60,000 is below the spend plus commitments already in that year, £95,000, which is used instead (raised by £35,000)",
  });
});

test("a year's forecast at or above its spend plus commitments is used as given, with no warning", () => {
  const a = run([
    grid([
      ["Ref", "Project", "Budget 2020/21", "Spend 2020/21", "Forecast 2020/21"],
      ["A1", "Phones", 100000, 90000, 98000],
    ]),
  ]);
  expect(a.years!.rows.find((r) => r.label === "2020/21")!.forecast).toBe(p(98000));
  expect(a.issues.some((x) => /2020\/21 forecast/.test(x.message))).toBe(false);
});

test("R3-16: an item's forecast raised to its spend is raised in its years too, so the years match the totals", () => {
  const a = run([
    grid([
      ["Ref", "Project", "Spent to date", "Budget 2020/21", "Forecast 2020/21"],
      ["A1", "Phones", 120000, 100000, 80000],
    ]),
  ]);
  expect(a.items[0]!.assessedForecast).toBe(p(120000));
  const sum = a.years!.rows.reduce((s, r) => s + r.forecast, 0);
  expect(sum).toBe(a.totals.forecast);
  expect(a.years!.rows.find((r) => r.label === "2020/21")!.forecast).toBe(p(120000));
  expect(a.issues.find((x) => /raised to spend plus commitments/.test(x.message))?.message).toBe(
    "A1: the forecast is raised to spend plus commitments, £120,000, by £40,000 in 2020/21, so the years add up to the item",
  );
});
