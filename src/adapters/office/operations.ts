// STUB written by the task-pane task so that src/taskpane/index.tsx compiles; the Office adapter task
// replaces this file with the real implementation (Excel.run behind WorkbookOperations).
import type { WorkbookOperations } from "../../app/operations";

export function createOfficeOperations(): WorkbookOperations {
  throw new Error("not implemented yet");
}
