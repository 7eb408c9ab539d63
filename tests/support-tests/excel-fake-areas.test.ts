/**
 * The fake Excel's RangeAreas (Worksheet.getRanges, ExcelApi 1.9) and Range.copyFrom(…, "Formats"), as the Office
 * adapter uses them, and what it refuses: an address longer than the fake's limit, an area on another sheet, a
 * RangeAreas below ExcelApi 1.9.
 */
import type { FakeOfficeError } from "../../tools/excel-sim/excel-fake";
import { createFakeExcel } from "../../tools/excel-sim/excel-fake";
import { snapshotCells, workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import { MAX_AREAS_ADDRESS } from "../../tools/excel-sim/excel-model/host";
import { cellKey } from "../../tools/excel-sim/excel-model/workbook";
import {
  areaAddresses,
  json,
  MAX_AREAS,
  MAX_AREAS_ADDRESS as WRITER_LIMIT,
} from "../../src/adapters/office/write-batch";
import { areasOf } from "../../src/adapters/office/read";

/* eslint-disable @typescript-eslint/no-explicit-any -- the fake's proxies are untyped; tests reach into them */

function setup(requirementSet = "1.9") {
  const model = workbookModelFromGrid({ Sheet1: [["a", "b"]], Other: [] });
  const fake = createFakeExcel(model, { requirementSet });
  const ctx = fake.newContext();
  const ws = (ctx.workbook as any).worksheets.getItem("Sheet1");
  return { model, fake, ctx, ws };
}

async function rejection(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    return e as FakeOfficeError;
  }
  throw new Error("expected a rejection");
}

test("a format set through getRanges applies to every area and to nothing between them", async () => {
  const { model, ctx, ws } = setup();
  const areas = ws.getRanges("A2,A5:A7, C3");
  areas.format.fill.color = "#FF0000";
  areas.format.font.color = "#FFFFFF";
  areas.format.borders.getItem("EdgeTop").style = "Continuous";
  areas.load("areaCount,cellCount,address");
  await ctx.sync();
  expect([areas.areaCount, areas.cellCount, areas.address]).toEqual([
    3,
    5,
    "Sheet1!A2,Sheet1!A5:A7,Sheet1!C3",
  ]);
  const cells = snapshotCells(model);
  for (const a of ["A2", "A5", "A6", "A7", "C3"]) {
    expect([cells[`Sheet1!${a}`]?.fill, cells[`Sheet1!${a}`]?.fontColor]).toEqual(["#FF0000", "#FFFFFF"]);
  }
  for (const a of ["A3", "A4", "A8", "B5"]) expect(cells[`Sheet1!${a}`]?.fill ?? null).toBeNull();
  // Each area's own top edge.
  const top = (r: number) =>
    model.findSheet("Sheet1")!.cells.get(cellKey(r, 0))?.format.borders.EdgeTop?.style;
  expect([top(0), top(1), top(4), top(5)]).toEqual([undefined, "Continuous", "Continuous", undefined]);
});

test("getRanges refuses an address longer than the limit, an area of another sheet and a bad area", async () => {
  const long = Array.from({ length: 2_000 }, (_, i) => `A${i * 2 + 1}`).join(",");
  expect(long.length).toBeGreaterThan(MAX_AREAS_ADDRESS);
  for (const address of [long, "A1,Other!B2", "A1,,B2", "A1:ZZZZ9"]) {
    const { model, ctx, ws } = setup();
    ws.getRange("B1").values = [["before"]];
    ws.getRanges(address).format.fill.color = "#FF0000";
    ws.getRange("B2").values = [["after"]];
    const e = await rejection(ctx.sync());
    expect(e.code).toBe("InvalidArgument");
    // Commands run in order, nothing rolled back: the write before the refused command stays, the one after never runs.
    const cells = snapshotCells(model);
    expect([cells["Sheet1!B1"]?.value, cells["Sheet1!B2"]?.value]).toEqual(["before", undefined]);
  }
});

test("getRanges and copyFrom need ExcelApi 1.9", () => {
  const { ws } = setup("1.8");
  expect(() => ws.getRanges("A1")).toThrow(/ApiNotFound|1\.9/);
  expect(() => ws.getRange("B1").copyFrom("A1", "Formats")).toThrow(/ApiNotFound|1\.9/);
});

test("copyFrom Formats copies fill, font, borders and number format, not the value", async () => {
  const { model, ctx, ws } = setup();
  const a1 = ws.getRange("A1");
  a1.format.fill.color = "#D9E1F2";
  a1.format.font.italic = true;
  a1.format.borders.getItem("EdgeBottom").style = "Continuous";
  a1.numberFormat = [["@"]];
  const d1 = ws.getRange("D1");
  d1.copyFrom(ws.getRange("A1"), "Formats");
  d1.format.font.bold = true;
  await ctx.sync();
  const d = model.findSheet("Sheet1")!.cells.get(cellKey(0, 3))!;
  expect([d.value, d.numberFormat, d.format.fill, d.format.italic, d.format.bold]).toEqual([
    "",
    "@",
    "#D9E1F2",
    true,
    true,
  ]);
  expect(d.format.borders.EdgeBottom?.style).toBe("Continuous");
  // The source keeps its own format (bold was set on the copy only).
  expect(model.findSheet("Sheet1")!.cells.get(cellKey(0, 0))!.format.bold).toBe(false);
});

