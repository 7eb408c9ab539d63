/**
 * Streaming reads of a package's shared strings (saxes) and worksheets (a row scanner) into the engine's grids:
 * one pass over the inflated part, chunk by chunk, never a document tree or a workbook model. Cells give what Office.js gives:
 * formulas their cached results, rich text its text, errors their "#REF!" strings, dates (cells with a date
 * format) as Dates of the day shown, and the covered cells of a merge as empty.
 */
import type JSZip from "jszip";
import { SaxesParser } from "saxes";
import type { CellValue, SheetGrid } from "../../engine/grid";
import { InputError } from "./errors";
import { streamPart } from "./package";
import type { Styles } from "./styles";
import { columnLetters as colLetters } from "../../engine/grid";
import { serialOfUnixEpoch } from "../../engine/dates";

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
    throw new InputError(`${path}: the part ${part} is damaged (${(e as Error).message})`);
  }
  return out;
}

export interface ReadSheet {
  grid: SheetGrid;
  /** Merged areas, 0-based. */
  merges: { row: number; col: number; rows: number; cols: number }[];
  /** "A5" cells holding a formula with no cached result. */
  uncalculated: string[];
  /** 0-based row → 0-based columns of the cells that hold a formula. */
  formulaCells: Map<number, Set<number>>;
}

/** 0-based [row, col] of an "AB12" reference. */
export function parseRef(ref: string): [number, number] {
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
  return [row - 1, col - 1];
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

const CELL_RE = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const V_RE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const T_RE = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g;
const RPH_RE = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;
const F_RE = /<(?:[\w.-]+:)?f\b/;
const ATTR_R = /\sr="([^"]*)"/;
const ATTR_S = /\ss="(\d+)"/;
const ATTR_T = /\st="([^"]*)"/;

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

  let lastRow = -1;
  const readRow = (xml: string) => {
    const open = /^<[^>]*>/.exec(xml)![0];
    const rAttr = ATTR_R.exec(open);
    let row = rAttr ? Number(rAttr[1]) - 1 : lastRow + 1;
    lastRow = row;
    if (open.endsWith("/>")) return;
    const cells: CellValue[] = [];
    let fmts: (string | null)[] | null = null;
    let col = -1;
    CELL_RE.lastIndex = open.length;
    let m: RegExpExecArray | null;
    while ((m = CELL_RE.exec(xml)) !== null) {
      const attrs = m[1]!;
      const inner = m[2];
      const ref = ATTR_R.exec(attrs);
      if (ref) {
        const rc = parseRef(ref[1]!);
        col = rc[1];
        if (rc[0] !== row && rc[0] >= 0) row = lastRow = rc[0];
      } else col++;
      const type = ATTR_T.exec(attrs)?.[1] ?? "n";
      const sm = ATTR_S.exec(attrs);
      const style = sm ? Number(sm[1]) : 0;
      const hasFormula = inner !== undefined && F_RE.test(inner);
      let hasValue = false;
      let v: CellValue = null;
      if (inner !== undefined) {
        if (type === "inlineStr") {
          const body = inner.replace(RPH_RE, "");
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
            v = decodeXmlText(text);
          }
        } else {
          const vm = V_RE.exec(inner);
          if (vm) {
            hasValue = true;
            const text = vm[1]!;
            switch (type) {
              case "s":
                v = strings[Number(text)] ?? null;
                break;
              case "str":
              case "e":
                v = decodeXmlText(text);
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
                if (text.trim() === "" || !Number.isFinite(num)) v = text === "" ? null : decodeXmlText(text);
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
        if (!hasValue) uncalculated.push(`${colLetters(col)}${row + 1}`);
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
    }
    extent += cells.length;
    if (extent > MAX_GRID_CELLS)
      throw new InputError(
        `${path}: sheet "${name}" is too large to read (more than ${MAX_GRID_CELLS.toLocaleString("en-GB")} cells)`,
      );
    if (cells.length > 0) values[row] = cells;
    if (fmts) {
      formats[row] = fmts;
      anyFormat = true;
    }
  };

  let state: "head" | "data" | "tail" = "head";
  let p = "";
  let buf = "";
  let tail = "";
  const decoder = new TextDecoder("utf-8");
  const scan = (final: boolean) => {
    if (state === "head") {
      const m = /<([A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(\/?)>/.exec(buf);
      if (!m) {
        if (buf.length > 1_000_000 && !final) buf = buf.slice(-1000); // a huge head (no cells): keep the end
        return;
      }
      p = m[1] ?? "";
      buf = buf.slice(m.index + m[0].length);
      state = m[2] === "/" ? "tail" : "data";
    }
    if (state === "data") {
      const rowOpen = new RegExp(`<${p}row\\b`, "g");
      const end = `</${p}sheetData>`;
      const rowClose = `</${p}row>`;
      let i = 0;
      // Where the rows end, if this much of the part holds it (searched once, not once per row).
      const se = buf.indexOf(end);
      for (;;) {
        rowOpen.lastIndex = i;
        const ro = rowOpen.exec(buf);
        if (se >= 0 && (!ro || se < ro.index)) {
          i = se + end.length;
          state = "tail";
          break;
        }
        if (!ro) break;
        const gt = buf.indexOf(">", ro.index);
        if (gt < 0) break;
        let stop: number;
        if (buf[gt - 1] === "/") stop = gt + 1;
        else {
          const c = buf.indexOf(rowClose, gt);
          if (c < 0) break;
          stop = c + rowClose.length;
        }
        readRow(buf.slice(ro.index, stop));
        i = stop;
      }
      buf = buf.slice(i);
      if (final && state === "data") throw new Error("the sheet's rows end before the sheet does");
    }
    if (state === "tail") {
      tail += buf;
      buf = "";
    }
  };
  try {
    await streamPart(path, zip, part, (c) => {
      buf += decoder.decode(c, { stream: true });
      scan(false);
    });
    buf += decoder.decode();
    scan(true);
    if (state === "head") throw new Error("no sheet data");
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: the part ${part} (sheet "${name}") is damaged (${(e as Error).message})`);
  }
  for (const m of tail.matchAll(/<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref="([^"]+)"/g)) {
    const ref = m[1]!;
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
  if (anyFormat) {
    for (let r = 0; r < values.length; r++) if (formats[r] === undefined) formats[r] = [];
    grid.numberFormats = formats;
  }
  return { grid, merges, uncalculated, formulaCells };
}
