/**
 * Large workbooks: requests stay under Excel on the web's 5 MB limit, writes are split into requests of the size
 * asked (by default about 3.5 MB of estimated bytes), and the round trips other than those chunks do not grow with
 * the number of rows.
 */
import { benchGrid } from "../../bench/generate";
import { columnLetters } from "../../src/engine/grid";
import { RAG_STYLE } from "../../src/engine/rag";
import type { RoundTrip } from "../../src/adapters/office/sync";
import { snapshotCells, workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import type { GridCellSpec, WorkbookModel } from "../../tools/excel-sim/excel-model";
import { OWN_SHEETS, compareSheets, fakeOf, gmpp, input, modelOf, opsOf } from "./support";

const LIMIT = 5_000_000;

function benchModel(rows: number): WorkbookModel {
  const g = benchGrid(rows);
  return workbookModelFromGrid({ [g.name]: g.values.map((r) => r.map((v) => (v ?? null) as GridCellSpec)) });
}

async function refresh(rows: number, mode: "refreshRag" | "buildReport" = "refreshRag", chunkBytes?: number) {
  const model = benchModel(rows);
  const fake = fakeOf(model);
  const trips: RoundTrip[] = [];
  const result = await opsOf(fake, {
    onRoundTrip: (k) => trips.push(k),
    ...(chunkBytes ? { chunkBytes } : {}),
  })[mode](input());
  return { model, fake, trips, result };
}

test("20,000 rows: every request under 5 MB, a report's writes in several requests of about 1 MB when asked", async () => {
  const { model, fake, trips, result } = await refresh(20_000, "buildReport", 1_000_000);
  const requests = fake.stats.requestBytes;
  expect(requests).toHaveLength(trips.length);
  expect(Math.max(...requests)).toBeLessThan(LIMIT);
  const writes = requests.filter((_, i) => trips[i] === "write");
  expect(writes.length).toBeGreaterThan(1);
  expect(Math.max(...writes)).toBeLessThan(1_500_000);
  expect(Math.max(...writes.slice(0, -1))).toBeGreaterThan(500_000); // chunks are filled, not tiny
  // Every answer was under 5 MB, none refused: the reads are sized from the sheet's first rows, so the rows
  // below them come in blocks that fit (before, a whole-sheet read was tried, refused, and read again).
  expect(Math.max(...fake.stats.responseBytes)).toBeLessThan(LIMIT);
  const reads = fake.stats.responseBytes.filter((_, i) => trips[i] === "read");
  expect(reads.length).toBeLessThanOrEqual(4);
  // Blocks are filled, not tiny (the first follows the sheet's head, read with the sheet list: issue 14).
  expect(Math.max(...reads.slice(1))).toBeGreaterThan(2_000_000);

  // And every item's RAG cell was written, word and fill.
  const cells = snapshotCells(model);
  const s = result.analysis.sheets[0]!;
  expect(result.analysis.items).toHaveLength(20_000);
  for (const i of result.analysis.items) {
    const c = cells[`${s.name}!${columnLetters(s.ragColumn.col)}${i.row}`];
    expect([c?.value, c?.fill]).toEqual([i.rag.overall, RAG_STYLE[i.rag.overall].fill]);
  }
}, 120_000);

test("1,000 and 10,000 rows: the same round trips but for the write requests", async () => {
  const small = await refresh(1_000, "buildReport", 1_000_000);
  const large = await refresh(10_000, "buildReport", 1_000_000);
  const reads = (t: RoundTrip[]) => t.filter((k) => k === "read").length;
  expect(reads(small.trips)).toBe(reads(large.trips));
  expect(small.trips.length).toBeLessThan(large.trips.length);
  expect(Math.max(...large.fake.stats.requestBytes)).toBeLessThan(LIMIT);
}, 120_000);

test("read in blocks and written in small requests, a real export comes out the same", async () => {
  const path = gmpp("gmpp-2021.csv");
  const plain = await modelOf(path);
  await opsOf(fakeOf(plain)).buildReport(input());
  const squeezed = await modelOf(path);
  const fake = fakeOf(squeezed, { payloadLimitBytes: 200_000 });
  const trips: RoundTrip[] = [];
  const r = await opsOf(fake, {
    chunkBytes: 20_000,
    readCellsPerSync: 1_000,
    onRoundTrip: (k) => trips.push(k),
  }).buildReport(input());
  expect(Math.max(...fake.stats.requestBytes)).toBeLessThan(200_000);
  // The head read with the sheet list was refused as too large; the sizes, then blocks of rows, were read instead.
  expect(fake.stats.responseBytes[0]).toBeGreaterThan(200_000);
  expect(trips.filter((k) => k === "read").length).toBeGreaterThan(4);
  expect(trips.filter((k) => k === "write").length).toBeGreaterThan(4);
  for (const sheet of [...OWN_SHEETS, ...r.analysis.sheets.map((s) => s.name)]) {
    expect(compareSheets(squeezed, sheet, plain, sheet)).toEqual([]);
  }
});

test("20,000 rows by default: the RAG column in one write request, under 5 MB, cells of one RAG coloured together", async () => {
  const { model, fake, trips, result } = await refresh(20_000);
  const writes = fake.stats.requestBytes.filter((_, i) => trips[i] === "write");
  expect(writes).toHaveLength(1);
  expect(Math.max(...fake.stats.requestBytes)).toBeLessThan(LIMIT);
  const cells = snapshotCells(model);
  const s = result.analysis.sheets[0]!;
  for (const i of result.analysis.items) {
    const c = cells[`${s.name}!${columnLetters(s.ragColumn.col)}${i.row}`];
    expect([c?.value, c?.fill, c?.fontColor]).toEqual([
      i.rag.overall,
      RAG_STYLE[i.rag.overall].fill,
      RAG_STYLE[i.rag.overall].font,
    ]);
  }
}, 120_000);
