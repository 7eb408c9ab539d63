/**
 * A history sheet's rows are kept on the next run when their values are there, so a row's wrap and height (an
 * item's long name wrapped, its row sized to it) must be written before its values: else a run that fails just
 * after the RAG History's values leaves those rows one line high, and the rerun, finding their values in place,
 * keeps them so. Found by the failure sweep (tests/office/sweep.test.ts) once the log sheets' rows had heights.
 */
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { SAMPLE, modelOf } from "./support";
import { rowsOf, runOn } from "./sweep-support";

const SHEET = "RAG History";

const heights = (m: WorkbookModel) => [...m.findSheet(SHEET)!.rowHeights].sort((a, b) => a[0] - b[0]);

test("a report that fails right after the RAG History's values, run again, leaves its rows as tall as a clean run's", async () => {
  const afterQ2 = await modelOf(SAMPLE);
  await runOn(afterQ2, "report", "2020-09-30");
  const clean = afterQ2.clone();
  const w0 = clean.writes;
  await runOn(clean, "report");
  const writes = clean.writes - w0;
  const wantRows = rowsOf(snapshotCells(clean), SHEET);
  const wantHeights = heights(clean);
  // This quarter's names are long enough to wrap: some of its rows are taller than one line.
  expect(wantHeights.filter(([r, h]) => r > 31 && h > 15).length).toBeGreaterThan(5);

  const failingAt = async (k: number) => {
    const m = afterQ2.clone();
    m.failAtWrite = { at: m.writes + k };
    await expect(runOn(m, "report")).rejects.toThrow();
    m.failAtWrite = null;
    return m;
  };
  // The first write whose failure leaves the RAG History's values whole (later writes never undo them).
  let lo = 1;
  let hi = writes;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const m = await failingAt(mid);
    if (JSON.stringify(rowsOf(snapshotCells(m), SHEET)) === JSON.stringify(wantRows)) hi = mid;
    else lo = mid + 1;
  }
  const m = await failingAt(lo);
  expect(rowsOf(snapshotCells(m), SHEET)).toEqual(wantRows);
  await runOn(m, "report");
  expect(heights(m)).toEqual(wantHeights);
}, 300_000);
