/**
 * The one run pipeline (engine/run.ts, engine/snapshot.ts): real grids in, the analysis, trend and plan out,
 * the same for both hosts.
 */
import type { SheetGrid } from "../../src/engine/grid";
import type { SheetLayout } from "../../src/engine/plan";
import { markerName } from "../../src/engine/own-sheets";
import { planRun } from "../../src/engine/run";
import type { RunInputs } from "../../src/engine/run";
import type { SnapshotInput } from "../../src/engine/snapshot";
import { FORMAT_HEAD_ROWS, readNeeds, workbookSnapshot } from "../../src/engine/snapshot";
import { day, grid, programmeSheet } from "./builders";

const NOW = new Date(2021, 0, 4, 9, 30);

const ITEMS = [
  { ref: "ICT-01", name: "Laptop refresh", budget: 100_000, spent: 40_000, forecast: 100_000, end: 44500 },
  { ref: "ICT-02", name: "Website rebuild", budget: 50_000, spent: 55_000, forecast: 80_000, end: 44300 },
  { ref: "ICT-03", name: "Telephony", budget: 20_000, spent: 5_000, forecast: 20_000, end: 44600 },
];

function inputs(reportingDate = "2020-12-31"): RunInputs {
  return { reportingDate: day(reportingDate) };
}

function snapshot(sheets: SheetGrid[], more: Partial<SnapshotInput> = {}) {
  return workbookSnapshot({ sheets, names: [], dateSystem: 1900, ...more });
}

/** A layout the plan made, as the host reads it back from the workbook (values from A1). */
function asGrid(layout: SheetLayout, name = layout.name): SheetGrid {
  return grid(
    layout.values.map((r) => r.map((v) => (v === null ? "" : v))),
    { name },
  );
}

function planned(outcome: ReturnType<typeof planRun>) {
  if (outcome.kind !== "planned") throw new Error(`expected a plan: ${outcome.kind}`);
  return outcome;
}

