import type { Rect } from "./address";
import { MAX_COLS, MAX_ROWS, isValidRect, parseAddress, qualifiedAddress, rectIntersection } from "./address";
import type { BorderSide, CellFormat } from "./cells";
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, defaultFormat } from "./cells";
import { normalizeColor } from "./colors";
import {
  DIMENSION_MISMATCH_MESSAGE,
  ExcelModelError,
  invalidArgument,
  invalidOperation,
  itemNotFound,
} from "./errors";
import { EXCEL_ENUMS } from "./excel-api.generated";
import type { FormatProp } from "./range-ops";
import {
  autofitColumns,
  autofitRows,
  clearRange,
  mergeRange,
  readBorder,
  readColumnWidth,
  readFormatProp,
  readFormulas,
  readNumberFormats,
  readRowHeight,
  readUseStandardHeight,
  readText,
  readValueTypes,
  readValues,
  uniformFormat,
  unmergeRange,
  usedRect,
  formulaAreas,
  writeBorder,
  writeCells,
  writeColumnWidth,
  writeFormatProp,
  writeNumberFormats,
  writeRowHeight,
  writeUseStandardHeight,
} from "./range-ops";
import type {
  ChartModel,
  HeaderFooterModel,
  ShapeModel,
  SheetModel,
  TableModel,
  WorkbookModel,
} from "./workbook";
import { cellKey } from "./workbook";

/**
 * The host side of the Excel JavaScript API over a WorkbookModel: objects are addressed by handles, and every
 * member is dispatched by its JavaScript name (a RichApi host gets PascalCase names: "GetRange" → "getRange",
 * "Values" → "values"). Both the jest fake (tools/excel-sim/excel-fake) and a simulated RichApi host can drive it.
 * Errors are ExcelModelError with Excel's codes; `location` is "Class.member".
 */

export type Handle =
  | { t: "Workbook" }
  | { t: "WorksheetCollection" }
  | { t: "Worksheet"; sheetId: string }
  | { t: "Range"; sheetId: string; rect: Rect }
  /** Several rectangles of one sheet (Worksheet.getRanges, ExcelApi 1.9); `rect` is the first. */
  | { t: "RangeAreas"; sheetId: string; rect: Rect; areas: Rect[] }
  // A format object of a RangeAreas carries its areas: a property set applies to each of them.
  | { t: "RangeFormat"; sheetId: string; rect: Rect; areas?: Rect[] }
  | { t: "RangeFill"; sheetId: string; rect: Rect; areas?: Rect[] }
  | { t: "RangeFont"; sheetId: string; rect: Rect; areas?: Rect[] }
  | { t: "RangeBorderCollection"; sheetId: string; rect: Rect; areas?: Rect[] }
  | { t: "RangeBorder"; sheetId: string; rect: Rect; side: string; areas?: Rect[] }
  | { t: "WorksheetFreezePanes"; sheetId: string }
  | { t: "PageBreakCollection"; sheetId: string }
  | { t: "PageBreak"; sheetId: string; row: number }
  | { t: "ChartCollection"; sheetId: string }
  | { t: "Chart"; sheetId: string; chartId: string }
  | { t: "ChartTitle"; sheetId: string; chartId: string }
  | { t: "PageLayout"; sheetId: string }
  | { t: "HeaderFooterGroup"; sheetId: string }
  | { t: "HeaderFooter"; sheetId: string }
  | { t: "SettingCollection" }
  | { t: "Setting"; key: string }
  | { t: "NamedItemCollection" }
  | { t: "NamedItem"; name: string }
  | { t: "WorksheetProtection"; sheetId: string }
  | { t: "WorkbookProtection" }
  | { t: "TableCollection"; onSheet: string | null }
  | { t: "Table"; tableId: string }
  | { t: "TableColumnCollection"; tableId: string }
  | { t: "TableColumn"; tableId: string; index: number }
  | { t: "ShapeCollection"; sheetId: string }
  | { t: "Shape"; sheetId: string; shapeId: string }
  | { t: "Functions" }
  | { t: "FunctionResult"; value: unknown; error: string | null };

export type HandleType = Handle["t"];
type H<T extends HandleType> = Extract<Handle, { t: T }>;
type RangeLike = { sheetId: string; rect: Rect };

/** What a method call gives: an object (null = a null object), or a plain value (ClientResult / void). */
export type InvokeResult = { object: Handle | null } | { value: unknown };

export function isHandle(x: unknown): x is Handle {
  return typeof x === "object" && x !== null && typeof (x as { t?: unknown }).t === "string";
}

const BORDER_INDEXES = Object.values(EXCEL_ENUMS.BorderIndex) as string[];
const CHART_TYPES = new Set(Object.values(EXCEL_ENUMS.ChartType) as string[]);
const PAPER_TYPES = new Set(Object.values(EXCEL_ENUMS.PaperType) as string[]);
const H_ALIGN = new Set(Object.values(EXCEL_ENUMS.HorizontalAlignment) as string[]);
const V_ALIGN = new Set(Object.values(EXCEL_ENUMS.VerticalAlignment) as string[]);
const LINE_STYLES = new Set(Object.values(EXCEL_ENUMS.BorderLineStyle) as string[]);
const WEIGHTS = new Set(Object.values(EXCEL_ENUMS.BorderWeight) as string[]);
const UNDERLINES = new Set(Object.values(EXCEL_ENUMS.RangeUnderlineStyle) as string[]);
const HEADER_FOOTER_KEYS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
];
/** Excel's limit for the text of a header or footer section. */
const MAX_HEADER_FOOTER = 255;

export class ExcelHost {
  constructor(readonly wb: WorkbookModel) {}

  root(): Handle {
    return { t: "Workbook" };
  }

  /** Throws ItemNotFound when what a handle points at is gone (a deleted sheet, chart, setting or name). */
  check(h: Handle): void {
    const loc = h.t;
    if (this.wb.cellEditMode) throw new ExcelModelError("InvalidOperationInCellEditMode", undefined, loc);
    if ("sheetId" in h) this.wb.sheet(h.sheetId, loc);
    if (h.t === "Chart" || h.t === "ChartTitle") this.chart(h);
    if (h.t === "Shape") this.shape(h);
    if (h.t === "Setting" && !this.wb.settings.has(h.key)) throw itemNotFound(undefined, loc);
    if (h.t === "NamedItem" && !this.wb.findName(h.name)) throw itemNotFound(undefined, loc);
    if ("tableId" in h) this.table(h.tableId);
    if (h.t === "TableCollection" && h.onSheet !== null) this.wb.sheet(h.onSheet, loc);
  }

  table(id: string): TableModel {
    const t = this.wb.tables.find((x) => x.id === id);
    if (!t) throw itemNotFound(undefined, "Table");
    return t;
  }

  private tablesOf(h: H<"TableCollection">): TableModel[] {
    return this.wb.tables.filter((t) => h.onSheet === null || t.sheetId === h.onSheet);
  }

  private tableColumns(t: TableModel): string[] {
    const s = this.wb.sheet(t.sheetId);
    return Array.from({ length: t.rect.cols }, (_, c) => {
      const v = s.cells.get(cellKey(t.rect.row, t.rect.col + c))?.value;
      return v === undefined || v === null ? "" : String(v);
    });
  }

