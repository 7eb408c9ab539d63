/**
 * Builds a SheetLayout cell by cell: values, number formats, style runs, merges. Pure; the adapters render
 * the result.
 */
import type {
  CellStyle,
  ChartSpec,
  LayoutValue,
  Merge,
  PrintSettings,
  SheetLayout,
  StyleRun,
  OwnSheetRole,
} from "../plan";
import type { ColIndex, RowIndex } from "../coords";
import { columnTextPoints, textPoints, wrappedLinesAt } from "./text-width";

/** Excel's limits ("Excel specifications and limits"): row height in points, characters in a cell. */
export const MAX_ROW_HEIGHT = 409;
export const MAX_CELL_TEXT = 32_767;

export const FORMAT = {
  money: '"£"#,##0;-"£"#,##0',
  moneyPence: '"£"#,##0.00;-"£"#,##0.00',
  percent1: "0.0%",
  percent0: "0%",
  date: "dd/mm/yyyy",
  dateTime: "dd/mm/yyyy hh:mm",
  integer: "0",
  text: "@",
} as const;

/** One cell of a row written as a whole: `span` merges it across that many columns. */
export interface RowCell {
  col: number;
  value: LayoutValue;
  format?: string | null;
  style?: CellStyle;
  span?: number;
}
export type RowSpec = RowCell[];

const DEFAULT_WIDTH = 8.43;
const DEFAULT_ROW = 15;

