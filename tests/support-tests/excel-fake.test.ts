import ExcelJS from "exceljs";
import type { FakeRequestContext } from "../../tools/excel-sim/excel-fake";
import { FakeOfficeError, createFakeExcel, installFakeExcel } from "../../tools/excel-sim/excel-fake";
import { RichApiHost } from "../../tools/excel-sim/host/richapi-host";
import {
  diffSnapshots,
  serialFromYmd,
  snapshotCells,
  workbookModelFromGrid,
  workbookModelFromXlsx,
} from "../../tools/excel-sim/excel-model";

/* eslint-disable @typescript-eslint/no-explicit-any -- the fake's proxies are untyped; tests reach into them */

function setup(grid: Record<string, any[][]> = { Sheet1: [] }, options = {}) {
  const model = workbookModelFromGrid(grid);
  const fake = createFakeExcel(model, options);
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

describe("batching", () => {
  it("queues property sets until sync", async () => {
    const { model, fake } = setup();
    const ctx = fake.newContext();
    sheetOf(ctx).getRange("A1").values = [["hello"]];
    expect(model.findSheet("Sheet1")!.cells.size).toBe(0);
    await ctx.sync();
    expect(model.findSheet("Sheet1")!.cells.size).toBe(1);
  });

  it("counts syncs and measures request bytes", async () => {
    const { fake } = setup();
    await fake.run(async (ctx) => {
      sheetOf(ctx).getRange("A1:B1").values = [["a", "b"]];
      await ctx.sync();
      await ctx.sync();
    });
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.requestBytes[0]).toBeGreaterThan(fake.stats.requestBytes[1]!);
    expect(fake.stats.requestBytes[1]).toBeGreaterThan(0);
  });

  it("Excel.run sends commands still queued when the batch ends", async () => {
    const { model, fake } = setup();
    await fake.run(async (ctx) => {
      sheetOf(ctx).getRange("B2").values = [[5]];
    });
    expect(fake.stats.syncs).toBe(1);
    expect(model.findSheet("Sheet1")!.cells.size).toBe(1);
  });

  it("stops at the failing command: earlier commands stay applied, later ones do not run", async () => {
    const { model, fake } = setup();
    const ctx = fake.newContext();
    const sheet = sheetOf(ctx);
    sheet.getRange("A1").values = [["before"]];
    sheet.getRange("A2:B2").values = [["only one"]];
    sheet.getRange("A3").values = [["after"]];
    const err = await rejection(ctx.sync());
    expect(err.code).toBe("InvalidArgument");
    const cells = model.findSheet("Sheet1")!.cells;
    expect([...cells.values()].map((c) => c.value)).toEqual(["before"]);
  });

  it("rejects a request over 5 MB with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const { model, fake } = setup();
    const ctx = fake.newContext();
    const big = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    sheetOf(ctx).getRange("A1:A60000").values = big;
    const err = await rejection(ctx.sync());
    expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.stats.requestBytes[0]).toBeGreaterThan(5_000_000);
    expect(model.findSheet("Sheet1")!.cells.size).toBe(0);
  });

  it("can make a sync hang, or fail at the Nth sync", async () => {
    const { fake } = setup(
      { Sheet1: [] },
      { hangAtSync: 2, failAtSync: { at: 1, code: "GeneralException" } },
    );
    const ctx = fake.newContext();
    expect((await rejection(ctx.sync())).code).toBe("GeneralException");
    const outcome = await Promise.race([
      ctx.sync().then(() => "settled"),
      new Promise((r) => setTimeout(() => r("timeout"), 30)),
    ]);
    expect(outcome).toBe("timeout");
  });
});

