import { makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookOperations } from "../app/operations";
import type { DayNumber } from "../engine/dates";
import { NoticeBar } from "./components/NoticeBar";
import { NotInExcel } from "./components/NotInExcel";
import { TaskPane } from "./components/TaskPane";
import { OperationsContext } from "./operations-context";
import { todayDay } from "./state/inputs";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: "0",
    maxWidth: "640px",
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalXXL,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
  },
  h1: {
    margin: "0",
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  intro: { margin: "0", color: tokens.colorNeutralForeground2 },
});

export interface AppProps {
  /** How the pane reaches the workbook; without it (outside Excel) only the title and a notice show. */
  operations?: WorkbookOperations;
  /** False when Office says the host is not Excel (or the page is open in a plain browser). */
  inExcel: boolean;
  /** Today, by the user's clock (the default reporting date is the last day of the month before it). */
  today?: DayNumber;
  /** Shown when the pane could not start (e.g. the Excel operations failed to load). */
  startupError?: string;
}

export function App({ operations, inExcel, today, startupError }: AppProps) {
  const styles = useStyles();
  return (
    <OperationsContext.Provider value={operations ?? null}>
      <main className={styles.root}>
        <h1 className={styles.h1}>Programme RAG</h1>
        <p className={styles.intro}>RAG status and budget against allocation for the programme of works.</p>
        {!inExcel && <NotInExcel />}
        {startupError && (
          <NoticeBar notice={{ intent: "error", title: "The pane could not start", text: startupError }} />
        )}
        {operations && <TaskPane today={today ?? todayDay()} />}
      </main>
    </OperationsContext.Provider>
  );
}
