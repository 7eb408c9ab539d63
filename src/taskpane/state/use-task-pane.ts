/**
 * Everything the pane knows and does, as one hook: the form inputs as typed and as read (held here, the
 * user's), and the pane's state (pane-state.ts: a reducer over reading / idle / running / failed, with the
 * latest analysis, the last result, the message to show and the sentence to announce). Components only render
 * what it returns and call its actions.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { RunInput, SavedSettings, WorkbookOperations } from "../../app/operations";
import { DEFAULT_ALLOCATION } from "../../engine/analyse";
import type { DayNumber } from "../../engine/dates";
import { defaultReportingDate, formatDayIso, formatDayUk, periodLabel } from "../../engine/dates";
import type { ProgrammeAnalysis } from "../../engine/model";
import type { Pence } from "../../engine/money";
import { formatPounds } from "../../engine/money";
import type { Rules } from "../../engine/rules";
import { DEFAULT_RULES, rulesToJson } from "../../engine/rules";
import { errorText } from "./errors";
import type { Parsed } from "./inputs";
import { parseAllocation, parseReportingDate } from "./inputs";
import type { RunMode } from "../../engine/write-plan";
import type { ReportCycle } from "../../engine/cycle";
import { defaultCycle } from "../../engine/cycle";
import type { Activity, Notice, Outcome, Phase, ProgressState, ScanResult } from "./pane-state";
import {
  busyWith,
  initialPaneState,
  paneReducer,
  runAnnouncement,
  SAVING_SETTINGS,
  SETTINGS_NOT_SAVED,
} from "./pane-state";
import type { RulesForm, RulesFormResult } from "./rules-form";
import { DEFAULT_PROGRAMME, formToRules, rulesToForm } from "./rules-form";

export type { Activity, Notice, Outcome, Phase, ProgressState } from "./pane-state";
export type { RunMode };
export { runAnnouncement, SCAN_FAILED, scanAnnouncement } from "./pane-state";

export interface TaskPaneModel {
  dateText: string;
  setDateText(text: string): void;
  reportingDate: Parsed<DayNumber>;
  /** "Q3 2020/21" for a readable date, else null. */
  quarter: string | null;
  /**
   * How the date shown compares with the one saved in the workbook (which the ribbon's Refresh RAG uses):
   * "none" when none is saved, "same", or "changed" (it is saved at the next run); `savedDate` is the saved one.
   */
  savedDate: { state: "none" | "same" | "changed"; text: string | null };
  allocationText: string;
  setAllocationText(text: string): void;
  allocation: Parsed<Pence>;
  rulesForm: RulesForm;
  setRulesForm(form: RulesForm): void;
  rules: RulesFormResult;
  resetRules(): void;
  /**
   * The report's cycle: the one chosen in the run area, else by the reporting date (quarterly in a quarter's
   * last month, monthly otherwise; null while the date does not read). `cycleChosen` says whether it was chosen.
   */
  cycle: ReportCycle | null;
  cycleChosen: boolean;
  setCycle(cycle: ReportCycle | null): void;
  /** The run input when every input reads; null otherwise. */
  input: RunInput | null;
  /**
   * How the rules shown compare with those saved in the workbook: "none" when nothing is saved, "same", or
   * "changed" (they are saved at the next run).
   */
  savedRules: "none" | "same" | "changed";

  /** What the pane is doing: reading, idle, running (with progress) or failed to read (with its retry). */
  phase: Phase;
  analysis: ProgrammeAnalysis | null;
  busy: Activity | null;
  progress: ProgressState | null;
  outcome: Outcome | null;
  notice: Notice | null;
  dismissNotice(): void;
  announcement: string;

  scan(): void;
  run(action: RunMode): void;
  /** Selects a cell in the workbook (an issue's, an item's row); a failure is shown as a notice. */
  selectCell(sheet: string, cell: string): void;
}

function rulesKey(r: Rules): string {
  return JSON.stringify(rulesToJson(r));
}

function settingsKey(s: SavedSettings | null): string {
  return s === null
    ? ""
    : JSON.stringify([
        s.allocation,
        rulesKey(s.rules),
        s.reportingDate ?? null,
        s.programme ?? DEFAULT_PROGRAMME,
      ]);
}

/**
 * `today` is the user's calendar day; the reporting date starts as the one saved in the workbook, or else the
 * last day of the previous month (monitoring reports on a month that has ended).
 */
