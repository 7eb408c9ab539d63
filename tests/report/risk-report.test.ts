/**
 * The highlight report's risk sections (issue 12): the 5 × 5 heat map of open risks (count and rating word in
 * every cell, so it reads without colour) and the register's top risks with owner, score, mitigation, the
 * direction of travel since the last snapshot and review dates passed.
 */
import { riskRegisterLine, summaryLines } from "../../src/cli/summary";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { DayNumber } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { SheetLayout } from "../../src/engine/plan";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { cellRating, heatCellText, heatMapCounts } from "../../src/engine/report/risk-heatmap";
import { highlightLayout } from "../../src/engine/report/highlight";
import { riskDirection } from "../../src/engine/report/top-risks";
import { RISK_HISTORY_HEADERS } from "../../src/engine/report/risk-history";
import { buildWritePlan } from "../../src/engine/write-plan";
import { looksLikeOwnSheet } from "../../src/engine/own-sheets";

const day = (iso: string) => parseIsoDay(iso)!;

function programme(): SheetGrid {
  return {
    name: "Programme of Works",
    visible: true,
    rowOffset: 0,
    colOffset: 0,
    values: [
      ["Ref", "Project", "Owner", "Budget (£)", "Forecast (£)", "Target date"],
      ["FB01", "Network refresh", "Mark", 1000, 1000, "31/03/2021"],
      ["FB02", "Laptops", "Ann", 1000, 1000, "31/03/2021"],
    ],
  };
}

function register(rows: CellValue[][]): SheetGrid {
  return {
    name: "Risk Register",
    visible: true,
    rowOffset: 0,
    colOffset: 0,
    values: [
      [
        "Risk ref",
        "Project",
        "Title",
        "Owner",
        "Likelihood",
        "Impact",
        "Residual likelihood",
        "Residual impact",
        "Mitigation",
        "Status",
        "Review date",
      ],
      ...rows,
    ],
  };
}

const ROWS: CellValue[][] = [
  ["R01", "FB01", "Supplier insolvency", "Head of ICT", 5, 5, 4, 5, "Escrow agreement", "Open", "31/03/2021"],
  ["R02", "FB01", "Chip shortage", "Mark", 4, 5, "", "", "Order early", "Open", "30/11/2020"],
  ["R03", "FB02", "Staff turnover", "Ann", 2, 3, "", "", "Cross-training", "Open", ""],
  ["R04", "", "Funding cut", "S151 officer", 3, 3, 1, 2, "Reserve", "Open", ""],
  ["R05", "FB02", "Old risk", "Ann", 5, 5, "", "", "", "Closed", ""],
];

function layoutOf(before: Map<string, number | null> | null = null): {
  a: ReturnType<typeof analyse>;
  l: SheetLayout;
} {
  const a = analyse([programme(), register(ROWS)], { reportingDate: day("2020-12-31") });
  const l = highlightLayout(a, {
    riskScoresBefore: before
      ? { label: "Q2 2020/21", reportingDate: day("2020-09-30") as DayNumber, scores: before }
      : null,
  });
  return { a, l };
}

const rowWith = (l: SheetLayout, text: string) =>
  l.values.findIndex((r) => r.some((v) => typeof v === "string" && v.startsWith(text)));

