import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { RatedRisk } from "../../engine/assess/risk-register";
import { riskName, riskOrder } from "../../engine/assess/risk-register";
import type { AssessedItem } from "../../engine/model";
import { formatDayUk } from "../../engine/dates";
import { RagBadge } from "./RagBadge";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  risk: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  text: { overflowWrap: "anywhere" },
});

/** One risk in words: its reference and title, score, owner, and a review date passed. */
export function riskLine(r: RatedRisk): string {
  const score =
    r.score === null
      ? r.basis === null
        ? "not scored"
        : `${r.basis} rating`
      : `${r.basis} score ${r.score}${r.likelihood !== null && r.impact !== null ? ` (${r.likelihood} × ${r.impact})` : ""}`;
  const review =
    r.reviewOverdue && r.reviewDate !== null ? ` · review date ${formatDayUk(r.reviewDate)} passed` : "";
  return `${r.key} ${riskName(r)} · ${score} · owner ${r.owner ?? "not given"}${review}`;
}

export interface LinkedRisksProps {
  item: AssessedItem;
}

/** An item's open risks from the risk register, worst first (nothing when it has none). */
export function LinkedRisks({ item }: LinkedRisksProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const risks = [...(item.linkedRisks ?? [])].sort(riskOrder);
  if (risks.length === 0) return null;
  const title = [item.ref, item.name].filter((x) => x !== null).join(" ");
  return (
    <>
      <Text size={200} className={shared.muted}>
        Open risks on the register ({risks.length}):
      </Text>
      <ul className={shared.plainList} aria-label={`Open risks of ${title}`}>
        {risks.map((r) => (
          <li key={`${r.sheet}!${r.row}`} className={styles.risk}>
            <RagBadge rag={r.rag} className={shared.lead} />
            <Text size={200} className={styles.text}>
              {riskLine(r)}
            </Text>
          </li>
        ))}
      </ul>
    </>
  );
}