  /** A navigation property (`range.format`, `workbook.worksheets` ...). */
  navigate(h: Handle, prop: string): Handle {
    this.check(h);
    const sub = (t: HandleType) => ({ ...h, t }) as Handle;
    const key = `${h.t}.${prop}`;
    switch (key) {
      case "Workbook.worksheets":
        return { t: "WorksheetCollection" };
      case "Workbook.settings":
        return { t: "SettingCollection" };
      case "Workbook.names":
        return { t: "NamedItemCollection" };
      case "Workbook.protection":
        return { t: "WorkbookProtection" };
      case "Worksheet.protection":
        return sub("WorksheetProtection");
      case "Workbook.tables":
        return { t: "TableCollection", onSheet: null };
      case "Worksheet.tables":
        return { t: "TableCollection", onSheet: (h as H<"Worksheet">).sheetId };
      case "Table.columns":
        return { t: "TableColumnCollection", tableId: (h as H<"Table">).tableId };
      case "Table.worksheet":
        return { t: "Worksheet", sheetId: this.table((h as H<"Table">).tableId).sheetId };
      case "Workbook.functions":
        return { t: "Functions" };
      case "Worksheet.freezePanes":
        return sub("WorksheetFreezePanes");
      case "Worksheet.horizontalPageBreaks":
        return sub("PageBreakCollection");
      case "Worksheet.charts":
        return sub("ChartCollection");
      case "Worksheet.shapes":
        return sub("ShapeCollection");
      case "Worksheet.pageLayout":
        return sub("PageLayout");
      case "Range.format":
        return sub("RangeFormat");
      case "RangeAreas.format":
        return sub("RangeFormat");
      case "RangeAreas.worksheet":
        return { t: "Worksheet", sheetId: (h as H<"RangeAreas">).sheetId };
      case "Range.worksheet":
        return { t: "Worksheet", sheetId: (h as H<"Range">).sheetId };
      case "RangeFormat.fill":
        return sub("RangeFill");
      case "RangeFormat.font":
        return sub("RangeFont");
      case "RangeFormat.borders":
        return sub("RangeBorderCollection");
      case "Chart.title":
        return sub("ChartTitle");
      case "PageLayout.headersFooters":
        return sub("HeaderFooterGroup");
      case "HeaderFooterGroup.defaultForAllPages":
        return sub("HeaderFooter");
      default:
        throw notModelled(key);
    }
  }

  /** The items of a collection, in Excel's order. */
  items(h: Handle): Handle[] {
    this.check(h);
    switch (h.t) {
      case "WorksheetCollection":
        return this.wb.sheets.map((s) => ({ t: "Worksheet", sheetId: s.id }));
      case "ChartCollection":
        return this.wb
          .sheet(h.sheetId)
          .charts.map((c) => ({ t: "Chart", sheetId: h.sheetId, chartId: c.id }));
      case "ShapeCollection":
        return this.wb
          .sheet(h.sheetId)
          .shapes.map((x) => ({ t: "Shape", sheetId: h.sheetId, shapeId: x.id }));
      case "SettingCollection":
        return [...this.wb.settings.keys()].map((key) => ({ t: "Setting", key }));
      case "NamedItemCollection":
        return this.wb.names.map((n) => ({ t: "NamedItem", name: n.name }));
      case "RangeBorderCollection":
        return BORDER_INDEXES.map((side) => ({ t: "RangeBorder", sheetId: h.sheetId, rect: h.rect, side }));
      case "TableCollection":
        return this.tablesOf(h).map((t) => ({ t: "Table", tableId: t.id }));
      case "TableColumnCollection":
        return this.tableColumns(this.table(h.tableId)).map((_, index) => ({
          t: "TableColumn",
          tableId: h.tableId,
          index,
        }));
      default:
        throw notModelled(`${h.t}.items`);
    }
  }

  // ---- properties -----------------------------------------------------------------------------------------

  get(h: Handle, prop: string): unknown {
    this.check(h);
    const loc = `${h.t}.${prop}`;
    if (h.t === "RangeAreas") return this.getAreasProp(h, prop, loc);
    // Reading a format of several areas is not modelled (Excel gives null where they differ).
    if ("areas" in h && h.areas) throw notModelled(`RangeAreas ${loc}`);
    if (h.t === "PageBreak" && (prop === "rowIndex" || prop === "columnIndex"))
      return prop === "rowIndex" ? h.row : 0;
    switch (h.t) {
      case "Worksheet": {
        const s = this.wb.sheet(h.sheetId);
        switch (prop) {
          case "name":
            return s.name;
          case "id":
            return s.id;
          case "position":
            return this.wb.sheets.indexOf(s);
          case "visibility":
            return s.visibility;
          case "tabColor":
            return s.tabColor;
          case "standardWidth":
            return 8.43;
          case "standardHeight":
            return DEFAULT_ROW_HEIGHT;
        }
        break;
      }
      case "Range":
        return this.getRangeProp(h, prop, loc);
      case "RangeFormat": {
        const s = this.wb.sheet(h.sheetId);
        switch (prop) {
          case "columnWidth":
            return readColumnWidth(s, h.rect);
          case "rowHeight":
            return readRowHeight(s, h.rect);
          case "useStandardHeight":
            return readUseStandardHeight(s, h.rect);
          case "wrapText":
          case "horizontalAlignment":
          case "verticalAlignment":
            return readFormatProp(s, h.rect, prop);
        }
        break;
      }
      case "RangeFill":
        // Office.js reads "no fill" as white.
        if (prop === "color") {
          const fill = uniformFormat(this.wb.sheet(h.sheetId), h.rect, "fill");
          return fill.mixed ? null : (fill.value ?? "#FFFFFF");
        }
        break;
      case "RangeFont": {
        const map: Record<string, FormatProp> = {
          bold: "bold",
          italic: "italic",
          size: "fontSize",
          color: "fontColor",
          name: "fontName",
          underline: "underline",
        };
        if (map[prop]) return readFormatProp(this.wb.sheet(h.sheetId), h.rect, map[prop]);
        break;
      }
      case "RangeBorder":
        if (prop === "sideIndex") return h.side;
        if (prop === "style" || prop === "color" || prop === "weight") {
          return readBorder(this.wb.sheet(h.sheetId), h.rect, h.side, prop);
        }
        break;
      case "RangeBorderCollection":
        if (prop === "count") return BORDER_INDEXES.length;
        break;
      case "ChartCollection":
        if (prop === "count") return this.wb.sheet(h.sheetId).charts.length;
        break;
      case "Chart": {
        const c = this.chart(h);
        switch (prop) {
          case "name":
          case "id":
          case "chartType":
          case "top":
          case "left":
          case "width":
          case "height":
            return c[prop];
        }
        break;
      }
      case "Shape": {
        const x = this.shape(h);
        if (prop === "id" || prop === "name" || prop === "type") return x[prop];
        break;
      }
      case "ChartTitle": {
        const c = this.chart(h);
        if (prop === "text") return c.title;
        if (prop === "visible") return c.titleVisible;
        break;
      }
      case "PageLayout": {
        const pl = this.wb.sheet(h.sheetId).pageLayout;
        switch (prop) {
          case "orientation":
          case "paperSize":
          case "centerHorizontally":
          case "centerVertically":
          case "printGridlines":
          case "firstPageNumber":
            return pl[prop];
          case "zoom":
            return { ...pl.zoom };
        }
        break;
      }
      case "HeaderFooterGroup":
        if (prop === "state") return "Default";
        if (prop === "useSheetMargins" || prop === "useSheetScale") return true;
        break;
      case "HeaderFooter":
        if (HEADER_FOOTER_KEYS.includes(prop)) {
          return this.wb.sheet(h.sheetId).pageLayout.defaultHeaderFooter[prop as keyof HeaderFooterModel];
        }
        break;
      case "FunctionResult":
        if (prop === "value") return h.value;
        if (prop === "error") return h.error;
        break;
      case "Setting":
        if (prop === "key") return h.key;
        if (prop === "value") return this.wb.getSetting(h.key);
        break;
      case "WorksheetProtection":
        if (prop === "protected") return this.wb.sheet(h.sheetId).protected === true;
        break;
      case "TableCollection":
        if (prop === "count") return this.tablesOf(h).length;
        break;
      case "Table": {
        const t = this.table(h.tableId);
        if (prop === "name") return t.name;
        if (prop === "id") return t.id;
        break;
      }
      case "TableColumnCollection":
        if (prop === "count") return this.table(h.tableId).rect.cols;
        break;
      case "TableColumn": {
        if (prop === "index") return h.index;
        if (prop === "id") return h.index + 1;
        if (prop === "name") return this.tableColumns(this.table(h.tableId))[h.index] ?? "";
        break;
      }
      case "WorkbookProtection":
        if (prop === "protected") return this.wb.structureProtected;
        break;
      case "NamedItem": {
        const n = this.wb.findName(h.name)!;
        switch (prop) {
          case "name":
            return n.name;
          case "formula":
            return n.formula;
          case "comment":
            return n.comment;
          case "visible":
            return n.visible;
          case "type":
            return this.wb.nameType(n);
          case "value":
            return this.wb.nameValue(n);
          case "scope":
            return "Workbook";
        }
        break;
      }
    }
    throw notModelled(loc);
  }

