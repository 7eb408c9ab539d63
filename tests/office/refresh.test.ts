/**
 * "Refresh RAG columns" through the Office adapter against the fake Excel, on the files the command line reads:
 * round trips, what is written and what is not, the same RAG cells as the command line, idempotence, and text
 * that looks like a formula.
 */
import { columnLetters } from "../../src/engine/grid";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { diffSnapshots, snapshotCells } from "../../tools/excel-sim/excel-model";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { SAMPLE, cliOutput, compareSheets, council, fakeOf, gmpp, input, modelOf, opsOf } from "./support";

/** "Sheet!R12" keys of the cells a refresh may write: RAG (and computed RAG) cells of item rows, added headers. */
function ragKeys(a: ProgrammeAnalysis): Set<string> {
  const keys = new Set<string>();
  for (const s of a.sheets) {
    const cols = [s.ragColumn.col, ...(s.computedColumn ? [s.computedColumn.col] : [])];
    for (const i of a.items.filter((x) => x.sheet === s.name))
      for (const c of cols) keys.add(`${s.name}!${columnLetters(c)}${i.row}`);
    if (s.ragColumn.added) keys.add(`${s.name}!${columnLetters(s.ragColumn.col)}${s.headerRow + 1}`);
    if (s.computedColumn?.added)
      keys.add(`${s.name}!${columnLetters(s.computedColumn.col)}${s.headerRow + 1}`);
  }
  return keys;
}

function ragValue(model: WorkbookModel, sheet: string, row0: number, col: number): unknown {
  const s = model.findSheet(sheet)!;
  return snapshotCells(model)[`${s.name}!${columnLetters(col)}${row0 + 1}`]?.value;
}

describe("the bundled sample", () => {
  test("four round trips: list the sheets, read them, read the RAG column's formulas, write", async () => {
    const model = await modelOf(SAMPLE);
    const fake = fakeOf(model);
    const kinds: string[] = [];
    const r = await opsOf(fake, { onRoundTrip: (k) => kinds.push(k) }).refreshRag(input());
    expect(r.written.syncs).toBe(4);
    expect(fake.stats.syncs).toBe(4);
    expect(kinds).toEqual(["read", "read", "read", "write"]);
    expect(r.written.ragCells).toBe(60); // 30 items: overall RAG and the computed RAG beside the override column
    expect(r.written.sheets).toEqual(["Change Log"]);
  });

  test("only the RAG cells of item rows, the added header and the change log change", async () => {
    const model = await modelOf(SAMPLE);
    const before = snapshotCells(model);
    const r = await opsOf(fakeOf(model)).refreshRag(input());
    const allowed = ragKeys(r.analysis);
    const changes = diffSnapshots(before, snapshotCells(model));
    const outside = changes.filter((c) => c.sheet !== "Change Log" && !allowed.has(c.key));
    expect(outside).toEqual([]);
    // The run did write: every item's RAG cell holds its overall RAG, and the change log exists.
    for (const i of r.analysis.items) {
      const s = r.analysis.sheets.find((x) => x.name === i.sheet)!;
      expect(ragValue(model, i.sheet, i.row - 1, s.ragColumn.col)).toBe(i.rag.overall);
    }
    expect(changes.some((c) => c.sheet === "Change Log")).toBe(true);
    expect(r.written.changedCells).toBe(
      changes.filter((c) => c.changed.includes("value") && c.before?.value).length,
    );
  });

  test("refreshing twice changes nothing the second time but the change log's new line", async () => {
    const model = await modelOf(SAMPLE);
    const ops = opsOf(fakeOf(model));
    await ops.refreshRag(input());
    const log = model.findSheet("Change Log")!;
    const linesBefore = Math.max(...[...log.cells.keys()].map((k) => Math.floor(k / 16384))) + 1;
    const before = snapshotCells(model);
    const second = await ops.refreshRag(input());
    expect(second.written.changedCells).toBe(0);
    const changes = diffSnapshots(before, snapshotCells(model));
    expect(changes.length).toBeGreaterThan(0);
    // Only new cells, all on the one line after the log's last line.
    expect(changes.every((c) => c.sheet === "Change Log" && c.before === null)).toBe(true);
    expect(new Set(changes.map((c) => c.address.replace(/^[A-Z]+/, "")))).toEqual(
      new Set([String(linesBefore + 1)]),
    );
  });

  test("scan reads in two round trips and writes nothing", async () => {
    const model = await modelOf(SAMPLE);
    const fake = fakeOf(model);
    const before = snapshotCells(model);
    const { analysis, settings } = await opsOf(fake).scan();
    expect(fake.stats.syncs).toBe(2);
    expect(analysis.items).toHaveLength(30);
    expect(settings).toBeNull();
    expect(diffSnapshots(before, snapshotCells(model))).toEqual([]);
  });

  test("progress names each step", async () => {
    const steps: string[] = [];
    await opsOf(fakeOf(await modelOf(SAMPLE))).refreshRag(input(), (s) => steps.push(s));
    expect(steps).toEqual(["Reading the workbook", "Checking 30 items", "Writing RAG columns"]);
  });
});