describe("loading", () => {
  it("throws PropertyNotLoaded with Excel's text before load+sync", async () => {
    const { fake } = setup({ Sheet1: [[1]] });
    const ctx = fake.newContext();
    const range = sheetOf(ctx).getRange("A1");
    let err: FakeOfficeError | undefined;
    try {
      void range.values;
    } catch (e) {
      err = e as FakeOfficeError;
    }
    expect(err).toBeInstanceOf(FakeOfficeError);
    expect(err!.name).toBe("RichApi.Error");
    expect(err!.code).toBe("PropertyNotLoaded");
    expect(err!.message).toBe(
      "The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
    );
    expect(err!.debugInfo).toEqual(
      expect.objectContaining({ code: "PropertyNotLoaded", errorLocation: "Range.values" }),
    );
    range.load("values");
    expect(() => range.values).toThrow(/not available/);
    await ctx.sync();
    expect(range.values).toEqual([[1]]);
  });

  it("reading a property set but not reloaded throws (strict), or reads back the set value (lenient)", async () => {
    const strict = setup().fake.newContext();
    const r = sheetOf(strict).getRange("A1");
    r.values = [["=1+1"]];
    await strict.sync();
    expect(() => r.values).toThrow(/not available/);
    const lenient = setup({ Sheet1: [] }, { lenientReads: true }).fake.newContext();
    const r2 = sheetOf(lenient).getRange("A1");
    r2.values = [["=1+1"]];
    expect(r2.values).toEqual([["=1+1"]]);
  });

  it("loads collections, navigation paths and options objects", async () => {
    const { fake } = setup({ Sheet1: [["x"]], Data: [] });
    const ctx = fake.newContext();
    const sheets = (ctx.workbook as any).worksheets;
    sheets.load("items/name, items/position");
    const range = sheetOf(ctx).getRange("A1");
    range.load({ select: "address, format/fill/color", expand: "format/font" });
    await ctx.sync();
    expect(sheets.items.map((s: any) => [s.name, s.position])).toEqual([
      ["Sheet1", 0],
      ["Data", 1],
    ]);
    expect(range.address).toBe("Sheet1!A1");
    expect(range.format.fill.color).toBe("#FFFFFF");
    expect(range.format.font.name).toBe("Calibri");
    expect(() => range.load("nonsense")).toThrow(FakeOfficeError);
  });
});

describe("worksheets", () => {
  it("getItem of a missing sheet fails the sync with ItemNotFound; getItemOrNullObject gives a null object", async () => {
    const { fake } = setup();
    const ctx = fake.newContext();
    const missing = (ctx.workbook as any).worksheets.getItemOrNullObject("Nope");
    expect(() => missing.isNullObject).toThrow(/not available/);
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(() => missing.name).toThrow(/null object/);
    sheetOf(ctx, "Nope");
    const err = await rejection(ctx.sync());
    expect(err.code).toBe("ItemNotFound");
    expect(err.debugInfo.errorLocation).toBe("WorksheetCollection.getItem");
  });

  it("refuses duplicate names case-insensitively (ItemAlreadyExists) and bad names (InvalidArgument)", async () => {
    const { fake } = setup();
    for (const [name, code] of [
      ["sheet1", "ItemAlreadyExists"],
      ["a".repeat(32), "InvalidArgument"],
      ["Q1/Q2", "InvalidArgument"],
      ["What?", "InvalidArgument"],
      ["'quoted", "InvalidArgument"],
      ["  ", "InvalidArgument"],
      ["[x]", "InvalidArgument"],
    ] as const) {
      const ctx = fake.newContext();
      (ctx.workbook as any).worksheets.add(name);
      expect((await rejection(ctx.sync())).code).toBe(code);
    }
    const ok = fake.newContext();
    (ok.workbook as any).worksheets.add("a".repeat(31));
    await ok.sync();
  });

  it("keeps one visible sheet and refuses to delete very hidden sheets", async () => {
    const { fake } = setup({ Sheet1: [], Secret: [] });
    const ctx = fake.newContext();
    sheetOf(ctx, "Secret").visibility = "VeryHidden";
    await ctx.sync();
    sheetOf(ctx, "Secret").delete();
    expect((await rejection(ctx.sync())).code).toBe("InvalidOperation");
    sheetOf(ctx, "Sheet1").visibility = "Hidden";
    expect((await rejection(ctx.sync())).code).toBe("InvalidOperation");
  });

  it("turns names referring to a deleted sheet into #REF!", async () => {
    const { model, fake } = setup({ Sheet1: [], "Highlight Report": [["x"]] });
    await fake.run(async (ctx) => {
      const names = (ctx.workbook as any).names;
      names.add("ReportTop", sheetOf(ctx, "Highlight Report").getRange("A1"), "top cell");
      await ctx.sync();
      const item = names.getItem("ReportTop");
      item.load("formula, type");
      await ctx.sync();
      expect(item.formula).toBe("='Highlight Report'!$A$1");
      expect(item.type).toBe("Range");
      sheetOf(ctx, "Highlight Report").delete();
      item.load("formula, type, value");
      await ctx.sync();
      expect(item.formula).toBe("=#REF!$A$1");
      expect(item.type).toBe("Error");
      expect(item.value).toBe("#REF!");
    });
    expect(model.names[0]!.formula).toBe("=#REF!$A$1");
  });
});

