/**
 * The "Highlight Report" sheet the quarterly performance meeting reads, as a layout both adapters render.
 * Nothing is hidden: warnings about the date and the figures, the programme's RAGs this quarter beside last,
 * the budget against the allocation, RAG counts with their flows, overrides counted, data notes, the
 * reconciliation with the sheet's own total, the exceptions (Red and Amber items and every item an override
 * rates better than the rules) with from → to since last quarter, what improved, new and closed items, money
 * movement, totals by theme (and by financial year where the sheet names years), items due next quarter,
 * the top risks and in-cell bar charts. A4 landscape at a fixed scale that fits one page wide, paginated by
 * the layout itself: tables repeat their header on each page and headings stay with their tables.
 */
import { dayFromExcelSerial, excelSerialFromDay, formatDayUk } from "../dates";
import type { Pence } from "../money";
import { absPence, formatMoney, toPounds } from "../money";
import { fractionFromPercent, percentFromFraction } from "../percent";
import type { CurrencyCode } from "../read/cells";
import { CURRENCY_SYMBOL } from "../read/cells";
import type { DimensionKey } from "../assess/registry";
import { dimensionLabel, dimensions, ragHeaderOf } from "../assess/registry";
import type { AssessedItem, Breakdown, ProgrammeAnalysis } from "../model";
import type { CellStyle, LayoutValue, SheetLayout } from "../plan";
import type { OverallRag, RagCountKey } from "../rag";
import { RAG_COUNT_KEYS, RAG_STYLE } from "../rag";
import { DEFAULT_PROGRAMME_NAME } from "../analyse";
import { CYCLE_WORD, cycleTitle } from "../cycle";
import type { Direction, PreviousSnapshot } from "./history";
import {
  EXCEPTION_LIMIT,
  EXCEPTION_ORDER_NOTE,
  comingUp,
  exceptionOrder,
  exceptions as exceptionList,
  isException,
  nextQuarter,
  overrideCounts,
  overrideHeader,
  overrideText,
  ratedRiskScore,
  topRisks,
} from "./exceptions";
import type { NotReadField } from "./data-notes";
import {
  NOT_READ,
  dataNoteLines,
  dataNotes,
  moneyNotRead,
  moneyNotReadNote,
  moneyPartlyReadNote,
  reconcile,
} from "./data-notes";
import { reportWarnings } from "./notes";
import { keyMilestonesSection } from "./key-milestones-section";
import { byYearSection } from "./by-year";
import type { RowSpec } from "./sheet-builder";
import { FORMAT, MAX_ROW_HEIGHT, SheetBuilder, clip } from "./sheet-builder";
import {
  A4_LANDSCAPE,
  Pager,
  VARIANCE_PERCENT,
  moneyFormat,
  scaleToFit,
  varianceFormat,
} from "./page-layout";
import type { ItemTrend, Trend } from "./trend";
import { behindOverrideText, changeText, computeTrend, ratedMoveWhy } from "./trend";
import type { SectionKit } from "./section-kit";
import { riskHeatMapSection } from "./risk-heatmap";
import type { RiskScoresBefore } from "./top-risks";
import { topRisksSection } from "./top-risks-section";
import { budgetsNotReadNote } from "../assess/programme";

export { DEFAULT_PROGRAMME_NAME, exceptionOrder, isException, nextQuarter };
export const HIGHLIGHT_SHEET = "Highlight Report";

export interface HighlightOptions {
  /** Overrides the analysis's programme name. */
  programmeName?: string;
  /** The previous quarter's snapshot from the history, for the trend. */
  previous?: PreviousSnapshot | null;
  /** When the report was built: an Excel serial date-time (local). */
  generatedAt?: number;
  /** How many top risks to list. */
  topRisks?: number;
  /** How many exceptions to list (the rest are counted). */
  exceptionLimit?: number;
  /** The risk scores of the last snapshot in the Risk History, for the register's direction of travel. */
  riskScoresBefore?: RiskScoresBefore | null;
}

/** The report's columns: the exceptions table's (Ref, Project, Owner, one per rated dimension, Computed ...). */
export const HIGHLIGHT_WIDTHS = [8, 26, 16, ...dimensions().map(() => 15), 15, 15, 18, 36, 31];
const COLS = HIGHLIGHT_WIDTHS.length; // A..K with the three dimensions of today
/** The exceptions table's first column after the dimensions' (Computed). */
const AFTER_DIMS = 3 + dimensions().length;
const TITLE: CellStyle = { bold: true, fontSize: 16 };
const SECTION: CellStyle = { bold: true, fontSize: 12, fontColor: "#1F3864" };
const HEAD: CellStyle = { bold: true, fill: "#D9E1F2", border: true, wrap: true, vAlign: "center" };
const BODY: CellStyle = { border: true, vAlign: "top", wrap: true };
const NUM: CellStyle = { border: true, vAlign: "top" };
const LABEL: CellStyle = { bold: true };
const NOTE: CellStyle = { italic: true, wrap: true, vAlign: "top" };
/** A figure no sheet gives, in words where its amount would be. */
const NOT_READ_STYLE: CellStyle = { italic: true, hAlign: "right" };
const WARN: CellStyle = { bold: true, wrap: true, fill: "#FFF2CC", border: true, vAlign: "top" };

