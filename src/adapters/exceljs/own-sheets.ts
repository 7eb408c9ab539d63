/**
 * exceljs, loaded only when a CSV is written with --out: the CSV's rows become a one-sheet workbook, which then
 * takes the same package-surgery path as any .xlsx (src/adapters/node/write-package.ts).
 */
/** A CSV's rows as a one-sheet workbook: figures and dates as numbers and dates, as Excel opens a CSV. */
export async function buildCsvWorkbook(
  name: string,
  rows: readonly (readonly (string | null)[])[],
): Promise<Buffer> {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(name);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((text, c) => {
      if (text === null) return;
      const typed = typedCsvValue(text);
      const cell = row.getCell(c + 1);
      cell.value = typed.value;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
    });
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

/** A CSV field as Excel (UK) types it when it opens the file: numbers, £ amounts, percentages, dd/mm/yyyy dates. */
export function typedCsvValue(text: string): { value: string | number | Date; numFmt?: string } {
  const t = text.trim();
  const money = /^(-)?£\s?(-)?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.exec(t);
  if (money) {
    const n = Number(t.replace(/[£,\s-]/g, "")) * (money[1] || money[2] ? -1 : 1);
    return { value: n, numFmt: /\./.test(t) ? '"£"#,##0.00' : '"£"#,##0' };
  }
  if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t) && !/^0\d/.test(t)) {
    return { value: Number(t.replace(/,/g, "")), ...(t.includes(",") ? { numFmt: "#,##0" } : {}) };
  }
  const pct = /^(-?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, numFmt: "0%" };
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (d) {
    const day = Number(d[1]);
    const month = Number(d[2]);
    const year = Number(d[3]);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900)
      return { value: date, numFmt: "dd/mm/yyyy" };
  }
  return { value: text };
}