describe("writing values", () => {
  async function writeAndRead(values: unknown[][], numberFormat?: string) {
    const { fake } = setup();
    const ctx = fake.newContext();
    const range = sheetOf(ctx).getRangeByIndexes(0, 0, values.length, values[0]!.length);
    if (numberFormat) range.numberFormat = values.map((row) => row.map(() => numberFormat));
    range.values = values;
    range.load("values, formulas, numberFormat, text");
    await ctx.sync();
    return range;
  }

  it("stores = + - strings as formulas and ' strings as text without the apostrophe", async () => {
    const r = await writeAndRead([["=1+2", "-abc", "+5", "'=not a formula", "'007", "-12"]]);
    expect(r.formulas).toEqual([["=1+2", "=-abc", 5, "=not a formula", "007", -12]]);
    expect(r.values).toEqual([[3, "#NAME?", 5, "=not a formula", "007", -12]]);
  });

  it("coerces number-, date- and boolean-like text as Excel does, unless the cell is formatted as text", async () => {
    const r = await writeAndRead([["1,234", "45%", "0123", "TRUE", "31/03/2021", "#N/A"]]);
    expect(r.values).toEqual([[1234, 0.45, 123, true, serialFromYmd(2021, 3, 31), "#N/A"]]);
    expect(r.numberFormat).toEqual([["#,##0", "0%", "General", "General", "dd/mm/yyyy", "General"]]);
    expect(r.text[0]).toEqual(["1,234", "45%", "123", "TRUE", "31/03/2021", "#N/A"]);
    const t = await writeAndRead([["1,234", "=A1"]], "@");
    expect(t.values).toEqual([["1,234", "=A1"]]);
  });

  it("null leaves a cell unchanged, '' clears it, and empty cells read as ''", async () => {
    const { fake } = setup({ Sheet1: [["keep", "clear", "x"]] });
    const ctx = fake.newContext();
    const r = sheetOf(ctx).getRange("A1:D1");
    r.values = [[null, "", "y", null]];
    r.load("values");
    await ctx.sync();
    expect(r.values).toEqual([["keep", "", "y", ""]]);
  });

  it("rejects arrays whose size differs from the range with Excel's InvalidArgument message", async () => {
    const { fake } = setup();
    const ctx = fake.newContext();
    sheetOf(ctx).getRange("A1:B2").values = [[1, 2]];
    const err = await rejection(ctx.sync());
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toBe(
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    );
    sheetOf(ctx).getRange("A1:B2").numberFormat = [["0"], ["0"]];
    expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
  });

  it("reads dates as serial numbers", async () => {
    const { fake } = setup({ Sheet1: [[new Date(Date.UTC(2020, 11, 31))]] });
    const ctx = fake.newContext();
    const r = sheetOf(ctx).getRange("A1").load("values, numberFormat, text");
    await ctx.sync();
    expect(r.values).toEqual([[44196]]);
    expect(r.text).toEqual([["31/12/2020"]]);
  });
});

