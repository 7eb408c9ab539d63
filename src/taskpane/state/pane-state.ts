/**
 * What the pane is doing and what it has learnt from the workbook, as a reducer over a discriminated phase:
 * reading the workbook, idle, running a refresh or report (with its progress), or failed to read the workbook
 * (with how to retry). The form inputs (date, allocation, rules as typed) are not here: they are the user's,
 * kept by the hook beside this state, and no transition here changes them.
 *
 * Pure: no React. use-task-pane.ts dispatches these events from the operations' promises; the transitions are
 * tested on their own (tests/taskpane/pane-state.test.ts).
 */
import type { RunInput, RunResult, SavedSettings, WorkbookOperations } from "../../app/operations";
import type { ProgrammeAnalysis } from "../../engine/model";
import type { RunMode } from "../../engine/write-plan";
import type { ReportCycle } from "../../engine/cycle";

/** What the pane is doing: reading the workbook, or a run (the engine's RunMode). */
export type Activity = "scan" | RunMode;

export interface ProgressState {
  step: string;
  /** 0-1, or null before the operation has said how far it is. */
  fraction: number | null;
}

export interface Notice {
  intent: "error" | "warning";
  title: string;
  text: string;
}

export interface Outcome {
  action: RunMode;
  input: RunInput;
  result: RunResult;
}

export type Phase =
  | { kind: "reading" }
  | { kind: "idle" }
  | { kind: "running"; action: RunMode; progress: ProgressState }
  /**
   * The workbook could not be read; `retry` is what "Try again" does. A failed refresh or report is not this
   * phase: the analysis read before it still stands, so the pane is idle with the error shown and the same
   * button runs it again.
   */
  | { kind: "failed"; retry: "scan" };

export interface PaneState {
  phase: Phase;
  /** The latest analysis (from the last read or run); kept through a later failure. */
  analysis: ProgrammeAnalysis | null;
  /** The settings saved in the workbook, as last read or saved. */
  saved: SavedSettings | null;
  /** The last run's result. */
  outcome: Outcome | null;
  notice: Notice | null;
  /** The sentence for the live region. */
  announcement: string;
  /**
   * The report's cycle the user chose in the run area (a monthly or a quarterly report), or null: by the
   * reporting date (quarterly in June, September, December and March, monthly otherwise).
   */
  cycle: ReportCycle | null;
}

export type ScanResult = Awaited<ReturnType<WorkbookOperations["scan"]>>;

export type PaneEvent =
  | { type: "readStarted" }
  /** `first`: the read on opening, whose saved settings become the saved state. */
  | { type: "readDone"; found: ScanResult; first: boolean }
  | { type: "readFailed"; text: string }
  | { type: "runStarted"; action: RunMode }
  | { type: "progress"; step: string; fraction: number | null }
  | { type: "runSucceeded"; action: RunMode; input: RunInput; result: RunResult }
  | { type: "settingsSaved"; settings: SavedSettings }
  | { type: "settingsNotSaved"; text: string }
  /** The run is over (after its settings were saved or not); `announcement` says how it went. */
  | { type: "runEnded"; announcement: string }
  | { type: "runFailed"; action: RunMode; text: string }
  | { type: "noticeShown"; notice: Notice }
  /** The user chose a monthly or a quarterly report (null: by the reporting date again). */
  | { type: "cycleChosen"; cycle: ReportCycle | null }
  | { type: "noticeDismissed" };

export const SCAN_FAILED = "Could not read the workbook";
export const READING = "Reading the workbook…";
export const SAVING_SETTINGS = "Saving the rules in the workbook…";
export const SETTINGS_NOT_SAVED = "The rules were not saved in the workbook";

