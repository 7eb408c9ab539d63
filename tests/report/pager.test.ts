/** The highlight report's pager: where a table breaks across printed pages. */
import type { RowSpec } from "../../src/engine/report/sheet-builder";
import { Pager } from "../../src/engine/report/page-layout";
import { SheetBuilder } from "../../src/engine/report/sheet-builder";

const line = (text: string): RowSpec => [{ col: 0, value: text }];

describe("a table's last page", () => {
  test("holds at least `keep` rows of the table: the notes under it do not count as its rows", () => {
    const b = new SheetBuilder("highlight", "Highlight Report", "first");
    b.widths = [40];
    // A page of 100 points holds a heading, a header and four 15-point rows; ten rows and two notes.
    const pager = new Pager(b, 100, 0);
    const rows = Array.from({ length: 10 }, (_, k) => line(`row ${k + 1}`));
    const end = pager.block(0, {
      heading: [line("Top risks")],
      header: [line("Risk")],
      rows,
      notes: [line("10 of 12 open risks"), line("1 open risk is past the review date")],
      continued: [line("Top risks (continued)")],
    });
    const layout = b.build();
    const breaks = layout.print?.rowBreaks ?? b.rowBreaks;
    const last = breaks[breaks.length - 1]!;
    const onLastPage = layout.values
      .slice(last, end)
      .map((r) => r[0])
      .filter((v) => typeof v === "string" && v.startsWith("row "));
    // Before, the two notes counted: the last page held rows 9 and 10 only.
    expect(onLastPage).toEqual(["row 8", "row 9", "row 10"]);
    expect(layout.values[end - 1]![0]).toBe("1 open risk is past the review date");
  });
});