describe("used range and addresses", () => {
  it("gives A1 for an empty sheet, and a null object from the OrNullObject form", async () => {
    const { fake } = setup();
    const ctx = fake.newContext();
    const used = sheetOf(ctx).getUsedRange().load("address");
    const orNull = sheetOf(ctx).getUsedRangeOrNullObject();
    await ctx.sync();
    expect(used.address).toBe("Sheet1!A1");
    expect(orNull.isNullObject).toBe(true);
  });

  it("bounds cells with values (valuesOnly) or formatting", async () => {
    const { fake } = setup({
      "My Sheet": [
        [null, null],
        [null, "v"],
        [null, { fill: "#FF0000" }],
      ],
    });
    const ctx = fake.newContext();
    const all = sheetOf(ctx, "My Sheet").getUsedRange().load("address");
    const values = sheetOf(ctx, "My Sheet").getUsedRange(true).load("address");
    const col = sheetOf(ctx, "My Sheet").getRange("'My Sheet'!B:B").load("address, rowCount");
    await ctx.sync();
    expect(all.address).toBe("'My Sheet'!B2:B3");
    expect(values.address).toBe("'My Sheet'!B2");
    expect(col.address).toBe("'My Sheet'!B:B");
    expect(col.rowCount).toBe(1_048_576);
    sheetOf(ctx, "My Sheet").getRange("A0");
    expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
  });
});

describe("requirement sets", () => {
  it("refuses members above the declared set with ApiNotFound at the call", () => {
    const { fake } = setup({ Sheet1: [] }, { requirementSet: "1.6" });
    const ctx = fake.newContext();
    const sheet = sheetOf(ctx);
    expect(() => sheet.getRangeByIndexes(0, 0, 1, 1)).toThrow(/part of the ExcelApi 1.7 requirement set/);
    try {
      void sheet.pageLayout;
    } catch (e) {
      expect((e as FakeOfficeError).code).toBe("ApiNotFound");
    }
    // A method is refused when called (getMergedAreasOrNullObject is modelled: tests/support-tests/excel-fake-merges).
    expect(() => sheet.getRange("A1").getMergedAreasOrNullObject()).toThrow(/ExcelApi 1.13/);
    expect(fake.Office.context as any).toBeDefined();
    const req = (fake.Office.context as any).requirements;
    expect(req.isSetSupported("ExcelApi", "1.6")).toBe(true);
    expect(req.isSetSupported("ExcelApi", "1.7")).toBe(false);
  });

  it("installs Excel, Office and OfficeExtension as globals and restores them", async () => {
    const model = workbookModelFromGrid({ Sheet1: [["a"]] });
    const fake = installFakeExcel(model);
    try {
      const g = globalThis as any;
      const values = await g.Excel.run(async (ctx: any) => {
        const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
        await ctx.sync();
        return r.values;
      });
      expect(values).toEqual([["a"]]);
      expect(g.Excel.ChartType.columnClustered).toBe("ColumnClustered");
      expect(g.OfficeExtension.Error).toBe(FakeOfficeError);
    } finally {
      fake.restore();
    }
    expect((globalThis as any).Excel).toBeUndefined();
  });
});

describe("seeding and snapshots", () => {
  it("reads an .xlsx like Office.js: dates, errors, formulas, hidden sheets, merges, widths", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("Programme");
    ws.getCell("A1").value = "Project";
    ws.getCell("B1").value = new Date(Date.UTC(2021, 2, 31));
    ws.getCell("B1").numFmt = "dd/mm/yyyy";
    ws.getCell("C1").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("D1").value = { formula: "SUM(E1:E2)", result: 7 } as ExcelJS.CellFormulaValue;
    ws.getCell("E1").value = { richText: [{ text: "Rich " }, { text: "text" }] };
    ws.getCell("F1").value = { text: "link", hyperlink: "https://example.org" };
    ws.getCell("A2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    ws.mergeCells("A3:C3");
    ws.getColumn(1).width = 20;
    book.addWorksheet("Old").state = "hidden";
    book.addWorksheet("Secret").state = "veryHidden";
    const buffer = await book.xlsx.writeBuffer();

    const model = await workbookModelFromXlsx(new Uint8Array(buffer as ArrayBuffer));
    const fake = createFakeExcel(model);
    await fake.run(async (ctx) => {
      const sheets = (ctx.workbook as any).worksheets.load("items/name, items/visibility");
      const r = sheetOf(ctx, "Programme").getRange("A1:F1").load("values, formulas");
      const fillA2 = sheetOf(ctx, "Programme").getRange("A2").format.fill.load("color");
      const width = sheetOf(ctx, "Programme").getRange("A1").format.load("columnWidth");
      await ctx.sync();
      expect(sheets.items.map((s: any) => s.visibility)).toEqual(["Visible", "Hidden", "VeryHidden"]);
      expect(r.values).toEqual([["Project", 44286, "#REF!", 7, "Rich text", "link"]]);
      expect(r.formulas[0][3]).toBe("=SUM(E1:E2)");
      expect(fillA2.color).toBe("#00B050");
      expect(width.columnWidth).toBeCloseTo(108.75);
    });
    expect(model.findSheet("Programme")!.merges).toEqual([{ row: 2, col: 0, rows: 1, cols: 3 }]);
  });

  it("diffs snapshots cell by cell", async () => {
    const { model, fake } = setup({ Sheet1: [["a", 1]] });
    const before = snapshotCells(model);
    await fake.run(async (ctx) => {
      const r = sheetOf(ctx).getRange("B1");
      r.values = [[2]];
      r.format.fill.color = "green";
    });
    const changes = diffSnapshots(before, snapshotCells(model));
    expect(changes.map((c) => [c.key, c.changed])).toEqual([["Sheet1!B1", ["value", "fill"]]]);
    expect(changes[0]!.before!.value).toBe(1);
    expect(changes[0]!.after!.fill).toBe("#008000");
  });
});

