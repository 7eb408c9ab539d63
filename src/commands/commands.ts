/**
 * The ribbon's function commands (ExecuteFunction in manifest.xml, loaded by commands.html). "Refresh RAG"
 * refreshes the RAG columns with the rules and allocation saved in the workbook (or the defaults) and today's
 * date, without opening the pane. Office.js work stays in the Office adapter; this file only calls it and always
 * tells Office the command has finished (event.completed()), on failure too, or Office keeps showing it as busy.
 */
import type { OfficeOperations } from "../adapters/office/operations";
import { createOfficeOperations } from "../adapters/office/operations";

/** The part of Office.AddinCommands.Event the command uses. */
export interface CommandEvent {
  completed(): void;
}

export interface CommandLog {
  info(message: string): void;
  error(message: string): void;
}

/** Runs a refresh with the saved settings; resolves (never rejects) once event.completed() was called. */
export async function runRefreshRag(
  event: CommandEvent,
  operations: Pick<OfficeOperations, "refreshWithSavedSettings"> = createOfficeOperations(),
  log: CommandLog = console,
): Promise<void> {
  try {
    const { written } = await operations.refreshWithSavedSettings();
    log.info(
      `Refresh RAG: ${written.ragCells} RAG cells written, ${written.changedCells} changed (${written.syncs} round trips).`,
    );
  } catch (e) {
    // A function command has no window to show this in; the pane shows the same message when run from there.
    log.error(`Refresh RAG failed: ${e instanceof Error ? e.message : String(e)}`);
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
