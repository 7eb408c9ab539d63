/**
 * The add-in's rule for its own sheets is the command line's (own-sheets.ts): a sheet with no values but a chart
 * on it is the user's, never taken for an empty sheet a stopped run left, whether it has the tool's name or a
 * forged ProgrammeRAG_* marker points at it (issue 14).
 */
import { markerName } from "../../src/engine/own-sheets";
import type { ShapeModel, SheetModel, WorkbookModel } from "../../tools/excel-sim/excel-model/workbook";
import { emptyCell } from "../../tools/excel-sim/excel-model/cells";
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import { cellKey } from "../../tools/excel-sim/excel-model/workbook";
import { SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

function chartOn(model: WorkbookModel, sheet: SheetModel, source: SheetModel): void {
  sheet.chartCounter++;
  sheet.charts.push({
    id: model.nextChartId(),
    name: `Chart ${sheet.chartCounter}`,
    chartType: "ColumnClustered",
    source: { sheetId: source.id, rect: { row: 0, col: 0, rows: 3, cols: 2 } },
    seriesBy: "Auto",
    title: "",
    titleVisible: false,
    anchor: null,
    top: 0,
    left: 0,
    width: 360,
    height: 216,
  });
}

test("a chart-only sheet called Highlight Report, and one a forged marker names, keep their charts", async () => {
  const model = await modelOf(SAMPLE);
  const source = model.findSheet("Programme of Works")!;
  const named = model.addSheet("Highlight Report");
  chartOn(model, named, source);
  const dashboard = model.addSheet("Dashboard");
  chartOn(model, dashboard, source);
  model.addName(
    markerName("changelog"),
    { sheetId: dashboard.id, rect: { row: 0, col: 0, rows: 1, cols: 1 } },
    undefined,
  );
  const result = await opsOf(fakeOf(model)).buildReport(input());
  expect(result.written.sheets).toContain("Highlight Report (2)");
  expect(result.written.sheets).not.toContain("Dashboard");
  expect(model.findSheet("Highlight Report")!.charts).toHaveLength(1);
  expect(model.findSheet("Dashboard")!.charts).toHaveLength(1);
  expect(model.findSheet("Dashboard")!.cells.size).toBe(0);
});

/** A picture (Excel.ShapeType "Image") or a drawn shape on a sheet's drawing layer (Worksheet.shapes). */
function shapeOn(sheet: SheetModel, type: ShapeModel["type"], name: string): void {
  sheet.shapes.push({ id: `${sheet.shapes.length + 1}`, name, type });
}

test("a picture-only sheet called Change Log, and a shape-only one a forged marker names, keep their shapes", async () => {
  const model = await modelOf(SAMPLE);
  const named = model.addSheet("Change Log");
  shapeOn(named, "Image", "Picture 1");
  const logo = model.addSheet("Logo");
  shapeOn(logo, "GeometricShape", "Rectangle 1");
  model.addName(
    markerName("history"),
    { sheetId: logo.id, rect: { row: 0, col: 0, rows: 1, cols: 1 } },
    undefined,
  );
  const before = model.clone();
  const result = await opsOf(fakeOf(model)).buildReport(input());
  // Reported as a chart-holding sheet is: the tool's sheets go beside them, under names of their own.
  expect(result.written.sheets).toContain("Change Log (2)");
  expect(result.written.sheets).toContain("RAG History");
  expect(result.written.sheets).not.toContain("Change Log");
  expect(result.written.sheets).not.toContain("Logo");
  for (const name of ["Change Log", "Logo"]) {
    const sheet = model.findSheet(name)!;
    expect(sheet.shapes).toEqual(before.findSheet(name)!.shapes);
    expect(sheet.cells.size).toBe(0);
  }
});

test("a refresh leaves a picture-only sheet called Change Log as it is too", async () => {
  const model = await modelOf(SAMPLE);
  shapeOn(model.addSheet("Change Log"), "Image", "Picture 1");
  const result = await opsOf(fakeOf(model)).refreshRag(input());
  expect(result.written.sheets).toEqual(["Change Log (2)"]);
  expect(model.findSheet("Change Log")!.cells.size).toBe(0);
  expect(model.findSheet("Change Log")!.shapes).toHaveLength(1);
});

/** A formula whose result is "" (the model keeps a seeded formula's cached value). */
function blankFormula(sheet: SheetModel, row: number, col: number, formula: string): void {
  sheet.cells.set(cellKey(row, col), { ...emptyCell(), value: "", formula });
}

test('a sheet called Change Log holding only formulas showing "", and one a forged marker names, keep their formulas', async () => {
  const model = await modelOf(SAMPLE);
  const log = model.addSheet("Change Log");
  blankFormula(log, 0, 0, "=IF('Programme of Works'!F1=\"\",\"\",'Programme of Works'!F1)");
  const workings = model.addSheet("Workings");
  blankFormula(workings, 1, 1, '=IF(\'Programme of Works\'!F2="","","x")');
  blankFormula(workings, 4, 2, '=IF(\'Programme of Works\'!F3="","","y")');
  model.addName(
    markerName("history"),
    { sheetId: workings.id, rect: { row: 0, col: 0, rows: 1, cols: 1 } },
    undefined,
  );
  const before = snapshotCells(model.clone());
  const result = await opsOf(fakeOf(model)).buildReport(input());
  expect(result.written.sheets).toContain("Change Log (2)");
  expect(result.written.sheets).toContain("RAG History");
  expect(result.written.sheets).not.toContain("Change Log");
  expect(result.written.sheets).not.toContain("Workings");
  const after = snapshotCells(model);
  for (const name of ["Change Log", "Workings"]) {
    const cells = (snap: typeof before) => Object.entries(snap).filter(([k]) => k.startsWith(`${name}!`));
    expect(cells(after)).toEqual(cells(before));
  }
  expect(model.findSheet("Change Log")!.cells.get(cellKey(0, 0))!.formula).toMatch(/^=IF\(/);
});
