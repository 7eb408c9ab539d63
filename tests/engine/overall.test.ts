/**
 * Overall RAG (Complete unless budget Red; else the worst assessed; none → Not assessed), overrides (three- and
 * five-point; the computed RAG kept beside), and configurable thresholds through rulesFromJson.
 */
import { overallRag } from "../../src/engine/assess/item";
import type { CellValue } from "../../src/engine/grid";
import type { RagStatus } from "../../src/engine/rag";
import type { Rules } from "../../src/engine/rules";
import { DEFAULT_RULES, rulesFromJson } from "../../src/engine/rules";
import { grid, run, runItem, sheetGrid } from "./builders";

describe("computed overall", () => {
  test.each<[RagStatus, RagStatus, RagStatus, RagStatus]>([
    ["Green", "Complete", "Green", "Complete"],
    ["Amber", "Complete", "Red", "Complete"],
    ["Not assessed", "Complete", "Not assessed", "Complete"],
    ["Red", "Complete", "Green", "Red"],
    ["Green", "Green", "Green", "Green"],
    ["Green", "Amber", "Green", "Amber"],
    ["Amber", "Green", "Red", "Red"],
    ["Red", "Green", "Green", "Red"],
    ["Not assessed", "Amber", "Not assessed", "Amber"],
    ["Not assessed", "Not assessed", "Green", "Green"],
    ["Not assessed", "Not assessed", "Not assessed", "Not assessed"],
  ])("budget %s, schedule %s, risk %s → %s", (budget, schedule, risk, expected) => {
    expect(overallRag({ budget, schedule, risk })).toBe(expected);
  });

  test("through a sheet: complete but over budget by more than the limit → Red", () => {
    const { item } = runItem({ budget: 100000, forecast: 110000, status: "Completed" });
    expect(item.rag).toMatchObject({ budget: "Red", schedule: "Complete", computed: "Red", overall: "Red" });
  });

  test("complete and over budget by exactly the limit: Red, and the reason says the limit or more", () => {
    const { item } = runItem({ budget: 100000, forecast: 105000, status: "Completed" });
    expect(item.rag).toMatchObject({ budget: "Red", schedule: "Complete", overall: "Red" });
    const texts = item.reasons.map((r) => r.text);
    expect(texts).toContain("Red: complete, but over budget by the limit or more");
    expect(texts.join(" ")).not.toMatch(/more than the limit/);
  });

  test("through a sheet: complete and Amber on budget → Complete", () => {
    const { item } = runItem({
      budget: 100000,
      forecast: 101000,
      progress: "100%",
      likelihood: 5,
      impact: 5,
    });
    expect(item.rag).toMatchObject({
      budget: "Amber",
      schedule: "Complete",
      risk: "Red",
      overall: "Complete",
    });
  });

  test("through a sheet: nothing to assess → Not assessed", () => {
    const { item } = runItem({});
    expect(item.rag.overall).toBe("Not assessed");
  });
});

describe("overrides", () => {
  const sheetWith = (overrideHeader: string, value: CellValue, forecast = 131000) =>
    run([
      grid(
        sheetGrid(
          ["Ref", "Project", "Budget (£)", "Forecast outturn (£)", "Target date", overrideHeader, "RAG"],
          ["ICT-01", "Laptop refresh", 120000, forecast, "31/03/2021", value, ""],
        ),
      ),
    ]);

  test.each<[string, string]>([
    ["Green", "Green"],
    ["AMBER", "Amber"],
    ["red", "Red"],
    ["Amber/red", "Amber/Red"],
    ["amber/GREEN", "Amber/Green"],
    ["Amber / Green", "Amber/Green"],
    ["AMBER/RED", "Amber/Red"],
  ])("override %p becomes the overall %p; the computed RAG is kept", (value, expected) => {
    const a = sheetWith("DCA", value);
    const item = a.items[0]!;
    expect(item.rag.override).toBe(expected);
    expect(item.rag.overall).toBe(expected);
    expect(item.rag.computed).toBe("Red"); // 9.2% over budget
  });

  test.each([
    "RAG override",
    "Manual RAG",
    "PM RAG",
    "DCA",
    "Delivery confidence",
    "Delivery Confidence Assessment",
  ])("the %p column is an override column", (header) => {
    const item = sheetWith(header, "Amber/Green").items[0]!;
    expect(item.rag).toMatchObject({ override: "Amber/Green", overall: "Amber/Green", computed: "Red" });
  });

  test("a blank override leaves the computed RAG as the overall", () => {
    const item = sheetWith("DCA", "", 118000).items[0]!;
    expect(item.rag).toMatchObject({ override: null, computed: "Green", overall: "Green" });
  });

  test("an unreadable override is a warning on its cell and the computed RAG stands", () => {
    const a = sheetWith("DCA", "Purple");
    expect(a.items[0]!.rag.overall).toBe("Red");
    expect(a.issues.some((i) => i.cell === "F2")).toBe(true);
  });

  test("the override's reason names the computed RAG", () => {
    const item = sheetWith("DCA", "Green").items[0]!;
    const overall = item.reasons.find((r) => r.dimension === "overall");
    expect(overall?.text).toContain("Red");
  });

  test("useOverride false ignores the column", () => {
    const res = rulesFromJson({ useOverride: false });
    expect(res.ok).toBe(true);
    const rules = (res as { rules: Rules }).rules;
    const a = run(
      [
        grid(
          sheetGrid(
            ["Ref", "Project", "Budget (£)", "Forecast outturn (£)", "DCA"],
            ["ICT-01", "Laptop refresh", 120000, 131000, "Green"],
          ),
        ),
      ],
      "2020-12-31",
      { rules },
    );
    expect(a.items[0]!.rag.overall).toBe("Red");
  });
});

