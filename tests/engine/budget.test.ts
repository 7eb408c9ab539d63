/**
 * The budget rule (B budget, S spent, C committed, F forecast): Green when V ≤ 0; Red when
 * V ≥ min(5% of |B|, £100,000); Amber otherwise; blank and too-low forecasts; variance %.
 */
import { assessBudget } from "../../src/engine/assess/budget";
import type { Pence } from "../../src/engine/money";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { issuesOnRow, itemExcelRow, runItem } from "./builders";

const p = (pounds: number) => Math.round(pounds * 100) as Pence;

function budget(b: number | null, f: number | null, s: number | null = null, c: number | null = null) {
  return assessBudget(
    {
      budget: b === null ? null : p(b),
      forecast: f === null ? null : p(f),
      spent: s === null ? null : p(s),
      committed: c === null ? null : p(c),
    },
    DEFAULT_RULES.budget,
  );
}

describe("thresholds", () => {
  test.each<[string, number, number, string]>([
    ["under budget", 120_000, 110_000, "Green"],
    ["exactly on budget (V = 0)", 120_000, 120_000, "Green"],
    ["a penny over", 120_000, 120_000.01, "Amber"],
    ["just under 5%", 120_000, 125_999.99, "Amber"],
    ["exactly 5% over", 120_000, 126_000, "Red"],
    ["more than 5% over", 120_000, 131_000, "Red"],
    ["£100,000 on a big budget is under 5% but Red", 3_000_000, 3_100_000, "Red"],
    ["a penny under £100,000 on a big budget", 3_000_000, 3_099_999.99, "Amber"],
    ["exactly 5% on £2m (5% = £100,000)", 2_000_000, 2_100_000, "Red"],
    ["£99,999.99 over on £2m", 2_000_000, 2_099_999.99, "Amber"],
    ["small budget: 5% of £1,000 is £50", 1_000, 1_050, "Red"],
    ["small budget: £49.99 over", 1_000, 1_049.99, "Amber"],
    ["£1.2m allocation, exactly 5% (£60,000)", 1_200_000, 1_260_000, "Red"],
    ["£1.2m allocation, £59,999.99 over", 1_200_000, 1_259_999.99, "Amber"],
  ])("%s: B £%p, F £%p → %s", (_label, b, f, rag) => {
    expect(budget(b, f).rag).toBe(rag);
  });

  test("the same boundaries through a sheet", () => {
    expect(runItem({ budget: 120000, forecast: 126000 }).item.rag.budget).toBe("Red");
    expect(runItem({ budget: 120000, forecast: "£125,999.99" }).item.rag.budget).toBe("Amber");
    expect(runItem({ budget: "£3,000,000", forecast: "£3,100,000" }).item.rag.budget).toBe("Red");
    expect(runItem({ budget: "£3m", forecast: "£3,099,999.99" }).item.rag.budget).toBe("Amber");
    expect(runItem({ budget: 120000, forecast: 120000 }).item.rag.budget).toBe("Green");
  });
});

describe("variance", () => {
  test.each<[number, number, number, number | null]>([
    [120_000, 131_000, 11_000, (11_000 / 120_000) * 100],
    [120_000, 100_000, -20_000, (-20_000 / 120_000) * 100],
    [50_000, 50_000, 0, 0],
    [-10_000, -9_000, 1_000, 10], // |B| in the denominator
    [0, 5_000, 5_000, null], // null when B = 0
  ])("B £%p, F £%p → V £%p, %p%", (b, f, v, pct) => {
    const r = budget(b, f);
    expect(r.variance).toBe(p(v));
    if (pct === null) expect(r.variancePct).toBeNull();
    else expect(r.variancePct).toBeCloseTo(pct, 10);
  });

  test("B = 0 with any overspend is Red (the limit is 0)", () => {
    expect(budget(0, 5_000).rag).toBe("Red");
    expect(budget(0, 0).rag).toBe("Green");
  });
});