describe("heat map", () => {
  test("counts open risks by the likelihood and impact rated (residual where given); closed ones left out", () => {
    const { a } = layoutOf();
    const { counts, notPlaced } = heatMapCounts(a.riskRegister!.risks);
    expect(notPlaced).toBe(0);
    expect(counts[3]![4]).toBe(2); // R01 residual 4 × 5 and R02 inherent 4 × 5
    expect(counts[1]![2]).toBe(1); // R03 2 × 3
    expect(counts[0]![1]).toBe(1); // R04 residual 1 × 2
    expect(counts.flat().reduce((s, n) => s + n, 0)).toBe(4);
  });

  test("every cell of the printed map gives its count and rating word, likelihood 5 on top", () => {
    const { l } = layoutOf();
    const h = rowWith(l, "Risk heat map");
    expect(h).toBeGreaterThan(0);
    expect(l.values[h + 1]!.slice(0, 7)).toEqual([
      "Likelihood ↓  Impact →",
      null,
      "1 (very low)",
      "2 (low)",
      "3 (medium)",
      "4 (high)",
      "5 (very high)",
    ]);
    const top = l.values[h + 2]!;
    expect(top[0]).toBe("Likelihood 5\n(very high)");
    expect(top.slice(2, 7)).toEqual(["–\nAmber", "–\nAmber", "–\nRed", "–\nRed", "–\nRed"]);
    const four = l.values[h + 3]!;
    expect(four[6]).toBe("2 risks\nRed");
    const one = l.values[h + 6]!;
    expect(one[0]).toBe("Likelihood 1\n(very low)");
    expect(one[3]).toBe("1 risk\nGreen");
    expect(String(l.values[h + 7]![0])).toMatch(/^4 open risks on "Risk Register" \(1 closed, not shown\)/);
  });

  test.each<[number, number, string]>([
    [1, 4, "Green"],
    [1, 5, "Amber"],
    [3, 4, "Amber"],
    [3, 5, "Red"],
  ])("cell likelihood %p × impact %p is %s by the risk rule", (l, i, rag) => {
    expect(cellRating(l, i, DEFAULT_RULES.risk)).toBe(rag);
  });

  test("cell words", () => {
    expect(heatCellText(0, "Red")).toBe("–\nRed");
    expect(heatCellText(1, "Amber")).toBe("1 risk\nAmber");
  });

  test("no register: no heat map and no register top risks", () => {
    const a = analyse([programme()], { reportingDate: day("2020-12-31") });
    const l = highlightLayout(a);
    expect(rowWith(l, "Risk heat map")).toBe(-1);
    expect(rowWith(l, "Top risks: the risk register")).toBe(-1);
  });
});

describe("top risks", () => {
  test("worst first, with owner, score, rating, review passed flagged and mitigation", () => {
    const { l } = layoutOf();
    const h = rowWith(l, "Top risks: the risk register");
    const rows = l.values.slice(h + 2, h + 6);
    expect(rows.map((r) => r[0])).toEqual(["R01", "R02", "R03", "R04"]);
    expect(rows[0]!.slice(1, 7)).toEqual([
      "Supplier insolvency",
      "FB01",
      "Head of ICT",
      20,
      "Red",
      "No earlier snapshot",
    ]);
    expect(rows[1]![8]).toBe("PASSED");
    // A review still to come says its date, not "Due" (read as already due); a past one says PASSED.
    expect(rows[0]![8]).toBe("Review 31/03/2021");
    expect(rows[2]![8]).toBe("None");
    expect(rows[0]![9]).toBe("Escrow agreement");
    expect(rows[0]![10]).toBe("residual: likelihood 4 × impact 5");
    expect(rows[3]![2]).toBe("Programme");
    expect(l.values.some((r) => r[0] === "R05")).toBe(false);
    expect(rowWith(l, "1 open risk is past the review date: R02.")).toBeGreaterThan(h);
  });

  test("direction of travel against the last snapshot's scores", () => {
    const { l } = layoutOf(
      new Map([
        ["r01", 16],
        ["r02", 25],
        ["r03", 6],
      ]),
    );
    const h = rowWith(l, "Top risks: the risk register");
    const since = l.values.slice(h + 2, h + 6).map((r) => r[6]);
    expect(since).toEqual(["▲ Worse: 16 → 20", "▼ Better: 25 → 20", "► Same: 6", "New since Q2 2020/21"]);
  });

  test("riskDirection without a snapshot, and with an unscored risk", () => {
    expect(riskDirection({ key: "R1", score: 5 }, null).direction).toBe("unknown");
    const before = { label: "Q2", reportingDate: day("2020-09-30"), scores: new Map([["r1", null]]) };
    expect(riskDirection({ key: "R1", score: 5 }, before).direction).toBe("unknown");
  });
});