/** Text cut to `max` characters at a word break, with an ellipsis, so one cell never outgrows its row. */
export function clip(text: string | null | undefined, max: number): string | null {
  if (text == null) return null;
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

/**
 * Points a cell needs: its wrapped lines at its font size over the width of its merge (in characters). Lines
 * are counted by wrapping the text at Calibri's character widths (text-width.ts) into the width Excel gives
 * the text, the narrower of Excel's and LibreOffice's, so a row is never estimated shorter than it prints.
 */
function cellPoints(v: LayoutValue, wrap: boolean, bold: boolean, size: number, chars: number): number {
  const line = (size * 15) / 11;
  if (typeof v !== "string" || !wrap) return size > 11 ? line : 0;
  const width = columnTextPoints(chars);
  let lines = 0;
  for (const seg of v.split("\n")) lines += wrappedLinesAt(seg, width, bold, size);
  return lines * line;
}

export class SheetBuilder {
  /** The rows so far (log-sheet.ts appends a log's rows to them directly: the code the first bundle need not carry). */
  readonly values: LayoutValue[][] = [];
  readonly formats: (string | null)[][] = [];
  private readonly styles: StyleRun[] = [];
  private readonly merges: Merge[] = [];
  private readonly charts: ChartSpec[] = [];
  widths: number[] = [];
  print?: PrintSettings;
  freezeRows?: number;
  tabColor?: string;
  /** Manual page breaks (the rows that start a page), copied into the print settings. */
  readonly rowBreaks: RowIndex[] = [];

  constructor(
    readonly role: OwnSheetRole,
    readonly name: string,
    readonly position: "first" | "end",
  ) {}

  /** The next empty row. */
  get nextRow(): RowIndex {
    return this.values.length;
  }

  set(
    row: RowIndex,
    col: ColIndex,
    value: LayoutValue,
    format: string | null = null,
    style?: CellStyle,
  ): this {
    while (this.values.length <= row) {
      this.values.push([]);
      this.formats.push([]);
    }
    const vr = this.values[row]!;
    const fr = this.formats[row]!;
    while (vr.length <= col) {
      vr.push(null);
      fr.push(null);
    }
    vr[col] = value;
    fr[col] = format;
    if (style) this.style(row, col, 1, 1, style);
    return this;
  }

  /** Writes a row of values from `col`, with formats and one style for the run. */
  row(
    row: RowIndex,
    col: ColIndex,
    values: LayoutValue[],
    formats: (string | null)[] = [],
    style?: CellStyle,
  ): this {
    values.forEach((v, i) => this.set(row, col + i, v, formats[i] ?? null));
    if (style && values.length > 0) this.style(row, col, 1, values.length, style);
    return this;
  }

  /**
   * Wraps each text cell of a row already written (from `col`, `cols` cells) that does not fit its column on
   * one line, as text-width.ts measures it at Calibri 11, and top-aligns the row's cells when any does, so the
   * row is sized for its wrapped text (build()) and a long name prints whole instead of being cut off by the
   * next cell. A row whose text all fits is left as it is. Unbolded text only (the log sheets' data rows).
   */
  wrapOverflowing(row: RowIndex, col: ColIndex, cols: number): boolean {
    const values = this.values[row] ?? [];
    const wrap: number[] = [];
    for (let c = col; c < col + cols; c++) {
      const v = values[c];
      if (typeof v !== "string" || v === "") continue;
      const width = columnTextPoints(this.widths[c] ?? DEFAULT_WIDTH);
      if (v.includes("\n") || textPoints(v, false, 11) > width) wrap.push(c);
    }
    if (wrap.length === 0) return false;
    this.style(row, col, 1, cols, { vAlign: "top" });
    for (const c of wrap) this.style(row, c, 1, 1, { wrap: true });
    return true;
  }

  style(row: RowIndex, col: ColIndex, rows: number, cols: number, style: CellStyle): this {
    // Make sure the cells exist so the grid covers every styled cell.
    this.set(
      row + rows - 1,
      col + cols - 1,
      this.values[row + rows - 1]?.[col + cols - 1] ?? null,
      this.formats[row + rows - 1]?.[col + cols - 1] ?? null,
    );
    this.styles.push({ row, col, rows, cols, style });
    return this;
  }

  merge(row: RowIndex, col: ColIndex, rows: number, cols: number): this {
    if (rows * cols > 1) this.merges.push({ row, col, rows, cols });
    return this;
  }

  /** Writes a row given as cells (see RowSpec), merging spans. */
  writeRow(row: RowIndex, spec: RowSpec): this {
    for (const c of spec) {
      this.set(row, c.col, c.value, c.format ?? null, c.style);
      const span = c.span ?? 1;
      if (span > 1) {
        this.merge(row, c.col, 1, span);
        if (c.style) this.style(row, c.col, 1, span, c.style);
      }
    }
    return this;
  }

  /** The height (points) a row given as cells takes once written, as build() will size it. */
  measure(spec: RowSpec): number {
    let points = 0;
    for (const c of spec) {
      if (c.value === null) continue;
      const st = c.style ?? {};
      let chars = 0;
      for (let k = c.col; k < c.col + (c.span ?? 1); k++) chars += this.widths[k] ?? DEFAULT_WIDTH;
      points = Math.max(
        points,
        cellPoints(c.value, st.wrap ?? false, st.bold ?? false, st.fontSize ?? 11, chars),
      );
    }
    return points > DEFAULT_ROW ? Math.min(MAX_ROW_HEIGHT, Math.ceil(points + 2)) : DEFAULT_ROW;
  }

  /** Heights (points) of rows already written, as build() will size them. */
  heightsSoFar(): number[] {
    return this.rowHeights().map((h) => h ?? DEFAULT_ROW);
  }

  chart(spec: ChartSpec): this {
    this.charts.push(spec);
    return this;
  }

  /**
   * Heights for rows whose wrapped text or larger font needs more than one default line: lines are estimated
   * from the text length against the width of the cell (or of the merge it heads).
   */
  private rowHeights(): (number | null)[] {
    const mergeAt = new Map<number, Merge>();
    const key = (r: number, c: number) => r * 16384 + c;
    for (const m of this.merges) mergeAt.set(key(m.row, m.col), m);
    // Style runs by row, so finding a cell's style does not scan every run of the sheet.
    const runsByRow: StyleRun[][] = this.values.map(() => []);
    for (const run of this.styles) for (let r = run.row; r < run.row + run.rows; r++) runsByRow[r]?.push(run);
    const heights: (number | null)[] = new Array<number | null>(this.values.length).fill(null);
    for (let r = 0; r < this.values.length; r++) {
      const row = this.values[r]!;
      const runs = runsByRow[r]!;
      if (runs.length === 0) continue;
      let points = 0;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null || v === undefined) continue;
        // The cell's effective wrap, bold and size: later runs win, as in build order.
        let wrap = false;
        let bold = false;
        let size = 11;
        for (const run of runs) {
          if (c < run.col || c >= run.col + run.cols) continue;
          const st = run.style;
          if (st.wrap !== undefined) wrap = st.wrap;
          if (st.bold !== undefined) bold = st.bold;
          if (st.fontSize !== undefined) size = st.fontSize;
        }
        const m = mergeAt.get(key(r, c));
        let chars = 0;
        for (let k = c; k < c + (m?.cols ?? 1); k++) chars += this.widths[k] ?? DEFAULT_WIDTH;
        points = Math.max(points, cellPoints(v, wrap, bold, size, chars) / (m?.rows ?? 1));
      }
      // Excel refuses a row taller than 409 points: a long text shows what fits.
      if (points > 15) heights[r] = Math.min(MAX_ROW_HEIGHT, Math.ceil(points + 2));
    }
    return heights;
  }

  build(): SheetLayout {
    let width = 0;
    for (const r of this.values) if (r.length > width) width = r.length;
    // Rectangular grids, so adapters can write them in one range (padded in place: a builder builds once).
    for (let r = 0; r < this.values.length; r++) {
      const vr = this.values[r]!;
      const fr = this.formats[r]!;
      while (vr.length < width) vr.push(null);
      // Excel holds at most 32,767 characters a cell: a longer text is cut, and says so.
      for (let c = 0; c < vr.length; c++) {
        const v = vr[c];
        if (typeof v === "string" && v.length > MAX_CELL_TEXT) vr[c] = `${v.slice(0, MAX_CELL_TEXT - 1)}…`;
      }
      while (fr.length < width) fr.push(null);
    }
    const values = this.values;
    const numberFormats = this.formats;
    return {
      role: this.role,
      name: this.name,
      position: this.position,
      values,
      numberFormats,
      styles: resolveStyles(this.styles),
      merges: this.merges,
      columnWidths: this.widths,
      rowHeights: this.rowHeights(),
      ...(this.freezeRows !== undefined ? { freezeRows: this.freezeRows } : {}),
      ...(this.print
        ? { print: this.rowBreaks.length ? { ...this.print, rowBreaks: [...this.rowBreaks] } : this.print }
        : {}),
      charts: this.charts,
      ...(this.tabColor ? { tabColor: this.tabColor } : {}),
    };
  }
}

