/**
 * The fake Excel's Range.getMergedAreasOrNullObject (ExcelApi 1.13), as the Office adapter reads it: the merged
 * areas whose top-left cell is in the range as one RangeAreas (its address names each area), a null object when
 * there are none, a failure over 512 areas (Microsoft's reference: "more than 512 … will fail to return the
 * result"; the error's code is not documented, GeneralException is the fake's guess), and ApiNotFound below 1.13.
 */
import type { FakeOfficeError } from "../../tools/excel-sim/excel-fake";
import { createFakeExcel } from "../../tools/excel-sim/excel-fake";
import { workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import { MAX_MERGED_AREAS } from "../../tools/excel-sim/excel-model/host";
import { areasOf } from "../../src/adapters/office/read";

/* eslint-disable @typescript-eslint/no-explicit-any -- the fake's proxies are untyped; tests reach into them */

function setup(merges: string[], requirementSet = "1.13") {
  const model = workbookModelFromGrid([
    {
      name: "Budget sheet",
      rows: [
        ["Ref", "Budget"],
        ["P1", 1000],
        ["P2", null],
        ["P3", 500],
      ],
      merges,
    },
  ]);
  const fake = createFakeExcel(model, { requirementSet });
  const ctx = fake.newContext();
  const ws = (ctx.workbook as any).worksheets.getItem("Budget sheet");
  return { ctx, ws };
}

test("the merged areas of a range as one RangeAreas, each area in its address", async () => {
  const { ctx, ws } = setup(["B2:B3", "A4:B4"]);
  const areas = ws.getUsedRange(true).getMergedAreasOrNullObject();
  areas.load("address,areaCount,cellCount");
  await ctx.sync();
  expect(areas.isNullObject).toBe(false);
  expect([areas.address, areas.areaCount, areas.cellCount]).toEqual([
    "'Budget sheet'!B2:B3,'Budget sheet'!A4:B4",
    2,
    4,
  ]);
  expect(areasOf(areas.address)).toEqual([
    { row: 1, col: 1, rows: 2, cols: 1 },
    { row: 3, col: 0, rows: 1, cols: 2 },
  ]);
});

test("only the areas whose top-left cell is in the range (as Excel: office-js issue 3611)", async () => {
  const { ctx, ws } = setup(["B2:B3"]);
  const below = ws.getRange("A3:B4").getMergedAreasOrNullObject();
  below.load("address");
  const over = ws.getRange("B2").getMergedAreasOrNullObject();
  over.load("address");
  await ctx.sync();
  expect(below.isNullObject).toBe(true);
  expect([over.isNullObject, over.address]).toEqual([false, "'Budget sheet'!B2:B3"]);
});

test("no merged area: a null object, whose properties the fake refuses to read", async () => {
  const { ctx, ws } = setup([]);
  const areas = ws.getUsedRange(true).getMergedAreasOrNullObject();
  areas.load("address");
  await ctx.sync();
  expect(areas.isNullObject).toBe(true);
  expect(() => areas.address).toThrow(/null object/);
});

test("more than 512 merged areas in the range fail the request", async () => {
  const many = Array.from({ length: MAX_MERGED_AREAS + 1 }, (_, i) => `D${i * 2 + 1}:D${i * 2 + 2}`);
  const { ctx, ws } = setup(many);
  ws.getRange("A1:D2000").getMergedAreasOrNullObject().load("address");
  let error: FakeOfficeError | null = null;
  await ctx.sync().catch((e: FakeOfficeError) => (error = e));
  expect(error).not.toBeNull();
  expect(error!.code).toBe("GeneralException");
  // 512 exactly is given.
  const ok = setup(many.slice(0, MAX_MERGED_AREAS));
  const areas = ok.ws.getRange("A1:D2000").getMergedAreasOrNullObject();
  areas.load("areaCount");
  await ok.ctx.sync();
  expect(areas.areaCount).toBe(MAX_MERGED_AREAS);
});

test("getMergedAreasOrNullObject needs ExcelApi 1.13", () => {
  const { ws } = setup(["B2:B3"], "1.12");
  expect(() => ws.getUsedRange(true).getMergedAreasOrNullObject()).toThrow(/ApiNotFound|1\.13/);
});
