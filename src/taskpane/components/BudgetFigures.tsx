import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { pct1 } from "../../engine/assess/format";
import type { Totals } from "../../engine/model";
import type { Pence } from "../../engine/money";
import { absPence, formatPounds } from "../../engine/money";
import { percentFromFraction } from "../../engine/percent";

const useStyles = makeStyles({
  list: {
    display: "grid",
    // The figures take the width they need up to what is left beside 8em of label, and wrap between the amount
    // and its share; at 320 px "Variance to allocation" was squeezed to three lines beside an unbroken figure.
    gridTemplateColumns: "minmax(8em, 1fr) minmax(0, max-content)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: "0",
  },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: "0", textAlign: "end", fontVariantNumeric: "tabular-nums" },
  strong: { fontWeight: tokens.fontWeightSemibold },
  unbroken: { whiteSpace: "nowrap" },
});

/** "£7,100 under (0.6% of allocation)" as the amount and its share, each kept on one line. */
function Figure({ value, className }: { value: string; className: string }) {
  const k = value.indexOf(" (");
  if (k < 0) return <span className={className}>{value}</span>;
  return (
    <>
      <span className={className}>{value.slice(0, k)}</span>{" "}
      <span className={className}>{value.slice(k + 1)}</span>
    </>
  );
}

/** "(4.2% of budget)", or nothing when there is nothing to take a share of. */
function share(part: Pence, whole: Pence, of: string): string {
  return whole === 0 ? "" : ` (${pct1(percentFromFraction(Math.abs(part) / Math.abs(whole)))} of ${of})`;
}

/** "£40,000 over (4.0% of budget)", "£5,000 under (0.5% of allocation)", "£0". */
function variance(v: Pence, pct: number | null, of: string): string {
  if (v === 0) return formatPounds(v);
  const p = pct === null ? "" : ` (${pct1(Math.abs(pct))} of ${of})`;
  return `${formatPounds(absPence(v))} ${v > 0 ? "over" : "under"}${p}`;
}

export interface BudgetFiguresProps {
  totals: Totals;
  allocation: Pence;
}

/**
 * The programme's money against its allocation. Shares are of the allocation, as on the highlight report's
 * budget panel, except the variance to budget (of the items' budget); each says which.
 */
export function BudgetFigures({ totals: t, allocation }: BudgetFiguresProps) {
  const styles = useStyles();
  const budgetPct = t.budget === 0 ? null : percentFromFraction(t.variance / Math.abs(t.budget));
  const rows: [string, string, boolean?][] = [
    ["Allocation", formatPounds(allocation), true],
    ["Allocated to items", formatPounds(t.budget) + share(t.budget, allocation, "allocation")],
    t.unallocated < 0
      ? [
          "Over-allocated",
          formatPounds(absPence(t.unallocated)) + share(absPence(t.unallocated), allocation, "allocation"),
        ]
      : ["Unallocated", formatPounds(t.unallocated) + share(t.unallocated, allocation, "allocation")],
    ["Spent", formatPounds(t.spent) + share(t.spent, allocation, "allocation")],
    ["Committed", formatPounds(t.committed) + share(t.committed, allocation, "allocation")],
    ["Forecast", formatPounds(t.forecast) + share(t.forecast, allocation, "allocation"), true],
    ["Variance to budget", variance(t.variance, budgetPct, "budget")],
    [
      "Variance to allocation",
      variance(t.varianceToAllocation, t.variancePctToAllocation, "allocation"),
      true,
    ],
  ];
  return (
    <dl className={styles.list}>
      {rows.map(([term, value, strong]) => (
        <div key={term} className={styles.pair}>
          <dt className={styles.term}>{term}</dt>
          <dd className={mergeClasses(styles.value, strong && styles.strong)}>
            <Figure value={value} className={styles.unbroken} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