describe("layout, charts, settings", () => {
  it("applies formats, merges, widths, freeze panes, page layout and charts; enforces Excel's rules", async () => {
    const { model, fake } = setup({
      Sheet1: [
        ["Title", "kept?"],
        ["Q", 1],
        ["R", 2],
      ],
    });
    await fake.run(async (ctx) => {
      const sheet = sheetOf(ctx);
      const title = sheet.getRange("A1:C1");
      title.merge(false);
      title.format.font.bold = true;
      title.format.columnWidth = 96;
      title.format.borders.getItem("EdgeBottom").style = "Continuous";
      sheet.freezePanes.freezeRows(1);
      sheet.pageLayout.orientation = "Landscape";
      sheet.pageLayout.paperSize = "A4";
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      sheet.pageLayout.setPrintTitleRows("$1:$1");
      sheet.pageLayout.headersFooters.defaultForAllPages.centerFooter = "Page &P of &N";
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A2:B3"), "Auto");
      chart.title.text = "Spend";
      chart.setPosition("E2", "L15");
      await ctx.sync();
      chart.load("name, chartType, left");
      const border = title.format.borders.getItem("EdgeBottom").load("style, weight");
      const b1 = sheet.getRange("B1").load("values");
      await ctx.sync();
      expect([chart.name, chart.chartType, chart.left]).toEqual([
        "Chart 1",
        "ColumnClustered",
        3 * 96 + 48, // A:C widened to 96 pt, D at the default 48 pt
      ]);
      expect([border.style, border.weight]).toEqual(["Continuous", "Thin"]);
      expect(b1.values).toEqual([[""]]); // merging keeps only the upper-left value
      sheet.pageLayout.setPrintTitleRows("A1:F1"); // must span entire rows
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      sheet.pageLayout.zoom = { scale: 5 };
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      sheet.charts.add("NotAChart", sheet.getRange("A2:B3"));
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    const s = model.findSheet("Sheet1")!;
    expect(s.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
    expect(s.freeze).toEqual({ rows: 1, cols: 0 });
    expect(s.columnWidths.get(2)).toBe(96);
    expect(s.pageLayout.printTitleRows).toEqual({ row: 0, col: 0, rows: 1, cols: 16_384 });
    expect(s.pageLayout.defaultHeaderFooter.centerFooter).toBe("Page &P of &N");
    expect(s.charts[0]!.title).toBe("Spend");
  });

  it("numbers a sheet's printed pages from PageLayout.firstPageNumber (ExcelApi 1.9): auto by default, whole numbers only", async () => {
    const { model, fake } = setup({ Sheet1: [["a"]] });
    await fake.run(async (ctx) => {
      const page = sheetOf(ctx).pageLayout;
      page.load("firstPageNumber");
      await ctx.sync();
      // "" is auto: numbering runs on from the sheet before when the workbook is printed whole.
      expect(page.firstPageNumber).toBe("");
      page.firstPageNumber = 1;
      page.load("firstPageNumber");
      await ctx.sync();
      expect(page.firstPageNumber).toBe(1);
      for (const bad of [1.5, -1, "1", null]) {
        page.firstPageNumber = bad;
        expect({ bad, code: (await rejection(ctx.sync())).code }).toEqual({ bad, code: "InvalidArgument" });
      }
    });
    expect(model.findSheet("Sheet1")!.pageLayout.firstPageNumber).toBe(1);
    // Below ExcelApi 1.9 the member is not there, in the fake and in the RichApi host alike.
    const old = createFakeExcel(workbookModelFromGrid({ Sheet1: [] }), { requirementSet: "1.8" });
    await expect(
      old.run(async (ctx) => {
        sheetOf(ctx).pageLayout.firstPageNumber = 1;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    const host = new RichApiHost(workbookModelFromGrid({ Sheet1: [] }), {
      requirementSets: { ExcelApi: "1.8" },
    });
    expect(() => host.requireMember("PageLayout", "firstPageNumber", "set")).toThrow(/ExcelApi 1\.9/);
    const host19 = new RichApiHost(workbookModelFromGrid({ Sheet1: [] }), {
      requirementSets: { ExcelApi: "1.9" },
    });
    expect(host19.declaredScalars("PageLayout")).toContain("firstPageNumber");
  });

  it("lists a sheet's pictures and shapes through Worksheet.shapes (ExcelApi 1.9), charts apart; draws none", async () => {
    const { model, fake } = setup({ Sheet1: [], Sheet2: [] });
    const s1 = model.findSheet("Sheet1")!;
    s1.shapes.push(
      { id: "3", name: "Picture 1", type: "Image" },
      { id: "4", name: "Rectangle 2", type: "GeometricShape" },
    );
    await fake.run(async (ctx) => {
      sheetOf(ctx).charts.add("Pie", sheetOf(ctx).getRange("A1:B2"), "Auto");
      const count = sheetOf(ctx).shapes.getCount();
      const none = sheetOf(ctx, "Sheet2").shapes.getCount();
      const shapes = sheetOf(ctx).shapes.load("items/name, items/type");
      const byId = sheetOf(ctx).shapes.getItem("4").load("name");
      await ctx.sync();
      expect([count.value, none.value]).toEqual([2, 0]);
      expect(shapes.items.map((x: any) => [x.name, x.type])).toEqual([
        ["Picture 1", "Image"],
        ["Rectangle 2", "GeometricShape"],
      ]);
      expect(byId.name).toBe("Rectangle 2");
      sheetOf(ctx).shapes.getItem("Picture 9");
      expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");
      expect(() => sheetOf(ctx).shapes.addImage("iVBORw0KGgo=")).toThrow(/addImage/);
    });
    expect(model.findSheet("Sheet1")!.charts).toHaveLength(1);
    // Below ExcelApi 1.9 the collection is not there.
    const old = createFakeExcel(workbookModelFromGrid({ Sheet1: [] }), { requirementSet: "1.8" });
    await expect(
      old.run(async (ctx) => {
        sheetOf(ctx).shapes.getCount();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("stores settings as JSON and updates names when a sheet is renamed", async () => {
    const { model, fake } = setup({ Sheet1: [], Data: [] });
    await fake.run(async (ctx) => {
      const wb = ctx.workbook as any;
      wb.settings.add("rag", { version: 2, sheets: ["Data"] });
      wb.names.add("DataTop", "=Data!$A$1");
      sheetOf(ctx, "Data").name = "Programme Data";
      const missing = wb.settings.getItemOrNullObject("nope");
      const rag = wb.settings.getItem("rag").load("value");
      const count = wb.settings.getCount();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(rag.value).toEqual({ version: 2, sheets: ["Data"] });
      expect(count.value).toBe(1);
      wb.settings.getItem("nope");
      expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");
    });
    expect(model.names[0]!.formula).toBe("='Programme Data'!$A$1");
  });
});
