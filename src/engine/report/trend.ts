/**
 * What changed since the snapshot a report compares with (the month before a monthly report's, the end of the
 * quarter before a quarterly report's): per item and per dimension from → to, flows between
 * the RAG counts (not only the net change), new and closed items, the programme's own RAGs then and now, and
 * money movement. One computation, shown by the highlight report, the CLI summary, --json and the pane.
 */
import type { DayNumber } from "../dates";
import type { ReportCycle } from "../cycle";
import type { Pence } from "../money";
import type { AssessedItem, ProgrammeAnalysis } from "../model";
import type { RagCountKey, RagStatus } from "../rag";
import { RAG_COUNT_KEYS, countKey } from "../rag";
import type { OverallRag } from "../rag";
import type { DimensionKey } from "../assess/registry";
import { dimensions } from "../assess/registry";
import type { Direction, HistoryRow, PreviousSnapshot } from "./history";
import { direction, historyRagKey, itemKey } from "./history";

/** A dimension's label ("Budget", "Schedule", "Risk" ...: from the rule registry) or "Overall". */
export type TrendDimension = string;

export interface DimensionChange {
  dimension: TrendDimension;
  from: string;
  to: string;
  direction: Direction;
}

export interface ItemTrend {
  item: AssessedItem;
  /** Last quarter's row for the item; null when it is new. */
  before: HistoryRow | null;
  /** Dimensions whose rating changed, Overall last. */
  changes: DimensionChange[];
  /** The overall rating's direction ("new" when the item was not there last quarter). */
  overall: Direction;
  /** Forecast now minus forecast then, where both are known. */
  forecastChange: Pence | null;
  /**
   * The rules' (computed) rating then → now, where the snapshot recorded it (the RAG History's "Computed RAG"
   * column; "" in rows written before it was kept, which compare as today: no change) and it changed.
   */
  computedChange: DimensionChange | null;
  /**
   * An override sets the rating now and the computed rating behind it worsened while the reported rating did
   * not: the trend says "computed worsened behind an override" so the override does not hide it.
   */
  worseBehindOverride: boolean;
}

export interface Flow {
  before: number;
  now: number;
  /** Items now in this count that were elsewhere (or not there) last quarter. */
  joined: number;
  /** Items in this count last quarter that are elsewhere now (or gone). */
  left: number;
}

export interface ProgrammeThen {
  rag: string;
  budgetRag: string;
  deliveryRag: string;
  forecast: Pence | null;
  spent: Pence | null;
}

export interface Trend {
  /** The quarter of the snapshot compared with ("Q2 2020/21"). */
  quarter: string;
  /** The month of the snapshot compared with ("Period 8 (November) 2020/21"). */
  period: string;
  /**
   * What the trend is since, in words: the snapshot's month for a monthly report, its quarter for a quarterly
   * one ("since Period 8 (November) 2020/21", "since Q2 2020/21").
   */
  label: string;
  /** The report's cycle, which chose the snapshot compared with. */
  cycle: ReportCycle;
  /** The reporting date of the snapshot compared with. */
  reportingDate: DayNumber;
  /** Parallel to analysis.items. */
  items: ItemTrend[];
  improved: ItemTrend[];
  worsened: ItemTrend[];
  /** Rated then (Red, Amber, Green, Complete ...), Not assessed now: neither improved nor worse. */
  noLongerRated: ItemTrend[];
  /** Not assessed then, rated now: neither improved nor worse. */
  newlyRated: ItemTrend[];
  /** The computed rating worsened while an override kept the reported rating from worsening. */
  worseBehindOverride: ItemTrend[];
  newItems: AssessedItem[];
  /** Items last quarter's snapshot held that the sheets no longer have. */
  closed: HistoryRow[];
  flows: Record<RagCountKey, Flow>;
  /** The programme's RAGs last quarter (null when the history predates the programme row). */
  programme: ProgrammeThen | null;
  /** The programme's forecast now minus then (from the programme row, else the sum of the items then). */
  forecastChange: Pence | null;
  forecastThen: Pence | null;
  /** Items whose forecast moved, largest movement first. */
  moneyMoves: ItemTrend[];
  /** Every item found in both quarters has the same spend and forecast: the sheet may not have been updated. */
  figuresUnchanged: boolean;
}

/** Each registered dimension's rating now and then, then the overall rating. */
const DIMENSIONS: [TrendDimension, (i: AssessedItem) => string, (h: HistoryRow) => string][] = [
  ...dimensions().map((d): [TrendDimension, (i: AssessedItem) => string, (h: HistoryRow) => string] => {
    const key = d.key as DimensionKey;
    const then = historyRagKey(key);
    return [d.label, (i) => i.rag[key], (h) => h[then]];
  }),
  ["Overall", (i) => i.rag.overall, (h) => h.overall],
];

/** "Schedule Green → Red". */
export function changeText(c: DimensionChange): string {
  return `${c.dimension} ${c.from} → ${c.to}`;
}

