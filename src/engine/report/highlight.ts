/**
 * The "Highlight Report" sheet the quarterly performance meeting reads, as a layout both adapters render:
 * heading with the programme RAG, the budget against the allocation, RAG counts with the direction since last
 * quarter, every Red and Amber item with its reasons, totals by theme and by financial year, milestones due next
 * quarter and the top risks. A4 landscape, one page wide, print titles and a footer with date and page.
 */
import type { DayNumber } from "../dates";
import {
  addDays,
  dayFromExcelSerial,
  excelSerialFromDay,
  formatDayUk,
  periodLabel,
  quarterBounds,
} from "../dates";
import type { Pence } from "../money";
import type { AssessedItem, Breakdown, ProgrammeAnalysis } from "../model";
import type { CellStyle, LayoutValue, SheetLayout } from "../plan";
import type { OverallRag, RagCountKey } from "../rag";
import { RAG_COUNT_KEYS, RAG_STYLE, countKey, severityRank } from "../rag";
import type { Direction, HistoryRow } from "./history";
import { DIRECTION_TEXT, direction, itemKey } from "./history";
import { FORMAT, SheetBuilder } from "./sheet-builder";

export const HIGHLIGHT_SHEET = "Highlight Report";
export const DEFAULT_PROGRAMME_NAME = "ICT Strategy 2020-22";

export interface HighlightOptions {
  programmeName?: string;
  /** The previous quarter's snapshot from the history, for the direction of travel. */
  previous?: { quarter: string; rows: Map<string, HistoryRow> } | null;
  /** When the report was built: an Excel serial date-time (local). */
  generatedAt?: number;
  /** How many top risks to list. */
  topRisks?: number;
}

const COLS = 11; // A..K
const WIDTHS = [7, 26, 15, 16, 12, 12, 12, 13, 12, 40, 36];
const TITLE: CellStyle = { bold: true, fontSize: 16 };
const SECTION: CellStyle = { bold: true, fontSize: 12, fontColor: "#1F3864" };
const HEAD: CellStyle = { bold: true, fill: "#D9E1F2", border: true, wrap: true, vAlign: "center" };
const BODY: CellStyle = { border: true, vAlign: "top", wrap: true };
const LABEL: CellStyle = { bold: true };

const pounds = (p: Pence | null): LayoutValue => (p === null ? null : p / 100);
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
    } as CellStyle,
  ]),
);
const PLAIN_CELL: CellStyle = { border: true };
/** The style of a cell holding a RAG word: its fill and text colour (shared objects: reports can be long). */
const ragStyle = (rag: OverallRag | string): CellStyle => RAG_CELL[rag] ?? PLAIN_CELL;

/** Worst first, then the biggest overspend. */
export function exceptionOrder(a: AssessedItem, b: AssessedItem): number {
  return (
    severityRank(a.rag.overall) - severityRank(b.rag.overall) ||
    (b.variance ?? -Infinity) - (a.variance ?? -Infinity) ||
    a.row - b.row
  );
}

export function isException(i: AssessedItem): boolean {
  const k = countKey(i.rag.overall);
  return k === "Red" || k === "Amber";
}

/** Share of the programme period elapsed by the reporting date (0-1). */
export function timeElapsed(a: ProgrammeAnalysis): number {
  const total = a.periodEnd - a.periodStart + 1;
  const done = a.reportingDate - a.periodStart + 1;
  return Math.min(1, Math.max(0, done / total));
}

export function nextQuarter(day: DayNumber): { start: DayNumber; end: DayNumber; label: string } {
  const { end } = quarterBounds(day);
  const start = addDays(end, 1);
  return { ...quarterBounds(start), label: periodLabel(start) };
}

