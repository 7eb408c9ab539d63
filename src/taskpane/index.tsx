/**
 * The task pane's entry point, in the shape of OfficeDev/Office-Addin-TaskPane-React: render once, inside
 * Office.onReady, under a single FluentProvider. Outside Excel (a browser tab, another Office app, or office.js
 * failed to load) the pane says to open it in Excel instead of failing.
 */
import { createRoot } from "react-dom/client";
import type { WorkbookOperations } from "../app/operations";
import { createOfficeOperations } from "../adapters/office/operations";
import { loadReportCode } from "../adapters/office/report-code";
import { PaneRoot } from "./PaneRoot";
import { errorText } from "./state/errors";
import type { OfficeThemeLike } from "./theme";
import { themeFor } from "./theme";

function render(inExcel: boolean, officeTheme: OfficeThemeLike | undefined): void {
  const container = document.getElementById("container");
  if (!container) return;
  let operations: WorkbookOperations | undefined;
  let startupError: string | undefined;
  if (inExcel) {
    try {
      // The report's code is its own chunk, loaded when a report is asked for.
      operations = createOfficeOperations({ loadReport: loadReportCode });
    } catch (e) {
      startupError = errorText(e);
    }
  }
  createRoot(container).render(
    <PaneRoot
      theme={themeFor(officeTheme)}
      operations={operations}
      inExcel={inExcel}
      startupError={startupError}
    />,
  );
}

/** False when check-support.js (ES5, run before this bundle) found the webview too old and showed its message. */
const supported = (globalThis as { programmeRagSupported?: boolean }).programmeRagSupported !== false;

if (!supported) {
  // Leave check-support.js's plain message on screen.
} else if (typeof Office === "undefined") {
  // office.js did not load (offline, or blocked): still show the pane's message.
  render(false, undefined);
} else {
  void Office.onReady((info) => {
    const inExcel = info.host === Office.HostType.Excel;
    render(inExcel, inExcel ? Office.context?.officeTheme : undefined);
  });
}
