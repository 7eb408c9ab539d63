/**
 * A CSV's --out copy keeps a number code with a leading zero ("0123", a cost centre or ward code) as the text it
 * is, whatever sign or bracket it is written with: "(0123)", "-0123" and "£0123" are codes too, never -123 or
 * £123. Accounting negatives ("(123)", "(1,234.50)", "(£1,500)") are negative numbers, as Excel opens them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";

test("a leading-zero code stays text in a CSV's --out copy, bracketed or signed; accounting negatives are numbers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-zero-"));
  const input = join(dir, "export.csv");
  writeFileSync(
    input,
    "Ref,Project,Budget (£),Forecast outturn (£),Variance (£),Cost centre\r\n" +
      "P1,Project 1,10000,10123,(123),0123\r\n" +
      'P2,Project 2,20000,21234.50,"(1,234.50)",(0123)\r\n' +
      'P3,Project 3,30000,31500,"(£1,500)",-0123\r\n' +
      "P4,Project 4,40000,40000,(0.50),£0123\r\n" +
      "P5,Project 5,50000,50000,0,(0)\r\n",
  );
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.getWorksheet("export")!;
  const column = (c: string) => [2, 3, 4, 5, 6].map((r) => sheet.getCell(`${c}${r}`).value);
  expect(column("E")).toEqual([-123, -1234.5, -1500, -0.5, 0]);
  expect(column("F")).toEqual(["0123", "(0123)", "-0123", "£0123", 0]);
}, 60_000);
