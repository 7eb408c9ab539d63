/**
 * What only the highlight report needs to lay out its pages: its currency formats, the page's size, the scale that
 * fits its columns one page wide and the pager that places its sections and page breaks. Apart from
 * sheet-builder.ts (which every run needs, for the Change Log) so the add-in's first bundle does not carry it: the
 * report's own webpack chunk does (docs: BENCHMARKS.md, "The add-in's bundle").
 */
import { percentFromFraction } from "../percent";
import type { RowSpec, SheetBuilder } from "./sheet-builder";

/** Excel's number format for whole amounts in a currency: '"£"#,##0;-"£"#,##0' for "£". */
export function moneyFormat(symbol: string): string {
  const q = `"${symbol.replace(/"/g, "")}"`;
  return `${q}#,##0;-${q}#,##0`;
}

/**
 * A variance in words as well as sign, so a meeting never reads an underspend as an overspend: 7100 shows as
 * "£7,100 over", -7100 as "£7,100 under" (the cell keeps its signed number for anyone who sums it).
 */
export function varianceFormat(symbol: string): string {
  const q = `"${symbol.replace(/"/g, "")}"`;
  return `${q}#,##0" over";${q}#,##0" under";${q}0`;
}
export const VARIANCE_PERCENT = '0.0%" over";0.0%" under";0.0%';

/** A4 landscape with Excel's normal margins (0.7" sides, 0.75" top and bottom), in points. */
export const A4_LANDSCAPE = { width: 841.89 - 2 * 0.7 * 72, height: 595.28 - 2 * 0.75 * 72 };

/** Points a column of `chars` characters takes in print at 100% (Calibri 11: 7 px a character plus 5 px). */
export function columnPoints(chars: number): number {
  return Math.trunc(chars * 7 + 5) * 0.75;
}

/** The whole percent at which columns of these widths fit one page wide. */
export function scaleToFit(widths: readonly number[], pageWidth = A4_LANDSCAPE.width): number {
  const total = widths.reduce((n, w) => n + columnPoints(w), 0);
  return Math.max(10, Math.min(100, Math.floor(percentFromFraction(pageWidth / total))));
}

export interface Block {
  /** Section heading rows, kept on the page with the table header and the first rows. */
  heading?: RowSpec[];
  /** The table's header rows, repeated at the top of every page the table runs onto. */
  header?: RowSpec[];
  rows: RowSpec[];
  /** The heading written above the repeated header on a continuation page ("Exceptions (continued)"). */
  continued?: RowSpec[];
  /** Rows kept with the heading, and the fewest rows a continuation page may hold (default 3). */
  keep?: number;
  /** Notes under the table: they follow its last rows and never count as the rows a last page must hold. */
  notes?: RowSpec[];
}

/**
 * Lays blocks down the sheet page by page: a heading never ends a page (it moves to the next with its table's
 * header and first rows), a table that runs across pages repeats its header with a "continued" heading, and
 * the last page of a table never holds fewer than `keep` rows when rows can move to it. Page breaks are
 * recorded in the builder; heights are those build() gives.
 */
export class Pager {
  used = 0;
  /** The row of the last block's (first) header row, where it had one. */
  lastHeaderRow: number | null = null;
  constructor(
    private readonly b: SheetBuilder,
    /** Sheet points a page holds (printable height divided by the scale). */
    readonly capacity: number,
    /** Points the repeated print title rows take at the top of every page. */
    readonly titleHeight: number,
  ) {}

  private breakBefore(row: number): void {
    if (row > 0 && !this.b.rowBreaks.includes(row)) this.b.rowBreaks.push(row);
    this.used = this.titleHeight;
  }

  /** A blank row between sections (dropped at the top of a page). */
  gap(r: number): number {
    if (this.used + 15 > this.capacity) return r;
    this.used += 15;
    return r + 1;
  }

  block(r: number, blk: Block): number {
    const b = this.b;
    const heading = blk.heading ?? [];
    const header = blk.header ?? [];
    const continued = blk.continued ?? heading;
    const sum = (specs: RowSpec[]) => specs.reduce((n, s) => n + b.measure(s), 0);
    const hh = sum(heading);
    const th = sum(header);
    const ch = sum(continued);
    const notes = blk.notes ?? [];
    const rows = notes.length ? [...blk.rows, ...notes] : blk.rows;
    const tableRows = blk.rows.length;
    const rh = rows.map((s) => b.measure(s));
    // A short table stays whole: it moves to the next page rather than split.
    const whole = hh + th + rh.reduce((n, h) => n + h, 0) <= this.capacity * 0.35;
    const keep = whole ? rh.length : Math.min(blk.keep ?? 3, tableRows);
    const first = hh + th + rh.slice(0, keep).reduce((n, h) => n + h, 0);
    if (this.used > this.titleHeight && this.used + first > this.capacity) this.breakBefore(r);
    // Plan where the rows break, then keep the last page from holding only a leftover few.
    const breaks: number[] = [];
    let used = this.used + hh + th;
    let onPage = 0;
    for (let i = 0; i < rh.length; i++) {
      if (onPage > 0 && used + rh[i]! > this.capacity) {
        breaks.push(i);
        used = this.titleHeight + ch + th;
        onPage = 0;
      }
      used += rh[i]!;
      onPage++;
    }
    if (breaks.length > 0) {
      const last = breaks[breaks.length - 1]!;
      const before = breaks.length > 1 ? breaks[breaks.length - 2]! : 0;
      // The table rows on the last page (its notes follow them and do not count).
      const tail = Math.max(0, tableRows - last);
      if (tail < keep && tableRows - keep > before) breaks[breaks.length - 1] = tableRows - keep;
    }
    for (const s of heading) {
      b.writeRow(r++, s);
      this.used += b.measure(s);
    }
    this.lastHeaderRow = header.length ? r : null;
    for (const s of header) {
      b.writeRow(r++, s);
      this.used += b.measure(s);
    }
    const breakSet = new Set(breaks);
    rows.forEach((s, i) => {
      if (breakSet.has(i)) {
        this.breakBefore(r);
        for (const c of [...continued, ...header]) {
          b.writeRow(r++, c);
          this.used += b.measure(c);
        }
      }
      b.writeRow(r++, s);
      this.used += rh[i]!;
    });
    return r;
  }
}
