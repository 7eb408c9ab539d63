/**
 * Streaming reads of a package's shared strings (saxes) and worksheets (a row scanner) into the engine's grids:
 * one pass over the inflated part, chunk by chunk, never a document tree or a workbook model. Cells give what Office.js gives:
 * formulas their cached results, rich text its text, errors their "#REF!" strings, dates (cells with a date
 * format) as Dates of the day shown, and the covered cells of a merge as empty.
 */
import type { ColIndex, RowIndex } from "../../../engine/coords";
import type JSZip from "jszip";
import { SaxesParser } from "saxes";
import type { CellValue, SheetGrid } from "../../../engine/grid";
import { InputError } from "../errors";
import { damagedPart, StopReading, streamPart } from "../package";
import { failAsXmlSyntax } from "../xml";
import type { Styles } from "../styles";
import { columnLetters as colLetters } from "../../../engine/grid";
import { attrDigits, cellTypeOf, eachCell, parseRef, RowScanner } from "../sheet-rows";
import { serialOfUnixEpoch } from "../../../engine/dates";
import type { SegmentWindow } from "../segments";
import { segmentsOf, streamSegments, windowStart } from "../segments";

export { parseRef };

/** A sheet bigger than this (in cells of its rows' extents) is refused rather than read. */
export const MAX_GRID_CELLS = 20_000_000;

const local = (name: string): string => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

export async function readSharedStrings(path: string, zip: JSZip, part: string): Promise<string[]> {
  const out: string[] = [];
  let text = "";
  let inT = false;
  let depthPhonetic = 0;
  const p = new SaxesParser({ position: false });
  failAsXmlSyntax(p);
  p.on("opentag", (t) => {
    const n = local(t.name);
    if (n === "si") text = "";
    else if (n === "t" && depthPhonetic === 0) inT = true;
    else if (n === "rPh") depthPhonetic++;
  });
  p.on("closetag", (t) => {
    const n = local(t.name);
    if (n === "si") out.push(text);
    else if (n === "t") inT = false;
    else if (n === "rPh") depthPhonetic--;
  });
  p.on("text", (s) => {
    if (inT) text += s;
  });
  const decoder = new TextDecoder("utf-8");
  try {
    await streamPart(path, zip, part, (c) => p.write(decoder.decode(c, { stream: true })));
    p.close();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw damagedPart(path, part, e);
  }
  return out;
}

export interface ReadSheet {
  grid: SheetGrid;
  /** Merged areas: top left cell and size. */
  merges: { row: RowIndex; col: ColIndex; rows: number; cols: number }[];
  /** "A5" cells holding a formula with no cached result. */
  uncalculated: string[];
  /** Index into the grid's rows → columns of the cells that hold a formula (the grid's `formulas`). */
  formulaCells: Map<number, Set<number>>;
  /**
   * Sheet rows left out of the grid by a `RecentRows` window (0 when the grid is the whole sheet): the grid's row
   * 0 is the sheet's row 0 (the header) and its row i ≥ 1 is the sheet's row i + dropped.
   */
  dropped: number;
  /** Whether the sheet is protected (a `<sheetProtection sheet="1">`): Excel lets no one change its locked cells. */
  protected?: boolean;
  /** False when only the sheet's first rows were read (`headRows`): its grid is a head, its merges unknown. */
  complete: boolean;
}

/** Excel's last column (XFD) and row, as indexes: a cell beyond them is no cell Excel can open. */
const LAST_COL = 16_383;
const LAST_ROW = 1_048_575;

/**
 * For the tool's own sheets that only ever grow (RAG History, Change Log): read the header and the last few
 * blocks of rows only, so a run's cost does not grow with the sheet. A block starts where `startsBlock` says
 * (a new quarter, a run's summary line), from the raw XML of the cell in column `keyColumn` (null when the row
 * has none). The window applies only when the sheet's first row is exactly `header` (the layout the tool writes
 * now); any other sheet is read whole.
 */
