/**
 * Everything the pane knows and does, as one hook: the inputs as typed and as read, the latest analysis,
 * the running operation and its progress, the last result, the message to show and the sentence to announce.
 * Components only render what it returns and call its actions.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { RunInput, RunResult, SavedSettings, WorkbookOperations } from "../../app/operations";
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
import type { RulesForm, RulesFormResult } from "./rules-form";
import { DEFAULT_PROGRAMME, formToRules, rulesToForm } from "./rules-form";

export type Action = "refresh" | "report";
export type Activity = "scan" | Action;

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
  action: Action;
  input: RunInput;
  result: RunResult;
}

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
  /** The run input when every input reads; null otherwise. */
  input: RunInput | null;
  /**
   * How the rules shown compare with those saved in the workbook: "none" when nothing is saved, "same", or
   * "changed" (they are saved at the next run).
   */
  savedRules: "none" | "same" | "changed";

  analysis: ProgrammeAnalysis | null;
  scanFailed: boolean;
  busy: Activity | null;
  progress: ProgressState | null;
  outcome: Outcome | null;
  notice: Notice | null;
  dismissNotice(): void;
  announcement: string;

  scan(): void;
  run(action: Action): void;
  /** Selects a cell in the workbook (an issue's, an item's row); a failure is shown as a notice. */
  selectCell(sheet: string, cell: string): void;
}

type ScanResult = Awaited<ReturnType<WorkbookOperations["scan"]>>;

export const SCAN_FAILED = "Could not read the workbook";

