/**
 * The risk rule: score = likelihood × impact (1-5 each), or the risk score column; Green ≤ 4, Amber 5-12,
 * Red ≥ 15; High/Medium/Low → Red/Amber/Green; missing → Not assessed.
 */
import { assessRisk } from "../../src/engine/assess/risk";
import type { CellValue } from "../../src/engine/grid";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { grid, run, runItem, sheetGrid } from "./builders";

describe("likelihood × impact", () => {
  test.each<[number, number, string]>([
    [1, 1, "Green"],
    [2, 2, "Green"], // 4
    [1, 4, "Green"], // 4
    [1, 5, "Amber"], // 5
    [5, 1, "Amber"], // 5
    [2, 3, "Amber"], // 6
    [3, 3, "Amber"], // 9
    [3, 4, "Amber"], // 12
    [4, 3, "Amber"], // 12
    [3, 5, "Red"], // 15
    [4, 4, "Red"], // 16
    [5, 5, "Red"], // 25
  ])("L %p × I %p → %s", (likelihood, impact, rag) => {
    const { item } = runItem({ likelihood, impact, risk: "Supplier delay" });
    expect(item.rag.risk).toBe(rag);
    expect(item.assessedRiskScore).toBe(likelihood * impact);
  });

  test("text numbers are read too", () => {
    expect(runItem({ likelihood: "3", impact: "5" }).item.rag.risk).toBe("Red");
  });

  test("the reason names the score", () => {
    const { item } = runItem({ likelihood: 4, impact: 4, risk: "Key supplier goes into administration" });
    const reason = item.reasons.find((r) => r.dimension === "risk");
    expect(reason?.text).toMatch(/^Red: /);
    expect(reason?.text).toContain("16");
  });
});

describe("risk score column", () => {
  const HEADER: CellValue[] = ["Ref", "Project", "Budget", "Forecast", "Likelihood", "Impact", "Risk score"];
  const one = (likelihood: CellValue, impact: CellValue, score: CellValue) =>
    run([grid(sheetGrid(HEADER, ["ICT-01", "Laptop refresh", 1000, 1000, likelihood, impact, score]))])
      .items[0]!;

  test.each<[CellValue, string]>([
    [4, "Green"],
    [5, "Amber"],
    [12, "Amber"],
    [15, "Red"],
    [20, "Red"],
    ["High", "Red"],
    ["Medium", "Amber"],
    ["Low", "Green"],
    ["HIGH", "Red"],
    ["medium", "Amber"],
    ["low", "Green"],
  ])("risk score %p → %s", (score, rag) => {
    expect(one("", "", score).rag.risk).toBe(rag);
  });

  test("when given, the risk score column is the score (over likelihood × impact)", () => {
    const item = one(1, 1, 16);
    expect(item.rag.risk).toBe("Red");
    expect(item.assessedRiskScore).toBe(16);
  });

  test("a blank risk score falls back to likelihood × impact", () => {
    expect(one(3, 5, "").rag.risk).toBe("Red");
  });
});

describe("missing", () => {
  test.each<[CellValue, CellValue]>([
    ["", ""],
    [3, ""],
    ["", 4],
    ["TBC", 4],
  ])("L %p, I %p → Not assessed", (likelihood, impact) => {
    expect(runItem({ likelihood, impact }).item.rag.risk).toBe("Not assessed");
  });

  test("assessRisk with nothing → Not assessed", () => {
    const r = assessRisk(
      { likelihood: null, impact: null, riskScore: null, riskLevel: null, risk: null },
      DEFAULT_RULES.risk,
    );
    expect(r.rag).toBe("Not assessed");
    expect(r.score).toBeNull();
  });

  test("assessRisk with a level only", () => {
    const r = assessRisk(
      { likelihood: null, impact: null, riskScore: null, riskLevel: "Red", risk: null },
      DEFAULT_RULES.risk,
    );
    expect(r.rag).toBe("Red");
  });
});