export interface RecentRows {
  header: readonly string[];
  keyColumn: number;
  startsBlock: (key: string | null, previousKey: string | null) => boolean;
  /** How many of the last blocks are read (when `from` is not given). */
  blocks: number;
  /**
   * Or a window by value: each block's value from its key (a reporting date's serial; null when it has none),
   * and the window's start. The last block before `start` and every block from it on are read: the sheet's
   * earlier blocks are left out only while they come in order (a block of a lower value than one left out
   * keeps everything from there, so nothing the window needs is lost on a sheet someone has sorted otherwise).
   */
  from?: { value: (key: string | null) => number | null; start: number };
}

const MS_PER_DAY = 86_400_000;

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text with its entity and character references resolved. */
export function decodeXmlText(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITY[e]!,
  );
}

/** Texts up to this long are shared within a sheet's grid, up to this many of them. */
const MAX_SHARED_TEXT = 64;
const MAX_SHARED_TEXTS = 50_000;

/**
 * A copy of a string that refers to no other (a slice of a long string keeps all of it alive in V8): joining
 * makes a cons string, which slicing flattens into a new string of its own.
 */
export function ownString(s: string): string {
  return (" " + s).slice(1);
}

const V_RE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const T_RE = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g;
const RPH_RE = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;
const F_RE = /<(?:[\w.-]+:)?f\b/;

/** An inline string as the tool (and Excel) writes it: one `<t>`, no markup inside. */
const IS_T = "<is><t>";
const IS_T_KEPT = '<is><t xml:space="preserve">';
const T_IS = "</t></is>";

/** The text of an inline string's one plain `<t>` (undefined for any other content: read by the patterns). */
function plainInlineText(inner: string): string | undefined {
  if (!inner.endsWith(T_IS)) return undefined;
  const from = inner.startsWith(IS_T_KEPT) ? IS_T_KEPT.length : inner.startsWith(IS_T) ? IS_T.length : -1;
  if (from < 0) return undefined;
  const end = inner.length - T_IS.length;
  if (end < from || inner.indexOf("<", from) !== end) return undefined;
  return inner.slice(from, end);
}

/**
 * One streamed pass over a worksheet part. The cells are scanned row by row with the few patterns SpreadsheetML
 * cells have (any namespace prefix), which is several times faster than a general XML parser on large sheets;
 * the parts outside the rows are only searched for merged areas. A part that is not well-formed where it matters
 * (a row that never ends) is reported as damaged.
 */
