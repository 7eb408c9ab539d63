/**
 * Workbooks in the 1904 date system (older Mac workbooks; "Use 1904 date system" in Excel's options): their
 * serials count from 1 January 1904, 1,462 days fewer than the 1900 system for the same day. The add-in learns
 * the system with DATE(2000,1,1) through workbook.functions (ExcelApi 1.9 has no property for it), reads every
 * date as the day the user sees, and writes its own dates (history, highlight report, change log) in the same
 * system; the engine, given the system, agrees with it. The fake models the 1904 system (WorkbookModel.date1904).
 */
import ExcelJS from "exceljs";
import { dateSystemFromProbe } from "../../src/adapters/office/date-system";
import { analyse } from "../../src/engine/analyse";
import { dayFromYmd, excelSerialFromDay, formatDayIso } from "../../src/engine/dates";
import type { SheetGrid } from "../../src/engine/grid";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { workbookModelFromXlsx } from "../../tools/excel-sim/excel-model";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { cellKey, keyToCell } from "../../tools/excel-sim/excel-model/workbook";
import { SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

/** The sample saved as a 1904-system workbook (exceljs converts its dates to 1904 serials when it writes). */
async function sample1904(): Promise<WorkbookModel> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE);
  book.properties.date1904 = true;
  const bytes = await book.xlsx.writeBuffer();
  return workbookModelFromXlsx(new Uint8Array(bytes as ArrayBuffer));
}

/** What a user would compare: each item's dates and ratings. */
function itemsOf(a: ProgrammeAnalysis) {
  return a.items.map((i) => ({
    ref: i.ref,
    start: i.start === null ? null : formatDayIso(i.start),
    end: i.end === null ? null : formatDayIso(i.end),
    rag: i.rag.overall,
    reasons: i.reasons.map((r) => JSON.stringify(r)),
  }));
}

/** A sheet's values as the engine's grid, as the Office adapter reads it (values only). */
function gridOf(model: WorkbookModel, sheet: string): SheetGrid {
  const s = model.findSheet(sheet)!;
  let rows = 0;
  let cols = 0;
  for (const key of s.cells.keys()) {
    const { row: r, col: c } = keyToCell(key);
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  const values = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const v = s.cells.get(cellKey(r, c))?.value;
      return v === "" || v === undefined || typeof v === "object" ? null : v;
    }),
  );
  return { name: sheet, rowOffset: 0, colOffset: 0, values, visible: true };
}

test("the fake keeps the file's date system: the same day is 1,462 smaller, and DATE() counts from 1904", async () => {
  const m1900 = await modelOf(SAMPLE);
  const m1904 = await sample1904();
  expect(m1900.date1904).toBe(false);
  expect(m1904.date1904).toBe(true);
  const dates = (m: WorkbookModel) =>
    [...m.findSheet("Programme of Works")!.cells.values()]
      .filter((c) => typeof c.value === "number" && c.numberFormat.includes("yy"))
      .map((c) => c.value as number);
  const a = dates(m1900);
  expect(a.length).toBeGreaterThan(30);
  expect(dates(m1904)).toEqual(a.map((v) => v - 1462));

  for (const [model, expected] of [
    [m1900, 36526],
    [m1904, 35064],
  ] as const) {
    const fake = fakeOf(model);
    const probe = await fake.run(async (context) => {
      const r = (context as unknown as Excel.RequestContext).workbook.functions.date(2000, 1, 1);
      r.load("value");
      await context.sync();
      return r.value;
    });
    expect(probe).toBe(expected);
    expect(dateSystemFromProbe(probe)).toBe(expected === 35064 ? 1904 : 1900);
  }
});

test("the add-in reads a 1904 workbook's dates as the days the user sees, with no extra round trip", async () => {
  const ops1900 = opsOf(fakeOf(await modelOf(SAMPLE)));
  const fake1904 = fakeOf(await sample1904());
  const { analysis: a1904 } = await opsOf(fake1904).scan(input());
  const { analysis: a1900 } = await ops1900.scan(input());
  expect(a1904.dateSystem).toBe(1904);
  expect(a1900.dateSystem).toBe(1900);
  expect(itemsOf(a1904)).toEqual(itemsOf(a1900));
  // A known item: its target date is in 2021, not 2017 (a 1900 reading of a 1904 serial is four years early).
  expect(a1904.items.some((i) => i.end !== null && formatDayIso(i.end).startsWith("2021"))).toBe(true);
  expect(a1904.issues.map((i) => i.message)).toEqual(a1900.issues.map((i) => i.message));
  expect(fake1904.stats.syncs).toBe(2);
});

test("add-in and engine agree on a 1904 workbook when the engine is told the date system", async () => {
  const model = await sample1904();
  const { analysis: viaAddin } = await opsOf(fakeOf(model)).scan(input());
  const grid = gridOf(model, "Programme of Works");
  const reportingDate = input().reportingDate;
  const viaEngine = analyse([grid], { reportingDate, dateSystem: 1904 });
  expect(itemsOf(viaEngine)).toEqual(itemsOf(viaAddin));
  // Told nothing, the engine reads the serials as 1900-system ones: every date four years and a day early.
  const unaware = analyse([grid], { reportingDate });
  expect(itemsOf(unaware)).not.toEqual(itemsOf(viaAddin));
  const first = viaEngine.items.find((i) => i.end !== null)!;
  const early = unaware.items.find((i) => i.ref === first.ref)!;
  expect(first.end! - early.end!).toBe(1462);
});

test("the report writes its dates in the workbook's system, so Excel shows the right days", async () => {
  const model = await sample1904();
  await opsOf(fakeOf(model)).buildReport(input());
  const history = model.findSheet("RAG History")!;
  const dateCell = history.cells.get(cellKey(1, 1))!;
  // 31/12/2020 as a 1904-system serial (the 1900 one is 44196).
  expect(dateCell.value).toBe(excelSerialFromDay(dayFromYmd(2020, 12, 31), 1904));
  expect(dateCell.value).toBe(44196 - 1462);
  // The change log's "When" is the run's time (4 January 2021, 09:30 UTC) in the same system.
  const log = model.findSheet("Change Log")!;
  const whens = [...log.cells.entries()]
    .filter(([k, c]) => keyToCell(k).col === 0 && keyToCell(k).row > 0 && typeof c.value === "number")
    .map(([, c]) => Math.floor(c.value as number));
  expect(whens.length).toBeGreaterThan(0);
  expect(new Set(whens)).toEqual(new Set([excelSerialFromDay(dayFromYmd(2021, 1, 4), 1904)]));

  // A second report in the next quarter reads that history back as 31/12/2020, not as a day in 2016.
  const { analysis } = await opsOf(fakeOf(model)).buildReport(input("2021-03-31"));
  expect(analysis.dateSystem).toBe(1904);
  const after = model.findSheet("RAG History")!; // looked up again: a run may replace the sheet
  const rows = [...after.cells.entries()].filter(([k]) => keyToCell(k).col === 1).map(([, c]) => c.value);
  expect(rows).toContain(44196 - 1462);
  expect(rows).toContain(excelSerialFromDay(dayFromYmd(2021, 3, 31), 1904));
});
