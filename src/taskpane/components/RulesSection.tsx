import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { dimensions } from "../../engine/assess/registry";
import type { RulesForm, RulesFormErrors, RulesFormField } from "../state/rules-form";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
  },
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: "none",
    margin: "0",
    padding: "0",
  },
  legend: { padding: "0", fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  // One field a row at every pane width: side by side, the labels ran into each other and the inputs (a
  // native input is 20 characters wide at least) passed the pane's edge (tests/e2e/rules-layout.e2e.test.ts).
  pair: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: "0",
  },
  field: { minWidth: "0" },
  input: { width: "100%", minWidth: "0", maxWidth: "100%", boxSizing: "border-box" },
  inputElement: { minWidth: "0", width: "100%" },
  error: { color: tokens.colorPaletteRedForeground1 },
  footer: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
});

export interface RulesSectionProps {
  form: RulesForm;
  onChange(form: RulesForm): void;
  errors: RulesFormErrors;
  onReset(): void;
  /** How the rules shown compare with those saved in the workbook. */
  saved: "none" | "same" | "changed";
}

interface RuleFieldProps {
  field: RulesFormField;
  label: string;
  type?: "text" | "date";
  hint?: string;
  unit?: string;
  /** An amount ("£100,000"): typed as text, not as a decimal. */
  money?: boolean;
  form: RulesForm;
  errors: RulesFormErrors;
  onChange(form: RulesForm): void;
}

function RuleField({ field, label, type, hint, unit, money, form, errors, onChange }: RuleFieldProps) {
  const message = errors[field];
  const styles = useStyles();
  return (
    <Field
      className={styles.field}
      label={label}
      hint={hint}
      validationState={message ? "error" : "none"}
      validationMessage={message}
    >
      <Input
        className={styles.input}
        input={{ className: styles.inputElement }}
        value={form[field]}
        type={type ?? "text"}
        inputMode={type || money ? "text" : "decimal"}
        contentAfter={unit}
        autoComplete="off"
        onChange={(_, data) => onChange({ ...form, [field]: data.value })}
      />
    </Field>
  );
}

/** The thresholds, in a section that starts collapsed. */
const SAVED_WORDS: Record<RulesSectionProps["saved"], string> = {
  none: "",
  same: " (as saved in the workbook)",
  changed: " (changed from the workbook's)",
};

export function RulesSection({ form, onChange, errors, onReset, saved }: RulesSectionProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const common = { form, errors, onChange };
  return (
    <Accordion collapsible>
      <AccordionItem value="rules">
        <AccordionHeader as="h2" expandIconPosition="end">
          Rules{SAVED_WORDS[saved]}
        </AccordionHeader>
        <AccordionPanel>
          <div className={styles.panel} data-testid="rules-panel">
            <fieldset className={styles.group}>
              <legend className={styles.legend}>Programme</legend>
              <div className={styles.pair}>
                <RuleField {...common} field="programmeName" label="Programme name" type="text" />
                <RuleField {...common} field="programmeStart" label="Programme starts" type="date" />
                <RuleField {...common} field="programmeEnd" label="Programme ends" type="date" />
              </div>
            </fieldset>
            {dimensions().map((d) => (
              <fieldset key={d.key} className={styles.group}>
                <legend className={styles.legend}>{d.form.legend}</legend>
                <div className={styles.pair}>
                  {d.form.fields.map((f) => (
                    <RuleField
                      {...common}
                      key={f.id}
                      field={f.id as RulesFormField}
                      label={f.label}
                      {...(f.hint ? { hint: f.hint } : {})}
                      {...(f.unit ? { unit: f.unit } : {})}
                      money={f.kind === "money"}
                    />
                  ))}
                </div>
              </fieldset>
            ))}
            <fieldset className={styles.group}>
              <legend className={styles.legend}>Money by financial year</legend>
              <div className={styles.pair}>
                <RuleField
                  {...common}
                  field="allocationByYear"
                  label="Split of the allocation by financial year"
                  hint='e.g. "2020/21: £600,000; 2021/22: £600,000"; empty: the allocation is for the whole programme'
                  money
                />
                <Switch
                  checked={form.budgetInYear}
                  onChange={(_, data) => onChange({ ...form, budgetInYear: data.checked })}
                  label="Rate the budget in-year (the reporting date's financial year)"
                />
              </div>
            </fieldset>
            <Switch
              checked={form.useOverride}
              onChange={(_, data) => onChange({ ...form, useOverride: data.checked })}
              label="Use a sheet's RAG override column"
            />
            {errors.general && (
              <Text role="alert" className={styles.error}>
                {errors.general}
              </Text>
            )}
            <div className={styles.footer}>
              <Button onClick={onReset}>Reset to defaults</Button>
            </div>
            <Text size={200} className={shared.muted}>
              The programme&apos;s details, rules, allocation and reporting date you run with are saved in the
              workbook, so the next person and the ribbon&apos;s Refresh RAG get the same.
            </Text>
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
