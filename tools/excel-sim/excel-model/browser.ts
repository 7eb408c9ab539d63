/** Everything of the workbook model that runs in a browser bundle (no exceljs, no Node APIs). */
export type { Rect, ParsedAddress } from "./address";
export {
  MAX_COLS,
  MAX_ROWS,
  cellName,
  columnIndex,
  columnLetters,
  formatRect,
  parseAddress,
  qualifiedAddress,
  quoteSheetName,
} from "./address";
export type { BorderSide, Cell, CellFormat, CellScalar, ErrorValue } from "./cells";
export { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, emptyCell, isErrorValue, valueForApi } from "./cells";
export type { Locale } from "./coerce";
export { coerceWrittenValue, serialFromYmd, ymdFromSerial } from "./coerce";
export type { ExcelErrorCode } from "./errors";
export { DIMENSION_MISMATCH_MESSAGE, ERROR_MESSAGES, ExcelModelError } from "./errors";
export type { ApiTag } from "./excel-api.generated";
export { EXCEL_API_MEMBERS, EXCEL_ENUMS } from "./excel-api.generated";
export { checkFormulaSyntax, evaluateFormula } from "./formulas";
export type { GridCellSpec, GridSheetSpec } from "./grid";
export { workbookModelFromGrid } from "./grid";
export type { Handle, HandleType, InvokeResult } from "./host";
export { ExcelHost, isHandle } from "./host";
export { formatValue, isDateNumberFormat } from "./number-format";
export { READ_CELL_LIMIT } from "./range-ops";
export type { CellChange, CellSnapshot, SnapshotField, WorkbookSnapshot } from "./snapshot";
export { diffSnapshots, snapshotCells, unexpectedChanges } from "./snapshot";
export type {
  ChartModel,
  HeaderFooterModel,
  NameModel,
  PageLayoutModel,
  ShapeModel,
  SheetModel,
  SheetVisibility,
  WorkbookOptions,
} from "./workbook";
export { WorkbookModel, checkDefinedName, checkSheetName } from "./workbook";
