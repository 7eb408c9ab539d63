import { Field, Input, makeStyles } from "@fluentui/react-components";
import type { Pence } from "../../engine/money";
import { formatPounds } from "../../engine/money";
import type { Parsed } from "../state/inputs";

export interface AllocationFieldProps {
  value: string;
  onChange(text: string): void;
  parsed: Parsed<Pence>;
}

const useStyles = makeStyles({
  // Fluent's Input keeps a minimum width that, at 200% zoom in a narrow pane, reaches past the pane's edge.
  input: { minWidth: "0" },
});

/** The programme's allocation in pounds: "1,200,000", "£1,200,000" and "£1.2m" all read. */
export function AllocationField({ value, onChange, parsed }: AllocationFieldProps) {
  const styles = useStyles();
  const readAs = parsed.ok ? formatPounds(parsed.value) : null;
  return (
    <Field
      label="Allocation"
      required
      validationState={parsed.ok ? "none" : "error"}
      validationMessage={parsed.ok ? undefined : parsed.message}
      hint={
        readAs === null
          ? undefined
          : readAs !== value.trim()
            ? `Read as ${readAs}`
            : "For example 1,200,000 or £1.2m"
      }
    >
      <Input
        className={styles.input}
        value={value}
        onChange={(_, data) => onChange(data.value)}
        inputMode="text"
        autoComplete="off"
      />
    </Field>
  );
}
