/**
 * Excel's errors, as the host reports them (code, message, HTTP status).
 *
 * Codes and messages: "Error handling with the application-specific JavaScript APIs"
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling), the
 * `Excel.ErrorCodes` enum, and the strings of Microsoft's own client (@microsoft/office-js, excel-*.debug.js).
 * A RichApi host answers these as `{Code, Message, Location, HttpStatusCode}`; the jest fake turns them into
 * OfficeExtension.Error-like objects.
 */

export type ExcelErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidOperationInCellEditMode"
  | "InvalidReference"
  | "InvalidSelection"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NotImplemented"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "UnsupportedOperation"
  | "InvalidObjectPath"
  | "RangeExceedsLimit"
  | "Timeout";

/** The generic message of each code (learn.microsoft.com, "Error codes and messages"). */
export const ERROR_MESSAGES: Record<ExcelErrorCode, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of the Office application.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidOperationInCellEditMode:
    "Excel is in Cell Editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidSelection: "The current selection is invalid for this operation.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
  UnsupportedOperation: "The operation being attempted is not supported.",
  InvalidObjectPath:
    'The object path isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
  Timeout: "The operation has timed out.",
};

const HTTP_STATUS: Partial<Record<ExcelErrorCode, number>> = {
  AccessDenied: 401,
  ApiNotFound: 404,
  InvalidArgument: 400,
  InvalidOperation: 400,
  InvalidOperationInCellEditMode: 400,
  InvalidReference: 400,
  InvalidSelection: 400,
  ItemAlreadyExists: 409,
  ItemNotFound: 404,
  RequestPayloadSizeLimitExceeded: 400,
  ResponsePayloadSizeLimitExceeded: 400,
  InvalidObjectPath: 400,
  RangeExceedsLimit: 400,
  Timeout: 408,
};

/** Excel's message when a written 2D array does not fit the range (Excel on Windows and the web). */
export const DIMENSION_MISMATCH_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

/** An error the workbook (the "host") raises; `location` is "Class.member", as Excel's debugInfo.errorLocation. */
export class ExcelModelError extends Error {
  readonly code: ExcelErrorCode;
  readonly httpStatusCode: number;
  location: string | undefined;

  constructor(code: ExcelErrorCode, message?: string, location?: string) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = "ExcelModelError";
    this.code = code;
    this.httpStatusCode = HTTP_STATUS[code] ?? 500;
    this.location = location;
  }
}

export function invalidArgument(message?: string, location?: string): ExcelModelError {
  return new ExcelModelError("InvalidArgument", message, location);
}
export function itemNotFound(message?: string, location?: string): ExcelModelError {
  return new ExcelModelError("ItemNotFound", message, location);
}
export function itemAlreadyExists(message?: string, location?: string): ExcelModelError {
  return new ExcelModelError("ItemAlreadyExists", message, location);
}
export function invalidOperation(message?: string, location?: string): ExcelModelError {
  return new ExcelModelError("InvalidOperation", message, location);
}