export function useTaskPane(operations: WorkbookOperations | undefined, today: DayNumber): TaskPaneModel {
  // The form inputs, as the user typed them.
  const [dateText, setDateText] = useState(() => formatDayIso(defaultReportingDate(today)));
  const [allocationText, setAllocationText] = useState(() => formatPounds(DEFAULT_ALLOCATION));
  const [rulesForm, setRulesForm] = useState<RulesForm>(() => rulesToForm(DEFAULT_RULES));
  const [baseRules, setBaseRules] = useState<Rules>(DEFAULT_RULES);
  // What the pane is doing and has learnt from the workbook.
  const [state, dispatch] = useReducer(paneReducer, operations !== undefined, initialPaneState);
  const { phase, saved } = state;
  // Guards against a second operation starting before React has re-rendered the disabled buttons.
  const running = useRef(false);
  const mounted = useRef(true);

  const reportingDate = useMemo(() => parseReportingDate(dateText), [dateText]);
  const allocation = useMemo(() => parseAllocation(allocationText), [allocationText]);
  const rules = useMemo(() => formToRules(rulesForm, baseRules), [rulesForm, baseRules]);
  const cycle = state.cycle ?? (reportingDate.ok ? defaultCycle(reportingDate.value) : null);
  const input = useMemo<RunInput | null>(
    () =>
      reportingDate.ok && allocation.ok && rules.ok
        ? {
            reportingDate: reportingDate.value,
            allocation: allocation.value,
            rules: rules.rules,
            programme: rules.programme,
            // A cycle the user chose; otherwise the engine's default by the reporting date, as shown.
            ...(state.cycle ? { cycle: state.cycle } : {}),
          }
        : null,
    [reportingDate, allocation, rules, state.cycle],
  );

  const applyScan = useCallback((found: ScanResult, first: boolean) => {
    // The settings saved in the workbook fill the form once, when the pane opens.
    if (first && found.settings) {
      setBaseRules(found.settings.rules);
      setRulesForm(rulesToForm(found.settings.rules, found.settings.programme));
      setAllocationText(formatPounds(found.settings.allocation));
      if (found.settings.reportingDate !== undefined) setDateText(formatDayIso(found.settings.reportingDate));
    }
    dispatch({ type: "readDone", found, first });
  }, []);

  const failScan = useCallback((e: unknown) => dispatch({ type: "readFailed", text: errorText(e) }), []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // On open: read the workbook with the settings saved in it (the state starts as "reading" for this).
  useEffect(() => {
    if (!operations) return;
    let live = true;
    running.current = true;
    operations
      .scan()
      .then(
        (found) => live && applyScan(found, true),
        (e: unknown) => live && failScan(e),
      )
      .finally(() => {
        running.current = false;
      });
    return () => {
      live = false;
    };
  }, [operations, applyScan, failScan]);

  const rescan = useCallback(async () => {
    if (!operations || running.current) return;
    running.current = true;
    dispatch({ type: "readStarted" });
    try {
      const found = await operations.scan(input ?? undefined);
      if (mounted.current) applyScan(found, false);
    } catch (e) {
      if (mounted.current) failScan(e);
    } finally {
      running.current = false;
    }
  }, [operations, input, applyScan, failScan]);

  const run = useCallback(
    async (action: RunMode) => {
      if (!operations || !input || running.current) return;
      running.current = true;
      dispatch({ type: "runStarted", action });
      const onProgress = (step: string, fraction: number | null) => {
        if (mounted.current) dispatch({ type: "progress", step, fraction });
      };
      try {
        const result =
          action === "refresh"
            ? await operations.refreshRag(input, onProgress)
            : await operations.buildReport(input, onProgress);
        if (!mounted.current) return;
        dispatch({ type: "runSucceeded", action, input, result });
        let said = runAnnouncement(action, result);
        // The programme's details, rules, allocation and reporting date used are saved in the workbook after
        // each run, when they changed, so the ribbon's Refresh RAG and the next person use the same.
        const settings: SavedSettings = {
          rules: input.rules,
          allocation: input.allocation,
          reportingDate: input.reportingDate,
          ...(input.programme ? { programme: input.programme } : {}),
        };
        if (settingsKey(settings) !== settingsKey(saved)) {
          dispatch({ type: "progress", step: SAVING_SETTINGS, fraction: 1 });
          try {
            await operations.saveSettings(settings);
            if (mounted.current) dispatch({ type: "settingsSaved", settings });
          } catch (e) {
            const text = errorText(e);
            if (mounted.current) dispatch({ type: "settingsNotSaved", text });
            said += ` ${SETTINGS_NOT_SAVED}: ${text}`;
          }
        }
        if (mounted.current) dispatch({ type: "runEnded", announcement: said });
      } catch (e) {
        if (mounted.current) dispatch({ type: "runFailed", action, text: errorText(e) });
      } finally {
        running.current = false;
      }
    },
    [operations, input, saved],
  );

  const selectCell = useCallback(
    (sheet: string, cell: string) => {
      if (!operations) return;
      operations.selectCell(sheet, cell).catch((e: unknown) => {
        if (mounted.current)
          dispatch({
            type: "noticeShown",
            notice: { intent: "error", title: "Could not go to the cell", text: errorText(e) },
          });
      });
    },
    [operations],
  );

  const resetRules = useCallback(() => {
    setBaseRules(DEFAULT_RULES);
    setRulesForm(rulesToForm(DEFAULT_RULES));
  }, []);

  return {
    dateText,
    setDateText,
    reportingDate,
    quarter: reportingDate.ok ? periodLabel(reportingDate.value) : null,
    savedDate:
      saved?.reportingDate === undefined
        ? { state: "none", text: null }
        : {
            state: reportingDate.ok && reportingDate.value === saved.reportingDate ? "same" : "changed",
            text: formatDayUk(saved.reportingDate),
          },
    allocationText,
    setAllocationText,
    allocation,
    rulesForm,
    setRulesForm,
    rules,
    resetRules,
    cycle,
    cycleChosen: state.cycle !== null,
    setCycle: (c) => dispatch({ type: "cycleChosen", cycle: c }),
    input,
    savedRules:
      saved === null
        ? "none"
        : rules.ok && rulesKey(rules.rules) === rulesKey(saved.rules)
          ? "same"
          : "changed",
    phase,
    analysis: state.analysis,
    busy: busyWith(phase),
    progress: phase.kind === "running" ? phase.progress : null,
    outcome: state.outcome,
    notice: state.notice,
    dismissNotice: () => dispatch({ type: "noticeDismissed" }),
    announcement: state.announcement,
    scan: () => void rescan(),
    run: (action) => void run(action),
    selectCell,
  };
}
