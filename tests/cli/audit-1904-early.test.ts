/**
 * A workbook in Excel's 1904 date system cannot hold a date before 1 January 1904: a reporting date before it is
 * refused as a usage error before anything is written, rather than written as a negative date serial (issue 14:
 * "dates written in the workbook's own date system").
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";

async function book1904(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Programme");
  ws.addRow(["Ref", "Project", "Budget (£)", "Spend to date (£)", "Forecast outturn (£)", "Target date"]);
  ws.addRow(["P1", "Project 1", 10_000, 4_000, 10_000, new Date(Date.UTC(2021, 2, 31))]);
  const path = join(dir, "book.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

test("--out of a 1904 workbook with a reporting date before 1904 is a usage error, and nothing is written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-1904-"));
  const input = await book1904(dir);
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "1902-01-31", "--out", out]);
  expect(r.stderr).toMatch(/1904 date system.*01\/01\/1904/);
  expect(r.code).toBe(2);
  expect(existsSync(out)).toBe(false);
  // From 1904 on it is written.
  const ok = await runCli([input, "--date", "1904-01-31", "--out", out]);
  expect(ok.code).toBe(0);
  expect(existsSync(out)).toBe(true);
}, 60_000);
