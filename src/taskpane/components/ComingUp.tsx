import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatDayUk } from "../../engine/dates";
import type { ProgrammeAnalysis } from "../../engine/model";
import { comingUp } from "../../engine/report/exceptions";
import { RagBadge } from "./RagBadge";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  name: { overflowWrap: "anywhere" },
});

export interface ComingUpProps {
  analysis: ProgrammeAnalysis;
}

/** Items due next quarter by their target dates, soonest first: the highlight report's "Coming up" (engine/report/exceptions). */
export function ComingUp({ analysis }: ComingUpProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { quarter, items } = comingUp(analysis);
  const when = `${quarter.label} (${formatDayUk(quarter.start)} to ${formatDayUk(quarter.end)})`;
  if (items.length === 0) return <p className={shared.paragraph}>Nothing falls due in {when}.</p>;
  return (
    <>
      <Text size={200} className={shared.muted}>
        Due in {when}:
      </Text>
      <ul className={shared.plainList} aria-label={`Items due in ${quarter.label}`}>
        {items.map((i) => (
          <li key={`${i.sheet}!${i.row}`} className={styles.item}>
            <RagBadge rag={i.rag.overall} className={shared.lead} />
            <Text className={styles.name}>
              {formatDayUk(i.end!)} {[i.ref, i.name].filter((x) => x !== null).join(" ")}
            </Text>
          </li>
        ))}
      </ul>
    </>
  );
}
