/**
 * One cell as the model keeps it, and the defaults of a new Excel workbook (Calibri 11, General, no fill,
 * bottom-aligned; default column width 8.43 characters = 64 px = 48 pt, default row height 15 pt).
 */

/** An Excel error value such as #REF!; `values` reads it back as the string "#REF!". */
export interface ErrorValue {
  error: string;
}

/** What a cell holds: "" is empty. */
export type CellScalar = number | string | boolean | ErrorValue;

export type BorderSideName =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "DiagonalDown" | "DiagonalUp";

export interface BorderSide {
  /** Excel.BorderLineStyle: "None", "Continuous", "Dash", ... */
  style: string;
  /** "#RRGGBB" */
  color: string;
  /** Excel.BorderWeight: "Hairline", "Thin", "Medium", "Thick" */
  weight: string;
}

export interface CellFormat {
  /** "#RRGGBB", or null for no fill (Office.js reads no fill as "#FFFFFF"). */
  fill: string | null;
  fontColor: string;
  fontName: string;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  /** Excel.RangeUnderlineStyle */
  underline: string;
  wrapText: boolean;
  /** Excel.HorizontalAlignment */
  horizontalAlignment: string;
  /** Excel.VerticalAlignment */
  verticalAlignment: string;
  borders: Partial<Record<BorderSideName, BorderSide>>;
}

export interface Cell {
  value: CellScalar;
  /** "=SUM(A1:A3)" when the cell holds a formula; value is then its cached result. */
  formula: string | null;
  numberFormat: string;
  /** Text entered with a leading apostrophe (stored without it). */
  quotePrefix: boolean;
  format: CellFormat;
  /** Hyperlink address, if any (the text is the value). */
  hyperlink?: string;
  /** A formula written through the API: recalculated by the model (seeded formulas keep their cached value). */
  calc?: boolean;
}

export const DEFAULT_FONT_NAME = "Calibri";
export const DEFAULT_FONT_SIZE = 11;
/** Points. 8.43 characters of Calibri 11 = 64 px = 48 pt. */
export const DEFAULT_COLUMN_WIDTH = 48;
/** Points. */
export const DEFAULT_ROW_HEIGHT = 15;
/** Excel's longest cell text (Excel specifications and limits). */
export const MAX_CELL_TEXT = 32_767;

export function defaultFormat(): CellFormat {
  return {
    fill: null,
    fontColor: "#000000",
    fontName: DEFAULT_FONT_NAME,
    fontSize: DEFAULT_FONT_SIZE,
    bold: false,
    italic: false,
    underline: "None",
    wrapText: false,
    horizontalAlignment: "General",
    verticalAlignment: "Bottom",
    borders: {},
  };
}

export function emptyCell(): Cell {
  return { value: "", formula: null, numberFormat: "General", quotePrefix: false, format: defaultFormat() };
}

export function isErrorValue(v: unknown): v is ErrorValue {
  return typeof v === "object" && v !== null && typeof (v as ErrorValue).error === "string";
}

export function hasContent(cell: Cell): boolean {
  return cell.formula !== null || cell.value !== "";
}

export function formatIsDefault(cell: Cell): boolean {
  const d = defaultFormat();
  const f = cell.format;
  return (
    cell.numberFormat === "General" &&
    f.fill === d.fill &&
    f.fontColor === d.fontColor &&
    f.fontName === d.fontName &&
    f.fontSize === d.fontSize &&
    f.bold === d.bold &&
    f.italic === d.italic &&
    f.underline === d.underline &&
    f.wrapText === d.wrapText &&
    f.horizontalAlignment === d.horizontalAlignment &&
    f.verticalAlignment === d.verticalAlignment &&
    Object.values(f.borders).every((b) => !b || b.style === "None")
  );
}

/** The value as Office.js `values` gives it: errors as their text, everything else as stored. */
export function valueForApi(v: CellScalar): string | number | boolean {
  return isErrorValue(v) ? v.error : v;
}

export function cloneCell(cell: Cell): Cell {
  return {
    ...cell,
    value: isErrorValue(cell.value) ? { error: cell.value.error } : cell.value,
    format: { ...cell.format, borders: cloneBorders(cell.format.borders) },
  };
}

function cloneBorders(b: CellFormat["borders"]): CellFormat["borders"] {
  const out: CellFormat["borders"] = {};
  for (const [k, v] of Object.entries(b)) if (v) out[k as BorderSideName] = { ...v };
  return out;
}

export const EXCEL_ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);
