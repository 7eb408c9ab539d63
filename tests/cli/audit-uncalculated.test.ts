/**
 * A formula with no calculated result (a file written by a script, never opened in Excel) is reported as such for
 * each cell, in --json's issues and the summary's list of cells, not only as one line on standard error
 * (issue 14: "reported as such, not read as blank").
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";

test("each forecast formula with no calculated value is an issue naming its cell", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-uncalc-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Programme");
  ws.addRow([
    "Ref",
    "Project",
    "Budget (£)",
    "Spend to date (£)",
    "Forecast outturn (£)",
    "Target date",
    "% complete",
  ]);
  for (let i = 1; i <= 3; i++)
    ws.addRow([`P${i}`, `Project ${i}`, 10_000 * i, 4_000 * i, null, new Date(Date.UTC(2021, i, 1)), 0.3]);
  for (let r = 2; r <= 4; r++) ws.getCell(`E${r}`).value = { formula: `C${r}*1` } as ExcelJS.CellFormulaValue;
  const input = join(dir, "book.xlsx");
  await wb.xlsx.writeFile(input);

  const json = await runCli([input, "--date", "2020-12-31", "--json"]);
  expect(json.code).toBe(0);
  const issues = (JSON.parse(json.stdout) as { issues: { sheet: string; cell: string; message: string }[] })
    .issues;
  const uncalculated = issues.filter((i) => /formula with no calculated value/.test(i.message));
  expect(uncalculated.map((i) => [i.sheet, i.cell])).toEqual([
    ["Programme", "E2"],
    ["Programme", "E3"],
    ["Programme", "E4"],
  ]);

  const summary = await runCli([input, "--date", "2020-12-31"]);
  expect(summary.stdout).toMatch(
    /Warning: Programme!E2: formula with no calculated value: open and save the file in Excel/,
  );
}, 60_000);
