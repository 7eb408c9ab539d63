/**
 * The Risk History sheet's name and columns (risk-history.ts builds and reads the sheet). Apart from it so that
 * what recognises the tool's own sheets (own-sheets.ts, snapshot.ts) does not bring the sheet's builder into the
 * task pane's first bundle: the add-in loads that with the rest of a report (engine/report-plan.ts).
 */
import { FORMAT } from "./sheet-builder";

export const RISK_HISTORY_SHEET = "Risk History";

export const RISK_HISTORY_COLUMNS: { header: string; width: number; format: string | null }[] = [
  { header: "Period", width: 12, format: null },
  { header: "Reporting date", width: 13, format: FORMAT.date },
  { header: "Risk ref", width: 10, format: FORMAT.text },
  { header: "Register", width: 16, format: FORMAT.text },
  { header: "Project", width: 16, format: FORMAT.text },
  { header: "Title", width: 36, format: FORMAT.text },
  { header: "Owner", width: 20, format: FORMAT.text },
  { header: "Likelihood", width: 10, format: FORMAT.integer },
  { header: "Impact", width: 10, format: FORMAT.integer },
  { header: "Score", width: 9, format: FORMAT.integer },
  { header: "Scored on", width: 11, format: null },
  { header: "Rating", width: 12, format: null },
  { header: "Review date passed", width: 11, format: null },
];
export const RISK_HISTORY_HEADERS: readonly string[] = RISK_HISTORY_COLUMNS.map((c) => c.header);
