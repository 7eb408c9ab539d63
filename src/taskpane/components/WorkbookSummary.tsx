import { Button, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { Issue, ProgrammeAnalysis } from "../../engine/model";
import { IssueList } from "./IssueList";
import { SheetMapping } from "./SheetMapping";
import { useSharedStyles } from "./shared-styles";
import { PROGRAMME_SHEET_RULE } from "../../engine/run";

const useStyles = makeStyles({
  part: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
  },
  ignored: { overflowWrap: "anywhere" },
  button: { alignSelf: "flex-start" },
});

export interface WorkbookSummaryProps {
  analysis: ProgrammeAnalysis;
  busy: boolean;
  onRescan(): void;
  onSelectIssue(issue: Issue): void;
}

/** What the scan found: the programme sheets and their columns, the sheets passed over, and the problems. */
export function WorkbookSummary({ analysis, busy, onRescan, onSelectIssue }: WorkbookSummaryProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const headingId = useId("workbook");
  return (
    <section className={shared.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={shared.h2}>
        Workbook
      </h2>
      <div className={styles.part}>
        <h3 className={shared.h3}>Programme sheets ({analysis.sheets.length})</h3>
        {analysis.sheets.length === 0 ? (
          <p className={shared.paragraph}>No programme sheet found. {PROGRAMME_SHEET_RULE}</p>
        ) : (
          <ul className={shared.plainList}>
            {analysis.sheets.map((s) => (
              <li key={s.name}>
                <SheetMapping sheet={s} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {analysis.ignoredSheets.length > 0 && (
        <div className={styles.part}>
          <h3 className={shared.h3}>Sheets not read ({analysis.ignoredSheets.length})</h3>
          <ul className={shared.plainList}>
            {analysis.ignoredSheets.map((s) => (
              <li key={s.name} className={styles.ignored}>
                {s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.part}>
        <h3 className={shared.h3}>Problems ({analysis.issues.length})</h3>
        <IssueList issues={analysis.issues} onSelect={onSelectIssue} />
      </div>
      <div className={styles.part}>
        <Button className={styles.button} disabledFocusable={busy} onClick={onRescan}>
          Read the workbook again
        </Button>
      </div>
    </section>
  );
}
