/**
 * The code that builds a highlight report (engine/report-plan.ts: the highlight report, the RAG, Milestone and
 * Risk History sheets, and the report sections they bring), loaded when the pane's "Build highlight report" is
 * clicked: webpack puts this dynamic import() in a chunk of its own (report.[hash].chunk.js), so the pane opens
 * without it and the ribbon's function file, which never imports this module, carries none of it. The chunk is
 * fetched from where the pane's bundle came from (publicPath "auto" in webpack.config.js: the add-in's own origin,
 * which the pages' Content-Security-Policy allows as script-src 'self').
 */
import type { ReportSheets } from "../../engine/report-plan";

export async function loadReportCode(): Promise<ReportSheets> {
  const code = await import(/* webpackChunkName: "report" */ "../../engine/report-plan");
  return code.reportSheets;
}