export function highlightLayout(a: ProgrammeAnalysis, options: HighlightOptions = {}): SheetLayout {
  const b = new SheetBuilder("highlight", HIGHLIGHT_SHEET, "first");
  b.widths = [...WIDTHS];
  b.tabColor = "#1F3864";
  const name = options.programmeName ?? DEFAULT_PROGRAMME_NAME;
  const prev = options.previous ?? null;
  const t = a.totals;

  // Heading.
  b.set(0, 0, `${name}: programme highlight report`, null, TITLE).merge(0, 0, 1, COLS);
  const generated =
    options.generatedAt !== undefined
      ? ` · generated ${formatDayUk(dayFromExcelSerial(options.generatedAt, a.dateSystem))}`
      : "";
  b.set(
    1,
    0,
    `Reporting date ${formatDayUk(a.reportingDate)} · ${a.period} · programme period ${formatDayUk(a.periodStart)} to ${formatDayUk(a.periodEnd)}${prev ? ` · compared with ${prev.quarter}` : ""}${generated}`,
    null,
    { italic: true },
  ).merge(1, 0, 1, COLS);
  b.set(2, 0, "Programme RAG", null, { bold: true, vAlign: "center" }).merge(2, 0, 1, 2);
  b.set(2, 2, a.programmeRag.rag, null, ragStyle(a.programmeRag.rag));
  b.set(2, 3, a.programmeRag.reason, null, { wrap: true, vAlign: "center" }).merge(2, 3, 1, COLS - 3);

  // Budget panel (A-D) beside the RAG counts (F-K).
  let r = 4;
  b.set(r, 0, "Budget against allocation", null, SECTION).merge(r, 0, 1, 4);
  b.set(r, 5, "RAG status of items", null, SECTION).merge(r, 5, 1, 6);
  r++;
  const pctOf = (p: Pence, of: Pence): LayoutValue => (of === 0 ? null : p / of);
  const budgetRows: [string, LayoutValue, LayoutValue, string?][] = [
    ["Allocation", pounds(a.allocation), null],
    ["Allocated to items", pounds(t.budget), pctOf(t.budget, a.allocation), "of allocation"],
    ["Unallocated", pounds(t.unallocated), pctOf(t.unallocated, a.allocation), "of allocation"],
    ["Spent to date", pounds(t.spent), pctOf(t.spent, a.allocation), "of allocation"],
    ["Committed", pounds(t.committed), pctOf(t.committed, a.allocation), "of allocation"],
    ["Forecast outturn", pounds(t.forecast), pctOf(t.forecast, a.allocation), "of allocation"],
    [
      "Variance to budget",
      pounds(t.variance),
      t.budget === 0 ? null : t.variance / Math.abs(t.budget),
      "of budget",
    ],
    [
      "Variance to allocation",
      pounds(t.varianceToAllocation),
      t.variancePctToAllocation === null ? null : t.variancePctToAllocation / 100,
      "of allocation",
    ],
  ];
  b.set(r, 0, "Figure", null, { bold: true }).merge(r, 0, 1, 2);
  b.row(r, 2, ["£", "%"], [], { bold: true, hAlign: "right" });
  b.style(r, 0, 1, 4, HEAD);
  const countsTop = r;
  r++;
  for (const [label, money, pct] of budgetRows) {
    b.set(r, 0, label, null, LABEL).merge(r, 0, 1, 2);
    b.set(r, 2, money, FORMAT.money);
    b.set(r, 3, pct, FORMAT.percent1);
    b.style(r, 0, 1, 4, { border: true });
    r++;
  }
  b.set(r, 0, "Programme budget RAG", null, LABEL).merge(r, 0, 1, 2);
  b.set(r, 2, t.rag, null, ragStyle(t.rag));
  b.style(r, 0, 1, 2, { border: true });
  b.style(r, 3, 1, 1, { border: true });
  r++;
  const elapsed = timeElapsed(a);
  const spentShare = a.allocation === 0 ? 0 : t.spent / a.allocation;
  b.set(r, 0, "Time elapsed (programme period)", null, LABEL).merge(r, 0, 1, 2);
  b.set(r, 3, elapsed, FORMAT.percent1);
  b.style(r, 0, 1, 4, { border: true });
  r++;
  b.set(
    r,
    0,
    `Spent ${(spentShare * 100).toFixed(1)}% of the allocation with ${(elapsed * 100).toFixed(1)}% of the programme period elapsed.`,
    null,
    { italic: true, wrap: true },
  ).merge(r, 0, 1, 4);
  const budgetEnd = r;

  // RAG counts with direction since last quarter.
  let cr = countsTop;
  b.row(
    cr,
    5,
    ["Status", "Items", prev ? `Last quarter (${prev.quarter})` : "Last quarter", "Change", "Direction", ""],
    [],
    HEAD,
  );
  b.merge(cr, 9, 1, 2);
  const countsSource = { row: cr, col: 5, rows: RAG_COUNT_KEYS.length + 1, cols: 2 };
  cr++;
  const prevCounts = prev ? countRows(prev.rows) : null;
  for (const key of RAG_COUNT_KEYS) {
    const now = a.ragCounts[key];
    const before = prevCounts ? prevCounts[key] : null;
    const dir = before === null ? null : countDirection(key, before, now);
    b.set(cr, 5, key, null, ragStyle(key));
    b.row(
      cr,
      6,
      [now, before, before === null ? null : now - before],
      [FORMAT.integer, FORMAT.integer, "+0;-0;0"],
    );
    b.set(cr, 9, dir === null ? (prev ? "" : "no earlier quarter") : DIRECTION_TEXT[dir]).merge(cr, 9, 1, 2);
    b.style(cr, 6, 1, 5, { border: true });
    cr++;
  }
  b.set(cr, 5, "Total", null, { bold: true, border: true });
  b.set(cr, 6, a.items.length, FORMAT.integer, { bold: true, border: true });
  b.set(cr, 7, prev ? prev.rows.size : null, FORMAT.integer, { border: true });
  r = Math.max(budgetEnd, cr) + 2;

  // Exceptions.
  const exceptions = a.items.filter(isException).sort(exceptionOrder);
  b.set(r, 0, `Exceptions: Red and Amber items (${exceptions.length})`, null, SECTION).merge(r, 0, 1, COLS);
  r++;
  b.row(
    r,
    0,
    [
      "Ref",
      "Project",
      "Owner",
      "Theme",
      "Budget",
      "Schedule",
      "Risk",
      "Overall",
      "Since last quarter",
      "Why (reasons)",
      "Key risk and mitigation",
    ],
    [],
    HEAD,
  );
  r++;
  if (exceptions.length === 0) {
    b.set(r, 0, "No Red or Amber items.", null, { italic: true }).merge(r, 0, 1, COLS);
    r++;
  }
  for (const i of exceptions) {
    const before = prev?.rows.get(itemKey(i))?.overall;
    const dir: Direction | null = prev ? direction(before, i.rag.overall) : null;
    const riskText = [i.risk, i.mitigation ? `Mitigation: ${i.mitigation}` : null].filter(Boolean).join("\n");
    b.row(r, 0, [i.id, i.name, i.owner, i.theme], [FORMAT.text], BODY);
    b.set(r, 4, i.rag.budget, null, ragStyle(i.rag.budget));
    b.set(r, 5, i.rag.schedule, null, ragStyle(i.rag.schedule));
    b.set(r, 6, i.rag.risk, null, ragStyle(i.rag.risk));
    b.set(r, 7, i.rag.overall, null, ragStyle(i.rag.overall));
    b.set(r, 8, dir === null ? "" : DIRECTION_TEXT[dir], null, BODY);
    b.set(
      r,
      9,
      i.reasons
        .filter((x) => !x.text.startsWith("Not assessed"))
        .map((x) => `${label(x.dimension)}: ${x.text}`)
        .join("\n"),
      null,
      BODY,
    );
    b.set(r, 10, riskText || null, null, BODY);
    r++;
  }
  r++;

  // By theme.
  b.set(r, 0, "By theme", null, SECTION).merge(r, 0, 1, COLS);
  r++;
  r = breakdownTable(b, r, "Theme", a.byTheme);
  r++;

  // By financial year.
  const hasYears = a.byYear.some((y) => y.key !== "(no year)");
  b.set(r, 0, "By financial year", null, SECTION).merge(r, 0, 1, COLS);
  r++;
  if (hasYears) {
    r = breakdownTable(b, r, "Financial year", a.byYear);
    b.set(r, 0, yearBasisNote(a), null, { italic: true, wrap: true }).merge(r, 0, 1, COLS);
    r++;
  } else {
    b.set(r, 0, "The sheets carry no financial years or target dates to split by.", null, {
      italic: true,
    }).merge(r, 0, 1, COLS);
    r++;
  }
  r++;

  // Coming up: milestones due next quarter.
  const nq = nextQuarter(a.reportingDate);
  const dueNext = a.items
    .filter((i) => i.end !== null && i.end >= nq.start && i.end <= nq.end && i.rag.schedule !== "Complete")
    .sort((x, y) => x.end! - y.end! || x.row - y.row);
  b.set(
    r,
    0,
    `Coming up: milestones due in ${nq.label} (${formatDayUk(nq.start)} to ${formatDayUk(nq.end)})`,
    null,
    SECTION,
  ).merge(r, 0, 1, COLS);
  r++;
  b.row(
    r,
    0,
    ["Ref", "Project", "Owner", "Theme", "Target date", "% complete", "Schedule", "Overall"],
    [],
    HEAD,
  );
  r++;
  if (dueNext.length === 0) {
    b.set(r, 0, "Nothing falls due next quarter.", null, { italic: true }).merge(r, 0, 1, 8);
    r++;
  }
  for (const i of dueNext) {
    b.row(
      r,
      0,
      [i.id, i.name, i.owner, i.theme, excelSerialFromDay(i.end!, a.dateSystem), i.progress],
      [FORMAT.text, null, null, null, FORMAT.date, FORMAT.percent0],
      BODY,
    );
    b.set(r, 6, i.rag.schedule, null, ragStyle(i.rag.schedule));
    b.set(r, 7, i.rag.overall, null, ragStyle(i.rag.overall));
    r++;
  }
  r++;

  // Top risks by score.
  const n = options.topRisks ?? 10;
  const risks = a.items
    .filter((i) => i.assessedRiskScore !== null)
    .sort((x, y) => y.assessedRiskScore! - x.assessedRiskScore! || x.row - y.row)
    .slice(0, n);
  b.set(r, 0, `Top risks by score`, null, SECTION).merge(r, 0, 1, COLS);
  r++;
  b.row(r, 0, ["Ref", "Project", "Owner", "Theme", "Score", "Risk RAG", "Overall"], [], HEAD);
  b.set(r, 7, "Key risk", null, HEAD).merge(r, 7, 1, 3);
  b.set(r, 10, "Mitigation", null, HEAD);
  b.style(r, 7, 1, 3, HEAD);
  r++;
  if (risks.length === 0) {
    b.set(r, 0, "No risks are scored on the programme sheets.", null, { italic: true }).merge(r, 0, 1, COLS);
    r++;
  }
  for (const i of risks) {
    b.row(r, 0, [i.id, i.name, i.owner, i.theme, i.assessedRiskScore], [FORMAT.text], BODY);
    b.set(r, 5, i.rag.risk, null, ragStyle(i.rag.risk));
    b.set(r, 6, i.rag.overall, null, ragStyle(i.rag.overall));
    b.set(r, 7, i.risk, null, BODY).merge(r, 7, 1, 3);
    b.style(r, 7, 1, 3, BODY);
    b.set(r, 10, i.mitigation, null, BODY);
    r++;
  }
  r++;

  // Charts, drawn where the host can (the Office adapter), over data tables both adapters write: the RAG
  // counts above and this budget-and-forecast-by-theme table (the CLI writes the tables and no charts).
  b.set(
    r,
    0,
    "Chart data: RAG status of items (above) and budget and forecast by theme",
    null,
    SECTION,
  ).merge(r, 0, 1, COLS);
  r++;
  const chartTop = r;
  b.row(r, 1, ["Theme", "Budget", "Forecast"], [], HEAD);
  r++;
  for (const x of a.byTheme) {
    b.row(r, 1, [x.key, x.budget / 100, x.forecast / 100], [null, FORMAT.money, FORMAT.money], BODY);
    r++;
  }
  const chartRows = 16;
  b.chart({
    kind: "pie",
    title: `RAG status of items, ${a.period}`,
    source: countsSource,
    anchor: { row: chartTop, col: 4, rows: chartRows, cols: 4 },
  });
  if (a.byTheme.length > 0) {
    b.chart({
      kind: "barClustered",
      title: "Budget and forecast by theme",
      source: { row: chartTop, col: 1, rows: a.byTheme.length + 1, cols: 3 },
      anchor: { row: chartTop, col: 8, rows: chartRows, cols: 3 },
    });
  }
  const lastPrinted = Math.max(r - 1, chartTop + chartRows - 1);

  b.print = {
    orientation: "landscape",
    paperSize: "A4",
    fitToPagesWide: 1,
    printTitleRows: { first: 0, last: 1 },
    // Excel's &D prints in the printer's locale (LibreOffice showed 11/25/2026): the report's date is written in
    // UK form instead.
    footer: {
      left: `${name.replace(/&/g, "&&")} highlight report, ${a.period}`,
      center:
        options.generatedAt !== undefined
          ? `Generated ${formatDayUk(dayFromExcelSerial(options.generatedAt, a.dateSystem))}`
          : "",
      right: "Page &P of &N",
    },
    area: { rows: lastPrinted + 1, cols: COLS },
  };
  return b.build();
}