describe("Risk History", () => {
  const analysisAt = (iso: string, rows: CellValue[][] = ROWS) =>
    analyse([programme(), register(rows)], { reportingDate: day(iso) });

  /** The layout as a grid, as the next run reads it back. */
  const asGrid = (l: SheetLayout | undefined, name: string): SheetGrid => ({
    name,
    visible: true,
    rowOffset: 0,
    colOffset: 0,
    values: l!.values.map((r) => r.map((v) => v)),
  });

  test("a report writes each open risk's score; the next report compares with it and keeps it", () => {
    const q2 = analysisAt("2020-09-30", [
      ["R01", "FB01", "Supplier insolvency", "Head of ICT", 4, 4, "", "", "Escrow", "Open", ""],
      ["R02", "FB01", "Chip shortage", "Mark", 5, 5, "", "", "", "Open", ""],
    ]);
    const p2 = buildWritePlan(q2, { mode: "report", generatedAt: 44104 });
    const rh2 = p2.sheets.find((s) => s.role === "riskHistory");
    expect(rh2?.name).toBe("Risk History");
    expect(rh2!.values[0]).toEqual([...RISK_HISTORY_HEADERS]);
    expect(rh2!.values.slice(1).map((r) => [r[0], r[2], r[9], r[11]])).toEqual([
      ["Q2 2020/21", "R01", 16, "Red"],
      ["Q2 2020/21", "R02", 25, "Red"],
    ]);
    const history = asGrid(
      p2.sheets.find((s) => s.role === "history"),
      "RAG History",
    );
    const riskHistory = asGrid(rh2, "Risk History");
    const q3 = analysisAt("2020-12-31");
    const p3 = buildWritePlan(q3, { mode: "report", generatedAt: 44196, history, riskHistory });
    const rh3 = p3.sheets.find((s) => s.role === "riskHistory")!;
    expect(rh3.values.slice(1).map((r) => [r[0], r[2], r[9]])).toEqual([
      ["Q2 2020/21", "R01", 16],
      ["Q2 2020/21", "R02", 25],
      ["Q3 2020/21", "R01", 20],
      ["Q3 2020/21", "R02", 20],
      ["Q3 2020/21", "R03", 6],
      ["Q3 2020/21", "R04", 2],
    ]);
    const hl = p3.sheets.find((s) => s.role === "highlight")!;
    const h = rowWith(hl, "Top risks: the risk register");
    expect(hl.values.slice(h + 2, h + 6).map((r) => r[6])).toEqual([
      "▲ Worse: 16 → 20",
      "▼ Better: 25 → 20",
      "New since Q2 2020/21",
      "New since Q2 2020/21",
    ]);
    // Built again for Q3: the Q3 rows are replaced, not added twice.
    const again = buildWritePlan(q3, {
      mode: "report",
      generatedAt: 44197,
      history: asGrid(
        p3.sheets.find((s) => s.role === "history"),
        "RAG History",
      ),
      riskHistory: asGrid(rh3, "Risk History"),
    });
    expect(again.sheets.find((s) => s.role === "riskHistory")!.values).toEqual(rh3.values);
  });

  test("no register and no Risk History: no sheet written", () => {
    const a = analyse([programme()], { reportingDate: day("2020-12-31") });
    expect(buildWritePlan(a, { mode: "report", generatedAt: 44196 }).sheets.map((s) => s.role)).toEqual([
      "highlight",
      "history",
      "changelog",
    ]);
  });

  test("the Risk History is the tool's own only with its header row", () => {
    expect(
      looksLikeOwnSheet("riskHistory", asGrid({ values: [[...RISK_HISTORY_HEADERS]] } as SheetLayout, "x")),
    ).toBe(true);
    expect(looksLikeOwnSheet("riskHistory", register(ROWS))).toBe(false);
  });
});

describe("the CLI summary's risk register line", () => {
  test("open risks by rating, the programme-level ones and their Red count, reviews passed", () => {
    const { a } = layoutOf();
    // R01 and R02 score 20 (Red), R03 6 (Amber), R04 at programme level 2 (Green) on its residual; R05 closed.
    expect(riskRegisterLine(a)).toBe(
      'Risk register: 4 open risks on "Risk Register" (2 Red, 1 Amber, 1 Green; 1 closed); programme level: 1 open, 0 Red (programme risk RAG Green); 1 review date passed (R02)',
    );
    expect(summaryLines(a)).toContain(riskRegisterLine(a));
  });

  test("no register: no line", () => {
    expect(riskRegisterLine(analyse([programme()], { reportingDate: day("2020-12-31") }))).toBeNull();
  });
});
