import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ProgrammeAnalysis } from "../../engine/model";
import { riskProject, topRegisterRisks } from "../../engine/report/top-risks";
import { RagBadge } from "./RagBadge";
import { riskLine } from "./LinkedRisks";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  risk: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  text: { overflowWrap: "anywhere" },
  programme: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
});

export interface TopRisksProps {
  analysis: ProgrammeAnalysis;
}

/**
 * The risk register's top open risks, worst first, as the highlight report's "Top risks" lists them
 * (engine/report/top-risks), with the programme-level risks' rating; nothing when the workbook has no register.
 */
export function TopRisks({ analysis }: TopRisksProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const reg = analysis.riskRegister;
  if (!reg) return null;
  const top = topRegisterRisks(analysis, 10);
  const open = reg.risks.filter((r) => !r.closed).length;
  const overdue = reg.risks.filter((r) => r.reviewOverdue).length;
  return (
    <>
      <div className={styles.programme}>
        <RagBadge rag={reg.programme.rag} />
        <Text size={200} className={styles.text}>
          Programme-level risks: {reg.programme.reason}
        </Text>
      </div>
      <Text size={200} className={shared.muted}>
        {top.length} of {open} open risks, worst first
        {overdue > 0 ? `; ${overdue} past the review date` : ""}:
      </Text>
      <ul className={shared.plainList} aria-label="Top risks">
        {top.map((r) => (
          <li key={`${r.sheet}!${r.row}`} className={styles.risk}>
            <RagBadge rag={r.rag} className={shared.lead} />
            <Text size={200} className={styles.text}>
              {riskLine(r)} · {riskProject(r)}
            </Text>
          </li>
        ))}
      </ul>
    </>
  );
}