export async function readWorksheet(
  path: string,
  zip: JSZip,
  part: string,
  name: string,
  visible: boolean,
  strings: readonly string[],
  styles: Styles | null,
  date1904: boolean,
  recent?: RecentRows,
  /** Read the part whole even where its segment index would let the window skip segments (segments.ts). */
  whole = false,
  /** Read only the sheet's rows before this one (its head), and stop inflating the part there. */
  headRows?: number,
  /** Hold a window's rows as XML to the end even when read through a segment window (see `eager`). */
  held = false,
): Promise<ReadSheet> {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const merges: ReadSheet["merges"] = [];
  const uncalculated: string[] = [];
  const formulaCells = new Map<number, Set<number>>();
  let anyFormat = false;
  let extent = 0;
  const dateOffset = serialOfUnixEpoch(date1904 ? 1904 : 1900); // serial of 1 January 1970 in each date system
  const dateXf = new Map<number, boolean>();
  const formatXf = new Map<number, string | null>();
  const isDate = (s: number) => {
    let v = dateXf.get(s);
    if (v === undefined) dateXf.set(s, (v = styles ? styles.isDateXf(s) : false));
    return v;
  };
  const formatOf = (s: number) => {
    let v = formatXf.get(s);
    if (v === undefined) formatXf.set(s, (v = styles ? styles.formatOfXf(s) : null));
    return v;
  };

  // Text cells held in the grid as strings of their own: a value sliced out of the part's XML would otherwise
  // keep the whole chunk of XML it came from alive for as long as the grid (V8 slices a string of 13 characters
  // or more as a view of its parent). The same short texts (a quarter, a sheet's name, a rating) are shared.
  const texts = new Map<string, string>();
  const own = (s: string): string => {
    const known = texts.get(s);
    if (known !== undefined) return known;
    const copy = s.length < 13 ? s : ownString(s);
    if (s.length <= MAX_SHARED_TEXT && texts.size < MAX_SHARED_TEXTS) texts.set(copy, copy);
    return copy;
  };
  const decoded = (s: string): string => own(decodeXmlText(s));

  /** A number's cell value as the general reading gives it (`<v>` text, the cell's style). */
  const numberValue = (text: string, style: number): CellValue => {
    const num = Number(text);
    if (text.trim() === "" || !Number.isFinite(num)) return text === "" ? null : decoded(text);
    if (style !== 0 && isDate(style)) return new Date(Math.round((num - dateOffset) * MS_PER_DAY));
    return num;
  };

  /**
   * A row whose cells are all as the tool (and Excel) writes the plain ones, read in one pass over its XML with no
   * string made but the values: each `<c r="A1"` with an optional `s="7"` and `t="inlineStr"`, `t="s"` or
   * `t="n"`, nothing else, and either no content, one `<v>` or one plain `<t>` (`plainInlineText`). It gives
   * exactly what the general reading below gives such a row; false for any other row (then read by the general
   * reading; `cells` may hold part of the row). Otherwise the row's formats (null when none).
   */
  const plainRow = (xml: string, sheetRow: number, cells: CellValue[]): (string | null)[] | null | false => {
    if (sheetRow > LAST_ROW || !xml.startsWith("<row") || !xml.endsWith("</row>")) return false;
    const end = xml.length - 6;
    let fmts: (string | null)[] | null = null;
    let i = xml.indexOf(">") + 1;
    while (i < end) {
      if (!xml.startsWith('<c r="', i)) return false;
      let k = i + 6;
      let c = xml.charCodeAt(k);
      if (c < 65 || c > 90) return false;
      let col = 0;
      while (c >= 65 && c <= 90) {
        col = col * 26 + (c - 64);
        c = xml.charCodeAt(++k);
      }
      if (c < 48 || c > 57) return false;
      while (c >= 48 && c <= 57) c = xml.charCodeAt(++k);
      if (c !== 34 /* " */) return false;
      k++;
      col -= 1;
      if (col > LAST_COL) return false;
      let style = 0;
      if (xml.startsWith(' s="', k)) {
        k += 4;
        const from = k;
        c = xml.charCodeAt(k);
        while (c >= 48 && c <= 57) {
          style = style * 10 + (c - 48);
          c = xml.charCodeAt(++k);
        }
        if (c !== 34 || k === from || k - from > 15) return false;
        k++;
      }
      // 0: a number (no t=, or t="n"); 1: an inline string; 2: a shared string.
      let type = 0;
      if (xml.startsWith(' t="inlineStr"', k)) {
        type = 1;
        k += 14;
      } else if (xml.startsWith(' t="s"', k)) {
        type = 2;
        k += 6;
      } else if (xml.startsWith(' t="n"', k)) k += 6;
      let v: CellValue = null;
      if (xml.charCodeAt(k) === 47 /* / */ && xml.charCodeAt(k + 1) === 62 /* > */) i = k + 2;
      else {
        if (xml.charCodeAt(k) !== 62 /* > */) return false;
        k++;
        if (type !== 1) {
          if (!xml.startsWith("<v>", k)) return false;
          const lt = xml.indexOf("<", k + 3);
          if (lt < 0 || !xml.startsWith("</v></c>", lt)) return false;
          const text = xml.slice(k + 3, lt);
          v = type === 2 ? (strings[Number(text)] ?? null) : numberValue(text, style);
          i = lt + 8;
        } else {
          const from = xml.startsWith(IS_T_KEPT, k)
            ? k + IS_T_KEPT.length
            : xml.startsWith(IS_T, k)
              ? k + IS_T.length
              : -1;
          if (from < 0) return false;
          const lt = xml.indexOf("<", from);
          if (lt < 0 || !xml.startsWith("</t></is></c>", lt)) return false;
          v = decoded(xml.slice(from, lt));
          i = lt + 13;
        }
      }
      if (v !== null && v !== "") {
        while (cells.length < col) cells.push(null);
        cells[col] = v;
      }
      if (style !== 0 && v !== null) {
        const f = formatOf(style);
        if (f !== null) {
          if (!fmts) fmts = [];
          while (fmts.length < col) fmts.push(null);
          fmts[col] = f;
        }
      }
    }
    return i === end ? fmts : false;
  };

  /** `row` is the grid row the cells go to; `sheetRow` the sheet's own row, for the cells' addresses. */
  const readRow = (xml: string, row: number, sheetRow: number = row) => {
    if (xml.charCodeAt(xml.indexOf(">") - 1) === 47 /* / */) return;
    let cells: CellValue[] = [];
    let fmts: (string | null)[] | null = null;
    const plain = plainRow(xml, sheetRow, cells);
    if (plain !== false) fmts = plain;
    else cells = [];
    if (plain === false)
      eachCell(xml, (cell) => {
        const attrs = cell.attrs;
        const inner = cell.inner;
        const col = cell.col;
        if (col > LAST_COL || sheetRow > LAST_ROW)
          throw new InputError(
            `${path}: sheet "${name}" has a cell at ${colLetters(col)}${sheetRow + 1}, beyond Excel's last cell XFD1048576: the file was not written by Excel or is damaged; open it in Excel (or LibreOffice) and save it again`,
          );
        const type = cellTypeOf(attrs) ?? "n";
        const sm = attrDigits(attrs, "s");
        const style = sm >= 0 ? sm : 0;
        // The common cell is `<v>…</v>` alone (a formula's <f> comes before its <v>): no pattern needed.
        const plainV =
          inner !== undefined &&
          inner.startsWith("<v>") &&
          inner.endsWith("</v>") &&
          inner.indexOf("<", 3) === inner.length - 4;
        // So is an inline string of one plain `<t>` (the tool's own sheets hold little else).
        const plainT = inner !== undefined && type === "inlineStr" ? plainInlineText(inner) : undefined;
        const hasFormula = inner !== undefined && !plainV && plainT === undefined && F_RE.test(inner);
        let hasValue = false;
        let v: CellValue = null;
        if (plainT !== undefined) {
          hasValue = true;
          v = decoded(plainT);
        } else if (inner !== undefined) {
          if (type === "inlineStr") {
            const body = inner.includes("rPh") ? inner.replace(RPH_RE, "") : inner;
            let text = "";
            let any = false;
            T_RE.lastIndex = 0;
            let t: RegExpExecArray | null;
            while ((t = T_RE.exec(body)) !== null) {
              text += t[1]!;
              any = true;
            }
            if (any) {
              hasValue = true;
              v = decoded(text);
            }
          } else {
            const text = plainV ? inner.slice(3, -4) : V_RE.exec(inner)?.[1];
            if (text !== undefined) {
              hasValue = true;
              switch (type) {
                case "s":
                  v = strings[Number(text)] ?? null;
                  break;
                case "str":
                case "e":
                  v = decoded(text);
                  break;
                case "b":
                  v = text.trim() === "1" || text.trim() === "true";
                  break;
                case "d": {
                  const d = new Date(text.endsWith("Z") || text.length <= 10 ? text : `${text}Z`);
                  v = Number.isFinite(d.getTime()) ? d : text;
                  break;
                }
                default: {
                  const num = Number(text);
                  if (text.trim() === "" || !Number.isFinite(num)) v = text === "" ? null : decoded(text);
                  else if (style !== 0 && isDate(style))
                    v = new Date(Math.round((num - dateOffset) * MS_PER_DAY));
                  else v = num;
                }
              }
            }
          }
        }
        if (hasFormula) {
          let set = formulaCells.get(row);
          if (!set) formulaCells.set(row, (set = new Set()));
          set.add(col);
          if (!hasValue) uncalculated.push(`${colLetters(col)}${sheetRow + 1}`);
        }
        if (v !== null && v !== "") {
          while (cells.length < col) cells.push(null);
          cells[col] = v;
        }
        if (style !== 0 && (v !== null || hasFormula)) {
          const f = formatOf(style);
          if (f !== null) {
            if (!fmts) fmts = [];
            while (fmts.length < col) fmts.push(null);
            fmts[col] = f;
          }
        }
      });
    extent += cells.length;
    if (extent > MAX_GRID_CELLS)
      throw new InputError(
        `${path}: sheet "${name}" is too large to read (more than ${MAX_GRID_CELLS.toLocaleString("en-GB")} cells)`,
      );
    if (cells.length > 0) values[row] = cells;
    if (fmts) {
      // A row formatted as the one before it shares its formats (a log sheet's rows all are).
      if (lastFmts && sameFormats(lastFmts, fmts)) fmts = lastFmts;
      else lastFmts = fmts;
      formats[row] = fmts;
      anyFormat = true;
    }
  };
  let lastFmts: (string | null)[] | null = null;

  // Rows held back as XML in blocks while a window applies (parsed at the end, the last blocks only).
  let windowed = recent !== undefined;
  const blocks: [string, number][][] = [];
  // With a window by value: each held block's value, parallel to blocks, and the highest value left out.
  const values_: (number | null)[] = [];
  let droppedUpTo = -Infinity;
  // A block after the window's blocks were left out that comes before one left out: read the sheet whole.
  let disordered = false;
  let dropped = false;
  let previousKey: string | null = null;
  const keyOf = (xml: string): string | null => {
    let key: string | null = null;
    eachCell(xml, (c) => {
      if (c.col < recent!.keyColumn) return true;
      if (c.col === recent!.keyColumn && c.inner) key = c.inner;
      return false;
    });
    return key;
  };
  let stopped = false;
  const onRow = (xml: string, row: number) => {
    if (headRows !== undefined && row >= headRows) {
      stopped = true;
      throw new StopReading();
    }
    if (!windowed) return readRow(xml, row);
    if (row === 0) {
      readRow(xml, 0);
      const first = values[0] ?? [];
      windowed = first.length === recent!.header.length && recent!.header.every((h, c) => first[c] === h);
      return;
    }
    if (values[0] === undefined) {
      // Rows before any header: not the tool's layout.
      windowed = false;
      for (const b of blocks) for (const [x, r] of b) readRow(x, r);
      blocks.length = 0;
      return readRow(xml, row);
    }
    const key = keyOf(xml);
    if (blocks.length === 0 || recent!.startsBlock(key, previousKey)) {
      const from = recent!.from;
      if (from) {
        const v = from.value(key);
        if (v !== null && v < droppedUpTo) disordered = true;
        // A block before the window's start makes the blocks before it (in order) needless.
        if (v !== null && v < from.start && v >= droppedUpTo) {
          let n = 0;
          while (n < blocks.length && values_[n] !== null && values_[n]! <= v) n++;
          if (n === blocks.length && n > 0) {
            for (let i = 0; i < n; i++) droppedUpTo = Math.max(droppedUpTo, values_[i]!);
            blocks.length = 0;
            values_.length = 0;
            dropped = true;
          }
        }
        blocks.push([]);
        values_.push(v);
      } else {
        blocks.push([]);
        if (blocks.length > recent!.blocks) {
          blocks.shift();
          dropped = true;
        }
      }
    }
    previousKey = key;
    if (eager) {
      // Read into the grid now (the XML is not held); the grid's row 1 is the window's first row.
      if (eagerBase < 0) eagerBase = row - 1;
      readRow(xml, row - eagerBase, row);
      blocks[blocks.length - 1]!.push(["", row]);
    } else blocks[blocks.length - 1]!.push([xml, row]);
  };

  let tail = "";
  const decoder = new TextDecoder("utf-8");
  const scanner = new RowScanner({
    row: onRow,
    tail: (t) => {
      tail += t;
    },
  });
  // A segmented part (the tool's own, with an index that agrees with it): only the head and the segments the
  // window needs are inflated; anything that does not check out reads the part whole instead.
  const window = recent && !whole ? segmentWindowOf(zip.file(part), recent) : null;
  if (window) {
    dropped = true;
    droppedUpTo = window.droppedUpTo;
  }
  // Through a segment window the rows read are the window's (its first segment starts where the rows before it
  // were left out), so each row is read into the grid as it comes instead of held as XML to the end; should a
  // block still be left out after rows were read (not one the tool writes), the part is read again, held.
  const eager = window !== null && !held;
  let eagerBase = -1;
  const again = () => readWorksheet(path, zip, part, name, visible, strings, styles, date1904, recent, true);
  const heldAgain = () =>
    readWorksheet(path, zip, part, name, visible, strings, styles, date1904, recent, false, headRows, true);
  try {
    if (window) {
      if (!(await streamSegments(window, (t) => scanner.push(t)))) return again();
    } else
      await streamPart(
        path,
        zip,
        part,
        (c) => scanner.push(decoder.decode(c, { stream: true })),
        `sheet "${name}"`,
      );
    if (!stopped) {
      scanner.push(decoder.decode());
      scanner.finish();
    }
  } catch (e) {
    if (window) return again();
    if (e instanceof InputError) throw e;
    throw damagedPart(path, part, e, `sheet "${name}"`);
  }
  if (window && !windowed) return again();
  if (disordered) return readWorksheet(path, zip, part, name, visible, strings, styles, date1904, undefined);
  let droppedRows = 0;
  if (blocks.length > 0) {
    const first = blocks[0]![0]![1];
    droppedRows = dropped ? Math.max(0, first - 1) : 0;
    if (eager) {
      if (droppedRows !== eagerBase) return heldAgain();
    } else for (const b of blocks) for (const [x, r] of b) readRow(x, r - droppedRows, r);
  }
  for (const m of tail.matchAll(/<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*(?:"([^"]+)"|'([^']+)')/g)) {
    const ref = (m[1] ?? m[2])!;
    if (!ref.includes(":")) continue;
    const [a, b] = ref.split(":") as [string, string];
    const [r1, c1] = parseRef(a);
    const [r2, c2] = parseRef(b);
    merges.push({ row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 });
  }
  for (let r = 0; r < values.length; r++) if (values[r] === undefined) values[r] = [];
  // Covered cells of a merge read as empty, as Office.js gives them.
  for (const m of merges) {
    for (let r = m.row; r < m.row + m.rows && r < values.length; r++) {
      const cells = values[r]!;
      for (let c = m.col; c < m.col + m.cols && c < cells.length; c++) {
        if (r === m.row && c === m.col) continue;
        cells[c] = null;
      }
    }
  }
  const grid: SheetGrid = { name, visible, rowOffset: 0, colOffset: 0, values };
  // The engine never takes a formula's cell (even one showing "") as room for a column it adds.
  if (formulaCells.size > 0) grid.formulas = formulaCells;
  if (merges.length > 0) grid.merges = merges;
  if (anyFormat) {
    for (let r = 0; r < values.length; r++) if (formats[r] === undefined) formats[r] = [];
    grid.numberFormats = formats;
  }
  const protection = /<(?:[\w.-]+:)?sheetProtection\b[^>]*?\ssheet\s*=\s*(["'])(1|true)\1/.exec(tail);
  return {
    grid,
    merges,
    uncalculated,
    formulaCells,
    dropped: droppedRows,
    protected: protection !== null,
    complete: !stopped,
  };
}

function sameFormats(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where a window of recent rows can start in a segmented part (null: read it whole). */
function segmentWindowOf(file: JSZip.JSZipObject | null, recent: RecentRows): SegmentWindow | null {
  const entry = segmentsOf(file);
  if (!entry) return null;
  if (recent.from) return windowStart(entry, { start: recent.from.start });
  return recent.blocks === 1 ? windowStart(entry, { lastBlock: true }) : null;
}