function label(dimension: string): string {
  return dimension.charAt(0).toUpperCase() + dimension.slice(1);
}

function breakdownTable(b: SheetBuilder, r: number, title: string, rows: readonly Breakdown[]): number {
  b.row(
    r,
    0,
    [title, null, "Items", "Budget", "Spent", "Committed", "Forecast", "Variance", "Worst RAG"],
    [],
    HEAD,
  );
  b.merge(r, 0, 1, 2);
  r++;
  const total = { items: 0, budget: 0, spent: 0, committed: 0, forecast: 0, variance: 0 };
  for (const x of rows) {
    b.set(r, 0, x.key, null, BODY).merge(r, 0, 1, 2);
    b.style(r, 0, 1, 2, BODY);
    b.row(
      r,
      2,
      [x.items, x.budget / 100, x.spent / 100, x.committed / 100, x.forecast / 100, x.variance / 100],
      [FORMAT.integer, FORMAT.money, FORMAT.money, FORMAT.money, FORMAT.money, FORMAT.money],
      { border: true },
    );
    b.set(r, 8, x.worst, null, ragStyle(x.worst));
    total.items += x.items;
    total.budget += x.budget;
    total.spent += x.spent;
    total.committed += x.committed;
    total.forecast += x.forecast;
    total.variance += x.variance;
    r++;
  }
  b.set(r, 0, "Total", null, { bold: true, border: true }).merge(r, 0, 1, 2);
  b.style(r, 0, 1, 2, { bold: true, border: true });
  b.row(
    r,
    2,
    [
      total.items,
      total.budget / 100,
      total.spent / 100,
      total.committed / 100,
      total.forecast / 100,
      total.variance / 100,
    ],
    [FORMAT.integer, FORMAT.money, FORMAT.money, FORMAT.money, FORMAT.money, FORMAT.money],
    { bold: true, border: true },
  );
  return r + 1;
}

