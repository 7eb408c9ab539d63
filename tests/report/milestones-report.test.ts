/**
 * Milestones through a whole run (issue 12): the Milestone History sheet (one row per milestone and reporting
 * date, the RAG History's snapshots kept, this date's rows replaced), slippage across two snapshots (old → new
 * forecast and days) in the history, --json and the highlight report's "Key milestones" section.
 */
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import { toJsonReport } from "../../src/engine/json";
import type { SheetLayout } from "../../src/engine/plan";
import { looksLikeOwnSheet, markerName } from "../../src/engine/own-sheets";
import { keyMilestones } from "../../src/engine/report/key-milestones";
import { MILESTONE_HISTORY_HEADERS } from "../../src/engine/report/milestone-history";
import { milestoneHistoryLayout } from "../../src/engine/report/milestone-history-layout";
import { planRun } from "../../src/engine/run";
import { workbookSnapshot } from "../../src/engine/snapshot";
import { day, grid, programmeSheet } from "../engine/builders";

const NOW = new Date(2021, 0, 4, 9, 30);

const ITEMS = programmeSheet([
  { ref: "FB06", name: "Laptop replacement", budget: 1000, forecast: 1000, end: "31/03/2022" },
  { ref: "FB07", name: "Wi-Fi upgrade", budget: 1000, forecast: 1000, end: "31/03/2022" },
]);

function milestones(contractForecast: string): SheetGrid {
  const rows: CellValue[][] = [
    ["Project ref", "Milestone", "Baseline date", "Forecast date", "Actual date", "Key"],
    ["FB06", "Contract award", "31/12/2020", contractForecast, "", "Yes"],
    ["FB06", "Devices ordered", "15/11/2020", "", "10/11/2020", ""],
    ["FB07", "Survey", "31/10/2020", "30/11/2020", "", ""],
    ["FB07", "Go live", "28/02/2021", "28/02/2021", "", "Yes"],
  ];
  return grid(rows, { name: "Milestones" });
}

function asGrid(layout: SheetLayout): SheetGrid {
  return grid(
    layout.values.map((r) => r.map((v) => (v === null ? "" : v))),
    { name: layout.name },
  );
}

function report(
  sheets: SheetGrid[],
  reportingDate: string,
  names: { name: string; reference: string }[] = [],
) {
  const outcome = planRun(
    workbookSnapshot({ sheets, names, dateSystem: 1900 }),
    { reportingDate: day(reportingDate) },
    "report",
    NOW,
  );
  if (outcome.kind !== "planned" || !outcome.plan) throw new Error("expected a plan");
  return { ...outcome, plan: outcome.plan };
}

const sheetOf = (plan: { sheets: SheetLayout[] }, role: string) => plan.sheets.find((s) => s.role === role)!;

/** The highlight report's cells as text, one string per row. */
function reportLines(layout: SheetLayout): string[] {
  return layout.values.map((r) => {
    const cells = r.map((v) => (v === null ? "" : String(v)));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    return cells.join(" | ");
  });
}