export function computeTrend(a: ProgrammeAnalysis, previous: PreviousSnapshot | null): Trend | null {
  if (!previous) return null;
  const seen = new Set<string>();
  const items: ItemTrend[] = a.items.map((item) => {
    const key = itemKey(item);
    seen.add(key);
    const before = previous.rows.get(key) ?? null;
    const changes: DimensionChange[] = [];
    if (before) {
      for (const [dimension, now, then] of DIMENSIONS) {
        const from = then(before);
        const to = now(item);
        if (from && from !== to) changes.push({ dimension, from, to, direction: direction(from, to) });
      }
    }
    const forecastChange =
      before && before.forecast !== null && item.assessedForecast !== null
        ? ((item.assessedForecast - before.forecast) as Pence)
        : null;
    const overall = direction(before?.overall, item.rag.overall);
    const computedThen = before?.computed ?? "";
    const computedChange: DimensionChange | null =
      computedThen !== "" && computedThen !== item.rag.computed
        ? {
            dimension: "Computed",
            from: computedThen,
            to: item.rag.computed,
            direction: direction(computedThen, item.rag.computed),
          }
        : null;
    return {
      item,
      before,
      changes,
      overall,
      forecastChange,
      computedChange,
      worseBehindOverride:
        item.rag.override !== null && computedChange?.direction === "worse" && overall !== "worse",
    };
  });
  const closed = [...previous.rows].filter(([k]) => !seen.has(k)).map(([, r]) => r);

  const flows = Object.fromEntries(
    RAG_COUNT_KEYS.map((k) => [k, { before: 0, now: 0, joined: 0, left: 0 }]),
  ) as Record<RagCountKey, Flow>;
  const keyOf = (rag: string): RagCountKey | null => {
    const k = countKey(rag as OverallRag);
    return k in flows ? k : null;
  };
  for (const r of previous.rows.values()) {
    const k = keyOf(r.overall);
    if (k) flows[k].before++;
  }
  for (const t of items) {
    const now = keyOf(t.item.rag.overall);
    const then = t.before ? keyOf(t.before.overall) : null;
    if (now) flows[now].now++;
    if (now !== then) {
      if (now) flows[now].joined++;
      if (then) flows[then].left++;
    }
  }
  for (const r of closed) {
    const k = keyOf(r.overall);
    if (k) flows[k].left++;
  }

  const p = previous.programme;
  let forecastThen: Pence | null = p?.forecast ?? null;
  if (forecastThen === null && previous.rows.size > 0) {
    let sum = 0;
    let known = false;
    for (const r of previous.rows.values()) {
      const f = r.forecast ?? r.budget;
      if (f !== null) {
        sum += f;
        known = true;
      }
    }
    forecastThen = known ? (sum as Pence) : null;
  }
  const moneyMoves = items
    .filter((t) => t.forecastChange !== null && t.forecastChange !== 0)
    .sort((x, y) => Math.abs(y.forecastChange!) - Math.abs(x.forecastChange!) || x.item.row - y.item.row);

  const matched = items.filter((t) => t.before !== null);
  const figuresUnchanged =
    matched.length >= 2 &&
    matched.every((t) => t.before!.spent !== null) &&
    matched.every((t) => t.before!.spent === t.item.spent && t.before!.forecast === t.item.assessedForecast);

  return {
    quarter: previous.quarter,
    period: previous.period,
    label: previous.label,
    cycle: previous.cycle,
    reportingDate: previous.reportingDate,
    items,
    improved: items.filter((t) => t.overall === "improved"),
    worsened: items.filter((t) => t.overall === "worse"),
    noLongerRated: items.filter((t) => t.overall === "noLongerRated"),
    newlyRated: items.filter((t) => t.overall === "newlyRated"),
    worseBehindOverride: items.filter((t) => t.worseBehindOverride),
    newItems: items.filter((t) => t.before === null).map((t) => t.item),
    closed,
    flows,
    programme: p
      ? {
          rag: p.overall,
          budgetRag: p.budgetRag,
          deliveryRag: p.delivery,
          forecast: p.forecast,
          spent: p.spent,
        }
      : null,
    forecastChange: forecastThen === null ? null : ((a.totals.forecast - forecastThen) as Pence),
    forecastThen,
    moneyMoves,
    figuresUnchanged,
  };
}

/** "Red", "Amber" … as a programme RAG word, or "not recorded". */
export function ragOrUnknown(r: string | RagStatus | null | undefined): string {
  return r ? r : "not recorded";
}

/**
 * "2 improved, 1 worse, 0 new, 0 closed, 1 no longer rated, 0 newly rated, 0 computed worse behind an override":
 * the movers counted, as the report, the CLI summary and the pane show them.
 */
export function moversText(t: Trend): string {
  return (
    `${t.improved.length} improved, ${t.worsened.length} worse, ${t.newItems.length} new, ${t.closed.length} closed, ` +
    `${t.noLongerRated.length} no longer rated, ${t.newlyRated.length} newly rated, ` +
    `${t.worseBehindOverride.length} computed worse behind an override`
  );
}

/** "Computed worsened behind an override: Green → Red (reported Green)". */
export function behindOverrideText(t: ItemTrend): string {
  const c = t.computedChange!;
  return `Computed worsened behind an override: ${c.from} → ${c.to} (reported ${t.item.rag.overall})`;
}

/**
 * Why an item no longer rated is Not assessed now (its Not assessed reasons), or what an item newly rated is
 * rated on: in words, for naming the item beside its move.
 */
export function ratedMoveText(t: ItemTrend): string {
  // "Red → Not assessed: cancelled (...)", not "Red → Not assessed: Not assessed: cancelled (...)".
  const why = ratedMoveWhy(t).map((w) => w.replace(/^Not assessed: /, ""));
  return `${t.before?.overall ?? ""} → ${t.item.rag.overall}` + (why.length ? `: ${why.join("; ")}` : "");
}

/** The reasons behind a move to or from Not assessed: why it is not rated now, or what it is rated on now. */
export function ratedMoveWhy(t: ItemTrend): string[] {
  const unrated = t.item.rag.overall === "Not assessed";
  return t.item.reasons.filter((r) => r.text.startsWith("Not assessed") === unrated).map((r) => r.text);
}
