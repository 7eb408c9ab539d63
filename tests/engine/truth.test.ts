/**
 * Figures the meeting must not be shown less than the truth of (a new user's review of the CLI): references on
 * two sheets, unreadable and merged money cells, and a Complete status the figures contradict.
 */
import { summaryLines } from "../../src/cli/summary";
import { reconcile } from "../../src/engine/report/data-notes";
import { grid, programmeSheet, run } from "./builders";

const item = {
  theme: "Fixing the basics",
  owner: "Head of ICT",
  spent: 1000,
  committed: 0,
  start: 43922, // 01/04/2020
  end: 44651, // 31/03/2022
  progress: 0.4,
  status: "On track",
};

describe("the same reference on two programme sheets", () => {
  test("is warned at the later row's reference, naming both sheets, rows and what is counted", () => {
    const a = run([
      programmeSheet(
        [
          { ...item, ref: "ICT-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
          { ...item, ref: "ICT-02", name: "Wi-Fi upgrade", budget: 45000, forecast: 45000 },
        ],
        { name: "Fixing the basics" },
      ),
      programmeSheet(
        [
          { ...item, ref: "ICT-03", name: "Online payments", budget: 60000, forecast: 60000 },
          { ...item, ref: "ict-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
        ],
        { name: "Customer first" },
      ),
    ]);
    const warned = a.issues.filter((i) => /is on "/.test(i.message));
    expect(warned.map((i) => [i.sheet, i.cell])).toEqual([["Customer first", "A5"]]);
    expect(warned[0]!.message).toContain('"Fixing the basics" (row 4)');
    expect(warned[0]!.message).toContain('"Customer first" (row 5)');
    expect(warned[0]!.message).toContain("£120,000 is counted twice");
    // What the warning says is counted: both rows.
    expect(a.items).toHaveLength(4);
    expect(a.totals.budget).toBe((120000 * 2 + 45000 + 60000) * 100);
  });

  test("different references on two sheets are not warned", () => {
    const a = run([
      programmeSheet([{ ...item, ref: "ICT-01", name: "Laptop refresh", budget: 1, forecast: 1 }], {
        name: "A",
      }),
      programmeSheet([{ ...item, ref: "ICT-02", name: "Laptop refresh", budget: 1, forecast: 1 }], {
        name: "B",
      }),
    ]);
    expect(a.issues.filter((i) => /is on "/.test(i.message))).toEqual([]);
  });
});

describe("a Complete status the item's figures contradict", () => {
  test("25% complete: warned at the status cell, and the reasons say what contradicts it", () => {
    const a = run([
      programmeSheet([
        {
          ...item,
          ref: "ICT-01",
          name: "Laptop refresh",
          budget: 1000,
          forecast: 1000,
          status: "Complete",
          progress: 0.25,
        },
        {
          ...item,
          ref: "ICT-02",
          name: "Wi-Fi upgrade",
          budget: 1000,
          forecast: 1000,
          status: "Done",
          progress: 1,
        },
      ]),
    ]);
    const [laptops, wifi] = a.items;
    expect(laptops!.rag.overall).toBe("Complete");
    const warned = a.issues.filter((i) => /the status says/.test(i.message));
    expect(warned.map((i) => [i.sheet, i.cell])).toEqual([["Programme of Works", "L4"]]);
    expect(warned[0]!.message).toContain('"Complete", but 25% complete in K4');
    expect(laptops!.reasons.map((r) => r.text)).toContain(
      'Complete: the status says "Complete", but 25% complete in K4',
    );
    // Done at 100%: nothing contradicts it.
    expect(wifi!.rag.overall).toBe("Complete");
    expect(wifi!.reasons.some((r) => /status says/.test(r.text))).toBe(false);
  });

  test("an open key milestone contradicts a Done status", () => {
    const milestones = grid(
      [
        [
          "Project ref",
          "Milestone",
          "Baseline date",
          "Forecast date",
          "Actual date",
          "Status",
          "Key milestone?",
        ],
        ["ICT-01", "Go-live", "30/11/2020", "31/01/2021", "", "On track", "Yes"],
        ["ICT-01", "Pilot", "30/09/2020", "30/09/2020", "30/09/2020", "Achieved", "No"],
      ],
      { name: "Milestones" },
    );
    const a = run([
      programmeSheet([
        {
          ...item,
          ref: "ICT-01",
          name: "Laptop refresh",
          budget: 1000,
          forecast: 1000,
          status: "Done",
          progress: null,
        },
      ]),
      milestones,
    ]);
    const it = a.items[0]!;
    const warned = a.issues.filter((i) => /the status says/.test(i.message));
    expect(warned.map((i) => i.cell)).toEqual(["L4"]);
    expect(warned[0]!.message).toContain(
      'key milestone "Go-live" not achieved (due 31/01/2021) on "Milestones" row 2',
    );
    expect(warned[0]!.message).not.toContain("Pilot");
    expect(it.reasons.some((r) => r.dimension === "schedule" && /Go-live/.test(r.text))).toBe(true);
  });
});

describe("an unreadable budget cell", () => {
  const years = (a: ReturnType<typeof run>) => {
    const v = a.years!;
    let budget = v.noYear.budget as number;
    let forecast = v.noYear.forecast as number;
    for (const y of v.rows) {
      budget += y.budget;
      forecast += y.forecast;
    }
    return { budget, forecast };
  };

  test("is named at its cell, rates the budget Not assessed with the reason, and every total leaves it out", () => {
    const a = run([
      programmeSheet([
        { ...item, ref: "ICT-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
        { ...item, ref: "ICT-02", name: "Wi-Fi upgrade", budget: "TBC", forecast: 50000 },
        {
          ...item,
          ref: "ICT-03",
          name: "Online payments",
          budget: "£1.2m?",
          forecast: 60000,
          theme: "Customer first",
        },
        {
          ...item,
          ref: "ICT-04",
          name: "Web chat",
          budget: "#REF!",
          forecast: 30000,
          theme: "Customer first",
        },
      ]),
    ]);
    for (const cell of ["E5", "E6", "E7"])
      expect(
        a.issues.some((i) => i.sheet === "Programme of Works" && i.cell === cell && i.severity === "error"),
      ).toBe(true);
    const wifi = a.items[1]!;
    expect(wifi.rag.budget).toBe("Not assessed");
    expect(wifi.reasons.find((r) => r.dimension === "budget")?.text).toBe(
      `Not assessed: the budget in 'Programme of Works'!E5 ("TBC") could not be read, so its money is in no total`,
    );
    // The variance is the read items' forecast against their budget, never a forecast against no budget.
    expect(a.totals.budget).toBe(120000 * 100);
    expect(a.totals.forecast).toBe(118000 * 100);
    expect(a.totals.variance).toBe(-2000 * 100);
    expect(a.totals.budgetsNotRead).toBe(3);
    // Themes and years agree with the headline and say as much.
    const themes = a.byTheme.reduce(
      (s, x) => ({ b: s.b + x.budget, f: s.f + x.forecast, n: s.n + x.budgetsNotRead }),
      { b: 0, f: 0, n: 0 },
    );
    expect(themes).toEqual({ b: a.totals.budget, f: a.totals.forecast, n: 3 });
    expect(a.byTheme.find((x) => x.key === "Customer first")).toMatchObject({
      items: 2,
      budget: 0,
      forecast: 0,
      budgetsNotRead: 2,
    });
    expect(years(a)).toEqual({ budget: a.totals.budget, forecast: a.totals.forecast });
    expect(a.years!.budgetsNotRead).toBe(3);
    expect(summaryLines(a).join("\n")).toContain("3 items' budgets were not read");
  });
});

describe("a money cell merged over two item rows", () => {
  test("is named by its range and counted for neither item, not given whole to the first", () => {
    const sheet = programmeSheet([
      { ...item, ref: "ICT-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
      { ...item, ref: "ICT-02", name: "Wi-Fi upgrade", budget: 90000, forecast: 90000 },
      { ...item, ref: "ICT-03", name: "Online payments", budget: "", forecast: 40000 },
    ]);
    // E5:E6 merged (Excel rows 5-6; sheet rows 4-5 counted from 0): the covered cell reads as empty.
    const merged = { ...sheet, merges: [{ row: 4, col: 4, rows: 2, cols: 1 }] };
    const a = run([merged]);
    const err = a.issues.filter((i) => i.cell === "E5:E6");
    expect(err).toHaveLength(1);
    expect(err[0]).toMatchObject({ sheet: "Programme of Works", severity: "error" });
    expect(err[0]!.message).toContain("merged over 2 items (ICT-02, ICT-03)");
    const [laptops, wifi, payments] = a.items;
    for (const i of [wifi!, payments!]) {
      expect(i.rag.budget).toBe("Not assessed");
      expect(i.reasons.find((r) => r.dimension === "budget")?.text).toContain(
        "merged over more than one item",
      );
    }
    expect(laptops!.rag.budget).not.toBe("Not assessed");
    expect(a.totals.budget).toBe(120000 * 100);
    expect(a.totals.forecast).toBe(118000 * 100);
    expect(a.totals.budgetsNotRead).toBe(2);
  });

  test("a merge down over one item and a blank row is not an issue", () => {
    const sheet = programmeSheet([
      { ...item, ref: "ICT-01", name: "Laptop refresh", budget: 1000, forecast: 1000 },
    ]);
    const merged = { ...sheet, merges: [{ row: 3, col: 4, rows: 2, cols: 1 }] };
    expect(run([merged]).issues.filter((i) => i.cell.includes(":"))).toEqual([]);
  });
});

test("the reconciliation with the sheet's Grand total uses the report's totals and names the item not read", () => {
  const a = run([
    programmeSheet([
      { ...item, ref: "ICT-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
      { ...item, ref: "ICT-02", name: "Wi-Fi upgrade", budget: "TBC", forecast: 50000 },
      { name: "Grand total", budget: 120000, forecast: 168000 },
    ]),
  ]);
  const [rec] = reconcile(a);
  const forecast = rec!.lines.find((l) => l.field === "forecast")!;
  expect(forecast.reportFigure).toBe(a.totals.forecast);
  expect(forecast.difference).toBe(-50000 * 100);
  expect(forecast.explained).toEqual([
    "£50,000 of ICT-02 Wi-Fi upgrade, whose budget could not be read, left out of the report's totals",
  ]);
});
