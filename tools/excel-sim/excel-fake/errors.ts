/**
 * OfficeExtension.Error as Microsoft's client builds it (@microsoft/office-js, `_Internal.RuntimeError`):
 * name "RichApi.Error", code, message, httpStatusCode, traceMessages, and debugInfo = {code, message, ...}
 * with errorLocation (and, for errors from a sync, the failing statement).
 */

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  surroundingStatements?: string[];
  [key: string]: unknown;
}

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly httpStatusCode: number;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: unknown = null;

  constructor(init: {
    code: string;
    message: string;
    httpStatusCode?: number;
    debugInfo?: Partial<FakeDebugInfo>;
  }) {
    super(init.message);
    Object.setPrototypeOf(this, FakeOfficeError.prototype);
    this.name = "RichApi.Error";
    this.code = init.code;
    this.httpStatusCode = init.httpStatusCode ?? 500;
    this.debugInfo = { code: init.code, message: init.message, ...init.debugInfo };
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Client-side message texts, verbatim from Microsoft's client (CoreUtility / ResourceStrings). */
export const CLIENT_MESSAGES = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  ApiNotFoundDetails:
    "The method or property {0} is part of the {1} requirement set, which is not available in your version of {2}.",
  InvalidArgument:
    "The argument '{0}' doesn't work for this situation, is missing, or isn't in the right format.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
} as const;

export function fill(template: string, ...args: string[]): string {
  return args.reduce((s, a, i) => s.replace(`{${i}}`, a), template);
}

export function propertyNotLoaded(className: string, prop: string): FakeOfficeError {
  return new FakeOfficeError({
    code: "PropertyNotLoaded",
    httpStatusCode: 400,
    message: fill(CLIENT_MESSAGES.PropertyNotLoaded, prop),
    debugInfo: { errorLocation: `${className}.${prop}` },
  });
}

export function apiNotFound(member: string, set: string, version: string): FakeOfficeError {
  return new FakeOfficeError({
    code: "ApiNotFound",
    httpStatusCode: 404,
    message: fill(CLIENT_MESSAGES.ApiNotFoundDetails, member, `${set} ${version}`, "Excel"),
    debugInfo: { errorLocation: member },
  });
}

/** Strict-fake refusals that real Excel would not raise (documented where thrown). */
export function fakeStrict(code: string, message: string, location: string): FakeOfficeError {
  return new FakeOfficeError({ code, httpStatusCode: 400, message, debugInfo: { errorLocation: location } });
}