  private getAreasProp(h: H<"RangeAreas">, prop: string, loc: string): unknown {
    const s = this.wb.sheet(h.sheetId);
    switch (prop) {
      case "address":
      case "addressLocal":
        return h.areas.map((r) => qualifiedAddress(s.name, r)).join(",");
      case "areaCount":
        return h.areas.length;
      case "cellCount":
        return h.areas.reduce((n, r) => n + r.rows * r.cols, 0);
    }
    throw notModelled(loc);
  }

  private getRangeProp(h: H<"Range">, prop: string, loc: string): unknown {
    const s = this.wb.sheet(h.sheetId);
    const r = h.rect;
    switch (prop) {
      case "address":
      case "addressLocal":
        return qualifiedAddress(s.name, r);
      case "rowIndex":
        return r.row;
      case "columnIndex":
        return r.col;
      case "rowCount":
        return r.rows;
      case "columnCount":
        return r.cols;
      case "cellCount":
        return r.rows * r.cols;
      case "isEntireColumn":
        return r.row === 0 && r.rows === MAX_ROWS;
      case "isEntireRow":
        return r.col === 0 && r.cols === MAX_COLS;
      case "values":
        return readValues(s, r, loc);
      case "formulas":
      case "formulasLocal":
        return readFormulas(s, r, loc);
      case "numberFormat":
      case "numberFormatLocal":
        return readNumberFormats(s, r, loc);
      case "text":
        return readText(s, r, loc);
      case "valueTypes":
        return readValueTypes(s, r, loc);
      case "rowHidden": {
        // True when every row is hidden, false when none is, null when mixed (Range.rowHidden reference).
        let hidden = 0;
        const rows = Math.min(r.rows, 100_000);
        for (let i = 0; i < rows; i++) if (s.hiddenRows?.has(r.row + i)) hidden++;
        return hidden === 0 ? false : hidden === rows ? true : null;
      }
    }
    throw notModelled(loc);
  }

  set(h: Handle, prop: string, value: unknown): void {
    this.check(h);
    const loc = `${h.t}.${prop}`;
    this.gate(h, loc);
    // A format of a RangeAreas: one command, applied to each area in turn (a failure part way leaves the areas
    // before it formatted, as any command's effects before a failure stay; unverified inside one command).
    if ("areas" in h && h.areas) {
      for (const rect of h.areas) this.apply({ ...h, rect, areas: undefined } as Handle, prop, value, loc);
      return;
    }
    this.apply(h, prop, value, loc);
  }

  private apply(h: Handle, prop: string, value: unknown, loc: string): void {
    const wb = this.wb;
    switch (h.t) {
      case "Worksheet":
        switch (prop) {
          case "name":
            return wb.renameSheet(h.sheetId, value, loc);
          case "position":
            return wb.moveSheet(h.sheetId, value, loc);
          case "visibility":
            return wb.setVisibility(h.sheetId, value, loc);
          case "tabColor":
            return wb.setTabColor(h.sheetId, value, loc);
        }
        break;
      case "Range": {
        const s = wb.sheet(h.sheetId);
        switch (prop) {
          case "values":
          case "formulas":
          case "formulasLocal":
            return writeCells(wb, s, h.rect, value, loc);
          case "numberFormat":
          case "numberFormatLocal":
            return writeNumberFormats(wb, s, h.rect, value, loc);
          case "rowHidden": {
            if (typeof value !== "boolean") throw invalidArgument(undefined, loc);
            if (h.rect.rows > 100_000) throw notModelled(loc);
            const set = (s.hiddenRows ??= new Set());
            for (let i = 0; i < h.rect.rows; i++) {
              if (value) set.add(h.rect.row + i);
              else set.delete(h.rect.row + i);
            }
            return;
          }
        }
        break;
      }
      case "RangeFormat": {
        const s = wb.sheet(h.sheetId);
        switch (prop) {
          case "columnWidth":
            return writeColumnWidth(s, h.rect, value, loc);
          case "rowHeight":
            return writeRowHeight(s, h.rect, value, loc);
          case "useStandardHeight":
            return writeUseStandardHeight(s, h.rect, value, loc);
          case "wrapText":
            return writeFormatProp(wb, s, h.rect, "wrapText", bool(value, loc), loc);
          case "horizontalAlignment":
            return writeFormatProp(wb, s, h.rect, "horizontalAlignment", oneOf(value, H_ALIGN, loc), loc);
          case "verticalAlignment":
            return writeFormatProp(wb, s, h.rect, "verticalAlignment", oneOf(value, V_ALIGN, loc), loc);
        }
        break;
      }
      case "RangeFill":
        if (prop === "color") {
          // Strict choice: clearing a fill is fill.clear(); "" or null as a colour is refused.
          return writeFormatProp(wb, wb.sheet(h.sheetId), h.rect, "fill", normalizeColor(value, loc), loc);
        }
        break;
      case "RangeFont": {
        const s = wb.sheet(h.sheetId);
        const write = <K extends FormatProp>(k: K, v: CellFormat[K]) =>
          writeFormatProp(wb, s, h.rect, k, v, loc);
        switch (prop) {
          case "bold":
            return write("bold", bool(value, loc));
          case "italic":
            return write("italic", bool(value, loc));
          case "size":
            if (typeof value !== "number" || !(value >= 1 && value <= 409))
              throw invalidArgument(undefined, loc);
            return write("fontSize", value);
          case "color":
            return write("fontColor", normalizeColor(value, loc));
          case "name":
            if (typeof value !== "string" || value.trim() === "") throw invalidArgument(undefined, loc);
            return write("fontName", value);
          case "underline":
            return write("underline", oneOf(value, UNDERLINES, loc));
        }
        break;
      }
      case "RangeBorder": {
        const s = wb.sheet(h.sheetId);
        let v: string;
        if (prop === "style") v = oneOf(value, LINE_STYLES, loc);
        else if (prop === "weight") v = oneOf(value, WEIGHTS, loc);
        else if (prop === "color") v = normalizeColor(value, loc);
        else break;
        return writeBorder(wb, s, h.rect, h.side, prop as keyof BorderSide, v, loc);
      }
      case "Chart": {
        const c = this.chart(h);
        if (prop === "name") {
          if (typeof value !== "string" || value.trim() === "") throw invalidArgument(undefined, loc);
          c.name = value;
          return;
        }
        if (prop === "chartType") {
          c.chartType = oneOf(value, CHART_TYPES, loc);
          return;
        }
        if (prop === "top" || prop === "left" || prop === "width" || prop === "height") {
          if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
            throw invalidArgument(undefined, loc);
          c[prop] = value;
          return;
        }
        break;
      }
      case "ChartTitle": {
        const c = this.chart(h);
        if (prop === "text") {
          if (typeof value !== "string") throw invalidArgument(undefined, loc);
          c.title = value;
          c.titleVisible = value !== "";
          return;
        }
        if (prop === "visible") {
          c.titleVisible = bool(value, loc);
          return;
        }
        break;
      }
      case "PageLayout": {
        const pl = wb.sheet(h.sheetId).pageLayout;
        switch (prop) {
          case "orientation":
            pl.orientation = oneOf(value, new Set(["Portrait", "Landscape"]), loc);
            return;
          case "paperSize":
            pl.paperSize = oneOf(value, PAPER_TYPES, loc);
            return;
          case "centerHorizontally":
          case "centerVertically":
          case "printGridlines":
            pl[prop] = bool(value, loc);
            return;
          case "zoom":
            pl.zoom = checkZoom(value, loc);
            return;
          case "firstPageNumber":
            pl.firstPageNumber = checkFirstPageNumber(value, loc);
            return;
        }
        break;
      }
      case "HeaderFooter":
        if (HEADER_FOOTER_KEYS.includes(prop)) {
          if (typeof value !== "string" || value.length > MAX_HEADER_FOOTER)
            throw invalidArgument(undefined, loc);
          wb.sheet(h.sheetId).pageLayout.defaultHeaderFooter[prop as keyof HeaderFooterModel] = value;
          return;
        }
        break;
      case "Setting":
        if (prop === "value") return wb.setSetting(h.key, value, loc);
        break;
      case "NamedItem": {
        const n = wb.findName(h.name)!;
        if (prop === "comment") {
          if (typeof value !== "string") throw invalidArgument(undefined, loc);
          n.comment = value;
          return;
        }
        if (prop === "visible") {
          n.visible = bool(value, loc);
          return;
        }
        if (prop === "formula") {
          if (typeof value !== "string") throw invalidArgument(undefined, loc);
          const f = value.startsWith("=") ? value : `=${value}`;
          n.formula = f;
          return;
        }
        break;
      }
    }
    throw notModelled(loc);
  }

