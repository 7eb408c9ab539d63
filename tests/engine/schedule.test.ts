/**
 * The schedule rule (R reporting date, St start, D target date, P % complete): Complete; Not assessed without
 * D; Red when overdue (R > D, not R = D); slip = clamp((R − St)/(D − St), 0, 1) − P with Amber > 0.10 and
 * Red > 0.25; Green with an issue without St or P.
 */
import { assessSchedule } from "../../src/engine/assess/schedule";
import type { CellValue } from "../../src/engine/grid";
import type { Fraction } from "../../src/engine/model";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { day, issuesOnRow, itemExcelRow, runItem } from "./builders";

// Start day 0, target day 100, reporting day 50: planned progress is exactly 0.5.
const START = "01/04/2020"; // day 0
const TARGET = "10/07/2020"; // day 100
const REPORTING = "2020-05-21"; // day 50

test("the chosen dates are 50 and 100 days from the start", () => {
  expect(day("2020-05-21") - day("2020-04-01")).toBe(50);
  expect(day("2020-07-10") - day("2020-04-01")).toBe(100);
});

describe("slip boundaries (planned 0.5)", () => {
  test.each<[CellValue, string]>([
    [0.5, "Green"], // on plan
    [0.45, "Green"],
    [0.4, "Green"], // slip exactly 0.10
    ["40%", "Green"],
    [40, "Green"],
    [0.39, "Amber"], // just over 0.10
    ["39%", "Amber"],
    [0.3, "Amber"],
    [0.25, "Amber"], // slip exactly 0.25
    ["25%", "Amber"],
    [25, "Amber"],
    [0.24, "Red"], // just over 0.25
    ["24%", "Red"],
    [0, "Red"],
    [0.9, "Green"], // ahead of plan
  ])("P %p → %s", (progress, rag) => {
    const { item } = runItem({ start: START, end: TARGET, progress }, REPORTING);
    expect(item.rag.schedule).toBe(rag);
  });

  test("planned progress is reported as 0.5", () => {
    const { item } = runItem({ start: START, end: TARGET, progress: 0.4 }, REPORTING);
    expect(item.plannedProgress).toBeCloseTo(0.5, 12);
  });

  test("before the start date planned progress is 0 (clamped): Green at 0%", () => {
    const { item } = runItem({ start: "01/06/2020", end: "31/03/2021", progress: 0 }, REPORTING);
    expect(item.plannedProgress).toBe(0);
    expect(item.rag.schedule).toBe("Green");
  });

  test("the reason for Amber and Red says how far behind", () => {
    const { item } = runItem({ start: START, end: TARGET, progress: 0.2 }, REPORTING);
    const reason = item.reasons.find((r) => r.dimension === "schedule");
    expect(reason?.text).toMatch(/^Red: /);
    expect(reason?.text).toContain("20%");
    expect(reason?.text).toContain("50%");
  });

  test.each<[number, string]>([
    [0.4, "Green"],
    [0.39, "Amber"],
    [0.25, "Amber"],
    [0.24, "Red"],
  ])("assessSchedule directly: P %p → %s", (progress, rag) => {
    const r = assessSchedule(
      { start: day("2020-04-01"), end: day("2020-07-10"), progress: progress as Fraction, status: null },
      day("2020-05-21"),
      DEFAULT_RULES.schedule,
    );
    expect(r.rag).toBe(rag);
  });
});

describe("overdue", () => {
  test("R one day after D → Red", () => {
    const { item } = runItem({ start: "01/04/2020", end: "30/12/2020", progress: 0.99 }, "2020-12-31");
    expect(item.rag.schedule).toBe("Red");
  });

  test("R equal to D → not Red (with start and P on plan)", () => {
    const { item } = runItem({ start: "01/04/2020", end: "31/12/2020", progress: 0.95 }, "2020-12-31");
    expect(item.rag.schedule).toBe("Green");
  });

  test("R equal to D without a start date → Green (not overdue)", () => {
    const { item } = runItem({ end: "31/12/2020" }, "2020-12-31");
    expect(item.rag.schedule).toBe("Green");
  });

  test("overdue without start or P is still Red", () => {
    const { item } = runItem({ end: "30/09/2020" }, "2020-12-31");
    expect(item.rag.schedule).toBe("Red");
  });

  test("a target date as an Excel serial and as a JS date: equal → not Red, a day before → Red", () => {
    const serial = 44196; // 31/12/2020
    expect(runItem({ end: serial }, "2020-12-31").item.rag.schedule).toBe("Green");
    expect(runItem({ end: new Date(Date.UTC(2020, 11, 31)) }, "2020-12-31").item.rag.schedule).toBe("Green");
    expect(runItem({ end: serial - 1 }, "2020-12-31").item.rag.schedule).toBe("Red");
  });
});

describe("complete", () => {
  test.each<[CellValue, CellValue]>([
    [1, ""],
    ["100%", ""],
    [100, ""],
    ["", "Complete"],
    ["", "complete"],
    ["", "Completed"],
    ["", "COMPLETED"],
    ["", "Closed"],
    ["", "closed"],
    ["", "Done"],
    ["", "DONE"],
    ["", "Achieved"],
    ["", "achieved"],
    [0.3, "Closed"], // the status wins over a stale % complete
  ])("P %p, status %p → Complete, even when overdue", (progress, status) => {
    const { item } = runItem({ start: "01/04/2020", end: "30/09/2020", progress, status }, "2020-12-31");
    expect(item.rag.schedule).toBe("Complete");
  });

  test("Complete without a target date is still Complete", () => {
    expect(runItem({ status: "Completed" }).item.rag.schedule).toBe("Complete");
  });

  test.each(["In progress", "Not started", "On hold", "Incomplete"])(
    "status %p is not complete",
    (status) => {
      const { item } = runItem({ start: START, end: TARGET, progress: 0.5, status }, REPORTING);
      expect(item.rag.schedule).toBe("Green");
    },
  );
});

describe("missing dates and progress", () => {
  test("no target date → Not assessed", () => {
    expect(runItem({ start: START, progress: 0.1 }, REPORTING).item.rag.schedule).toBe("Not assessed");
  });

  test("unreadable target date → Not assessed (and an issue on the cell)", () => {
    const { item, analysis } = runItem({ start: START, end: "TBC", progress: 0.1 }, REPORTING);
    expect(item.rag.schedule).toBe("Not assessed");
    expect(analysis.issues.some((i) => i.cell === `J${itemExcelRow(0)}`)).toBe(true);
  });

  test.each<[string, { start?: CellValue; progress?: CellValue }, RegExp]>([
    ["no start date", { progress: 0 }, /start/i],
    ["no % complete", { start: START }, /complete|progress/i],
    ["neither", {}, /start/i],
  ])("%s, not overdue → Green with an issue saying why", (_label, fields, why) => {
    const { item, analysis } = runItem({ end: TARGET, ...fields }, REPORTING);
    expect(item.rag.schedule).toBe("Green");
    const issues = issuesOnRow(analysis, itemExcelRow(0));
    expect(issues.some((i) => why.test(i.message))).toBe(true);
  });
});