const pounds = (p: Pence | null): LayoutValue => (p === null ? null : toPounds(p));
const RAG_CELL: Record<string, CellStyle> = Object.fromEntries(
  Object.entries(RAG_STYLE).map(([rag, s]) => [
    rag,
    {
      fill: s.fill,
      fontColor: s.font,
      bold: true,
      hAlign: "center",
      vAlign: "top",
      border: true,
      wrap: true,
    } as CellStyle,
  ]),
);
const PLAIN_CELL: CellStyle = { border: true, hAlign: "center", vAlign: "top", wrap: true };
/** The style of a cell holding a RAG word: its fill and text colour (shared objects: reports can be long). */
const ragStyle = (rag: OverallRag | string): CellStyle => RAG_CELL[rag] ?? PLAIN_CELL;
/**
 * Bar colours: a darker shade of each RAG fill, so that the bar and its count ("████ 5"), printed in the same
 * colour on white, read at a contrast of at least 4.5:1 (WCAG AA). The pale fills (Amber #FDB863 read 1.7:1)
 * would not; Red's fill already does. The status word in the row's first cell keeps it from being colour alone.
 */
const BAR_COLOUR: Record<string, string> = {
  ...Object.fromEntries(Object.entries(RAG_STYLE).map(([k, s]) => [k, s.fill])),
  "Amber/Red": "#A34500",
  Amber: "#8A5300",
  "Amber/Green": "#4D7A1F",
  Green: "#2E7D32",
  Complete: "#2B6A8C",
  "Not assessed": "#595959",
};

/** Share of the programme period elapsed by the reporting date (0-1). */
export function timeElapsed(a: ProgrammeAnalysis): number {
  const total = a.periodEnd - a.periodStart + 1;
  const done = a.reportingDate - a.periodStart + 1;
  return Math.min(1, Math.max(0, done / total));
}

/** A bar of block characters `fraction` of `width` long (eighths for the tail), for in-cell charts. */
export function bar(fraction: number, width: number): string {
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(f * width * 8);
  const tail = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]!;
  return "█".repeat(Math.floor(eighths / 8)) + tail;
}

/** Words for how an item moved since last quarter: its changed dimensions, or new / no change. */
function sinceText(t: ItemTrend | undefined, quarter: string): string {
  if (!t) return "";
  if (t.before === null) return `New since ${quarter}`;
  const lines = t.changes.map(changeText);
  if (t.worseBehindOverride) lines.push(behindOverrideText(t));
  if (lines.length === 0) return "No change";
  return lines.join("\n");
}

/** Coming up of this many rows or fewer is printed on one page, never split across a page break. */
export const COMING_UP_ONE_PAGE = 10;

