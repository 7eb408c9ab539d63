/**
 * A report built again in the same quarter replaces the history and log rows it wrote before: cleared, then
 * written again. Clearing a range leaves its rows' heights, so a row that was tall for a long name and now holds a
 * short one must be given back the sheet's standard height (RangeFormat.useStandardHeight, ExcelApi 1.7), or it
 * prints with empty lines under the text. Found by review once the log sheets' rows had heights (e1b92d1).
 */
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { SAMPLE, fakeOf, modelOf } from "./support";
import { runOn } from "./sweep-support";

const LONG = "Core network and Wi-Fi refresh (Civic Centre and depots)";

const heights = (m: WorkbookModel, sheet: string) =>
  [...m.findSheet(sheet)!.rowHeights].sort((a, b) => a[0] - b[0]);

/** Renames the project called LONG on the programme sheet, as the user would type it. */
async function rename(model: WorkbookModel, to: string): Promise<void> {
  await fakeOf(model).run(async (fakeContext) => {
    const context = fakeContext as unknown as Excel.RequestContext;
    const used = context.workbook.worksheets.getItem("Programme of Works").getUsedRange();
    used.load("values,rowIndex,columnIndex");
    await context.sync();
    const values = used.values as unknown[][];
    const r = values.findIndex((row) => row.includes(LONG));
    const c = values[r]!.indexOf(LONG);
    expect(r).toBeGreaterThanOrEqual(0);
    context.workbook.worksheets
      .getItem("Programme of Works")
      .getCell(used.rowIndex + r, used.columnIndex + c).values = [[to]];
    await context.sync();
  });
}

test("a report built again after a long name was shortened leaves no row taller than a first build of it", async () => {
  const first = await modelOf(SAMPLE);
  await runOn(first, "report");
  // The long name's row is taller than one line on the RAG History and the Change Log.
  const tallBefore = heights(first, "RAG History").filter(([, h]) => h > 15).length;
  expect(tallBefore).toBeGreaterThan(0);
  await rename(first, "Core network");
  await runOn(first, "report");

  const clean = await modelOf(SAMPLE);
  await rename(clean, "Core network");
  await runOn(clean, "report");
  expect(heights(first, "RAG History")).toEqual(heights(clean, "RAG History"));
}, 120_000);
