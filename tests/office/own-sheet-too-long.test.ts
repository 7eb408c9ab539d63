/**
 * The add-in reads at most READ_ROWS (100,000) rows of a sheet, except its growing sheets that their
 * ProgrammeRAG_* name marks, which it reads by a window to Excel's last row (long-history.test.ts). A 40,000-item programme's RAG History passes that
 * at its third snapshot, and the fourth report compared with part of the third (the rows read) and wrote its own
 * rows over the rest: 20,004 of the third snapshot's rows were lost (seen in the fake on bench rows). A sheet of
 * the tool's longer than the add-in reads is now refused before the first write, with what to do.
 */
import { READ_ROWS } from "../../src/adapters/office/read";
import { markerName } from "../../src/engine/own-sheets";
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import { cellKey } from "../../tools/excel-sim/excel-model/workbook";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

/**
 * The sheet made `rows` long: its first data row copied to its last row (the rows between left empty, so the fake
 * has less to answer; Excel's used range, and so the add-in's check, is the same as for a full sheet).
 */
function lengthen(model: WorkbookModel, sheet: string, rows: number): void {
  const s = model.sheets.find((x) => x.name === sheet)!;
  for (let c = 0; c < 16384; c++) {
    const cell = s.cells.get(cellKey(1, c));
    if (cell) s.cells.set(cellKey(rows - 1, c), { ...cell });
  }
}

test.each([
  ["RAG History", READ_ROWS + 1, "buildReport"],
  ["Change Log", READ_ROWS + 1, "refreshRag"],
] as const)(
  "%s of %i rows: the %s is refused before any write",
  async (sheet, rows, mode) => {
    const model = await modelOf(SAMPLE);
    const fake = fakeOf(model);
    await opsOf(fake).buildReport(input("2020-09-30"));
    lengthen(model, sheet, rows);
    // Without its marker the sheet is the add-in's by its name and content, read as any sheet (100,000 rows).
    const marker = markerName(sheet === "RAG History" ? "history" : "changelog");
    model.names.splice(
      model.names.findIndex((n) => n.name === marker),
      1,
    );
    const before = JSON.stringify(snapshotCells(model));
    await expect(opsOf(fake)[mode](input("2020-12-31"))).rejects.toThrow(
      `The add-in's sheet "${sheet}" has ${rows.toLocaleString("en-GB")} rows, more than the 100,000 the add-in reads, so its older rows would be written over. Nothing was changed.`,
    );
    expect(JSON.stringify(snapshotCells(model))).toBe(before);
  },
  120_000,
);

test("a RAG History of exactly the rows the add-in reads is still reported", async () => {
  const model = await modelOf(SAMPLE);
  const fake = fakeOf(model);
  await opsOf(fake).buildReport(input("2020-09-30"));
  lengthen(model, "RAG History", READ_ROWS);
  await expect(opsOf(fake).buildReport(input("2020-12-31"))).resolves.toBeDefined();
}, 120_000);