  // ---- methods ----------------------------------------------------------------------------------------------

  invoke(h: Handle, method: string, args: unknown[]): InvokeResult {
    this.check(h);
    const loc = `${h.t}.${method}`;
    if (CHANGING_METHODS.has(loc)) this.gate(h, loc);
    const wb = this.wb;
    const obj = (o: Handle | null): InvokeResult => ({ object: o });
    const val = (v: unknown = null): InvokeResult => ({ value: v });
    switch (h.t) {
      case "Workbook":
        if (method === "getSelectedRange") return obj(this.range(wb.activeSheet().id, wb.selection));
        if (method === "getActiveCell") {
          const sel = wb.selection;
          return obj(this.range(wb.activeSheet().id, { row: sel.row, col: sel.col, rows: 1, cols: 1 }));
        }
        break;
      case "WorksheetCollection":
        switch (method) {
          case "getItem":
          case "getItemOrNullObject": {
            const key = args[0];
            const s = typeof key === "string" ? (wb.findSheet(key) ?? wb.sheetById(key)) : undefined;
            if (!s && method === "getItem") throw itemNotFound(undefined, loc);
            return obj(s ? { t: "Worksheet", sheetId: s.id } : null);
          }
          case "add":
            return obj({ t: "Worksheet", sheetId: wb.addSheet(args[0] as string | undefined, loc).id });
          case "getActiveWorksheet":
            return obj({ t: "Worksheet", sheetId: wb.activeSheet().id });
          case "getFirst":
          case "getLast": {
            const list = args[0] ? wb.sheets.filter((s) => s.visibility === "Visible") : wb.sheets;
            const s = method === "getFirst" ? list[0] : list[list.length - 1];
            if (!s) throw itemNotFound(undefined, loc);
            return obj({ t: "Worksheet", sheetId: s.id });
          }
          case "getCount":
            return val(
              args[0] ? wb.sheets.filter((s) => s.visibility === "Visible").length : wb.sheets.length,
            );
        }
        break;
      case "Worksheet": {
        const s = wb.sheet(h.sheetId);
        switch (method) {
          case "delete":
            wb.deleteSheet(h.sheetId, loc);
            return val();
          case "activate":
            wb.activate(h.sheetId, loc);
            return val();
          case "getRange":
            return obj(this.range(s.id, this.resolveAddress(s, args[0], loc, true)));
          case "getRanges":
            return obj(this.rangeAreas(s, args[0], loc));
          case "getRangeByIndexes": {
            const [row, col, rows, cols] = args as number[];
            return obj(this.range(s.id, checkRect({ row: row!, col: col!, rows: rows!, cols: cols! }, loc)));
          }
          case "getCell":
            return obj(
              this.range(
                s.id,
                checkRect({ row: args[0] as number, col: args[1] as number, rows: 1, cols: 1 }, loc),
              ),
            );
          case "getUsedRange":
          case "getUsedRangeOrNullObject": {
            const used = usedRect(s, args[0] === true);
            if (!used) {
              // An empty sheet's used range is A1; the OrNullObject form gives a null object instead.
              return obj(
                method === "getUsedRange" ? this.range(s.id, { row: 0, col: 0, rows: 1, cols: 1 }) : null,
              );
            }
            return obj(this.range(s.id, used));
          }
        }
        break;
      }
      case "Range":
        return this.invokeRange(h, method, args, loc);
      case "RangeFormat":
        if (method === "autofitColumns") {
          autofitColumns(wb.sheet(h.sheetId), h.rect);
          return val();
        }
        if (method === "autofitRows") {
          autofitRows(wb.sheet(h.sheetId), h.rect);
          return val();
        }
        break;
      case "RangeFill":
        if (method === "clear") {
          writeFormatProp(wb, wb.sheet(h.sheetId), h.rect, "fill", null, loc);
          return val();
        }
        break;
      case "RangeBorderCollection":
        if (method === "getItem" || method === "getItemAt") {
          const side = method === "getItem" ? args[0] : BORDER_INDEXES[args[0] as number];
          if (typeof side !== "string" || !BORDER_INDEXES.includes(side))
            throw invalidArgument(undefined, loc);
          return obj({
            t: "RangeBorder",
            sheetId: h.sheetId,
            rect: h.rect,
            side,
            ...(h.areas ? { areas: h.areas } : {}),
          });
        }
        break;
      case "PageBreakCollection": {
        // Manual horizontal page breaks (ExcelApi 1.9): add(range) breaks above the range's top row.
        const s = wb.sheet(h.sheetId);
        const breaks = s.pageLayout.rowBreaks;
        switch (method) {
          case "add": {
            const r = this.rangeArg(s, args[0], loc).rect;
            if (r.row === 0) throw invalidArgument(undefined, loc);
            if (!breaks.includes(r.row)) breaks.push(r.row);
            breaks.sort((a, b) => a - b);
            return obj({ t: "PageBreak", sheetId: s.id, row: r.row });
          }
          case "removePageBreaks":
            breaks.length = 0;
            return val();
          case "getCount":
            return val(breaks.length);
        }
        break;
      }
      case "WorksheetFreezePanes": {
        const s = wb.sheet(h.sheetId);
        switch (method) {
          case "freezeRows":
            s.freeze = { rows: count(args[0] ?? 1, MAX_ROWS - 1, loc), cols: 0 };
            return val();
          case "freezeColumns":
            s.freeze = { rows: 0, cols: count(args[0] ?? 1, MAX_COLS - 1, loc) };
            return val();
          case "freezeAt": {
            const r = this.rangeArg(s, args[0], loc);
            s.freeze = { rows: r.rect.row + r.rect.rows, cols: r.rect.col + r.rect.cols };
            return val();
          }
          case "unfreeze":
            s.freeze = { rows: 0, cols: 0 };
            return val();
          case "getLocationOrNullObject":
          case "getLocation": {
            const { rows, cols } = s.freeze;
            if (!rows && !cols) {
              if (method === "getLocation") throw itemNotFound(undefined, loc);
              return obj(null);
            }
            return obj(this.range(s.id, { row: 0, col: 0, rows: rows || MAX_ROWS, cols: cols || MAX_COLS }));
          }
        }
        break;
      }
      case "ChartCollection":
        return this.invokeCharts(h, method, args, loc);
      case "Chart": {
        const s = wb.sheet(h.sheetId);
        const c = this.chart(h);
        if (method === "delete") {
          s.charts.splice(s.charts.indexOf(c), 1);
          return val();
        }
        if (method === "setPosition") {
          const start = this.rangeArg(s, args[0], loc).rect;
          const end = args[1] === undefined || args[1] === null ? null : this.rangeArg(s, args[1], loc).rect;
          c.anchor = { start, end };
          c.left = offset(s.columnWidths, DEFAULT_COLUMN_WIDTH, start.col);
          c.top = offset(s.rowHeights, DEFAULT_ROW_HEIGHT, start.row);
          if (end) {
            c.width = offset(s.columnWidths, DEFAULT_COLUMN_WIDTH, end.col + end.cols) - c.left;
            c.height = offset(s.rowHeights, DEFAULT_ROW_HEIGHT, end.row + end.rows) - c.top;
          }
          return val();
        }
        break;
      }
      case "PageLayout":
        return this.invokePageLayout(h, method, args, loc);
      case "SettingCollection":
        switch (method) {
          case "add":
            wb.setSetting(args[0], args[1], loc);
            return obj({ t: "Setting", key: args[0] as string });
          case "getItem":
          case "getItemOrNullObject": {
            const key = args[0];
            const found = typeof key === "string" && wb.settings.has(key);
            if (!found && method === "getItem") throw itemNotFound(undefined, loc);
            return obj(found ? { t: "Setting", key: key as string } : null);
          }
          case "getCount":
            return val(wb.settings.size);
        }
        break;
      case "Functions":
        // Only DATE, the one worksheet function the add-in calls (to learn the workbook's date system).
        if (method === "date") return obj(functionDate(wb, args));
        break;
      case "Setting":
        if (method === "delete") {
          wb.settings.delete(h.key);
          return val();
        }
        break;
      case "NamedItemCollection":
        switch (method) {
          case "add": {
            const ref = args[1];
            const reference =
              isHandle(ref) && ref.t === "Range" ? { sheetId: ref.sheetId, rect: ref.rect } : ref;
            if (typeof reference !== "string" && !(typeof reference === "object" && reference)) {
              throw invalidArgument(undefined, loc);
            }
            const item = wb.addName(args[0], reference as RangeLike | string, args[2], loc);
            return obj({ t: "NamedItem", name: item.name });
          }
          case "getItem":
          case "getItemOrNullObject": {
            const n = typeof args[0] === "string" ? wb.findName(args[0]) : undefined;
            if (!n && method === "getItem") throw itemNotFound(undefined, loc);
            return obj(n ? { t: "NamedItem", name: n.name } : null);
          }
          case "getCount":
            return val(wb.names.length);
        }
        break;
      case "ShapeCollection": {
        const shapes = this.wb.sheet(h.sheetId).shapes;
        if (method === "getCount") return val(shapes.length);
        if (method === "getItem") {
          // By name or by id (ShapeCollection.getItem: "The name or ID of the shape to be retrieved").
          const x = shapes.find((s) => s.name === args[0] || s.id === args[0]);
          if (!x) throw itemNotFound(undefined, loc);
          return obj({ t: "Shape", sheetId: h.sheetId, shapeId: x.id });
        }
        break;
      }
      case "TableCollection": {
        if (method === "getItem" || method === "getItemOrNullObject") {
          const name = typeof args[0] === "string" ? args[0].toLowerCase() : "";
          const t = this.tablesOf(h).find((x) => x.name.toLowerCase() === name);
          if (!t && method === "getItem") throw itemNotFound(undefined, loc);
          return obj(t ? { t: "Table", tableId: t.id } : null);
        }
        if (method === "getCount") return val(this.tablesOf(h).length);
        break;
      }
      case "Table": {
        const t = this.table(h.tableId);
        const r = t.rect;
        if (method === "getRange") return obj(this.range(t.sheetId, r));
        if (method === "getHeaderRowRange") return obj(this.range(t.sheetId, { ...r, rows: 1 }));
        if (method === "getDataBodyRange")
          return obj(this.range(t.sheetId, { ...r, row: r.row + 1, rows: r.rows - 1 }));
        break;
      }
      case "TableColumnCollection": {
        const t = this.table(h.tableId);
        if (method === "getCount") return val(t.rect.cols);
        if (method === "add") return obj(this.addTableColumn(t, args, loc));
        break;
      }
      case "WorksheetProtection":
      case "WorkbookProtection":
        if (method === "protect" || method === "unprotect") {
          const on = method === "protect";
          if (h.t === "WorkbookProtection") wb.structureProtected = on;
          else wb.sheet(h.sheetId).protected = on;
          return val();
        }
        break;
      case "NamedItem": {
        const n = wb.findName(h.name)!;
        if (method === "delete") {
          wb.deleteName(n.name, loc);
          return val();
        }
        if (method === "getRange" || method === "getRangeOrNullObject") {
          const target = wb.nameRange(n);
          if (!target) {
            if (method === "getRange") throw invalidOperation(undefined, loc);
            return obj(null);
          }
          return obj(this.range(target.sheet.id, target.rect));
        }
        break;
      }
    }
    throw notModelled(loc);
  }

