/**
 * The write plan: everything a refresh or a report writes, described once and applied by either adapter
 * (Office.js in the add-in, exceljs in the CLI), so both produce the same cells.
 *
 * The tool only ever writes (a) the RAG column cells of item rows on programme sheets (and that column's
 * header when it adds the column), and (b) sheets of its own, which it marks as its own (see OwnSheetRole).
 */
import type { ColIndex, RowIndex } from "./coords";
import type { Issue } from "./model";

/** A value as written: dates are Excel serial numbers with a date number format; null leaves a cell empty. */
export type LayoutValue = string | number | boolean | null;

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** "#RRGGBB" */
  fontColor?: string;
  /** "#RRGGBB" */
  fill?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "center" | "bottom";
  /** A thin border around each cell of the run. */
  border?: boolean;
  /** The border's colour "#RRGGBB", given in a layout's resolved styles wherever border is set. */
  borderColor?: string;
}

/**
 * A rectangle of cells with one style: its top left cell, and its size. A SheetLayout's styles are resolved: the
 * rectangles never overlap, and each carries the cells' whole style (what is not given is Excel's default), so
 * an adapter applies each as it is, in any order.
 */
export interface StyleRun {
  row: RowIndex;
  col: ColIndex;
  rows: number;
  cols: number;
  style: CellStyle;
}

export interface Merge {
  row: RowIndex;
  col: ColIndex;
  rows: number;
  cols: number;
}

export interface PrintSettings {
  orientation: "landscape" | "portrait";
  paperSize: "A4";
  /** Fit to this many pages wide (and any number tall). */
  fitToPagesWide: number;
  /** Rows repeated at the top of each printed page (inclusive), e.g. the table header. */
  printTitleRows?: { first: RowIndex; last: RowIndex };
  /**
   * The number of the sheet's first printed page. The tool's sheets start at 1, so a footer's &P counts the
   * sheet's own pages when the whole workbook is printed (left unset, numbering runs on from the sheet before).
   */
  firstPageNumber?: number;
  /** Footer text, left / centre / right; Excel codes such as &D (date) and &P of &N (page) are allowed. */
  footer?: { left?: string; center?: string; right?: string };
  /** The printed area from A1: its number of rows and columns. */
  area?: { rows: number; cols: number };
  /**
   * Manual page breaks: each is the row that starts a new page. They go with fit to one page wide and
   * "automatic" tall, which LibreOffice honours (checked in tests/report/pdf.test.ts); the layout places them
   * for the largest scale fitting the width takes (Calibri's metrics), so a renderer with wider fonts, which
   * shrinks more, only leaves more room at the foot of each page.
   */
  rowBreaks?: RowIndex[];
}

export type ChartKind = "columnClustered" | "pie" | "barClustered";

/**
 * A chart over a data table the layout already writes. Only the Office.js adapter can draw charts; the CLI
 * (exceljs cannot create charts) writes the same data table and no chart.
 */
export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** The source data's top left cell and size, first row = series names, first column = categories. */
  source: { row: RowIndex; col: ColIndex; rows: number; cols: number };
  /** Where the chart sits, in cells. */
  anchor: { row: RowIndex; col: ColIndex; rows: number; cols: number };
}

export type OwnSheetRole = "highlight" | "history" | "changelog" | "milestoneHistory" | "riskHistory";

export interface SheetLayout {
  role: OwnSheetRole;
  /** The name wanted; an adapter picks another ("Highlight Report (2)") if a user sheet already has it. */
  name: string;
  /** "first": before every other sheet; "end": after every other sheet. */
  position: "first" | "end";
  /** Dense grid from A1: values[r][c]. Rows may be shorter than others; missing cells are empty. */
  values: LayoutValue[][];
  /** Number formats parallel to values (null or missing: General). */
  numberFormats: (string | null)[][];
  styles: StyleRun[];
  merges: Merge[];
  /** Column widths in characters, by column index. */
  columnWidths: number[];
  /**
   * Row heights in points where a row needs more than the default (wrapped text, larger fonts); null keeps
   * the default. Neither Excel nor LibreOffice grows a row for wrapped text written by a program, so the layout
   * sizes them.
   */
  rowHeights: (number | null)[];
  freezeRows?: number;
  print?: PrintSettings;
  charts: ChartSpec[];
  /** Tab colour "#RRGGBB". */
  tabColor?: string;
}

/** A RAG word with its fill, as written into a cell, and what the cell holds before it is written. */
export interface RagCellValue {
  value: string;
  fill: string;
  fontColor: string;
  /** The cell's text as read before the run (null: empty), for the change log and the run's counts. */
  before: string | null;
}

/** One item row's RAG cells on a programme sheet. */
export interface RagCellWrite {
  row: RowIndex;
  /** The item's reference and name, as the change log names the row. */
  ref: string | null;
  name: string | null;
  /**
   * The overall RAG (an override where one decides it). Absent where the RAG cell holds a user's formula, which
   * the tool never replaces (the rating then goes to the Computed RAG column).
   */
  rag?: RagCellValue;
  /** The computed RAG, written only where the sheet has an override column (see RagColumnWrite.computed). */
  computed?: RagCellValue;
}

/** A column the tool writes: an existing RAG column of the user's, or one of its own that it adds. */
export interface OwnColumn {
  col: ColIndex;
  /** The header to write when the tool adds the column; null when the column exists already. */
  addHeader: string | null;
  /**
   * The added header's format: the format of the header-row cell in this column (its neighbour on the
   * left, as it stands once the headers before it are written) is copied, then made bold. Null with no header
   * to add, or when there is no cell to the left (the header is the default format, bold).
   */
  headerFormatFrom: ColIndex | null;
}

export interface RagColumnWrite {
  sheet: string;
  /** The header's sheet row. */
  headerRow: RowIndex;
  rag: OwnColumn;
  /**
   * Where an override column decides the overall RAG, the computed RAG goes into the tool's own "Computed RAG"
   * column beside the sheet's last used column, so the programme manager sees both.
   */
  computed: OwnColumn | null;
  cells: RagCellWrite[];
}

export interface WritePlan {
  ragColumns: RagColumnWrite[];
  /** RAG cells this plan overwrites with a different value (each one logged in the change log). */
  changedCells: number;
  sheets: SheetLayout[];
  /** What the plan found while planning (a RAG cell holding a formula, left as it is), by sheet and cell. */
  issues: Issue[];
}

/**
 * Whether Excel would read a string as something else (a formula, a number, a date, a boolean) when it is
 * written as a value. Such strings are written with a leading apostrophe so they stay literal text:
 * Excel reads "=", "+", "-" and "@" as the start of a formula and "1/2" or "1,000" as numbers.
 */
export function needsTextPrefix(text: string): boolean {
  if (text.length === 0) return false;
  const first = text.charCodeAt(0);
  // = + - @ '
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 39) return true;
  const t = text.trim();
  if (t.length === 0) return false;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^#[A-Z/0!?]+[!?A]?$/.test(t)) return true; // looks like an error value
  // Numbers, currency, percentages, fractions and date- or time-like strings.
  if (/^[(]?[£$€]?\s*[\d.,]+\s*%?[)]?$/.test(t)) return true;
  if (/^\d{1,4}[/.\-:]\d{1,2}([/.\-:]\d{1,4})?$/.test(t)) return true;
  const month = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
  if (new RegExp(`^\\d{1,2}[\\s-]${month}([\\s-]\\d{2,4})?$`, "i").test(t)) return true;
  if (new RegExp(`^${month}[\\s-]\\d{1,4}$`, "i").test(t)) return true;
  return false;
}
