/**
 * From an analysis to the whole write plan of a run: the RAG columns, and for a report the highlight sheet and
 * the history snapshot; every run appends to the change log.
 */
import { formatDayUk } from "./dates";
import type { SheetGrid } from "./grid";
import type { ProgrammeAnalysis } from "./model";
import type { WritePlan } from "./plan";
import { planRagColumns } from "./rag-columns";
import { changeLogLayout, changedCells, readChangeLog } from "./report/changelog";
import { highlightLayout } from "./report/highlight";
import { historyLayout, mergeHistory, previousSnapshot, readHistory } from "./report/history";

export type RunMode = "refresh" | "report";

export interface PlanOptions {
  mode: RunMode;
  /** The tool's own history and change log sheets as they are now (null when there are none yet). */
  history?: SheetGrid | null;
  changeLog?: SheetGrid | null;
  /**
   * When the run happens: an Excel serial date-time in the user's local time, in the workbook's date system
   * (the analysis's dateSystem: excelSerialFromLocalDateTime(now, a.dateSystem)).
   */
  generatedAt: number;
  programmeName?: string;
}

export const ACTION_TEXT: Record<RunMode, string> = {
  refresh: "Refresh RAG columns",
  report: "Build highlight report",
};

export function buildWritePlan(a: ProgrammeAnalysis, options: PlanOptions): WritePlan {
  const ragColumns = planRagColumns(a);
  const action = ACTION_TEXT[options.mode];
  const changes = changedCells(a, ragColumns, options.generatedAt, action);
  const withComputed = new Set(a.sheets.filter((s) => s.computedColumn !== null).map((s) => s.name));
  let written = 0;
  let filled = 0;
  for (const i of a.items) {
    const hasComputed = withComputed.has(i.sheet);
    written += hasComputed ? 2 : 1;
    if (i.ragBefore === null) filled++;
    if (hasComputed && i.computedBefore === null) filled++;
  }
  const unchanged = written - filled - changes.length;
  const summary = {
    when: options.generatedAt,
    action,
    text:
      `${a.period} (reporting date ${formatDayUk(a.reportingDate)}): ${written} RAG cell${written === 1 ? "" : "s"} written: ` +
      `${changes.length} changed (listed below), ${filled} ${filled === 1 ? "was" : "were"} empty, ${unchanged} unchanged`,
  };
  const sheets = [];
  if (options.mode === "report") {
    const history = readHistory(options.history ?? null, a.dateSystem);
    const previous = previousSnapshot(history, a);
    sheets.push(
      highlightLayout(a, {
        previous,
        generatedAt: options.generatedAt,
        ...(options.programmeName ? { programmeName: options.programmeName } : {}),
      }),
    );
    sheets.push(historyLayout(mergeHistory(history, a), a.dateSystem));
  }
  sheets.push(changeLogLayout(readChangeLog(options.changeLog ?? null, a.dateSystem), changes, summary));
  return { ragColumns, changedCells: changes.length, sheets };
}
