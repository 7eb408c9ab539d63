/**
 * The Change Log as printed: a run's summary line is long (period, reporting date, counts, the comparison).
 * Before, it sat in Name (40 characters wide) unwrapped and ran over Old value, New value and past the page's
 * right edge (the log prints one page wide, columns A to H). Now it is wrapped in Name and its row sized to it.
 * No merge: the file adapter keeps the log's earlier rows byte for byte, and a merge is not part of a row.
 */
import { changeLogLayout, readChangeLog } from "../../src/engine/report/changelog";
import type { SheetGrid } from "../../src/engine/grid";
import type { SheetLayout } from "../../src/engine/plan";

const SUMMARY =
  "Q3 2020/21 (reporting date 31/12/2020): 60 RAG cells written: 12 changed (listed below), 0 were empty, " +
  "48 unchanged; compared with Q2 2020/21 (reporting date 30/09/2020): 4 items worse, 3 improved, 53 the same";

function styleAt(layout: SheetLayout, row: number, col: number) {
  return layout.styles.find(
    (s) => row >= s.row && row < s.row + s.rows && col >= s.col && col < s.col + s.cols,
  )?.style;
}

test("a run's summary line is wrapped in Name, top-aligned, and its row is tall enough for it", () => {
  const layout = changeLogLayout(
    [],
    [
      {
        when: 44197.5,
        action: "Report",
        sheet: "Programme of Works",
        cell: "N5",
        ref: "ICT-01",
        name: "Network refresh",
        old: "Green",
        now: "Amber",
      },
    ],
    { when: 44197.5, action: "Report", text: SUMMARY },
  );
  expect(layout.values[1]![5]).toBe(SUMMARY);
  expect(styleAt(layout, 1, 5)).toMatchObject({ wrap: true, vAlign: "top" });
  expect(styleAt(layout, 1, 0)).toMatchObject({ vAlign: "top" });
  expect(layout.merges).toEqual([]);
  // 220 characters in a column 40 wide: at least five lines of 15 points.
  expect(layout.rowHeights[1]).toBeGreaterThanOrEqual(75);
  // A change row is left as it was: one line, its old and new values in their own cells.
  expect(styleAt(layout, 2, 5)?.wrap ?? false).toBe(false);
  expect(layout.rowHeights[2] ?? null).toBeNull();
  expect(layout.values[2]!.slice(5)).toEqual(["Network refresh", "Green", "Amber"]);
});

test("an earlier run's summary read back from the sheet is wrapped the same; its change rows are not", () => {
  const grid = {
    name: "Change Log",
    values: [
      ["When", "Action", "Sheet", "Cell", "Ref", "Name", "Old value", "New value"],
      [44105.4, "Refresh", null, null, null, SUMMARY, null, null],
      [44105.4, "Refresh", "Programme of Works", "N6", "ICT-02", "Telephony", "Amber", "Red"],
    ],
  } as unknown as SheetGrid;
  const layout = changeLogLayout(readChangeLog(grid), [], {
    when: 44197.5,
    action: "Report",
    text: "Q3 2020/21: 1 RAG cell written",
  });
  expect(styleAt(layout, 1, 5)).toMatchObject({ wrap: true });
  expect(styleAt(layout, 2, 5)?.wrap ?? false).toBe(false);
  expect(styleAt(layout, 3, 5)).toMatchObject({ wrap: true });
  expect(layout.rowHeights[1]).toBeGreaterThanOrEqual(75);
  // A short summary stays one line high.
  expect(layout.rowHeights[3] ?? null).toBeNull();
  expect(layout.values[2]!.slice(5)).toEqual(["Telephony", "Amber", "Red"]);
});
