/**
 * Exports in the shapes public portfolio data are published in, built here as small files, through the command
 * line end to end: `--json` gives the publisher's variance, the budget ratings and the published rating as the
 * override; `--out` writes. An older annual file with its rating header's notes nested in brackets, a departmental
 * return laid on its side (one project per column, "Not set" in spare columns), another government's IT-projects
 * CSV in dollars with its variance as planned − projected, and a workbook whose number formats carry meaning.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "programme-rag-exports-"));

function csv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  writeFileSync(path, rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n", "utf8");
  return path;
}

async function json(path: string, date: string): Promise<JsonReport> {
  const r = await runCli([path, "--json", "--date", date]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonReport;
}

const NESTED_NOTE =
  "Major Projects Authority RAG rating (a Delivery Confidence Assessment of the project at a fixed point in " +
  "time, using a five point scale (Red-Amber/Red-Amber-Amber/Green-Green) against which the delivery of a " +
  "project is assessed)";

describe("an annual portfolio file with a rating header whose notes nest brackets", () => {
  const path = csv("annual.csv", [
    [
      "Project Name",
      "Department",
      NESTED_NOTE,
      "Departmental commentary on actions planned or taken on the MPA RAG rating",
      "Start Date",
      "End Date",
      "2013/14 Baseline Łm (including Non-Government costs)",
      "2013/14 Forecast Łm (including Non-Government costs)",
      "Variance %",
      "Whole Life Cost Łm (including Non-Government costs)",
    ],
    [
      "Alpha",
      "DfT",
      "Amber/red",
      "Acting",
      "01/04/2010",
      "31/03/2020",
      "Ł100.50",
      "Ł110.00",
      "9%",
      "Ł1,200.00",
    ],
    ["Beta", "HO", "Green", "", "01/01/2012", "31/12/2016", "Ł20.00", "Ł19.00", "-5%", "Ł50.00"],
    ["Gamma", "MOD", "Exempt under Section 43", "", "01/01/2012", "31/12/2016", "Exempt", "Exempt", "", ""],
    ["Delta", "DWP", "Reset", "", "01/01/2012", "31/12/2016", "Ł10.00", "Ł10.00", "0%", "Ł5.00"],
  ]);

  test("the published rating is the override, the variance is the publisher's, budgets rated", async () => {
    const j = await json(path, "2014-03-31");
    expect(j.items.map((i) => [i.name, i.rag.override, i.rag.budget, i.variancePct])).toEqual([
      ["Alpha", "Amber/Red", "Red", 9.45],
      ["Beta", "Green", "Green", -5],
      ["Gamma", null, "Not assessed", null],
      ["Delta", null, "Green", 0],
    ]);
    expect(j.items[0]!.overrideFrom).toBe(NESTED_NOTE);
    expect(j.items.map((i) => i.theme)).toEqual(["DfT", "HO", "MOD", "DWP"]);
    expect(j.issues.filter((i) => /variance/.test(i.message))).toEqual([]);
  });
});

describe("a departmental return laid on its side", () => {
  const path = csv("departmental.csv", [
    ["", "B", "C", "D"],
    ["Project name", "A14 Improvement Scheme", "Crossrail", ""],
    ["Department", "DfT", "DfT", "Not set"],
    [
      "IPA Delivery Confidence Assessment (A Delivery Confidence Assessment of the project at a fixed point in time)",
      "Amber/Green",
      "Amber/red",
      "Not set",
    ],
    ["Project - Start Date (Latest approved start date)", "01/04/2013", "01/04/2008", ""],
    ["Project - End Date (Latest approved end date)", "31/03/2020", "31/12/2019", ""],
    ["2014/15 TOTAL Baseline £m (including Non-Government costs)", "£100.00", "£1,200.00", ""],
    ["2014/15 TOTAL Forecast £m (including Non-Government costs)", "£90.00", "£1,300.00", ""],
    ["2014/2015 Variance %age", "-10%", "8%", ""],
  ]);

  test("is read one project per column, with the published rating and variance", async () => {
    const j = await json(path, "2015-03-31");
    expect(j.sheets[0]!.transposed).toBe(true);
    expect(j.items.map((i) => [i.row, i.name, i.rag.override, i.rag.budget, i.variancePct])).toEqual([
      [2, "A14 Improvement Scheme", "Amber/Green", "Green", -10],
      [3, "Crossrail", "Amber/Red", "Red", 8.33],
    ]);
    // The spare column's "Not set" is no rating and says nothing; the column has no project, so is skipped.
    expect(j.issues.filter((i) => /Not set/.test(i.message))).toEqual([]);
    expect(j.issues.find((i) => /transposed/.test(i.message))).toBeDefined();
  });

  test("--out writes the report and no RAG cells into the turned sheet", async () => {
    const out = join(dir, "departmental-rag.xlsx");
    const r = await runCli([path, "--date", "2015-03-31", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote .*: 0 RAG cells; sheets "Highlight Report"/);
  });
});

describe("another government's IT-projects CSV in dollars", () => {
  const path = csv("it-projects.csv", [
    [
      "Agency Name",
      "Investment Title",
      "Project ID",
      "Project Name",
      "Start Date",
      "Completion Date",
      "Lifecycle Cost",
      "Schedule Variance (in days)",
      "Cost Variance ($ M)",
      "Cost Variance (%)",
      "Planned Cost ($ M)",
      "Projected/Actual Cost ($ M)",
    ],
    [
      "Agriculture",
      "Farm IT",
      "99",
      "Loan system",
      "2019-10-01",
      "2021-09-30",
      "$6,279,429",
      "92",
      "-0.221",
      "-3.52",
      "6.279",
      "6.500",
    ],
    [
      "Agriculture",
      "Farm IT",
      "100",
      "Data hub",
      "2020-01-01",
      "2020-12-31",
      "$1,000,000",
      "0",
      "0.1",
      "10",
      "1.000",
      "0.900",
    ],
  ]);

  test("amounts in dollars, the variance's sign convention agrees, budgets rated, the currency said once", async () => {
    const j = await json(path, "2020-06-30");
    expect(j.currency).toBe("USD");
    expect(j.items.map((i) => [i.ref, i.budget, i.forecast, i.rag.budget])).toEqual([
      ["99", 6_279_000, 6_500_000, "Red"],
      ["100", 1_000_000, 900_000, "Green"],
    ]);
    expect(j.items.map((i) => i.statedVariance)).toEqual([-221_000, 100_000]);
    expect(j.issues.filter((i) => /variance|not an amount/.test(i.message))).toEqual([]);
    expect(j.issues.filter((i) => /US dollars/.test(i.message))).toHaveLength(1);
    const budget = j.sheets[0]!.columns.find((c) => c.field === "budget")!;
    expect(budget).toMatchObject({ column: "K", unit: 1_000_000 });
    expect(j.sheets[0]!.passedOver.find((p) => p.column === "G")?.reason).toMatch(/names it better/);
  });
});

describe("number formats from an .xlsx", () => {
  test("the file adapter carries numFmt; a 0% cell holding 1 is 100%, a date-formatted amount is reported", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Programme");
    ws.addRow(["Ref", "Project", "Budget", "Forecast", "Target date", "% complete"]);
    ws.addRow(["P1", "Done", 1000, 1000, 44286, 1]);
    ws.addRow(["P2", "Half", 44286, 1000, 44286, 0.5]);
    ws.getCell("E2").numFmt = "dd/mm/yyyy";
    ws.getCell("E3").numFmt = "dd/mm/yyyy";
    ws.getCell("F2").numFmt = "0%";
    ws.getCell("F3").numFmt = "0%";
    ws.getCell("C3").numFmt = "dd/mm/yyyy";
    const path = join(dir, "formats.xlsx");
    await wb.xlsx.writeFile(path);
    const grid = (await loadWorkbook(path)).sheets[0]!;
    expect(grid.numberFormats?.[1 - grid.rowOffset]?.[5 - grid.colOffset]).toBe("0%");
    const j = await json(path, "2020-12-31");
    expect(j.items.map((i) => [i.ref, i.progress, i.rag.schedule, i.budget])).toEqual([
      ["P1", 100, "Complete", 1000],
      ["P2", 50, "Green", null],
    ]);
    // exceljs itself gives a date-formatted cell as a date: reported at its cell, never added as money.
    expect(j.issues.find((i) => i.cell === "C3")?.message).toMatch(/is a date, not an amount/);
  });
});
