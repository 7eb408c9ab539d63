/**
 * The one streaming row scanner over a worksheet part's XML, shared by the reader (read-sheet.ts), the sheet
 * rewriter (sheet-rewrite.ts) and the own-sheet appender (own-sheet-xml.ts), so all three see the same rows and
 * the same cells. The text is fed chunk by chunk; each `<row>` of `<sheetData>` is handed over whole with its
 * sheet row (a RowIndex), and everything else (the part before the rows, the text between rows, the part after them) is
 * handed over as it is, so a caller that writes back what it is given reproduces the part byte for byte.
 *
 * A row's index is its `r` attribute; a row without one takes its first cell's reference, else the row after the
 * one before. A cell's column is its `r` reference; a cell without one is the column after the cell before it.
 * Any namespace prefix is accepted (`x:row`), as other tools write them.
 */
import type { ColIndex, RowIndex } from "../../engine/coords";
import { colIndexOf, rowIndexOf } from "../../engine/coords";

/** The sheet row and column of an "AB12" reference ("$" signs allowed). */
export function parseRef(ref: string): [RowIndex, ColIndex] {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
  }
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
  }
  return [rowIndexOf(row), colIndexOf(col)];
}

export interface RowScanHandlers {
  /** The part before the `<sheetData>` open tag, as it is (in pieces, cut between tags, when it is huge). */
  head?(text: string): void;
  /**
   * The `<sheetData>` open tag, once. `prefix` is the namespace prefix of sheetData with its colon (or "");
   * `empty` is true for a self-closing `<sheetData/>` (no rows follow).
   */
  open?(sheetDataTag: string, prefix: string, empty: boolean): void;
  /** Text between rows (whitespace, comments), as it is. */
  gap?(text: string): void;
  /** One whole row element and its sheet row. */
  row(xml: string, index: RowIndex): void;
  /** The `</sheetData>` close tag (not called for a self-closing sheetData). */
  end?(closeTag: string): void;
  /** The part after the rows, in pieces, as it is. */
  tail?(text: string): void;
}

const SHEET_DATA = /<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(\/?)>/;
// An attribute's value is in double or single quotes, with spaces allowed around "=" (XML 1.0, "Eq"): Excel writes
// `r="1"`, other tools `r='1'`.
const ROW_R = /^<[^>]*?\sr\s*=\s*(?:"(\d+)"|'(\d+)')/;
const FIRST_CELL_REF = /<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*(?:"([A-Za-z$]+\$?\d+)"|'([A-Za-z$]+\$?\d+)')/;

/** Feeds a worksheet part's text through the handlers; call `push` per chunk and `finish` at the end. */
export class RowScanner {
  private state: "head" | "data" | "tail" = "head";
  private buf = "";
  private p = "";
  private rowOpen: RegExp | null = null;
  private endTag = "";
  private rowClose = "";
  private lastRow: RowIndex = -1;
  /** Where the last scan stopped searching for a close tag (in the row left unfinished), so none is searched twice. */
  private resume = 0;

  constructor(private readonly h: RowScanHandlers) {}

  /** The namespace prefix of the sheet's rows (with its colon, or ""), once the head has been seen. */
  get prefix(): string {
    return this.p;
  }

  push(text: string): void {
    this.buf += text;
    this.scan(false);
  }

  /** Ends the part; throws when the part has no sheetData or its rows never end. */
  finish(): void {
    this.scan(true);
    if (this.state === "head") throw new Error("no sheet data");
    if (this.state === "data") throw new Error("the sheet's rows end before the sheet does");
  }

