/** The RAG column part of the write plan: one cell per item row, and the header where the tool adds a column. */
import { COMPUTED_RAG_HEADER, RAG_HEADER } from "./analyse";
import type { ProgrammeAnalysis } from "./model";
import type { RagCellValue, RagColumnWrite } from "./plan";
import type { OverallRag } from "./rag";
import { RAG_STYLE } from "./rag";

export function ragCell(rag: OverallRag): RagCellValue {
  const style = RAG_STYLE[rag];
  return { value: rag, fill: style.fill, fontColor: style.font };
}

export function planRagColumns(a: ProgrammeAnalysis): RagColumnWrite[] {
  // A transposed sheet is read but never written into: its items are columns, not rows.
  return a.sheets
    .filter((s) => !s.transposed)
    .map((s) => {
      const items = a.items.filter((i) => i.sheet === s.name);
      return {
        sheet: s.name,
        headerRow: s.headerRow,
        rag: { col: s.ragColumn.col, addHeader: s.ragColumn.added ? RAG_HEADER : null },
        computed: s.computedColumn
          ? { col: s.computedColumn.col, addHeader: s.computedColumn.added ? COMPUTED_RAG_HEADER : null }
          : null,
        cells: items.map((i) => ({
          row: i.row - 1,
          rag: ragCell(i.rag.overall),
          ...(s.computedColumn ? { computed: ragCell(i.rag.computed) } : {}),
        })),
      };
    });
}
