import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { rowIndexOf } from "../../engine/coords";
import { cellAddress } from "../../engine/grid";
import type { AssessedItem, SheetReport } from "../../engine/model";
import { severityRank } from "../../engine/rag";
import { exceptions, overrideText } from "../../engine/report/exceptions";
import { LinkedRisks } from "./LinkedRisks";
import { RagBadge } from "./RagBadge";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  reasons: { margin: "0", paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

/**
 * Red and Amber items (five-point ratings by their worse colour) and every item an override rates better
 * than the rules, worst first (by the worse of the two ratings), as the highlight report's exceptions; the
 * pane lists them all.
 */
export function itemsAtRisk(items: readonly AssessedItem[]): AssessedItem[] {
  return exceptions(items);
}

/** The item's name cell (or reference cell), to go to. */
function itemCell(item: AssessedItem, sheets: readonly SheetReport[]): string {
  const cols = sheets.find((s) => s.name === item.sheet)?.columns ?? [];
  const col = (cols.find((c) => c.field === "name") ?? cols.find((c) => c.field === "ref"))?.col ?? 0;
  return cellAddress(rowIndexOf(item.row), col);
}

export interface ItemsAtRiskProps {
  items: readonly AssessedItem[];
  sheets: readonly SheetReport[];
  onSelectCell(sheet: string, cell: string): void;
}

export function ItemsAtRisk({ items, sheets, onSelectCell }: ItemsAtRiskProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const list = itemsAtRisk(items);
  if (list.length === 0) return <p className={shared.paragraph}>No Red or Amber items.</p>;
  return (
    <ul className={shared.plainList} aria-label="Red and Amber items">
      {list.map((item) => {
        const title = [item.ref, item.name].filter((x) => x !== null).join(" ");
        const reasons = [...item.reasons].sort((a, b) => severityRank(a.rag) - severityRank(b.rag));
        const overridden = overrideText(item, sheets);
        return (
          <li key={`${item.sheet}!${item.row}`} className={styles.item}>
            <div className={styles.title}>
              <RagBadge rag={item.rag.overall} className={shared.lead} />
              <Text className={styles.name}>{title}</Text>
            </div>
            <Text size={200} className={shared.muted}>
              Owner: {item.owner ?? "not given"} ·{" "}
              <Link as="button" inline onClick={() => onSelectCell(item.sheet, itemCell(item, sheets))}>
                {item.sheet} row {item.row}
              </Link>
            </Text>
            {overridden && <Text size={200}>Overridden: {overridden}</Text>}
            {item.ratings.length > 1 && (
              <Text size={200} className={shared.muted}>
                Ratings:{" "}
                {item.ratings
                  .map((r) => `${shortHeader(r.header)} ${r.value ?? r.text ?? "none"}`)
                  .join(" · ")}
              </Text>
            )}
            {reasons.length > 0 && (
              <ul className={styles.reasons}>
                {reasons.map((r) => (
                  <li key={`${r.dimension}:${r.text}`}>{r.text}</li>
                ))}
              </ul>
            )}
            <LinkedRisks item={item} />
          </li>
        );
      })}
    </ul>
  );
}

/** A rating column's header without its notes in brackets, at most 40 characters. */
function shortHeader(h: string): string {
  const head = h.replace(/\s*[([].*$/s, "").trim() || h;
  return head.length > 40 ? head.slice(0, 39).trimEnd() + "…" : head;
}