  private scan(final: boolean): void {
    if (this.state === "head") {
      const m = SHEET_DATA.exec(this.buf);
      if (!m) {
        // A huge head (no rows yet): hand it on up to a tag's end, keeping what may hold the start of sheetData.
        if (this.buf.length > 1_000_000 && !final) {
          const cut = this.buf.lastIndexOf(">", this.buf.length - 1000) + 1;
          if (cut > 0) {
            this.h.head?.(this.buf.slice(0, cut));
            this.buf = this.buf.slice(cut);
          }
        }
        return;
      }
      this.p = m[1] ?? "";
      const empty = m[2] === "/";
      if (m.index > 0) this.h.head?.(this.buf.slice(0, m.index));
      this.h.open?.(m[0], this.p, empty);
      this.buf = this.buf.slice(m.index + m[0].length);
      this.state = empty ? "tail" : "data";
      this.rowOpen = new RegExp(`<${this.p}row\\b`, "g");
      this.endTag = `</${this.p}sheetData>`;
      this.rowClose = `</${this.p}row>`;
    }
    if (this.state === "data") {
      const buf = this.buf;
      const rowOpen = this.rowOpen!;
      let i = 0;
      const resume = this.resume;
      this.resume = 0;
      // Where the rows end, if this much of the part holds it (searched once, not once per row).
      const se = buf.indexOf(this.endTag, resume);
      for (;;) {
        rowOpen.lastIndex = i;
        const ro = rowOpen.exec(buf);
        if (se >= 0 && (!ro || se < ro.index)) {
          if (se > i) this.h.gap?.(buf.slice(i, se));
          this.h.end?.(this.endTag);
          i = se + this.endTag.length;
          this.state = "tail";
          break;
        }
        if (!ro) {
          // No row starts in what is left: hand it on but for a tail that may hold the start of a tag, so text
          // between rows (a part of nothing but whitespace: a bomb) is not searched again with every chunk.
          const keep = Math.max(i, buf.length - 256);
          if (keep > i) this.h.gap?.(buf.slice(i, keep));
          i = keep;
          break;
        }
        const gt = buf.indexOf(">", ro.index);
        if (gt < 0) break;
        let stop: number;
        if (buf.charCodeAt(gt - 1) === 47 /* / */) stop = gt + 1;
        else {
          const c = buf.indexOf(this.rowClose, Math.max(gt, resume));
          if (c < 0) {
            // A row longer than this chunk: what was searched is not searched again.
            if (ro.index > i) this.h.gap?.(buf.slice(i, ro.index));
            this.resume = Math.max(0, buf.length - ro.index - 256);
            i = ro.index;
            break;
          }
          stop = c + this.rowClose.length;
        }
        if (ro.index > i) this.h.gap?.(buf.slice(i, ro.index));
        const xml = buf.slice(ro.index, stop);
        this.h.row(xml, this.indexOf(xml));
        i = stop;
      }
      this.buf = buf.slice(i);
    }
    if (this.state === "tail") {
      if (this.buf.length > 0) this.h.tail?.(this.buf);
      this.buf = "";
    }
  }

  private indexOf(xml: string): RowIndex {
    const r = ROW_R.exec(xml);
    let index: RowIndex;
    if (r) index = rowIndexOf(Number(r[1] ?? r[2]));
    else {
      const c = FIRST_CELL_REF.exec(xml);
      index = c ? parseRef((c[1] ?? c[2])!)[0] : this.lastRow + 1;
      if (index < 0) index = this.lastRow + 1;
    }
    this.lastRow = index;
    return index;
  }
}

/** One cell of a row, as `eachCell` finds it (one object, reused from cell to cell: copy what you keep). */
export interface ScannedCell {
  /** Where the cell's element starts and ends in the row's XML. */
  start: number;
  end: number;
  /** The open tag's attributes (after the name). */
  attrs: string;
  /** The element's content (undefined for a self-closing cell). */
  inner: string | undefined;
  col: ColIndex;
  /** Whether the cell carries its own `r` reference. */
  hasRef: boolean;
}

