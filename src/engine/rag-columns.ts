/** The RAG column part of the write plan: one cell per item row, and the header where the tool adds a column. */
import { COMPUTED_RAG_HEADER, RAG_HEADER } from "./analyse";
import { rowIndexOf } from "./coords";
import { MAX_COLUMN } from "./read/sheet";
import type { ProgrammeAnalysis } from "./model";
import type { OwnColumn, RagCellValue, RagColumnWrite } from "./plan";
import type { OverallRag } from "./rag";
import { RAG_STYLE } from "./rag";

/** A RAG word as written, with the cell's text before the run (null: empty). */
export function ragCell(rag: OverallRag, before: string | null): RagCellValue {
  const style = RAG_STYLE[rag];
  return { value: rag, fill: style.fill, fontColor: style.font, before };
}

/** A column the tool writes; an added one's header copies the format of the header cell on its left, bold. */
export function ownColumn(col: number, addHeader: string | null): OwnColumn {
  return { col, addHeader, headerFormatFrom: addHeader !== null && col > 0 ? col - 1 : null };
}

export function planRagColumns(a: ProgrammeAnalysis): RagColumnWrite[] {
  // A transposed sheet is read but never written into: its items are columns, not rows. A column past XFD (no
  // empty column was left for it: the analysis says so as an error) is none: nothing is written for it.
  return a.sheets
    .filter((s) => !s.transposed && s.ragColumn.col <= MAX_COLUMN)
    .map((s) => {
      const items = a.items.filter((i) => i.sheet === s.name);
      const computedColumn = s.computedColumn && s.computedColumn.col <= MAX_COLUMN ? s.computedColumn : null;
      return {
        sheet: s.name,
        headerRow: s.headerRow,
        rag: ownColumn(s.ragColumn.col, s.ragColumn.added ? RAG_HEADER : null),
        computed: computedColumn
          ? ownColumn(computedColumn.col, computedColumn.added ? COMPUTED_RAG_HEADER : null)
          : null,
        cells: items.map((i) => ({
          row: rowIndexOf(i.row),
          ref: i.ref,
          name: i.name,
          rag: ragCell(i.rag.overall, i.ragBefore),
          ...(computedColumn ? { computed: ragCell(i.rag.computed, i.computedBefore) } : {}),
        })),
      };
    });
}