  private invokeRange(h: H<"Range">, method: string, args: unknown[], loc: string): InvokeResult {
    const wb = this.wb;
    const s = wb.sheet(h.sheetId);
    const r = h.rect;
    const obj = (rect: Rect | null): InvokeResult => ({
      object: rect ? this.range(s.id, checkRect(rect, loc)) : null,
    });
    const int = (v: unknown): number => {
      if (typeof v !== "number" || !Number.isInteger(v)) throw invalidArgument(undefined, loc);
      return v;
    };
    switch (method) {
      case "getCell":
        return obj({ row: r.row + int(args[0]), col: r.col + int(args[1]), rows: 1, cols: 1 });
      case "getOffsetRange":
        return obj({ ...r, row: r.row + int(args[0]), col: r.col + int(args[1]) });
      case "getResizedRange":
        return obj({ ...r, rows: r.rows + int(args[0]), cols: r.cols + int(args[1]) });
      case "getAbsoluteResizedRange":
        return obj({ ...r, rows: int(args[0]), cols: int(args[1]) });
      case "getRow": {
        // Strict choice: an index outside the range is refused (the docs say "a row contained in the range").
        const i = int(args[0]);
        if (i < 0 || i >= r.rows) throw invalidArgument(undefined, loc);
        return obj({ ...r, row: r.row + i, rows: 1 });
      }
      case "getColumn": {
        const i = int(args[0]);
        if (i < 0 || i >= r.cols) throw invalidArgument(undefined, loc);
        return obj({ ...r, col: r.col + i, cols: 1 });
      }
      case "getEntireColumn":
        return obj({ row: 0, col: r.col, rows: MAX_ROWS, cols: r.cols });
      case "getEntireRow":
        return obj({ row: r.row, col: 0, rows: r.rows, cols: MAX_COLS });
      case "getLastRow":
        return obj({ ...r, row: r.row + r.rows - 1, rows: 1 });
      case "getLastColumn":
        return obj({ ...r, col: r.col + r.cols - 1, cols: 1 });
      case "getLastCell":
        return obj({ row: r.row + r.rows - 1, col: r.col + r.cols - 1, rows: 1, cols: 1 });
      case "getRowsAbove":
      case "getRowsBelow":
      case "getColumnsBefore":
      case "getColumnsAfter": {
        const n = args[0] === undefined ? 1 : int(args[0]);
        if (n === 0) throw invalidArgument(undefined, loc);
        if (method === "getRowsAbove") return obj({ ...r, row: r.row - n, rows: n });
        if (method === "getRowsBelow") return obj({ ...r, row: r.row + r.rows, rows: n });
        if (method === "getColumnsBefore") return obj({ ...r, col: r.col - n, cols: n });
        return obj({ ...r, col: r.col + r.cols, cols: n });
      }
      case "getBoundingRect":
      case "getIntersection":
      case "getIntersectionOrNullObject": {
        const other = this.rangeArg(s, args[0], loc).rect;
        if (method === "getBoundingRect") {
          const row = Math.min(r.row, other.row);
          const col = Math.min(r.col, other.col);
          const rowEnd = Math.max(r.row + r.rows, other.row + other.rows);
          const colEnd = Math.max(r.col + r.cols, other.col + other.cols);
          return obj({ row, col, rows: rowEnd - row, cols: colEnd - col });
        }
        const x = rectIntersection(r, other);
        if (!x && method === "getIntersection") throw itemNotFound(undefined, loc);
        return obj(x);
      }
      case "getUsedRange":
      case "getUsedRangeOrNullObject": {
        const used = usedRect(s, args[0] === true, r);
        if (!used && method === "getUsedRange") throw itemNotFound(undefined, loc);
        return obj(used);
      }
      case "getSpecialCells":
      case "getSpecialCellsOrNullObject": {
        // Only the formulas type (of every value type) is modelled: what the add-in asks for.
        const [type, valueType] = args;
        if (type !== "Formulas" || (valueType !== undefined && valueType !== "All")) throw notModelled(loc);
        const areas = formulaAreas(s, r);
        if (areas.length === 0) {
          if (method === "getSpecialCells") throw itemNotFound(undefined, loc);
          return { object: null };
        }
        return { object: { t: "RangeAreas", sheetId: s.id, rect: { ...areas[0]! }, areas } };
      }
      case "getMergedAreasOrNullObject": {
        // Range.getMergedAreasOrNullObject (ExcelApi 1.13): "a RangeAreas object that represents the merged areas
        // in this range", a null object when there are none, and it "will fail to return the result" when the
        // range has more than 512 (Microsoft's reference). Only areas whose top-left cell is in the range are
        // given (OfficeDev/office-js issue 3611: Microsoft's answer there is that this is by design). The error
        // code of the failure over 512 is not documented: GeneralException here is a guess (unverified).
        const areas = s.merges
          .filter((m) => m.row >= r.row && m.row < r.row + r.rows && m.col >= r.col && m.col < r.col + r.cols)
          .sort((a, b) => a.row - b.row || a.col - b.col)
          .map((m) => ({ ...m }));
        if (areas.length > MAX_MERGED_AREAS) throw new ExcelModelError("GeneralException", undefined, loc);
        if (areas.length === 0) return { object: null };
        return { object: { t: "RangeAreas", sheetId: s.id, rect: { ...areas[0]! }, areas } };
      }
      case "_ValidateArraySize": {
        // office.js calls this (ExcelApi 1.3) before it splits a write of more than 1,500 cells into row blocks:
        // Excel checks the array's size against the range and refuses a mismatch, as a values write would.
        const [rows, cols] = args as [number, number];
        if (rows !== r.rows || cols !== r.cols)
          throw new ExcelModelError("InvalidArgument", DIMENSION_MISMATCH_MESSAGE, loc);
        return { value: null };
      }
      case "copyFrom":
        this.copyFrom(s, r, args, loc);
        return { value: null };
      case "clear":
        clearRange(wb, s, r, args[0], loc);
        return { value: null };
      case "merge":
        mergeRange(wb, s, r, args[0], loc);
        return { value: null };
      case "unmerge":
        unmergeRange(s, r);
        return { value: null };
      case "select":
        wb.select(s.id, r, loc);
        return { value: null };
    }
    throw notModelled(loc);
  }

