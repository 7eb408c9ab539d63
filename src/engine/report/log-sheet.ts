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
  b.appendRows(rows, columns.formats);
  // A text longer than its column (an item's name, a milestone, a risk's title) is wrapped and its row sized to
  // it, so it prints whole rather than cut off by the next cell. The wrap and the height travel with the row:
  // the file adapter keeps earlier rows byte for byte and only adds rows (no merges, no column widths changed).
  b.wrapOverflowingRows(1);
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
