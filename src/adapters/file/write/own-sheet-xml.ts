/**
 * The tool's own sheets (a SheetLayout each) written straight to worksheet XML, a block of rows at a time, with
 * their cell formats added to the workbook's styles part. No workbook model is built, so a 200,000-row history
 * costs its text and nothing more.
 */
import { Readable } from "node:stream";
import type { CellStyle, LayoutValue, SheetLayout } from "../../../engine/plan";
import type { Styles } from "../styles";
import { escapeXml } from "../xml";
import { excelColOf, excelRowOf } from "../../../engine/coords";
import { columnLetters as letters } from "../../../engine/grid";
import { eachCell, RowScanner } from "../sheet-rows";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const argb = (hex: string): string => "FF" + hex.replace("#", "").toUpperCase();

/** A cell format for a layout style and number format, added to the styles part (once per distinct pair). */
function styler(styles: Styles): (style: CellStyle | undefined, fmt: string | null) => number {
  const p = styles.prefix;
  const cache = new Map<string, number>();
  // By the style object and the format first (the layout's style runs share their objects), so a cell costs a
  // lookup, not a JSON.stringify; equal styles in different objects still meet in `cache`.
  const byObject = new Map<CellStyle | undefined, Map<string | null, number>>();
  return (style, fmt) => {
    let forStyle = byObject.get(style);
    if (!forStyle) byObject.set(style, (forStyle = new Map()));
    const quick = forStyle.get(fmt);
    if (quick !== undefined) return quick;
    const s = style ?? {};
    const key = JSON.stringify([s, fmt]);
    const known = cache.get(key);
    if (known !== undefined) {
      forStyle.set(fmt, known);
      return known;
    }
    const font =
      `<${p}font>${s.bold ? `<${p}b/>` : ""}${s.italic ? `<${p}i/>` : ""}<${p}sz val="${s.fontSize ?? 11}"/>` +
      (s.fontColor ? `<${p}color rgb="${argb(s.fontColor)}"/>` : `<${p}color theme="1"/>`) +
      `<${p}name val="Calibri"/><${p}family val="2"/></${p}font>`;
    const attrs: string[] = [];
    const numFmtId = fmt === null ? 0 : styles.numFmtId(fmt);
    attrs.push(`numFmtId="${numFmtId}"`, `fontId="${styles.addFont(font)}"`);
    if (s.fill)
      attrs.push(
        `fillId="${styles.addFill(`<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(s.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`)}"`,
      );
    else attrs.push('fillId="0"');
    if (s.border) {
      const color = s.borderColor ? `<${p}color rgb="${argb(s.borderColor)}"/>` : "";
      const side = (n: string) => `<${p}${n} style="thin">${color}</${p}${n}>`;
      attrs.push(
        `borderId="${styles.addBorder(`<${p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${p}diagonal/></${p}border>`)}"`,
      );
    } else attrs.push('borderId="0"');
    attrs.push('xfId="0"');
    if (numFmtId !== 0) attrs.push('applyNumberFormat="1"');
    attrs.push('applyFont="1"');
    if (s.fill) attrs.push('applyFill="1"');
    if (s.border) attrs.push('applyBorder="1"');
    let alignment = "";
    if (s.wrap !== undefined || s.hAlign || s.vAlign) {
      attrs.push('applyAlignment="1"');
      alignment =
        `<${p}alignment` +
        (s.hAlign ? ` horizontal="${s.hAlign}"` : "") +
        (s.vAlign ? ` vertical="${s.vAlign}"` : "") +
        (s.wrap ? ' wrapText="1"' : "") +
        "/>";
    }
    const id = styles.addXf(
      alignment ? `<${p}xf ${attrs.join(" ")}>${alignment}</${p}xf>` : `<${p}xf ${attrs.join(" ")}/>`,
    );
    cache.set(key, id);
    forStyle.set(fmt, id);
    return id;
  };
}

/**
 * What `ownSheetPieces` yields besides text: where a segment of the part starts (segmented-part.ts writes the
 * tool's growing sheets as separately compressed segments): `start`, the first of a run of rows (every row
 * before it has a lower sheet row, every row from it on this one or higher); `tail`, the part after the rows
 * (the row one past the last); `key`, a row's value in the key column the caller asked for (a number, a text,
 * or null for no value), for the segment it is in.
 */
export type SheetMark = { start: number } | { tail: number } | { key: number | string | null };
export type SheetPiece = string | SheetMark;

export interface AppendTo {
  old: Readable;
  from: number;
  shift?: number;
}

/**
 * The layout as worksheet XML, streamed in blocks of rows. Style indexes are made as rows are written, so the
 * styles part must be serialised after the stream has ended.
 */
/**
 * Text whose spaces an XML reader may fold unless told to keep them (`xml:space="preserve"`): a leading or
 * trailing space, a run of them, a tab or a line break. Other text is written without the attribute, as Excel
 * writes it (a fifth of a RAG History row's bytes).
 */
const SPACED = /^\s|\s$|\s\s|[\t\n\r]/;
const PRESERVE = ' xml:space="preserve"';

export function ownSheetStream(
  layout: SheetLayout,
  styles: Styles,
  value: (v: LayoutValue, format: string | null) => LayoutValue,
  append?: AppendTo,
): Readable {
  const pieces = ownSheetPieces(layout, styles, value, append);
  return Readable.from(
    (async function* () {
      let run = "";
      for await (const p of pieces) {
        if (typeof p !== "string") continue;
        run += p;
        if (run.length >= 64 * 1024) {
          yield Buffer.from(run, "utf8");
          run = "";
        }
      }
      if (run.length > 0) yield Buffer.from(run, "utf8");
    })(),
  );
}

/**
 * The layout's worksheet XML in pieces, with marks where its rows start, where the rows of this run start and
 * where the part after the rows starts (`SheetMark`); `keyColumn` asks for each row's key too. With `append`,
 * the sheet the tool wrote last time is kept up to the layout's row `append.from`, as `ownSheetStream` says.
 */
export async function* ownSheetPieces(
  layout: SheetLayout,
  styles: Styles,
  value: (v: LayoutValue, format: string | null) => LayoutValue,
  append?: AppendTo,
  keyColumn?: number,
): AsyncGenerator<SheetPiece> {
  const w = ownSheetWriter(layout, styles, value, append?.from ?? 0, append?.shift ?? 0, keyColumn);
  if (!append) {
    yield w.head() + "<sheetData>";
    yield* w.rowBlocks(0, 1);
    yield { start: 1 };
    yield* w.rowBlocks(1);
    yield { tail: layout.values.length };
    yield w.tail();
    return;
  }
  // The sheet the tool wrote last time, kept byte for byte up to the layout's first new row (its sheet row
  // `from + shift`), then the layout's rows from there: a history that grows each quarter costs only its new
  // rows. What follows the rows (print setup, ...) is kept as it was.
  const old = append.old;
  const shift = append.shift ?? 0;
  const keepBelow = append.from + shift;
  const tailRow = layout.values.length > append.from ? layout.values.length + shift : keepBelow;
  const decoder = new TextDecoder("utf-8");
  const out: SheetPiece[] = [];
  let dropping = false;
  let started = false;
  const newRows = function* (): Generator<SheetPiece> {
    yield { start: keepBelow };
    yield* w.rowBlocks(append.from);
    yield { tail: tailRow };
  };
  const scanner = new RowScanner({
    head: (t) => {
      out.push(t);
    },
    open: (tag, prefix, empty) => {
      if (prefix !== "") throw new Error("the sheet to append to is not one the tool wrote");
      if (!empty) out.push(tag);
      else {
        out.push("<sheetData>", ...newRows(), "</sheetData>");
      }
    },
    gap: (t) => {
      if (!dropping) out.push(t);
    },
    row: (xml, index) => {
      if (index < keepBelow) {
        if (index >= 1 && !started) {
          started = true;
          out.push({ start: index });
        }
        if (keyColumn !== undefined && index >= 1) out.push({ key: keyOfRowXml(xml, keyColumn) });
        out.push(xml);
      } else dropping = true;
    },
    end: (tag) => {
      out.push(...newRows(), tag);
    },
    tail: (t) => {
      out.push(t);
    },
  });
  function* pieces(): Generator<SheetPiece> {
    let run = "";
    for (const t of out) {
      if (typeof t !== "string") {
        if (run.length > 0) yield run;
        run = "";
        yield t;
        continue;
      }
      run += t;
      if (run.length >= 64 * 1024) {
        yield run;
        run = "";
      }
    }
    if (run.length > 0) yield run;
    out.length = 0;
  }
  for await (const chunk of old as AsyncIterable<Buffer>) {
    scanner.push(decoder.decode(chunk, { stream: true }));
    // The kept rows of this chunk as one piece, the new rows in their blocks.
    yield* pieces();
  }
  scanner.push(decoder.decode());
  scanner.finish();
  yield* pieces();
}

const SERIAL = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*<\//;

/**
 * A written row's key, as the reader's windows see it (read-sheet.ts, `RecentRows`, and read-workbook.ts's
 * `historyRows`): null for no cell content in the key column, the number in its `<v>` if it has one, else the
 * content as text.
 */
export function keyOfRowXml(xml: string, keyColumn: number): number | string | null {
  let key: number | string | null = null;
  eachCell(xml, (c) => {
    if (c.col < keyColumn) return true;
    if (c.col === keyColumn && c.inner) {
      const m = SERIAL.exec(c.inner);
      key = m ? Number(m[1]) : c.inner;
    }
    return false;
  });
  return key;
}

/** The pieces of a layout's worksheet XML: the part before the rows, blocks of rows, the part after them. */
export function ownSheetWriter(
  layout: SheetLayout,
  styles: Styles,
  value: (v: LayoutValue, format: string | null) => LayoutValue,
  firstRow: number,
  shift: number,
  keyColumn?: number,
): {
  head(): string;
  rowBlocks(from: number, to?: number): Generator<SheetPiece>;
  tail(): string;
} {
  const styleOf = styler(styles);
  // Each cell's style: the layout's styles are resolved rectangles that never overlap, each with its whole style.
  const cellStyles = new Map<number, CellStyle>();
  const key = (r: number, c: number) => r * 16384 + c;
  for (const run of layout.styles) {
    for (let r = Math.max(run.row, firstRow); r < run.row + run.rows; r++) {
      for (let c = run.col; c < run.col + run.cols; c++) cellStyles.set(key(r, c), run.style);
    }
  }
  /** Rows from `from` (up to `to`) as XML, in blocks; the caller joins them. */
  function* rowBlocks(from: number, to?: number): Generator<SheetPiece> {
    const height = Math.min(layout.values.length, to ?? Infinity);
    const width = layout.values.length > 0 ? layout.values[0]!.length : 0;
    let block = "";
    for (let r = from; r < height; r++) {
      const row = layout.values[r]!;
      const ht = layout.rowHeights[r];
      let cells = "";
      let rowKey: number | string | null = null;
      for (let c = 0; c < width; c++) {
        const fmt = layout.numberFormats[r]?.[c] ?? null;
        const v = value(row[c] ?? null, fmt);
        if (c === keyColumn && v !== null) rowKey = typeof v === "boolean" ? String(v) : v;
        const st = cellStyles.get(key(r, c));
        if (v === null && st === undefined && fmt === null) continue;
        const s = st === undefined && fmt === null ? 0 : styleOf(st, fmt);
        const ref = `${letters(c)}${excelRowOf(r + shift)}`;
        const sAttr = s ? ` s="${s}"` : "";
        if (v === null) cells += `<c r="${ref}"${sAttr}/>`;
        else if (typeof v === "number") cells += `<c r="${ref}"${sAttr}><v>${v}</v></c>`;
        else if (typeof v === "boolean") cells += `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
        else
          cells += `<c r="${ref}"${sAttr} t="inlineStr"><is><t${SPACED.test(v) ? PRESERVE : ""}>${escapeXml(v)}</t></is></c>`;
      }
      if (cells || ht != null) {
        if (keyColumn !== undefined) yield { key: rowKey };
        block += `<row r="${excelRowOf(r + shift)}"${ht != null ? ` ht="${ht}" customHeight="1"` : ""}>${cells}</row>`;
      }
      if (block.length > 256 * 1024) {
        yield block;
        block = "";
      }
    }
    yield block;
  }
  function head(): string {
    let head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;
    const pr = layout.print;
    if (layout.tabColor || pr)
      head +=
        "<sheetPr>" +
        (layout.tabColor ? `<tabColor rgb="${argb(layout.tabColor)}"/>` : "") +
        (pr ? '<pageSetUpPr fitToPage="1"/>' : "") +
        "</sheetPr>";
    head += '<sheetViews><sheetView workbookViewId="0">';
    if (layout.freezeRows)
      head += `<pane ySplit="${layout.freezeRows}" topLeftCell="A${layout.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${layout.freezeRows + 1}" sqref="A${layout.freezeRows + 1}"/>`;
    head += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
    const widths = layout.columnWidths
      .map((w, i) =>
        w ? `<col min="${excelColOf(i)}" max="${excelColOf(i)}" width="${w}" customWidth="1"/>` : "",
      )
      .join("");
    if (widths) head += `<cols>${widths}</cols>`;
    return head;
  }
  function tail(): string {
    const pr = layout.print;
    let tail = "</sheetData>";
    if (layout.merges.length > 0)
      tail +=
        `<mergeCells count="${layout.merges.length}">` +
        layout.merges
          .map(
            (m) =>
              `<mergeCell ref="${letters(m.col)}${excelRowOf(m.row)}:${letters(m.col + m.cols - 1)}${excelRowOf(m.row + m.rows - 1)}"/>`,
          )
          .join("") +
        "</mergeCells>";
    tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (pr)
      tail +=
        `<pageSetup paperSize="9"${pr.firstPageNumber !== undefined ? ` firstPageNumber="${pr.firstPageNumber}"` : ""}` +
        ` orientation="${pr.orientation}" fitToWidth="${pr.fitToPagesWide}" fitToHeight="0"` +
        `${pr.firstPageNumber !== undefined ? ' useFirstPageNumber="1"' : ""}/>`;
    if (pr?.footer) {
      const f = pr.footer;
      const text = `${f.left ? "&L" + f.left : ""}${f.center ? "&C" + f.center : ""}${f.right ? "&R" + f.right : ""}`;
      tail += `<headerFooter><oddFooter>${escapeXml(text)}</oddFooter></headerFooter>`;
    }
    // Manual page breaks: a page that starts at row r breaks below the row before it (its Excel number).
    const breaks = (pr?.rowBreaks ?? []).filter((r) => r > 0);
    if (breaks.length > 0)
      tail +=
        `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">` +
        breaks.map((r) => `<brk id="${excelRowOf(r - 1)}" max="16383" man="1"/>`).join("") +
        "</rowBreaks>";
    return tail + "</worksheet>";
  }
  return { head, rowBlocks, tail };
}
