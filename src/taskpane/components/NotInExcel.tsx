import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** Shown when the page is opened outside Excel (in a browser tab, or another Office app). */
export function NotInExcel() {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Open this in Excel</MessageBarTitle> This pane works on an Excel workbook. Open the
        programme of works in Excel (desktop or on the web) and choose Home &gt; RAG pane.
      </MessageBarBody>
    </MessageBar>
  );
}