describe("configurable thresholds: rulesFromJson", () => {
  const rulesOf = (json: unknown): Rules => {
    const r = rulesFromJson(json);
    if (!r.ok) throw new Error(r.errors.join("; "));
    return r.rules;
  };

  test("{} gives the defaults", () => {
    expect(rulesOf({})).toEqual(DEFAULT_RULES);
  });

  test("budget.redPercent 10: exactly 5% over becomes Amber", () => {
    const rules = rulesOf({ budget: { redPercent: 10 } });
    expect(runItem({ budget: 120000, forecast: 126000 }, "2020-12-31", { rules }).item.rag.budget).toBe(
      "Amber",
    );
    expect(runItem({ budget: 120000, forecast: 132000 }, "2020-12-31", { rules }).item.rag.budget).toBe(
      "Red",
    );
  });

  test("budget.redAmount 50000 (pounds): £50,000 over £3m becomes Red", () => {
    const rules = rulesOf({ budget: { redAmount: 50000 } });
    expect(rules.budget.redAmount).toBe(5_000_000);
    expect(runItem({ budget: 3000000, forecast: 3050000 }, "2020-12-31", { rules }).item.rag.budget).toBe(
      "Red",
    );
    expect(runItem({ budget: 3000000, forecast: 3049999 }, "2020-12-31", { rules }).item.rag.budget).toBe(
      "Amber",
    );
  });

  test("schedule slips", () => {
    const rules = rulesOf({ schedule: { amberSlip: 0.2, redSlip: 0.4 } });
    const at = (progress: number) =>
      runItem({ start: "01/04/2020", end: "10/07/2020", progress }, "2020-05-21", { rules }).item.rag
        .schedule;
    expect(at(0.3)).toBe("Green"); // slip 0.2
    expect(at(0.29)).toBe("Amber");
    expect(at(0.1)).toBe("Amber"); // slip 0.4
    expect(at(0.09)).toBe("Red");
  });

  test("schedule.completeStatuses", () => {
    const rules = rulesOf({ schedule: { completeStatuses: ["Live"] } });
    expect(runItem({ end: "30/09/2020", status: "live" }, "2020-12-31", { rules }).item.rag.schedule).toBe(
      "Complete",
    );
  });

  test("risk bands", () => {
    const rules = rulesOf({ risk: { greenMax: 6, redMin: 12 } });
    expect(runItem({ likelihood: 2, impact: 3 }, "2020-12-31", { rules }).item.rag.risk).toBe("Green");
    expect(runItem({ likelihood: 3, impact: 4 }, "2020-12-31", { rules }).item.rag.risk).toBe("Red");
    expect(runItem({ likelihood: 2, impact: 4 }, "2020-12-31", { rules }).item.rag.risk).toBe("Amber");
  });

  test("allocation is read (pounds)", () => {
    const r = rulesFromJson({ allocation: 1500000 });
    expect(r).toMatchObject({ ok: true, allocation: 1500000 });
  });

  test.each<[string, unknown, RegExp]>([
    ["not an object", [1, 2], /object/],
    ["null", null, /object/],
    ["a string", "strict", /object/],
    ["unknown top-level key", { budgett: {} }, /budgett/],
    ["unknown nested key", { budget: { redPercentage: 5 } }, /budget\.redPercentage/],
    ["negative percent", { budget: { redPercent: -5 } }, /budget\.redPercent/],
    ["text amount", { budget: { redAmount: "100k" } }, /budget\.redAmount/],
    ["slip over 1", { schedule: { redSlip: 25 } }, /schedule\.redSlip/],
    ["amber above red", { schedule: { amberSlip: 0.3, redSlip: 0.2 } }, /amberSlip/],
    ["green above red", { risk: { greenMax: 15, redMin: 10 } }, /greenMax/],
    ["boolean as text", { useOverride: "yes" }, /useOverride/],
    ["statuses not words", { schedule: { completeStatuses: "done" } }, /completeStatuses/],
    ["section not an object", { risk: 5 }, /risk/],
    ["NaN-like", { budget: { redPercent: null } }, /budget\.redPercent/],
  ])("rejects %s with a message naming it", (_label, input, message) => {
    const r = rulesFromJson(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message);
  });

  test("does not change the defaults it starts from", () => {
    rulesOf({ budget: { redPercent: 50 }, schedule: { completeStatuses: ["live"] } });
    expect(DEFAULT_RULES.budget.redPercent).toBe(5);
    expect(DEFAULT_RULES.schedule.completeStatuses).toContain("complete");
  });
});