describe("reasons", () => {
  test("B £120,000, F £131,000: the documented reason, word for word", () => {
    const r = budget(120_000, 131_000);
    expect(r.rag).toBe("Red");
    expect(r.reason).toBe("Red: forecast £131,000 is £11,000 (9.2%) over budget; the limit is £6,000");
  });

  test("the item carries that reason through a sheet", () => {
    const { item } = runItem({ budget: "£120,000", forecast: "£131,000" });
    expect(item.reasons.map((r) => r.text)).toContain(
      "Red: forecast £131,000 is £11,000 (9.2%) over budget; the limit is £6,000",
    );
  });

  test("Amber has a reason that names the overspend", () => {
    const r = budget(120_000, 123_000);
    expect(r.rag).toBe("Amber");
    expect(r.reason).toMatch(/^Amber: /);
    expect(r.reason).toContain("£3,000");
  });
});

describe("blank and too-low forecasts", () => {
  test("blank F with S + C > B: F = S + C", () => {
    const r = budget(50_000, null, 40_000, 15_000);
    expect(r.forecast).toBe(p(55_000));
    expect(r.variance).toBe(p(5_000));
    expect(r.rag).toBe("Red"); // 10% over
  });

  test("blank F with S + C > B through a sheet: the forecast used is S + C", () => {
    const { item } = runItem({ budget: 50000, spent: 40000, committed: 15000 });
    expect(item.assessedForecast).toBe(p(55_000));
    expect(item.rag.budget).toBe("Red");
  });

  test.each<[number | null, number | null]>([
    [40_000, 10_000], // S + C = B
    [10_000, null],
    [null, null],
  ])("blank F otherwise (S %p, C %p): Not assessed with a 'no forecast' issue", (s, c) => {
    expect(budget(50_000, null, s, c).rag).toBe("Not assessed");
    const { item, analysis } = runItem({ budget: 50000, spent: s ?? "", committed: c ?? "" });
    expect(item.rag.budget).toBe("Not assessed");
    const issues = issuesOnRow(analysis, itemExcelRow(0));
    expect(issues.some((i) => /no forecast/i.test(i.message))).toBe(true);
  });

  test("F < S + C: an issue, and S + C is used", () => {
    const r = budget(100_000, 80_000, 70_000, 20_000);
    expect(r.forecast).toBe(p(90_000));
    expect(r.rag).toBe("Green");
    const { item, analysis } = runItem({ budget: 100000, spent: 70000, committed: 20000, forecast: 80000 });
    expect(item.assessedForecast).toBe(p(90_000));
    expect(item.variance).toBe(p(-10_000));
    const issues = issuesOnRow(analysis, itemExcelRow(0));
    expect(issues.some((i) => /forecast below spend plus commitments/i.test(i.message))).toBe(true);
  });

  test("F < S + C can turn the RAG Red", () => {
    const { item } = runItem({ budget: 100000, spent: 90000, committed: 20000, forecast: 95000 });
    expect(item.assessedForecast).toBe(p(110_000));
    expect(item.rag.budget).toBe("Red");
  });

  test("F ≥ S + C: no 'below spend' issue and F is used as given", () => {
    const { item, analysis } = runItem({ budget: 100000, spent: 70000, committed: 20000, forecast: 90000 });
    expect(item.assessedForecast).toBe(p(90_000));
    expect(analysis.issues.some((i) => /below spend/i.test(i.message))).toBe(false);
  });

  test("an unreadable forecast ('TBC') counts as blank: Not assessed, with both issues", () => {
    const { item, analysis } = runItem({ budget: 50000, spent: 1000, forecast: "TBC" });
    expect(item.rag.budget).toBe("Not assessed");
    expect(
      analysis.issues
        .filter((i) => i.cell === "H4")
        .map((i) => i.severity)
        .sort(),
    ).toEqual(["error", "warning"]);
  });
});
