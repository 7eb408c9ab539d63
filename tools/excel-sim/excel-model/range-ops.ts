import type { Rect } from "./address";
import { rectInside, rectIntersection, rectsIntersect } from "./address";
import type { BorderSide, BorderSideName, Cell, CellFormat } from "./cells";
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  defaultFormat,
  formatIsDefault,
  hasContent,
  isErrorValue,
  valueForApi,
} from "./cells";
import { coerceWrittenValue } from "./coerce";
import { DIMENSION_MISMATCH_MESSAGE, ExcelModelError, invalidArgument, invalidOperation } from "./errors";
import { formatValue } from "./number-format";
import type { SheetModel, WorkbookModel } from "./workbook";
import { cellKey, keyToCell } from "./workbook";

/**
 * Reading and writing blocks of cells with Excel's rules. Sources per rule are in README.md; the ones that need
 * saying here:
 * - reads of more than 5,000,000 cells fail ("A range is limited to 5,000,000 cells for read operations",
 *   Resource limits and performance optimization for Office Add-ins) with RangeExceedsLimit;
 * - a written 2D array must have exactly the range's rows and columns (InvalidArgument, Excel's message);
 *   a single scalar is written to every cell (Excel accepts it at run time although the typings say any[][]);
 * - null in a written array leaves that cell as it is.
 */

export const READ_CELL_LIMIT = 5_000_000;
/** The fake refuses to write formats cell by cell over more cells than this (whole rows/columns). */
const FORMAT_WRITE_LIMIT = 2_000_000;

function area(rect: Rect): number {
  return rect.rows * rect.cols;
}

function checkReadable(rect: Rect, location: string): void {
  if (area(rect) > READ_CELL_LIMIT) throw new ExcelModelError("RangeExceedsLimit", undefined, location);
}

/** Cells of a block in row order, existing cells only (sparse). */
function* cellsIn(sheet: SheetModel, rect: Rect): Generator<[number, number, Cell]> {
  if (area(rect) <= sheet.cells.size * 4) {
    for (let r = rect.row; r < rect.row + rect.rows; r++)
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const cell = sheet.cells.get(cellKey(r, c));
        if (cell) yield [r, c, cell];
      }
    return;
  }
  for (const [key, cell] of sheet.cells) {
    const { row, col } = keyToCell(key);
    if (row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols) {
      yield [row, col, cell];
    }
  }
}

function grid<T>(sheet: SheetModel, rect: Rect, empty: T, read: (cell: Cell) => T): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < rect.rows; r++) out.push(new Array<T>(rect.cols).fill(empty));
  for (const [row, col, cell] of cellsIn(sheet, rect)) out[row - rect.row]![col - rect.col] = read(cell);
  return out;
}

export function readValues(
  sheet: SheetModel,
  rect: Rect,
  location = "Range.values",
): (string | number | boolean)[][] {
  checkReadable(rect, location);
  return grid<string | number | boolean>(sheet, rect, "", (c) => valueForApi(c.value));
}

/** Range.formulas: the formula where a cell has one, else its value. */
export function readFormulas(
  sheet: SheetModel,
  rect: Rect,
  location = "Range.formulas",
): (string | number | boolean)[][] {
  checkReadable(rect, location);
  return grid<string | number | boolean>(sheet, rect, "", (c) => c.formula ?? valueForApi(c.value));
}

export function readNumberFormats(
  sheet: SheetModel,
  rect: Rect,
  location = "Range.numberFormat",
): string[][] {
  checkReadable(rect, location);
  return grid(sheet, rect, "General", (c) => c.numberFormat);
}

export function readText(sheet: SheetModel, rect: Rect, location = "Range.text"): string[][] {
  checkReadable(rect, location);
  return grid(sheet, rect, "", (c) => (hasContent(c) ? formatValue(c.value, c.numberFormat) : ""));
}

