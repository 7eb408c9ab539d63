/**
 * Issue 13: the allocation by year (settings), money by financial year with slippage and carry forward, a
 * year not started that shows spend, the budget rated in-year, and spend to date against a profile.
 */
import { DEFAULT_RULES, rulesFromJson, rulesToJson } from "../../../src/engine/rules";
import type { Rules } from "../../../src/engine/rules";
import type { CellValue } from "../../../src/engine/grid";
import type { Pence } from "../../../src/engine/money";
import { grid, run } from "../builders";

const p = (pounds: number) => Math.round(pounds * 100) as Pence;

function rules(json: object): Rules {
  const r = rulesFromJson(json);
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.rules;
}

describe("allocationByYear (settings)", () => {
  test("given in pounds by year label, held in pence in year order; round-trips through rulesToJson", () => {
    const r = rules({ allocationByYear: { "2021/22": 600000.5, "2020/21": 599999.5 } });
    expect(r.allocationByYear).toEqual([
      { year: 2020, amount: 59_999_950 },
      { year: 2021, amount: 60_000_050 },
    ]);
    expect(Number.isInteger(r.allocationByYear![0]!.amount)).toBe(true);
    const json = rulesToJson(r);
    expect(json.allocationByYear).toEqual({ "2020/21": 599999.5, "2021/22": 600000.5 });
    expect(rules(json as object).allocationByYear).toEqual(r.allocationByYear);
  });
  test("defaults to none: the allocation is for the whole programme", () => {
    expect(DEFAULT_RULES.allocationByYear ?? null).toBeNull();
    expect(rulesToJson(DEFAULT_RULES).allocationByYear).toBeUndefined();
  });
  test("keys must be financial-year labels; amounts numbers", () => {
    const r = rulesFromJson({
      allocationByYear: { "2020": 1, "2020/22": 2, "2021/22": "lots", "FY22/23": 5 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'allocationByYear: "2020" is not a financial year such as "2020/21"',
      'allocationByYear: "2020/22" is not a financial year such as "2020/21"',
      'allocationByYear.2021/22 must be a number from 0 to 1000000000000, got "lots"',
    ]);
    expect(rulesFromJson({ allocationByYear: [1, 2] }).ok).toBe(false);
  });
  test("a split that does not add up to the allocation is an issue", () => {
    const a = run(
      [
        grid([
          ["Ref", "Project", "Budget 2020/21", "Budget 2021/22"],
          ["A1", "Laptops", 500000, 500000],
        ]),
      ],
      "2020-12-31",
      { rules: rules({ allocationByYear: { "2020/21": 600000, "2021/22": 500000 } }) },
    );
    expect(a.issues).toContainEqual({
      sheet: "Programme of Works",
      cell: "",
      severity: "warning",
      message:
        "the allocation by year (2020/21 £600,000 + 2021/22 £500,000) adds up to £1,100,000, not the £1,200,000 allocation",
    });
    expect(a.years!.rows.map((r) => [r.label, r.allocation])).toEqual([
      ["2020/21", p(600000)],
      ["2021/22", p(500000)],
    ]);
  });
});

const YEARS_HEADER: CellValue[] = [
  "Ref",
  "Project",
  "Budget (£)",
  "Spent to date (£)",
  "Committed (£)",
  "Forecast outturn (£)",
  "Budget 2020/21",
  "Budget 2021/22",
  "Forecast 2020/21",
  "Forecast 2021/22",
];

describe("by year: budget, spent, committed, forecast, variance, slippage", () => {
  test("forecast underspend in 2020/21 taken up by 2021/22's overspend is slippage, carried forward", () => {
    const a = run([
      grid([
        YEARS_HEADER,
        // £200,000 of 2020/21's budget will be spent in 2021/22.
        ["A1", "Laptops", 1000000, 300000, 50000, 1000000, 600000, 400000, 400000, 600000],
        // Simply under budget in 2020/21, nothing moved on.
        ["A2", "Wi-Fi", 200000, 50000, 0, 180000, 100000, 100000, 80000, 100000],
      ]),
    ]);
    const rows = a.years!.rows;
    expect(
      rows.map((r) => [r.label, r.status, r.budget, r.forecast, r.variance, r.slippage, r.carriedIn]),
    ).toEqual([
      ["2020/21", "in year", p(700000), p(480000), p(-220000), p(200000), 0],
      ["2021/22", "not started", p(500000), p(700000), p(200000), 0, p(200000)],
    ]);
    // Spend and commitments with no year are the current year's; a year not started has none.
    expect(rows.map((r) => [r.spent, r.committed])).toEqual([
      [p(350000), p(50000)],
      [0, 0],
    ]);
    // The years add up to the programme's totals.
    expect(rows.reduce((s, r) => s + r.forecast, 0)).toBe(a.totals.forecast);
    expect(rows.reduce((s, r) => s + r.budget, 0)).toBe(a.totals.budget);
  });

  test("a slippage column and a re-profiled budget say the slippage themselves", () => {
    const a = run([
      grid([
        ["Ref", "Project", "Budget 2020/21", "Budget 2021/22", "Slippage 2020/21"],
        ["A1", "Laptops", 600000, 600000, 150000],
      ]),
      grid(
        [
          [
            "Ref",
            "Project",
            "Budget 2020/21",
            "Budget 2021/22",
            "Re-profiled budget 2020/21",
            "Re-profiled budget 2021/22",
          ],
          ["B1", "Phones", 100000, 100000, 60000, 140000],
        ],
        { name: "Second" },
      ),
    ]);
    expect(a.years!.rows.map((r) => [r.label, r.slippage, r.carriedIn, r.budget])).toEqual([
      ["2020/21", p(190000), 0, p(660000)],
      ["2021/22", 0, p(190000), p(740000)],
    ]);
  });

  test("closed years take the spend to date at their outturn; the rest is in-year", () => {
    const a = run(
      [grid([YEARS_HEADER, ["A1", "Laptops", 1000000, 700000, 0, 1000000, 500000, 500000, 480000, 520000]])],
      "2021-06-30",
    );
    expect(a.years!.rows.map((r) => [r.label, r.status, r.spent])).toEqual([
      ["2020/21", "closed", p(480000)],
      ["2021/22", "in year", p(220000)],
    ]);
  });

  test("a year not started shows no spend unless the sheet gives some, and then an issue names the cell", () => {
    const a = run([
      grid([
        ["Ref", "Project", "Budget 2020/21", "Budget 2021/22", "Actuals 2020/21", "Actuals 2021/22"],
        ["A1", "Laptops", 600000, 600000, 250000, 0],
        ["A2", "Phones", 100000, 100000, 50000, 5000],
      ]),
    ]);
    expect(a.years!.rows.map((r) => [r.label, r.spent])).toEqual([
      ["2020/21", p(300000)],
      ["2021/22", p(5000)],
    ]);
    expect(a.issues.filter((x) => /has not started/.test(x.message))).toEqual([
      {
        sheet: "Programme of Works",
        cell: "F3",
        severity: "warning",
        message:
          "£5,000 is shown as spent in 2021/22, a financial year that has not started by the reporting date: is it a forecast or a commitment?",
      },
    ]);
  });

  test("spend to date of an item whose years have all still to start is the current year's, never a later one", () => {
    const a = run([
      grid([
        ["Ref", "Project", "Spent to date", "Budget 2021/22", "Forecast 2021/22"],
        ["A1", "Phones", 5000, 100000, 100000],
      ]),
    ]);
    expect(a.years!.rows.map((r) => [r.label, r.status, r.spent, r.budget])).toEqual([
      ["2020/21", "in year", p(5000), 0],
      ["2021/22", "not started", 0, p(100000)],
    ]);
  });

  test("money by year is whole pence, whatever the sheet's fractions", () => {
    const a = run([
      grid([
        YEARS_HEADER,
        ["A1", "Laptops", 1000.1, 300.333, 0.005, 1000.1, 600.07, 400.03, 400.015, 600.085],
        ["A2", "Wi-Fi", "£0.10", "0.2", 0, "£0.3", 0.1, 0.2, 0.1, 0.2],
      ]),
    ]);
    for (const r of a.years!.rows)
      for (const v of [r.budget, r.spent, r.committed, r.forecast, r.variance, r.slippage, r.carriedIn])
        expect(Number.isInteger(v)).toBe(true);
  });
});

describe("the budget rated in-year", () => {
  const sheet = () =>
    grid([
      YEARS_HEADER,
      // Whole programme within budget, but 2020/21 overspent: money brought forward from 2021/22.
      ["A1", "Laptops", 1000000, 500000, 0, 1000000, 400000, 600000, 500000, 500000],
    ]);
  test("by default the whole programme: Green", () => {
    const a = run([sheet()]);
    expect(a.items[0]!.rag.budget).toBe("Green");
    expect(a.years!.budgetBasis).toBe("programme");
  });
  test("budget.basis inYear rates the year's budget and forecast, and the reason says so", () => {
    const a = run([sheet()], "2020-12-31", { rules: rules({ budget: { basis: "inYear" } }) });
    const item = a.items[0]!;
    expect(item.rag.budget).toBe("Red");
    expect(item.budgetBasis).toBe("inYear");
    expect(item.reasons.find((r) => r.dimension === "budget")!.text).toBe(
      "Red: forecast £500,000 is £100,000 (25.0%) over the 2020/21 budget (in-year); the limit is £20,000",
    );
    // The item's own figures stay the whole programme's.
    expect(item.variance).toBe(0);
    expect(a.programmeRag.budget.reason).toMatch(
      /^Red: forecast £500,000 is £100,000 \(25\.0%\) over the 2020\/21 budget \(in-year\)/,
    );
    expect(a.programmeRag.budget.reason).toMatch(
      /over the whole programme, forecast £1,000,000 is within the £1,200,000 allocation \(Green\)$/,
    );
  });
  test("in-year against the year's allocation where it is split", () => {
    const a = run([sheet()], "2020-12-31", {
      rules: rules({
        budget: { basis: "inYear" },
        allocationByYear: { "2020/21": 600000, "2021/22": 600000 },
      }),
    });
    expect(a.programmeRag.budget.rag).toBe("Green");
    expect(a.programmeRag.budget.reason).toMatch(
      /^Green: 2020\/21 forecast £500,000 is within the 2020\/21 allocation of £600,000 \(in-year\)/,
    );
  });
  test("an item with no figures for the year is rated on the whole programme, saying so", () => {
    const a = run(
      [
        grid([
          ["Ref", "Project", "Budget", "Forecast"],
          ["A1", "Laptops", 100000, 130000],
        ]),
      ],
      "2020-12-31",
      { rules: rules({ budget: { basis: "inYear" } }) },
    );
    expect(a.items[0]!.budgetBasis).toBe("programme");
    expect(a.items[0]!.reasons[0]!.text).toMatch(
      /over budget; the limit is £5,000 \(rated on the whole programme: the sheet gives no 2020\/21 budget and forecast for an in-year rating\)$/,
    );
  });
  test("basis must be programme or inYear", () => {
    const r = rulesFromJson({ budget: { basis: "annual" } });
    expect(r.ok ? [] : r.errors).toEqual(['budget.basis must be one of "programme", "inYear"']);
  });
});

describe("profiled spend to date", () => {
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
  const sheet = (spent: number) =>
    grid([
      ["", "", "", "", "", "Spend profile", ...months.slice(1).map(() => "")],
      ["Ref", "Project", "Budget", "Spent to date", "Forecast", ...months],
      // £65,000 profiled by period 9 (December).
      [
        "A1",
        "Laptops",
        100000,
        spent,
        100000,
        5000,
        5000,
        5000,
        10000,
        10000,
        10000,
        5000,
        5000,
        10000,
        15000,
        10000,
        10000,
      ],
    ]);
  test("behind the profile: Amber, and the reason gives both figures and the period", () => {
    const a = run([sheet(40000)], "2020-12-31");
    const item = a.items[0]!;
    expect(item.profiledToDate).toBe(p(65000));
    expect(item.rag.budget).toBe("Amber");
    expect(item.reasons.find((r) => r.dimension === "budget")!.text).toBe(
      "Amber: spent £40,000 against £65,000 profiled by period 9, £25,000 (38.5%) behind the profile; the limit is 20%",
    );
  });
  test("on profile: Green; earlier in the year less is profiled", () => {
    expect(run([sheet(60000)], "2020-12-31").items[0]!.rag.budget).toBe("Green");
    const a = run([sheet(20000)], "2020-06-30");
    expect(a.items[0]!.profiledToDate).toBe(p(15000));
    expect(a.items[0]!.rag.budget).toBe("Green");
  });
  test("periods P1 … P12 and quarters, a quarter still running pro rata", () => {
    const a = run(
      [
        grid([
          [
            "Ref",
            "Project",
            "Budget",
            "Spent",
            "Forecast",
            "Q1 2020/21",
            "Q2 2020/21",
            "Q3 2020/21",
            "Q4 2020/21",
          ],
          ["A1", "Laptops", 100000, 30000, 100000, 15000, 30000, 30000, 25000],
        ]),
      ],
      "2020-11-30",
    );
    // Q1 + Q2 + two months of Q3: £65,000 by period 8.
    expect(a.items[0]!.profiledToDate).toBe(p(65000));
    expect(a.items[0]!.reasons[0]!.text).toBe(
      "Amber: spent £30,000 against £65,000 profiled by period 8 (a quarter still running counted pro rata), £35,000 (53.8%) behind the profile; the limit is 20%",
    );
    const b = run(
      [
        grid([
          ["Ref", "Project", "Budget", "Spent", "Forecast", "P1", "P2", "P3"],
          ["A1", "Laptops", 1000, 300, 1200, 100, 200, 300],
        ]),
      ],
      "2020-05-31",
    );
    expect(b.items[0]!.profiledToDate).toBe(p(300));
    // Over budget: the profile is said beside the budget's own reason.
    expect(b.items[0]!.reasons[0]!.text).toMatch(
      /over budget; the limit is £50; spent £300 against £300 profiled by period 2$/,
    );
  });
});
