import { Field, Input, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { DayNumber } from "../../engine/dates";
import type { Parsed } from "../state/inputs";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  input: { flexGrow: 1, minWidth: "150px" },
  quarter: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
});

function describedBy(...ids: (string | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => Boolean(id));
  return list.length > 0 ? list.join(" ") : undefined;
}

export interface ReportingDateFieldProps {
  value: string;
  onChange(text: string): void;
  parsed: Parsed<DayNumber>;
  /** "Q3 2020/21" for a readable date. */
  quarter: string | null;
}

/** The reporting date (a date picker; typed dd/mm/yyyy is read too), with its UK financial quarter beside it. */
export function ReportingDateField({ value, onChange, parsed, quarter }: ReportingDateFieldProps) {
  const styles = useStyles();
  const quarterId = useId("quarter");
  return (
    <Field
      label="Reporting date"
      required
      validationState={parsed.ok ? "none" : "error"}
      validationMessage={parsed.ok ? undefined : parsed.message}
    >
      {(fieldProps) => (
        <div className={styles.row}>
          <Input
            {...fieldProps}
            className={styles.input}
            type="date"
            value={value}
            onChange={(_, data) => onChange(data.value)}
            aria-describedby={describedBy(fieldProps["aria-describedby"], quarter ? quarterId : undefined)}
          />
          {quarter && (
            <Text id={quarterId} className={styles.quarter}>
              {quarter}
            </Text>
          )}
        </div>
      )}
    </Field>
  );
}