  private invokeCharts(h: H<"ChartCollection">, method: string, args: unknown[], loc: string): InvokeResult {
    const wb = this.wb;
    const s = wb.sheet(h.sheetId);
    const chartHandle = (c: ChartModel): Handle => ({ t: "Chart", sheetId: s.id, chartId: c.id });
    switch (method) {
      case "add": {
        const type = oneOf(args[0], CHART_TYPES, loc);
        const src = args[1];
        if (!isHandle(src) || src.t !== "Range") throw invalidArgument(undefined, loc);
        wb.sheet(src.sheetId, loc);
        const seriesBy =
          args[2] === undefined || args[2] === null
            ? "Auto"
            : oneOf(args[2], new Set(["Auto", "Columns", "Rows"]), loc);
        s.chartCounter++;
        const chart: ChartModel = {
          id: wb.nextChartId(),
          name: `Chart ${s.chartCounter}`,
          chartType: type,
          source: { sheetId: src.sheetId, rect: src.rect },
          seriesBy,
          title: "",
          titleVisible: false,
          anchor: null,
          top: 0,
          left: 0,
          width: 360,
          height: 216,
        };
        s.charts.push(chart);
        return { object: chartHandle(chart) };
      }
      case "getItem":
      case "getItemOrNullObject": {
        const c = s.charts.find((x) => x.name === args[0]);
        if (!c && method === "getItem") throw itemNotFound(undefined, loc);
        return { object: c ? chartHandle(c) : null };
      }
      case "getItemAt": {
        const c = s.charts[args[0] as number];
        if (!c) throw invalidArgument(undefined, loc);
        return { object: chartHandle(c) };
      }
      case "getCount":
        return { value: s.charts.length };
    }
    throw notModelled(loc);
  }

  private invokePageLayout(h: H<"PageLayout">, method: string, args: unknown[], loc: string): InvokeResult {
    const s = this.wb.sheet(h.sheetId);
    const pl = s.pageLayout;
    switch (method) {
      case "setPrintTitleRows": {
        // "The rows to be repeated at the top of each page. The range must span the entire row to be valid."
        const r = this.rangeArg(s, args[0], loc).rect;
        if (r.col !== 0 || r.cols !== MAX_COLS) throw invalidArgument(undefined, loc);
        pl.printTitleRows = r;
        return { value: null };
      }
      case "setPrintTitleColumns": {
        const r = this.rangeArg(s, args[0], loc).rect;
        if (r.row !== 0 || r.rows !== MAX_ROWS) throw invalidArgument(undefined, loc);
        pl.printTitleColumns = r;
        return { value: null };
      }
      case "setPrintArea": {
        const arg = args[0];
        const parts = typeof arg === "string" ? arg.split(/[,;]/) : [arg];
        pl.printArea = parts.map((p) => this.rangeArg(s, typeof p === "string" ? p.trim() : p, loc).rect);
        return { value: null };
      }
      case "getPrintArea":
      case "getPrintAreaOrNullObject":
      case "getPrintTitleRows":
      case "getPrintTitleRowsOrNullObject": {
        const rect = method.startsWith("getPrintArea") ? (pl.printArea?.[0] ?? null) : pl.printTitleRows;
        if (!rect && !method.endsWith("OrNullObject")) throw itemNotFound(undefined, loc);
        return { object: rect ? this.range(s.id, rect) : null };
      }
    }
    throw notModelled(loc);
  }

