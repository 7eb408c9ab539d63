/**
 * What a section builder of the highlight report gets from highlight.ts: the pager (which places blocks and
 * page breaks) and the report's cell helpers, so a section lives in a module of its own and is hooked into the
 * report with one line.
 */
import type { CellStyle, LayoutValue } from "../plan";
import type { RowCell, RowSpec } from "./sheet-builder";

export interface SectionKit {
  /** The report's width in columns. */
  cols: number;
  heading(text: string): RowSpec;
  note(text: string, style?: CellStyle): RowSpec;
  head(cells: [number, string, number?][]): RowSpec;
  /** A RAG word in its fill. */
  rag(col: number, value: string, span?: number): RowCell;
  text(col: number, value: LayoutValue, span?: number, format?: string | null): RowCell;
  num(col: number, value: LayoutValue, format: string): RowCell;
}
