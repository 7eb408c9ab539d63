/**
 * Issue 13: money by financial year as the sheet gives it — per-year columns in every spelling, a profile laid
 * out one column per year under a merged heading (both layouts the hosts give: the heading's covered cells
 * empty), a whole beside its years, slippage columns and spend-profile columns.
 */
import type { CellValue } from "../../../src/engine/grid";
import { grid, run } from "../builders";

const p = (pounds: number) => Math.round(pounds * 100);

function items(values: CellValue[][], date = "2020-12-31") {
  const a = run([grid(values)], date);
  return { a, items: a.items };
}

describe("per-year columns in every spelling", () => {
  test.each<[string, string, string, string]>([
    ["Budget 2020/21", "Budget 2021/22", "budget", "slash, four digits"],
    ["2020/21 forecast", "2021/22 forecast", "forecast", "year first"],
    ["FY20/21 Actuals", "FY21/22 Actuals", "spent", "FY run on"],
    ["Budget 2020-21", "Budget 2021-22", "budget", "hyphen"],
    ["Budget FY 2020/21", "Budget FY 2021/22", "budget", "FY spaced"],
    ["Commitments 20/21", "Commitments 21/22", "committed", "two digits"],
  ])("%s, %s → %s by year (%s)", (h1, h2, field) => {
    const {
      items: [item],
      a,
    } = items([
      ["Ref", "Project", "Target date", h1, h2],
      ["A1", "Laptops", "31/03/2022", 600000, 400000],
    ]);
    expect(item!.years).toEqual([
      expect.objectContaining({ year: 2020, [field]: p(600000) }),
      expect.objectContaining({ year: 2021, [field]: p(400000) }),
    ]);
    // No whole column: the field is the sum of its years.
    expect((item as unknown as Record<string, number>)[field]).toBe(p(1000000));
    expect(a.sheets[0]!.columns.filter((c) => c.field === field).map((c) => c.year)).toEqual([2020, 2021]);
  });

  test("a year's columns read together, whatever the spelling of each", () => {
    const {
      items: [item],
    } = items([
      [
        "Ref",
        "Project",
        "Budget 2020/21",
        "2020/21 forecast",
        "FY20/21 Actuals",
        "Budget FY 2021/22",
        "2021-22 forecast",
      ],
      ["A1", "Laptops", 500000, 450000, 300000, 700000, 750000],
    ]);
    expect(item!.years).toEqual([
      { year: 2020, budget: p(500000), spent: p(300000), committed: null, forecast: p(450000) },
      { year: 2021, budget: p(700000), spent: null, committed: null, forecast: p(750000) },
    ]);
  });
});

describe("a profile laid out one column per year under a merged heading", () => {
  test("the heading in the row above the header row (its covered cells empty, as both hosts give them)", () => {
    const { items: list, a } = items([
      ["", "", "Budget", "", "Forecast", ""],
      ["Ref", "Project", "20/21", "21/22", "2020/21", "FY 2021/22"],
      ["A1", "Laptops", 600000, 400000, 550000, 450000],
      ["A2", "Wi-Fi", 100000, 0, 100000, 0],
    ]);
    expect(list).toHaveLength(2);
    expect(list[0]!.years).toEqual([
      { year: 2020, budget: p(600000), spent: null, committed: null, forecast: p(550000) },
      { year: 2021, budget: p(400000), spent: null, committed: null, forecast: p(450000) },
    ]);
    expect(list[0]!.budget).toBe(p(1000000));
    expect(list[0]!.forecast).toBe(p(1000000));
    const headers = a.sheets[0]!.columns.map((c) => [c.field, c.header]);
    expect(headers).toEqual(
      expect.arrayContaining([
        ["budget", "Budget 20/21"],
        ["budget", "Budget 21/22"],
        ["forecast", "Forecast 2020/21"],
        ["forecast", "Forecast FY 2021/22"],
      ]),
    );
  });

  test("the heading on the header row and the years in the row below (the other names merged down)", () => {
    const { items: list, a } = items([
      ["Ref", "Project", "Total budget (£)", "Budget (£)", "", "Target date"],
      ["", "", "", "2020/21", "2021/22", ""],
      ["A1", "Laptops", 1000000, 600000, 400000, "31/03/2022"],
    ]);
    expect(list).toHaveLength(1);
    const [item] = list;
    expect(item!.budget).toBe(p(1000000));
    expect(item!.years.map((y) => [y.year, y.budget])).toEqual([
      [2020, p(600000)],
      [2021, p(400000)],
    ]);
    expect(a.skipped).toContainEqual({
      sheet: "Programme of Works",
      row: 2,
      reason: "part of the header (years or periods under merged headings)",
    });
    // The second header row is not an item without a name.
    expect(a.issues.filter((x) => x.cell === "A2" || x.cell === "B2")).toEqual([]);
  });

  test("a title merged across the top is no heading", () => {
    const {
      items: [item],
    } = items([
      ["ICT Strategy 2020-22 programme", "", "", ""],
      ["Ref", "Project", "Budget 2020/21", "2021/22"],
      ["A1", "Laptops", 600000, 400000],
    ]);
    expect(item!.years.map((y) => [y.year, y.budget])).toEqual([[2020, p(600000)]]);
  });
});

