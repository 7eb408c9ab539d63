/**
 * A small programme of works built by hand as cell values (as Office.js would give them: dates as Excel
 * serials, empty cells as ""), and a stand-in WorkbookOperations that answers with the engine's real analysis
 * of it. Designed so the pane has something of everything to show: a Red budget overrun, an Amber schedule
 * slip, an override, a completed item, a whole-column warning repeated on several rows and one unreadable cell.
 */
import type {
  Progress,
  RunInput,
  RunResult,
  SavedSettings,
  WorkbookOperations,
} from "../../src/app/operations";
import { analyse, DEFAULT_ALLOCATION } from "../../src/engine/analyse";
import type { DayNumber } from "../../src/engine/dates";
import { dayFromYmd, excelSerialFromDay } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { DEFAULT_RULES } from "../../src/engine/rules";

const d = (y: number, m: number, day: number): number => excelSerialFromDay(dayFromYmd(y, m, day));

export const REPORTING_DATE: DayNumber = dayFromYmd(2020, 12, 31);
/** The pane's clock in these tests: its default reporting date (the previous month's last day) is REPORTING_DATE. */
export const TODAY: DayNumber = dayFromYmd(2021, 1, 4);

const HEADER: CellValue[] = [
  "Ref",
  "Project",
  "Theme",
  "Owner",
  "Budget (£)",
  "Spend to date (£)",
  "Committed (£)",
  "Forecast (£)",
  "Start",
  "Target date",
  "% complete",
  "Likelihood",
  "Impact",
  "RAG override",
];

// Ref, Project, Theme, Owner, Budget, Spent, Committed, Forecast, Start, Target, Progress, L, I, Override
// prettier-ignore
const ROWS: CellValue[][] = [
  ["ICT01", "Laptop refresh", "Devices", "A. Patel", 200000, 150000, 60000, 240000, d(2020, 4, 1), d(2021, 3, 31), 0.7, 2, 2, ""],
  ["ICT02", "Network upgrade", "Infrastructure", "B. Jones", 300000, 100000, 20000, 300000, d(2020, 4, 1), d(2021, 9, 30), 0.1, 2, 2, ""],
  ["ICT03", "Website redesign", "Digital", "C. Smith", 100000, 40000, 0, 100000, d(2020, 6, 1), d(2021, 6, 30), 0.4, 1, 2, ""],
  ["ICT04", "Telephony", "Infrastructure", "D. Brown", 150000, 150000, 0, 150000, d(2020, 4, 1), d(2020, 11, 30), 1, 1, 1, ""],
  ["ICT05", "Cyber security", "Security", "E. Green", 120000, 30000, 10000, "", d(2020, 9, 1), d(2021, 8, 31), 0.3, 3, 3, ""],
  ["ICT06", "Data centre move", "Infrastructure", "F. White", 80000, 20000, 5000, "", d(2020, 10, 1), d(2021, 12, 31), 0.2, 1, 3, "Amber"],
  ["ICT07", "Intranet", "Digital", "G. Black", 50000, 10000, 0, "", d(2020, 10, 1), d(2021, 10, 31), 0.2, 2, 1, ""],
  ["ICT08", "Printing contract", "Devices", "H. Grey", "tbc", 0, 0, 0, d(2021, 1, 1), d(2021, 3, 31), 0, 1, 1, ""],
];

export function programmeGrid(): SheetGrid {
  const values: CellValue[][] = [["ICT Strategy 2020-22: programme of works"], [], HEADER, ...ROWS];
  return { name: "Programme", visible: true, rowOffset: 0, colOffset: 0, values };
}

/** A long programme sheet where no row has a forecast: the engine warns once per row, all in the same words. */
export function longProgrammeGrid(rows: number): SheetGrid {
  const values: CellValue[][] = [HEADER];
  for (let i = 1; i <= rows; i++) {
    values.push([
      `P${i}`,
      `Project ${i}`,
      "Digital",
      "Owner",
      1000,
      100,
      0,
      "",
      d(2020, 4, 1),
      d(2021, 3, 31),
      0.8,
      1,
      1,
      "",
    ]);
  }
  return { name: "Long list", visible: true, rowOffset: 0, colOffset: 0, values };
}

export function notesGrid(): SheetGrid {
  return {
    name: "Notes",
    visible: true,
    rowOffset: 0,
    colOffset: 0,
    values: [["These are notes."], ["Nothing here."]],
  };
}

export function analyseFixture(input: Partial<RunInput> = {}): ProgrammeAnalysis {
  return analyse([programmeGrid(), notesGrid()], {
    reportingDate: input.reportingDate ?? REPORTING_DATE,
    allocation: input.allocation ?? DEFAULT_ALLOCATION,
    rules: input.rules ?? DEFAULT_RULES,
    ownSheets: ["Highlight Report"],
    ...(input.cycle ? { cycle: input.cycle } : {}),
  });
}

/** The programme sheet's RAG cells the stand-in pretends to have written (one per item). */
export const ITEM_COUNT = ROWS.length;

export interface StandIn {
  operations: WorkbookOperations;
  scan: jest.Mock<ReturnType<WorkbookOperations["scan"]>, Parameters<WorkbookOperations["scan"]>>;
  refreshRag: jest.Mock<Promise<RunResult>, [RunInput, Progress?]>;
  buildReport: jest.Mock<Promise<RunResult>, [RunInput, Progress?]>;
  selectCell: jest.Mock<Promise<void>, [string, string]>;
  saveSettings: jest.Mock<Promise<void>, [SavedSettings]>;
}

/**
 * A WorkbookOperations that reads the fixture workbook with the real engine. `settings` are what scan()
 * reports as saved in the workbook (and uses when called without input, as the Office adapter does).
 */
export function standIn(settings: SavedSettings | null = null): StandIn {
  const run = (sheets: string[]) =>
    jest.fn(async (input: RunInput, progress?: Progress): Promise<RunResult> => {
      progress?.("Reading the programme sheets", 0.2);
      const analysis = analyseFixture(input);
      progress?.("Writing the RAG columns", 0.8);
      return { analysis, written: { ragCells: ITEM_COUNT, changedCells: 3, sheets, syncs: 4 } };
    });
  const s: Omit<StandIn, "operations"> = {
    scan: jest.fn(async (input?: Partial<RunInput>) => ({
      analysis: analyseFixture({ ...(settings ?? {}), ...(input ?? {}) }),
      settings,
    })),
    refreshRag: run([]),
    buildReport: run(["Highlight Report", "History"]),
    selectCell: jest.fn(async (_sheet: string, _cell: string) => undefined),
    saveSettings: jest.fn(async (_settings: SavedSettings) => undefined),
  };
  return {
    ...s,
    operations: {
      scan: (input) => s.scan(input),
      refreshRag: (input, progress) => s.refreshRag(input, progress),
      buildReport: (input, progress) => s.buildReport(input, progress),
      selectCell: (sheet, cell) => s.selectCell(sheet, cell),
      saveSettings: (settings) => s.saveSettings(settings),
    },
  };
}

/** A promise whose settling the test controls, for "while the operation is running" checks. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
