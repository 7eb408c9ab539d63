/**
 * The fake refuses what Excel refuses (issue 8): a failure at write N leaves the writes before it applied;
 * protection gives AccessDenied; the undo-clearing calls are recorded; formulas read back as values; Excel's
 * typing of text written as values; a value written through part of a merged area; a row taller than 409 points.
 */
import type { FakeRequestContext, FakeOfficeError } from "../../tools/excel-sim/excel-fake";
import { createFakeExcel } from "../../tools/excel-sim/excel-fake";
import { snapshotCells, workbookModelFromGrid } from "../../tools/excel-sim/excel-model";

/* eslint-disable @typescript-eslint/no-explicit-any -- the fake's proxies are untyped; tests reach into them */

function setup(grid: Record<string, any[][]> = { Sheet1: [["a"]], Other: [["b"]] }) {
  const model = workbookModelFromGrid(grid);
  const fake = createFakeExcel(model);
  return { model, fake };
}

async function rejection(p: Promise<unknown>): Promise<FakeOfficeError> {
  try {
    await p;
  } catch (e) {
    return e as FakeOfficeError;
  }
  throw new Error("expected a rejection");
}

function sheetOf(ctx: FakeRequestContext, name = "Sheet1"): any {
  return (ctx.workbook as any).worksheets.getItem(name);
}

test("a failure at write N of a request leaves writes 1 to N-1 applied and runs nothing after it", async () => {
  const { model, fake } = setup();
  model.failAtWrite = { at: 3 };
  const ctx = fake.newContext();
  for (const [i, a] of ["B1", "C1", "D1", "E1"].entries()) sheetOf(ctx).getRange(a).values = [[i + 1]];
  const e = await rejection(ctx.sync());
  expect(e.code).toBe("GeneralException");
  const cells = snapshotCells(model);
  expect([
    cells["Sheet1!B1"]?.value,
    cells["Sheet1!C1"]?.value,
    cells["Sheet1!D1"],
    cells["Sheet1!E1"],
  ]).toEqual([1, 2, undefined, undefined]);
  expect(model.writes).toBe(3);
});

test("a protected sheet refuses writes to its cells and formats with AccessDenied; reading still works", async () => {
  const { model, fake } = setup();
  model.findSheet("Sheet1")!.protected = true;
  for (const write of [
    (ws: any) => (ws.getRange("A1").values = [["x"]]),
    (ws: any) => (ws.getRange("A1").format.fill.color = "#FF0000"),
    (ws: any) => ws.getRange("A1:B1").merge(false),
    (ws: any) => (ws.getRange("A1").format.rowHeight = 20),
  ]) {
    const ctx = fake.newContext();
    write(sheetOf(ctx));
    expect((await rejection(ctx.sync())).code).toBe("AccessDenied");
  }
  const ctx = fake.newContext();
  const p = sheetOf(ctx).protection;
  p.load("protected");
  const r = sheetOf(ctx).getRange("A1");
  r.load("values");
  sheetOf(ctx, "Other").getRange("A1").values = [["fine"]];
  await ctx.sync();
  expect([p.protected, r.values]).toEqual([true, [["a"]]]);
});

test("workbook structure protection refuses adding, deleting, renaming and moving sheets", async () => {
  const { model, fake } = setup();
  model.structureProtected = true;
  for (const change of [
    (c: any) => c.workbook.worksheets.add("New"),
    (c: any) => sheetOf(c, "Other").delete(),
    (c: any) => (sheetOf(c, "Other").name = "Renamed"),
    (c: any) => (sheetOf(c, "Other").position = 0),
  ]) {
    const ctx = fake.newContext();
    change(ctx);
    expect((await rejection(ctx.sync())).code).toBe("AccessDenied");
  }
  const ctx = fake.newContext();
  const p = (ctx.workbook as any).protection;
  p.load("protected");
  await ctx.sync();
  expect(p.protected).toBe(true);
});

test("Worksheet.delete and Worksheet.position are recorded as clearing the undo stack; a values write is not", async () => {
  const { model, fake } = setup();
  const ctx = fake.newContext();
  sheetOf(ctx).getRange("B1").values = [["x"]];
  sheetOf(ctx, "Other").position = 0;
  sheetOf(ctx, "Other").delete();
  await ctx.sync();
  expect(model.undoClearedBy).toEqual(["Worksheet.position", "Worksheet.delete"]);
});