/** [\w.-]: a character of an element's name or its prefix. */
const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
/** \w: what a word boundary (\b) tells from the rest. */
const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The value of the first `name="…"` attribute preceded by whitespace in a tag's attributes (undefined when there
 * is none): what `/\sname="([^"]*)"/` finds, without a pattern. With `digits`, only a value of one or more
 * digits counts (`/\sname="(\d+)"/`). Where there is none, the same attribute in single quotes or with spaces
 * around "=" (`name='…'`, `name = "…"`: legal XML that tools other than Excel write) counts too.
 */
export function attrValue(attrs: string, name: string, digits = false): string | undefined {
  const from = attrSpan(attrs, name, digits);
  return from < 0 ? undefined : attrs.slice(from, spanEnd);
}

/** Where `attrSpan`'s value ends (its closing quote). */
let spanEnd = 0;

/** Where attrValue's value starts in `attrs` (its end in `spanEnd`), or -1 when it finds none; no string made. */
function attrSpan(attrs: string, name: string, digits: boolean): number {
  const open = `${name}="`;
  for (let i = attrs.indexOf(open, 1); i > 0; i = attrs.indexOf(open, i + 1)) {
    if (!isSpace(attrs.charCodeAt(i - 1))) continue;
    const from = i + open.length;
    const end = attrs.indexOf('"', from);
    if (end < 0) return -1;
    if (digits && !allDigits(attrs, from, end)) continue;
    spanEnd = end;
    return from;
  }
  return otherQuoting(attrs) ? otherSpan(attrs, name, digits) : -1;
}

/** Whether `attrs[from..end)` is one or more digits. */
function allDigits(attrs: string, from: number, end: number): boolean {
  let ok = end > from;
  for (let k = from; ok && k < end; k++) {
    const c = attrs.charCodeAt(k);
    ok = c >= 48 && c <= 57;
  }
  return ok;
}

/**
 * Whether a tag's attributes may hold one written otherwise than `name="…"`: a single quote, or a space beside an
 * "=" (three searches of a short string; a tab or a line break beside an "=", legal too, is not looked for: no
 * writer is known to put one there).
 */
function otherQuoting(attrs: string): boolean {
  return attrs.indexOf("'") >= 0 || attrs.indexOf(" =") >= 0 || attrs.indexOf("= ") >= 0;
}

/** attrSpan for a `name='…'` attribute, or one with spaces around its "=" (either quote). */
function otherSpan(attrs: string, name: string, digits: boolean): number {
  for (let i = attrs.indexOf(name, 1); i > 0; i = attrs.indexOf(name, i + 1)) {
    if (!isSpace(attrs.charCodeAt(i - 1))) continue;
    let k = i + name.length;
    while (isSpace(attrs.charCodeAt(k))) k++;
    if (attrs.charCodeAt(k) !== 61 /* = */) continue;
    k++;
    while (isSpace(attrs.charCodeAt(k))) k++;
    const q = attrs.charCodeAt(k);
    if (q !== 34 /* " */ && q !== 39 /* ' */) continue;
    const from = k + 1;
    const end = attrs.indexOf(q === 34 ? '"' : "'", from);
    if (end < 0) return -1;
    if (digits && !allDigits(attrs, from, end)) continue;
    spanEnd = end;
    return from;
  }
  return -1;
}

/** A cell's types as written, each one string (so reading a cell's `t=` makes none). */
const CELL_TYPES = ["inlineStr", "s", "str", "n", "b", "e", "d"];

/** `attrValue(attrs, "t")`, with the usual types given as constant strings. */
export function cellTypeOf(attrs: string): string | undefined {
  const from = attrSpan(attrs, "t", false);
  if (from < 0) return undefined;
  const n = spanEnd - from;
  for (const t of CELL_TYPES) if (t.length === n && attrs.startsWith(t, from)) return t;
  return attrs.slice(from, spanEnd);
}