describe("the Milestone History and slippage", () => {
  test("a report writes one row per milestone with the reporting date; a workbook without milestones gets none", () => {
    const first = report([ITEMS, milestones("31/12/2020")], "2020-09-30");
    const h = sheetOf(first.plan, "milestoneHistory");
    expect(h.name).toBe("Milestone History");
    expect(h.values[0]).toEqual([...MILESTONE_HISTORY_HEADERS]);
    expect(h.values).toHaveLength(5);
    expect(h.values[1]!.slice(0, 6)).toEqual([
      44104,
      "Q2 2020/21",
      "FB06",
      "Laptop replacement",
      "Contract award",
      "Yes",
    ]);
    expect(looksLikeOwnSheet("milestoneHistory", asGrid(h))).toBe(true);
    expect(looksLikeOwnSheet("milestoneHistory", ITEMS)).toBe(false);

    const none = report([ITEMS], "2020-09-30");
    expect(none.plan.sheets.map((s) => s.role)).not.toContain("milestoneHistory");
    expect(none.analysis.milestones).toBeUndefined();
  });

  test("across two snapshots: the slip since the last one is shown, and the earlier snapshot is kept", () => {
    const first = report([ITEMS, milestones("31/12/2020")], "2020-09-30");
    const history = asGrid(sheetOf(first.plan, "history"));
    const msHistory = asGrid(sheetOf(first.plan, "milestoneHistory"));
    const names = [
      { name: markerName("history"), reference: "='RAG History'!$A$1" },
      { name: markerName("milestoneHistory"), reference: "='Milestone History'!$A$1" },
    ];
    const second = report([ITEMS, milestones("15/02/2021"), history, msHistory], "2020-12-31", names);
    const award = second.analysis.milestones!.find((m) => m.name === "Contract award")!;
    expect(award.previousForecast).toBe(day("2020-12-31"));
    expect(award.previousReportingDate).toBe(day("2020-09-30"));

    const json = toJsonReport(second.analysis, second.trend).milestones.find(
      (m) => m.name === "Contract award",
    )!;
    expect(json).toMatchObject({
      rag: "Red",
      forecast: "2021-02-15",
      baseline: "2020-12-31",
      previousForecast: "2020-12-31",
      slippedDays: 46,
      slip: 46,
      items: [{ sheet: "Programme of Works", row: 4, ref: "FB06", name: "Laptop replacement" }],
    });

    const list = keyMilestones(second.analysis);
    expect(list.map((k) => [k.milestone.name, k.group])).toEqual([
      ["Contract award", "slipped"], // key first
      ["Go live", "dueNext"],
      ["Survey", "missed"],
      ["Devices ordered", "achieved"],
    ]);
    expect(list[0]!.what).toBe("Slipped since 30/09/2020: 31/12/2020 → 15/02/2021 (46 days later)");
    expect(list[1]!.what).toBe("Due 28/02/2021, on its baseline");

    const h = sheetOf(second.plan, "milestoneHistory");
    // Both snapshots: the earlier one kept as it was, this one after it.
    expect(h.values.slice(1).map((r) => r[0])).toEqual([
      44104, 44104, 44104, 44104, 44196, 44196, 44196, 44196,
    ]);

    // Built again on the same date: this date's rows are replaced, not added again.
    const again = report(
      [ITEMS, milestones("15/02/2021"), asGrid(sheetOf(second.plan, "history")), asGrid(h)],
      "2020-12-31",
      names,
    );
    expect(sheetOf(again.plan, "milestoneHistory").values).toHaveLength(9);
  });

  test("a second report in the same month replaces the first's rows, from the RAG History as the run read it", () => {
    const names = [
      { name: markerName("history"), reference: "='RAG History'!$A$1" },
      { name: markerName("milestoneHistory"), reference: "='Milestone History'!$A$1" },
    ];
    const first = report([ITEMS, milestones("31/12/2020")], "2020-09-30");
    const mid = report(
      [
        ITEMS,
        milestones("31/01/2021"),
        asGrid(sheetOf(first.plan, "history")),
        asGrid(sheetOf(first.plan, "milestoneHistory")),
      ],
      "2020-12-15",
      names,
    );
    const history = asGrid(sheetOf(mid.plan, "history"));
    const msHistory = asGrid(sheetOf(mid.plan, "milestoneHistory"));
    const end = report([ITEMS, milestones("15/02/2021"), history, msHistory], "2020-12-31", names);
    const h = sheetOf(end.plan, "milestoneHistory");
    // 15/12/2020's rows go with the RAG History's (the same month), 30/09/2020's stay.
    expect(h.values.slice(1).map((r) => r[0])).toEqual([
      44104, 44104, 44104, 44104, 44196, 44196, 44196, 44196,
    ]);
    // The same as laid out from the grids alone (reading the RAG History and the Milestone History again).
    expect(h).toEqual(milestoneHistoryLayout(end.analysis, msHistory, history));
  });

  test("the highlight report's Key milestones section, in words and dd/mm/yyyy", () => {
    const first = report([ITEMS, milestones("31/12/2020")], "2020-09-30");
    const names = [
      { name: markerName("history"), reference: "='RAG History'!$A$1" },
      { name: markerName("milestoneHistory"), reference: "='Milestone History'!$A$1" },
    ];
    const second = report(
      [
        ITEMS,
        milestones("15/02/2021"),
        asGrid(sheetOf(first.plan, "history")),
        asGrid(sheetOf(first.plan, "milestoneHistory")),
      ],
      "2020-12-31",
      names,
    );
    const lines = reportLines(sheetOf(second.plan, "highlight"));
    const at = lines.findIndex((l) => l.startsWith("Key milestones: "));
    expect(lines[at]).toBe(
      "Key milestones: 1 missed, 1 slipped since the last snapshot, 1 due next quarter, 1 achieved this quarter",
    );
    const body = lines.slice(at + 2, at + 6).join("\n");
    expect(body).toContain(
      "FB06 | Laptop replacement | Contract award | Key | 44196 | 44242 |  | Red | Slipped | Slipped since 30/09/2020: 31/12/2020 → 15/02/2021 (46 days later)",
    );
    expect(body).toContain(
      "Survey |  | 44135 | 44165 |  | Red | Missed | Missed: due 30/11/2020, 31 days overdue",
    );
    expect(body).toContain(
      "Devices ordered |  | 44150 |  | 44145 | Achieved | Achieved this quarter | Achieved 10/11/2020, 5 days early against its baseline 15/11/2020",
    );
  });

  test("capped like the exceptions, with a count of the rest", () => {
    const rows: CellValue[][] = [
      ["Project ref", "Milestone", "Baseline date", "Forecast date", "Actual date"],
    ];
    for (let k = 1; k <= 30; k++) rows.push(["FB06", `Step ${k}`, "30/11/2020", "30/11/2020", ""]);
    const r = report([ITEMS, grid(rows, { name: "Milestones" })], "2020-12-31");
    const lines = reportLines(sheetOf(r.plan, "highlight"));
    expect(lines.some((l) => l.startsWith("… and 5 more (5 missed) not listed here"))).toBe(true);
  });
});
