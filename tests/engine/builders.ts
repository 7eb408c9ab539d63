/**
 * Small fixture builders for the engine tests: grids written by hand, as the adapters would give them.
 */
import type { AnalyseOptions } from "../../src/engine/analyse";
import { analyse } from "../../src/engine/analyse";
import type { DayNumber } from "../../src/engine/dates";
import { parseIsoDay } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { AssessedItem, ProgrammeAnalysis } from "../../src/engine/model";

/** A calendar day from "YYYY-MM-DD" (throws on a typo in a test). */
export function day(iso: string): DayNumber {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

/** A grid's rows: the header first, then the rows as given. */
export function sheetGrid(header: CellValue[], ...rows: CellValue[][]): CellValue[][] {
  return [header, ...rows];
}

export interface GridOptions {
  name?: string;
  visible?: boolean;
  rowOffset?: number;
  colOffset?: number;
}

export function grid(values: CellValue[][], options: GridOptions = {}): SheetGrid {
  return {
    name: options.name ?? "Programme of Works",
    visible: options.visible ?? true,
    rowOffset: options.rowOffset ?? 0,
    colOffset: options.colOffset ?? 0,
    values,
  };
}

/**
 * The columns of a typical council programme-of-works sheet, A to Q. Column H is the forecast, so an item on
 * Excel row 9 has its forecast in H9.
 */
export const STANDARD_HEADER = [
  "Ref", // A
  "Project", // B
  "Theme", // C
  "Owner", // D
  "Budget (£)", // E
  "Spent to date (£)", // F
  "Committed (£)", // G
  "Forecast outturn (£)", // H
  "Start date", // I
  "Target date", // J
  "% complete", // K
  "Status", // L
  "Likelihood", // M
  "Impact", // N
  "Key risk", // O
  "Mitigation", // P
  "RAG", // Q
] as const;

export interface ItemRow {
  ref?: CellValue;
  name?: CellValue;
  theme?: CellValue;
  owner?: CellValue;
  budget?: CellValue;
  spent?: CellValue;
  committed?: CellValue;
  forecast?: CellValue;
  start?: CellValue;
  end?: CellValue;
  progress?: CellValue;
  status?: CellValue;
  likelihood?: CellValue;
  impact?: CellValue;
  risk?: CellValue;
  mitigation?: CellValue;
  rag?: CellValue;
}

const ORDER: (keyof ItemRow)[] = [
  "ref",
  "name",
  "theme",
  "owner",
  "budget",
  "spent",
  "committed",
  "forecast",
  "start",
  "end",
  "progress",
  "status",
  "likelihood",
  "impact",
  "risk",
  "mitigation",
  "rag",
];

/** One row in the standard columns; what is not given is blank (""), as Office.js gives empty cells. */
export function itemRow(item: ItemRow): CellValue[] {
  return ORDER.map((k) => (item[k] === undefined ? "" : item[k]));
}

/** A standard programme sheet: a title row, a blank row, the header on row 3, then the items from row 4. */
export function programmeSheet(items: ItemRow[], options: GridOptions = {}): SheetGrid {
  return grid(
    [["ICT Strategy 2020-22: Programme of Works"], [], [...STANDARD_HEADER], ...items.map(itemRow)],
    options,
  );
}

/** Excel row of the n-th item (0-based) of programmeSheet. */
export const itemExcelRow = (n: number): number => n + 4;

export function run(
  sheets: SheetGrid[],
  reportingDate = "2020-12-31",
  options: Omit<AnalyseOptions, "reportingDate"> = {},
): ProgrammeAnalysis {
  return analyse(sheets, { reportingDate: day(reportingDate), ...options });
}

/** Analyse a single standard-sheet item and return it (with the analysis for its issues). */
export function runItem(
  item: ItemRow,
  reportingDate = "2020-12-31",
  options: Omit<AnalyseOptions, "reportingDate"> = {},
): { item: AssessedItem; analysis: ProgrammeAnalysis } {
  const analysis = run(
    [programmeSheet([{ ref: "ICT-01", name: "Laptop refresh", ...item }])],
    reportingDate,
    options,
  );
  if (analysis.items.length !== 1) throw new Error(`expected one item, got ${analysis.items.length}`);
  return { item: analysis.items[0]!, analysis };
}

/** Issues on one row (by Excel row number) of the default sheet. */
export function issuesOnRow(analysis: ProgrammeAnalysis, excelRow: number) {
  return analysis.issues.filter((i) => /^[A-Z]+(\d+)$/.exec(i.cell)?.[1] === String(excelRow));
}