test("a formula reads back as its value through values, and as the formula through formulas", async () => {
  const { fake } = setup({ Sheet1: [[2, 3]] });
  const ctx = fake.newContext();
  sheetOf(ctx).getRange("C1").formulas = [["=A1+B1"]];
  const r = sheetOf(ctx).getRange("C1");
  r.load("values,formulas");
  await ctx.sync();
  expect([r.values, r.formulas]).toEqual([[[5]], [["=A1+B1"]]]);
});

test.each([
  ["3E1", 30],
  ["1E5", 100000],
  ["1 1/2", 1.5],
  ["10:30 AM", 0.4375],
  ["January 5, 2021", 44201],
])(
  "Excel types %s written as a value (%s); with a leading apostrophe or the text format it stays text",
  async (text, typed) => {
    const { fake } = setup();
    const ctx = fake.newContext();
    sheetOf(ctx).getRange("B1").values = [[text]];
    sheetOf(ctx).getRange("C1").values = [[`'${text}`]];
    sheetOf(ctx).getRange("D1").numberFormat = [["@"]];
    sheetOf(ctx).getRange("D1").values = [[text]];
    const r = sheetOf(ctx).getRange("B1:D1");
    r.load("values");
    await ctx.sync();
    expect(r.values).toEqual([[typed, text, text]]);
  },
);

test("values written through part of a merged area are refused (strict choice, unverified); the whole area is fine", async () => {
  const { fake } = setup();
  const ctx = fake.newContext();
  sheetOf(ctx).getRange("A3:F3").merge(false);
  await ctx.sync();
  const c2 = fake.newContext();
  sheetOf(c2).getRange("C2:C4").values = [["x"], [null], ["y"]];
  expect((await rejection(c2.sync())).code).toBe("InvalidOperation");
  const c3 = fake.newContext();
  sheetOf(c3).getRange("A3:F3").values = [["s", null, null, null, null, null]];
  await c3.sync();
});

test("a row taller than 409 points is refused", async () => {
  const { fake } = setup();
  const ctx = fake.newContext();
  sheetOf(ctx).getRange("A1").format.rowHeight = 410;
  expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
});

test("hidden rows: Range.rowHidden reads true, false or null (mixed); values reach hidden rows", async () => {
  const { model, fake } = setup({ Sheet1: [["a"], ["b"], ["c"]] });
  const ctx = fake.newContext();
  sheetOf(ctx).getRange("A2").rowHidden = true;
  sheetOf(ctx).getRange("A1:A3").values = [["x"], ["y"], ["z"]];
  const all = sheetOf(ctx).getRange("A1:A3");
  const two = sheetOf(ctx).getRange("A2");
  const one = sheetOf(ctx).getRange("A1");
  for (const r of [all, two, one]) r.load("rowHidden");
  await ctx.sync();
  expect([all.rowHidden, two.rowHidden, one.rowHidden]).toEqual([null, true, false]);
  expect(snapshotCells(model)["Sheet1!A2"]?.value).toBe("y");
});

test("tables: listed per sheet, their range read, a column added at the right edge through the table", async () => {
  const { model, fake } = setup({
    Sheet1: [
      ["Ref", "Name"],
      ["P1", "a"],
    ],
  });
  model.tables.push({
    id: "{T1}",
    name: "Works",
    sheetId: model.findSheet("Sheet1")!.id,
    rect: { row: 0, col: 0, rows: 2, cols: 2 },
  });
  const ctx = fake.newContext();
  const tables = sheetOf(ctx).tables;
  tables.load("items/name");
  const range = sheetOf(ctx).tables.getItem("Works").getRange();
  range.load("address");
  sheetOf(ctx)
    .tables.getItem("Works")
    .columns.add(null, [["x"]], "RAG");
  await ctx.sync();
  expect(tables.items.map((t: any) => t.name)).toEqual(["Works"]);
  expect(range.address).toBe("Sheet1!A1:B2");
  expect(model.tables[0]!.rect.cols).toBe(3);
  const cells = snapshotCells(model);
  expect([cells["Sheet1!C1"]?.value, cells["Sheet1!C2"]?.value]).toEqual(["RAG", "x"]);
  // The cells a new column would take must be empty (strict choice: Excel would shift them right).
  const c2 = fake.newContext();
  sheetOf(c2).getRange("D2").values = [["in the way"]];
  sheetOf(c2).tables.getItem("Works").columns.add(null, null, "More");
  expect((await rejection(c2.sync())).code).toBe("InvalidOperation");
});
