import { Field, ProgressBar, Spinner } from "@fluentui/react-components";
import type { Activity, ProgressState } from "../state/use-task-pane";
import { percentFromFraction } from "../../engine/percent";

export interface ProgressPanelProps {
  busy: Activity | null;
  progress: ProgressState | null;
}

/** What the running operation is doing: a spinner while reading, the step and a bar while writing. */
export function ProgressPanel({ busy, progress }: ProgressPanelProps) {
  if (busy === null) return null;
  if (busy === "scan" || progress === null)
    return <Spinner size="tiny" labelPosition="after" label="Reading the workbook…" />;
  const percent = progress.fraction === null ? null : Math.round(percentFromFraction(progress.fraction));
  return (
    <Field label={progress.step} hint={percent === null ? undefined : `${percent}% done`}>
      <ProgressBar
        value={progress.fraction ?? undefined}
        max={1}
        thickness="large"
        aria-valuetext={percent === null ? progress.step : `${progress.step} ${percent}%`}
      />
    </Field>
  );
}