describe("the RAG cells equal the command line's on the same input", () => {
  const files = [
    SAMPLE,
    council("two-year-capital.xlsx"),
    council("no-rag-column.xlsx"),
    council("multi-sheet.xlsx"),
    council("formula-injection.xlsx"),
    council("status-report.csv"),
    council("windows-1252.csv"),
    council("damaged-pound.csv"),
    gmpp("gmpp-2021.csv"),
    gmpp("gmpp-2019.csv"),
  ];
  test.each(files)("%s", async (path) => {
    const model = await modelOf(path);
    const fake = fakeOf(model);
    const alone = model.sheets.filter((s) => s.visibility === "Visible").length === 1;
    const r = await opsOf(fake).refreshRag(input());
    // The RAG column's formulas are read (a round trip) where the sheet has a RAG column of its own. A workbook
    // whose one sheet is the active one has its head read with the sheet list (issue 14): one round trip less.
    const existing = r.analysis.sheets.some((s) => !s.ragColumn.added || s.computedColumn?.added === false);
    expect(r.written.syncs).toBe((existing ? 4 : 3) - (alone ? 1 : 0));
    const cli = await cliOutput(path);
    expect(r.analysis.sheets.length).toBeGreaterThan(0);
    for (const s of r.analysis.sheets) {
      const cols = new Set(
        [s.ragColumn.col, ...(s.computedColumn ? [s.computedColumn.col] : [])].map(columnLetters),
      );
      const inRagColumns = (address: string) => cols.has(address.replace(/\d+$/, ""));
      // Whole columns: the item rows, the header, and the cells around the table left as they were.
      expect(compareSheets(model, s.name, cli, s.name, undefined, inRagColumns)).toEqual([]);
    }
  });
});

test("a workbook with no RAG column gets one, its header styled like the header beside it", async () => {
  const model = await modelOf(council("no-rag-column.xlsx"));
  const r = await opsOf(fakeOf(model)).refreshRag(input());
  const s = r.analysis.sheets[0]!;
  expect(s.ragColumn.added).toBe(true);
  const cells = snapshotCells(model);
  const header = cells[`${s.name}!${columnLetters(s.ragColumn.col)}${s.headerRow + 1}`]!;
  const left = cells[`${s.name}!${columnLetters(s.ragColumn.col - 1)}${s.headerRow + 1}`]!;
  expect(header.value).toBe("RAG");
  expect(header.bold).toBe(true);
  expect(left.fill).toBe("#D9E1F2");
  expect(header.fill).toBe(left.fill);
  expect(header.fontColor).toBe(left.fontColor);
});

test("the header of an added RAG column is the same in the add-in and the CLI (the plan names the cell it copies)", async () => {
  const path = council("no-rag-column.xlsx");
  const model = await modelOf(path);
  const r = await opsOf(fakeOf(model)).refreshRag(input());
  const cli = await cliOutput(path);
  const s = r.analysis.sheets[0]!;
  const header = `${columnLetters(s.ragColumn.col)}${s.headerRow + 1}`;
  expect(compareSheets(model, s.name, cli, s.name, undefined, (a) => a === header)).toEqual([]);
  expect(snapshotCells(model)[`${s.name}!${header}`]!.bold).toBe(true);
});

test("text that looks like a formula is written as text and stays text", async () => {
  const model = await modelOf(council("formula-injection.xlsx"));
  const before = snapshotCells(model);
  const r = await opsOf(fakeOf(model)).buildReport(input());
  const after = snapshotCells(model);
  // The user's cells are untouched (B6 still reads "=1+1", as text).
  expect(after["Programme!B6"]).toEqual(before["Programme!B6"]);
  expect(after["Programme!B6"]!.formula).toBeNull();
  // Nothing the add-in wrote is a formula, and the names starting = + - @ are there as text.
  const own = Object.values(after).filter((c) => r.written.sheets.includes(c.sheet));
  expect(own.filter((c) => c.formula !== null)).toEqual([]);
  const texts = new Set(own.map((c) => c.value));
  for (const name of [
    '=HYPERLINK("http://example.com/","Click for details")',
    "-ve variance explained by grant income",
    "+ additional licences (50)",
    "@risk modelling tool licence",
    "=1+1",
  ]) {
    expect(texts).toContain(name);
  }
});
