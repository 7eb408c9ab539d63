/**
 * Milestones (issue 12): the milestone rule and its boundaries, the milestones sheet reader (header words, title
 * rows, offsets; never a programme sheet and never the reverse), linking by reference and by name, the issues
 * (unknown project, duplicate, unreadable date, actual date in the future), a programme sheet's own "Next
 * milestone" columns, and the item's schedule as the worse of its % complete rule and its worst open milestone.
 */
import type { AssessedMilestone } from "../../src/engine/assess/milestones";
import { rateMilestone } from "../../src/engine/assess/milestones";
import type { CellValue } from "../../src/engine/grid";
import type { Issue } from "../../src/engine/model";
import type { Milestone } from "../../src/engine/read/milestones";
import { isMilestonesSheet, readMilestonesSheet } from "../../src/engine/read/milestones";
import { DEFAULT_RULES, rulesFromJson } from "../../src/engine/rules";
import { day, grid, programmeSheet, run } from "./builders";

const REPORTING = day("2020-12-31");

function milestone(over: Partial<Milestone>): Milestone {
  return {
    sheet: "Milestones",
    row: 5,
    source: "sheet",
    link: "FB06",
    name: "Contract award",
    baseline: null,
    forecast: null,
    actual: null,
    status: null,
    key: false,
    owner: null,
    cells: { link: "A5", name: "B5", baseline: "C5", forecast: "D5", actual: "E5" },
    ...over,
  };
}

function rate(
  over: Partial<Milestone>,
  rules = DEFAULT_RULES.schedule,
): { m: AssessedMilestone; issues: Issue[] } {
  const issues: Issue[] = [];
  return { m: rateMilestone(milestone(over), REPORTING, rules, issues), issues };
}