describe("planRun", () => {
  test("no programme sheet: one message naming each sheet and why, and nothing planned", () => {
    const notes = grid([["Minutes of the meeting"], ["Apologies: none"]], { name: "Notes" });
    const hidden = programmeSheet(ITEMS, { name: "Old", visible: false });
    const outcome = planRun(snapshot([notes, hidden]), inputs(), "refresh", NOW);
    expect(outcome.kind).toBe("noProgrammeSheet");
    if (outcome.kind !== "noProgrammeSheet") return;
    expect(outcome.message).toBe(
      'No programme-of-works sheet was found ("Notes": no programme-of-works header row in the first 30 rows; ' +
        '"Old": hidden sheet). A programme sheet is a visible sheet with a header row in its first 30 rows naming ' +
        "at least a project (or reference) column and two more, such as budget, forecast and target date.",
    );
    expect(outcome.analysis.items).toHaveLength(0);
  });

  test("an empty workbook says it has no sheets", () => {
    const outcome = planRun(snapshot([]), inputs(), null, NOW);
    expect(outcome.kind === "noProgrammeSheet" && outcome.message).toMatch(/\(the workbook has no sheets\)/);
  });

  test("mode null analyses only; refresh plans the RAG column and the change log; report adds two sheets", () => {
    const s = snapshot([programmeSheet(ITEMS)]);
    const only = planned(planRun(s, inputs(), null, NOW));
    expect(only.plan).toBeNull();
    expect(only.analysis.items.map((i) => i.ref)).toEqual(["ICT-01", "ICT-02", "ICT-03"]);
    const refresh = planned(planRun(s, inputs(), "refresh", NOW)).plan!;
    expect(refresh.sheets.map((l) => l.role)).toEqual(["changelog"]);
    expect(refresh.ragColumns[0]!.cells.map((c) => c.row)).toEqual([3, 4, 5]);
    const report = planned(planRun(s, inputs(), "report", NOW)).plan!;
    expect(report.sheets.map((l) => l.role)).toEqual(["highlight", "history", "changelog"]);
    // The change log's time is `now` in the workbook's serials: 04/01/2021 09:30.
    const log = report.sheets.find((l) => l.role === "changelog")!;
    expect(log.values.flat().find((v) => typeof v === "number")).toBeCloseTo(44200 + 9.5 / 24, 6);
  });

  test("the history by role: last quarter's snapshot gives the trend, and the sheet is not read as a programme", () => {
    const first = planned(planRun(snapshot([programmeSheet(ITEMS)]), inputs("2020-09-30"), "report", NOW));
    const history = asGrid(
      first.plan!.sheets.find((l) => l.role === "history")!,
      "Snapshots",
    );
    // Marked under another name (someone renamed it): the marker finds it.
    const names = [{ name: markerName("history"), reference: "=Snapshots!$A$1" }];
    const s = snapshot([programmeSheet(ITEMS), history], { names });
    expect(s.own.get("history")).toEqual({ sheet: "Snapshots", marked: true });
    const next = planned(planRun(s, inputs(), "report", NOW));
    expect(next.trend).not.toBeNull();
    expect(next.analysis.ignoredSheets).toContainEqual({ name: "Snapshots", reason: "the tool's own sheet" });
    // Without the history, no trend.
    expect(planned(planRun(snapshot([programmeSheet(ITEMS)]), inputs(), "report", NOW)).trend).toBeNull();
  });

  test("an unmarked sheet of the tool's name and layout is adopted (a run stopped before marking it)", () => {
    const first = planned(planRun(snapshot([programmeSheet(ITEMS)]), inputs("2020-09-30"), "report", NOW));
    const history = asGrid(first.plan!.sheets.find((l) => l.role === "history")!);
    const s = snapshot([programmeSheet(ITEMS), history]);
    expect(s.own.get("history")).toEqual({ sheet: "RAG History", marked: false });
    expect(planned(planRun(s, inputs(), "refresh", NOW)).trend).not.toBeNull();
  });

  test("a forged marker on a user's sheet is ignored: the sheet is the user's and is read as theirs", () => {
    const programme = programmeSheet(ITEMS, { name: "Capital programme" });
    const names = [
      { name: markerName("history"), reference: "='Capital programme'!$A$1" },
      { name: markerName("changelog"), reference: "='Capital programme'!$A$1" },
    ];
    const s = snapshot([programme], { names });
    expect(s.own.size).toBe(0);
    const outcome = planned(planRun(s, inputs(), "refresh", NOW));
    expect(outcome.analysis.sheets.map((x) => x.name)).toEqual(["Capital programme"]);
    expect(outcome.trend).toBeNull();
    expect(outcome.plan!.ragColumns[0]!.sheet).toBe("Capital programme");
  });

  test("a hidden sheet that was not read is never adopted by its name", () => {
    const unread = grid([], { name: "RAG History", visible: false });
    const s = snapshot([programmeSheet(ITEMS), unread], { notRead: new Set(["RAG History"]) });
    expect(s.own.has("history")).toBe(false);
    // Read and empty, it is adopted: a run that added it stopped before writing it.
    expect(snapshot([programmeSheet(ITEMS), unread]).own.get("history")).toEqual({
      sheet: "RAG History",
      marked: false,
    });
  });

  test("the host's read issues come first, the plan's last; a formula RAG cell is left as it is", () => {
    const withRag = programmeSheet(ITEMS.map((i) => ({ ...i, rag: "Green" })));
    const readIssue = {
      sheet: "Programme of Works",
      cell: "Z9",
      severity: "warning" as const,
      message: "stray",
    };
    const s = snapshot([withRag], {
      readIssues: [readIssue],
      formulaCells: new Set(["Programme of Works!Q5"]),
    });
    const outcome = planned(planRun(s, inputs(), "refresh", NOW));
    expect(outcome.analysis.issues[0]).toEqual(readIssue);
    const last = outcome.analysis.issues[outcome.analysis.issues.length - 1]!;
    expect(last.cell).toBe("Q5");
    expect(last.message).toMatch(/holds a formula/);
    const col = outcome.plan!.ragColumns[0]!;
    expect(col.cells.find((c) => c.row === 4)!.rag).toBeUndefined();
    expect(col.cells.find((c) => c.row === 3)!.rag).toBeDefined();
  });

  test("the snapshot is not changed", () => {
    const sheets = [programmeSheet(ITEMS)];
    const s = snapshot(sheets);
    const before = JSON.stringify({ ...s, own: [...s.own] });
    planRun(s, inputs(), "report", NOW);
    expect(JSON.stringify({ ...s, own: [...s.own] })).toBe(before);
  });
});

describe("readNeeds: what a host reads below a sheet's head", () => {
  test("the number formats of the money, date, % and variance columns only, and the RAG column", () => {
    const needs = readNeeds(programmeSheet(ITEMS, { colOffset: 2 }));
    // Budget, spent, committed, forecast (E-H), start and target dates, % complete: columns 4-10, moved by 2.
    expect(needs.formats).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(needs.ragColumns).toEqual([18]);
    expect(needs.headerRow).toBe(2);
  });

  test("a sheet with no header needs nothing more; one on its side needs every format", () => {
    expect(readNeeds(grid([["Minutes"]], { name: "Notes" }))).toEqual({
      formats: [],
      ragColumns: [],
      headerRow: null,
    });
    const turned = grid([
      ["Ref", "ICT-01", "ICT-02"],
      ["Project", "Laptops", "Website"],
      ["Budget", 100, 200],
      ["Forecast", 90, 250],
      ["Target date", 44500, 44300],
    ]);
    expect(readNeeds(turned).formats).toBe("all");
  });

  test("the head covers the header search, the column profiles and the % complete scale", () => {
    expect(FORMAT_HEAD_ROWS).toBe(1031);
  });
});
