import { Badge, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { BadgeProps } from "@fluentui/react-components";
import type { OverallRag } from "../../engine/rag";
import { RAG_STYLE } from "../../engine/rag";

// The fills are the engine's RAG_STYLE colours (the same the workbook gets), each with a text colour of at
// least 4.5:1 contrast; the word is always shown, so RAG is never told by colour alone.
const fill = (rag: OverallRag) => ({
  backgroundColor: RAG_STYLE[rag].fill,
  color: RAG_STYLE[rag].font,
});

const useStyles = makeStyles({
  badge: { flexShrink: 0, whiteSpace: "nowrap", fontWeight: tokens.fontWeightSemibold },
  red: fill("Red"),
  amberRed: fill("Amber/Red"),
  amber: fill("Amber"),
  amberGreen: fill("Amber/Green"),
  green: fill("Green"),
  complete: fill("Complete"),
  notAssessed: fill("Not assessed"),
});

type StyleKey = Exclude<keyof ReturnType<typeof useStyles>, "badge">;

const KEYS: Record<OverallRag, { style: StyleKey; color: BadgeProps["color"] }> = {
  Red: { style: "red", color: "danger" },
  "Amber/Red": { style: "amberRed", color: "warning" },
  Amber: { style: "amber", color: "warning" },
  "Amber/Green": { style: "amberGreen", color: "warning" },
  Green: { style: "green", color: "success" },
  Complete: { style: "complete", color: "informative" },
  "Not assessed": { style: "notAssessed", color: "subtle" },
};

export interface RagBadgeProps {
  rag: OverallRag;
  className?: string;
}

/** A RAG word on its RAG colour. */
export function RagBadge({ rag, className }: RagBadgeProps) {
  const styles = useStyles();
  const key = KEYS[rag];
  return (
    <Badge
      appearance="filled"
      shape="rounded"
      color={key.color}
      className={mergeClasses(styles.badge, styles[key.style], className)}
      data-rag={rag}
    >
      {rag}
    </Badge>
  );
}
