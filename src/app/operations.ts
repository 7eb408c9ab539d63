/**
 * What the task pane can ask of the workbook. The Office.js adapter implements it (src/adapters/office/);
 * components receive it as a prop or through context and never call Excel themselves, so they are tested
 * with a stand-in.
 */
import type { DayNumber } from "../engine/dates";
import type { Issue, ProgrammeAnalysis } from "../engine/model";
import type { Pence } from "../engine/money";
import type { ReportCycle } from "../engine/cycle";
import type { Trend } from "../engine/report/trend";
import type { Rules } from "../engine/rules";

/** The programme's own details: a setting, saved in the workbook with the rules. */
export interface ProgrammeSettings {
  name: string;
  start: DayNumber;
  end: DayNumber;
}

/** The settings saved in the workbook, so the next person (and the ribbon's Refresh RAG) uses the same inputs. */
export interface SavedSettings {
  rules: Rules;
  allocation: Pence;
  /** The reporting date last used; absent in settings saved before it was kept (then the default applies). */
  reportingDate?: DayNumber;
  /** Absent in settings saved before programme details were kept: the defaults apply. */
  programme?: ProgrammeSettings;
}

export interface RunInput {
  reportingDate: DayNumber;
  allocation: Pence;
  rules: Rules;
  /** The programme's name and period (default: the ICT Strategy 2020-22). */
  programme?: ProgrammeSettings;
  /** A monthly or a quarterly report (default: by the reporting date; see engine/cycle.ts). */
  cycle?: ReportCycle;
}

/** What a refresh or a report wrote. */
export interface WriteSummary {
  /** RAG cells written into programme sheets. */
  ragCells: number;
  /** RAG cells whose word changed from what was there before. */
  changedCells: number;
  /** The tool's own sheets written, by name (e.g. "Highlight Report"). */
  sheets: string[];
  /** Round trips to Excel (context.sync calls) the operation made. */
  syncs: number;
}

export interface RunResult {
  analysis: ProgrammeAnalysis;
  written: WriteSummary;
  /** What changed since the latest earlier quarter in the workbook's RAG History (null or absent: none). */
  trend?: Trend | null;
}

/** A step of a run and how far it is (0 to 1), or null where that cannot be told (the report's code loading). */
export type Progress = (step: string, fraction: number | null) => void;

export interface WorkbookOperations {
  /** Reads the workbook and analyses it with the given (or saved) inputs; writes nothing. */
  scan(input?: Partial<RunInput>): Promise<{ analysis: ProgrammeAnalysis; settings: SavedSettings | null }>;
  /** Writes the RAG column of every programme sheet (and the change log). */
  refreshRag(input: RunInput, progress?: Progress): Promise<RunResult>;
  /** Writes the highlight report, the history snapshot and the RAG columns. */
  buildReport(input: RunInput, progress?: Progress): Promise<RunResult>;
  /** Selects a cell in the workbook, e.g. the one an issue names. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Saves the rules, allocation and reporting date in the workbook. */
  saveSettings(settings: SavedSettings): Promise<void>;
}

/** An error to show in the pane in plain words (from an Excel error code, a timeout, or bad input). */
export class OperationError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly issue?: Issue,
  ) {
    super(message);
    this.name = "OperationError";
  }
}
