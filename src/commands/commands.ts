/**
 * The ribbon's function commands (ExecuteFunction in manifest.xml, loaded by commands.html). "Refresh RAG"
 * refreshes the RAG columns with the rules, allocation and reporting date saved in the workbook (or the defaults:
 * the last day of the previous month), without opening the pane, and always tells the user what happened in a
 * dialog (notice.html through Office.context.ui.displayDialogAsync): what was written, or why nothing (or not
 * everything) was. Office.js work on the workbook stays in the Office adapter. The command tells Office it has
 * finished (event.completed()) once the user has closed the dialog, on failure too, or Office keeps showing it
 * as busy.
 */
import type { OperationError } from "../app/operations";
import type { OfficeOperations, SavedRefreshResult } from "../adapters/office/operations";
import { createOfficeOperations } from "../adapters/office/operations";
import { formatDayUk } from "../engine/dates";

/** The part of Office.AddinCommands.Event the command uses. */
export interface CommandEvent {
  completed(): void;
}

export interface CommandLog {
  info(message: string): void;
  error(message: string): void;
}

/** What the command tells the user. */
export interface CommandNotice {
  kind: "success" | "error";
  title: string;
  text: string;
}

/** Shows a notice; resolves once the user has closed it (or it could not be shown: then it rejects). */
export type Notify = (notice: CommandNotice) => Promise<void>;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** The sentence of a refresh that finished. */
export function successNotice(r: SavedRefreshResult): CommandNotice {
  const a = r.analysis;
  const w = r.written;
  const date = `${formatDayUk(a.reportingDate)} (${a.period})`;
  const used = r.dateSaved
    ? `the reporting date saved in the workbook, ${date}`
    : `the reporting date ${date}: none is saved in the workbook yet, so the last day of the previous month was used (choose and save one in the RAG pane)`;
  const rules = r.settingsSaved
    ? "the rules and allocation saved in the workbook"
    : "the default rules and allocation";
  const sheets = a.sheets.map((s) => `"${s.name}"`).join(", ");
  return {
    kind: "success",
    title: "RAG refreshed",
    text:
      `Refreshed the RAG of ${plural(a.items.length, "item")} on ${sheets}: ` +
      `${plural(w.changedCells, "cell")} changed${w.changedCells > 0 ? " (each listed in the Change Log)" : ""}. ` +
      `Programme RAG: ${a.programmeRag.rag}. ` +
      `Used ${used}, with ${rules}.`,
  };
}

export function failureNotice(e: unknown): CommandNotice {
  const text = e instanceof Error ? e.message : String(e);
  const code = (e as Partial<OperationError> | null)?.code;
  return {
    kind: "error",
    title: code === "NoProgrammeSheet" ? "No programme sheet found" : "Refresh RAG did not finish",
    text,
  };
}

/** notice.html next to the function file, with the notice in its query (the dialog reads it from there). */
export function noticeUrl(notice: CommandNotice, base: string): string {
  const url = new URL("notice.html", base);
  url.search = "";
  url.searchParams.set("kind", notice.kind);
  url.searchParams.set("title", notice.title);
  url.searchParams.set("text", notice.text);
  return url.toString();
}

/**
 * The longest the command waits for the user to close the dialog before it tells Office it has finished anyway
 * (Office ends a function command that runs too long; the limit is not documented for Excel: unverified).
 */
const DIALOG_WAIT_MS = 4 * 60_000;

/**
 * A notice as an Office dialog (DialogApi 1.1, which every host with ExcelApi 1.9 has). displayInIframe keeps
 * Excel on the web from opening a pop-up window a browser may block. The dialog's OK button sends "close".
 * Unverified in real Excel: whether completing the command before the dialog is closed would close it, so the
 * command waits for the dialog.
 */
export const showDialog: Notify = (notice) =>
  new Promise<void>((resolve, reject) => {
    const ui = typeof Office !== "undefined" ? Office.context?.ui : undefined;
    const here = (globalThis as { location?: { href: string } }).location?.href;
    if (!ui?.displayDialogAsync || !here) {
      reject(new Error("this Office cannot open a dialog (DialogApi)"));
      return;
    }
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(), DIALOG_WAIT_MS);
    ui.displayDialogAsync(
      noticeUrl(notice, here),
      { height: 40, width: 30, displayInIframe: true },
      (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          finish(new Error(`the dialog did not open (${result.error.code}: ${result.error.message})`));
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
          dialog.close();
          finish();
        });
        // 12006: the user closed the dialog with its X.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish());
      },
    );
  });

export interface RefreshDeps {
  operations?: Pick<OfficeOperations, "refreshWithSavedSettings">;
  notify?: Notify;
  log?: CommandLog;
}

/** Runs a refresh with the saved settings and tells the user; resolves (never rejects) after event.completed(). */
export async function runRefreshRag(event: CommandEvent, deps: RefreshDeps = {}): Promise<void> {
  const log = deps.log ?? console;
  const notify = deps.notify ?? showDialog;
  let notice: CommandNotice;
  try {
    const operations = deps.operations ?? createOfficeOperations();
    notice = successNotice(await operations.refreshWithSavedSettings());
  } catch (e) {
    notice = failureNotice(e);
  }
  try {
    await notify(notice);
  } catch (e) {
    // The last resort when no dialog can be shown: the console (the pane shows the same when run from there).
    const why = e instanceof Error ? e.message : String(e);
    const line = `Refresh RAG: ${notice.title}. ${notice.text} (Not shown to the user: ${why}.)`;
    if (notice.kind === "error") log.error(line);
    else log.info(line);
  } finally {
    event.completed();
  }
}

function refreshRag(event: Office.AddinCommands.Event): void {
  void runRefreshRag(event);
}

if (typeof Office !== "undefined") {
  Office.onReady(() => undefined);
  Office.actions.associate("refreshRag", refreshRag);
}