export const ACTION_WORDS: Record<RunMode, { start: string; failed: string }> = {
  refresh: { start: "Refreshing the RAG columns", failed: "Could not refresh the RAG columns" },
  report: { start: "Building the highlight report", failed: "Could not build the highlight report" },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function scanAnnouncement(a: ProgrammeAnalysis): string {
  const items = a.sheets.reduce((n, s) => n + s.itemCount, 0);
  if (a.sheets.length === 0) return "No programme sheet found in this workbook.";
  const problems =
    a.issues.length === 0 ? "no problems found" : `${plural(a.issues.length, "problem")} to check`;
  return `Found ${plural(a.sheets.length, "programme sheet")} with ${plural(items, "item")}; ${problems}.`;
}

export function runAnnouncement(action: RunMode, r: RunResult): string {
  const w = r.written;
  const cells = `${plural(w.ragCells, "RAG cell")} (${w.changedCells} changed)`;
  const done =
    action === "refresh"
      ? `Refreshed ${cells}.`
      : `Built the highlight report: wrote ${w.sheets.length > 0 ? w.sheets.join(", ") + " and " : ""}${cells}.`;
  return `${done} Programme RAG: ${r.analysis.programmeRag.rag}.`;
}

/** The state when the pane opens: reading the workbook when there is one to read (in Excel), else idle. */
export function initialPaneState(inExcel: boolean): PaneState {
  return {
    phase: inExcel ? { kind: "reading" } : { kind: "idle" },
    analysis: null,
    saved: null,
    outcome: null,
    notice: null,
    announcement: inExcel ? READING : "",
    cycle: null,
  };
}

export function paneReducer(state: PaneState, event: PaneEvent): PaneState {
  switch (event.type) {
    case "readStarted":
      return { ...state, phase: { kind: "reading" }, notice: null, announcement: READING };
    case "readDone":
      return {
        ...state,
        phase: { kind: "idle" },
        analysis: event.found.analysis,
        saved: event.first && event.found.settings ? event.found.settings : state.saved,
        announcement: scanAnnouncement(event.found.analysis),
      };
    case "readFailed":
      return {
        ...state,
        phase: { kind: "failed", retry: "scan" },
        notice: { intent: "error", title: SCAN_FAILED, text: event.text },
        announcement: `${SCAN_FAILED}: ${event.text}`,
      };
    case "runStarted": {
      const start = `${ACTION_WORDS[event.action].start}…`;
      return {
        ...state,
        phase: { kind: "running", action: event.action, progress: { step: start, fraction: null } },
        notice: null,
        announcement: start,
      };
    }
    case "progress":
      // Progress told after the run has ended is dropped.
      if (state.phase.kind !== "running") return state;
      return {
        ...state,
        phase: {
          ...state.phase,
          progress: {
            step: event.step,
            fraction: event.fraction === null ? null : Math.min(1, Math.max(0, event.fraction)),
          },
        },
      };
    case "runSucceeded":
      return {
        ...state,
        outcome: { action: event.action, input: event.input, result: event.result },
        analysis: event.result.analysis,
      };
    case "settingsSaved":
      return { ...state, saved: event.settings };
    case "settingsNotSaved":
      return { ...state, notice: { intent: "warning", title: SETTINGS_NOT_SAVED, text: event.text } };
    case "runEnded":
      return { ...state, phase: { kind: "idle" }, announcement: event.announcement };
    case "runFailed": {
      const failed = ACTION_WORDS[event.action].failed;
      return {
        ...state,
        phase: { kind: "idle" },
        notice: { intent: "error", title: failed, text: event.text },
        announcement: `${failed}: ${event.text}`,
      };
    }
    case "noticeShown":
      return { ...state, notice: event.notice };
    case "noticeDismissed":
      return { ...state, notice: null };
    case "cycleChosen":
      return { ...state, cycle: event.cycle };
  }
}

/** What the pane is busy with: "scan" while reading, the action while running, else null. */
export function busyWith(phase: Phase): Activity | null {
  return phase.kind === "reading" ? "scan" : phase.kind === "running" ? phase.action : null;
}
