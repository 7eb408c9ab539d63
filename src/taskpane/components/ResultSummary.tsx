import { Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import { formatDayUk } from "../../engine/dates";
import { cycleSentence } from "../../engine/cycle";
import type { Outcome } from "../state/use-task-pane";
import { BudgetFigures } from "./BudgetFigures";
import { YearFigures } from "./YearFigures";
import { ComingUp } from "./ComingUp";
import { ItemsAtRisk } from "./ItemsAtRisk";
import { KeyMilestones } from "./KeyMilestones";
import { RagBadge } from "./RagBadge";
import { RagCountsList } from "./RagCountsList";
import { TrendSummary } from "./TrendSummary";
import { TopRisks } from "./TopRisks";
import { reportWarnings } from "../../engine/report/notes";
import { WrittenSummary } from "./WrittenSummary";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  rag: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalS },
  reason: { overflowWrap: "anywhere" },
  sub: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
  },
});

const sentenceCase = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export interface ResultSummaryProps {
  outcome: Outcome;
  onSelectCell(sheet: string, cell: string): void;
}

/** The last run's result: programme RAG and why, money, counts, the items at risk and what was written. */
export function ResultSummary({ outcome, onSelectCell }: ResultSummaryProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const a = outcome.result.analysis;
  const headingId = useId("result");
  const what = outcome.action === "refresh" ? "RAG columns refreshed" : "Highlight report built";
  const trend = outcome.result.trend ?? null;
  const warnings = reportWarnings(a, trend);
  return (
    <section className={shared.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={shared.h2}>
        Result
      </h2>
      <Text className={shared.muted}>
        {what} for {formatDayUk(a.reportingDate)} ({a.period}).
      </Text>
      <Text className={shared.muted}>{sentenceCase(cycleSentence(a, trend))}.</Text>
      {warnings.map((w) => (
        <Text key={w} weight="semibold">
          Warning: {w}
        </Text>
      ))}
      <div className={styles.sub}>
        <h3 className={shared.h3}>Programme RAG</h3>
        <div className={styles.rag}>
          <RagBadge rag={a.programmeRag.rag} />
          <Text className={styles.reason}>{a.programmeRag.reason}</Text>
        </div>
      </div>
      <div className={styles.sub}>
        <h3 className={shared.h3}>Budget</h3>
        <BudgetFigures totals={a.totals} allocation={a.allocation} />
        <YearFigures years={a.years} />
      </div>
      <div className={styles.sub}>
        <h3 className={shared.h3}>Items by RAG</h3>
        <RagCountsList counts={a.ragCounts} />
      </div>
      {trend && (
        <div className={styles.sub}>
          <h3 className={shared.h3}>Since {trend.label}</h3>
          <TrendSummary analysis={a} trend={trend} />
        </div>
      )}
      <div className={styles.sub}>
        <h3 className={shared.h3}>Red and Amber items</h3>
        <ItemsAtRisk items={a.items} sheets={a.sheets} onSelectCell={onSelectCell} />
      </div>
      <div className={styles.sub}>
        <h3 className={shared.h3}>Coming up</h3>
        <ComingUp analysis={a} />
      </div>
      {a.milestones && a.milestones.length > 0 && (
        <div className={styles.sub}>
          <h3 className={shared.h3}>Key milestones</h3>
          <KeyMilestones analysis={a} />
        </div>
      )}
      {a.riskRegister && (
        <div className={styles.sub}>
          <h3 className={shared.h3}>Top risks</h3>
          <TopRisks analysis={a} />
        </div>
      )}
      <div className={styles.sub}>
        <h3 className={shared.h3}>Written to the workbook</h3>
        <WrittenSummary written={outcome.result.written} />
      </div>
    </section>
  );
}
