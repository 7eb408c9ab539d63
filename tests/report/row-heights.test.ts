/**
 * Rows sized for their wrapped text (R3-3): the lines a cell takes are counted at Calibri's character widths in
 * the width Excel gives its text, so no line prints below the row's bottom edge. Cases are the sample's cells
 * that printed cut off in LibreOffice (tests/report/pdf.test.ts checks the printed pages themselves).
 */
import { SheetBuilder } from "../../src/engine/report/sheet-builder";
import { appendRows } from "../../src/engine/report/log-sheet";
import { columnTextPoints, textPoints, wrappedLinesAt } from "../../src/engine/report/text-width";

const WRAP = { wrap: true, vAlign: "top" as const };

/** The height build() gives a one-cell row of `text` in a column `width` characters wide. */
function height(text: string, width: number, bold = false): number {
  const b = new SheetBuilder("highlight", "Highlight Report", "first");
  b.widths = [width];
  b.writeRow(0, [{ col: 0, value: text, style: { ...WRAP, bold } }]);
  return b.build().rowHeights[0] ?? 15;
}

describe("row heights for wrapped text", () => {
  test("a theme in the 15-wide Theme column gets its three lines (it printed two, 'accommodation' cut off)", () => {
    // LibreOffice printed "Flexible working / and / accommodation": the old estimate (1.2 characters a width
    // unit) counted two lines of 17 characters and set 32 points.
    expect(height("Flexible working and accommodation", 15)).toBeGreaterThanOrEqual(3 * 15);
  });

  test("a project name in the 26-wide Project column gets three lines where Excel wraps it so", () => {
    // "Mobile working for enforcement officers (tablets and app)" printed "(tablets and app)" below the row.
    expect(height("Mobile working for enforcement officers (tablets and app)", 26)).toBeGreaterThanOrEqual(
      3 * 15,
    );
    expect(height("Data warehouse and performance dashboards (Power BI)", 26)).toBeGreaterThanOrEqual(3 * 15);
  });

  test("a short text stays one default row, and lines given with line breaks each count", () => {
    expect(height("Fixing the basics", 15)).toBe(15);
    expect(height("Budget: Red\nSchedule: Amber\nRisk: Green", 36)).toBeGreaterThanOrEqual(3 * 15);
  });

  test("wide letters take more room than narrow ones, bold more than regular", () => {
    expect(textPoints("mmmmmmmmmm", false, 11)).toBeGreaterThan(2 * textPoints("iiiiiiiiii", false, 11));
    expect(textPoints("Programme RAG", true, 11)).toBeGreaterThan(textPoints("Programme RAG", false, 11));
    // A character the table lacks (here CJK) counts as a full em, never as narrow.
    expect(textPoints("審", false, 11)).toBe(11);
  });

  test("a word longer than the line breaks across lines", () => {
    const width = columnTextPoints(8);
    expect(wrappedLinesAt("x".repeat(60), width, false, 11)).toBeGreaterThanOrEqual(
      Math.ceil(textPoints("x".repeat(60), false, 11) / width),
    );
  });
});

test("a log sheet's rows appended at once are laid out as rows written one by one (empty rows, holes, formats)", () => {
  const formats = ["dd/mm/yyyy", null, "#,##0"];
  const rows = [[1, "a", 3], [], [4, null, 6, "beyond the formats"], [7], [], []];
  const header = (b: SheetBuilder) => b.row(0, 0, ["A", "B", "C"], [], { bold: true, wrap: true });
  const one = new SheetBuilder("history", "RAG History", "end");
  one.widths = [10, 10, 10];
  header(one);
  rows.forEach((v, i) => one.row(i + 1, 0, v, formats));
  const all = new SheetBuilder("history", "RAG History", "end");
  all.widths = [10, 10, 10];
  header(all);
  appendRows(all, rows, formats);
  expect(all.build()).toEqual(one.build());
  expect(all.build().values.length).toBe(5);
});