export function readValueTypes(sheet: SheetModel, rect: Rect, location = "Range.valueTypes"): string[][] {
  checkReadable(rect, location);
  return grid(sheet, rect, "Empty", (c) => {
    const v = c.value;
    if (isErrorValue(v)) return "Error";
    if (typeof v === "number") return "Double";
    if (typeof v === "boolean") return "Boolean";
    return v === "" ? "Empty" : "String";
  });
}

/** The 2D input for a block: a scalar is repeated; an array must match the block exactly. */
function inputGrid(input: unknown, rect: Rect, location: string): (r: number, c: number) => unknown {
  if (!Array.isArray(input)) {
    if (area(rect) > FORMAT_WRITE_LIMIT) throw notModelled(location);
    return () => input;
  }
  const ok =
    input.length === rect.rows && input.every((row) => Array.isArray(row) && row.length === rect.cols);
  if (!ok) throw invalidArgument(DIMENSION_MISMATCH_MESSAGE, location);
  return (r, c) => (input[r] as unknown[])[c];
}

function notModelled(location: string): ExcelModelError {
  return new ExcelModelError(
    "NotImplemented",
    "The fake workbook does not model formats or scalars written cell by cell over whole rows or columns.",
    location,
  );
}

/** Range.values / Range.formulas assignment. */
export function writeCells(
  wb: WorkbookModel,
  sheet: SheetModel,
  rect: Rect,
  input: unknown,
  location: string,
): void {
  const at = inputGrid(input, rect, location);
  // Strict choice (unverified: Excel's UI refuses "to do that to a merged cell"; the API's code for it is not
  // documented): writing values through part of a merged area is refused, even nulls.
  if (sheet.merges.some((m) => rectsIntersect(m, rect) && !rectInside(m, rect))) {
    throw invalidOperation(undefined, location);
  }
  // Validate everything first: Excel applies an assignment whole or not at all.
  const planned: [number, number, ReturnType<typeof coerceWrittenValue>][] = [];
  for (let r = 0; r < rect.rows; r++)
    for (let c = 0; c < rect.cols; c++) {
      const v = at(r, c);
      if (v === null || v === undefined) continue;
      const row = rect.row + r;
      const col = rect.col + c;
      const current = sheet.cells.get(cellKey(row, col))?.numberFormat ?? "General";
      planned.push([row, col, coerceWrittenValue(v, current, wb, location)]);
    }
  for (const [row, col, w] of planned) {
    const cell = wb.writableCell(sheet, row, col);
    cell.value = w.value;
    cell.formula = w.formula;
    cell.quotePrefix = w.quotePrefix;
    cell.calc = w.formula !== null;
    if (w.impliedFormat && cell.numberFormat === "General") cell.numberFormat = w.impliedFormat;
    if (w.formula) {
      const { value, supported } = wb.evaluate(sheet, w.formula);
      cell.value = supported ? value : 0;
    }
  }
  wb.recalculate();
  wb.compact(sheet, rect);
}

function checkNumberFormat(v: unknown, location: string): string {
  // Strict choice: "" and non-strings are refused; Excel's format codes are strings.
  if (typeof v !== "string" || v === "") throw invalidArgument(undefined, location);
  let quoted = false;
  let depth = 0;
  for (const ch of v) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "[") depth++;
    else if (!quoted && ch === "]") depth--;
    if (depth < 0) throw invalidArgument(undefined, location);
  }
  if (quoted || depth !== 0 || v.split(";").length > 4) throw invalidArgument(undefined, location);
  return v;
}

export function writeNumberFormats(
  wb: WorkbookModel,
  sheet: SheetModel,
  rect: Rect,
  input: unknown,
  location = "Range.numberFormat",
): void {
  const at = inputGrid(input, rect, location);
  const planned: [number, number, string][] = [];
  for (let r = 0; r < rect.rows; r++)
    for (let c = 0; c < rect.cols; c++) {
      const v = at(r, c);
      if (v === null || v === undefined) continue;
      planned.push([rect.row + r, rect.col + c, checkNumberFormat(v, location)]);
    }
  for (const [row, col, f] of planned) wb.writableCell(sheet, row, col).numberFormat = f;
  wb.compact(sheet, rect);
}

