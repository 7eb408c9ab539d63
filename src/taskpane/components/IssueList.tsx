import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Link,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { quoteSheetName } from "../../engine/grid";
import type { Issue, Severity } from "../../engine/model";
import type { IssueGroup } from "../state/issues";
import { groupIssues, issueCell } from "../state/issues";
import { useSharedStyles } from "./shared-styles";

/** Cells listed under one message before the rest are summed up, so a huge group stays quick to render. */
export const MAX_CELLS_SHOWN = 100;

const useStyles = makeStyles({
  line: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
  text: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: "0" },
  header: { overflowWrap: "anywhere" },
  // The line wraps anywhere so long cell text fits a narrow pane; the badge's word must not.
  // "Error" as wide as "Warning", so the messages beside them start at one edge.
  badge: { flexShrink: 0, whiteSpace: "nowrap", overflowWrap: "normal", minWidth: "4.25rem" },
  cells: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
});

function SeverityBadge({ severity }: { severity: Severity }) {
  const styles = useStyles();
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      shape="rounded"
      color={severity === "error" ? "danger" : "warning"}
    >
      {severity === "error" ? "Error" : "Warning"}
    </Badge>
  );
}

/** A link to the issue's cell; `withMessage` names the problem too, where the cell is not in a labelled list. */
function CellLink({
  issue,
  onSelect,
  withMessage,
}: {
  issue: Issue;
  onSelect(issue: Issue): void;
  withMessage?: boolean;
}) {
  const cell = issueCell(issue);
  const ref = `${quoteSheetName(issue.sheet)}!${cell}`;
  const label = withMessage ? `Go to ${ref}: ${issue.message}` : `Go to ${ref}`;
  return (
    <Link as="button" inline aria-label={label} onClick={() => onSelect(issue)}>
      {ref}
    </Link>
  );
}

function SingleIssue({ issue, onSelect }: { issue: Issue; onSelect(issue: Issue): void }) {
  const styles = useStyles();
  return (
    <div className={styles.line}>
      <SeverityBadge severity={issue.severity} />
      <div className={styles.text}>
        <span>{issue.message}</span>
        <span>
          <CellLink issue={issue} onSelect={onSelect} withMessage />
        </span>
      </div>
    </div>
  );
}

function GroupedIssues({ group, onSelect }: { group: IssueGroup; onSelect(issue: Issue): void }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const shown = group.issues.slice(0, MAX_CELLS_SHOWN);
  const more = group.issues.length - shown.length;
  return (
    <Accordion collapsible>
      <AccordionItem value={group.key}>
        <AccordionHeader as="h4" size="small" expandIconPosition="end">
          <span className={styles.line}>
            <SeverityBadge severity={group.severity} />
            <span className={styles.header}>
              {group.message} ({group.issues.length} cells)
            </span>
          </span>
        </AccordionHeader>
        <AccordionPanel>
          <ul className={styles.cells} aria-label={`Cells: ${group.message}`}>
            {shown.map((issue, i) => (
              <li key={`${i}:${issue.sheet}!${issue.cell}`}>
                <CellLink issue={issue} onSelect={onSelect} />
              </li>
            ))}
          </ul>
          {more > 0 && <p className={shared.paragraph}>… and {more} more.</p>}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

export interface IssueListProps {
  issues: readonly Issue[];
  onSelect(issue: Issue): void;
}

/** Problems found in the workbook, identical messages grouped; each names a cell to go to. */
export function IssueList({ issues, onSelect }: IssueListProps) {
  const shared = useSharedStyles();
  if (issues.length === 0) return <p className={shared.paragraph}>No problems found.</p>;
  return (
    <ul className={shared.plainList} aria-label="Problems">
      {groupIssues(issues).map((group) => (
        <li key={group.key}>
          {group.issues.length === 1 ? (
            <SingleIssue issue={group.issues[0]!} onSelect={onSelect} />
          ) : (
            <GroupedIssues group={group} onSelect={onSelect} />
          )}
        </li>
      ))}
    </ul>
  );
}