const ACTION_WORDS: Record<Action, { start: string; failed: string }> = {
  refresh: { start: "Refreshing the RAG columns", failed: "Could not refresh the RAG columns" },
  report: { start: "Building the highlight report", failed: "Could not build the highlight report" },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
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

export function scanAnnouncement(a: ProgrammeAnalysis): string {
  const items = a.sheets.reduce((n, s) => n + s.itemCount, 0);
  if (a.sheets.length === 0) return "No programme sheet found in this workbook.";
  const problems =
    a.issues.length === 0 ? "no problems found" : `${plural(a.issues.length, "problem")} to check`;
  return `Found ${plural(a.sheets.length, "programme sheet")} with ${plural(items, "item")}; ${problems}.`;
}

export function runAnnouncement(action: Action, r: RunResult): string {
  const w = r.written;
  const cells = `${plural(w.ragCells, "RAG cell")} (${w.changedCells} changed)`;
  const done =
    action === "refresh"
      ? `Refreshed ${cells}.`
      : `Built the highlight report: wrote ${w.sheets.length > 0 ? w.sheets.join(", ") + " and " : ""}${cells}.`;
  return `${done} Programme RAG: ${r.analysis.programmeRag.rag}.`;
}

/**
 * `today` is the user's calendar day; the reporting date starts as the one saved in the workbook, or else the
 * last day of the previous month (monitoring reports on a month that has ended).
 */
export function useTaskPane(operations: WorkbookOperations | undefined, today: DayNumber): TaskPaneModel {
  const [dateText, setDateText] = useState(() => formatDayIso(defaultReportingDate(today)));
  const [allocationText, setAllocationText] = useState(() => formatPounds(DEFAULT_ALLOCATION));
  const [rulesForm, setRulesForm] = useState<RulesForm>(() => rulesToForm(DEFAULT_RULES));
  const [baseRules, setBaseRules] = useState<Rules>(DEFAULT_RULES);
  const [saved, setSaved] = useState<SavedSettings | null>(null);
  const [analysis, setAnalysis] = useState<ProgrammeAnalysis | null>(null);
  const [scanFailed, setScanFailed] = useState(false);
  const [busy, setBusy] = useState<Activity | null>(operations ? "scan" : null);
  const [progress, setProgress] = useState<ProgressState | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [announcement, setAnnouncement] = useState(operations ? "Reading the workbook…" : "");
  // Guards against a second operation starting before React has re-rendered the disabled buttons.
  const running = useRef(false);
  const mounted = useRef(true);

  const reportingDate = useMemo(() => parseReportingDate(dateText), [dateText]);
  const allocation = useMemo(() => parseAllocation(allocationText), [allocationText]);
  const rules = useMemo(() => formToRules(rulesForm, baseRules), [rulesForm, baseRules]);
  const input = useMemo<RunInput | null>(
    () =>
      reportingDate.ok && allocation.ok && rules.ok
        ? {
            reportingDate: reportingDate.value,
            allocation: allocation.value,
            rules: rules.rules,
            programme: rules.programme,
          }
        : null,
    [reportingDate, allocation, rules],
  );

  const applyScan = useCallback((found: ScanResult, first: boolean) => {
    setAnalysis(found.analysis);
    setScanFailed(false);
    if (first && found.settings) {
      setSaved(found.settings);
      setBaseRules(found.settings.rules);
      setRulesForm(rulesToForm(found.settings.rules, found.settings.programme));
      setAllocationText(formatPounds(found.settings.allocation));
      if (found.settings.reportingDate !== undefined) setDateText(formatDayIso(found.settings.reportingDate));
    }
    setAnnouncement(scanAnnouncement(found.analysis));
  }, []);

  const failScan = useCallback((e: unknown) => {
    const text = errorText(e);
    setScanFailed(true);
    setNotice({ intent: "error", title: SCAN_FAILED, text });
    setAnnouncement(`${SCAN_FAILED}: ${text}`);
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // On open: read the workbook with the settings saved in it (busy starts as "scan" for this).
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
        if (live) setBusy(null);
      });
    return () => {
      live = false;
    };
  }, [operations, applyScan, failScan]);

  const rescan = useCallback(async () => {
    if (!operations || running.current) return;
    running.current = true;
    setBusy("scan");
    setNotice(null);
    setAnnouncement("Reading the workbook…");
    try {
      const found = await operations.scan(input ?? undefined);
      if (mounted.current) applyScan(found, false);
    } catch (e) {
      if (mounted.current) failScan(e);
    } finally {
      running.current = false;
      if (mounted.current) setBusy(null);
    }
  }, [operations, input, applyScan, failScan]);

  const run = useCallback(
    async (action: Action) => {
      if (!operations || !input || running.current) return;
      running.current = true;
      const words = ACTION_WORDS[action];
      setBusy(action);
      setNotice(null);
      setProgress({ step: `${words.start}…`, fraction: null });
      setAnnouncement(`${words.start}…`);
      const onProgress = (step: string, fraction: number) => {
        if (mounted.current) setProgress({ step, fraction: Math.min(1, Math.max(0, fraction)) });
      };
      try {
        const result =
          action === "refresh"
            ? await operations.refreshRag(input, onProgress)
            : await operations.buildReport(input, onProgress);
        if (!mounted.current) return;
        setOutcome({ action, input, result });
        setAnalysis(result.analysis);
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
          setProgress({ step: "Saving the rules in the workbook…", fraction: 1 });
          try {
            await operations.saveSettings(settings);
            if (mounted.current) setSaved(settings);
          } catch (e) {
            const text = errorText(e);
            if (mounted.current)
              setNotice({ intent: "warning", title: "The rules were not saved in the workbook", text });
            said += ` The rules were not saved in the workbook: ${text}`;
          }
        }
        if (mounted.current) setAnnouncement(said);
      } catch (e) {
        if (!mounted.current) return;
        const text = errorText(e);
        setNotice({ intent: "error", title: words.failed, text });
        setAnnouncement(`${words.failed}: ${text}`);
      } finally {
        running.current = false;
        if (mounted.current) {
          setBusy(null);
          setProgress(null);
        }
      }
    },
    [operations, input, saved],
  );

  const selectCell = useCallback(
    (sheet: string, cell: string) => {
      if (!operations) return;
      operations.selectCell(sheet, cell).catch((e: unknown) => {
        if (mounted.current)
          setNotice({ intent: "error", title: "Could not go to the cell", text: errorText(e) });
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
    input,
    savedRules:
      saved === null
        ? "none"
        : rules.ok && rulesKey(rules.rules) === rulesKey(saved.rules)
          ? "same"
          : "changed",
    analysis,
    scanFailed,
    busy,
    progress,
    outcome,
    notice,
    dismissNotice: () => setNotice(null),
    announcement,
    scan: () => void rescan(),
    run: (action) => void run(action),
    selectCell,
  };
}
