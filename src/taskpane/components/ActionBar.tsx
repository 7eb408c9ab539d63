import { Button, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { RunMode, Activity } from "../state/use-task-pane";

const useStyles = makeStyles({
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  hint: { color: tokens.colorPaletteRedForeground1 },
});

export interface ActionBarProps {
  busy: Activity | null;
  /** Why the actions cannot run, or null when they can. */
  blockedBecause: string | null;
  onRun(action: RunMode): void;
}

/**
 * The two actions. While unavailable they stay focusable (aria-disabled), so a keyboard user's focus is not
 * thrown back to the top of the pane when a run starts, and they can still read why.
 */
export function ActionBar({ busy, blockedBecause, onRun }: ActionBarProps) {
  const styles = useStyles();
  const hintId = useId("actions-hint");
  const unavailable = busy !== null || blockedBecause !== null;
  const described = blockedBecause !== null && busy === null ? hintId : undefined;
  return (
    <div>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabledFocusable={unavailable}
          aria-describedby={described}
          onClick={() => onRun("refresh")}
        >
          Refresh RAG columns
        </Button>
        <Button disabledFocusable={unavailable} aria-describedby={described} onClick={() => onRun("report")}>
          Build highlight report
        </Button>
      </div>
      {described && (
        <Text id={hintId} size={200} className={styles.hint}>
          {blockedBecause}
        </Text>
      )}
    </div>
  );
}
