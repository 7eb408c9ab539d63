/**
 * Issue 13: the highlight report's "By financial year" table, the --json years and the CLI summary's lines a
 * year, from one two-year sheet with slippage and an allocation split by year.
 */
import { summaryLines } from "../../src/cli/summary";
import { toJsonReport } from "../../src/engine/json";
import { highlightLayout } from "../../src/engine/report/highlight";
import { rulesFromJson } from "../../src/engine/rules";
import { grid, run } from "../engine/builders";

function analysis(json: object = {}) {
  const r = rulesFromJson(json);
  if (!r.ok) throw new Error(r.errors.join("; "));
  return run(
    [
      grid([
        ["", "", "", "", "", "", "Budget", "", "Forecast", ""],
        [
          "Ref",
          "Project",
          "Budget (£)",
          "Spent to date (£)",
          "Committed (£)",
          "Forecast outturn (£)",
          "2020/21",
          "2021/22",
          "2020/21",
          "2021/22",
        ],
        ["A1", "Laptops", 1000000, 300000, 50000, 1000000, 600000, 400000, 400000, 600000],
        ["A2", "Wi-Fi", 200000, 50000, 0, 180000, 100000, 100000, 80000, 100000],
      ]),
    ],
    "2020-12-31",
    { rules: r.rules },
  );
}