  /**
   * TableColumnCollection.add(index?, values?, name?): a column at the table's right edge (strict choices: only
   * there, and only where the cells it takes are empty; Excel would shift the cells beside the table instead).
   * The header gets `name` (or "ColumnN"), the body `values` where given.
   */
  private addTableColumn(t: TableModel, args: unknown[], loc: string): Handle {
    const [index, values, name] = args;
    if (index !== undefined && index !== null && index !== t.rect.cols) throw notModelled(loc);
    const s = this.wb.sheet(t.sheetId);
    if (s.protected) throw new ExcelModelError("AccessDenied", undefined, loc);
    const col = t.rect.col + t.rect.cols;
    if (col >= MAX_COLS) throw invalidArgument(undefined, loc);
    for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) {
      const v = s.cells.get(cellKey(r, col))?.value;
      if (v !== undefined && v !== "") throw invalidOperation(undefined, loc);
    }
    const existing = this.tableColumns(t).map((x) => x.toLowerCase());
    let header = typeof name === "string" && name !== "" ? name : `Column${t.rect.cols + 1}`;
    for (let n = 2; existing.includes(header.toLowerCase()); n++) header = `${name as string}${n}`;
    const column = { row: t.rect.row, col, rows: t.rect.rows, cols: 1 };
    writeCells(this.wb, s, { ...column, rows: 1 }, [[header]], loc);
    if (Array.isArray(values))
      writeCells(this.wb, s, { ...column, row: column.row + 1, rows: column.rows - 1 }, values, loc);
    t.rect = { ...t.rect, cols: t.rect.cols + 1 };
    return { t: "TableColumn", tableId: t.id, index: t.rect.cols - 1 };
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /**
   * Every write (a property set or a changing call) passes here before it is applied: the injected failure
   * (WorkbookModel.failAtWrite), worksheet protection (AccessDenied), and the record of calls that clear the
   * undo stack (WorkbookModel.undoClearedBy).
   */
  private gate(h: Handle, loc: string): void {
    const wb = this.wb;
    wb.writes++;
    if (wb.failAtWrite && wb.failAtWrite.at === wb.writes) {
      throw new ExcelModelError(
        (wb.failAtWrite.code ?? "GeneralException") as ExcelModelError["code"],
        undefined,
        loc,
      );
    }
    if (PROTECTED_KINDS.has(h.t) && "sheetId" in h && wb.sheet(h.sheetId).protected) {
      throw new ExcelModelError("AccessDenied", undefined, loc);
    }
    if (UNDO_CLEARING.has(loc)) wb.undoClearedBy.push(loc);
  }

  /**
   * Worksheet.getRanges("A2,A5:A9"): areas of one sheet, comma-separated. Refused (InvalidArgument) when the
   * address is longer than MAX_AREAS_ADDRESS characters, an area does not parse, or names another sheet.
   * The limit is unverified: Microsoft documents none; office-js#5198 reports "The argument is invalid" for an
   * address of 8,207 characters (513 areas) while one of 513 areas in fewer characters worked, on desktop and
   * the web. The fake refuses past 8,192 characters, the strictest reading.
   */
  private rangeAreas(s: SheetModel, address: unknown, loc: string): H<"RangeAreas"> {
    if (typeof address !== "string" || address.trim() === "") throw invalidArgument(undefined, loc);
    if (address.length > MAX_AREAS_ADDRESS) throw invalidArgument(undefined, loc);
    const areas = address.split(",").map((part) => this.resolveAddress(s, part.trim(), loc));
    return { t: "RangeAreas", sheetId: s.id, rect: { ...areas[0]! }, areas };
  }

  /**
   * Range.copyFrom(source, copyType) with copyType "Formats" (ExcelApi 1.9): the source cells' formats (fill,
   * font, alignment, borders, number format) onto the range, which grows to the source's size from its top
   * left cell as a paste does. Other copy types, skipBlanks and transpose are not modelled.
   */
  private copyFrom(s: SheetModel, r: Rect, args: unknown[], loc: string): void {
    const [source, copyType, skipBlanks, transpose] = args;
    if (copyType !== "Formats" || skipBlanks === true || transpose === true) throw notModelled(loc);
    let src: RangeLike;
    if (isHandle(source)) {
      if (source.t !== "Range") throw invalidArgument(undefined, loc);
      src = source as RangeLike;
    } else src = { sheetId: s.id, rect: this.resolveAddress(s, source, loc) };
    const from = this.wb.sheet(src.sheetId, loc);
    const rows = Math.max(r.rows, src.rect.rows);
    const cols = Math.max(r.cols, src.rect.cols);
    if (rows % src.rect.rows !== 0 || cols % src.rect.cols !== 0) throw invalidArgument(undefined, loc);
    const target = checkRect({ row: r.row, col: r.col, rows, cols }, loc);
    if (s.protected) throw new ExcelModelError("AccessDenied", undefined, loc);
    // Read every source cell first, so a source overlapping the target copies what was there.
    const formats = [];
    for (let i = 0; i < src.rect.rows; i++)
      for (let j = 0; j < src.rect.cols; j++) {
        const cell = from.cells.get(cellKey(src.rect.row + i, src.rect.col + j));
        formats.push({
          format: cell ? structuredClone(cell.format) : null,
          numberFormat: cell?.numberFormat ?? "General",
        });
      }
    for (let i = 0; i < target.rows; i++)
      for (let j = 0; j < target.cols; j++) {
        const f = formats[(i % src.rect.rows) * src.rect.cols + (j % src.rect.cols)]!;
        const cell = this.wb.writableCell(s, target.row + i, target.col + j);
        if (f.format) cell.format = structuredClone(f.format);
        else cell.format = defaultFormat();
        cell.numberFormat = f.numberFormat;
      }
    this.wb.compact(s, target);
  }

  range(sheetId: string, rect: Rect): H<"Range"> {
    return { t: "Range", sheetId, rect: { ...rect } };
  }

  shape(h: { sheetId: string; shapeId: string }): ShapeModel {
    const x = this.wb.sheet(h.sheetId).shapes.find((s) => s.id === h.shapeId);
    if (!x) throw itemNotFound(undefined, "Shape");
    return x;
  }

  chart(h: { sheetId: string; chartId: string }): ChartModel {
    const c = this.wb.sheet(h.sheetId).charts.find((x) => x.id === h.chartId);
    if (!c) throw itemNotFound(undefined, "Chart");
    return c;
  }

