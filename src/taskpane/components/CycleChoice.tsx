import { Button, Field, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import type { ReportCycle } from "../../engine/cycle";

const useStyles = makeStyles({
  row: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  // At 200% zoom the pane is 180 px wide: the two choices wrap rather than pass its edge.
  group: { flexWrap: "wrap", minWidth: 0, maxWidth: "100%" },
});

export interface CycleChoiceProps {
  /** The cycle the run uses (chosen, or by the reporting date); null while the date does not read. */
  cycle: ReportCycle | null;
  /** Whether the user chose it (else it follows the reporting date). */
  chosen: boolean;
  disabled: boolean;
  onChange(cycle: ReportCycle | null): void;
}

/** What the hint under the choice says: what each report compares with, and where the default comes from. */
export function cycleHint(cycle: ReportCycle | null, chosen: boolean): string {
  const compares =
    cycle === "quarter"
      ? "A quarterly report compares with the end of the previous quarter."
      : "A monthly report compares with last month.";
  return chosen
    ? `${compares} Chosen for this workbook's runs until the pane is closed.`
    : `${compares} By the reporting date: quarterly in June, September, December and March, monthly otherwise.`;
}

/** The run's cycle: a monthly or a quarterly report (the history snapshot, the trend and the report's title). */
export function CycleChoice({ cycle, chosen, disabled, onChange }: CycleChoiceProps) {
  const styles = useStyles();
  return (
    <Field label="Report" hint={cycleHint(cycle, chosen)}>
      <div className={styles.row}>
        <RadioGroup
          className={styles.group}
          layout="horizontal"
          value={cycle ?? ""}
          disabled={disabled}
          onChange={(_, data) => onChange(data.value === "quarter" ? "quarter" : "month")}
        >
          <Radio value="month" label="Monthly" />
          <Radio value="quarter" label="Quarterly" />
        </RadioGroup>
        {chosen && (
          <Button size="small" appearance="subtle" disabled={disabled} onClick={() => onChange(null)}>
            By the date
          </Button>
        )}
      </div>
    </Field>
  );
}
