/**
 * From an analysis to the whole write plan of a run: the RAG columns, and for a report the highlight sheet and
 * the history snapshot; every run appends to the change log.
 */
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
  /** When the run happens: an Excel serial date-time in the user's local time. */
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
  const cells = ragColumns.reduce((n, c) => n + c.cells.length * (c.computed ? 2 : 1), 0);
  const summary = {
    when: options.generatedAt,
    action,
    text: `${a.period}, reporting date as given: ${cells} RAG cell${cells === 1 ? "" : "s"} written, ${changes.length} changed`,
  };
  const sheets = [];
  if (options.mode === "report") {
    const history = readHistory(options.history ?? null);
    const previous = previousSnapshot(history, a);
    sheets.push(
      highlightLayout(a, {
        previous,
        generatedAt: options.generatedAt,
        ...(options.programmeName ? { programmeName: options.programmeName } : {}),
      }),
    );
    sheets.push(historyLayout(mergeHistory(history, a)));
  }
  sheets.push(changeLogLayout(readChangeLog(options.changeLog ?? null), changes, summary));
  return { ragColumns, sheets };
}
