import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { DayNumber } from "../../engine/dates";
import { useOperations } from "../operations-context";
import { issueCell } from "../state/issues";
import { SCAN_FAILED, useTaskPane } from "../state/use-task-pane";
import { ActionBar } from "./ActionBar";
import { CycleChoice } from "./CycleChoice";
import { AllocationField } from "./AllocationField";
import { LiveRegion } from "./LiveRegion";
import { NoticeBar } from "./NoticeBar";
import { ProgressPanel } from "./ProgressPanel";
import { ReportingDateField } from "./ReportingDateField";
import { ResultSummary } from "./ResultSummary";
import { RulesSection } from "./RulesSection";
import { WorkbookSummary } from "./WorkbookSummary";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  inputs: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  start: { alignSelf: "flex-start" },
});

/** The pane's working area: inputs, actions and progress, the result, and what the workbook holds. */
export function TaskPane({ today }: { today: DayNumber }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const operations = useOperations();
  const pane = useTaskPane(operations ?? undefined, today);
  const blockedBecause =
    pane.input !== null
      ? null
      : !pane.rules.ok
        ? "Correct the rules marked in the Rules section to run."
        : "Correct the inputs marked above to run.";
  const canRetryScan = pane.phase.kind === "failed" && pane.notice?.title === SCAN_FAILED;

  return (
    <>
      <LiveRegion text={pane.announcement} />
      {pane.notice && (
        <NoticeBar
          notice={pane.notice}
          onDismiss={pane.dismissNotice}
          retry={canRetryScan ? { label: "Try again", onClick: pane.scan } : undefined}
        />
      )}
      <section className={shared.section} aria-label="Inputs">
        <div className={styles.inputs}>
          <ReportingDateField
            value={pane.dateText}
            onChange={pane.setDateText}
            parsed={pane.reportingDate}
            quarter={pane.quarter}
            saved={pane.savedDate}
          />
          <AllocationField
            value={pane.allocationText}
            onChange={pane.setAllocationText}
            parsed={pane.allocation}
          />
          <RulesSection
            form={pane.rulesForm}
            onChange={pane.setRulesForm}
            errors={pane.rules.ok ? {} : pane.rules.errors}
            onReset={pane.resetRules}
            saved={pane.savedRules}
          />
        </div>
      </section>
      <section className={shared.section} aria-label="Actions">
        <div className={styles.actions}>
          <CycleChoice
            cycle={pane.cycle}
            chosen={pane.cycleChosen}
            disabled={pane.busy !== null}
            onChange={pane.setCycle}
          />
          <ActionBar busy={pane.busy} blockedBecause={blockedBecause} onRun={pane.run} />
          <ProgressPanel busy={pane.busy} progress={pane.progress} />
        </div>
      </section>
      {pane.outcome && <ResultSummary outcome={pane.outcome} onSelectCell={pane.selectCell} />}
      {pane.analysis ? (
        <WorkbookSummary
          analysis={pane.analysis}
          busy={pane.busy !== null}
          onRescan={pane.scan}
          onSelectIssue={(issue) => pane.selectCell(issue.sheet, issueCell(issue))}
        />
      ) : (
        pane.busy === null && (
          <section className={shared.section} aria-label="Workbook">
            <Text className={shared.muted}>The workbook has not been read yet.</Text>
            <Button className={styles.start} onClick={pane.scan}>
              Read the workbook
            </Button>
          </section>
        )
      )}
    </>
  );
}
