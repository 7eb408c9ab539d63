/**
 * A CSV's --out copy types dates as Excel (UK) does when it opens the file: "2021-06-30" (as databases export
 * them) is a date like "30/06/2021", not text (issue 14: "a CSV's --out copy stores figures and dates as numbers
 * and dates").
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";

test("ISO dates in a CSV are dates in its --out copy", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-isodate-"));
  const input = join(dir, "export.csv");
  writeFileSync(
    input,
    "Ref,Project,Budget (£),Forecast outturn (£),Target date\r\n" +
      "P1,Project 1,10000,10000,31/03/2021\r\n" +
      "P2,Project 2,20000,20000,2021-06-30\r\n" +
      "P3,Project 3,30000,30000,2021-02-30\r\n",
  );
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.getWorksheet("export")!;
  expect((sheet.getCell("E2").value as Date).toISOString().slice(0, 10)).toBe("2021-03-31");
  expect((sheet.getCell("E3").value as Date).toISOString().slice(0, 10)).toBe("2021-06-30");
  expect(sheet.getCell("E3").numFmt).toBe("dd/mm/yyyy");
  // Not a real day: kept as the text it is.
  expect(sheet.getCell("E4").value).toBe("2021-02-30");
}, 60_000);

test("accounting negatives in a CSV, (1,500) and (£1,500.50), are negative numbers in its --out copy", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-paren-"));
  const input = join(dir, "export.csv");
  writeFileSync(
    input,
    "Ref,Project,Budget (£),Forecast outturn (£),Variance (£),Target date\r\n" +
      'P1,Project 1,10000,11500,"(1,500)",31/03/2021\r\n' +
      'P2,Project 2,20000,21500.50,"(£1,500.50)",30/06/2021\r\n',
  );
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheet = wb.getWorksheet("export")!;
  expect(sheet.getCell("E2").value).toBe(-1500);
  expect(sheet.getCell("E3").value).toBe(-1500.5);
  expect(sheet.getCell("E3").numFmt).toMatch(/£/);
}, 60_000);
