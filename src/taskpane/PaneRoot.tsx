import type { Theme } from "@fluentui/react-components";
import { FluentProvider, makeStyles, tokens } from "@fluentui/react-components";
import type { AppProps } from "./App";
import { App } from "./App";

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
});

/** The pane under its single FluentProvider, as index.tsx renders it (and the component tests do). */
export function PaneRoot({ theme, ...app }: AppProps & { theme: Theme }) {
  const styles = useStyles();
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <App {...app} />
    </FluentProvider>
  );
}
