/**
 * A cancelled item (R3-14) as the meeting sees it: the RAG cell written and --json both say Not assessed with
 * the same reason; the highlight report lists it under its data notes as cancelled, not among the exceptions,
 * and its money is in the report's totals.
 */
import { toJsonReport } from "../../src/engine/json";
import { planRagColumns } from "../../src/engine/rag-columns";
import { highlightLayout } from "../../src/engine/report/highlight";
import { keyMilestones, milestoneSummary } from "../../src/engine/report/key-milestones";
import { grid, programmeSheet, run } from "../engine/builders";

/** Overdue at 31/12/2020 (target 31/10/2020, 40% done) and over budget: Red, were it not cancelled. */
const late = {
  budget: 100000,
  spent: 60000,
  forecast: 120000,
  start: "2020-04-01",
  end: "2020-10-31",
  progress: "40%",
};

const analysis = () =>
  run([
    programmeSheet([
      { ...late, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn" },
      { ...late, ref: "LIB-08", name: "Library wifi", status: "In progress" },
    ]),
  ]);

test("the RAG cell written and --json say the same for a cancelled item", () => {
  const a = analysis();
  const cells = planRagColumns(a)[0]!.cells;
  expect(cells.map((c) => [c.ref, c.rag?.value])).toEqual([
    ["LIB-07", "Not assessed"],
    ["LIB-08", "Red"],
  ]);
  const json = toJsonReport(a).items.find((i) => i.ref === "LIB-07")!;
  expect(json.rag.overall).toBe("Not assessed");
  expect(json.reasons).toEqual([
    `Not assessed: cancelled (status "Withdrawn" in 'Programme of Works'!L4), so not rated; its money still counts in the totals`,
  ]);
});

test("the highlight report lists it as cancelled in its data notes, not as an exception", () => {
  const values = highlightLayout(analysis())
    .values.flat()
    .filter((v): v is string => typeof v === "string");
  // The exceptions' rows start with the item's reference.
  expect(values).toContain("LIB-08");
  expect(values).not.toContain("LIB-07");
  expect(values).toContain(
    "Cancelled, not rated, their money still in the totals (1): LIB-07 Library kiosks (Withdrawn)",
  );
});

describe("a cancelled item's milestones", () => {
  const withMilestones = () =>
    run([
      programmeSheet([
        { ...late, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn" },
        { ...late, ref: "LIB-08", name: "Library wifi", status: "In progress" },
      ]),
      grid(
        [
          ["Project ref", "Milestone", "Baseline date", "Forecast date", "Actual date", "Key"],
          ["LIB-07", "Kiosks installed", "30/11/2020", "", "", "Yes"],
          ["LIB-07", "Kiosk contract", "31/01/2021", "15/02/2021", "", ""],
          ["LIB-08", "Wifi survey", "30/11/2020", "", "", ""],
        ],
        { name: "Milestones" },
      ),
    ]);

  test("are left out of Key milestones and its counts, and the data notes say how many", () => {
    const a = withMilestones();
    expect(keyMilestones(a).map((k) => k.milestone.name)).toEqual(["Wifi survey"]);
    expect(milestoneSummary(a)).toBe(
      `Milestones: 3 read from "Milestones": 1 missed, 0 slipped since the last snapshot, 0 due next quarter, 0 achieved this quarter; 2 milestones of cancelled items left out (kept in the Milestone History and --json)`,
    );
    const values = highlightLayout(a)
      .values.flat()
      .filter((v): v is string => typeof v === "string");
    expect(values).toContain(
      "Key milestones: 1 missed, 0 slipped since the last snapshot, 0 due next quarter, 0 achieved this quarter",
    );
    expect(values).not.toContain("Kiosks installed");
    expect(values).not.toContain("Kiosk contract");
    expect(values).toContain(
      "Milestones of cancelled items, left out of Key milestones and its counts (2; kept in the Milestone History and --json): LIB-07 'Kiosks installed'; LIB-07 'Kiosk contract'",
    );
    // --json keeps every milestone read: the record.
    expect(toJsonReport(a).milestones.map((m) => m.name)).toEqual([
      "Kiosks installed",
      "Kiosk contract",
      "Wifi survey",
    ]);
  });

  test("a milestone linked to a cancelled item and to one still running is kept", () => {
    const a = run([
      programmeSheet([
        { ...late, ref: "LIB-07", name: "Library kiosks", status: "Withdrawn" },
        { ...late, ref: "LIB-07", name: "Library kiosks phase 2", status: "In progress" },
      ]),
      grid(
        [
          ["Project ref", "Milestone", "Baseline date", "Forecast date", "Actual date", "Key"],
          ["LIB-07", "Kiosks installed", "30/11/2020", "", "", "Yes"],
        ],
        { name: "Milestones" },
      ),
    ]);
    expect(keyMilestones(a).map((k) => k.milestone.name)).toEqual(["Kiosks installed"]);
  });
});