describe("a whole beside its years", () => {
  const values: CellValue[][] = [
    ["Ref", "Project", "Budget (£)", "Budget 2020/21", "Budget 2021/22"],
    ["A1", "Laptops", 1000000, 600000, 400000],
    ["A2", "Wi-Fi", 150000, 100000, 40000],
  ];
  test("the whole is the item's total; the years feed the by-year view", () => {
    const { items: list } = items(values);
    expect(list.map((i) => i.budget)).toEqual([p(1000000), p(150000)]);
    expect(list[1]!.years.map((y) => y.budget)).toEqual([p(100000), p(40000)]);
  });
  test("a whole that disagrees with the sum of its years is an issue naming its cell", () => {
    const { a } = items(values);
    const found = a.issues.filter((x) => /per-year columns add up/.test(x.message));
    expect(found).toEqual([
      {
        sheet: "Programme of Works",
        cell: "C3",
        severity: "warning",
        message:
          '"Budget (£)" is £150,000, but its per-year columns add up to £140,000 (2020/21 £100,000 + 2021/22 £40,000): the whole is used for the item\'s total, the years for the by-year view',
      },
    ]);
  });
});

describe("slippage and re-profiled budgets", () => {
  test("a slippage column by year, a carry forward 'to' a year, a re-profiled budget", () => {
    const {
      items: [item],
    } = items([
      [
        "Ref",
        "Project",
        "Budget 2020/21",
        "Budget 2021/22",
        "Carry forward to 2021/22",
        "Re-profiled budget 2021/22",
      ],
      ["A1", "Laptops", 600000, 600000, 150000, 750000],
    ]);
    expect(item!.years).toEqual([
      expect.objectContaining({ year: 2020, budget: p(600000), slippage: p(150000) }),
      expect.objectContaining({ year: 2021, budget: p(600000), reprofiled: p(750000) }),
    ]);
  });
  test("a slippage column with no year", () => {
    const {
      items: [item],
    } = items([
      ["Ref", "Project", "Budget", "Forecast", "Slippage"],
      ["A1", "Laptops", 600000, 450000, 150000],
    ]);
    expect(item!.slippage).toBe(p(150000));
    expect(item!.budget).toBe(p(600000));
  });
});

describe("spend-profile columns", () => {
  test("months as text (Apr-20 … Mar-21) under a profile heading", () => {
    const months = [
      "Apr-20",
      "May-20",
      "Jun-20",
      "Jul-20",
      "Aug-20",
      "Sep-20",
      "Oct-20",
      "Nov-20",
      "Dec-20",
      "Jan-21",
      "Feb-21",
      "Mar-21",
    ];
    const {
      items: [item],
    } = items([
      ["", "", "", "Spend profile", ...months.slice(1).map(() => "")],
      ["Ref", "Project", "Budget", ...months],
      ["A1", "Laptops", 120000, ...months.map(() => 10000)],
    ]);
    expect(item!.budget).toBe(p(120000));
    expect(item!.profile).toHaveLength(12);
    expect(item!.profile![0]).toEqual({
      header: "Spend profile Apr-20",
      firstPeriod: 1,
      lastPeriod: 1,
      year: 2020,
      amount: p(10000),
    });
    expect(item!.profile![11]).toMatchObject({ firstPeriod: 12, year: 2020 });
  });
  test("months as date cells, periods P1 … P12 and quarters", () => {
    const {
      items: [a1],
    } = items([
      ["Ref", "Project", "Budget", new Date(Date.UTC(2020, 3, 1)), new Date(Date.UTC(2021, 0, 1))],
      ["A1", "Laptops", 120000, 5000, 7000],
    ]);
    expect(a1!.profile!.map((x) => [x.firstPeriod, x.year, x.amount])).toEqual([
      [1, 2020, p(5000)],
      [10, 2020, p(7000)],
    ]);
    const {
      items: [a2],
    } = items([
      ["Ref", "Project", "Budget", "P1", "P2", "Period 12"],
      ["A1", "Laptops", 120000, 1000, 2000, 3000],
    ]);
    expect(a2!.profile!.map((x) => [x.firstPeriod, x.year])).toEqual([
      [1, null],
      [2, null],
      [12, null],
    ]);
    const {
      items: [a3],
    } = items([
      ["Ref", "Project", "Budget", "Q1 2020/21", "Q2 2020/21", "Q1 2021/22"],
      ["A1", "Laptops", 120000, 1000, 2000, 3000],
    ]);
    expect(a3!.profile!.map((x) => [x.firstPeriod, x.lastPeriod, x.year])).toEqual([
      [1, 3, 2020],
      [4, 6, 2020],
      [1, 3, 2021],
    ]);
  });
  test("months as date serials read in the workbook's own date system (1904 as well as 1900)", () => {
    // "Apr-20" and "Jan-21" held as serials formatted as months, as the add-in reads them (the CLI gets dates).
    const serials = { 1900: [43922, 44197], 1904: [42460, 42735] } as const;
    for (const system of [1900, 1904] as const) {
      const g = grid([
        ["Ref", "Project", "Budget", ...serials[system]],
        ["A1", "Laptops", 120000, 5000, 7000],
      ]);
      g.numberFormats = [
        ["General", "General", "General", "mmm-yy", "mmm-yy"],
        ["General", "General", "General", "General", "General"],
      ];
      const [a1] = run([g], "2020-12-31", { dateSystem: system }).items;
      expect(a1!.profile!.map((x) => [x.firstPeriod, x.year, x.amount])).toEqual([
        [1, 2020, p(5000)],
        [10, 2020, p(7000)],
      ]);
    }
  });
  test("months under an Actuals heading are not a profile", () => {
    const {
      items: [item],
    } = items([
      ["", "", "", "Actuals", ""],
      ["Ref", "Project", "Budget", "Apr-20", "May-20"],
      ["A1", "Laptops", 120000, 10000, 10000],
    ]);
    expect(item!.profile).toBeUndefined();
  });
});