/** The colour of the thin border a layout asks for. */
export const BORDER_COLOR = "#BFBFBF";

const STYLE_KEYS = [
  "bold",
  "italic",
  "fontSize",
  "fontColor",
  "fill",
  "wrap",
  "hAlign",
  "vAlign",
  "border",
  "borderColor",
] as const satisfies readonly (keyof CellStyle)[];

function styleKey(s: CellStyle): string {
  let k = "";
  for (const name of STYLE_KEYS) k += `${s[name] ?? ""}|`;
  return k;
}

/**
 * Style runs as applied in order (a later run's properties override an earlier one's on the cells they share)
 * resolved into rectangles that never overlap, each with the cells' whole style and the border's colour: each
 * row's cells of one style as spans, stacked where consecutive rows have the same span and style.
 */
export function resolveStyles(runs: readonly StyleRun[]): StyleRun[] {
  let height = 0;
  for (const run of runs) height = Math.max(height, run.row + run.rows);
  const byRow: number[][] = Array.from({ length: height }, () => []);
  runs.forEach((run, i) => {
    for (let r = run.row; r < run.row + run.rows; r++) byRow[r]!.push(i);
  });
  const out: StyleRun[] = [];
  let open = new Map<string, StyleRun>();
  const known = new Map<string, CellStyle>();
  for (let r = 0; r < height; r++) {
    const list = byRow[r]!;
    const next = new Map<string, StyleRun>();
    if (list.length > 0) {
      let lo = Infinity;
      let hi = -1;
      for (const i of list) {
        lo = Math.min(lo, runs[i]!.col);
        hi = Math.max(hi, runs[i]!.col + runs[i]!.cols);
      }
      let spanStart = -1;
      let spanKey = "";
      const close = (end: number) => {
        if (spanStart < 0) return;
        const id = `${spanStart}:${end}:${spanKey}`;
        const prev = open.get(id);
        if (prev) {
          prev.rows++;
          next.set(id, prev);
        } else {
          const rect = { row: r, col: spanStart, rows: 1, cols: end - spanStart, style: known.get(spanKey)! };
          out.push(rect);
          next.set(id, rect);
        }
        spanStart = -1;
      };
      for (let c = lo; c <= hi; c++) {
        let key = "";
        if (c < hi) {
          let style: CellStyle | undefined;
          for (const i of list) {
            const run = runs[i]!;
            if (c < run.col || c >= run.col + run.cols) continue;
            style = { ...(style ?? {}), ...run.style };
          }
          if (style !== undefined) {
            if (style.border) style.borderColor = BORDER_COLOR;
            else delete style.borderColor;
            for (const k of STYLE_KEYS) if (style[k] === undefined) delete style[k];
            key = styleKey(style);
            if (!known.has(key)) known.set(key, style);
          }
        }
        if (key !== spanKey || key === "") close(c);
        if (key !== "" && spanStart < 0) {
          spanStart = c;
          spanKey = key;
        }
      }
    }
    open = next;
  }
  return out;
}

/**
 * The footer of one of the tool's own log sheets: its name on the left and "<name> page &P" on the right, with no
 * "of &N" total, which counts the whole workbook's pages when the whole workbook is printed. An "&" in the name
 * is doubled so that Excel prints it rather than reading a header/footer code.
 */
export function ownSheetFooter(name: string): { left: string; right: string } {
  const safe = name.replace(/&/g, "&&");
  return { left: safe, right: `${safe} page &P` };
}
