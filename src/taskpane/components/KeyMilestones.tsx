import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ProgrammeAnalysis } from "../../engine/model";
import type { KeyMilestone } from "../../engine/report/key-milestones";
import {
  cancelledItemMilestones,
  cancelledMilestonesText,
  keyMilestoneGroupText,
  keyMilestones,
  milestoneProject,
} from "../../engine/report/key-milestones";
import { RagBadge } from "./RagBadge";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  project: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  line: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
  list: { margin: "0", paddingLeft: "0", listStyleType: "none" },
  // The status word keeps its width and never breaks ("Achieved" split as "Achie-ved" at 320 px); the text
  // beside it wraps instead.
  status: { flexShrink: 0, whiteSpace: "nowrap" },
  what: { minWidth: 0 },
});

export interface KeyMilestonesProps {
  analysis: ProgrammeAnalysis;
}

/** The highlight report's "Key milestones" (engine/report/key-milestones), per item: key milestones first. */
export function KeyMilestones({ analysis }: KeyMilestonesProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const list = keyMilestones(analysis);
  const cancelled = cancelledItemMilestones(analysis).length;
  const leftOut = cancelled > 0 && <p className={shared.paragraph}>{cancelledMilestonesText(cancelled)}.</p>;
  if (list.length === 0)
    return (
      <>
        <p className={shared.paragraph}>
          No milestone is missed or has slipped, none falls due next quarter and none was achieved this
          quarter.
        </p>
        {leftOut}
      </>
    );
  const byProject = new Map<string, { title: string; rows: KeyMilestone[] }>();
  for (const k of list) {
    const p = milestoneProject(k.milestone);
    const title = [p.ref, p.name].filter((x) => x !== null).join(" ") || "No project";
    const entry = byProject.get(title) ?? { title, rows: [] };
    entry.rows.push(k);
    byProject.set(title, entry);
  }
  return (
    <>
      <ul className={shared.plainList} aria-label="Key milestones">
        {[...byProject.values()].map((p) => (
          <li key={p.title} className={styles.project}>
            <Text className={styles.name}>{p.title}</Text>
            <ul className={styles.list}>
              {p.rows.map((k) => (
                <li key={`${k.milestone.sheet}!${k.milestone.row}`} className={styles.line}>
                  {k.milestone.rag === "Achieved" ? (
                    <Text
                      weight="semibold"
                      className={mergeClasses(styles.status, shared.lead)}
                      data-milestone-status=""
                    >
                      Achieved
                    </Text>
                  ) : (
                    <RagBadge rag={k.milestone.rag} className={shared.lead} />
                  )}
                  <Text className={styles.what}>
                    {k.milestone.key ? "Key milestone " : "Milestone "}'{k.milestone.name}':{" "}
                    {keyMilestoneGroupText(k.group, analysis).toLowerCase()}. {k.what}
                  </Text>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {leftOut}
    </>
  );
}
