/**
 * The layout of a log sheet of the tool's own (RAG History, Milestone History, Risk History), written by a report
 * only: apart from sheet-builder.ts so the add-in's first bundle does not carry it.
 */
import type { LayoutValue, OwnSheetRole, SheetLayout } from "../plan";
import { SheetBuilder, ownSheetFooter } from "./sheet-builder";

/**
 * A sheet of the tool's own that is a log (RAG History, Milestone History, Risk History): one bold header row
 * frozen at the top, then one row per line with each column's number format, printed landscape one page wide
 * with the header repeated on every page.
 */
export function logSheetLayout(
  role: OwnSheetRole,
  name: string,
  columns: { headers: readonly string[]; widths: readonly number[]; formats: (string | null)[] },
  rows: Iterable<LayoutValue[]>,
): SheetLayout {
  const b = new SheetBuilder(role, name, "end");
  b.widths = [...columns.widths];
  b.freezeRows = 1;
  b.row(0, 0, [...columns.headers], [], { bold: true, fill: "#D9E1F2", border: true, wrap: true });
  appendRows(b, rows, columns.formats);
  // A text longer than its column (an item's name, a milestone, a risk's title) is wrapped and its row sized to
  // it, so it prints whole rather than cut off by the next cell. The wrap and the height travel with the row:
  // the file adapter keeps earlier rows byte for byte and only adds rows (no merges, no column widths changed).
  for (let r = 1; r < b.values.length; r++) {
    const n = b.values[r]!.length;
    if (n > 0) b.wrapOverflowing(r, 0, n);
  }
  b.print = {
    orientation: "landscape",
    paperSize: "A4",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 0 },
    firstPageNumber: 1,
    footer: ownSheetFooter(name),
  };
  return b.build();
}

/**
 * Writes each of `rows` as the builder's next row from column 0, with `formats` (what `b.row(next, 0, values,
 * formats)` does for each, without a `set` a cell: a log sheet's hundreds of thousands of rows). An empty row is
 * no row unless one follows it (as `row` leaves it). The rows are taken, not copied, and rows of one length share
 * their formats: give each row an array of its own, and set no other format in them afterwards (wrapOverflowing
 * sets a cell to what it holds).
 */
export function appendRows(
  b: SheetBuilder,
  rows: Iterable<LayoutValue[]>,
  formats: readonly (string | null)[],
): void {
  let empty = 0;
  const shared: (string | null)[][] = [];
  for (const values of rows) {
    const n = values.length;
    if (n === 0) {
      empty++;
      continue;
    }
    for (; empty > 0; empty--) {
      b.values.push([]);
      b.formats.push([]);
    }
    b.values.push(values);
    b.formats.push((shared[n] ??= Array.from({ length: n }, (_, i) => formats[i] ?? null)));
  }
}
