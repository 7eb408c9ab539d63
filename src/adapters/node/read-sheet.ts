/**
 * Streaming reads of a package's shared strings and worksheets into the engine's grids: one pass of saxes over
 * the inflated part, chunk by chunk, never a document tree or a workbook model. Cells give what Office.js gives:
 * formulas their cached results, rich text its text, errors their "#REF!" strings, dates (cells with a date
 * format) as Dates of the day shown, and the covered cells of a merge as empty.
 */
import type JSZip from "jszip";
import { SaxesParser } from "saxes";
import type { CellValue, SheetGrid } from "../../engine/grid";
import { InputError } from "./errors";
import { streamPart } from "./package";
import type { Styles } from "./styles";

/** A sheet bigger than this (in cells of its rows' extents) is refused rather than read. */
export const MAX_GRID_CELLS = 60_000_000;

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
  const dateOffset = date1904 ? 24107 : 25569; // serial of 1 January 1970 in each date system

  let row = -1;
  let col = -1;
  let type = "n";
  let style = 0;
  let hasFormula = false;
  let hasValue = false;
  let text = "";
  let inValue = false;
  let inInline = false;
  let inT = false;
  let inSheetData = false;
  let rowCells: CellValue[] | null = null;
  let rowFormats: (string | null)[] | null = null;
  let phonetic = 0;

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

  const endRow = () => {
    if (rowCells && row >= 0) {
      extent += rowCells.length;
      if (extent > MAX_GRID_CELLS)
        throw new InputError(
          `${path}: sheet "${name}" is too large to read (more than ${MAX_GRID_CELLS.toLocaleString("en-GB")} cells)`,
        );
      values[row] = rowCells;
      if (rowFormats) {
        formats[row] = rowFormats;
        anyFormat = true;
      }
    }
    rowCells = null;
    rowFormats = null;
  };

  const p = new SaxesParser({ position: false });
  p.on("opentag", (t) => {
    const n = local(t.name);
    if (!inSheetData) {
      if (n === "sheetData") inSheetData = true;
      else if (n === "mergeCell") {
        const ref = t.attributes["ref"];
        if (typeof ref === "string" && ref.includes(":")) {
          const [a, b] = ref.split(":") as [string, string];
          const [r1, c1] = parseRef(a);
          const [r2, c2] = parseRef(b);
          merges.push({ row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 });
        }
      }
      return;
    }
    if (n === "c") {
      const r = t.attributes["r"];
      if (typeof r === "string") {
        const rc = parseRef(r);
        col = rc[1];
        if (rc[0] !== row) {
          // A cell reference always names its row; trust it over a row element without "r".
          endRow();
          row = rc[0];
          rowCells = [];
        }
      } else col++;
      type = (t.attributes["t"] as string | undefined) ?? "n";
      const s = t.attributes["s"];
      style = typeof s === "string" ? Number(s) : 0;
      hasFormula = false;
      hasValue = false;
      text = "";
    } else if (n === "row") {
      endRow();
      const r = t.attributes["r"];
      row = typeof r === "string" ? Number(r) - 1 : row + 1;
      col = -1;
      rowCells = [];
    } else if (n === "v") {
      inValue = true;
      hasValue = true;
    } else if (n === "f") hasFormula = true;
    else if (n === "is") {
      inInline = true;
      hasValue = true;
    } else if (n === "t" && inInline && phonetic === 0) inT = true;
    else if (n === "rPh") phonetic++;
  });
  p.on("text", (s) => {
    if (inValue || inT) text += s;
  });
  p.on("closetag", (t) => {
    const n = local(t.name);
    if (!inSheetData) return;
    if (n === "v") inValue = false;
    else if (n === "t") inT = false;
    else if (n === "rPh") phonetic--;
    else if (n === "is") inInline = false;
    else if (n === "c") {
      if (!rowCells) {
        rowCells = [];
        if (row < 0) row = 0;
      }
      let v: CellValue = null;
      if (hasValue) {
        switch (type) {
          case "s":
            v = strings[Number(text)] ?? null;
            break;
          case "str":
          case "inlineStr":
            v = text;
            break;
          case "b":
            v = text.trim() === "1" || text.trim() === "true";
            break;
          case "e":
            v = text;
            break;
          case "d": {
            const d = new Date(text.endsWith("Z") || text.length <= 10 ? text : `${text}Z`);
            v = Number.isFinite(d.getTime()) ? d : text;
            break;
          }
          default: {
            const num = Number(text);
            if (text.trim() === "" || !Number.isFinite(num)) v = text === "" ? null : text;
            else if (style !== 0 && isDate(style)) v = new Date(Math.round((num - dateOffset) * MS_PER_DAY));
            else v = num;
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
        while (rowCells.length < col) rowCells.push(null);
        rowCells[col] = v;
      }
      if (style !== 0 && (v !== null || hasFormula)) {
        const f = formatOf(style);
        if (f !== null) {
          if (!rowFormats) rowFormats = [];
          while (rowFormats.length < col) rowFormats.push(null);
          rowFormats[col] = f;
        }
      }
    } else if (n === "sheetData") {
      endRow();
      inSheetData = false;
    }
  });

  const decoder = new TextDecoder("utf-8");
  try {
    await streamPart(path, zip, part, (c) => p.write(decoder.decode(c, { stream: true })));
    p.close();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: the part ${part} (sheet "${name}") is damaged (${(e as Error).message})`);
  }
  endRow();
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

function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
