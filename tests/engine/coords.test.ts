/**
 * Sheet rows and columns (src/engine/coords.ts): a row from 0 and Excel's row number are different types, so
 * one passed where the other is wanted fails typecheck. The `@ts-expect-error` lines below are the proof: tsc
 * (npm test's typecheck, and ts-jest here) fails on any of them that compiles, so a brand lost from a
 * declaration (an item's row typed back to `number`) breaks this file. Each line also runs, to show the cell it
 * would have named.
 */
import { parseRef } from "../../src/adapters/file/sheet-rows";
import type { ColIndex, ExcelCol, ExcelRow, RowIndex } from "../../src/engine/coords";
import { colIndexOf, excelColOf, excelRowOf, rowIndexOf } from "../../src/engine/coords";
import type { SheetGrid } from "../../src/engine/grid";
import { cellAddress, columnIndex, columnLetters } from "../../src/engine/grid";
import type { RagCellWrite } from "../../src/engine/plan";
import { buildWritePlan } from "../../src/engine/write-plan";
import { programmeSheet, run } from "./builders";

const a = run([
  programmeSheet([
    { ref: "ICT-01", name: "Laptop refresh", budget: 100, forecast: 100 },
    { ref: "ICT-02", name: "Website", budget: 100, forecast: 300 },
  ]),
]);
const item = a.items[1]!;
const sheet = a.sheets[0]!;
const plan = buildWritePlan(a, { mode: "refresh", generatedAt: 44196.5 });
const ragCell = plan.ragColumns[0]!.cells[1]!;

describe("one pair of conversions each", () => {
  test("rows: Excel's row 1 is sheet row 0, and back", () => {
    expect([excelRowOf(0), excelRowOf(13), rowIndexOf(1), rowIndexOf(14)]).toEqual([1, 14, 0, 13]);
    for (const r of [0, 1, 99, 1_048_575]) expect(rowIndexOf(excelRowOf(r))).toBe(r);
  });

  test("columns: Excel's column 1 is A, sheet column 0", () => {
    expect([excelColOf(0), colIndexOf(1), colIndexOf(16384)]).toEqual([1, 0, 16383]);
    expect([columnLetters(0), columnLetters(colIndexOf(28)), columnLetters(16383)]).toEqual([
      "A",
      "AB",
      "XFD",
    ]);
    expect(excelColOf(columnIndex("XFD"))).toBe(16384);
  });

  test("an item's row, its RAG cell's row and the header's row name the same cells", () => {
    // The second item is on Excel row 5 (title, blank, header on row 3, items from row 4).
    expect(item.row).toBe(5);
    expect(ragCell.row).toBe(rowIndexOf(item.row));
    expect(cellAddress(ragCell.row, sheet.ragColumn.col)).toBe("Q5");
    expect(excelRowOf(sheet.headerRow)).toBe(3);
    expect(parseRef("Q5")).toEqual([ragCell.row, sheet.ragColumn.col]);
  });
});

describe("a row or column of one kind where the other is wanted fails typecheck", () => {
  test("an item's Excel row is not a sheet row from 0", () => {
    // @ts-expect-error cellAddress takes a sheet row from 0; the item's row is Excel's number
    expect(cellAddress(item.row, sheet.ragColumn.col)).toBe("Q6"); // one row too low
    // @ts-expect-error a RAG cell's row is a sheet row from 0
    const cell: RagCellWrite = { row: item.row, ref: item.ref, name: item.name };
    expect(cell.row).not.toBe(ragCell.row);
    // @ts-expect-error a grid's offset is a sheet row from 0
    const g: Pick<SheetGrid, "rowOffset"> = { rowOffset: item.row };
    expect(g.rowOffset).toBe(5);
  });

  test("a sheet row from 0 is not Excel's number", () => {
    // @ts-expect-error excelRowOf was wanted
    const shown: ExcelRow = ragCell.row;
    expect(shown).toBe(4);
    // @ts-expect-error converting twice
    expect(rowIndexOf(rowIndexOf(item.row))).toBe(3);
    // @ts-expect-error parseRef gives sheet rows from 0
    const parsed: ExcelRow = parseRef("Q5")[0];
    expect(parsed).toBe(4);
  });

  test("a row is not a column, and Excel's column number is not a column from 0", () => {
    // @ts-expect-error arguments swapped
    expect(cellAddress(sheet.ragColumn.col, ragCell.row)).toBe("E17");
    const excelCol: ExcelCol = excelColOf(sheet.ragColumn.col);
    // @ts-expect-error columnLetters takes a column from 0
    expect(columnLetters(excelCol)).toBe("R");
    // @ts-expect-error a column where a row is wanted
    const r: RowIndex = sheet.lastColumn;
    // @ts-expect-error a row where a column is wanted
    const c: ColIndex = sheet.headerRow;
    expect([r, c]).toEqual([16, 2]);
  });

  test("the conversions and plain arithmetic compile", () => {
    const next: RowIndex = ragCell.row + 1;
    const shown: ExcelRow = excelRowOf(next);
    const col: ColIndex = colIndexOf(excelColOf(sheet.ragColumn.col));
    expect(cellAddress(rowIndexOf(shown), col)).toBe("Q6");
  });
});