export type FormatProp = Exclude<keyof CellFormat, "borders">;

/** A format property over a block: whether the cells differ, and the common value when they do not. */
export function uniformFormat<K extends FormatProp>(
  sheet: SheetModel,
  rect: Rect,
  prop: K,
): { mixed: boolean; value: CellFormat[K] } {
  let seen = 0;
  let value: CellFormat[K] | undefined;
  let mixed = false;
  for (const [, , cell] of cellsIn(sheet, rect)) {
    seen++;
    const v = cell.format[prop];
    if (seen === 1) value = v;
    else if (v !== value) mixed = true;
  }
  if (seen < area(rect)) {
    const d = defaultFormat()[prop];
    if (seen === 0) value = d;
    else if (d !== value) mixed = true;
  }
  return { mixed, value: value as CellFormat[K] };
}

/** A format property over a block: the common value, or null when the cells differ (as Office.js reads it). */
export function readFormatProp<K extends FormatProp>(
  sheet: SheetModel,
  rect: Rect,
  prop: K,
): CellFormat[K] | null {
  const u = uniformFormat(sheet, rect, prop);
  return u.mixed ? null : u.value;
}

export function writeFormatProp<K extends FormatProp>(
  wb: WorkbookModel,
  sheet: SheetModel,
  rect: Rect,
  prop: K,
  value: CellFormat[K],
  location: string,
): void {
  if (area(rect) > FORMAT_WRITE_LIMIT) throw notModelled(location);
  for (let r = rect.row; r < rect.row + rect.rows; r++)
    for (let c = rect.col; c < rect.col + rect.cols; c++) wb.writableCell(sheet, r, c).format[prop] = value;
  wb.compact(sheet, rect);
}

const NO_BORDER: BorderSide = { style: "None", color: "#000000", weight: "Thin" };

/** The cells and the cell side a border index of a block stands for. */
function borderTargets(rect: Rect, index: string): { rect: Rect; side: BorderSideName }[] {
  const last = (n: number) => n - 1;
  switch (index) {
    case "EdgeTop":
      return [{ rect: { ...rect, rows: 1 }, side: "EdgeTop" }];
    case "EdgeBottom":
      return [{ rect: { ...rect, row: rect.row + last(rect.rows), rows: 1 }, side: "EdgeBottom" }];
    case "EdgeLeft":
      return [{ rect: { ...rect, cols: 1 }, side: "EdgeLeft" }];
    case "EdgeRight":
      return [{ rect: { ...rect, col: rect.col + last(rect.cols), cols: 1 }, side: "EdgeRight" }];
    case "InsideHorizontal":
      return rect.rows > 1 ? [{ rect: { ...rect, rows: rect.rows - 1 }, side: "EdgeBottom" }] : [];
    case "InsideVertical":
      return rect.cols > 1 ? [{ rect: { ...rect, cols: rect.cols - 1 }, side: "EdgeRight" }] : [];
    case "DiagonalDown":
    case "DiagonalUp":
      return [{ rect, side: index }];
    default:
      return [];
  }
}

export function readBorder(
  sheet: SheetModel,
  rect: Rect,
  index: string,
  field: keyof BorderSide,
): string | null {
  let value: string | undefined;
  for (const target of borderTargets(rect, index)) {
    for (let r = target.rect.row; r < target.rect.row + target.rect.rows; r++)
      for (let c = target.rect.col; c < target.rect.col + target.rect.cols; c++) {
        const side = sheet.cells.get(cellKey(r, c))?.format.borders[target.side] ?? NO_BORDER;
        if (value === undefined) value = side[field];
        else if (value !== side[field]) return null;
      }
  }
  return value ?? NO_BORDER[field];
}

