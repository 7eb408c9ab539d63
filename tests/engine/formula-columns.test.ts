/**
 * Issue 14: a column of formulas whose result is "" reads as empty cells, but it is the user's. The engine never
 * takes it as room for the RAG (or Computed RAG) column it adds; the grid says which cells hold a formula.
 */
import type { SheetGrid } from "../../src/engine/grid";
import { hasFormula } from "../../src/engine/grid";
import { STANDARD_HEADER, grid, run } from "./builders";

/** The standard columns without RAG (A-P), three items, and column Q holding formulas that show "". */
function sheetWithFormulaColumn(markFormulas: boolean): SheetGrid {
  const header = STANDARD_HEADER.filter((h) => h !== "RAG");
  const rows = [1, 2, 3].map((n) => [
    `ICT-0${n}`,
    `Project ${n}`,
    "Fixing the basics",
    "A. Officer",
    1000 * n,
    10,
    0,
    1000 * n,
    44000,
    44500,
    0.5,
    "In progress",
    2,
    2,
    "Supplier",
    "Calls",
    "",
  ]);
  const g = grid([[...header], ...rows]);
  if (markFormulas) g.formulas = new Map(rows.map((_, i) => [i + 1, new Set([16])]));
  return g;
}

test('a column of formulas showing "" is not taken for the added RAG column', () => {
  const g = sheetWithFormulaColumn(true);
  expect(hasFormula(g, 1, 16)).toBe(true);
  expect(hasFormula(g, 0, 16)).toBe(false);
  const s = run([g]).sheets[0]!;
  expect(s.ragColumn).toMatchObject({ added: true, col: 17 }); // R, past the formulas in Q
});

test("the same column with no formulas is empty space, and the RAG column goes there", () => {
  const s = run([sheetWithFormulaColumn(false)]).sheets[0]!;
  expect(s.ragColumn).toMatchObject({ added: true, col: 16 }); // Q
});

test("both added columns (RAG and Computed RAG, beside an override column) pass over a formula column", () => {
  const g = sheetWithFormulaColumn(true);
  // A PM RAG column in Q, and the formulas showing "" in R.
  const values = g.values.map((r) => [...r]);
  values[0]![16] = "PM RAG";
  for (let r = 1; r < values.length; r++) values[r]![16] = "Green";
  const withRag: SheetGrid = { ...g, values, formulas: new Map([1, 2, 3].map((r) => [r, new Set([17])])) };
  const s = run([withRag]).sheets[0]!;
  // "PM RAG" is read as the override, so both the RAG and the Computed RAG columns are added: S and T, not R.
  expect(s.columns.find((c) => c.col === 16)?.field).toBe("override");
  expect(s.ragColumn).toMatchObject({ added: true, col: 18 });
  expect(s.computedColumn).toMatchObject({ added: true, col: 19 });
});

test("a value typed past the header on an item row keeps the added RAG column off its column", () => {
  // No formulas at all: columns past the last used column are free without a look (freeColumnsAfter), so the
  // last used column must be the items' (Q here), not the header's (P).
  const g = sheetWithFormulaColumn(false);
  const values = g.values.map((r) => [...r]);
  values[2]![16] = "see note";
  const s = run([{ ...g, values }]).sheets[0]!;
  expect(s.ragColumn).toMatchObject({ added: true, col: 17 }); // R, not Q
});