/** `Number(attrValue(attrs, name, true))`, or -1 when there is none: no string made for it. */
export function attrDigits(attrs: string, name: string): number {
  const from = attrSpan(attrs, name, true);
  if (from < 0) return -1;
  const end = spanEnd;
  if (end - from > 15) return Number(attrs.slice(from, end));
  let v = 0;
  for (let k = from; k < end; k++) v = v * 10 + (attrs.charCodeAt(k) - 48);
  return v;
}

/** The column of the cell reference in a cell's `r` attribute (`parseRef(attrValue(attrs, "r"))[1]`), or -2. */
function refColumn(attrs: string): number {
  const from = attrSpan(attrs, "r", false);
  if (from < 0) return -2;
  let col = 0;
  for (let k = from; k < spanEnd; k++) {
    const c = attrs.charCodeAt(k);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break;
  }
  return col - 1;
}

/** Where a `</c>` close tag (any prefix) that starts at `q` (a "</") ends, or -1 when none starts there. */
function closeEnd(xml: string, q: number): number {
  let k = q + 2;
  if (xml.charCodeAt(k) === 99 /* c */ && xml.charCodeAt(k + 1) === 62 /* > */) return k + 2;
  while (isNameChar(xml.charCodeAt(k))) k++;
  return k > q + 2 &&
    xml.charCodeAt(k) === 58 /* : */ &&
    xml.charCodeAt(k + 1) === 99 &&
    xml.charCodeAt(k + 2) === 62
    ? k + 3
    : -1;
}

/**
 * The cell element whose name ("c") is at `p`, or false: a word boundary after the name, the open tag's
 * attributes up to its first ">", then either "/>" or content up to the first `</c>` (any prefix).
 */
function cellFrom(xml: string, p: number, cell: ScannedCell): boolean {
  if (xml.charCodeAt(p) !== 99 /* c */ || isWordChar(xml.charCodeAt(p + 1))) return false;
  const gt = xml.indexOf(">", p + 1);
  if (gt < 0) return false;
  if (xml.charCodeAt(gt - 1) === 47 /* / */) {
    cell.attrs = xml.slice(p + 1, gt - 1);
    cell.inner = undefined;
    cell.end = gt + 1;
    return true;
  }
  for (let q = xml.indexOf("</", gt + 1); q >= 0; q = xml.indexOf("</", q + 1)) {
    const end = closeEnd(xml, q);
    if (end < 0) continue;
    cell.attrs = xml.slice(p + 1, gt);
    cell.inner = xml.slice(gt + 1, q);
    cell.end = end;
    return true;
  }
  return false;
}

/**
 * Calls `fn` for each cell of a row's XML, in order, with its column; `fn` returning false stops the scan. A cell
 * is what `/<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g` matches (any prefix, self-closing or
 * with content), found with indexOf instead of that pattern: the same cells, several times faster.
 */
export function eachCell(rowXml: string, fn: (cell: ScannedCell) => boolean | void): void {
  const cell: ScannedCell = { start: 0, end: 0, attrs: "", inner: undefined, col: -1, hasRef: false };
  let col = -1;
  let from = rowXml.indexOf(">") + 1;
  for (let lt = rowXml.indexOf("<", from); lt >= 0; lt = rowXml.indexOf("<", from)) {
    // The name with a prefix first (as the pattern tries it), then without.
    const j = lt + 1;
    let k = j;
    while (isNameChar(rowXml.charCodeAt(k))) k++;
    const found =
      (k > j && rowXml.charCodeAt(k) === 58 /* : */ && cellFrom(rowXml, k + 1, cell)) ||
      cellFrom(rowXml, j, cell);
    if (!found) {
      from = lt + 1;
      continue;
    }
    const refCol = refColumn(cell.attrs);
    if (refCol !== -2) col = colIndexOf(refCol + 1);
    else col++;
    cell.start = lt;
    cell.col = col;
    cell.hasRef = refCol !== -2;
    if (fn(cell) === false) break;
    from = cell.end; // fn may scan other rows
  }
}
