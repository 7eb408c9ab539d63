/**
 * Problems grouped by what they say, so 170 rows with the same warning are one line with a count. Errors come
 * before warnings; otherwise groups keep the order the engine found them in (sheet, then row).
 */
import type { Issue, Severity } from "../../engine/model";

export interface IssueGroup {
  key: string;
  severity: Severity;
  message: string;
  issues: Issue[];
}

export function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.message}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, severity: issue.severity, message: issue.message, issues: [] };
      groups.set(key, group);
    }
    group.issues.push(issue);
  }
  const rank = (s: Severity): number => (s === "error" ? 0 : 1);
  // Array.prototype.sort is stable, so equal severities keep their first-seen order.
  return [...groups.values()].sort((a, b) => rank(a.severity) - rank(b.severity));
}

/** The cell to select for an issue: a whole-sheet issue has no cell, so its sheet's A1 is shown. */
export function issueCell(issue: Issue): string {
  return issue.cell === "" ? "A1" : issue.cell;
}
