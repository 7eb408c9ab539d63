/**
 * Issue 14: the added RAG column once landed on a column of formulas whose result is "" ("holds a formula; the
 * RAG was not written there"). A formula's cell is never empty: the RAG column goes to the next empty column and
 * the formulas are kept.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";
import { writeFormulaColumnBook } from "./formula-column-book";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-formula-col-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('--out adds the RAG column after a column of formulas showing "", and keeps the formulas', async () => {
  const input = join(dir, "formula-column.xlsx");
  await writeFormulaColumnBook(input);
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/added "RAG" in column R of "Programme"/);
  expect(r.stderr).not.toMatch(/holds a formula/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("Programme")!;
  expect(ws.getCell("R1").value).toBe("RAG");
  for (const row of [2, 3, 4]) {
    expect(ws.getCell(`Q${row}`).formula).toBe(`IF(E${row}>0,"","check")`);
    expect(["Red", "Amber", "Green", "Complete", "Not assessed"]).toContain(ws.getCell(`R${row}`).value);
  }
});