export function writeBorder(
  wb: WorkbookModel,
  sheet: SheetModel,
  rect: Rect,
  index: string,
  field: keyof BorderSide,
  value: string,
  location: string,
): void {
  if (area(rect) > FORMAT_WRITE_LIMIT) throw notModelled(location);
  for (const target of borderTargets(rect, index)) {
    for (let r = target.rect.row; r < target.rect.row + target.rect.rows; r++)
      for (let c = target.rect.col; c < target.rect.col + target.rect.cols; c++) {
        const cell = wb.writableCell(sheet, r, c);
        const side = { ...(cell.format.borders[target.side] ?? NO_BORDER) };
        side[field] = value;
        // Giving a line style to a side without one makes it a thin black line (Excel's default border).
        if (field === "style" && value === "None") {
          delete cell.format.borders[target.side];
          continue;
        }
        if (field !== "style" && side.style === "None") side.style = "Continuous";
        cell.format.borders[target.side] = side;
      }
  }
  wb.compact(sheet, rect);
}

function uniform(values: number[]): number | null {
  return values.every((v) => v === values[0]) ? (values[0] ?? null) : null;
}

export function readColumnWidth(sheet: SheetModel, rect: Rect): number | null {
  if (rect.cols > 10_000) {
    const set = [...sheet.columnWidths.entries()].filter(([c]) => c >= rect.col && c < rect.col + rect.cols);
    const vals = set.map(([, w]) => w);
    if (set.length < rect.cols) vals.push(DEFAULT_COLUMN_WIDTH);
    return uniform(vals);
  }
  const vals: number[] = [];
  for (let c = rect.col; c < rect.col + rect.cols; c++)
    vals.push(sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
  return uniform(vals);
}

export function readRowHeight(sheet: SheetModel, rect: Rect): number | null {
  const vals = [...sheet.rowHeights.entries()]
    .filter(([r]) => r >= rect.row && r < rect.row + rect.rows)
    .map(([, h]) => h);
  if (vals.length < rect.rows) vals.push(DEFAULT_ROW_HEIGHT);
  return uniform(vals);
}

/**
 * RangeFormat.useStandardHeight (ExcelApi 1.7): true when no row of the range has a height of its own, null when
 * some have and some do not or they differ, false otherwise (the docs: "Returns null if the range contains more
 * than one row and the rows aren't all the same height").
 */
export function readUseStandardHeight(sheet: SheetModel, rect: Rect): boolean | null {
  let own = 0;
  for (const r of sheet.rowHeights.keys()) if (r >= rect.row && r < rect.row + rect.rows) own++;
  if (own === 0) return true;
  return own === rect.rows && readRowHeight(sheet, rect) !== null ? false : null;
}

/**
 * Setting useStandardHeight: true gives the range's rows the sheet's standard height (their own heights go);
 * false has no effect (office-js-docs-pr, "Cell format useStandardHeight and useStandardWidth issues": "only
 * intended to be set to true. Setting these properties to false has no effect."). Not a boolean: refused.
 */
export function writeUseStandardHeight(
  sheet: SheetModel,
  rect: Rect,
  value: unknown,
  location: string,
): void {
  if (typeof value !== "boolean") throw invalidArgument(undefined, location);
  if (!value) return;
  for (const r of [...sheet.rowHeights.keys()])
    if (r >= rect.row && r < rect.row + rect.rows) sheet.rowHeights.delete(r);
}

/** Excel's widest column is 255 characters (1,790 px = 1,342.5 pt); its tallest row 409 pt. */
export const MAX_COLUMN_WIDTH = 1342.5;
export const MAX_ROW_HEIGHT = 409;

export function writeColumnWidth(sheet: SheetModel, rect: Rect, width: unknown, location: string): void {
  if (typeof width !== "number" || !Number.isFinite(width) || width < 0 || width > MAX_COLUMN_WIDTH) {
    throw invalidArgument(undefined, location);
  }
  for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.columnWidths.set(c, width);
}

export function writeRowHeight(sheet: SheetModel, rect: Rect, height: unknown, location: string): void {
  if (typeof height !== "number" || !Number.isFinite(height) || height < 0 || height > MAX_ROW_HEIGHT) {
    throw invalidArgument(undefined, location);
  }
  if (rect.rows > 100_000) throw notModelled(location);
  for (let r = rect.row; r < rect.row + rect.rows; r++) sheet.rowHeights.set(r, height);
}

/** Width in points Excel gives a text (an estimate: Calibri 11 averages 7 px a character, plus 5 px padding). */
export function textWidthPoints(text: string, format: CellFormat): number {
  const longest = Math.max(0, ...text.split("\n").map((l) => l.length));
  const px = longest * 7 * (format.fontSize / 11) * (format.bold ? 1.1 : 1) + 5;
  return Math.min(MAX_COLUMN_WIDTH, Math.round(px) * 0.75);
}

function inMerge(sheet: SheetModel, row: number, col: number): boolean {
  return sheet.merges.some(
    (m) => row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols,
  );
}

/** RangeFormat.autofitColumns: each column as wide as its widest text in the block (merged cells ignored). */
export function autofitColumns(sheet: SheetModel, rect: Rect): void {
  const widest = new Map<number, number>();
  for (const [row, col, cell] of cellsIn(sheet, rect)) {
    if (!hasContent(cell) || inMerge(sheet, row, col)) continue;
    const w = textWidthPoints(formatValue(cell.value, cell.numberFormat), cell.format);
    widest.set(col, Math.max(widest.get(col) ?? 0, w));
  }
  for (const [col, w] of widest) sheet.columnWidths.set(col, w);
}

/** RangeFormat.autofitRows: each row as tall as its most wrapped text (an estimate). */
export function autofitRows(sheet: SheetModel, rect: Rect): void {
  const tallest = new Map<number, number>();
  for (const [row, col, cell] of cellsIn(sheet, rect)) {
    if (!hasContent(cell)) continue;
    const text = formatValue(cell.value, cell.numberFormat);
    let lines = text.split("\n").length;
    if (cell.format.wrapText) {
      const width = sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
      lines = text
        .split("\n")
        .reduce((n, l) => n + Math.max(1, Math.ceil(textWidthPoints(l, cell.format) / width)), 0);
    }
    const h = Math.min(MAX_ROW_HEIGHT, lines * DEFAULT_ROW_HEIGHT * (cell.format.fontSize / 11));
    tallest.set(row, Math.max(tallest.get(row) ?? 0, h));
  }
  for (const [row, h] of tallest) sheet.rowHeights.set(row, h);
}

const CLEAR_KINDS = new Set(["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks"]);

/** Range.clear(applyTo): "All" (default), "Formats" (also unmerges), "Contents", "Hyperlinks", "RemoveHyperlinks". */
export function clearRange(
  wb: WorkbookModel,
  sheet: SheetModel,
  rect: Rect,
  applyTo: unknown,
  location: string,
): void {
  const kind = applyTo === undefined || applyTo === null ? "All" : applyTo;
  if (typeof kind !== "string" || !CLEAR_KINDS.has(kind)) throw invalidArgument(undefined, location);
  for (const [, , cell] of [...cellsIn(sheet, rect)]) {
    if (kind === "All" || kind === "Contents") {
      cell.value = "";
      cell.formula = null;
      cell.quotePrefix = false;
      cell.calc = false;
    }
    if (kind === "All" || kind === "Formats") {
      cell.format = defaultFormat();
      cell.numberFormat = "General";
    }
    if (kind === "All" || kind === "Hyperlinks" || kind === "RemoveHyperlinks") {
      if (cell.hyperlink && kind === "Hyperlinks") cell.format = defaultFormat();
      delete cell.hyperlink;
    }
  }
  if (kind === "All" || kind === "Formats") {
    sheet.merges = sheet.merges.filter((m) => !rectsIntersect(m, rect));
  }
  wb.recalculate();
  wb.compact(sheet);
}

/**
 * Range.merge(across): one merged area (or one per row when `across`). Like Excel, only the upper-left value
 * of each area is kept. Strict choice: a merge that partly overlaps an existing merged area is refused
 * (InvalidOperation); existing areas wholly inside the new one are absorbed.
 */
export function mergeRange(
  wb: WorkbookModel,
  sheet: SheetModel,
  rect: Rect,
  across: unknown,
  location: string,
): void {
  if (across !== undefined && across !== null && typeof across !== "boolean") {
    throw invalidArgument(undefined, location);
  }
  const areas: Rect[] = across
    ? Array.from({ length: rect.rows }, (_, i) => ({
        row: rect.row + i,
        col: rect.col,
        rows: 1,
        cols: rect.cols,
      }))
    : [rect];
  for (const target of areas) {
    if (target.rows === 1 && target.cols === 1) continue;
    for (const m of sheet.merges) {
      if (rectsIntersect(m, target) && !rectInside(m, target)) throw invalidOperation(undefined, location);
    }
  }
  for (const target of areas) {
    if (target.rows === 1 && target.cols === 1) continue;
    sheet.merges = sheet.merges.filter((m) => !rectInside(m, target));
    for (const [row, col, cell] of [...cellsIn(sheet, target)]) {
      if (row === target.row && col === target.col) continue;
      cell.value = "";
      cell.formula = null;
      cell.quotePrefix = false;
      cell.calc = false;
    }
    sheet.merges.push({ ...target });
  }
  wb.recalculate();
  wb.compact(sheet);
}

/** Range.unmerge: splits every merged area that intersects the block. */
export function unmergeRange(sheet: SheetModel, rect: Rect): void {
  sheet.merges = sheet.merges.filter((m) => !rectsIntersect(m, rect));
}

/**
 * The cells of `within` holding a formula, as rectangles that do not overlap (Range.getSpecialCells with
 * SpecialCellType.formulas, ExcelApi 1.9): each row's runs of neighbouring formula cells, a run stacked onto the
 * one above it where the rows before had the same run. Sorted by row, then column. Empty when there is none (Excel
 * throws ItemNotFound then, or gives a null object through getSpecialCellsOrNullObject). Excel's own split into
 * areas may differ; the cells covered are the same.
 */
export function formulaAreas(sheet: SheetModel, within: Rect): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const [key, cell] of sheet.cells) {
    if (!cell.formula) continue;
    const { row, col } = keyToCell(key);
    if (
      row < within.row ||
      row >= within.row + within.rows ||
      col < within.col ||
      col >= within.col + within.cols
    )
      continue;
    const cols = byRow.get(row) ?? [];
    cols.push(col);
    byRow.set(row, cols);
  }
  const out: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((x, y) => x - y)) {
    const cols = byRow.get(row)!.sort((x, y) => x - y);
    const next = new Map<string, Rect>();
    for (let i = 0; i < cols.length;) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j]! + 1) j++;
      const id = `${cols[i]}:${cols[j]}`;
      const above = open.get(id);
      if (above && above.row + above.rows === row) {
        above.rows++;
        next.set(id, above);
      } else {
        const rect = { row, col: cols[i]!, rows: 1, cols: cols[j]! - cols[i]! + 1 };
        out.push(rect);
        next.set(id, rect);
      }
      i = j + 1;
    }
    open = next;
  }
  return out.sort((x, y) => x.row - y.row || x.col - y.col);
}

/**
 * The used range: the smallest block holding every cell with a value or formula, or (unless valuesOnly) any
 * formatting. Null when there is none.
 */
export function usedRect(sheet: SheetModel, valuesOnly: boolean, within?: Rect): Rect | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  for (const [key, cell] of sheet.cells) {
    const used = hasContent(cell) || (!valuesOnly && (!formatIsDefault(cell) || !!cell.hyperlink));
    if (!used) continue;
    const { row, col } = keyToCell(key);
    if (
      within &&
      !(
        row >= within.row &&
        row < within.row + within.rows &&
        col >= within.col &&
        col < within.col + within.cols
      )
    ) {
      continue;
    }
    r0 = Math.min(r0, row);
    c0 = Math.min(c0, col);
    r1 = Math.max(r1, row);
    c1 = Math.max(c1, col);
  }
  if (r1 < 0) return null;
  const rect = { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  return within ? rectIntersection(rect, within) : rect;
}
