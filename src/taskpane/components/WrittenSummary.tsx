import type { WriteSummary } from "../../app/operations";
import { useSharedStyles } from "./shared-styles";

/** What the last run wrote into the workbook. */
export function WrittenSummary({ written }: { written: WriteSummary }) {
  const shared = useSharedStyles();
  const cells = `${written.ragCells} RAG ${written.ragCells === 1 ? "cell" : "cells"} written (${written.changedCells} changed).`;
  return (
    <>
      <p className={shared.paragraph}>{cells}</p>
      <p className={shared.paragraph}>
        {written.sheets.length > 0
          ? `Sheets written: ${written.sheets.join(", ")}.`
          : "No report sheets written."}
      </p>
    </>
  );
}
