/**
 * Excel's errors (OfficeExtension.Error codes) and time-outs, as sentences the task pane can show: what Excel
 * refused, and what to do about it.
 */
import { OperationError } from "../../app/operations";

/** A sync that did not answer in time. */
export class SyncTimeout extends Error {
  constructor(readonly ms: number) {
    super(`Excel did not answer within ${ms} ms`);
    this.name = "SyncTimeout";
  }
}

/** Resolves or rejects with `promise`, or rejects with SyncTimeout after `ms` milliseconds. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SyncTimeout(ms)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** The code of an error from Excel (OfficeExtension.Error: name "RichApi.Error", code, debugInfo), or null. */
export function excelErrorCode(e: unknown): string | null {
  if (typeof e !== "object" || e === null) return null;
  const x = e as { name?: unknown; code?: unknown; debugInfo?: unknown };
  if (typeof x.code !== "string" || x.code === "") return null;
  if (x.name === "RichApi.Error" || (typeof x.debugInfo === "object" && x.debugInfo !== null)) return x.code;
  return null;
}

/**
 * Advice per Excel.ErrorCodes value (the names are checked against the published enum: Excel.ErrorCodes in
 * OfficeDev/office-js-docs-reference, e.g. "InvalidOperationInCellEditMode", "AccessDenied", "InvalidSelection").
 * Each names the real cause and what the user can do about it.
 */
const ADVICE: Record<string, string> = {
  InvalidArgument:
    "Excel refused a value or setting the add-in sent (InvalidArgument): this is a fault in the add-in, not in your workbook. Run it again; if it keeps happening, report it with a copy of the workbook.",
  ItemNotFound:
    "Excel refused because a sheet or name the add-in uses is no longer there (ItemNotFound): a sheet may have been renamed or deleted while the add-in was working. Run it again.",
  ItemAlreadyExists:
    "Excel refused to add a sheet or name that already exists (ItemAlreadyExists): one may have been added with the same name while the add-in was working. Run it again.",
  RequestPayloadSizeLimitExceeded:
    "Excel refused a request as too large (RequestPayloadSizeLimitExceeded): Excel on the web takes at most 5 MB at a time. Run it again; if it keeps happening, use Excel for Windows or Mac for this workbook.",
  ResponsePayloadSizeLimitExceeded:
    "Excel refused to send back so much at once (ResponsePayloadSizeLimitExceeded): Excel on the web sends at most 5 MB at a time. Run it again; if it keeps happening, use Excel for Windows or Mac for this workbook.",
  RangeExceedsLimit:
    "Excel refused to read a range that large (RangeExceedsLimit): a sheet's used range has more than 5,000,000 cells. Clear stray cells far below or right of the data, then run it again.",
  ApiNotFound:
    "Excel refused a command this version does not support (ApiNotFound): the add-in needs the Excel JavaScript API 1.9 (Excel 2021 or later, Microsoft 365, Excel for Mac or Excel on the web). Update Excel, then run it again.",
  AccessDenied:
    "Excel refused the change (AccessDenied): a sheet or the workbook's structure is protected, or the workbook is open read-only. On the Review tab choose Unprotect Sheet (or Protect Workbook to turn structure protection off), or save a copy you can edit, then run it again.",
  InvalidOperationInCellEditMode:
    "Excel refused the change because a cell is being edited (InvalidOperationInCellEditMode): press Enter or Esc to finish editing the cell, then run it again.",
  InvalidSelection:
    "Excel refused the change because a chart, picture or shape is selected (InvalidSelection): click any cell of a worksheet, then run it again.",
  InvalidOperation:
    "Excel refused the change (InvalidOperation): Excel would not do this to the workbook as it is now. Run it again; if it keeps happening, save, close and reopen the workbook, and report it with a copy of the workbook.",
};

/** Where an operation was when it failed, so the message can say what was (not) changed. */
export interface FailureContext {
  /** "read": nothing was written; "write": some writes may have been made. */
  phase: "read" | "write" | "settings" | "select";
  /** For "write": which step (1-based) of how many failed, and the sheets that may be incomplete. */
  step?: number;
  steps?: number;
  incomplete?: string[];
}

function listSheets(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

function consequence(where: FailureContext): string {
  switch (where.phase) {
    case "read":
      return " Nothing was changed in the workbook.";
    case "write": {
      const sheets = where.incomplete ?? [];
      const step = where.steps && where.steps > 1 ? ` at step ${where.step} of ${where.steps}` : "";
      return sheets.length
        ? ` Writing stopped${step}: ${listSheets(sheets)} may be incomplete. Run it again to finish.`
        : ` Writing stopped${step}. Run it again to finish.`;
    }
    case "settings":
      return " The settings were not saved.";
    case "select":
      return "";
  }
}

/** Any error from an operation as an OperationError with a plain message (an OperationError passes through). */
export function toOperationError(e: unknown, where: FailureContext): OperationError {
  if (e instanceof OperationError) return e;
  if (e instanceof SyncTimeout) {
    // Milliseconds to seconds at one decimal: neither money nor a percentage.
    // eslint-disable-next-line no-restricted-syntax
    const seconds = Math.round(e.ms / 100) / 10;
    return new OperationError(
      `Excel did not answer within ${seconds} second${seconds === 1 ? "" : "s"}: if you are typing in a cell, press Enter or Esc; then run it again.${consequence(where)}`,
      "Timeout",
    );
  }
  const code = excelErrorCode(e);
  if (code !== null) {
    const detail = (e as Error).message;
    const advice =
      ADVICE[code] ??
      `Excel refused the request (${code}${detail ? `: ${detail}` : ""}): run it again; if it keeps happening, save, close and reopen the workbook.`;
    return new OperationError(advice + consequence(where), code);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new OperationError(
    `The add-in failed unexpectedly (${message}).${consequence(where)}`,
    "Unexpected",
  );
}
