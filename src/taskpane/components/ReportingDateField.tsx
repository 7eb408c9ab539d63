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
  /** The date saved in the workbook and how the one shown compares with it. */
  saved?: { state: "none" | "same" | "changed"; text: string | null };
}

/** What the hint under the field says about the saved date (which the ribbon's Refresh RAG uses). */
export function savedDateHint(saved: ReportingDateFieldProps["saved"]): string {
  if (!saved || saved.state === "none")
    return "Not saved in the workbook yet: it is saved with the rules when you run, and Refresh RAG on the ribbon uses it.";
  if (saved.state === "same") return "Saved in the workbook; Refresh RAG on the ribbon uses it.";
  return `The workbook has ${saved.text ?? "another date"} saved; this date is saved when you run.`;
}

/** The reporting date (a date picker; typed dd/mm/yyyy is read too), with its UK financial quarter beside it. */
export function ReportingDateField({ value, onChange, parsed, quarter, saved }: ReportingDateFieldProps) {
  const styles = useStyles();
  const quarterId = useId("quarter");
  return (
    <Field
      label="Reporting date"
      required
      validationState={parsed.ok ? "none" : "error"}
      validationMessage={parsed.ok ? undefined : parsed.message}
      hint={savedDateHint(saved)}
    >
      {(fieldProps) => (
        <div className={styles.row}>
          <Input
            {...fieldProps}
            className={styles.input}
            type="date"
            value={value}
            onChange={(_, data) => onChange(data.value)}
            // Field adds its own hint and message ids to these (Fluent's field context), so they are not repeated.
            aria-describedby={describedBy(quarter ? quarterId : undefined)}
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
