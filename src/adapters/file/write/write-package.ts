/**
 * Writes the `--out` workbook as package surgery: the input package, part by part, with only the tool's changes.
 *
 * - Every part the tool does not own is copied as it was (JSZip writes an unchanged entry's compressed bytes back
 *   unread): charts, drawings, images, pivots, slicers, tables, comments, VBA, custom XML, properties, ...
 * - A programme sheet's part is rewritten as a stream (sheet-rewrite.ts): only its RAG / Computed RAG cells and
 *   the header of a column the tool adds change.
 * - The tool's own sheets are written as worksheet XML from their layouts (own-sheet-xml.ts), added as new parts
 *   (or put in place of the tool's earlier sheets), their cell formats appended to the user's styles part.
 * - workbook.xml (sheets, defined names, active tab), its relationships and [Content_Types].xml get only the
 *   entries for the tool's sheets; styles.xml gets new entries at the end of its lists.
 */
import { createWriteStream } from "node:fs";
import { PassThrough } from "node:stream";
import type { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import type JSZip from "jszip";
import { NODE_DEFLATE } from "../node-deflate";
import type {
  OwnColumn,
  OwnSheetRole,
  RagCellValue,
  SheetLayout,
  WritePlan,
  LayoutValue,
} from "../../../engine/plan";
import { chooseSheetName, markerName, roleFromMarker } from "../../../engine/own-sheets";
import type { ColIndex, RowIndex } from "../../../engine/coords";
import { excelRowOf } from "../../../engine/coords";
import { cellAddress, quoteSheetName } from "../../../engine/grid";
import type { SheetGrid } from "../../../engine/grid";
import type { DateSystem } from "../../../engine/dates";
import { excelSerialFromJsDate } from "../../../engine/dates";
import { ownSheetStream } from "./own-sheet-xml";
import type { SegmentedPart } from "./segmented-part";
import { segmentedOwnSheet, segmentKeyColumn } from "./segmented-part";
import { lazyEntry } from "../segments";
import type { SheetEntry, XlsxPackage } from "../package";
import { parseRels, partText } from "../package";
import { InputError } from "../errors";
import type { ReadSheet } from "../read/read-sheet";
import type { CellWrite } from "./sheet-rewrite";
import { sheetRewriter } from "./sheet-rewrite";
import { attrOf, MINIMAL_STYLES, Styles, withAttrs } from "../styles";
import { escapeXml, NS_REL, relsPartOf } from "../xml";

/**
 * JSZip's `file()` adds an entry for each folder of a new part's name unless told not to (its default
 * `createFolders: true`); a package from Excel has no folder entries, so the copy would gain entries (`xl/`,
 * `xl/worksheets/`) that are not parts and that some Office readers repair away.
 */
const NO_FOLDERS = { createFolders: false } as const;

const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const MAX_COL = 16_383; // XFD

export interface WriteInput {
  path: string;
  pkg: XlsxPackage;
  plan: WritePlan;
  /** What the reader saw of each worksheet, by name (merges and formula cells). */
  read: Map<string, ReadSheet>;
  /** The tool's own sheets now in the package (marker and content agreeing), by role. */
  own: Map<OwnSheetRole, SheetEntry>;
  /**
   * Called once the grids' values are no longer needed (the rows kept of the tool's sheets are known; only
   * merges and formula cells are read after it), so a caller can let them go before the parts are written.
   */
  release?: () => void;
}

export interface WriteSummary {
  ragCells: number;
  sheets: string[];
  /** Cells the tool did not write, with why ("Programme!H5 holds a formula ..."). */
  skipped: string[];
}

const argb = (hex: string): string => "FF" + hex.replace("#", "").toUpperCase();

export async function writePackage(input: WriteInput, outPath: string): Promise<WriteSummary> {
  const { pkg, plan } = input;
  const zip = pkg.zip;
  const skipped: string[] = [];
  let stylesXml: string;
  let newStylesPart: string | null = null;
  if (pkg.stylesPart && zip.file(pkg.stylesPart)) stylesXml = await partText(input.path, zip, pkg.stylesPart);
  else {
    stylesXml = MINIMAL_STYLES;
    newStylesPart = uniquePart(zip, "xl/styles", ".xml");
  }
  const styles = new Styles(stylesXml);

  // --- The RAG cells of the programme sheets -----------------------------------------------------------------
  const ragStyle = rageStyler(styles);
  let ragCells = 0;
  const rewrites = new Map<string, Map<RowIndex, Map<ColIndex, CellWrite>>>();
  const noRoom = new Map<string, number>();
  for (const col of plan.ragColumns) {
    const entry = pkg.sheets.find((s) => s.name === col.sheet);
    if (!entry?.part) continue;
    const seen = input.read.get(col.sheet);
    const writes = rewrites.get(entry.part) ?? new Map<RowIndex, Map<ColIndex, CellWrite>>();
    rewrites.set(entry.part, writes);
    const put = (row: RowIndex, c: ColIndex, w: CellWrite, what: string): boolean => {
      const where = `${quoteSheetName(col.sheet)}!${cellAddress(row, Math.min(c, MAX_COL))}`;
      if (c > MAX_COL) {
        const key = `${quoteSheetName(col.sheet)}: no column left after XFD for the ${what} column`;
        noRoom.set(key, (noRoom.get(key) ?? 0) + 1);
        return false;
      }
      if (seen?.formulaCells.get(row)?.has(c)) {
        skipped.push(`${where} holds a formula; the ${what} was not written there`);
        return false;
      }
      const merge = seen?.merges.find(
        (m) => row >= m.row && row < m.row + m.rows && c >= m.col && c < m.col + m.cols,
      );
      if (merge && (merge.rows > 1 || merge.row !== row || merge.col !== c)) {
        skipped.push(
          `${where} is part of the merged cells ${cellAddress(merge.row, merge.col)}:${cellAddress(merge.row + merge.rows - 1, merge.col + merge.cols - 1)}` +
            (merge.rows > 1 ? ", which span more than one row" : "") +
            `; the ${what} was not written`,
        );
        return false;
      }
      let r = writes.get(row);
      if (!r) writes.set(row, (r = new Map()));
      r.set(c, w);
      return true;
    };
    // The plan names the cell whose format an added header copies: its left neighbour as written.
    const header = (own: OwnColumn) => ({
      text: own.addHeader!,
      style: (_own: number, left: number) => ragStyle.header(own.headerFormatFrom === null ? 0 : left),
    });
    if (col.rag.addHeader) put(col.headerRow, col.rag.col, header(col.rag), "RAG header");
    if (col.computed?.addHeader)
      put(col.headerRow, col.computed.col, header(col.computed), "Computed RAG header");
    const rag = (v: RagCellValue): CellWrite => ({ text: v.value, style: (own) => ragStyle.cell(own, v) });
    for (const c of col.cells) {
      if (c.rag && put(c.row, col.rag.col, rag(c.rag), "RAG")) ragCells++;
      if (col.computed && c.computed && put(c.row, col.computed.col, rag(c.computed), "Computed RAG"))
        ragCells++;
    }
  }

  for (const [what, n] of noRoom) skipped.push(`${what}; ${n} cell${n === 1 ? "" : "s"} not written`);

  // --- The tool's own sheets ---------------------------------------------------------------------------------
  const existingNames = pkg.sheets.map((s) => s.name);
  const layouts: { layout: SheetLayout; name: string; owned: SheetEntry | null }[] = [];
  for (const layout of plan.sheets) {
    const owned = input.own.get(layout.role) ?? null;
    const name = chooseSheetName(
      layout.name,
      [...existingNames, ...layouts.map((l) => l.name)],
      owned?.name ?? null,
    );
    layouts.push({ layout, name, owned });
  }
  // Sheet entries in workbook order, with the new ones placed.
  interface Placed {
    entry: SheetEntry;
    isNew: boolean;
    layout?: SheetLayout;
    xml?: Readable;
    /** The RAG History and Change Log: a segmented entry (segmented-part.ts), made when the parts are written. */
    segmented?: () => Promise<SegmentedPart>;
  }
  const order: Placed[] = pkg.sheets.map((entry) => ({ entry, isNew: false }));
  const rels = [...pkg.rels];
  const newRels: string[] = [];
  const newTypes: string[] = [];
  let maxSheetId = Math.max(0, ...pkg.sheets.map((s) => Number(s.sheetId) || 0));
  layouts.forEach((l) => {
    const value = (v: LayoutValue) => cellValueFor(v);
    const oldPart = l.owned?.part ? zip.file(l.owned.part) : null;
    const seen = l.owned ? input.read.get(l.owned.name) : undefined;
    const keep = l.owned && oldPart ? keptRows(l.layout, seen, pkg.date1904 ? 1904 : 1900) : null;
    checkSheetRows(
      input.path,
      l.name,
      l.layout.values.length + (keep?.shift ?? 0),
      GROWING.has(l.layout.role),
    );
    const keyColumn = segmentKeyColumn(l.layout.role);
    const segmented =
      keyColumn === null
        ? undefined
        : async () => {
            const part = await segmentedOwnSheet({
              layout: l.layout,
              styles,
              value,
              old: oldPart ?? null,
              keep,
              keyColumn,
              level: 1,
            });
            // JSZip writes no Zip64: sizes past 32 bits would be written cut, and the file unreadable.
            if (part.index.size > SHEET_LIMITS.partBytes || part.index.csize > SHEET_LIMITS.partBytes)
              throw new InputError(
                `${input.path}: the tool's sheet "${l.name}" would take ${(part.index.size / 1e9).toFixed(1)} GB ` +
                  `of XML, more than a workbook's part may hold (4 GB), so nothing was written. ${trimAdvice(l.name)}`,
              );
            return part;
          };
    const xml = segmented
      ? undefined
      : keep !== null && oldPart
        ? ownSheetStream(l.layout, styles, value, {
            old: (oldPart.nodeStream("nodebuffer") as Readable).pipe(new PassThrough()),
            from: keep.from,
            shift: keep.shift,
          })
        : ownSheetStream(l.layout, styles, value);
    if (l.owned) {
      const placed = order.find((o) => o.entry === l.owned)!;
      placed.layout = l.layout;
      placed.xml = xml;
      placed.segmented = segmented;
      return;
    }
    const part = uniquePart(zip, "xl/worksheets/sheet", ".xml", newTypes);
    const id = uniqueRelId(rels.map((r) => r.id));
    rels.push({ id, type: REL_WORKSHEET, target: part, external: false });
    newRels.push(
      `<Relationship Id="${id}" Type="${REL_WORKSHEET}" Target="${relativeTarget(pkg.workbookPart, part)}"/>`,
    );
    newTypes.push(part);
    const entry: SheetEntry = {
      name: l.name,
      sheetId: String(++maxSheetId),
      rId: id,
      state: "visible",
      part,
      kind: "worksheet",
    };
    const placed: Placed = { entry, isNew: true, layout: l.layout, xml, segmented };
    if (l.layout.position === "first")
      order.splice(order.filter((o) => o.isNew && o.layout?.position === "first").length, 0, placed);
    else order.push(placed);
  });

  input.release?.();

  // --- workbook.xml --------------------------------------------------------------------------------------------
  const oldIndex = new Map(pkg.sheets.map((s, i) => [s, i]));
  const newIndexOfOld = (i: number): number => order.findIndex((o) => o.entry === pkg.sheets[i]);
  let wbXml = pkg.workbookXml;
  const activeOld = Number(
    /<(?:[\w.-]+:)?workbookView\b[^>]*?\sactiveTab\s*=\s*["'](\d+)["']/.exec(wbXml)?.[1] ?? 0,
  );
  const activeEntry = pkg.sheets[activeOld];
  const highlight = order.find((o) => o.layout?.role === "highlight" && o.layout.position === "first");
  // The report becomes the active sheet when the sheet active now is one the tool rewrites anyway (so its
  // "selected" flag can be cleared); otherwise the user's active sheet stays active.
  const activateReport =
    highlight !== undefined &&
    activeEntry?.part !== undefined &&
    activeEntry.part !== null &&
    rewrites.has(activeEntry.part);
  const unselect = activateReport && activeEntry?.part ? activeEntry.part : null;
  wbXml = insertSheets(wbXml, order, (o) => o.isNew);
  wbXml = wbXml.replace(
    /(<(?:[\w.-]+:)?definedName\b[^>]*?\slocalSheetId\s*=\s*["'])(\d+)(["'])/g,
    (m, a: string, n: string, b: string) => {
      const ni = newIndexOfOld(Number(n));
      return ni < 0 ? m : `${a}${ni}${b}`;
    },
  );
  wbXml = wbXml.replace(/(<(?:[\w.-]+:)?workbookView\b[^>]*?)(\/?>)/, (m, head: string, end: string) => {
    const active = activateReport ? order.indexOf(highlight!) : Math.max(0, newIndexOfOld(activeOld));
    // Attributes in either quote (legal XML other tools write), so none is doubled.
    let h = /\sactiveTab\s*=/.test(head)
      ? head.replace(/\sactiveTab\s*=\s*["']\d+["']/, ` activeTab="${active}"`)
      : `${head} activeTab="${active}"`;
    h = h.replace(/\sfirstSheet\s*=\s*["']\d+["']/, ' firstSheet="0"');
    return h + end;
  });
  // Defined names: the tool's markers and the print settings of its sheets are replaced.
  const ownIndexes = new Set(order.map((o, i) => (o.layout ? i : -1)).filter((i) => i >= 0));
  const names: string[] = [];
  for (const [i, o] of order.entries()) {
    if (!o.layout) continue;
    const q = quoteSheetName(o.entry.name);
    names.push(
      `<${wbPrefix(wbXml)}definedName name="${markerName(o.layout.role)}">${escapeXml(`${q}!$A$1`)}</${wbPrefix(wbXml)}definedName>`,
    );
    const pr = o.layout.print;
    if (pr?.area)
      names.push(
        `<${wbPrefix(wbXml)}definedName name="_xlnm.Print_Area" localSheetId="${i}">${escapeXml(`${q}!$A$1:$${letters(pr.area.cols - 1)}$${pr.area.rows}`)}</${wbPrefix(wbXml)}definedName>`,
      );
    if (pr?.printTitleRows)
      names.push(
        `<${wbPrefix(wbXml)}definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${q}!$${excelRowOf(pr.printTitleRows.first)}:$${excelRowOf(pr.printTitleRows.last)}`)}</${wbPrefix(wbXml)}definedName>`,
      );
  }
  wbXml = replaceDefinedNames(wbXml, names, (name, local) => {
    if (roleFromMarker(name)) return true;
    return (
      (name === "_xlnm.Print_Area" || name === "_xlnm.Print_Titles") &&
      local !== null &&
      ownIndexes.has(local)
    );
  });
  void oldIndex;
  zip.file(pkg.workbookPart, wbXml, NO_FOLDERS);

  // --- relationships, content types, styles ------------------------------------------------------------------
  const wbRelsPart = relsPartOf(pkg.workbookPart);
  if (newStylesPart) {
    const id = uniqueRelId(rels.map((r) => r.id));
    newRels.push(
      `<Relationship Id="${id}" Type="${REL_STYLES}" Target="${relativeTarget(pkg.workbookPart, newStylesPart)}"/>`,
    );
  }
  if (newRels.length > 0) {
    const relsXml = zip.file(wbRelsPart)
      ? await partText(input.path, zip, wbRelsPart)
      : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    parseRels(relsXml); // still well-formed
    zip.file(wbRelsPart, insertBeforeClose(relsXml, "Relationships", newRels.join("")), NO_FOLDERS);
  }
  const typeEntries = newTypes.map((p) => `<Override PartName="/${p}" ContentType="${CT_WORKSHEET}"/>`);
  if (newStylesPart) typeEntries.push(`<Override PartName="/${newStylesPart}" ContentType="${CT_STYLES}"/>`);
  if (typeEntries.length > 0) {
    const typesXml = await partText(input.path, zip, "[Content_Types].xml");
    zip.file("[Content_Types].xml", insertBeforeClose(typesXml, "Types", typeEntries.join("")), NO_FOLDERS);
  }

  // --- sheet parts -----------------------------------------------------------------------------------------------
  const rewritten: Promise<void>[] = [];
  for (const o of order) {
    if (!(o.xml || o.segmented) || !o.entry.part) continue;
    if (o.segmented) {
      // Made when JSZip writes it (segmented-part.ts), its comment the index of its segments.
      const entry = lazyEntry(o.segmented);
      rewritten.push(entry.done);
      zip.file(o.entry.part, entry.object as unknown as Uint8Array, { binary: true, createFolders: false });
    } else if (o.xml) {
      rewritten.push(finished(o.xml));
      zip.file(o.entry.part, o.xml, { binary: true, createFolders: false });
    }
    // The tool's earlier sheet had no relationships of its own worth keeping (it is rebuilt whole).
    const r = relsPartOf(o.entry.part);
    if (!o.isNew && zip.file(r)) zip.remove(r);
  }
  for (const [part, writes] of rewrites) {
    const source = zip.file(part);
    if (!source) continue;
    const stream = (source.nodeStream("nodebuffer") as Readable).pipe(
      sheetRewriter({ writes, unselect: part === unselect }),
    );
    rewritten.push(finished(stream));
    zip.file(part, stream, { binary: true, createFolders: false });
  }
  // The RAG cells' formats are made as their sheets stream by, so the styles part goes last in the package and
  // is serialised once every programme sheet has been rewritten.
  const stylesTarget = newStylesPart ?? pkg.stylesPart!;
  zip.remove(stylesTarget);
  zip.file(
    stylesTarget,
    Promise.all(rewritten).then(() => Buffer.from(styles.serialize(), "utf8")),
    { binary: true, createFolders: false },
  );

  const out = zip.generateNodeStream({
    type: "nodebuffer",
    streamFiles: true,
    // Only the parts the tool writes are deflated, by Node's zlib (node-deflate.ts); the user's deflated parts
    // keep their compressed bytes. Level 1 deflates several times faster than the default for files a few
    // percent larger.
    compression: NODE_DEFLATE as "DEFLATE",
    compressionOptions: { level: 1 },
  }) as Readable;
  await pipeline(out, createWriteStream(outPath, { flags: "wx" }));
  return { ragCells, sheets: layouts.map((l) => l.name), skipped };
}

/** Excel's last row ("Excel specifications and limits": 1,048,576 rows a worksheet) and a zip's; tests lower them. */
export const SHEET_LIMITS = {
  rows: 1_048_576,
  /** The most bytes a part's sizes hold in a zip without Zip64 (JSZip writes none). */
  partBytes: 0xffff_ffff,
};

/**
 * A sheet of the tool's that would pass Excel's last row (a RAG or Milestone History of a very large programme
 * after some months) is refused before anything is written: a file with rows past it is not one Excel opens whole,
 * and dropping the oldest snapshots would drop the record without asking. The user keeps a copy and trims.
 */
function checkSheetRows(path: string, sheet: string, rows: number, growing: boolean): void {
  if (rows <= SHEET_LIMITS.rows) return;
  const n = (x: number) => x.toLocaleString("en-GB");
  const what =
    `${path}: the tool's sheet "${sheet}" would hold ${n(rows)} rows, more than the ${n(SHEET_LIMITS.rows)} ` +
    `an Excel sheet holds, so nothing was written`;
  throw new InputError(growing ? `${what}. ${trimAdvice(sheet, n(rows - SHEET_LIMITS.rows))}` : what);
}

/** What to do when a growing sheet of the tool's is too big to write: keep the record, trim its oldest rows. */
function trimAdvice(sheet: string, atLeast?: string): string {
  return (
    `Keep a copy of this workbook as the record of its earlier reports, then delete ${atLeast ? `at least ${atLeast} of ` : ""}` +
    `the oldest rows of "${sheet}" (whole reporting dates, from row 2 down) and run again`
  );
}

/**
 * Where the tool's earlier sheet is kept and only rows are added (the history in a new quarter, the change log
 * every run): `from`, the layout's first row to write, and `shift`, the rows the reader left out of the grid
 * (the layout's row r is the sheet's row r + shift, r ≥ 1). The sheet's rows up to the layout's first new
 * row are kept byte for byte and the rest written. Null: the sheet is written whole.
 *
 * Read whole (shift 0), the sheet is kept only when every row of it is what the layout lays out again (a pure
 * append). Read as a window of recent rows (`RecentRows`: shift > 0), the rows before the window are not in the
 * layout at all and are always kept; the layout is then written from its first row that differs from the
 * window (this quarter's rows when a report is built again in the same quarter).
 */
/** The tool's sheets that grow by a block of rows a report (or a run): their earlier rows can be kept. */
const GROWING: ReadonlySet<string> = new Set(["history", "changelog", "milestoneHistory", "riskHistory"]);

function keptRows(
  layout: SheetLayout,
  seen: ReadSheet | undefined,
  dateSystem: DateSystem,
): { from: number; shift: number } | null {
  if (!GROWING.has(layout.role) || !seen) return null;
  const old = seen.grid;
  const shift = seen.dropped;
  const same = sameRows(layout, old, dateSystem);
  if (shift > 0) {
    // The reader windows a sheet only when its header is the layout's; anything else would lose rows.
    if (same < 1)
      throw new Error(`the tool's sheet "${old.name}" no longer starts with the layout's header row`);
    return { from: same, shift };
  }
  const n = old.values.length;
  if (n < 1 || same < n || layout.values.length <= n) return null;
  return { from: n, shift: 0 };
}

/** How many of the layout's first rows are what the sheet holds now (compared as the workbook's values). */
function sameRows(layout: SheetLayout, old: SheetGrid, dateSystem: DateSystem): number {
  const n = Math.min(old.values.length, layout.values.length);
  const serial = (v: unknown) => (v instanceof Date ? excelSerialFromJsDate(v, dateSystem) : v);
  for (let r = 0; r < n; r++) {
    const want = layout.values[r]!;
    const have = old.values[r]!;
    if (have.length === 0) return r;
    for (let c = 0; c < want.length; c++) {
      // Both sides in the workbook's serials (the reader gives Dates in either date system as the day shown);
      // an empty text is written as no cell, so it reads back as blank.
      const w = want[c] ?? "";
      const h = serial(have[c] ?? "");
      const equal = typeof w === "number" && typeof h === "number" ? Math.abs(w - h) < 1e-6 : w === h;
      if (!equal) return r;
    }
  }
  return n;
}

function letters(col: ColIndex): string {
  return cellAddress(0, col).replace(/\d+$/, "");
}

/**
 * A value as it goes into the tool's sheets: never Infinity or NaN. (Dates are already in the workbook's own
 * date system: the engine plans them so, from the analysis's dateSystem.)
 */
function cellValueFor(v: LayoutValue): LayoutValue {
  if (typeof v !== "number") return v;
  if (!Number.isFinite(v)) return null;
  return v;
}

/** Styles for RAG cells (the cell's own format with the RAG fill and font colour) and added headers. */
function rageStyler(styles: Styles): {
  cell: (own: number, v: RagCellValue) => number;
  header: (from: number) => number;
} {
  const p = styles.prefix;
  const cache = new Map<string, number>();
  const xfOf = (i: number) =>
    styles.element("cellXfs", i) ??
    styles.element("cellXfs", 0) ??
    `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
  const fontOf = (xf: string) => styles.element("fonts", Number(attrOf(xf, "fontId") ?? 0)) ?? `<${p}font/>`;
  return {
    cell(own, v) {
      const key = `c${own}|${v.fill}|${v.fontColor}`;
      let id = cache.get(key);
      if (id !== undefined) return id;
      const xf = xfOf(own);
      let font = withChild(fontOf(xf), p, "color", `<${p}color rgb="${argb(v.fontColor)}"/>`);
      font = withFontName(font, p);
      const fontId = styles.addFont(font);
      const fillId = styles.addFill(
        `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(v.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
      );
      id = styles.addXf(
        withAttrs(xf, { fontId: String(fontId), fillId: String(fillId), applyFont: "1", applyFill: "1" }),
      );
      cache.set(key, id);
      return id;
    },
    header(from) {
      // "Copy formats" of the cell the plan names (number format, alignment, fill, borders, font), made bold.
      const key = `h${from}`;
      let id = cache.get(key);
      if (id !== undefined) return id;
      const fromXf = xfOf(from);
      let font = withChild(fontOf(fromXf), p, "b", `<${p}b/>`);
      font = withFontName(font, p);
      id = styles.addXf(withAttrs(fromXf, { fontId: String(styles.addFont(font)), applyFont: "1" }));
      cache.set(key, id);
      return id;
    },
  };
}

/** A font element with one child element replaced (or added). */
function withChild(font: string, p: string, child: string, xml: string): string {
  const re = new RegExp(`<${p}${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${child}>)`, "g");
  const stripped = font.replace(re, "");
  if (/\/>$/.test(stripped) && !stripped.includes("></"))
    return stripped.replace(/\s*\/>$/, `>${xml}</${p}font>`);
  return stripped.replace(new RegExp(`</${p}font>$`), `${xml}</${p}font>`);
}

/** A font with no name falls back to a serif in LibreOffice: name the default font, as Excel's is. */
function withFontName(font: string, p: string): string {
  if (new RegExp(`<${p}name\\b`).test(font)) return font;
  let f = font;
  if (!new RegExp(`<${p}sz\\b`).test(f)) f = withChild(f, p, "sz", `<${p}sz val="11"/>`);
  f = withChild(f, p, "name", `<${p}name val="Calibri"/>`);
  if (!new RegExp(`<${p}family\\b`).test(f)) f = withChild(f, p, "family", `<${p}family val="2"/>`);
  return f;
}

function wbPrefix(xml: string): string {
  return /<([A-Za-z_][\w.-]*:)?workbook\b/.exec(xml)?.[1] ?? "";
}

/** The workbook's <sheets> list in the new order; new sheets get their elements (existing ones stay as written). */
function insertSheets<T extends { entry: SheetEntry; isNew: boolean }>(
  xml: string,
  order: T[],
  isNew: (o: T) => boolean,
): string {
  const p = wbPrefix(xml);
  const m = new RegExp(`(<${p}sheets\\b[^>]*>)([\\s\\S]*?)(</${p}sheets>)`).exec(xml);
  if (!m) throw new Error("the workbook part has no sheet list");
  const existing = m[2]!.match(new RegExp(`<${p}sheet\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}sheet>)`, "g")) ?? [];
  const relPrefix = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${NS_REL.replace(/[./]/g, "\\$&")}["']`).exec(
    xml,
  )?.[1];
  let i = 0;
  const parts = order.map((o) => {
    if (!isNew(o)) return existing[i++] ?? "";
    const rid = relPrefix ? `${relPrefix}:id="${o.entry.rId}"` : `xmlns:r="${NS_REL}" r:id="${o.entry.rId}"`;
    return `<${p}sheet name="${escapeXml(o.entry.name)}" sheetId="${o.entry.sheetId}" ${rid}/>`;
  });
  return xml.slice(0, m.index) + m[1] + parts.join("") + m[3] + xml.slice(m.index + m[0].length);
}

/** Removes the defined names `drop` picks and adds `add`, creating the list where the schema puts it. */
function replaceDefinedNames(
  xml: string,
  add: string[],
  drop: (name: string, local: number | null) => boolean,
): string {
  const p = wbPrefix(xml);
  let out = xml.replace(
    new RegExp(`<${p}definedName\\b([^>]*?)(?:/>|>[\\s\\S]*?</${p}definedName>)`, "g"),
    (el, attrs: string) => {
      const n = /\sname\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
      const name = n ? (n[1] ?? n[2]!) : "";
      const local = /\slocalSheetId\s*=\s*["'](\d+)["']/.exec(attrs)?.[1];
      return drop(name, local === undefined ? null : Number(local)) ? "" : el;
    },
  );
  if (add.length === 0) return out;
  const close = `</${p}definedNames>`;
  if (out.includes(close)) return out.replace(close, add.join("") + close);
  const empty = new RegExp(`<${p}definedNames\\s*/>`);
  if (empty.test(out)) return out.replace(empty, `<${p}definedNames>${add.join("")}${close}`);
  const list = `<${p}definedNames>${add.join("")}${close}`;
  const after = new RegExp(
    `</${p}externalReferences>|<${p}externalReferences\\b[^>]*/>|</${p}functionGroups>|<${p}functionGroups\\b[^>]*/>|</${p}sheets>`,
  );
  const at = [...out.matchAll(new RegExp(after.source, "g"))].pop();
  if (!at) return out;
  const i = at.index + at[0].length;
  out = out.slice(0, i) + list + out.slice(i);
  return out;
}

function insertBeforeClose(xml: string, root: string, add: string): string {
  const p =
    /<([A-Za-z_][\w.-]*:)?/.exec(
      xml.slice(xml.search(new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}\\b`))),
    )?.[1] ?? "";
  const close = `</${p}${root}>`;
  const i = xml.lastIndexOf(close);
  if (i >= 0) return xml.slice(0, i) + add + xml.slice(i);
  const selfClosing = new RegExp(`<${p}${root}\\b([^>]*?)\\s*/>`);
  return xml.replace(selfClosing, `<${p}${root}$1>${add}${close}`);
}

function uniquePart(zip: JSZip, stem: string, ext: string, taken: string[] = []): string {
  const lower = new Set([...Object.keys(zip.files), ...taken].map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const name = `${stem}${i}${ext}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

function uniqueRelId(ids: string[]): string {
  const taken = new Set(ids);
  for (let i = ids.length + 1; ; i++) if (!taken.has(`rId${i}`)) return `rId${i}`;
}

/** A relationship target for a part, relative to the folder of the part holding the relationship. */
function relativeTarget(fromPart: string, part: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}
