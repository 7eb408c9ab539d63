import type { Rect } from "./address";
import { MAX_COLS, absoluteRect, parseAddress, quoteSheetName } from "./address";
import type { Cell, CellScalar } from "./cells";
import { cloneCell, emptyCell, formatIsDefault, hasContent, isErrorValue } from "./cells";
import { normalizeColor } from "./colors";
import type { Locale } from "./coerce";
import {
  ExcelModelError,
  invalidArgument,
  invalidOperation,
  itemAlreadyExists,
  itemNotFound,
} from "./errors";
import {
  checkFormulaSyntax,
  deleteSheetInFormula,
  evaluateFormula,
  parseReferenceFormula,
  renameSheetInFormula,
} from "./formulas";

/**
 * The workbook model: ordered worksheets with cells, formats, merges, column widths, freeze panes, page layout
 * and charts; workbook names and add-in settings. Every change goes through a method that keeps Excel's rules
 * and raises Excel's error codes (see README.md for the sources of each rule).
 */

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface HeaderFooterModel {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

export interface ZoomModel {
  scale?: number;
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
}

export interface PageLayoutModel {
  orientation: string;
  paperSize: string;
  zoom: ZoomModel;
  printTitleRows: Rect | null;
  printTitleColumns: Rect | null;
  printArea: Rect[] | null;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printGridlines: boolean;
  /** PageLayout.firstPageNumber (ExcelApi 1.9): the first printed page's number, "" for auto (the default). */
  firstPageNumber: number | "";
  defaultHeaderFooter: HeaderFooterModel;
  /** Manual horizontal page breaks (Worksheet.horizontalPageBreaks): each the 0-based row a new page starts at. */
  rowBreaks: number[];
}

export interface ChartModel {
  id: string;
  name: string;
  chartType: string;
  source: { sheetId: string; rect: Rect };
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  /** Cells the chart covers, once setPosition was called. */
  anchor: { start: Rect; end: Rect | null } | null;
  top: number;
  left: number;
  width: number;
  height: number;
}

/**
 * A shape on a sheet's drawing layer (Worksheet.shapes, ExcelApi 1.9): a picture ("Image"), a drawn shape or text
 * box ("GeometricShape"), a line, a group, or one the API cannot describe ("Unsupported"), Excel.ShapeType's
 * values. Charts are not modelled as shapes: Microsoft's "Work with shapes" page counts "anything outside of a
 * cell" as a shape but covers charts apart, through Worksheet.charts; whether a chart also appears in
 * Worksheet.shapes is unverified.
 */
export interface ShapeModel {
  id: string;
  name: string;
  type: "Image" | "GeometricShape" | "Group" | "Line" | "Unsupported";
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: SheetVisibility;
  /** "#RRGGBB", or "" for none (as Office.js reads it). */
  tabColor: string;
  /** Keyed by row * MAX_COLS + col. */
  cells: Map<number, Cell>;
  merges: Rect[];
  /** Points, by 0-based column; missing = default width. */
  columnWidths: Map<number, number>;
  /** Points, by 0-based row; missing = default height. */
  rowHeights: Map<number, number>;
  freeze: { rows: number; cols: number };
  pageLayout: PageLayoutModel;
  charts: ChartModel[];
  chartCounter: number;
  /** Pictures and shapes (Worksheet.shapes), bottom first. */
  shapes: ShapeModel[];
  /**
   * Worksheet protection (Review > Protect Sheet). While on, every write to the sheet's cells, formats, merges,
   * sizes, charts and page layout fails with AccessDenied ("If worksheet protection is enabled and not paused,
   * this method throws an AccessDenied error", the Range members in the published reference). Strict choice:
   * every cell counts as locked and no "allow" option is modelled (Excel's default for a protected sheet).
   */
  protected?: boolean;
  /**
   * Hidden rows (hidden by hand, or filtered out by an AutoFilter: Excel hides both the same way), by 0-based row.
   * Values written through the API reach hidden rows as any other (unverified for filtered ranges on every build:
   * office-js issue #224 misplaced values written into a filtered range, fixed since).
   */
  hiddenRows?: Set<number>;
}

/**
 * An Excel table (ListObject): a rectangle whose first row is the header row. Column names are the header
 * cells' text. Columns are added through TableColumnCollection.add (a value written beside a table through
 * Range.values does not grow it here: unverified, Excel's AutoCorrect "include new columns" applies to typing).
 */
export interface TableModel {
  id: string;
  name: string;
  sheetId: string;
  rect: Rect;
}

export interface NameModel {
  name: string;
  /** "='Highlight Report'!$A$1" */
  formula: string;
  comment: string;
  visible: boolean;
}

export interface WorkbookOptions {
  /** How typed dates and currency read ("31/03/2021" is 31 March in en-GB). Default en-GB. */
  locale?: Locale;
  /** Today, for dates typed without a year. Default: the real date. */
  today?: () => Date;
}

export function cellKey(row: number, col: number): number {
  return row * MAX_COLS + col;
}

export function keyToCell(key: number): { row: number; col: number } {
  return { row: Math.floor(key / MAX_COLS), col: key % MAX_COLS };
}

function defaultPageLayout(): PageLayoutModel {
  return {
    orientation: "Portrait",
    paperSize: "A4",
    zoom: { scale: 100 },
    printTitleRows: null,
    printTitleColumns: null,
    printArea: null,
    centerHorizontally: false,
    centerVertically: false,
    printGridlines: false,
    firstPageNumber: "",
    rowBreaks: [],
    defaultHeaderFooter: {
      leftHeader: "",
      centerHeader: "",
      rightHeader: "",
      leftFooter: "",
      centerFooter: "",
      rightFooter: "",
    },
  };
}

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/;

/**
 * Excel's worksheet name rules ("Rename a worksheet", support.microsoft.com): not blank, at most 31 characters,
 * none of [ ] : * ? / \, not starting or ending with an apostrophe, and "History" is reserved.
 * Unique names (case-insensitive) are checked by the caller (ItemAlreadyExists).
 */
export function checkSheetName(name: unknown, location: string): asserts name is string {
  if (typeof name !== "string") throw invalidArgument(undefined, location);
  if (name.trim() === "" || name.length > 31) throw invalidArgument(undefined, location);
  if (FORBIDDEN_SHEET_CHARS.test(name)) throw invalidArgument(undefined, location);
  if (name.startsWith("'") || name.endsWith("'")) throw invalidArgument(undefined, location);
  if (name.toLowerCase() === "history") throw invalidArgument(undefined, location);
}

/**
 * Excel's defined-name rules ("Names in formulas", support.microsoft.com): starts with a letter, "_" or "\";
 * then letters, digits, "." and "_"; no spaces; not "C"/"R"; not a cell reference; at most 255 characters.
 */
export function checkDefinedName(name: unknown, location: string): asserts name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 255)
    throw invalidArgument(undefined, location);
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) throw invalidArgument(undefined, location);
  if (/^[CcRr]$/.test(name)) throw invalidArgument(undefined, location);
  if (/^[A-Za-z]{1,3}\d+$/.test(name) && parseAddress(name)) throw invalidArgument(undefined, location);
  if (/^[Rr]\d*[Cc]\d*$/.test(name)) throw invalidArgument(undefined, location);
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly names: NameModel[] = [];
  readonly tables: TableModel[] = [];
  /** Add-in settings (Excel.SettingCollection), stored as JSON text as Office stores them. */
  readonly settings = new Map<string, string>();
  /**
   * The 1904 date system (Excel: File > Options > Advanced > "Use 1904 date system"; in the file, workbookPr
   * date1904). Cells hold serials in the workbook's system: Range.values reads them as stored and DATE()
   * counts from 1 January 1904, 1,462 less than the 1900 system for the same day.
   */
  date1904 = false;
  activeSheetId = "";
  /** The selection on the active sheet. */
  selection: Rect = { row: 0, col: 0, rows: 1, cols: 1 };
  readonly locale: Locale;
  readonly today: () => Date;
  private sheetCounter = 0;
  private chartIds = 0;
  /**
   * Workbook structure protection (Review > Protect Workbook): sheets cannot be added, deleted, renamed, moved
   * or hidden (support.microsoft.com "Protect a workbook"); the API then fails with AccessDenied (unverified:
   * the code Excel gives for a structure change is not documented member by member).
   */
  structureProtected = false;
  /**
   * Calls that clear the user's undo stack, as "Class.member" in the order made: the APIs Microsoft's "Undo
   * capabilities" page (docs/excel/excel-add-ins-undo-capabilities.md) lists as not undoable on any platform
   * the fake models (Worksheet.delete, WorksheetProtection and WorkbookProtection protect/unprotect), or on
   * one of them (Worksheet.name / position / visibility on Windows and Mac, NamedItem.comment on the web).
   */
  readonly undoClearedBy: string[] = [];
  /**
   * Fault injection: the write (property set or changing method call, counted over the model's life from 1)
   * with this number fails with `code` before it is applied; the writes before it stay applied, as Excel runs a
   * request's commands in order and rolls nothing back. Set by tests.
   */
  failAtWrite: { at: number; code?: string } | null = null;
  /**
   * The user is editing a cell. With `delayForCellEdit` false (the default), Excel fails a batch at once with
   * InvalidOperationInCellEditMode (docs/excel/excel-add-ins-delay-in-cell-edit.md); the fake fails every
   * command while this is on, reads included. Unverified: whether a read alone is refused on every platform.
   */
  cellEditMode = false;
  /** Writes made so far (see failAtWrite). */
  writes = 0;

  constructor(options: WorkbookOptions = {}) {
    this.locale = options.locale ?? "en-GB";
    this.today = options.today ?? (() => new Date());
  }

  // ---- worksheets -------------------------------------------------------------------------------------

  findSheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** The sheet, or ItemNotFound (a deleted sheet's proxies fail like this in Excel). */
  sheet(id: string, location = "Worksheet"): SheetModel {
    const s = this.sheetById(id);
    if (!s) throw itemNotFound(undefined, location);
    return s;
  }

  sheetByName(name: string, location = "WorksheetCollection.getItem"): SheetModel {
    const s = typeof name === "string" ? this.findSheet(name) : undefined;
    if (!s) throw itemNotFound(undefined, location);
    return s;
  }

  activeSheet(): SheetModel {
    const s = this.sheetById(this.activeSheetId) ?? this.sheets.find((x) => x.visibility === "Visible");
    if (!s) throw itemNotFound(undefined, "WorksheetCollection.getActiveWorksheet");
    return s;
  }

  /** Adds a sheet at the end (WorksheetCollection.add); a missing name gets Excel's next "SheetN". */
  addSheet(name?: string | null, location = "WorksheetCollection.add"): SheetModel {
    if (this.structureProtected) throw new ExcelModelError("AccessDenied", undefined, location);
    let finalName: string;
    if (name === undefined || name === null) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    } else {
      checkSheetName(name, location);
      if (this.findSheet(name)) throw itemAlreadyExists(undefined, location);
      finalName = name;
    }
    this.sheetCounter++;
    const sheet: SheetModel = {
      id: `{${this.sheetCounter.toString(16).toUpperCase().padStart(8, "0")}-0001-0000-0000-000000000000}`,
      name: finalName,
      visibility: "Visible",
      tabColor: "",
      cells: new Map(),
      merges: [],
      columnWidths: new Map(),
      rowHeights: new Map(),
      freeze: { rows: 0, cols: 0 },
      pageLayout: defaultPageLayout(),
      charts: [],
      chartCounter: 0,
      shapes: [],
    };
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  renameSheet(id: string, name: unknown, location = "Worksheet.name"): void {
    if (this.structureProtected) throw new ExcelModelError("AccessDenied", undefined, location);
    const sheet = this.sheet(id, location);
    checkSheetName(name, location);
    const clash = this.findSheet(name);
    if (clash && clash !== sheet) throw itemAlreadyExists(undefined, location);
    const old = sheet.name;
    if (old === name) return;
    sheet.name = name;
    this.rewriteFormulas((f) => renameSheetInFormula(f, old, name));
  }

  /** Worksheet.delete: VeryHidden sheets and the last visible sheet cannot be deleted (InvalidOperation). */
  deleteSheet(id: string, location = "Worksheet.delete"): void {
    if (this.structureProtected) throw new ExcelModelError("AccessDenied", undefined, location);
    const sheet = this.sheet(id, location);
    if (sheet.visibility === "VeryHidden") throw invalidOperation(undefined, location);
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (sheet.visibility === "Visible" && visible.length === 1) throw invalidOperation(undefined, location);
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    this.rewriteFormulas((f) => deleteSheetInFormula(f, sheet.name));
    if (this.activeSheetId === id) this.activateNeighbour(index);
  }

  private activateNeighbour(index: number): void {
    const after = this.sheets.slice(index).find((s) => s.visibility === "Visible");
    const before = [...this.sheets.slice(0, index)].reverse().find((s) => s.visibility === "Visible");
    const next = after ?? before;
    this.activeSheetId = next ? next.id : "";
    this.selection = { row: 0, col: 0, rows: 1, cols: 1 };
  }

  /** Worksheet.position: 0-based; strict choice: positions outside 0..count-1 are refused (InvalidArgument). */
  moveSheet(id: string, position: unknown, location = "Worksheet.position"): void {
    if (this.structureProtected) throw new ExcelModelError("AccessDenied", undefined, location);
    const sheet = this.sheet(id, location);
    if (typeof position !== "number" || !Number.isInteger(position))
      throw invalidArgument(undefined, location);
    if (position < 0 || position >= this.sheets.length) throw invalidArgument(undefined, location);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  /** A workbook keeps at least one visible sheet: hiding the last one is an InvalidOperation. */
  setVisibility(id: string, visibility: unknown, location = "Worksheet.visibility"): void {
    if (this.structureProtected) throw new ExcelModelError("AccessDenied", undefined, location);
    const sheet = this.sheet(id, location);
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden") {
      throw invalidArgument(undefined, location);
    }
    if (visibility !== "Visible" && sheet.visibility === "Visible") {
      const visible = this.sheets.filter((s) => s.visibility === "Visible");
      if (visible.length === 1) throw invalidOperation(undefined, location);
    }
    sheet.visibility = visibility;
    if (visibility !== "Visible" && this.activeSheetId === id) {
      this.activateNeighbour(this.sheets.indexOf(sheet));
    }
  }

  setTabColor(id: string, color: unknown, location = "Worksheet.tabColor"): void {
    const sheet = this.sheet(id, location);
    sheet.tabColor = color === "" || color === null ? "" : normalizeColor(color, location);
  }

  /** Strict choice: activating a hidden sheet is refused (InvalidOperation); Excel cannot show it. */
  activate(id: string, location = "Worksheet.activate"): void {
    const sheet = this.sheet(id, location);
    if (sheet.visibility !== "Visible") throw invalidOperation(undefined, location);
    if (this.activeSheetId !== id) this.selection = { row: 0, col: 0, rows: 1, cols: 1 };
    this.activeSheetId = id;
  }

  select(sheetId: string, rect: Rect, location = "Range.select"): void {
    this.activate(sheetId, location);
    this.selection = { ...rect };
  }

  // ---- cells --------------------------------------------------------------------------------------------

  readCell(sheet: SheetModel, row: number, col: number): Cell | undefined {
    return sheet.cells.get(cellKey(row, col));
  }

  /** The cell to change (created empty when missing). */
  writableCell(sheet: SheetModel, row: number, col: number): Cell {
    const key = cellKey(row, col);
    let cell = sheet.cells.get(key);
    if (!cell) {
      cell = emptyCell();
      sheet.cells.set(key, cell);
    }
    return cell;
  }

  /**
   * Drops cells that hold nothing and have default formatting; given the block a write touched, looks at that
   * block only (a write cannot empty cells outside it), so many small writes to a large sheet stay fast.
   */
  compact(sheet: SheetModel, within?: Rect): void {
    if (within && within.rows * within.cols < sheet.cells.size) {
      for (let r = within.row; r < within.row + within.rows; r++)
        for (let c = within.col; c < within.col + within.cols; c++) {
          const key = cellKey(r, c);
          const cell = sheet.cells.get(key);
          if (cell && !hasContent(cell) && formatIsDefault(cell) && !cell.hyperlink) sheet.cells.delete(key);
        }
      return;
    }
    for (const [key, cell] of sheet.cells) {
      if (!hasContent(cell) && formatIsDefault(cell) && !cell.hyperlink) sheet.cells.delete(key);
    }
  }

  /** A value from a cell reference (for formula evaluation); a missing sheet gives #REF!. */
  valueAt(sheetName: string | null, fromSheet: SheetModel, row: number, col: number): CellScalar {
    const sheet = sheetName === null ? fromSheet : this.findSheet(sheetName);
    if (!sheet) return { error: "#REF!" };
    return sheet.cells.get(cellKey(row, col))?.value ?? "";
  }

  /** Evaluates a formula on a sheet with the small evaluator (see formulas.ts). */
  evaluate(sheet: SheetModel, formula: string): { value: CellScalar; supported: boolean } {
    return evaluateFormula(formula, {
      cell: (s, r, c) => this.valueAt(s, sheet, r, c),
      name: (n) => {
        const item = this.names.find((x) => x.name.toLowerCase() === n.toLowerCase());
        return item ? parseReferenceFormula(item.formula) : null;
      },
    });
  }

  /**
   * Recalculates formulas written through the API (marked `calc`), a few passes so chains settle. Formulas
   * seeded from a file keep their cached results: this is no calculation engine.
   */
  recalculate(): void {
    for (let pass = 0; pass < 5; pass++) {
      let changed = false;
      for (const sheet of this.sheets) {
        for (const cell of sheet.cells.values()) {
          if (!cell.formula || !cell.calc) continue;
          const { value, supported } = this.evaluate(sheet, cell.formula);
          const next = supported ? value : cell.value;
          if (!sameScalar(next, cell.value)) {
            cell.value = next;
            changed = true;
          }
        }
      }
      if (!changed) return;
    }
  }

  private rewriteFormulas(fn: (formula: string) => string): void {
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values()) {
        if (!cell.formula) continue;
        const next = fn(cell.formula);
        if (next !== cell.formula) {
          cell.formula = next;
          // A reference to a deleted sheet reads as #REF! (Excel recalculates such cells).
          if (next.includes("#REF!")) cell.value = { error: "#REF!" };
        }
      }
    }
    for (const item of this.names) item.formula = fn(item.formula);
  }

  // ---- names --------------------------------------------------------------------------------------------

  findName(name: string): NameModel | undefined {
    const lower = typeof name === "string" ? name.toLowerCase() : "";
    return this.names.find((n) => n.name.toLowerCase() === lower);
  }

  /** NamedItemCollection.add: the reference is a range (written "=Sheet!$A$1") or a formula. */
  addName(
    name: unknown,
    reference: { sheetId: string; rect: Rect } | string,
    comment: unknown,
    location = "NamedItemCollection.add",
  ): NameModel {
    checkDefinedName(name, location);
    if (this.findName(name)) throw itemAlreadyExists(undefined, location);
    if (comment !== undefined && comment !== null && typeof comment !== "string") {
      throw invalidArgument(undefined, location);
    }
    let formula: string;
    if (typeof reference === "string") {
      formula = reference.startsWith("=") ? reference : `=${reference}`;
      if (!checkFormulaSyntax(formula)) throw invalidArgument(undefined, location);
    } else {
      const sheet = this.sheet(reference.sheetId, location);
      formula = `=${quoteSheetName(sheet.name)}!${absoluteRect(reference.rect)}`;
    }
    const item: NameModel = {
      name,
      formula,
      comment: typeof comment === "string" ? comment : "",
      visible: true,
    };
    this.names.push(item);
    return item;
  }

  deleteName(name: string, location = "NamedItem.delete"): void {
    const item = this.findName(name);
    if (!item) throw itemNotFound(undefined, location);
    this.names.splice(this.names.indexOf(item), 1);
  }

  /** NamedItem.type as Office.js reports it. */
  nameType(item: NameModel): string {
    const ref = parseReferenceFormula(item.formula);
    if (ref) return ref.sheet === null || this.findSheet(ref.sheet) ? "Range" : "Error";
    if (item.formula.includes("#REF!")) return "Error";
    const body = item.formula.slice(1).trim();
    if (/^(TRUE|FALSE)$/i.test(body)) return "Boolean";
    if (/^-?\d+$/.test(body)) return "Integer";
    if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return "Double";
    if (/^"([^"]|"")*"$/.test(body)) return "String";
    return "Error";
  }

  /** NamedItem.value: the reference text for a range ("Sheet1!$A$1"), else the constant or error. */
  nameValue(item: NameModel): string | number | boolean {
    const type = this.nameType(item);
    const body = item.formula.slice(1).trim();
    switch (type) {
      case "Range":
        return body;
      case "Boolean":
        return /^TRUE$/i.test(body);
      case "Integer":
      case "Double":
        return Number(body);
      case "String":
        return body.slice(1, -1).replace(/""/g, '"');
      default:
        return "#REF!";
    }
  }

  /** The block a name refers to, or null when it is not a range (or its sheet is gone). */
  nameRange(item: NameModel): { sheet: SheetModel; rect: Rect } | null {
    const ref = parseReferenceFormula(item.formula);
    if (!ref || ref.sheet === null) return null;
    const sheet = this.findSheet(ref.sheet);
    return sheet ? { sheet, rect: ref.rect } : null;
  }

  // ---- settings -----------------------------------------------------------------------------------------

  /** Setting values are stored as JSON, as Office stores add-in settings; they read back as parsed JSON. */
  setSetting(key: unknown, value: unknown, location = "SettingCollection.add"): void {
    if (typeof key !== "string" || key.length === 0) throw invalidArgument(undefined, location);
    if (value === undefined) throw invalidArgument(undefined, location);
    const json = JSON.stringify(value instanceof Date ? value.toISOString() : value);
    if (json === undefined) throw invalidArgument(undefined, location);
    this.settings.set(key, json);
  }

  getSetting(key: string): unknown {
    const json = this.settings.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  nextChartId(): string {
    this.chartIds++;
    return `{${this.chartIds.toString(16).toUpperCase().padStart(8, "0")}-C0DE-0000-0000-000000000000}`;
  }

  /** A deep copy (for snapshots and "before" states). */
  clone(): WorkbookModel {
    const copy = new WorkbookModel({ locale: this.locale, today: this.today });
    for (const s of this.sheets) {
      copy.sheets.push({
        ...s,
        cells: new Map([...s.cells].map(([k, c]) => [k, cloneCell(c)])),
        merges: s.merges.map((m) => ({ ...m })),
        columnWidths: new Map(s.columnWidths),
        rowHeights: new Map(s.rowHeights),
        freeze: { ...s.freeze },
        pageLayout: structuredClone(s.pageLayout),
        charts: structuredClone(s.charts),
        shapes: s.shapes.map((x) => ({ ...x })),
        ...(s.hiddenRows ? { hiddenRows: new Set(s.hiddenRows) } : {}),
      });
    }
    copy.names.push(...this.names.map((n) => ({ ...n })));
    copy.tables.push(...this.tables.map((t) => ({ ...t, rect: { ...t.rect } })));
    for (const [k, v] of this.settings) copy.settings.set(k, v);
    copy.date1904 = this.date1904;
    copy.activeSheetId = this.activeSheetId;
    copy.selection = { ...this.selection };
    copy.sheetCounter = this.sheetCounter;
    copy.structureProtected = this.structureProtected;
    copy.chartIds = this.chartIds;
    return copy;
  }
}

export function sameScalar(a: CellScalar, b: CellScalar): boolean {
  if (isErrorValue(a) || isErrorValue(b)) return isErrorValue(a) && isErrorValue(b) && a.error === b.error;
  return a === b;
}
