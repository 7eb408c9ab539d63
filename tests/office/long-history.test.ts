/**
 * The add-in reads its growing sheets (RAG, Milestone and Risk History, Change Log) by a window, as the command
 * line does (read.ts growingWindow): the header, the snapshot the report compares with and every row from the
 * period reported. Before, it read 100,000 rows of any sheet and refused a longer sheet of its own
 * (own-sheet-too-long.test.ts); now a history of any length up to Excel's last row is reported again, its
 * earlier rows kept exactly, and one that would pass Excel's last row is refused before any write.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXCEL_ROWS, READ_ROWS, growingWindow, windowStartRow } from "../../src/adapters/office/read";
import type { RoundTrip } from "../../src/adapters/office/sync";
import { run as runCliMain } from "../../src/cli/main";
import { HISTORY_HEADERS } from "../../src/engine/report/history";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { snapshotCells, workbookModelFromXlsx } from "../../tools/excel-sim/excel-model";
import { cellKey } from "../../tools/excel-sim/excel-model/workbook";
import { NOW, SAMPLE, compareSheets, fakeOf, input, modelOf, opsOf, sheetCells } from "./support";

const KEY = HISTORY_HEADERS.indexOf("Reporting date");
/** 31/03/2019 (1900 date system): a snapshot older than any the sample's runs make. */
const OLD_SERIAL = 43555;

/**
 * `rows` rows of an old snapshot put under the header of `sheet`, the rows below moved down by as many: only the
 * key column is filled (the rows left out by the window are never read, so a sparse row costs the fake little),
 * every `every`-th row (the rows between are blank and start no block). Returns the cells moved, by new key.
 */
function pad(model: WorkbookModel, sheet: string, rows: number, every = 1): void {
  const s = model.findSheet(sheet)!;
  const moved = new Map<number, typeof s.cells extends Map<number, infer C> ? C : never>();
  const template = s.cells.get(cellKey(1, KEY))!;
  for (const [key, cell] of s.cells) {
    const row = Math.floor(key / 16_384);
    moved.set(row === 0 ? key : key + rows * 16_384, cell);
  }
  for (let r = 1; r <= rows; r += every) moved.set(cellKey(r, KEY), { ...template, value: OLD_SERIAL });
  s.cells.clear();
  for (const [k, c] of moved) s.cells.set(k, c);
  const heights = [...s.rowHeights.entries()];
  s.rowHeights.clear();
  for (const [r, h] of heights) s.rowHeights.set(r === 0 ? r : r + rows, h);
}