function yearBasisNote(a: ProgrammeAnalysis): string {
  const perYear = a.items.some((i) => i.years.length > 0);
  const yearCol = a.items.some((i) => i.years.length === 0 && i.financialYear !== null);
  const byDate = a.items.some((i) => i.years.length === 0 && i.financialYear === null && i.end !== null);
  const parts: string[] = [];
  if (perYear) parts.push("the sheet's per-year columns");
  if (yearCol) parts.push("the sheet's financial year column");
  if (byDate) {
    parts.push(
      parts.length
        ? "otherwise the financial year of each item's target date"
        : "the financial year of each item's target date",
    );
  }
  return `Split by ${parts.join("; ")}.`;
}

function countRows(rows: Map<string, HistoryRow>): Record<RagCountKey, number> {
  const counts: Record<RagCountKey, number> = { Red: 0, Amber: 0, Green: 0, Complete: 0, "Not assessed": 0 };
  for (const r of rows.values()) {
    const k = countKey(r.overall as OverallRag);
    if (k in counts) counts[k]++;
  }
  return counts;
}

/** More Red, Amber or Not assessed is worse; more Green or Complete is better. */
export function countDirection(key: RagCountKey, before: number, now: number): Direction {
  if (before === now) return "unchanged";
  const up = now > before;
  const goodWhenUp = key === "Green" || key === "Complete";
  return up === goodWhenUp ? "improved" : "worse";
}
