/**
 * Issue 14's round-trip budget at 50,000 rows (a refresh in at most 5, a report in at most 10), counted against
 * the fake Excel (its 5 MB request and answer limits), and the own sheets' number formats set once per column
 * range instead of once per cell. Counts, never times.
 */
import { benchGrid } from "../../bench/generate";
import type { RoundTrip } from "../../src/adapters/office/sync";
import type { WorkbookRead } from "../../src/adapters/office/read";
import { formatRuns, sheetCommands } from "../../src/adapters/office/write-sheet";
import type { WriteBatch, WriteCommand } from "../../src/adapters/office/write-batch";
import type { SheetLayout } from "../../src/engine/plan";
import { workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import type { GridCellSpec } from "../../tools/excel-sim/excel-model";
import { fakeOf, input, opsOf, sheetCells } from "./support";

const LIMIT = 5_000_000;

/**
 * The bench's sheet; with `formulaColumn`, without its RAG column and with a column of the user's formulas
 * showing "" in its place (Q), right of the header and inside the used range: where the RAG column would go
 * if values alone were read (issue 14).
 */
function benchModel(rows: number, formulaColumn = false) {
  const g = benchGrid(rows);
  const header = g.values.findIndex((r) => r?.[0] === "Ref");
  const ragAt = (g.values[header] as unknown[]).indexOf("RAG");
  return workbookModelFromGrid({
    [g.name]: g.values.map((r, i) => {
      const cells = r.map((v) => (v ?? null) as GridCellSpec);
      if (!formulaColumn || i < header) return cells;
      const row = cells.slice(0, ragAt);
      row[ragAt] = i === header ? null : { formula: `=IF(E${i + 1}>0,"","check")`, value: "" };
      return row;
    }),
  });
}

async function run(rows: number, mode: "refreshRag" | "buildReport", formulaColumn = false) {
  const model = benchModel(rows, formulaColumn);
  const fake = fakeOf(model);
  const trips: RoundTrip[] = [];
  const sent: WriteCommand[] = [];
  await opsOf(fake, {
    onRoundTrip: (k) => trips.push(k),
    onWrite: (b) => sent.push(...b.commands),
  })[mode](input());
  return { model, fake, trips, sent };
}

const count = (t: RoundTrip[], k: RoundTrip) => t.filter((x) => x === k).length;

test("formatRuns: a column's repeated format becomes one rectangle, neighbours of the same format joined", () => {
  const money = '"£"#,##0';
  const block = Array.from({ length: 10 }, (_, r) => [
    "dd/mm/yyyy",
    money,
    money,
    null,
    r === 3 ? "0%" : "@",
    r < 2 ? "0" : null,
  ]);
  const { runs, rest } = formatRuns(block);
  expect(runs).toEqual([
    { row: 0, col: 0, rows: 10, cols: 1, format: "dd/mm/yyyy" },
    { row: 0, col: 1, rows: 10, cols: 2, format: money },
  ]);
  // Short runs (fewer than 8 rows) stay cell by cell; cells covered by a rectangle or without format are null.
  expect(rest[0]).toEqual([null, null, null, null, "@", "0"]);
  expect(rest[3]).toEqual([null, null, null, null, "0%", null]);
  expect(rest[9]).toEqual([null, null, null, null, "@", null]);
  expect(formatRuns([[null, null]])).toEqual({ runs: [], rest: [[null, null]] });
});

test("a column's repeated format goes to Excel as a 2D array the size of its range, never as a single value", () => {
  // Microsoft's reference types Range.numberFormat any[][] and does not say a single value fills the range.
  const rows = 12;
  const layout: SheetLayout = {
    role: "history",
    name: "RAG History",
    position: "end",
    values: Array.from({ length: rows }, (_, r) => [44196 + r, "x"]),
    numberFormats: Array.from({ length: rows }, () => ["dd/mm/yyyy", "@"]),
    styles: [],
    merges: [],
    columnWidths: [],
    rowHeights: [],
    charts: [],
  };
  const target = {
    name: layout.name,
    exists: true,
    marked: true,
    keepRows: 0,
    extent: { rows: 0, cols: 0 },
    shift: 0,
  };
  const out: WriteCommand[] = [];
  sheetCommands(layout, target, {} as WorkbookRead, out);
  const set: { rows: number; cols: number; numberFormat: unknown }[] = [];
  const ws = {
    getRangeByIndexes: (_r: number, _c: number, rowCount: number, colCount: number) => {
      const range = { rows: rowCount, cols: colCount, numberFormat: undefined as unknown, values: undefined };
      set.push(range);
      return range;
    },
  } as unknown as Excel.Worksheet;
  for (const c of out) c.apply({ sheet: () => ws } as unknown as WriteBatch);
  const formats = set.filter((x) => x.numberFormat !== undefined);
  // One rectangle per column (runs of 8 rows or more), each as rows × columns of its format.
  expect(formats.map((x) => [x.rows, x.cols, x.numberFormat])).toEqual([
    [rows, 1, Array.from({ length: rows }, () => ["dd/mm/yyyy"])],
    [rows, 1, Array.from({ length: rows }, () => ["@"])],
  ]);
});

test("50,000 rows: a refresh in at most 5 round trips (4 reads, 1 write), every answer under 5 MB", async () => {
  const { fake, trips } = await run(50_000, "refreshRag");
  expect(trips).toEqual(["read", "read", "read", "read", "write"]);
  // 13.6 MB of answers in four: the sheet list with the active sheet's head, then its rows in three answers
  // planned from the head's bytes per row, the first of them in the request for the other sheets' heads.
  expect(Math.max(...fake.stats.responseBytes)).toBeLessThan(LIMIT);
  expect(fake.stats.responseBytes.slice(1, 3).every((b) => b > 4_000_000)).toBe(true);
}, 240_000);

test('50,000 rows and a column of formulas showing "" where the RAG column would go: a refresh in 5 round trips', async () => {
  // The formulas of the columns right of the header are read with the rows (read.ts's placeAsks), not in a
  // round trip of their own after them: 4 reads, then the write.
  const { model, trips } = await run(50_000, "refreshRag", true);
  expect(count(trips, "read")).toBeLessThanOrEqual(4);
  expect(trips.length).toBeLessThanOrEqual(5);
  const cells = sheetCells(model, "Programme of Works");
  expect(cells.get("Q4")?.formula).toBe('=IF(E4>0,"","check")');
  expect(cells.get("Q50003")?.formula).toBe('=IF(E50003>0,"","check")');
  expect(cells.get("R3")?.value).toBe("RAG");
  expect(["Red", "Amber", "Green", "Complete", "Not assessed"]).toContain(cells.get("R50003")?.value);
}, 240_000);

test('50,000 rows and a column of formulas showing "" where the RAG column would go: a report in 10', async () => {
  const { model, trips } = await run(50_000, "buildReport", true);
  expect(trips.length).toBeLessThanOrEqual(10);
  expect(sheetCells(model, "Programme of Works").get("Q50003")?.formula).toBe('=IF(E50003>0,"","check")');
}, 240_000);

test("two large sheets, the second active: both read whole, in as many round trips as before", async () => {
  // The active sheet's head comes with the sheet list, the first sheet's head with the active sheet's rows.
  const a = benchGrid(2_000);
  const b = benchGrid(2_000, "serial", 7);
  const model = workbookModelFromGrid({
    First: a.values.map((r) => r.map((v) => (v ?? null) as GridCellSpec)),
    Second: b.values.map((r) => r.map((v) => (v ?? null) as GridCellSpec)),
  });
  model.activeSheetId = model.findSheet("Second")!.id;
  const fake = fakeOf(model);
  const trips: RoundTrip[] = [];
  const r = await opsOf(fake, { onRoundTrip: (k) => trips.push(k) }).refreshRag(input());
  expect(r.analysis.sheets.map((s) => [s.name, s.itemCount])).toEqual([
    ["First", 2_000],
    ["Second", 2_000],
  ]);
  expect(count(trips, "read")).toBe(3);
  expect(Math.max(...fake.stats.responseBytes)).toBeLessThan(LIMIT);
}, 120_000);

test("50,000 rows: a report in at most 10 round trips, every request and answer under 5 MB", async () => {
  const { model, fake, trips, sent } = await run(50_000, "buildReport");
  expect(trips.length).toBeLessThanOrEqual(10);
  // Six writes since the columns' formats go as 2D arrays, not single values (write-sheet.ts's valueBlocks):
  // Microsoft's reference does not say a single value applies to every cell of a range.
  expect(count(trips, "write")).toBeLessThanOrEqual(6);
  expect(Math.max(...fake.stats.requestBytes)).toBeLessThan(LIMIT);
  expect(Math.max(...fake.stats.responseBytes)).toBeLessThan(LIMIT);
  // The history's 50,000 rows: their values and formats take under 19 MB of requests (18.7 MB: each column's
  // format as a 2D array of it; 10.3 MB when it went as a single value; about 21 MB when every cell's format went in
  // the block's array), and every row's date and money cells carry their format.
  const values = sent.filter((c) => c.kind === "values").reduce((n, c) => n + c.bytes, 0);
  expect(values).toBeLessThan(19_000_000);
  const history = sheetCells(model, "RAG History");
  expect(history.get("B50001")?.numberFormat).toBe("dd/mm/yyyy");
  expect(history.get("F50001")?.numberFormat).toBe('"£"#,##0;-"£"#,##0');
  expect(history.get("D50001")?.numberFormat).toBe("@");
}, 240_000);

// Measured 4 December 2026: 18 round trips (issue 14's budget of 10 is for a workbook with no history). The window
// still holds the whole Q2 snapshot (50,001 rows, the one compared with): read in blocks under 5 MB, then Q3's rows
// written. Not met yet: a guard on the count as it stands, not the budget.
test("50,000 rows, the next quarter's report over a RAG History of 50,000 rows: read by its window, in at most 18 round trips", async () => {
  const model = benchModel(50_000);
  const fake = fakeOf(model);
  await opsOf(fake).buildReport(input("2020-09-30"));
  const trips: RoundTrip[] = [];
  await opsOf(fake, { onRoundTrip: (k) => trips.push(k) }).buildReport(input("2020-12-31"));
  expect(trips.length).toBeLessThanOrEqual(18);
  expect(Math.max(...fake.stats.requestBytes)).toBeLessThan(LIMIT);
  expect(Math.max(...fake.stats.responseBytes)).toBeLessThan(LIMIT);
  // Both snapshots there: the header, Q2's 50,001 rows, Q3's.
  const history = sheetCells(model, "RAG History");
  expect(history.get("B2")?.value).toBe(44104);
  expect(history.get("B100003")?.value).toBe(44196);
}, 480_000);