export function highlightLayout(a: ProgrammeAnalysis, options: HighlightOptions = {}): SheetLayout {
  // Amounts in the sheets' own currency (issue: a sheet in dollars is reported in dollars, not £).
  const symbol = CURRENCY_SYMBOL[a.currency as CurrencyCode] ?? "£";
  const MONEY = moneyFormat(symbol);
  const VARIANCE = varianceFormat(symbol);
  const fmt = (p: Pence): string => formatMoney(p, symbol);
  const signed = (p: Pence) => (p > 0 ? "+" : p < 0 ? "-" : "") + fmt(Math.abs(p) as Pence);
  const b = new SheetBuilder("highlight", HIGHLIGHT_SHEET, "first");
  b.widths = [...HIGHLIGHT_WIDTHS];
  b.tabColor = "#1F3864";
  const name = options.programmeName ?? a.programmeName ?? DEFAULT_PROGRAMME_NAME;
  const prev = options.previous ?? null;
  const trend: Trend | null = computeTrend(a, prev);
  const trendOf = new Map<AssessedItem, ItemTrend>();
  for (const t of trend?.items ?? []) trendOf.set(t.item, t);
  const t = a.totals;
  const unit = a.cycle === "month" ? "month" : "quarter";
  const lastQ = trend ? `Last ${unit} (${trend.label})` : `Last ${unit}`;

  // Heading (rows 0-1 repeat at the top of every printed page): the title says the period reported.
  b.set(
    0,
    0,
    `${name}: programme highlight report, ${cycleTitle(a.reportingDate, a.cycle)}`,
    null,
    TITLE,
  ).merge(0, 0, 1, COLS);
  const generated =
    options.generatedAt !== undefined
      ? ` · generated ${formatDayUk(dayFromExcelSerial(options.generatedAt, a.dateSystem))}`
      : "";
  b.set(
    1,
    0,
    `Reporting date ${formatDayUk(a.reportingDate)} · ${a.period} · programme period ${formatDayUk(a.periodStart)} to ${formatDayUk(a.periodEnd)} · ${CYCLE_WORD[a.cycle]} report${trend ? `, compared with ${trend.label} (${formatDayUk(trend.reportingDate)})` : `, no earlier ${unit} in the RAG History`}${generated}`,
    null,
    { italic: true },
  ).merge(1, 0, 1, COLS);
  let r = 2;
  for (const w of reportWarnings(a, trend)) {
    b.set(r, 0, `Warning: ${w}`, null, WARN).merge(r, 0, 1, COLS);
    b.style(r, 0, 1, COLS, WARN);
    r++;
  }

  // The programme's RAGs, this quarter beside last.
  const pp = trend?.programme ?? null;
  b.row(r, 0, ["Programme", null, `This ${unit}`, lastQ, "Why"], [], HEAD).merge(r, 0, 1, 2);
  b.merge(r, 4, 1, COLS - 4);
  b.style(r, 4, 1, COLS - 4, HEAD);
  r++;
  const progRows: [string, string, string | null][] = [
    ["Programme RAG", a.programmeRag.rag, pp ? pp.rag : null],
    [ragHeaderOf("budget"), a.programmeRag.budget.rag, pp ? pp.budgetRag : null],
    ["Delivery RAG", a.programmeRag.delivery.rag, pp ? pp.deliveryRag : null],
  ];
  const reasonRow = r;
  for (const [label, now, then] of progRows) {
    b.set(r, 0, label, null, { ...LABEL, border: true }).merge(r, 0, 1, 2);
    b.style(r, 0, 1, 2, { border: true });
    b.set(r, 2, now, null, ragStyle(now));
    b.set(r, 3, then || (trend ? "not recorded" : "no history"), null, ragStyle(then ?? ""));
    r++;
  }
  b.set(reasonRow, 4, a.programmeRag.reason, null, { wrap: true, vAlign: "top", border: true }).merge(
    reasonRow,
    4,
    3,
    COLS - 4,
  );
  b.style(reasonRow, 4, 3, COLS - 4, { border: true });
  r++;

  // Budget panel (A-D) beside the RAG counts with their flows (F-K).
  b.set(r, 0, "Budget against allocation", null, SECTION).merge(r, 0, 1, 4);
  b.set(r, 5, "RAG status of items", null, SECTION).merge(r, 5, 1, 6);
  r++;
  const pctOf = (p: Pence, of: Pence): LayoutValue => (of === 0 ? null : p / of);
  // A money field no sheet gives is printed "not read", never as a total of zero.
  const notRead = moneyNotRead(a);
  const readOr = (f: NotReadField, p: Pence): [LayoutValue, LayoutValue] =>
    notRead.has(f) ? [NOT_READ, null] : [pounds(p), pctOf(p, a.allocation)];
  const budgetRows: [string, LayoutValue, LayoutValue][] = [
    ["Allocation", pounds(a.allocation), null],
    ["Allocated to items", pounds(t.budget), pctOf(t.budget, a.allocation)],
    // Budgets beyond the allocation are said as such, not as a negative "Unallocated".
    t.unallocated < 0
      ? ["Over-allocated", pounds(absPence(t.unallocated)), pctOf(absPence(t.unallocated), a.allocation)]
      : ["Unallocated", pounds(t.unallocated), pctOf(t.unallocated, a.allocation)],
    ["Spent to date", ...readOr("spent", t.spent)],
    ["Committed", ...readOr("committed", t.committed)],
    ["Forecast outturn", pounds(t.forecast), pctOf(t.forecast, a.allocation)],
    [
      "Variance to allocation",
      pounds(t.varianceToAllocation),
      t.variancePctToAllocation === null ? null : fractionFromPercent(t.variancePctToAllocation),
    ],
  ];
  b.set(r, 0, "Figure", null, { bold: true }).merge(r, 0, 1, 2);
  b.row(r, 2, [symbol, "% of allocation"], [], { bold: true, hAlign: "right" });
  b.style(r, 0, 1, 4, HEAD);
  const countsTop = r;
  r++;
  for (const [label, money, pct] of budgetRows) {
    const isVariance = label.startsWith("Variance");
    b.set(r, 0, label, null, LABEL).merge(r, 0, 1, 2);
    b.set(r, 2, money, isVariance ? VARIANCE : MONEY, money === NOT_READ ? NOT_READ_STYLE : undefined);
    b.set(r, 3, pct, isVariance ? VARIANCE_PERCENT : FORMAT.percent1);
    b.style(r, 0, 1, 4, { border: true });
    r++;
  }
  b.set(r, 0, "Variance to budget (% of budget)", null, LABEL).merge(r, 0, 1, 2);
  b.set(r, 2, pounds(t.variance), VARIANCE);
  b.set(r, 3, t.budget === 0 ? null : t.variance / Math.abs(t.budget), VARIANCE_PERCENT);
  b.style(r, 0, 1, 4, { border: true });
  r++;
  if (t.budgetsNotRead > 0) {
    b.set(r, 0, `${budgetsNotReadNote(t.budgetsNotRead)}.`, null, NOTE).merge(r, 0, 1, 4);
    r++;
  }
  const notReadNote =
    [moneyNotReadNote(notRead, symbol), moneyPartlyReadNote(a)].filter((x) => x !== null).join(" ") || null;
  if (notReadNote) {
    b.set(r, 0, notReadNote, null, NOTE).merge(r, 0, 1, 4);
    r++;
  }
  if (trend && trend.forecastChange !== null) {
    b.set(r, 0, `Forecast change since ${trend.label}`, null, LABEL).merge(r, 0, 1, 2);
    b.set(r, 2, pounds(trend.forecastChange), MONEY);
    b.set(r, 3, pctOf(trend.forecastChange, a.allocation), FORMAT.percent1);
    b.style(r, 0, 1, 4, { border: true });
    r++;
  }
  const elapsed = timeElapsed(a);
  const spentShare = a.allocation === 0 ? 0 : t.spent / a.allocation;
  b.set(r, 0, "Time elapsed (programme period)", null, LABEL).merge(r, 0, 1, 2);
  b.set(r, 3, elapsed, FORMAT.percent1);
  b.style(r, 0, 1, 4, { border: true });
  r++;
  b.set(
    r,
    0,
    (notRead.has("spent")
      ? `Spend to date not read, with ${percentFromFraction(elapsed).toFixed(1)}% of the programme period elapsed.`
      : `Spent ${percentFromFraction(spentShare).toFixed(1)}% of the allocation with ${percentFromFraction(elapsed).toFixed(1)}% of the programme period elapsed.`) +
      " Percentages are of the allocation unless they say otherwise.",
    null,
    NOTE,
  ).merge(r, 0, 1, 4);
  const budgetEnd = r;

  // RAG counts with flows since last quarter: how many joined and left each status, not only the net change.
  let cr = countsTop;
  b.row(cr, 5, ["Status", "Items", lastQ, "Joined", "Left", "Net change"], [], HEAD);
  cr++;
  for (const key of RAG_COUNT_KEYS) {
    const f = trend?.flows[key];
    b.set(cr, 5, key, null, ragStyle(key));
    b.row(
      cr,
      6,
      [
        a.ragCounts[key],
        f ? f.before : null,
        f ? f.joined : null,
        f ? f.left : null,
        f ? f.now - f.before : null,
      ],
      [FORMAT.integer, FORMAT.integer, FORMAT.integer, FORMAT.integer, "+0;-0;0"],
    );
    b.style(cr, 6, 1, 5, { border: true });
    cr++;
  }
  b.set(cr, 5, "Total", null, { bold: true, border: true });
  b.set(cr, 6, a.items.length, FORMAT.integer, { bold: true, border: true });
  b.set(
    cr,
    7,
    trend ? trend.items.filter((x) => x.before).length + trend.closed.length : null,
    FORMAT.integer,
    {
      border: true,
    },
  );
  b.set(cr, 8, trend ? trend.newItems.length : null, FORMAT.integer, { border: true });
  b.set(cr, 9, trend ? trend.closed.length : null, FORMAT.integer, { border: true });
  b.style(cr, 10, 1, 1, { border: true });
  cr++;
  const oc = overrideCounts(a.items);
  const countNote =
    (trend
      ? `Joined and Left count items moving between statuses since ${trend.label} (Total: new and closed items). `
      : "") +
    (oc.total > 0
      ? `Counts are of the ratings as reported. ${oc.total} rating${oc.total === 1 ? " was" : "s were"} set by an override column: ${oc.up} better than the rules rate ${oc.up === 1 ? "it" : "them"} (listed in the exceptions with both ratings), ${oc.down} worse, ${oc.same} the same${oc.withoutReason ? `; ${oc.withoutReason} with no reason given on the sheet` : ""}.`
      : "No rating was set by an override column.");
  r = Math.max(budgetEnd, cr) + 1;
  b.set(r, 0, countNote, null, NOTE).merge(r, 0, 1, COLS);
  r += 2;

  // From here the layout paginates itself.
  const scale = scaleToFit(HIGHLIGHT_WIDTHS);
  const capacity = (A4_LANDSCAPE.height / fractionFromPercent(scale)) * 0.93;
  const heights = b.heightsSoFar();
  const pager = new Pager(b, capacity, heights[0]! + heights[1]!);
  pager.used = heights.slice(0, r).reduce((n, h) => n + h, 0);

  const heading = (text: string): RowSpec => [{ col: 0, value: text, style: SECTION, span: COLS }];
  const note = (text: string, style: CellStyle = NOTE): RowSpec => [
    { col: 0, value: text, style, span: COLS },
  ];
  const head = (cells: [number, string, number?][]): RowSpec =>
    cells.map(([col, value, span]) => ({ col, value, style: HEAD, span: span ?? 1 }));
  const rag = (col: number, value: string, span = 1): RowSpec[number] => ({
    col,
    value,
    style: ragStyle(value),
    span,
  });
  const text = (col: number, value: LayoutValue, span = 1, format: string | null = null) => ({
    col,
    value,
    style: BODY,
    span,
    format,
  });
  const num = (col: number, value: LayoutValue, format: string) => ({ col, value, style: NUM, format });

  // Data notes: what went into the totals.
  const notes = dataNotes(a);
  // Every line whole (never cut with "…"): a group lists fewer cells, saying where the rest are, rather than
  // outgrow the tallest row Excel allows.
  const noteRow = (l: string) => note(l, { wrap: true, vAlign: "top" });
  const noteLines = dataNoteLines(notes, undefined, (l) => b.measure(noteRow(l)) < MAX_ROW_HEIGHT);
  if (noteLines.length > 0) {
    r = pager.block(r, {
      heading: [heading("Data notes: what went into the totals")],
      rows: noteLines.map(noteRow),
      continued: [heading("Data notes (continued)")],
    });
    r = pager.gap(r);
  }

  // Reconciliation with the sheet's own grand total.
  for (const rec of reconcile(a)) {
    const tot = rec.total;
    r = pager.block(r, {
      heading: [
        heading(`Reconciliation with the sheet's own total: "${tot.sheet}" row ${tot.row} (${tot.label})`),
      ],
      header: [
        head([
          [0, "Figure", 2],
          [2, "Sheet's total"],
          [3, "This report"],
          [4, "Difference"],
          [5, "Explained by", COLS - 5],
        ]),
      ],
      rows: rec.lines.map((l) => [
        { col: 0, value: l.label, style: { ...BODY, bold: true }, span: 2 },
        num(2, pounds(l.sheetFigure), MONEY),
        num(3, pounds(l.reportFigure), MONEY),
        num(4, pounds(l.difference), MONEY),
        text(
          5,
          l.sheetFigure === null
            ? "The sheet's total row has no readable figure here."
            : l.difference === 0
              ? "The figures agree."
              : l.explained.join("\n"),
          COLS - 5,
        ),
      ]),
      keep: 4,
    });
    r = pager.gap(r);
  }

  // Exceptions: every Red and Amber item and every item an override rates better than the rules.
  const all = exceptionList(a.items);
  const limit = options.exceptionLimit ?? EXCEPTION_LIMIT;
  const listed = all.slice(0, limit);
  const excTitle =
    `Exceptions: Red and Amber items, and items an override rates better than the rules (${all.length})` +
    (all.length > listed.length ? `: the worst ${listed.length} listed` : "");
  const excHeader = head([
    [0, "Ref"],
    [1, "Project"],
    [2, "Owner"],
    ...dimensions().map((d, k): [number, string] => [3 + k, d.label]),
    [AFTER_DIMS, "Computed"],
    [AFTER_DIMS + 1, "Reported"],
    [AFTER_DIMS + 2, `Since last ${unit}`],
    [AFTER_DIMS + 3, "Why (reasons)"],
    [AFTER_DIMS + 4, "Commentary, risk, mitigation"],
  ]);
  const excRows: RowSpec[] = listed.map((i) => {
    const ov = overrideText(i, a.sheets);
    const why =
      ov ??
      // Every dimension's reason, a "Not assessed" one too: the row shows each dimension's rating, so a Risk
      // column reading "Not assessed" says why ("no risk score") rather than leaving it unexplained.
      i.reasons
        .filter((x) => !x.text.includes("set by the override column"))
        .map((x) => `${label(x.dimension)}: ${x.text}`)
        .join("\n");
    const side = [
      i.commentary ? `Commentary: ${clip(i.commentary, 300)}` : null,
      // The risk's words once a row: the reasons already quote it when it is what rated the risk.
      i.risk && !why.includes(i.risk) ? `Risk: ${clip(i.risk, 200)}` : null,
      i.mitigation ? `Mitigation: ${clip(i.mitigation, 200)}` : null,
    ]
      .filter(Boolean)
      .join("\n");
    const reported =
      i.rag.override !== null && i.rag.override !== i.rag.computed
        ? `${i.rag.overall}\n(${overrideHeader(i, a.sheets)})`
        : i.rag.overall;
    return [
      text(0, i.ref, 1, FORMAT.text),
      text(1, i.name),
      text(2, i.owner),
      ...dimensions().map((d, k) => rag(3 + k, i.rag[d.key as DimensionKey])),
      rag(AFTER_DIMS, i.rag.computed),
      { col: AFTER_DIMS + 1, value: reported, style: ragStyle(i.rag.overall) },
      text(AFTER_DIMS + 2, trend ? sinceText(trendOf.get(i), trend.label) : ""),
      text(AFTER_DIMS + 3, clip(why, 700)),
      text(AFTER_DIMS + 4, side || null),
    ];
  });
  if (all.length === 0)
    excRows.push(note("No Red or Amber items, and no override rates an item better than the rules."));
  if (all.length > listed.length) {
    const rest = all.slice(listed.length);
    const c: Record<string, number> = {};
    for (const i of rest) c[i.rag.overall] = (c[i.rag.overall] ?? 0) + 1;
    const counts = Object.entries(c)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ");
    excRows.push(
      note(
        `… and ${rest.length} more (${counts}) not listed here. Every item's rating and reasons are in the RAG column of the programme sheets, in the task pane's list and in the CLI's --json output.`,
        { italic: true, bold: true, wrap: true, vAlign: "top" },
      ),
    );
  }
  r = pager.block(r, {
    heading: all.length > 0 ? [heading(excTitle), note(EXCEPTION_ORDER_NOTE)] : [heading(excTitle)],
    header: [excHeader],
    rows: excRows,
    continued: [heading("Exceptions (continued)")],
  });
  r = pager.gap(r);

  if (trend) {
    // Improved since last quarter.
    const improved = [...trend.improved].sort((x, y) => exceptionOrder(x.item, y.item)).slice(0, limit);
    const trendHeader = head([
      [0, "Ref"],
      [1, "Project"],
      [2, "Owner"],
      [3, "Then"],
      [4, "Now"],
      [5, "What changed", 3],
      [8, "Why now", COLS - 8],
    ]);
    const trendRow = (x: ItemTrend): RowSpec => [
      text(0, x.item.ref, 1, FORMAT.text),
      text(1, x.item.name),
      text(2, x.item.owner),
      rag(3, x.before?.overall ?? ""),
      rag(4, x.item.rag.overall),
      text(5, x.changes.map(changeText).join("\n") || null, 3),
      text(
        8,
        x.item.reasons
          .filter((z) => !z.text.startsWith("Not assessed"))
          .map((z) => z.text)
          .join("\n") || "Every dimension assessed is within the rules.",
        COLS - 8,
      ),
    ];
    r = pager.block(r, {
      heading: [heading(`Improved since ${trend.label} (${trend.improved.length})`)],
      header: [trendHeader],
      rows: improved.length
        ? improved.map(trendRow)
        : [note(`No item's overall rating improved since ${trend.label}.`)],
      continued: [heading(`Improved since ${trend.label} (continued)`)],
    });
    if (trend.improved.length > improved.length)
      r = pager.block(r, { rows: [note(moreMoves(trend.improved.length - improved.length))] });
    r = pager.gap(r);

    // Moves to and from Not assessed: neither improved nor worse, so counted and named apart (only when any).
    const unrated = [...trend.noLongerRated, ...trend.newlyRated];
    if (unrated.length > 0) {
      const listedMoves = unrated.slice(0, limit);
      const moveRow = (x: ItemTrend): RowSpec => [
        text(0, x.item.ref, 1, FORMAT.text),
        text(1, x.item.name),
        text(2, x.item.owner),
        rag(3, x.before?.overall ?? ""),
        rag(4, x.item.rag.overall),
        text(5, x.overall === "noLongerRated" ? "No longer rated" : "Newly rated", 3),
        text(
          8,
          clip(
            ratedMoveWhy(x).join("\n") ||
              (x.overall === "newlyRated" ? "Every dimension assessed is within the rules." : ""),
            700,
          ),
          COLS - 8,
        ),
      ];
      r = pager.block(r, {
        heading: [
          heading(
            `No longer rated or newly rated since ${trend.label} (${trend.noLongerRated.length} no longer rated, ${trend.newlyRated.length} newly rated)`,
          ),
          note(
            "A move to or from Not assessed is neither an improvement nor a worsening: these items are not counted as improved or worse.",
          ),
        ],
        header: [
          head([
            [0, "Ref"],
            [1, "Project"],
            [2, "Owner"],
            [3, "Then"],
            [4, "Now"],
            [5, "Change", 3],
            [8, "Why", COLS - 8],
          ]),
        ],
        rows: listedMoves.map(moveRow),
        continued: [heading(`No longer rated or newly rated since ${trend.label} (continued)`)],
      });
      if (unrated.length > listedMoves.length)
        r = pager.block(r, { rows: [note(moreMoves(unrated.length - listedMoves.length))] });
      r = pager.gap(r);
    }

    // A computed rating that worsened behind an override (the reported rating did not): shown when there are any.
    const behind = trend.worseBehindOverride;
    if (behind.length > 0) {
      const listedBehind = behind.slice(0, limit);
      r = pager.block(r, {
        heading: [
          heading(`Computed rating worse behind an override since ${trend.label} (${behind.length})`),
          note(
            "The rules rate these items worse than last time, but the rating column's override kept the reported rating from worsening.",
          ),
        ],
        header: [
          head([
            [0, "Ref"],
            [1, "Project"],
            [2, "Owner"],
            [3, "Computed then"],
            [4, "Computed now"],
            [5, "Reported"],
            [6, "What changed", 2],
            [8, "Why (the rules)", COLS - 8],
          ]),
        ],
        rows: listedBehind.map((x): RowSpec => [
          text(0, x.item.ref, 1, FORMAT.text),
          text(1, x.item.name),
          text(2, x.item.owner),
          rag(3, x.computedChange!.from),
          rag(4, x.computedChange!.to),
          {
            col: 5,
            value: `${x.item.rag.overall}\n(${overrideHeader(x.item, a.sheets)})`,
            style: ragStyle(x.item.rag.overall),
          },
          text(6, [...x.changes.map(changeText), behindOverrideText(x)].join("\n"), 2),
          text(
            8,
            clip(
              x.item.reasons
                .filter((z) => z.dimension !== "overall" || !z.text.includes("set by the"))
                .map((z) => z.text)
                .join("\n"),
              700,
            ),
            COLS - 8,
          ),
        ]),
        continued: [heading(`Computed rating worse behind an override since ${trend.label} (continued)`)],
      });
      if (behind.length > listedBehind.length)
        r = pager.block(r, { rows: [note(moreMoves(behind.length - listedBehind.length))] });
      r = pager.gap(r);
    }

    // Worse since last quarter is in the exceptions' "Since last quarter" column; new and closed items here.
    const moves: RowSpec[] = [
      ...trend.newItems
        .slice(0, limit)
        .map((i) => [
          text(0, i.ref, 1, FORMAT.text),
          text(1, i.name),
          text(2, i.owner),
          text(3, "New"),
          rag(4, i.rag.overall),
          text(5, `On the sheets now, not in ${trend.label}'s snapshot`, COLS - 5),
        ]),
      ...trend.closed
        .slice(0, limit)
        .map((h) => [
          text(0, h.ref, 1, FORMAT.text),
          text(1, h.name),
          text(2, null),
          text(3, "Closed"),
          rag(4, h.overall),
          text(
            5,
            `In ${trend.label}'s snapshot (${h.sheet}), no longer on the sheets; its rating then is shown`,
            COLS - 5,
          ),
        ]),
    ];
    const hidden = Math.max(0, trend.newItems.length - limit) + Math.max(0, trend.closed.length - limit);
    if (hidden > 0) moves.push(note(`… and ${hidden} more (the RAG History holds every quarter's items).`));
    r = pager.block(r, {
      heading: [
        heading(
          `New and closed items since ${trend.label} (${trend.newItems.length} new, ${trend.closed.length} closed)`,
        ),
      ],
      header: [
        head([
          [0, "Ref"],
          [1, "Project"],
          [2, "Owner"],
          [3, "Change"],
          [4, "Overall"],
          [5, "Note", COLS - 5],
        ]),
      ],
      rows: moves.length ? moves : [note("No item is new and none has closed.")],
      continued: [heading("New and closed items (continued)")],
    });
    r = pager.gap(r);

    // Money movement.
    const mm = trend.moneyMoves.slice(0, 10);
    const then = trend.forecastThen;
    const progLine =
      then === null
        ? `The ${trend.label} snapshot holds no forecasts to compare with.`
        : `Programme forecast ${fmt(then)} at ${trend.label} → ${fmt(t.forecast)} now (${signed(trend.forecastChange!)}), against the ${fmt(a.allocation)} allocation; budget RAG ${pp?.budgetRag || "not recorded"} → ${t.rag}.`;
    r = pager.block(r, {
      heading: [
        heading(`Money movement since ${trend.label}: forecast change, largest first`),
        note(progLine, { wrap: true, bold: true, vAlign: "top" }),
      ],
      header: [
        head([
          [0, "Ref"],
          [1, "Project"],
          [2, "Owner"],
          [3, `Forecast ${trend.label}`],
          [4, "Forecast now"],
          [5, "Change"],
          [6, `${ragHeaderOf("budget")} then`],
          [7, `${ragHeaderOf("budget")} now`],
          [8, "Change as % of allocation", 1],
          [9, `${dimensionLabel("budget")} reason now`, 2],
        ]),
      ],
      rows: mm.length
        ? mm.map((x) => [
            text(0, x.item.ref, 1, FORMAT.text),
            text(1, x.item.name),
            text(2, x.item.owner),
            num(3, pounds(x.before!.forecast), MONEY),
            num(4, pounds(x.item.assessedForecast), MONEY),
            num(5, pounds(x.forecastChange), `"+${symbol}"#,##0;-"${symbol}"#,##0;"${symbol}"0`),
            rag(6, x.before!.budgetRag),
            rag(7, x.item.rag.budget),
            num(8, a.allocation === 0 ? null : x.forecastChange! / a.allocation, FORMAT.percent1),
            text(9, x.item.reasons.find((z) => z.dimension === "budget")?.text ?? null, 2),
          ])
        : [note("No item's forecast moved.")],
      continued: [heading("Money movement (continued)")],
    });
    if (trend.moneyMoves.length > mm.length)
      r = pager.block(r, {
        rows: [
          note(
            `… and ${trend.moneyMoves.length - mm.length} more items whose forecast moved (--json lists each item's previous forecast).`,
          ),
        ],
      });
    r = pager.gap(r);
  }

  // By theme.
  const themesNotRead = a.byTheme.reduce((n, x) => n + x.budgetsNotRead, 0);
  r = breakdownBlock(
    pager,
    r,
    "By theme",
    "Theme",
    a.byTheme,
    heading,
    head,
    [themesNotRead > 0 ? `${budgetsNotReadNote(themesNotRead)}.` : null, notReadNote]
      .filter((x): x is string => x !== null)
      .join(" ") || undefined,
    MONEY,
    VARIANCE,
    notRead,
  );
  r = pager.gap(r);

  // By financial year (issue 13: report/by-year.ts).
  r = byYearSection(a, pager, r, {
    heading,
    head,
    note,
    money: MONEY,
    variance: VARIANCE,
    symbol,
    cols: COLS,
    notRead,
  });
  r = pager.gap(r);

  // Coming up: items due next quarter, by their target dates.
  const { quarter: nq, items: dueNext } = comingUp(a);
  const dueListed = dueNext.slice(0, limit);
  r = pager.block(r, {
    heading: [
      heading(`Coming up: items due in ${nq.label} (${formatDayUk(nq.start)} to ${formatDayUk(nq.end)})`),
    ],
    header: [
      head([
        [0, "Ref"],
        [1, "Project"],
        [2, "Owner"],
        [3, "Theme"],
        [4, "Target date"],
        [5, "% complete"],
        [6, dimensionLabel("schedule")],
        [7, "Overall"],
      ]),
    ],
    rows: [
      ...dueListed.map((i) => [
        text(0, i.ref, 1, FORMAT.text),
        text(1, i.name),
        text(2, i.owner),
        text(3, i.theme),
        num(4, excelSerialFromDay(i.end!, a.dateSystem), FORMAT.date),
        num(5, i.progress, FORMAT.percent0),
        rag(6, i.rag.schedule),
        rag(7, i.rag.overall),
      ]),
      ...(dueNext.length === 0 ? [note(`Nothing falls due in ${nq.label}.`)] : []),
    ],
    notes:
      dueNext.length > dueListed.length ? [note(`… and ${dueNext.length - dueListed.length} more.`)] : [],
    continued: [heading("Coming up (continued)")],
    // A short list is kept whole on one page (it moves to the next rather than split), however tall its rows.
    keep: dueListed.length <= COMING_UP_ONE_PAGE ? dueListed.length : undefined,
  });
  r = pager.gap(r);

  r = keyMilestonesSection(pager, r, a, { heading, note, head, text, num, rag }, limit);

  // Top risks by score.
  const risks = topRisks(a, options.topRisks ?? 10);
  r = pager.block(r, {
    heading: [heading("Top risks by score")],
    header: [
      head([
        [0, "Ref"],
        [1, "Project"],
        [2, "Owner"],
        [3, "Theme"],
        [4, "Score"],
        [5, "Risk RAG"],
        [6, "Overall"],
        [7, "Key risk", 3],
        [10, "Mitigation"],
      ]),
    ],
    rows: risks.length
      ? risks.map((i) => [
          text(0, i.ref, 1, FORMAT.text),
          text(1, i.name),
          text(2, i.owner),
          text(3, i.theme),
          num(4, ratedRiskScore(i), FORMAT.integer),
          rag(5, i.rag.risk),
          rag(6, i.rag.overall),
          text(7, i.risk, 3),
          text(10, i.mitigation),
        ])
      : [note("No risks are scored on the programme sheets or in a linked risk register.")],
    notes: risks.length
      ? [
          note(
            "Score: the one that set the item's Risk RAG: its own row's (likelihood × impact, or its risk score), or a linked register risk's where that rates it worse (residual where the register gives one, else inherent); highest first.",
          ),
        ]
      : [],
    continued: [heading("Top risks (continued)")],
  });
  r = pager.gap(r);
  const kit: SectionKit = { cols: COLS, heading, note, head, rag, text, num };
  r = riskHeatMapSection(pager, r, a, kit);
  r = topRisksSection(pager, r, a, kit, options.riskScoresBefore ?? null, options.topRisks ?? 10);

  // Charts: in-cell bars of block characters, so both adapters (and every printer) show the same chart; the
  // Office adapter adds Excel charts of the same tables beside them (columns I-K).
  const chartRows = 14;
  const total = Math.max(1, a.items.length);
  const ragBars: RowSpec[] = RAG_COUNT_KEYS.map((key) => [
    rag(1, key),
    num(2, a.ragCounts[key], FORMAT.integer),
    {
      col: 3,
      value: `${bar(a.ragCounts[key] / total, 36)} ${a.ragCounts[key]}`,
      style: { fontColor: BAR_COLOUR[key]!, vAlign: "center" },
      span: 5,
    },
  ]);
  while (ragBars.length < chartRows - 2) ragBars.push([{ col: 1, value: null }]);
  r = pager.block(r, {
    heading: [
      heading(
        `Chart: RAG status of items, ${a.period} (bars to scale: share of all ${a.items.length} items)`,
      ),
    ],
    header: [
      head([
        [1, "Status"],
        [2, "Items"],
        [3, "Share of items", 5],
      ]),
    ],
    rows: ragBars,
    keep: ragBars.length,
  });
  b.chart({
    kind: "pie",
    title: `RAG status of items, ${a.period}`,
    source: { row: pager.lastHeaderRow!, col: 1, rows: RAG_COUNT_KEYS.length + 1, cols: 2 },
    anchor: { row: pager.lastHeaderRow!, col: 8, rows: chartRows, cols: 3 },
  });
  r = pager.gap(r);
  if (a.byTheme.length > 0) {
    const max = Math.max(1, ...a.byTheme.map((x) => Math.max(x.budget, x.forecast)));
    const themeBars: RowSpec[] = a.byTheme.map((x) => [
      text(1, x.key),
      num(2, toPounds(x.budget), MONEY),
      num(3, toPounds(x.forecast), MONEY),
      { col: 4, value: bar(x.budget / max, 26), style: { fontColor: "#1F3864", vAlign: "center" }, span: 2 },
      {
        col: 6,
        value: bar(x.forecast / max, 26),
        style: { fontColor: x.forecast > x.budget ? "#B2182B" : "#5AAE61", vAlign: "center" },
        span: 2,
      },
    ]);
    while (themeBars.length < chartRows - 2) themeBars.push([{ col: 1, value: null }]);
    r = pager.block(r, {
      heading: [
        heading(
          "Chart: budget and forecast by theme (bars to scale; a forecast bar is red where it is over the theme's budget)",
        ),
      ],
      header: [
        head([
          [1, "Theme"],
          [2, "Budget"],
          [3, "Forecast"],
          [4, "Budget", 2],
          [6, "Forecast", 2],
        ]),
      ],
      rows: themeBars,
      keep: themeBars.length,
    });
    const top = pager.lastHeaderRow!;
    b.chart({
      kind: "barClustered",
      title: "Budget and forecast by theme",
      source: { row: top, col: 1, rows: a.byTheme.length + 1, cols: 3 },
      anchor: { row: top, col: 8, rows: chartRows, cols: 3 },
    });
  }
  const lastPrinted = r - 1;

  b.print = {
    orientation: "landscape",
    paperSize: "A4",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 1 },
    firstPageNumber: 1,
    // Excel's &D prints in the printer's locale (LibreOffice showed 11/25/2026): the report's date is written in
    // UK form instead.
    footer: {
      left: `${name.replace(/&/g, "&&")} highlight report, ${a.period}`,
      center:
        options.generatedAt !== undefined
          ? `Generated ${formatDayUk(dayFromExcelSerial(options.generatedAt, a.dateSystem))}`
          : "",
      // No "of &N": printing the whole workbook makes &N count every sheet's pages ("Page 1 of 28").
      right: "Highlight report page &P",
    },
    area: { rows: lastPrinted + 1, cols: COLS },
  };
  return b.build();
}

