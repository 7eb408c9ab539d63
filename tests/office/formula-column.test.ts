/**
 * Issue 14 in the add-in: a column of formulas whose result is "" is the user's, not room for the added RAG
 * column. The Office adapter reads which cells hold formulas with the values (Range.formulas) and the engine
 * passes over them; the formulas are left as they were.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import { writeFormulaColumnBook } from "../cli/formula-column-book";
import { fakeOf, input, modelOf, opsOf } from "./support";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-office-formula-col-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('refresh adds the RAG column after a column of formulas showing "" and leaves the formulas alone', async () => {
  const path = join(dir, "formula-column.xlsx");
  await writeFormulaColumnBook(path);
  const model = await modelOf(path);
  const before = snapshotCells(model);
  expect(before["Programme!Q2"]?.formula).toBe('=IF(E2>0,"","check")');
  expect(before["Programme!Q2"]?.value).toBe("");

  const r = await opsOf(fakeOf(model)).refreshRag(input());
  const s = r.analysis.sheets[0]!;
  expect(s.ragColumn).toMatchObject({ added: true, col: 17 }); // R
  const after = snapshotCells(model);
  expect(after["Programme!R1"]?.value).toBe("RAG");
  for (const row of [2, 3, 4]) {
    expect(after[`Programme!Q${row}`]).toEqual(before[`Programme!Q${row}`]);
    expect(["Red", "Amber", "Green", "Complete", "Not assessed"]).toContain(
      after[`Programme!R${row}`]?.value,
    );
  }
});
