/**
 * "Build highlight report" through the Office adapter: the same Highlight Report, RAG History and Change Log as
 * the command line writes for the same input and clock (values, number formats, fills, font colours, bold,
 * merges, widths, heights), plus what only Office.js can do (charts), the page setup, the markers of the
 * add-in's own sheets, and a user's sheet that happens to have the same name.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run as runCliMain } from "../../src/cli/main";
import type { ReportCycle } from "../../src/engine/cycle";
import { cellAddress, columnLetters } from "../../src/engine/grid";
import { HISTORY_HEADERS } from "../../src/engine/report/history";
import { markerName } from "../../src/engine/own-sheets";
import { diffSnapshots, snapshotCells } from "../../tools/excel-sim/excel-model";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { workbookModelFromXlsx } from "../../tools/excel-sim/excel-model";
import {
  OWN_SHEETS,
  SAMPLE,
  borderLines,
  cliOutput,
  compareFormats,
  columnWidths,
  compareSheets,
  council,
  fakeOf,
  input,
  merges,
  modelOf,
  NOW,
  opsOf,
} from "./support";

function rowHeights(model: WorkbookModel, sheet: string): [number, number][] {
  return [...model.findSheet(sheet)!.rowHeights.entries()].sort((x, y) => x[0] - y[0]);
}

/**
 * The tool's sheets a report writes (issue 12): with a Milestone History where the workbook has milestones (the
 * sample has a Milestones sheet) and a Risk History where it has a risk register.
 */
function ownSheetsOf(path: string, milestones = /ict-strategy-programme/.test(path)): string[] {
  const risks = /ict-strategy-programme|risk-register/.test(path);
  return [
    ...OWN_SHEETS.slice(0, -1),
    ...(milestones ? ["Milestone History"] : []),
    ...(risks ? ["Risk History"] : []),
    ...OWN_SHEETS.slice(-1),
  ];
}

function nameFormula(model: WorkbookModel, name: string): string | undefined {
  return model.findName(name)?.formula;
}

describe("the report's sheets equal the command line's, cell by cell", () => {
  const files = [
    SAMPLE,
    council("two-year-capital.xlsx"),
    council("no-rag-column.xlsx"),
    council("multi-sheet.xlsx"),
    council("formula-injection.xlsx"),
    council("risk-register-by-name.xlsx"),
    council("risk-register-title-rows.xlsx"),
    // Not gmpp-2021.csv: the model holds a CSV's cells as the text they are, and the CLI knows a CSV is all
    // text, so the report's data notes rightly differ (amounts typed as text are noted only in the workbook).
  ];
  test.each(files)("%s", async (path) => {
    const model = await modelOf(path);
    // An Excel that lists merged cells (ExcelApi 1.13), as the command line reads them; at 1.9 the report's
    // data notes also say that merged cells could not be checked (tests/office/merges.test.ts).
    const fake = fakeOf(model, { requirementSet: "1.13" });
    const r = await opsOf(fake).buildReport(input());
    const cli = await cliOutput(path);
    const own = ownSheetsOf(path, Boolean(r.analysis.milestones?.length));
    expect(r.written.sheets).toEqual(own);
    expect(model.sheets.map((s) => s.name)).toEqual(cli.sheets.map((s) => s.name));
    for (const sheet of own) {
      expect(compareSheets(model, sheet, cli, sheet)).toEqual([]);
      expect(merges(model, sheet)).toEqual(merges(cli, sheet));
      expect(columnWidths(model, sheet)).toEqual(columnWidths(cli, sheet));
      expect(rowHeights(model, sheet)).toEqual(rowHeights(cli, sheet));
      expect(borderLines(model, sheet)).toEqual(borderLines(cli, sheet));
      expect(compareFormats(model, cli, sheet)).toEqual([]);
      expect(model.findSheet(sheet)!.freeze).toEqual(cli.findSheet(sheet)!.freeze);
      expect(model.findSheet(sheet)!.tabColor).toEqual(cli.findSheet(sheet)!.tabColor);
    }
    // The cells the comparison covered are the report's, not an empty sheet's.
    expect(model.findSheet("Highlight Report")!.cells.size).toBeGreaterThan(200);
    expect(borderLines(model, "Highlight Report").length).toBeGreaterThan(100);
    expect(model.findSheet("RAG History")!.cells.size).toBeGreaterThan(11 * r.analysis.items.length);
  });
});

