/**
 * The simulated Excel host under Microsoft's real office.js, driven with Excel.run from a page that has only
 * office.js (lab.html): reads, writes, kept references, null objects, Excel's errors, the 5 MB request limit and
 * the requirement-set check. And the two front doors of the workbook model agree: the same script through the
 * jest fake and through office.js leaves the same cells.
 */
import type { Page } from "playwright-core";
import { createFakeExcel } from "../../tools/excel-sim/excel-fake";
import { snapshotCells } from "../../tools/excel-sim/excel-model/snapshot";
import type { PaneContext } from "./harness/browser";
import type { Session } from "./harness/session";
import { eventually, openSession, sampleModel } from "./harness/session";

let s: Session;
let page: Page;
let pane: PaneContext;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});
beforeEach(async () => {
  ({ page, pane } = await s.open({ url: { page: "lab.html" } }));
});

interface CaughtError {
  name: string;
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** Runs `Excel.run(script)` in the page; an error comes back as data (name, code, debugInfo). */
async function excelRun<T>(
  script: (context: Excel.RequestContext) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: CaughtError }> {
  return page.evaluate(async (source) => {
    try {
      // The script is this file's own code, sent as text (a function cannot cross into the page).
      const fn = new Function(`return (${source});`)() as (c: Excel.RequestContext) => Promise<unknown>;
      return { ok: true as const, value: (await Excel.run(fn)) as never };
    } catch (e) {
      const err = e as OfficeExtension.Error;
      return {
        ok: false as const,
        error: {
          name: err.name,
          code: err.code,
          message: err.message,
          errorLocation: err.debugInfo?.errorLocation,
          statement: err.debugInfo?.statement,
        },
      };
    }
  }, script.toString());
}

function sheetNamed(name: string) {
  const sheet = s.harness.model.findSheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

test("office.js starts as Excel on Windows, declares ExcelApi 1.9 and sends only to the harness", async () => {
  const info = await page.evaluate(async () => {
    const ready = await Office.onReady();
    return {
      host: ready.host,
      platform: ready.platform,
      api19: Office.context.requirements.isSetSupported("ExcelApi", "1.9"),
      api110: Office.context.requirements.isSetSupported("ExcelApi", "1.10"),
      check: (OfficeExtension as unknown as { CommonUtility: { _doApiNotSupportedCheck: boolean } })
        .CommonUtility._doApiNotSupportedCheck,
    };
  });
  expect(info).toEqual({ host: "Excel", platform: "PC", api19: true, api110: false, check: true });
  expect(pane.blocked).toEqual([]);
  expect(pane.errors).toEqual([]);
  // office.js's own start-up batch (AddinInternalService.NotifyActionHandlerReady) reached the host.
  await eventually(() => expect(s.harness.host.batches.map((b) => b.kind)).toContain("internal"));
});

test("reads collections, ranges and navigation properties from the workbook model", async () => {
  const r = await excelRun(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/visibility,items/position");
    const ws = sheets.getItem("Programme of Works");
    const header = ws.getRange("A4:D4");
    header.load("values,address,rowCount");
    const title = ws.getRange("A1");
    title.load("format/fill/color,format/font/bold,format/font/name");
    const used = ws.getUsedRange(true);
    used.load("address");
    const lookups = sheets.getItem("Lookups");
    lookups.load("visibility");
    await context.sync();
    return {
      sheets: sheets.items.map((w) => [w.name, w.visibility, w.position]),
      header: header.values,
      address: header.address,
      rows: header.rowCount,
      titleFont: [title.format.font.bold, title.format.font.name],
      titleFill: title.format.fill.color,
      used: used.address,
      lookups: lookups.visibility,
    };
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const ws = sheetNamed("Programme of Works");
  const excel = s.harness.host.excel;
  const rangeOf = (address: string) => {
    const rect = excel.resolveAddress(ws, address, "test");
    return { t: "Range" as const, sheetId: ws.id, rect };
  };
  expect(r.value.sheets).toEqual([
    ["Programme of Works", "Visible", 0],
    ["Milestones", "Visible", 1],
    ["Notes", "Visible", 2],
    ["Risk Register", "Visible", 3],
    ["Lookups", "Hidden", 4],
  ]);
  expect(r.value.header).toEqual(excel.get(rangeOf("A4:D4"), "values"));
  expect(r.value.header[0]![0]).toBe("Ref");
  expect(r.value.address).toBe("'Programme of Works'!A4:D4");
  expect(r.value.rows).toBe(1);
  const titleCell = rangeOf("A1");
  expect(r.value.titleFill).toBe(
    excel.get(excel.navigate(excel.navigate(titleCell, "format"), "fill"), "color"),
  );
  expect(r.value.titleFont).toEqual([true, expect.any(String)]);
  expect(r.value.used).toMatch(/^'Programme of Works'!A1:[A-Z]+\d+$/);
  expect(r.value.lookups).toBe("Hidden");
});

test("writes values, formulas, formats, widths, merges, freeze panes and settings into the model", async () => {
  const r = await excelRun(async (context) => {
    const ws = context.workbook.worksheets.add("E2E");
    const block = ws.getRange("A1:C2");
    block.values = [
      ["Item", "Budget", "Double"],
      ["Laptops", 1200, "=B2*2"],
    ];
    ws.getRange("B2:C2").numberFormat = [["£#,##0", "£#,##0"]];
    const header = ws.getRangeByIndexes(0, 0, 1, 3);
    header.format.fill.color = "#1F4E79";
    header.format.font.color = "#FFFFFF";
    header.format.font.bold = true;
    header.format.columnWidth = 90;
    ws.getRange("A4:C4").merge(false);
    ws.freezePanes.freezeRows(1);
    context.workbook.settings.add("e2e", { allocation: 120000000 });
    await context.sync();
    // The kept reference of `block` addresses it in a second request.
    block.load("values,text");
    const setting = context.workbook.settings.getItem("e2e");
    setting.load("value");
    await context.sync();
    return { values: block.values, text: block.text, setting: setting.value as unknown };
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value.values).toEqual([
    ["Item", "Budget", "Double"],
    ["Laptops", 1200, 2400],
  ]);
  expect(r.value.text).toEqual([
    ["Item", "Budget", "Double"],
    ["Laptops", "£1,200", "£2,400"],
  ]);
  expect(r.value.setting).toEqual({ allocation: 120000000 });

  const ws = sheetNamed("E2E");
  const cells = snapshotCells(s.harness.model);
  expect(cells["E2E!C2"]).toMatchObject({ value: 2400, formula: "=B2*2", numberFormat: "£#,##0" });
  expect(cells["E2E!A1"]).toMatchObject({ value: "Item", fill: "#1F4E79", fontColor: "#FFFFFF", bold: true });
  expect(ws.merges).toEqual([{ row: 3, col: 0, rows: 1, cols: 3 }]);
  expect(ws.freeze).toEqual({ rows: 1, cols: 0 });
  expect(ws.columnWidths.get(0)).toBe(90);
  // Every reference the client kept was removed again at the end of Excel.run.
  await eventually(() => expect(s.harness.host.liveReferences).toBe(0));
});

test("null objects: …OrNullObject that finds nothing answers null and isNullObject is true", async () => {
  const r = await excelRun(async (context) => {
    const missing = context.workbook.worksheets.getItemOrNullObject("No such sheet");
    const empty = context.workbook.worksheets.add("Empty");
    const used = empty.getUsedRangeOrNullObject();
    const setting = context.workbook.settings.getItemOrNullObject("nothing saved");
    await context.sync();
    return [missing.isNullObject, used.isNullObject, setting.isNullObject];
  });
  expect(r).toEqual({ ok: true, value: [true, true, true] });
});

test("Excel's errors reach the add-in as RichApi.Error naming the failing statement; earlier commands stay", async () => {
  const notFound = await excelRun(async (context) => {
    context.workbook.worksheets.getItem("Notes").getRange("A1").values = [["written before the failure"]];
    context.workbook.worksheets.getItem("No such sheet").getRange("A1").load("values");
    await context.sync();
  });
  expect(notFound).toEqual({
    ok: false,
    error: expect.objectContaining({
      name: "RichApi.Error",
      code: "ItemNotFound",
      message: "The requested resource doesn't exist.",
      errorLocation: "WorksheetCollection.getItem",
      statement: expect.stringContaining("worksheets.getItem("),
    }),
  });
  expect(snapshotCells(s.harness.model)["Notes!A1"]?.value).toBe("written before the failure");

  const exists = await excelRun(async (context) => {
    context.workbook.worksheets.add("notes");
    await context.sync();
  });
  expect(exists).toMatchObject({ ok: false, error: { code: "ItemAlreadyExists" } });

  const mismatch = await excelRun(async (context) => {
    context.workbook.worksheets.getItem("Notes").getRange("A1:B1").values = [[1], [2]];
    await context.sync();
  });
  expect(mismatch).toMatchObject({
    ok: false,
    error: {
      code: "InvalidArgument",
      message:
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    },
  });
});

test("a request over 5 MB is refused with RequestPayloadSizeLimitExceeded and changes nothing", async () => {
  const before = snapshotCells(s.harness.model);
  const r = await excelRun(async (context) => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    context.workbook.worksheets.getItem("Notes").getRange("A1:A60000").values = rows;
    await context.sync();
  });
  expect(r).toMatchObject({
    ok: false,
    error: { name: "RichApi.Error", code: "RequestPayloadSizeLimitExceeded" },
  });
  const refused = s.harness.host.batches.find((b) => b.error === "RequestPayloadSizeLimitExceeded");
  expect(refused?.requestBytes).toBeGreaterThan(5_000_000);
  expect(snapshotCells(s.harness.model)).toEqual(before);
});

test("a call beyond ExcelApi 1.9 fails in Microsoft's client before anything is sent", async () => {
  const batchesBefore = s.harness.host.batches.length;
  const r = await excelRun(async (context) => {
    // Range.getMergedAreasOrNullObject is ExcelApi 1.13.
    const areas = context.workbook.worksheets.getItem("Notes").getRange("A1").getMergedAreasOrNullObject();
    areas.load("address");
    await context.sync();
  });
  expect(r).toMatchObject({
    ok: false,
    error: { code: "ApiNotFound", message: expect.stringContaining("ExcelApi 1.13") },
  });
  expect(s.harness.host.batches.length).toBe(batchesBefore);
});

test("the jest fake and office.js on the simulated host leave the same workbook (one model, two front doors)", async () => {
  const script = async (context: Excel.RequestContext) => {
    const sheets = context.workbook.worksheets;
    const ws = sheets.getItem("Programme of Works");
    // Wide enough to pass the sample's year and profile columns (T:AI) to the first empty header cell.
    const header = ws.getRange("A4:BZ4");
    header.load("values");
    await context.sync();
    const col = header.values[0]!.findIndex((v) => v === "");
    ws.getRangeByIndexes(3, col, 1, 1).values = [["Checked"]];
    ws.getRangeByIndexes(4, col, 3, 1).values = [["yes"], [1], ["=1+1"]];
    ws.getRangeByIndexes(4, col, 3, 1).format.fill.color = "#C6EFCE";
    const report = sheets.add("Report");
    report.getRange("A1:B1").values = [["Total", "=SUM(1,2)"]];
    report.getRange("A1:B1").format.font.bold = true;
    report.getRange("B1").numberFormat = [["0.00"]];
    report.position = 0;
    sheets.getItem("Notes").delete();
    await context.sync();
  };

  const fake = createFakeExcel(await sampleModel());
  await fake.run(script as never);
  const viaFake = fake.model;
  const r = await excelRun(script);
  expect(r).toEqual({ ok: true, value: undefined });
  expect(s.harness.model.sheets.map((x) => x.name)).toEqual(viaFake.sheets.map((x) => x.name));
  expect(snapshotCells(s.harness.model)).toEqual(snapshotCells(viaFake));
});