/** The CLI's output after reports at each date, each on the last one's output. */
async function cliAfter(dates: string[]): Promise<WorkbookModel> {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-long-"));
  try {
    let prev = SAMPLE;
    for (const [i, date] of dates.entries()) {
      const out = join(dir, `run${i}.xlsx`);
      const code = await runCliMain([prev, "--date", date, "--out", out], {
        stdout: () => undefined,
        stderr: () => undefined,
        now: () => NOW,
      });
      expect(code).toBe(0);
      prev = out;
    }
    return await workbookModelFromXlsx(prev);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("windowStartRow: as the command line's reader windows a sheet", () => {
  const w = growingWindow("history", 100)!;
  // Header, two rows of 50, three of 80, two of 120: the window is the 80s (the last before 100) and the 120s.
  expect(windowStartRow(["h", 50, 50, 80, 80, 80, 120, 120], w)).toBe(3);
  // Nothing before the start: read whole.
  expect(windowStartRow(["h", 120, 120], w)).toBe(1);
  // Sorted otherwise (a block dated before one left out): read whole, as the command line does.
  expect(windowStartRow(["h", 50, 80, 40, 120], w)).toBe(1);
  // One later than a block left out but earlier than the one before it: kept from that one on.
  expect(windowStartRow(["h", 50, 80, 60, 120], w)).toBe(2);
  // Blank keys start no block.
  expect(windowStartRow(["h", 50, "", 80, "", 120], w)).toBe(3);
  // The change log: its last run, from its last summary line (no sheet).
  const log = growingWindow("changelog", null)!;
  expect(windowStartRow(["h", null, "P", "P", null, "P"], log)).toBe(4);
  expect(windowStartRow(["h", null, "P"], log)).toBe(1);
});

test("a RAG History past 100,000 rows is reported again: the earlier rows kept exactly, the cells the CLI writes", async () => {
  const model = await modelOf(SAMPLE);
  // At 1.13, as the command line, merged cells are checked (no data note saying they were not).
  const fake = fakeOf(model, { requirementSet: "1.13" });
  await opsOf(fake).buildReport(input("2020-09-30"));
  const P = READ_ROWS + 10;
  pad(model, "RAG History", P);
  const before = sheetCells(model, "RAG History");
  const trips: RoundTrip[] = [];
  await opsOf(fake, { onRoundTrip: (k) => trips.push(k) }).buildReport(input("2020-12-31"));
  const after = sheetCells(model, "RAG History");
  // Every row before the new snapshot is as it was (the old snapshot's keys and the Q2 snapshot).
  for (const [address, cell] of before)
    expect([address, after.get(address)?.value]).toEqual([address, cell.value]);
  // The same cells as the command line's Q2 then Q3 reports, the rows after the padding moved up by it.
  const cli = await cliAfter(["2020-09-30", "2020-12-31"]);
  const shifted = new Map<string, unknown>();
  for (const [address, cell] of after) {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const row = Number(m[2]);
    if (row === 1) shifted.set(address, cell.value);
    else if (row > P + 1) shifted.set(`${m[1]}${row - P}`, cell.value);
  }
  const want = new Map([...sheetCells(cli, "RAG History")].map(([a, c]) => [a, c.value]));
  expect(shifted).toEqual(want);
  for (const sheet of ["Highlight Report", "Change Log"])
    expect([sheet, compareSheets(model, sheet, cli, sheet)]).toEqual([sheet, []]);
  // Windowed: the 100,010 rows left out cost one answer of their key column, not their cells.
  expect(trips.filter((t) => t === "read").length).toBeLessThanOrEqual(5);
}, 240_000);

test("a Change Log past 100,000 rows is appended to, its rows kept", async () => {
  const model = await modelOf(SAMPLE);
  const fake = fakeOf(model);
  await opsOf(fake).buildReport(input("2020-09-30"));
  const s = model.findSheet("Change Log")!;
  const last = Math.max(...[...s.cells.keys()].map((k) => Math.floor(k / 16_384)));
  // The first data row (a run's summary line) copied far down: the sheet is READ_ROWS + 1 rows long.
  for (let c = 0; c < 16; c++) {
    const cell = s.cells.get(cellKey(1, c));
    if (cell) s.cells.set(cellKey(READ_ROWS, c), { ...cell });
  }
  expect(last).toBeLessThan(READ_ROWS);
  const before = sheetCells(model, "Change Log");
  await opsOf(fake).refreshRag(input("2020-12-31"));
  const after = sheetCells(model, "Change Log");
  for (const [address, cell] of before)
    expect([address, after.get(address)?.value]).toEqual([address, cell.value]);
  // The run's summary line goes after the last row.
  expect(typeof after.get(`A${READ_ROWS + 2}`)?.value).toBe("number");
}, 240_000);

test("a RAG History that would pass Excel's last row is refused with nothing written", async () => {
  const model = await modelOf(SAMPLE);
  const fake = fakeOf(model);
  await opsOf(fake).buildReport(input("2020-09-30"));
  const history = model.findSheet("RAG History")!;
  const rows = Math.max(...[...history.cells.keys()].map((k) => Math.floor(k / 16_384)));
  // Sparse: one old key row in 5,000, the Q2 snapshot at the bottom, 10 rows short of Excel's last row.
  pad(model, "RAG History", EXCEL_ROWS - rows - 10, 5_000);
  const before = JSON.stringify(snapshotCells(model));
  await expect(opsOf(fake).buildReport(input("2020-12-31"))).rejects.toThrow(
    /The add-in's sheet "RAG History" would hold 1,048,\d{3} rows, more than the 1,048,576 an Excel sheet holds, so nothing was changed\. Keep a copy of this workbook as the record of its earlier reports, then delete at least \d+ of the oldest rows of "RAG History"/,
  );
  expect(JSON.stringify(snapshotCells(model))).toBe(before);
}, 240_000);
