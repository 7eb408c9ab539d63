import { makeStyles, tokens } from "@fluentui/react-components";
import type { RagCounts } from "../../engine/rag";
import { RAG_COUNT_KEYS } from "../../engine/rag";
import { RagBadge } from "./RagBadge";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: "0",
    padding: "0",
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  count: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
});

/** How many items are Red, Amber, Green, Complete and Not assessed. */
export function RagCountsList({ counts }: { counts: RagCounts }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Items by RAG">
      {RAG_COUNT_KEYS.map((key) => (
        <li key={key} className={styles.item}>
          <RagBadge rag={key} /> <span className={styles.count}>{counts[key]}</span>
        </li>
      ))}
    </ul>
  );
}
