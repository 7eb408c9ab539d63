/**
 * The part of the Excel JavaScript API the fake implements: per class, its scalar properties, navigation
 * properties and methods (with what each method returns). Requirement-set tags come from the generated table
 * (tools/excel-sim/excel-model/excel-api.generated.ts, from the published reference); members of these classes
 * that the fake does not implement throw when touched instead of silently returning undefined.
 */

export type MethodReturn =
  | { kind: "void" }
  | { kind: "result" }
  /** An object; `nullable` for *OrNullObject; `indexer` for collection getItem (an indexer path in RichApi). */
  | { kind: "object"; type: string; nullable?: boolean; indexer?: boolean };

export interface ClassInfo {
  scalars: string[];
  /** Scalars that cannot be set (no setter, as in Microsoft's client). */
  readonly?: string[];
  navs?: Record<string, string>;
  methods?: Record<string, MethodReturn>;
  /** For collections: the class of `items`. */
  item?: string;
}

const V: MethodReturn = { kind: "void" };
const R: MethodReturn = { kind: "result" };
const o = (type: string, extra: { nullable?: boolean; indexer?: boolean } = {}): MethodReturn => ({
  kind: "object",
  type,
  ...extra,
});
const range = o("Range");

export const CLASSES: Record<string, ClassInfo> = {
  TableCollection: {
    scalars: ["count"],
    readonly: ["count"],
    item: "Table",
    methods: {
      getItem: o("Table", { indexer: true }),
      getItemOrNullObject: o("Table", { nullable: true }),
      getCount: R,
    },
  },
  Table: {
    scalars: ["name", "id"],
    readonly: ["name", "id"],
    navs: { columns: "TableColumnCollection", worksheet: "Worksheet" },
    methods: { getRange: range, getHeaderRowRange: range, getDataBodyRange: range },
  },
  TableColumnCollection: {
    scalars: ["count"],
    readonly: ["count"],
    item: "TableColumn",
    methods: { add: o("TableColumn"), getCount: R },
  },
  TableColumn: { scalars: ["name", "index", "id"], readonly: ["name", "index", "id"] },
  // Worksheet.shapes (ExcelApi 1.9): what is on the sheet's drawing layer, read only (the add-in never draws one).
  ShapeCollection: {
    scalars: [],
    item: "Shape",
    methods: { getItem: o("Shape", { indexer: true }), getCount: R },
  },
  Shape: { scalars: ["id", "name", "type"], readonly: ["id", "type"] },
  WorksheetProtection: {
    scalars: ["protected"],
    readonly: ["protected"],
    methods: { protect: V, unprotect: V },
  },
  WorkbookProtection: {
    scalars: ["protected"],
    readonly: ["protected"],
    methods: { protect: V, unprotect: V },
  },
  Workbook: {
    scalars: [],
    navs: {
      worksheets: "WorksheetCollection",
      settings: "SettingCollection",
      names: "NamedItemCollection",
      protection: "WorkbookProtection",
      tables: "TableCollection",
      functions: "Functions",
    },
    methods: { getSelectedRange: range, getActiveCell: range },
  },
  WorksheetCollection: {
    scalars: [],
    item: "Worksheet",
    methods: {
      getItem: o("Worksheet", { indexer: true }),
      getItemOrNullObject: o("Worksheet", { nullable: true }),
      add: o("Worksheet"),
      getActiveWorksheet: o("Worksheet"),
      getFirst: o("Worksheet"),
      getLast: o("Worksheet"),
      getCount: R,
    },
  },
  Worksheet: {
    scalars: ["name", "id", "position", "visibility", "tabColor", "standardWidth", "standardHeight"],
    readonly: ["id", "standardWidth", "standardHeight"],
    navs: {
      freezePanes: "WorksheetFreezePanes",
      horizontalPageBreaks: "PageBreakCollection",
      charts: "ChartCollection",
      pageLayout: "PageLayout",
      protection: "WorksheetProtection",
      tables: "TableCollection",
      shapes: "ShapeCollection",
    },
    methods: {
      delete: V,
      activate: V,
      getRange: range,
      getRangeByIndexes: range,
      getRanges: o("RangeAreas"),
      getCell: range,
      getUsedRange: range,
      getUsedRangeOrNullObject: o("Range", { nullable: true }),
    },
  },
  Range: {
    scalars: [
      "address",
      "addressLocal",
      "rowIndex",
      "columnIndex",
      "rowCount",
      "columnCount",
      "cellCount",
      "values",
      "formulas",
      "formulasLocal",
      "numberFormat",
      "numberFormatLocal",
      "text",
      "valueTypes",
      "isEntireColumn",
      "isEntireRow",
      "rowHidden",
    ],
    readonly: [
      "address",
      "addressLocal",
      "rowIndex",
      "columnIndex",
      "rowCount",
      "columnCount",
      "cellCount",
      "text",
      "valueTypes",
      "isEntireColumn",
      "isEntireRow",
    ],
    navs: { format: "RangeFormat", worksheet: "Worksheet" },
    methods: {
      getCell: range,
      getOffsetRange: range,
      getResizedRange: range,
      getAbsoluteResizedRange: range,
      getRow: range,
      getColumn: range,
      getEntireColumn: range,
      getEntireRow: range,
      getLastRow: range,
      getLastColumn: range,
      getLastCell: range,
      getRowsAbove: range,
      getRowsBelow: range,
      getColumnsBefore: range,
      getColumnsAfter: range,
      getBoundingRect: range,
      getIntersection: range,
      getIntersectionOrNullObject: o("Range", { nullable: true }),
      getUsedRange: range,
      getUsedRangeOrNullObject: o("Range", { nullable: true }),
      // SpecialCellType.formulas only (the add-in's read of the places it may add columns to).
      getSpecialCells: o("RangeAreas"),
      getSpecialCellsOrNullObject: o("RangeAreas", { nullable: true }),
      // ExcelApi 1.13: the merged areas whose top-left cell is in the range (a null object when none).
      getMergedAreasOrNullObject: o("RangeAreas", { nullable: true }),
      clear: V,
      merge: V,
      unmerge: V,
      select: V,
      copyFrom: V,
    },
  },
  /** Several areas of one sheet (ExcelApi 1.9): only formats are set through it. */
  RangeAreas: {
    scalars: ["address", "addressLocal", "areaCount", "cellCount"],
    readonly: ["address", "addressLocal", "areaCount", "cellCount"],
    navs: { format: "RangeFormat", worksheet: "Worksheet" },
  },
  RangeFormat: {
    scalars: [
      "columnWidth",
      "rowHeight",
      "useStandardHeight",
      "wrapText",
      "horizontalAlignment",
      "verticalAlignment",
    ],
    navs: { fill: "RangeFill", font: "RangeFont", borders: "RangeBorderCollection" },
    methods: { autofitColumns: V, autofitRows: V },
  },
  RangeFill: { scalars: ["color"], methods: { clear: V } },
  RangeFont: { scalars: ["bold", "italic", "size", "color", "name", "underline"] },
  RangeBorderCollection: {
    scalars: ["count"],
    readonly: ["count"],
    item: "RangeBorder",
    methods: { getItem: o("RangeBorder", { indexer: true }), getItemAt: o("RangeBorder") },
  },
  RangeBorder: { scalars: ["style", "color", "weight", "sideIndex"], readonly: ["sideIndex"] },
  PageBreakCollection: {
    scalars: [],
    methods: { add: o("PageBreak"), removePageBreaks: V, getCount: R },
  },
  PageBreak: { scalars: ["rowIndex", "columnIndex"], readonly: ["rowIndex", "columnIndex"] },
  WorksheetFreezePanes: {
    scalars: [],
    methods: {
      freezeRows: V,
      freezeColumns: V,
      freezeAt: V,
      unfreeze: V,
      getLocation: range,
      getLocationOrNullObject: o("Range", { nullable: true }),
    },
  },
  ChartCollection: {
    scalars: ["count"],
    readonly: ["count"],
    item: "Chart",
    methods: {
      add: o("Chart"),
      getItem: o("Chart", { indexer: true }),
      getItemOrNullObject: o("Chart", { nullable: true }),
      getItemAt: o("Chart"),
      getCount: R,
    },
  },
  Chart: {
    scalars: ["name", "id", "chartType", "top", "left", "width", "height"],
    readonly: ["id"],
    navs: { title: "ChartTitle" },
    methods: { delete: V, setPosition: V },
  },
  ChartTitle: { scalars: ["text", "visible"] },
  PageLayout: {
    scalars: [
      "orientation",
      "paperSize",
      "zoom",
      "centerHorizontally",
      "centerVertically",
      "printGridlines",
      "firstPageNumber",
    ],
    navs: { headersFooters: "HeaderFooterGroup" },
    methods: {
      setPrintTitleRows: V,
      setPrintTitleColumns: V,
      setPrintArea: V,
      getPrintArea: range,
      getPrintAreaOrNullObject: o("Range", { nullable: true }),
      getPrintTitleRows: range,
      getPrintTitleRowsOrNullObject: o("Range", { nullable: true }),
    },
  },
  HeaderFooterGroup: {
    scalars: ["state", "useSheetMargins", "useSheetScale"],
    readonly: ["state", "useSheetMargins", "useSheetScale"],
    navs: { defaultForAllPages: "HeaderFooter" },
  },
  HeaderFooter: {
    scalars: ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"],
  },
  SettingCollection: {
    scalars: [],
    item: "Setting",
    methods: {
      add: o("Setting"),
      getItem: o("Setting", { indexer: true }),
      getItemOrNullObject: o("Setting", { nullable: true }),
      getCount: R,
    },
  },
  Setting: { scalars: ["key", "value"], readonly: ["key"], methods: { delete: V } },
  NamedItemCollection: {
    scalars: [],
    item: "NamedItem",
    methods: {
      add: o("NamedItem"),
      getItem: o("NamedItem", { indexer: true }),
      getItemOrNullObject: o("NamedItem", { nullable: true }),
      getCount: R,
    },
  },
  /** Worksheet functions; only DATE is modelled (the add-in's probe of the date system). */
  Functions: { scalars: [], methods: { date: o("FunctionResult") } },
  FunctionResult: { scalars: ["value", "error"], readonly: ["value", "error"] },
  NamedItem: {
    scalars: ["name", "formula", "type", "value", "comment", "visible", "scope"],
    readonly: ["name", "type", "value", "scope"],
    methods: { delete: V, getRange: range, getRangeOrNullObject: o("Range", { nullable: true }) },
  },
};
