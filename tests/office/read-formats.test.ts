/**
 * The add-in reads the number formats the engine uses and no others: every format of a sheet's head (the header
 * search and the column profiles), and below it only the money, date, % complete and variance columns' (the
 * engine reads those on every item row). The RAG column's formulas far below the head are still kept.
 */
import { benchGrid } from "../../bench/generate";
import type { RoundTrip } from "../../src/adapters/office/sync";
import { FORMAT_HEAD_ROWS } from "../../src/engine/snapshot";
import { snapshotCells, workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import type { GridCellSpec } from "../../tools/excel-sim/excel-model";
import { fakeOf, input, opsOf } from "./support";

const ROWS = 3_000;
/** Grid row of the n-th item (a title row and a blank row, then the header on row 3). */
const at = (n: number) => n + 3;

function model(change?: (rows: GridCellSpec[][]) => void) {
  const g = benchGrid(ROWS);
  const rows = g.values.map((r) => r.map((v) => (v ?? null) as GridCellSpec));
  change?.(rows);
  return workbookModelFromGrid({ [g.name]: rows });
}

async function refresh(m: ReturnType<typeof model>) {
  const fake = fakeOf(m);
  const trips: RoundTrip[] = [];
  const result = await opsOf(fake, { onRoundTrip: (k) => trips.push(k) }).refreshRag(input());
  const readBytes = fake.stats.responseBytes.reduce((s, b, i) => s + (trips[i] === "read" ? b : 0), 0);
  return { result, readBytes };
}

test("far below the head, a date-formatted amount is still reported and a formula RAG cell still kept", async () => {
  const n = 2_500;
  const m = model((rows) => {
    const row = rows[at(n)]!;
    row[4] = { value: 44300, numberFormat: "dd/mm/yyyy" }; // Budget
    rows[at(n + 1)]![16] = { value: "Green", formula: '="Green"' }; // RAG
  });
  expect(at(n)).toBeGreaterThan(FORMAT_HEAD_ROWS);
  const { result } = await refresh(m);
  const issues = result.analysis.issues;
  expect(issues).toContainEqual(
    expect.objectContaining({ cell: `E${at(n) + 1}`, message: expect.stringMatching(/formatted as a date/) }),
  );
  expect(issues).toContainEqual(
    expect.objectContaining({ cell: `Q${at(n + 1) + 1}`, message: expect.stringMatching(/holds a formula/) }),
  );
  const cell = snapshotCells(m)[`Programme of Works!Q${at(n + 1) + 1}`];
  expect(cell?.formula).toBe('="Green"');
}, 60_000);

test("the formats of columns the engine does not read them in are read in the head only", async () => {
  const long = '"£"#,##0.00_);[Red]("£"#,##0.00);"£"0.00_)';
  const base = await refresh(model());
  const themed = await refresh(
    model((rows) => {
      for (let r = 3; r < rows.length; r++)
        rows[r]![2] = { value: rows[r]![2] as string, numberFormat: long };
    }),
  );
  const budgeted = await refresh(
    model((rows) => {
      for (let r = 3; r < rows.length; r++)
        rows[r]![5] = { value: rows[r]![5] as number, numberFormat: long };
    }),
  );
  const extra = JSON.stringify(long).length - JSON.stringify("General").length;
  // The Theme column (words): its formats cost only the head's rows.
  const themeCost = themed.readBytes - base.readBytes;
  expect(themeCost).toBeGreaterThanOrEqual((FORMAT_HEAD_ROWS - 10) * extra);
  // (Blocks planned a little differently add a few hundred bytes; every row's format would be 3,000 × extra.)
  expect(themeCost).toBeLessThan((FORMAT_HEAD_ROWS + 100) * extra);
  // The Spent column (money): every row's format is read, as the engine looks at each.
  expect(budgeted.readBytes - base.readBytes).toBeGreaterThanOrEqual((ROWS - FORMAT_HEAD_ROWS) * extra);
  expect(themed.result.analysis.items).toHaveLength(ROWS);
}, 120_000);
