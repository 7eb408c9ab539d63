/**
 * Programme totals against the allocation, the programme budget RAG, breakdowns and the period label.
 */
import { periodLabel } from "../../src/engine/dates";
import type { Pence } from "../../src/engine/money";
import { grid, programmeSheet, run, sheetGrid } from "./builders";
import type { ItemRow } from "./builders";

const p = (pounds: number) => Math.round(pounds * 100) as Pence;

const ITEMS: ItemRow[] = [
  {
    ref: "FB-01",
    name: "Laptop refresh",
    theme: "Fixing the basics",
    budget: 250000,
    spent: 180000,
    committed: 40000,
    forecast: 245000,
  },
  {
    ref: "FB-02",
    name: "Wi-Fi upgrade",
    theme: "Fixing the basics",
    budget: "£45,000",
    spent: "£12,500.50",
    committed: "",
    forecast: "£47,250.25",
  },
  {
    ref: "CF-01",
    name: "Online payments",
    theme: "Customer first / digital by default",
    budget: 60000,
    spent: 0,
    committed: 5000,
    forecast: "",
  }, // no assessable forecast: counts at budget
  {
    ref: "FW-01",
    name: "Cloud telephony",
    theme: "Flexible working and accommodation",
    budget: 80000,
    spent: 70000,
    committed: 20000,
    forecast: 85000,
  }, // F < S + C: 90,000 used
  {
    ref: "DS-01",
    name: "Cyber essentials plus",
    theme: "Data and security",
    budget: 25000,
    spent: "",
    committed: "",
    forecast: "TBC",
  }, // unreadable: counts at budget
];

describe("totals", () => {
  const a = run([programmeSheet(ITEMS)]);

  test("budget, spent and committed are the sums of the items", () => {
    expect(a.totals.budget).toBe(p(250000 + 45000 + 60000 + 80000 + 25000));
    expect(a.totals.spent).toBe(p(180000 + 12500.5 + 0 + 70000));
    expect(a.totals.committed).toBe(p(40000 + 5000 + 20000));
  });

  test("forecast: assessed forecasts, and an item with no assessable forecast at its budget", () => {
    expect(a.totals.forecast).toBe(p(245000 + 47250.25 + 60000 + 90000 + 25000));
  });

  test("unallocated = allocation − budget; variance to allocation = forecast − allocation", () => {
    expect(a.allocation).toBe(p(1_200_000)); // the default
    expect(a.totals.unallocated).toBe(p(1_200_000 - 460000));
    expect(a.totals.varianceToAllocation).toBe(p(467250.25 - 1_200_000));
    expect(a.totals.variance).toBe(p(467250.25 - 460000));
  });

  test("another allocation", () => {
    const b = run([programmeSheet(ITEMS)], "2020-12-31", { allocation: p(450000) });
    expect(b.allocation).toBe(p(450000));
    expect(b.totals.unallocated).toBe(p(450000 - 460000));
    expect(b.totals.varianceToAllocation).toBe(p(467250.25 - 450000));
    // £17,250.25 over £450,000 is 3.8%: Amber.
    expect(b.totals.rag).toBe("Amber");
  });

  test("no items: all zero, Green against the allocation", () => {
    const b = run([programmeSheet([])]);
    expect(b.totals).toMatchObject({
      budget: 0,
      spent: 0,
      committed: 0,
      forecast: 0,
      unallocated: p(1_200_000),
    });
    expect(b.totals.varianceToAllocation).toBe(-p(1_200_000));
    expect(b.totals.rag).toBe("Green");
  });

  test("no sheets at all: no throw, zero totals", () => {
    const b = run([]);
    expect(b.items).toEqual([]);
    expect(b.totals.budget).toBe(0);
  });
});

describe("programme budget RAG: the budget rule on (allocation, forecast)", () => {
  const withForecast = (forecast: number, allocation?: number) =>
    run(
      [programmeSheet([{ ref: "P-01", name: "Whole programme", budget: forecast, forecast }])],
      "2020-12-31",
      allocation === undefined ? {} : { allocation: p(allocation) },
    ).totals.rag;

  test.each<[number, string]>([
    [1_100_000, "Green"],
    [1_200_000, "Green"],
    [1_200_000.01, "Amber"],
    [1_259_999.99, "Amber"],
    [1_260_000, "Red"], // exactly 5% of £1.2m
    [1_400_000, "Red"],
  ])("£1.2m allocation, forecast £%p → %s", (forecast, rag) => {
    expect(withForecast(forecast)).toBe(rag);
  });

  test.each<[number, string]>([
    [3_099_999.99, "Amber"],
    [3_100_000, "Red"], // exactly £100,000 over a £3m allocation
  ])("£3m allocation, forecast £%p → %s", (forecast, rag) => {
    expect(withForecast(forecast, 3_000_000)).toBe(rag);
  });
});

describe("breakdowns", () => {
  test("by theme: sums per theme", () => {
    const a = run([programmeSheet(ITEMS)]);
    const basics = a.byTheme.find((t) => t.key === "Fixing the basics");
    expect(basics).toMatchObject({ items: 2, budget: p(295000), forecast: p(245000 + 47250.25) });
    const total = a.byTheme.reduce((s, t) => s + t.budget, 0);
    expect(total).toBe(a.totals.budget);
  });

  test("by financial year where the sheet says which year", () => {
    const values = sheetGrid(
      ["Ref", "Project", "Financial year", "Budget (£)", "Forecast outturn (£)"],
      ["A", "Laptop refresh", "2020/21", 100000, 90000],
      ["B", "Wi-Fi upgrade", "2021/22", 50000, 55000],
      ["C", "Online payments", "2020/21", 20000, 20000],
    );
    const a = run([grid(values)]);
    expect(a.byYear.map((y) => [y.key, y.budget, y.forecast])).toEqual([
      ["2020/21", p(120000), p(110000)],
      ["2021/22", p(50000), p(55000)],
    ]);
  });
});

describe("period label: the UK financial quarter of the reporting date", () => {
  test.each<[string, string]>([
    ["2020-12-31", "Q3 2020/21"],
    ["2020-04-01", "Q1 2020/21"],
    ["2020-06-30", "Q1 2020/21"],
    ["2020-07-01", "Q2 2020/21"],
    ["2020-09-30", "Q2 2020/21"],
    ["2020-10-01", "Q3 2020/21"],
    ["2021-01-01", "Q4 2020/21"],
    ["2021-03-31", "Q4 2020/21"],
    ["2021-04-01", "Q1 2021/22"],
    ["2022-03-31", "Q4 2021/22"],
    ["2000-02-29", "Q4 1999/00"],
  ])("%s → %s", (date, label) => {
    expect(run([], date).period).toBe(label);
  });

  test("periodLabel on its own", () => {
    expect(periodLabel(run([], "2020-12-31").reportingDate)).toBe("Q3 2020/21");
  });
});
