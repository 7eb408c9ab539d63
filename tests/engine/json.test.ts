/**
 * The --json report: exactly the documented shape and key names, money in pounds with at most two decimals,
 * RAG words as documented.
 */
import { toJsonReport } from "../../src/engine/json";
import { grid, programmeSheet, run, sheetGrid } from "./builders";

const analysis = run([
  programmeSheet([
    {
      ref: "FB-01",
      name: "Laptop refresh",
      theme: "Fixing the basics",
      owner: "Head of ICT",
      budget: 120000,
      spent: 60000.1,
      committed: 10000.01,
      forecast: 131000,
      start: "01/04/2020",
      end: "31/03/2021",
      progress: 0.5,
      likelihood: 3,
      impact: 5,
      risk: "Supply delays",
    },
    {
      ref: "FB-02",
      name: "Wi-Fi upgrade",
      theme: "Fixing the basics",
      budget: "£45,000.99",
      forecast: "£45,000.99",
      status: "Complete",
    },
    { name: "Sub-total" },
    { ref: "CF-01", name: "Online payments", budget: 60000, forecast: "TBC" },
    { ref: "CF-02", name: "Website", budget: 0.01, forecast: 0.01, end: "31/12/2020", progress: 0.99 },
  ]),
  grid(
    sheetGrid(
      ["Ref", "Project", "Budget", "Forecast", "DCA"],
      ["R-1", "Revenue support", 1000, 1000, "amber/GREEN"],
    ),
    {
      name: "Revenue",
    },
  ),
  grid([["Notes"]], { name: "Notes" }),
]);
const report = toJsonReport(analysis);
const json = JSON.parse(JSON.stringify(report)) as typeof report;

const RAG_WORDS = ["Red", "Amber", "Green", "Complete", "Not assessed"];
const OVERRIDE_WORDS = ["Red", "Amber/Red", "Amber", "Amber/Green", "Green"];

/** Pounds as a JSON number with at most two decimals. */
function isPounds(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v) && /^-?\d+(\.\d{1,2})?$/.test(String(v));
}

describe("shape", () => {
  test("top-level keys, in the documented order", () => {
    expect(Object.keys(json)).toEqual([
      "reportingDate",
      "period",
      "month",
      "cycle",
      "allocation",
      "currency",
      "programme",
      "totals",
      "ragCounts",
      "sheets",
      "items",
      "skipped",
      "issues",
      "previous",
      "milestones",
      "riskRegister",
      "years",
      "cancelled",
      "onHold",
    ]);
  });

  test("totals keys", () => {
    expect(Object.keys(json.totals)).toEqual([
      "budget",
      "spent",
      "committed",
      "forecast",
      "variance",
      "unallocated",
      "varianceToAllocation",
      "rag",
      "budgetsNotRead",
    ]);
  });

  test("ragCounts keys and their sum", () => {
    expect(Object.keys(json.ragCounts)).toEqual(["Red", "Amber", "Green", "Complete", "Not assessed"]);
    const sum = Object.values(json.ragCounts).reduce((s, n) => s + n, 0);
    expect(sum).toBe(json.items.length);
  });

  test("item keys and rag keys", () => {
    expect(json.items.length).toBe(5);
    for (const item of json.items) {
      expect(Object.keys(item)).toEqual([
        "sheet",
        "row",
        "ref",
        "id",
        "name",
        "theme",
        "owner",
        "budget",
        "spent",
        "committed",
        "forecast",
        "variance",
        "variancePct",
        "statedVariance",
        "statedForecast",
        "years",
        "profiledToDate",
        "start",
        "end",
        "progress",
        "plannedProgress",
        "likelihood",
        "impact",
        "riskScore",
        "ratings",
        "overrideFrom",
        "parts",
        "rag",
        "reasons",
        "previous",
        "status",
        "cancelled",
        "onHold",
        "ratedRiskScore",
      ]);
      expect(Object.keys(item.rag)).toEqual([
        "budget",
        "schedule",
        "risk",
        "computed",
        "override",
        "overall",
      ]);
      expect(Array.isArray(item.reasons)).toBe(true);
      for (const r of item.reasons) expect(typeof r).toBe("string");
    }
  });

  test("skipped and issues keys", () => {
    expect(json.skipped.length).toBeGreaterThan(0);
    for (const s of json.skipped) expect(Object.keys(s)).toEqual(["sheet", "row", "reason"]);
    expect(json.issues.length).toBeGreaterThan(0);
    for (const i of json.issues) {
      expect(Object.keys(i)).toEqual(["sheet", "cell", "severity", "message"]);
      expect(["error", "warning"]).toContain(i.severity);
    }
  });

  test("JSON round trip loses nothing (no undefined, NaN or Infinity)", () => {
    expect(json).toEqual(report);
  });
});