test("the table: each year's status, allocation, budget, spent, committed, forecast, variance, slippage, carried forward", () => {
  const a = analysis({ allocationByYear: { "2020/21": 700000, "2021/22": 500000 } });
  const layout = highlightLayout(a);
  const at = layout.values.findIndex((r) => r[0] === "Financial year");
  expect(layout.values[at]!.slice(0, 11)).toEqual([
    "Financial year",
    null,
    "Status",
    "Allocation",
    "Budget",
    "Spent",
    "Committed",
    "Forecast",
    "Variance",
    "Slippage out",
    "Carried forward in",
  ]);
  expect(layout.values.slice(at + 1, at + 4).map((r) => r.slice(0, 11))).toEqual([
    ["2020/21", null, "In year", 700000, 700000, 350000, 50000, 480000, -220000, 200000, 0],
    // 2021/22's forecast is over its budget by the money slipped from 2020/21: words, not "£200,000 over".
    [
      "2021/22",
      null,
      "Not started",
      500000,
      500000,
      0,
      0,
      700000,
      "£200,000 carried forward from 2020/21",
      0,
      200000,
    ],
    ["Total", null, null, 1200000, 1200000, 350000, 50000, 1180000, -20000, 200000, 200000],
  ]);
  const notes = layout.values.slice(at + 4, at + 8).map((r) => r[0]);
  expect(notes).toEqual([
    expect.stringMatching(/^Split by the sheet's per-year columns; spend to date given as a whole/),
    // In a finance officer's words, not the rules file's setting names (allocationByYear, budget.basis).
    "The allocation by financial year in the rules: 2020/21 £700,000, 2021/22 £500,000.",
    expect.stringMatching(/^Budget RAG rated on the whole programme \(as the rules say\): Green: /),
    null,
  ]);
});

test("in-year basis: the report says so", () => {
  const a = analysis({ budget: { basis: "inYear" } });
  const layout = highlightLayout(a);
  const line = layout.values.find((r) => typeof r[0] === "string" && r[0].startsWith("Budget RAG rated"));
  expect(line![0]).toMatch(
    /^Budget RAG rated in-year, on 2020\/21's figures \(as the rules say\): Green: 2020\/21 forecast £480,000 is within the 2020\/21 budget of £700,000 \(in-year\)/,
  );
});

test("--json years and the CLI summary's line a year", () => {
  const a = analysis();
  const j = toJsonReport(a);
  expect(j.years).toEqual({
    currentYear: "2020/21",
    budgetBasis: "programme",
    rows: [
      {
        year: "2020/21",
        status: "in year",
        allocation: null,
        budget: 700000,
        spent: 350000,
        committed: 50000,
        forecast: 480000,
        variance: -220000,
        slippage: 200000,
        carriedForward: 0,
      },
      {
        year: "2021/22",
        status: "not started",
        allocation: null,
        budget: 500000,
        spent: 0,
        committed: 0,
        forecast: 700000,
        variance: 200000,
        slippage: 0,
        carriedForward: 200000,
      },
    ],
    noYear: { items: 0, budget: 0, spent: 0, committed: 0, forecast: 0 },
    budgetsNotRead: 0,
    basis: expect.any(Array),
  });
  const lines = summaryLines(a);
  const at = lines.indexOf("By financial year (budget rated over the whole programme):");
  expect(lines.slice(at + 1, at + 3)).toEqual([
    "  2020/21 (in year): budget £700,000, spent £350,000, committed £50,000, forecast £480,000, variance £220,000 under, slippage £200,000 into later years",
    "  2021/22 (not started): budget £500,000, spent £0, committed £0, forecast £700,000, variance £200,000 carried forward from 2020/21",
  ]);
});

test("no setting names in the report's words, and an allocation not split says so", () => {
  const layout = highlightLayout(analysis());
  const words = layout.values.flat().filter((v): v is string => typeof v === "string");
  expect(words.filter((w) => /allocationByYear|budget\.basis|settings /.test(w))).toEqual([]);
  expect(words).toContain(
    "The allocation, £1,200,000, is for the whole programme: the rules do not split it by financial year.",
  );
});

test("a year over its budget by more than the money carried into it: the overspend and the carried part", () => {
  const a = run(
    [
      grid([
        [
          "Ref",
          "Project",
          "Budget",
          "Forecast",
          "Budget 2020/21",
          "Budget 2021/22",
          "Forecast 2020/21",
          "Forecast 2021/22",
        ],
        // 2020/21 underspends £50,000 into 2021/22, which is £80,000 over its budget.
        ["A1", "Laptops", 1000000, 1030000, 400000, 600000, 350000, 680000],
      ]),
    ],
    "2020-12-31",
  );
  const y = a.years!.rows.find((r) => r.label === "2021/22")!;
  expect([y.variance, y.carriedIn]).toEqual([8000000, 5000000]);
  const layout = highlightLayout(a);
  const row = layout.values.find((r) => r[0] === "2021/22")!;
  expect(row[8]).toBe("£80,000 over, £50,000 of it carried forward from 2020/21");
  const lines = summaryLines(a);
  expect(lines.find((l) => l.startsWith("  2021/22"))).toMatch(
    /variance £80,000 over, £50,000 of it carried forward from 2020\/21$/,
  );
  // A year under its budget is still "under"; the year it slipped from names the slippage.
  expect(layout.values.find((r) => r[0] === "2020/21")![8]).toBe(-50000);
});

test("in-year basis: the report's Budget RAG is the in-year rating, as the programme RAG uses it", () => {
  const r = rulesFromJson({ budget: { basis: "inYear" } });
  if (!r.ok) throw new Error("rules");
  const a = run(
    [
      grid([
        [
          "Ref",
          "Project",
          "Budget",
          "Forecast",
          "Budget 2020/21",
          "Budget 2021/22",
          "Forecast 2020/21",
          "Forecast 2021/22",
        ],
        ["A1", "Laptops", 1000000, 1000000, 400000, 600000, 500000, 500000],
      ]),
    ],
    "2020-12-31",
    { rules: r.rules },
  );
  expect(a.totals.rag).toBe("Green");
  const layout = highlightLayout(a);
  const row = layout.values.find((v) => v[0] === "Budget RAG")!;
  expect(row[2]).toBe("Red");
});

test("--json: each item's years carry the spend and commitments the year totals place there (they were null)", () => {
  const a = analysis();
  const j = toJsonReport(a);
  const a1 = j.items.find((i) => i.ref === "A1")!;
  expect(a1.years.map((y) => [y.year, y.spent, y.committed])).toEqual([
    ["2020/21", 300000, 50000],
    ["2021/22", 0, 0],
  ]);
  // The items' years add up to the years' rows.
  for (const row of j.years!.rows) {
    const items = j.items.flatMap((i) => i.years.filter((y) => y.year === row.year));
    expect(items.reduce((n, y) => n + (y.spent ?? 0), 0)).toBe(row.spent);
    expect(items.reduce((n, y) => n + (y.committed ?? 0), 0)).toBe(row.committed);
  }
});