  /**
   * An address (or defined name) on a sheet. With no address, the whole sheet. An address naming another sheet
   * is refused (InvalidArgument), as is anything that is not an address or a name of a range on this sheet.
   */
  resolveAddress(sheet: SheetModel, address: unknown, loc: string, allowWhole = false): Rect {
    if ((address === undefined || address === null) && allowWhole) {
      return { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };
    }
    if (typeof address !== "string") throw invalidArgument(undefined, loc);
    const parsed = parseAddress(address);
    if (parsed) {
      if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw invalidArgument(undefined, loc);
      }
      return parsed.rect;
    }
    const name = this.wb.findName(address.trim());
    const target = name ? this.wb.nameRange(name) : null;
    if (target && target.sheet === sheet) return target.rect;
    throw invalidArgument(undefined, loc);
  }

  /** A Range handle or an address on `sheet`, as methods taking `Range | string` accept. */
  rangeArg(sheet: SheetModel, arg: unknown, loc: string): RangeLike {
    if (isHandle(arg)) {
      if (arg.t !== "Range") throw invalidArgument(undefined, loc);
      this.wb.sheet(arg.sheetId, loc);
      if (arg.sheetId !== sheet.id) throw invalidArgument(undefined, loc);
      return arg;
    }
    return { sheetId: sheet.id, rect: this.resolveAddress(sheet, arg, loc) };
  }
}

/** Merged areas Range.getMergedAreasOrNullObject gives at most (Microsoft's reference: "more than 512" fails). */
export const MAX_MERGED_AREAS = 512;

/** The longest address Worksheet.getRanges takes in the fake (see ExcelHost.rangeAreas; unverified). */
export const MAX_AREAS_ADDRESS = 8_192;

/** Calls that change the workbook (property sets always do): they pass ExcelHost.gate. */
const CHANGING_METHODS = new Set([
  "Range.copyFrom",
  "WorksheetCollection.add",
  "Worksheet.delete",
  "Worksheet.activate",
  "Range.clear",
  "Range.merge",
  "Range.unmerge",
  "Range.select",
  "RangeFormat.autofitColumns",
  "RangeFormat.autofitRows",
  "RangeFill.clear",
  "PageBreakCollection.add",
  "PageBreakCollection.removePageBreaks",
  "WorksheetFreezePanes.freezeRows",
  "WorksheetFreezePanes.freezeColumns",
  "WorksheetFreezePanes.freezeAt",
  "WorksheetFreezePanes.unfreeze",
  "ChartCollection.add",
  "Chart.delete",
  "Chart.setPosition",
  "PageLayout.setPrintTitleRows",
  "PageLayout.setPrintTitleColumns",
  "PageLayout.setPrintArea",
  "SettingCollection.add",
  "Setting.delete",
  "NamedItemCollection.add",
  "NamedItem.delete",
  "WorksheetProtection.protect",
  "WorksheetProtection.unprotect",
  "WorkbookProtection.protect",
  "WorkbookProtection.unprotect",
  "TableColumnCollection.add",
]);

/**
 * What a protected sheet refuses: its cells, their formats and merges, and its charts. Unverified (the
 * reference says AccessDenied for the Range members; charts and page layout on a protected sheet are assumed
 * refused too, as Excel's ribbon greys them out): freeze panes, tab colour and page layout are allowed.
 */
const PROTECTED_KINDS = new Set<HandleType>([
  "Range",
  "RangeFormat",
  "RangeFill",
  "RangeFont",
  "RangeBorder",
  "ChartCollection",
  "Chart",
  "ChartTitle",
]);

/**
 * Calls Microsoft's "Undo capabilities" page lists as clearing the undo stack, on every platform or on one
 * (docs/excel/excel-add-ins-undo-capabilities.md), among those the fake models.
 */
const UNDO_CLEARING = new Set([
  "Worksheet.delete",
  "Worksheet.name",
  "Worksheet.position",
  "Worksheet.visibility",
  "NamedItem.comment",
  "WorksheetProtection.protect",
  "WorksheetProtection.unprotect",
  "WorkbookProtection.protect",
  "WorkbookProtection.unprotect",
]);

function notModelled(location: string): ExcelModelError {
  return new ExcelModelError("NotImplemented", `The fake workbook does not model ${location}.`, location);
}

function bool(v: unknown, loc: string): boolean {
  if (typeof v !== "boolean") throw invalidArgument(undefined, loc);
  return v;
}

function oneOf(v: unknown, allowed: Set<string>, loc: string): string {
  if (typeof v !== "string" || !allowed.has(v)) throw invalidArgument(undefined, loc);
  return v;
}

function count(v: unknown, max: number, loc: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max)
    throw invalidArgument(undefined, loc);
  return v;
}

function checkRect(rect: Rect, loc: string): Rect {
  if (!isValidRect(rect)) throw invalidArgument(undefined, loc);
  return rect;
}

function offset(sizes: Map<number, number>, dflt: number, index: number): number {
  let total = index * dflt;
  for (const [i, size] of sizes) if (i < index) total += size - dflt;
  return total;
}

/**
 * PageLayout.firstPageNumber is `number | ""` ("" = auto numbering; @types/office-js, ExcelApi 1.9). Strict
 * choice, unverified: anything but "" or a whole number from 0 to 32,767 (Page Setup's "First page number"
 * box takes whole numbers) is refused with InvalidArgument.
 */
function checkFirstPageNumber(value: unknown, loc: string): number | "" {
  if (value === "") return "";
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 32_767)
    throw invalidArgument(undefined, loc);
  return value;
}

/**
 * PageLayout.zoom is set as a whole PageLayoutZoomOptions object: either a scale (10-400) or fit-to-pages
 * counts. Strict choices: a scale together with fit-to-pages counts is refused, and fit counts must be whole
 * numbers 0-32767 (0 = automatic, as the "tall" box left empty in Excel's Page Setup).
 */
function checkZoom(
  v: unknown,
  loc: string,
): { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalidArgument(undefined, loc);
  const z = v as Record<string, unknown>;
  const known = ["scale", "horizontalFitToPages", "verticalFitToPages"];
  if (Object.keys(z).some((k) => !known.includes(k))) throw invalidArgument(undefined, loc);
  const hasFit = z.horizontalFitToPages != null || z.verticalFitToPages != null;
  if (z.scale != null) {
    if (hasFit) throw invalidArgument(undefined, loc);
    if (typeof z.scale !== "number" || z.scale < 10 || z.scale > 400) throw invalidArgument(undefined, loc);
    return { scale: z.scale };
  }
  if (!hasFit) throw invalidArgument(undefined, loc);
  const pagesCount = (x: unknown): number => {
    if (x == null) return 0;
    if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 32767)
      throw invalidArgument(undefined, loc);
    return x;
  };
  return {
    horizontalFitToPages: pagesCount(z.horizontalFitToPages),
    verticalFitToPages: pagesCount(z.verticalFitToPages),
  };
}

/**
 * Excel's DATE(year, month, day) through workbook.functions (ExcelApi 1.2): the serial of that day in the
 * workbook's date system (1900 or 1904, WorkbookModel.date1904). As Excel does, a year below 1900 is added to
 * 1900, and month and day overflow into the next month or year; a date before the system's first day is #NUM!.
 * (Excel's DATE function reference; the 1900 system's phantom 29/02/1900 is not modelled.)
 */
function functionDate(wb: WorkbookModel, args: unknown[]): Handle {
  const [y, m, d] = args.map((a) => (typeof a === "number" ? Math.trunc(a) : NaN)) as [
    number,
    number,
    number,
  ];
  if (![y, m, d].every(Number.isFinite)) return { t: "FunctionResult", value: null, error: "#VALUE!" };
  const year = y < 1900 ? y + 1900 : y;
  const ms = Date.UTC(year, m - 1, d);
  const serial1900 = Math.round(ms / 86_400_000) + 25569;
  const serial = wb.date1904 ? serial1900 - 1462 : serial1900;
  if (serial < (wb.date1904 ? 0 : 1) || year > 9999)
    return { t: "FunctionResult", value: null, error: "#NUM!" };
  return { t: "FunctionResult", value: serial, error: null };
}