describe("values", () => {
  test("header: date, period, allocation in pounds", () => {
    expect(json.reportingDate).toBe("2020-12-31");
    expect(json.period).toBe("Q3 2020/21");
    expect(json.allocation).toBe(1200000);
  });

  test("every money figure is pounds with at most two decimals", () => {
    const t = json.totals;
    for (const k of [
      "budget",
      "spent",
      "committed",
      "forecast",
      "variance",
      "unallocated",
      "varianceToAllocation",
    ] as const) {
      expect(isPounds(t[k])).toBe(true);
    }
    for (const item of json.items) {
      for (const k of ["budget", "spent", "committed", "forecast", "variance"] as const) {
        const v = item[k];
        expect(v === null || isPounds(v)).toBe(true);
      }
    }
  });

  test("each item's reference is `ref`, and also `id` for scripts written against earlier versions", () => {
    expect(json.items.map((i) => i.ref)).toContain("FB-01");
    for (const i of json.items) expect(i.id).toBe(i.ref);
  });

  test("money values in pounds", () => {
    const fb1 = json.items.find((i) => i.ref === "FB-01")!;
    expect(fb1).toMatchObject({
      sheet: "Programme of Works",
      row: 4,
      name: "Laptop refresh",
      theme: "Fixing the basics",
      owner: "Head of ICT",
    });
    expect(fb1).toMatchObject({
      budget: 120000,
      spent: 60000.1,
      committed: 10000.01,
      forecast: 131000,
      variance: 11000,
    });
    expect(fb1.variancePct).toBeCloseTo(9.1667, 2);
    expect(fb1.reasons).toContain(
      "Red: forecast £131,000 is £11,000 (9.2%) over budget; the limit is £6,000",
    );
    expect(json.items.find((i) => i.ref === "FB-02")).toMatchObject({
      budget: 45000.99,
      forecast: 45000.99,
      variance: 0,
    });
    expect(json.items.find((i) => i.ref === "CF-02")).toMatchObject({ budget: 0.01, forecast: 0.01 });
    expect(json.totals.budget).toBe(226001); // 120,000 + 45,000.99 + 60,000 + 0.01 + 1,000
    expect(json.totals.spent).toBe(60000.1);
    expect(json.totals.unallocated).toBe(1200000 - 226001);
  });

  test("a blank budget or forecast is null, not 0", () => {
    const cf1 = json.items.find((i) => i.ref === "CF-01")!;
    expect(cf1.spent).toBeNull();
    expect(cf1.variance).toBeNull();
    expect(cf1.variancePct).toBeNull();
    expect(cf1.rag.budget).toBe("Not assessed");
  });

  test("RAG words as documented", () => {
    expect(RAG_WORDS).toContain(json.totals.rag);
    for (const item of json.items) {
      for (const k of ["budget", "schedule", "risk", "computed"] as const)
        expect(RAG_WORDS).toContain(item.rag[k]);
      if (item.rag.override !== null) expect(OVERRIDE_WORDS).toContain(item.rag.override);
      expect([...RAG_WORDS, ...OVERRIDE_WORDS]).toContain(item.rag.overall);
    }
    expect(json.items.find((i) => i.ref === "R-1")!.rag).toMatchObject({
      override: "Amber/Green",
      overall: "Amber/Green",
    });
    expect(json.items.find((i) => i.ref === "FB-02")!.rag.schedule).toBe("Complete");
  });

  test("skipped rows and issues as documented", () => {
    expect(json.skipped).toContainEqual({
      sheet: "Programme of Works",
      row: 6,
      reason: expect.stringMatching(/total/i),
    });
    expect(json.issues).toContainEqual({
      sheet: "Programme of Works",
      cell: "H7",
      severity: "error",
      message: expect.stringContaining('"TBC" is not an amount'),
    });
  });
});

describe("what the report shows is in --json too", () => {
  const late = { budget: 1000, forecast: 1000, start: "01/04/2020", end: "31/10/2020", progress: 0.4 };
  const a = run([
    programmeSheet([
      { ...late, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn", likelihood: 5, impact: 5 },
      { ...late, ref: "LIB-08", name: "Library wifi", status: "On hold" },
      { ...late, ref: "LIB-09", name: "Library app", budget: "tbc", status: "In progress" },
      { ...late, ref: "FB02", name: "Laptops", likelihood: 1, impact: 2 },
    ]),
    grid(
      [
        [
          "Risk ref",
          "Project",
          "Title",
          "Likelihood",
          "Impact",
          "Residual likelihood",
          "Residual impact",
          "Status",
        ],
        ["R02", "FB02", "Supplier insolvency", 5, 5, 4, 4, "Open"],
      ],
      { name: "Risk Register" },
    ),
  ]);
  const out = JSON.parse(JSON.stringify(toJsonReport(a))) as ReturnType<typeof toJsonReport>;
  const item = (ref: string) => out.items.find((i) => i.ref === ref)!;

  test("the budgets not read, as the report's totals, themes and years count them", () => {
    expect(a.totals.budgetsNotRead).toBe(1);
    expect(out.totals.budgetsNotRead).toBe(1);
    expect(out.years.budgetsNotRead).toBe(1);
  });

  test("the cancelled and on-hold items, listed apart and flagged on each item with its status", () => {
    expect(out.cancelled).toEqual([
      { sheet: "Programme of Works", row: 4, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn" },
    ]);
    expect(out.onHold).toEqual([
      { sheet: "Programme of Works", row: 5, ref: "LIB-08", name: "Library wifi", status: "On hold" },
    ]);
    expect([item("LIB-07").cancelled, item("LIB-07").onHold, item("LIB-07").status]).toEqual([
      true,
      false,
      "Withdrawn",
    ]);
    expect([item("LIB-08").cancelled, item("LIB-08").onHold]).toEqual([false, true]);
    expect([item("FB02").cancelled, item("FB02").onHold, item("FB02").status]).toEqual([false, false, null]);
  });

  test("each item's ratedRiskScore: the score that set its Risk RAG (a linked risk's residual here), null when cancelled", () => {
    expect(item("FB02").riskScore).toBe(2);
    expect(item("FB02").rag.risk).toBe("Red");
    expect(item("FB02").ratedRiskScore).toBe(16);
    expect(item("LIB-07").riskScore).toBe(25);
    expect(item("LIB-07").ratedRiskScore).toBeNull();
    expect(item("LIB-08").ratedRiskScore).toBeNull();
  });
});
