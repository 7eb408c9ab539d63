import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { pct1 } from "../../engine/assess/format";
import type { Totals } from "../../engine/model";
import type { Pence } from "../../engine/money";
import { absPence, formatPounds } from "../../engine/money";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: "0",
  },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: "0", textAlign: "end", fontVariantNumeric: "tabular-nums" },
  strong: { fontWeight: tokens.fontWeightSemibold },
});

/** "(4.2% of budget)", or nothing when there is nothing to take a share of. */
function share(part: Pence, whole: Pence, of: string): string {
  return whole === 0 ? "" : ` (${pct1((Math.abs(part) / Math.abs(whole)) * 100)} of ${of})`;
}

/** "£40,000 over (4.0%)", "£5,000 under (0.5%)", "£0". */
function variance(v: Pence, pct: number | null): string {
  if (v === 0) return formatPounds(v);
  const p = pct === null ? "" : ` (${pct1(Math.abs(pct))})`;
  return `${formatPounds(absPence(v))} ${v > 0 ? "over" : "under"}${p}`;
}

export interface BudgetFiguresProps {
  totals: Totals;
  allocation: Pence;
}

/** The programme's money against its allocation. */
export function BudgetFigures({ totals: t, allocation }: BudgetFiguresProps) {
  const styles = useStyles();
  const budgetPct = t.budget === 0 ? null : (t.variance / Math.abs(t.budget)) * 100;
  const rows: [string, string, boolean?][] = [
    ["Allocation", formatPounds(allocation), true],
    ["Allocated to items", formatPounds(t.budget) + share(t.budget, allocation, "allocation")],
    ["Unallocated", formatPounds(t.unallocated) + share(t.unallocated, allocation, "allocation")],
    ["Spent", formatPounds(t.spent) + share(t.spent, t.budget, "budget")],
    ["Committed", formatPounds(t.committed) + share(t.committed, t.budget, "budget")],
    ["Forecast", formatPounds(t.forecast) + share(t.forecast, t.budget, "budget"), true],
    ["Variance to budget", variance(t.variance, budgetPct)],
    ["Variance to allocation", variance(t.varianceToAllocation, t.variancePctToAllocation), true],
  ];
  return (
    <dl className={styles.list}>
      {rows.map(([term, value, strong]) => (
        <div key={term} className={styles.pair}>
          <dt className={styles.term}>{term}</dt>
          <dd className={mergeClasses(styles.value, strong && styles.strong)}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