test("copyFrom with another copy type is not modelled (refused, not silently done)", async () => {
  const { ctx, ws } = setup();
  ws.getRange("D1").copyFrom("A1", "All");
  const e = await rejection(ctx.sync());
  expect(e.code).toBe("NotImplemented");
});

test("the writer's addresses stay under the fake's limit and its cap on areas", () => {
  const rects = Array.from({ length: 30_000 }, (_, i) => ({
    row: 1_000_000 - i * 3,
    col: 16_000,
    rows: 2,
    cols: 1,
  }));
  const addresses = areaAddresses(rects);
  expect(WRITER_LIMIT).toBeLessThan(MAX_AREAS_ADDRESS);
  for (const a of addresses) {
    expect(a.length).toBeLessThanOrEqual(WRITER_LIMIT);
    expect(a.split(",").length).toBeLessThanOrEqual(MAX_AREAS);
  }
  expect(addresses.join(",").split(",")).toHaveLength(rects.length);
  expect(addresses[0]!.startsWith("WQK1000001:WQK1000002,WQK999998:WQK999999,")).toBe(true);
});

test("request sizes are estimated in UTF-8 bytes, as the fake measures them", () => {
  for (const v of [["£1,000", "Café", "€5"], [["Ysgol Gymraeg — cam 2", "😀"]], "plain"]) {
    expect(json(v)).toBe(Buffer.byteLength(JSON.stringify(v), "utf8"));
  }
});

describe("Range.getSpecialCells(OrNullObject) with the formulas type (ExcelApi 1.9), as the add-in's read uses it", () => {
  function book() {
    const f = (formula: string) => ({ formula, value: "" });
    // Formulas in B2:B4 and C3, text that starts with "=" (a constant, typed with an apostrophe) in D2.
    const model = workbookModelFromGrid({
      "Sheet, one": [
        ["h1", "h2", "h3", "h4"],
        [1, f("=A2*2"), null, { value: "=not a formula", quotePrefix: true }],
        [2, f("=A3*2"), f('=IF(A3>1,"","x")')],
        [3, f("=A4*2")],
      ],
    });
    const fake = createFakeExcel(model, { requirementSet: "1.9" });
    const ctx = fake.newContext();
    const ws = (ctx.workbook as any).worksheets.getItem("Sheet, one");
    return { fake, ctx, ws };
  }

  test("the formula cells of the range as areas in one address; text starting with = is no formula", async () => {
    const { ctx, ws } = book();
    const areas = ws.getRange("A1:D4").getSpecialCellsOrNullObject("Formulas");
    areas.load("address,areaCount,cellCount");
    await ctx.sync();
    expect(areas.isNullObject).toBe(false);
    // Areas that do not overlap (Excel's own split may differ: what counts is the cells they cover).
    expect(areas.address).toMatch(/^'Sheet, one'!/);
    expect(areas.cellCount).toBe(4);
    // The add-in's reading of that address (a comma inside the quoted sheet name included).
    const cells = areasOf(areas.address).flatMap((a) =>
      Array.from(
        { length: a.rows * a.cols },
        (_, k) => `${a.row + Math.floor(k / a.cols)},${a.col + (k % a.cols)}`,
      ),
    );
    expect(cells.sort()).toEqual(["1,1", "2,1", "2,2", "3,1"]);
  });

  test("no formula: a null object from OrNullObject, ItemNotFound from getSpecialCells", async () => {
    const { ctx, ws } = book();
    const none = ws.getRange("D1:D4").getSpecialCellsOrNullObject("Formulas");
    none.load("address");
    await ctx.sync();
    expect(none.isNullObject).toBe(true);
    const thrown = ws.getRange("A1:A4").getSpecialCells("Formulas");
    thrown.load("address");
    expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");
  });

  test("other special cell types are not modelled (refused, not answered wrongly), and it needs ExcelApi 1.9", async () => {
    const { ctx, ws } = book();
    const blanks = ws.getRange("A1:D4").getSpecialCellsOrNullObject("Blanks");
    blanks.load("address");
    expect((await rejection(ctx.sync())).code).toBe("NotImplemented");
    const model = workbookModelFromGrid({ Sheet1: [["a"]] });
    const old = (
      createFakeExcel(model, { requirementSet: "1.8" }).newContext().workbook as any
    ).worksheets.getItem("Sheet1");
    expect(() => old.getRange("A1:A2").getSpecialCellsOrNullObject("Formulas")).toThrow(/ApiNotFound|1\.9/);
  });
});
