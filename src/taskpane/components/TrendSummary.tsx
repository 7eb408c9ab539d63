import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatDayUk } from "../../engine/dates";
import type { Pence } from "../../engine/money";
import { formatPounds } from "../../engine/money";
import type { ProgrammeAnalysis } from "../../engine/model";
import { RAG_COUNT_KEYS } from "../../engine/rag";
import type { Trend } from "../../engine/report/trend";
import { behindOverrideText, changeText, moversText, ratedMoveText } from "../../engine/report/trend";
import { useSharedStyles } from "./shared-styles";

const useStyles = makeStyles({
  list: { margin: "0", paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

const signed = (p: Pence) => (p > 0 ? "+" : p < 0 ? "-" : "") + formatPounds(Math.abs(p) as Pence);

export interface TrendSummaryProps {
  analysis: ProgrammeAnalysis;
  trend: Trend;
}

/** Since last quarter, as the highlight report and the CLI summary show it: from → to, flows, money. */
export function TrendSummary({ analysis: a, trend }: TrendSummaryProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const p = trend.programme;
  const lines: string[] = [];
  if (p) {
    lines.push(`Programme RAG ${p.rag} → ${a.programmeRag.rag}`);
    lines.push(`Budget RAG ${p.budgetRag} → ${a.totals.rag}`);
    lines.push(`Delivery RAG ${p.deliveryRag} → ${a.programmeRag.delivery.rag}`);
  }
  if (trend.forecastThen !== null && trend.forecastChange !== null)
    lines.push(
      `Forecast ${formatPounds(trend.forecastThen)} → ${formatPounds(a.totals.forecast)} (${signed(trend.forecastChange)})`,
    );
  for (const k of RAG_COUNT_KEYS) {
    const f = trend.flows[k];
    if (f.before === 0 && f.now === 0) continue;
    lines.push(`${k} ${f.before} → ${f.now} (${f.joined} joined, ${f.left} left)`);
  }
  lines.push(moversText(trend));
  return (
    <>
      <Text size={200} className={shared.muted}>
        Compared with {trend.label} ({formatDayUk(trend.reportingDate)}), from the workbook's RAG History.
      </Text>
      <ul className={styles.list} aria-label={`Since ${trend.label}`}>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {trend.improved.length > 0 && (
        <ul className={styles.list} aria-label={`Improved since ${trend.label}`}>
          {trend.improved.map((x) => (
            <li key={`${x.item.sheet}!${x.item.row}`}>
              Improved: {[x.item.ref, x.item.name].filter(Boolean).join(" ")}:{" "}
              {x.changes.map(changeText).join(", ")}
            </li>
          ))}
        </ul>
      )}
      {trend.noLongerRated.length + trend.newlyRated.length > 0 && (
        <ul className={styles.list} aria-label={`No longer rated or newly rated since ${trend.label}`}>
          {[...trend.noLongerRated, ...trend.newlyRated].map((x) => (
            <li key={`${x.item.sheet}!${x.item.row}`}>
              {x.overall === "noLongerRated" ? "No longer rated" : "Newly rated"} (neither improved nor
              worse): {[x.item.ref, x.item.name].filter(Boolean).join(" ")}: {ratedMoveText(x)}
            </li>
          ))}
        </ul>
      )}
      {trend.worseBehindOverride.length > 0 && (
        <ul
          className={styles.list}
          aria-label={`Computed rating worse behind an override since ${trend.label}`}
        >
          {trend.worseBehindOverride.map((x) => (
            <li key={`${x.item.sheet}!${x.item.row}`}>
              {[x.item.ref, x.item.name].filter(Boolean).join(" ")}: {behindOverrideText(x)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