describe("the milestone rule", () => {
  const base = day("2021-02-01");
  test.each<[number, string]>([
    [-5, "Green"], // forecast before its baseline
    [0, "Green"], // on its baseline
    [1, "Amber"],
    [30, "Amber"], // a slip of exactly 30 days is Amber
    [31, "Red"], // 31 is Red
  ])("forecast %p days after the baseline: %s", (slip, rag) => {
    const { m } = rate({ baseline: base, forecast: (base + slip) as typeof base });
    expect(m.rag).toBe(rag);
    expect(m.slip).toBe(slip);
    expect(m.missed).toBe(false);
  });

  test("the reason in words, as the issue gives it", () => {
    const { m } = rate({ baseline: day("2020-12-31"), forecast: day("2021-02-15") });
    expect(m.rag).toBe("Red");
    expect(m.reason).toBe(
      "Red: milestone 'Contract award' forecast 15/02/2021, 46 days after its baseline 31/12/2020",
    );
  });

  test("a forecast on the reporting date is not missed; the day before is", () => {
    expect(rate({ baseline: REPORTING, forecast: REPORTING }).m).toMatchObject({
      rag: "Green",
      missed: false,
    });
    const before = rate({ baseline: day("2020-12-30"), forecast: day("2020-12-30") }).m;
    expect(before).toMatchObject({ rag: "Red", missed: true });
    expect(before.reason).toBe(
      "Red: milestone 'Contract award' was due 30/12/2020 (forecast) and has no actual date by 31/12/2020: missed (1 day overdue)",
    );
  });

  test("a baseline alone is the due date (missed once passed)", () => {
    expect(rate({ baseline: day("2021-01-15") }).m.rag).toBe("Green");
    expect(rate({ baseline: day("2020-11-30") }).m).toMatchObject({ rag: "Red", missed: true });
  });

  test("achieved early, late and on time, against the baseline", () => {
    const early = rate({ baseline: day("2020-11-17"), actual: day("2020-11-12") }).m;
    expect(early).toMatchObject({ rag: "Achieved", slip: -5 });
    expect(early.reason).toBe("Achieved 12/11/2020, 5 days early against its baseline 17/11/2020");
    const late = rate({
      baseline: day("2020-10-01"),
      forecast: day("2020-10-20"),
      actual: day("2020-10-21"),
    }).m;
    expect(late).toMatchObject({ rag: "Achieved", slip: 20 });
    expect(late.reason).toBe("Achieved 21/10/2020, 20 days late against its baseline 01/10/2020");
    expect(rate({ baseline: day("2020-10-01"), actual: day("2020-10-01") }).m.reason).toBe(
      "Achieved 01/10/2020, on its baseline date",
    );
    // Achieved on the reporting date itself.
    expect(rate({ baseline: day("2020-12-01"), actual: REPORTING }).m.rag).toBe("Achieved");
  });

  test("an actual date after the reporting date is an issue at its cell and is not achieved", () => {
    const { m, issues } = rate({ baseline: day("2021-01-31"), actual: day("2021-01-10") });
    expect(m.rag).toBe("Green");
    expect(issues).toEqual([
      {
        sheet: "Milestones",
        cell: "E5",
        severity: "warning",
        message:
          "milestone 'Contract award': the actual date 10/01/2021 is after the reporting date 31/12/2020; it is read as a forecast, not achieved",
      },
    ]);
  });

  test("an Achieved status with an actual date after the reporting date is not achieved on the reporting date", () => {
    // The sheet was brought up to date after the reporting date: on 31/12/2020 the milestone was still open.
    const { m, issues } = rate({
      baseline: day("2021-01-31"),
      actual: day("2021-01-10"),
      status: "Achieved",
    });
    expect(m.rag).toBe("Green");
    expect(m.reason).toMatch(/forecast 10\/01\/2021/);
    expect(issues).toHaveLength(1);
    const late = rate({ baseline: day("2020-12-01"), actual: day("2021-01-10"), status: "Achieved" }).m;
    expect(late.rag).toBe("Red");
  });

  test("a complete status without a date is achieved; a cancelled one is not rated; no dates: not assessed", () => {
    expect(rate({ baseline: day("2020-10-01"), status: "Complete" }).m.rag).toBe("Achieved");
    expect(rate({ baseline: day("2020-10-01"), status: "Cancelled" }).m.rag).toBe("Not assessed");
    expect(rate({}).m.reason).toBe(
      "Not assessed: milestone 'Contract award' has no baseline or forecast date",
    );
  });

  test("the thresholds are rules: rules.json sets them, checks them and names a bad one", () => {
    const r = rulesFromJson({ schedule: { milestoneAmberDays: 10 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rules = r.rules.schedule;
    expect(rules.milestoneAmberDays).toBe(10);
    const base = day("2021-02-01");
    expect(rate({ baseline: base, forecast: (base + 10) as typeof base }, rules).m.rag).toBe("Amber");
    expect(rate({ baseline: base, forecast: (base + 11) as typeof base }, rules).m.rag).toBe("Red");
    const green = rulesFromJson({ schedule: { milestoneGreenDays: 5 } });
    expect(
      green.ok && rate({ baseline: base, forecast: (base + 5) as typeof base }, green.rules.schedule).m.rag,
    ).toBe("Green");
    const bad = rulesFromJson({ schedule: { milestoneGreenDays: 40, milestoneAmberDays: 30 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join("\n")).toMatch(/milestoneGreenDays/);
    const negative = rulesFromJson({ schedule: { milestoneAmberDays: -1 } });
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.errors.join("\n")).toMatch(/schedule\.milestoneAmberDays/);
  });
});

const MS_HEADER: CellValue[] = [
  "Project ref",
  "Milestone",
  "Baseline date",
  "Forecast date",
  "Actual date",
  "Status",
  "Key milestone?",
  "Owner",
];

function milestonesGrid(
  rows: CellValue[][],
  options: { title?: boolean; rowOffset?: number; colOffset?: number } = {},
) {
  const values = options.title
    ? [["ICT Strategy 2020-22: key milestones"], [], MS_HEADER, ...rows]
    : [MS_HEADER, ...rows];
  return grid(values, {
    name: "Milestones",
    rowOffset: options.rowOffset ?? 0,
    colOffset: options.colOffset ?? 0,
  });
}

describe("the milestones sheet", () => {
  test("is recognised by its header words under title rows, at an offset, naming cells as they are", () => {
    const g = milestonesGrid(
      [["FB06", "Contract award", "31/12/2020", "15/02/2021", "", "On track", "Yes", "J Smith"]],
      {
        title: true,
        rowOffset: 3,
        colOffset: 1,
      },
    );
    const read = readMilestonesSheet(g)!;
    expect(read).not.toBeNull();
    expect(read.headerRow).toBe(5);
    expect(read.milestones).toHaveLength(1);
    expect(read.milestones[0]).toMatchObject({
      row: 7,
      link: "FB06",
      name: "Contract award",
      baseline: day("2020-12-31"),
      forecast: day("2021-02-15"),
      actual: null,
      key: true,
      owner: "J Smith",
      cells: { link: "B7", name: "C7", baseline: "D7", forecast: "E7", actual: "F7" },
    });
  });

  test("a programme sheet is never a milestones sheet, even with milestone columns of its own", () => {
    const p = programmeSheet([{ ref: "FB06", name: "Laptops", budget: 1000, end: "31/03/2021" }]);
    expect(isMilestonesSheet(p)).toBe(false);
    const withMoney = grid([
      ["Ref", "Project", "Milestone", "Baseline", "Forecast", "Actual"],
      ["FB06", "Laptops", "Award", 82000, 90000, 10000],
    ]);
    expect(isMilestonesSheet(withMoney)).toBe(false);
  });

  test("a milestones sheet is never read as a programme sheet", () => {
    const a = run([
      programmeSheet([{ ref: "FB06", name: "Laptops", budget: 1000, forecast: 1000, end: "31/03/2021" }]),
      milestonesGrid([["FB06", "Contract award", "31/12/2020", "15/01/2021", "", "", "", ""]]),
    ]);
    expect(a.sheets.map((s) => s.name)).toEqual(["Programme of Works"]);
    expect(a.items).toHaveLength(1);
    expect(a.milestoneSheets).toEqual(["Milestones"]);
  });

  test("an unreadable date is an error at its cell; the milestone is still read", () => {
    const read = readMilestonesSheet(
      milestonesGrid([["FB06", "Contract award", "TBC", "32/01/2021", "", "", "", ""]]),
    )!;
    expect(read.milestones).toHaveLength(1);
    expect(read.issues.map((i) => [i.cell, i.severity, i.message])).toEqual([
      ["C2", "error", `milestone 'Contract award': baseline date "TBC" is not a date; it is not used`],
      [
        "D2",
        "error",
        `milestone 'Contract award': forecast date "32/01/2021" is not a valid date (dates are read day first: dd/mm/yyyy); it is not used`,
      ],
    ]);
  });

  test("a duplicate milestone (same project and name) is named at the later row and not counted twice", () => {
    const read = readMilestonesSheet(
      milestonesGrid([
        ["FB06", "Contract award", "31/12/2020", "", "", "", "", ""],
        ["FB07", "Contract award", "31/12/2020", "", "", "", "", ""],
        ["fb06", "contract  award", "15/01/2021", "", "", "", "", ""],
      ]),
    )!;
    expect(read.milestones.map((m) => m.row)).toEqual([2, 3]);
    expect(read.issues).toEqual([
      {
        sheet: "Milestones",
        cell: "B4",
        severity: "warning",
        message: "duplicate milestone: 'contract  award' for fb06 is already on row 2; this row is not used",
      },
    ]);
  });
});

describe("linking milestones to items, and the schedule", () => {
  const items = programmeSheet([
    {
      ref: "FB06",
      name: "Laptop replacement",
      budget: 1000,
      forecast: 1000,
      start: "01/04/2020",
      end: "31/03/2021",
      progress: 0.8,
    },
    { ref: "FB07", name: "Wi-Fi upgrade", budget: 1000, forecast: 1000, end: "31/03/2021" },
  ]);

  test("by the project's reference: the worse of % complete and the worst open milestone, with the reason", () => {
    const a = run([
      items,
      milestonesGrid([
        ["FB06", "Devices ordered", "30/09/2020", "", "25/09/2020", "", "", ""],
        ["FB06", "Contract award", "31/12/2020", "15/02/2021", "", "", "Y", ""],
        ["FB07", "Survey", "31/01/2021", "10/02/2021", "", "", "", ""],
      ]),
    ]);
    const [fb06, fb07] = a.items;
    expect(fb06!.milestones!.map((m) => m.rag)).toEqual(["Achieved", "Red"]);
    expect(fb06!.rag.schedule).toBe("Red");
    expect(fb06!.reasons.find((r) => r.dimension === "schedule")!.text).toBe(
      "Red: milestone 'Contract award' forecast 15/02/2021, 46 days after its baseline 31/12/2020",
    );
    expect(fb07!.rag.schedule).toBe("Amber");
    expect(a.milestones!.every((m) => m.items.length === 1)).toBe(true);
    expect(a.issues.filter((i) => i.sheet === "Milestones")).toEqual([]);
  });

  test("by the project's name when the link column holds names", () => {
    const g = grid(
      [
        ["Project", "Milestone", "Planned date", "Revised date", "Achieved"],
        ["Wi-Fi Upgrade", "Survey", "31/01/2021", "10/02/2021", ""],
      ],
      { name: "Key milestones" },
    );
    const a = run([items, g]);
    expect(a.items[1]!.milestones!.map((m) => m.name)).toEqual(["Survey"]);
    expect(a.items[1]!.rag.schedule).toBe("Amber");
    expect(a.items[0]!.milestones).toBeUndefined();
  });

  test("a milestone naming no known project is an issue at its link cell", () => {
    const a = run([items, milestonesGrid([["FB99", "Go live", "31/01/2021", "", "", "", "", ""]])]);
    expect(a.issues.filter((i) => i.sheet === "Milestones")).toEqual([
      {
        sheet: "Milestones",
        cell: "A2",
        severity: "warning",
        message: `milestone 'Go live' names "FB99", which is no known project's reference or name: it is not linked to an item`,
      },
    ]);
  });

  test("a link matching two items is named as ambiguous", () => {
    const twins = programmeSheet([
      { ref: "A1", name: "Telephony", budget: 1, forecast: 1, end: "31/03/2021" },
      { ref: "A2", name: "Telephony", budget: 1, forecast: 1, end: "31/03/2021" },
    ]);
    const g = grid(
      [
        ["Project name", "Milestone", "Baseline", "Forecast"],
        ["Telephony", "Cut-over", "31/01/2021", "31/01/2021"],
      ],
      { name: "Milestones" },
    );
    const a = run([twins, g]);
    const msg = a.issues.find((i) => i.sheet === "Milestones")!;
    expect(msg.cell).toBe("A2");
    expect(msg.message).toMatch(
      /"Telephony" matches 2 items \(Programme of Works row 4 A1, Programme of Works row 5 A2\)/,
    );
  });

  test("a complete item stays complete; a Green milestone leaves the schedule as it was", () => {
    const done = programmeSheet([
      { ref: "FB06", name: "Laptops", budget: 1, forecast: 1, end: "31/03/2021", progress: 1 },
      { ref: "FB07", name: "Wi-Fi", budget: 1, forecast: 1, end: "30/11/2020" },
    ]);
    const a = run([
      done,
      milestonesGrid([
        ["FB06", "Go live", "30/11/2020", "", "", "", "", ""],
        ["FB07", "Go live", "31/01/2021", "31/01/2021", "", "", "", ""],
      ]),
    ]);
    expect(a.items[0]!.rag.schedule).toBe("Complete");
    expect(a.items[1]!.rag.schedule).toBe("Red"); // overdue by its own target date
    expect(a.items[1]!.reasons.find((r) => r.dimension === "schedule")!.text).toMatch(/^Red: overdue/);
  });

  test("a programme sheet's own Next milestone columns: one milestone per item, missed once its date passes", () => {
    const g = grid([
      ["Ref", "Project", "Budget", "Forecast", "Target date", "Next milestone", "Next milestone date"],
      ["FB06", "Laptops", 1000, 1000, "31/03/2021", "Pilot complete", "30/11/2020"],
      ["FB07", "Wi-Fi", 1000, 1000, "31/03/2021", "Survey", "31/12/2020"],
      ["FB08", "Phones", 1000, 1000, "31/03/2021", "", ""],
    ]);
    const a = run([g]);
    expect(a.items.map((i) => i.rag.schedule)).toEqual(["Red", "Green", "Green"]);
    expect(a.items[0]!.milestones![0]).toMatchObject({
      source: "programme",
      name: "Pilot complete",
      missed: true,
    });
    expect(a.items[0]!.reasons.find((r) => r.dimension === "schedule")!.text).toMatch(
      /^Red: milestone 'Pilot complete' was due 30\/11\/2020 \(forecast\) and has no actual date by 31\/12\/2020: missed/,
    );
    expect(a.milestones).toHaveLength(2);
  });
});
