import { createContext, useContext } from "react";
import type { WorkbookOperations } from "../app/operations";

/** The workbook operations, provided once at the root; null outside Excel (nothing to operate on). */
export const OperationsContext = createContext<WorkbookOperations | null>(null);

export function useOperations(): WorkbookOperations | null {
  return useContext(OperationsContext);
}
