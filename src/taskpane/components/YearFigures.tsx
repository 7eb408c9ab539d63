import { makeStyles, tokens } from "@fluentui/react-components";
import type { YearView } from "../../engine/assess/years";
import { formatPounds } from "../../engine/money";
import { varianceIsCarried, yearVarianceWords } from "../../engine/year-words";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  list: {
    margin: "0",
    paddingLeft: "0",
    listStyleType: "none",
    display: "grid",
    rowGap: tokens.spacingVerticalXS,
  },
  year: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * The programme's money by financial year (issue 13), one line a year, as the highlight report's "By financial
 * year" table and the CLI summary give it; nothing when the sheets name no year.
 */
export function YearFigures({ years }: { years: YearView | undefined }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  if (!years || years.rows.length === 0) return null;
  return (
    <div>
      <ul className={styles.list} aria-label="Money by financial year">
        {years.rows.map((y) => (
          <li key={y.year}>
            <span className={styles.year}>
              {y.label} ({y.status})
            </span>
            {": "}
            {y.allocation !== null ? `allocation ${formatPounds(y.allocation)}, ` : ""}
            budget {formatPounds(y.budget)}, spent {formatPounds(y.spent)}, committed{" "}
            {formatPounds(y.committed)}, forecast {formatPounds(y.forecast)}, variance{" "}
            {yearVarianceWords(y, years.rows, formatPounds)}
            {y.slippage > 0 ? `, slippage ${formatPounds(y.slippage)} into later years` : ""}
            {y.carriedIn > 0 && !varianceIsCarried(y)
              ? `, ${formatPounds(y.carriedIn)} carried forward in`
              : ""}
          </li>
        ))}
      </ul>
      <span className={shared.muted}>
        Budget rated {years.budgetBasis === "inYear" ? "in-year" : "over the whole programme"}.
      </span>
    </div>
  );
}
