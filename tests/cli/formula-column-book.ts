/** A programme sheet (A-P, no RAG column) whose column Q holds formulas showing "" on every item row. */
import ExcelJS from "exceljs";

export const FORMULA_BOOK_HEADER = [
  "Ref",
  "Project",
  "Theme",
  "Owner",
  "Budget (£)",
  "Spent to date (£)",
  "Committed (£)",
  "Forecast outturn (£)",
  "Start date",
  "Target date",
  "% complete",
  "Status",
  "Likelihood",
  "Impact",
  "Key risk",
  "Mitigation",
];

export async function writeFormulaColumnBook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Programme");
  ws.addRow(FORMULA_BOOK_HEADER);
  for (let n = 1; n <= 3; n++) {
    const row = n + 1;
    ws.addRow([
      `ICT-0${n}`,
      `Project ${n}`,
      "Fixing the basics",
      "A. Officer",
      10_000 * n,
      1_000,
      0,
      10_000 * n + (n === 3 ? 5_000 : 0),
      new Date(Date.UTC(2020, 3, 1)),
      new Date(Date.UTC(2021, 2, 31)),
      0.5,
      "In progress",
      2,
      2,
      "Supplier delays",
      "Weekly calls",
    ]);
    ws.getCell(`Q${row}`).value = { formula: `IF(E${row}>0,"","check")`, result: "" };
  }
  await wb.xlsx.writeFile(path);
}
