import { OperationError } from "../../app/operations";

/** Anything an operation threw, as a sentence to show. Never throws itself. */
export function errorText(error: unknown): string {
  if (error instanceof OperationError) return error.message;
  if (error instanceof Error && error.message.trim() !== "") return error.message;
  if (typeof error === "string" && error.trim() !== "") return error;
  return "Something went wrong, and Excel gave no explanation. Try again; if it keeps happening, close and reopen the pane.";
}
