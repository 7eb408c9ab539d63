/**
 * The pane's state transitions, without React: reading → idle or failed (with its retry), idle → running →
 * idle, progress only while running, and a failed run leaving the analysis it had.
 */
import type { RunInput, RunResult, SavedSettings } from "../../src/app/operations";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { pence } from "../../src/engine/money";
import type { PaneEvent, PaneState } from "../../src/taskpane/state/pane-state";
import {
  busyWith,
  initialPaneState,
  paneReducer,
  SCAN_FAILED,
  SETTINGS_NOT_SAVED,
} from "../../src/taskpane/state/pane-state";
import { analyseFixture, REPORTING_DATE } from "./programme-fixture";

const analysis = analyseFixture();
const input: RunInput = {
  reportingDate: REPORTING_DATE,
  allocation: pence(120_000_000),
  rules: DEFAULT_RULES,
};
const settings: SavedSettings = {
  rules: DEFAULT_RULES,
  allocation: pence(100_000_000),
  reportingDate: REPORTING_DATE,
};
const result: RunResult = {
  analysis: analyseFixture({ allocation: pence(90_000_000) }),
  written: { ragCells: 8, changedCells: 3, sheets: [], syncs: 2 },
};

const play = (state: PaneState, ...events: PaneEvent[]): PaneState => events.reduce(paneReducer, state);
const idle = play(initialPaneState(true), {
  type: "readDone",
  found: { analysis, settings: null },
  first: true,
});

describe("pane state", () => {
  test("opens reading the workbook in Excel, idle outside it", () => {
    const inExcel = initialPaneState(true);
    expect(inExcel.phase).toEqual({ kind: "reading" });
    expect(busyWith(inExcel.phase)).toBe("scan");
    expect(inExcel.announcement).toBe("Reading the workbook…");
    const outside = initialPaneState(false);
    expect(outside.phase).toEqual({ kind: "idle" });
    expect(busyWith(outside.phase)).toBeNull();
    expect(outside.announcement).toBe("");
  });

  test("a first read takes the workbook's saved settings; a later read keeps them", () => {
    const first = play(initialPaneState(true), {
      type: "readDone",
      found: { analysis, settings },
      first: true,
    });
    expect(first.phase).toEqual({ kind: "idle" });
    expect(first.analysis).toBe(analysis);
    expect(first.saved).toBe(settings);
    expect(first.announcement).toBe(
      `Found 1 programme sheet with 8 items; ${analysis.issues.length} problems to check.`,
    );
    const other: SavedSettings = { ...settings, allocation: pence(5) };
    const later = play(
      first,
      { type: "readStarted" },
      { type: "readDone", found: { analysis, settings: other }, first: false },
    );
    expect(later.saved).toBe(settings);
  });

  test("a failed read is the failed phase with its retry, and reading again leaves it", () => {
    const failed = play(initialPaneState(true), { type: "readFailed", text: "Excel is busy." });
    expect(failed.phase).toEqual({ kind: "failed", retry: "scan" });
    expect(busyWith(failed.phase)).toBeNull();
    expect(failed.notice).toEqual({ intent: "error", title: SCAN_FAILED, text: "Excel is busy." });
    expect(failed.announcement).toBe("Could not read the workbook: Excel is busy.");
    const retrying = play(failed, { type: "readStarted" });
    expect(retrying.phase).toEqual({ kind: "reading" });
    expect(retrying.notice).toBeNull();
    expect(
      play(retrying, { type: "readDone", found: { analysis, settings: null }, first: false }).phase,
    ).toEqual({
      kind: "idle",
    });
  });

  test("a run goes idle → running (progress clamped to 0-1) → idle, with its outcome and the new analysis", () => {
    const started = play(idle, { type: "runStarted", action: "report" });
    expect(started.phase).toEqual({
      kind: "running",
      action: "report",
      progress: { step: "Building the highlight report…", fraction: null },
    });
    expect(busyWith(started.phase)).toBe("report");
    expect(started.announcement).toBe("Building the highlight report…");
    const halfway = play(started, { type: "progress", step: "Writing", fraction: 1.7 });
    expect(halfway.phase).toMatchObject({ progress: { step: "Writing", fraction: 1 } });
    expect(play(started, { type: "progress", step: "Reading", fraction: -0.2 }).phase).toMatchObject({
      progress: { fraction: 0 },
    });
    const done = play(
      halfway,
      { type: "runSucceeded", action: "report", input, result },
      { type: "settingsSaved", settings },
      { type: "runEnded", announcement: "Built the highlight report." },
    );
    expect(done.phase).toEqual({ kind: "idle" });
    expect(done.outcome).toEqual({ action: "report", input, result });
    expect(done.analysis).toBe(result.analysis);
    expect(done.saved).toBe(settings);
    expect(done.announcement).toBe("Built the highlight report.");
  });

  test("progress told after the run has ended is dropped", () => {
    const ended = play(
      idle,
      { type: "runStarted", action: "refresh" },
      { type: "runEnded", announcement: "Done." },
    );
    expect(play(ended, { type: "progress", step: "late", fraction: 0.5 })).toBe(ended);
  });

  test("settings that could not be saved are a warning; the run still ends with its outcome", () => {
    const s = play(
      idle,
      { type: "runStarted", action: "refresh" },
      { type: "runSucceeded", action: "refresh", input, result },
      { type: "settingsNotSaved", text: "Access denied." },
      { type: "runEnded", announcement: "Refreshed." },
    );
    expect(s.notice).toEqual({ intent: "warning", title: SETTINGS_NOT_SAVED, text: "Access denied." });
    expect(s.saved).toBeNull();
    expect(s.outcome?.result).toBe(result);
  });

  test("a failed run is idle again with the error, keeping the analysis and the last outcome", () => {
    const before = play(
      idle,
      { type: "runStarted", action: "refresh" },
      { type: "runSucceeded", action: "refresh", input, result },
      { type: "runEnded", announcement: "Refreshed." },
    );
    const failed = play(
      before,
      { type: "runStarted", action: "report" },
      { type: "runFailed", action: "report", text: "Sheet protected." },
    );
    expect(failed.phase).toEqual({ kind: "idle" });
    expect(failed.notice).toEqual({
      intent: "error",
      title: "Could not build the highlight report",
      text: "Sheet protected.",
    });
    expect(failed.announcement).toBe("Could not build the highlight report: Sheet protected.");
    expect(failed.analysis).toBe(result.analysis);
    expect(failed.outcome).toBe(before.outcome);
  });

  test("the report's cycle: by the reporting date until the user chooses one, and back to it", () => {
    expect(idle.cycle).toBeNull();
    const monthly = play(idle, { type: "cycleChosen", cycle: "month" });
    expect(monthly.cycle).toBe("month");
    expect(monthly.phase).toBe(idle.phase);
    // A run does not forget the choice.
    const after = play(
      monthly,
      { type: "runStarted", action: "report" },
      { type: "runSucceeded", action: "report", input, result },
      { type: "runEnded", announcement: "done" },
    );
    expect(after.cycle).toBe("month");
    expect(play(after, { type: "cycleChosen", cycle: null }).cycle).toBeNull();
  });

  test("a notice is shown and dismissed without changing the phase", () => {
    const shown = play(idle, {
      type: "noticeShown",
      notice: { intent: "error", title: "Could not go to the cell", text: "x" },
    });
    expect(shown.phase).toBe(idle.phase);
    expect(shown.notice?.title).toBe("Could not go to the cell");
    expect(play(shown, { type: "noticeDismissed" }).notice).toBeNull();
  });
});