function label(dimension: string): string {
  return dimensionLabel(dimension);
}

function breakdownBlock(
  pager: Pager,
  r: number,
  title: string,
  keyTitle: string,
  rows: readonly Breakdown[],
  heading: (t: string) => RowSpec,
  head: (cells: [number, string, number?][]) => RowSpec,
  basis?: string,
  moneyFmt: string = FORMAT.money,
  varianceFmt: string = varianceFormat("£"),
  notRead: ReadonlySet<NotReadField> = new Set(),
): number {
  const FIELD_AT: Partial<Record<number, NotReadField>> = { 4: "spent", 5: "committed" };
  const money = (col: number, p: number, bold = false) => {
    const f = FIELD_AT[col];
    return f !== undefined && notRead.has(f)
      ? { col, value: NOT_READ, style: { ...NOT_READ_STYLE, border: true, vAlign: "top" as const, bold } }
      : {
          col,
          value: toPounds(p as Pence), // p: sums of pence held as plain numbers
          format: col === 7 ? varianceFmt : moneyFmt,
          style: { border: true, vAlign: "top" as const, bold },
        };
  };
  const total = { items: 0, budget: 0, spent: 0, committed: 0, forecast: 0, variance: 0 };
  const body: RowSpec[] = rows.map((x) => {
    total.items += x.items;
    total.budget += x.budget;
    total.spent += x.spent;
    total.committed += x.committed;
    total.forecast += x.forecast;
    total.variance += x.variance;
    return [
      { col: 0, value: x.key, style: BODY, span: 2 },
      { col: 2, value: x.items, format: FORMAT.integer, style: { border: true, vAlign: "top" } },
      money(3, x.budget),
      money(4, x.spent),
      money(5, x.committed),
      money(6, x.forecast),
      money(7, x.variance),
      { col: 8, value: x.worst, style: ragStyle(x.worst) },
    ];
  });
  body.push([
    { col: 0, value: "Total", style: { bold: true, border: true }, span: 2 },
    { col: 2, value: total.items, format: FORMAT.integer, style: { bold: true, border: true } },
    money(3, total.budget, true),
    money(4, total.spent, true),
    money(5, total.committed, true),
    money(6, total.forecast, true),
    money(7, total.variance, true),
  ]);
  if (basis) body.push([{ col: 0, value: basis, style: NOTE, span: COLS }]);
  return pager.block(r, {
    heading: [heading(title)],
    header: [
      head([
        [0, keyTitle, 2],
        [2, "Items"],
        [3, "Budget"],
        [4, "Spent"],
        [5, "Committed"],
        [6, "Forecast"],
        [7, "Variance"],
        [8, "Worst RAG"],
      ]),
    ],
    rows: body,
    continued: [heading(`${title} (continued)`)],
  });
}

/** The note under a list of movers cut at the limit: how many more, and where every item's move is. */
function moreMoves(n: number): string {
  return `… and ${n} more: the CLI's --json output gives every item's move since then (its previous.direction).`;
}

/** More Red, Amber or Not assessed is worse; more Green or Complete is better. */
export function countDirection(key: RagCountKey, before: number, now: number): Direction {
  if (before === now) return "unchanged";
  const up = now > before;
  const goodWhenUp = key === "Green" || key === "Complete";
  return up === goodWhenUp ? "improved" : "worse";
}