describe("the monthly and quarterly cycle: the add-in and the command line write the same cells", () => {
  /** The CLI's output after the same runs, each on the last one's output. */
  async function cliAfter(runs: [string, ReportCycle | undefined][]): Promise<WorkbookModel> {
    const dir = mkdtempSync(join(tmpdir(), "programme-rag-cycle-"));
    try {
      let prev = SAMPLE;
      for (const [i, [date, cycle]] of runs.entries()) {
        const out = join(dir, `run${i}.xlsx`);
        const args = [prev, "--date", date, ...(cycle ? ["--period", cycle] : []), "--out", out];
        const code = await runCliMain(args, {
          stdout: () => undefined,
          stderr: () => undefined,
          now: () => NOW,
        });
        expect([date, code]).toEqual([date, 0]);
        prev = out;
      }
      return await workbookModelFromXlsx(prev);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("Q2, months 7, 8 and 9, then the Q3 report: the same sheets, and each run compares as it should", async () => {
    const runs: [string, ReportCycle | undefined][] = [
      ["2020-09-30", undefined],
      ["2020-10-31", undefined],
      ["2020-11-30", undefined],
      ["2020-12-31", "month"],
      ["2020-12-31", undefined],
    ];
    const model = await modelOf(SAMPLE);
    const ops = opsOf(fakeOf(model, { requirementSet: "1.13" }));
    const since: (string | null)[] = [];
    for (const [date, cycle] of runs) {
      const r = await ops.buildReport({ ...input(date), ...(cycle ? { cycle } : {}) });
      since.push(r.trend?.label ?? null);
    }
    expect(since).toEqual([
      null,
      "Period 6 (September) 2020/21",
      "Period 7 (October) 2020/21",
      "Period 8 (November) 2020/21",
      "Q2 2020/21",
    ]);
    const cli = await cliAfter(runs);
    for (const sheet of OWN_SHEETS) {
      expect([sheet, compareSheets(model, sheet, cli, sheet)]).toEqual([sheet, []]);
      expect(compareFormats(model, cli, sheet)).toEqual([]);
    }
    // Four months' snapshots of 30 items and the programme's row.
    const periods = Object.values(snapshotCells(model))
      .filter(
        (c) =>
          c.sheet === "RAG History" &&
          c.address ===
            `${columnLetters(HISTORY_HEADERS.indexOf("Period"))}${c.address.replace(/^[A-Z]+/, "")}`,
      )
      .map((c) => c.value);
    expect(new Set(periods.slice(1))).toEqual(
      new Set([
        "Period 6 (September) 2020/21",
        "Period 7 (October) 2020/21",
        "Period 8 (November) 2020/21",
        "Period 9 (December) 2020/21",
      ]),
    );
    expect(periods).toHaveLength(1 + 4 * 31);
  });
});

describe("on the bundled sample", () => {
  let model: WorkbookModel;
  beforeEach(async () => {
    model = await modelOf(SAMPLE);
  });

  test("the report's page breaks are written: each page starts at a heading or a table header, and a second report replaces them", async () => {
    await opsOf(fakeOf(model)).buildReport(input());
    const sheet = model.findSheet("Highlight Report")!;
    const breaks = [...sheet.pageLayout.rowBreaks];
    expect(breaks.length).toBeGreaterThan(0);
    for (const r of breaks) {
      const first = model.readCell(sheet, r, 0)?.value;
      expect(typeof first === "string" && first.trim() !== "").toBe(true);
    }
    await opsOf(fakeOf(model)).buildReport(input());
    expect(model.findSheet("Highlight Report")!.pageLayout.rowBreaks).toEqual(breaks);
  });

  test("four round trips; the report first and active, history and change log last, each marked", async () => {
    const fake = fakeOf(model);
    const r = await opsOf(fake).buildReport(input());
    expect(r.written.syncs).toBe(4);
    const names = model.sheets.map((s) => s.name);
    expect(names[0]).toBe("Highlight Report");
    expect(names.slice(-4)).toEqual(["RAG History", "Milestone History", "Risk History", "Change Log"]);
    expect(model.activeSheetId).toBe(model.findSheet("Highlight Report")!.id);
    expect(nameFormula(model, markerName("highlight"))).toBe("='Highlight Report'!$A$1");
    expect(nameFormula(model, markerName("history"))).toBe("='RAG History'!$A$1");
    expect(nameFormula(model, markerName("riskHistory"))).toBe("='Risk History'!$A$1");
    expect(nameFormula(model, markerName("changelog"))).toBe("='Change Log'!$A$1");
  });

  test("charts over the report's own tables, and the page set up for printing", async () => {
    await opsOf(fakeOf(model)).buildReport(input());
    const sheet = model.findSheet("Highlight Report")!;
    expect(sheet.charts.map((c) => [c.chartType, c.title, c.seriesBy])).toEqual([
      ["Pie", "RAG status of items, Q3 2020/21", "Auto"],
      ["BarClustered", "Budget and forecast by theme", "Auto"],
    ]);
    for (const c of sheet.charts) {
      expect(c.source.sheetId).toBe(sheet.id);
      expect(c.anchor?.end).not.toBeNull();
      expect(c.width).toBeGreaterThan(100);
    }
    // The pie's source is the RAG counts table: its first column holds the RAG words.
    const pie = sheet.charts[0]!.source.rect;
    const first = snapshotCells(model)[`Highlight Report!${cellAddress(pie.row + 1, pie.col)}`];
    expect(["Red", "Amber", "Green", "Complete", "Not assessed"]).toContain(first?.value);

    const page = sheet.pageLayout;
    expect(page.orientation).toBe("Landscape");
    expect(page.paperSize).toBe("A4");
    expect(page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(page.printTitleRows).toEqual({ row: 0, col: 0, rows: 2, cols: 16_384 });
    expect(page.printArea?.[0]).toMatchObject({ row: 0, col: 0, cols: 11 });
    const footer = page.defaultHeaderFooter;
    expect(footer.leftFooter + footer.centerFooter + footer.rightFooter).toMatch(/&P/);
    // Each of the tool's sheets numbers its printed pages from 1, so a whole-workbook print does not run on
    // ("RAG History page 21"); the user's own sheets are left at auto.
    const numbering = model.sheets.map((s) => [s.name, s.pageLayout.firstPageNumber]);
    const own = new Set([
      "Highlight Report",
      "RAG History",
      "Milestone History",
      "Risk History",
      "Change Log",
    ]);
    expect(numbering.filter(([n]) => own.has(n as string))).toEqual(
      [...own].filter((n) => model.findSheet(n)).map((n) => [n, 1]),
    );
    expect(numbering.filter(([n]) => own.has(n as string)).length).toBeGreaterThanOrEqual(4);
    expect(numbering.filter(([n]) => !own.has(n as string)).every(([, f]) => f === "")).toBe(true);
  });

  test("a second report in the same quarter changes only the change log (one new line)", async () => {
    const ops = opsOf(fakeOf(model));
    await ops.buildReport(input());
    const before = snapshotCells(model);
    const second = await ops.buildReport(input());
    expect(second.written.sheets).toEqual(ownSheetsOf(SAMPLE));
    const changes = diffSnapshots(before, snapshotCells(model));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.sheet === "Change Log" && c.before === null)).toBe(true);
    expect(new Set(changes.map((c) => c.address.replace(/^[A-Z]+/, ""))).size).toBe(1);
    expect(model.sheets.filter((s) => /Highlight|History|Change/.test(s.name))).toHaveLength(
      ownSheetsOf(SAMPLE).length,
    );
  });

  test("the add-in's sheets are replaced where the user moved them, and follow a rename", async () => {
    const ops = opsOf(fakeOf(model));
    await ops.buildReport(input());
    model.moveSheet(model.findSheet("RAG History")!.id, 1);
    model.renameSheet(model.findSheet("Highlight Report")!.id, "Q3 report");
    await ops.buildReport(input());
    expect(model.sheets[0]!.name).toBe("Q3 report");
    expect(model.sheets[1]!.name).toBe("RAG History");
    expect(model.findSheet("Highlight Report")).toBeUndefined();
    expect(nameFormula(model, markerName("highlight"))).toBe("='Q3 report'!$A$1");
  });

  test("a user's sheet called Highlight Report is never touched: the report goes to Highlight Report (2)", async () => {
    const mine = model.addSheet("Highlight Report");
    model.writableCell(mine, 0, 0).value = "My own notes for the board";
    model.writableCell(mine, 1, 0).value = 42;
    const before = snapshotCells(model);
    const ops = opsOf(fakeOf(model));
    const first = await ops.buildReport(input());
    expect(first.written.sheets[0]).toBe("Highlight Report (2)");
    const second = await ops.buildReport(input());
    expect(second.written.sheets[0]).toBe("Highlight Report (2)");
    const after = snapshotCells(model);
    const userCells = (s: typeof before) => Object.values(s).filter((c) => c.sheet === "Highlight Report");
    expect(userCells(after)).toEqual(userCells(before));
    expect(userCells(after)).toHaveLength(2);
    expect(model.findSheet("Highlight Report (3)")).toBeUndefined();
    expect(nameFormula(model, markerName("highlight"))).toBe("='Highlight Report (2)'!$A$1");
  });

  test("Q2 then Q3: the history keeps both quarters' snapshots", async () => {
    const ops = opsOf(fakeOf(model));
    const q2 = await ops.buildReport(input("2020-09-30"));
    const q3 = await ops.buildReport(input("2020-12-31"));
    // The pane gets the same trend as the report: none in Q2, Q2 compared in Q3.
    expect(q2.trend).toBeNull();
    expect(q3.trend).toMatchObject({ quarter: "Q2 2020/21", programme: { budgetRag: "Green" } });
    const quarters = Object.values(snapshotCells(model))
      .filter((c) => c.sheet === "RAG History" && c.address.startsWith("A") && c.address !== "A1")
      .map((c) => c.value);
    // 30 items and the programme's own row.
    expect(quarters.filter((q) => q === "Q2 2020/21")).toHaveLength(31);
    expect(quarters.filter((q) => q === "Q3 2020/21")).toHaveLength(31);
    // The report compares with Q2.
    const report = Object.values(snapshotCells(model)).filter((c) => c.sheet === "Highlight Report");
    expect(report.some((c) => typeof c.value === "string" && /Q2 2020\/21/.test(c.value))).toBe(true);
  });
});
