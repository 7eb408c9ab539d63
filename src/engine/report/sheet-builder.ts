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

/**
 * Lines a paragraph takes when wrapped at word breaks into lines of `perLine` characters (greedy, as Excel and
 * LibreOffice wrap): a narrow column loses the tail of each line, which counting characters alone misses.
 */
export function wrappedLines(text: string, perLine: number): number {
  const width = Math.max(1, Math.floor(perLine));
  if (text.length <= width) return 1;
  let lines = 1;
  let used = 0;
  for (const word of text.split(" ")) {
    let w = word.length;
    if (used > 0 && used + 1 + w <= width) {
      used += 1 + w;
      continue;
    }
    if (used > 0) lines++;
    // A word longer than a line breaks across lines.
    while (w > width) {
      lines++;
      w -= width;
    }
    used = w;
  }
  return lines;
}

export class SheetBuilder {
  private readonly values: LayoutValue[][] = [];
  private readonly formats: (string | null)[][] = [];
  private readonly styles: StyleRun[] = [];
  private readonly merges: Merge[] = [];
  private readonly charts: ChartSpec[] = [];
  widths: number[] = [];
  print?: PrintSettings;
  freezeRows?: number;
  tabColor?: string;

  constructor(
    readonly role: OwnSheetRole,
    readonly name: string,
    readonly position: "first" | "end",
  ) {}

  /** The next empty row index (0-based). */
  get nextRow(): number {
    return this.values.length;
  }

  set(row: number, col: number, value: LayoutValue, format: string | null = null, style?: CellStyle): this {
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
    row: number,
    col: number,
    values: LayoutValue[],
    formats: (string | null)[] = [],
    style?: CellStyle,
  ): this {
    values.forEach((v, i) => this.set(row, col + i, v, formats[i] ?? null));
    if (style && values.length > 0) this.style(row, col, 1, values.length, style);
    return this;
  }

  style(row: number, col: number, rows: number, cols: number, style: CellStyle): this {
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

  merge(row: number, col: number, rows: number, cols: number): this {
    if (rows * cols > 1) this.merges.push({ row, col, rows, cols });
    return this;
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
    const DEFAULT_WIDTH = 8.43;
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
        const line = (size * 15) / 11;
        if (typeof v !== "string" || !wrap) {
          if (size > 11) points = Math.max(points, line);
          continue;
        }
        const m = mergeAt.get(key(r, c));
        let chars = 0;
        for (let k = c; k < c + (m?.cols ?? 1); k++) chars += this.widths[k] ?? DEFAULT_WIDTH;
        // Proportional fonts fit a little more than the width's count of digits; bold a little less.
        const perLine = Math.max(1, chars * (bold ? 1.0 : 1.15) - 1);
        let lines = 0;
        if (v.indexOf("\n") < 0) lines = wrappedLines(v, perLine);
        else for (const seg of v.split("\n")) lines += wrappedLines(seg, perLine);
        points = Math.max(points, (lines * line) / (m?.rows ?? 1));
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
      styles: this.styles,
      merges: this.merges,
      columnWidths: this.widths,
      rowHeights: this.rowHeights(),
      ...(this.freezeRows !== undefined ? { freezeRows: this.freezeRows } : {}),
      ...(this.print ? { print: this.print } : {}),
      charts: this.charts,
      ...(this.tabColor ? { tabColor: this.tabColor } : {}),
    };
  }
}
