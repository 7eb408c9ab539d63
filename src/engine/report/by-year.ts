/**
 * The highlight report's "By financial year" table (issue 13): for each year the sheets give figures for, its
 * status (closed, in year, not started), allocation, budget, spent, committed, forecast, variance, slippage out
 * of the year and carried forward into it, with a total row; then what the split rests on, which basis the
 * budget was rated on and the allocation by year. The figures are the analysis's `years` (assess/years.ts).
 */
import { formatMoney, toPounds } from "../money";
import type { Pence } from "../money";
import type { ProgrammeAnalysis } from "../model";
import type { CellStyle } from "../plan";
import type { Pager } from "./page-layout";
import type { RowSpec } from "./sheet-builder";
import { FORMAT } from "./sheet-builder";
import { varianceIsCarried, yearVarianceWords } from "../year-words";
import { budgetsNotReadNote } from "../assess/programme";
import type { NotReadField } from "./data-notes";
import { NOT_READ, moneyNotReadNote } from "./data-notes";

export interface ByYearLook {
  heading(text: string): RowSpec;
  head(cells: [number, string, number?][]): RowSpec;
  note(text: string): RowSpec;
  /** Number formats for amounts and for variances (their words: "£7,100 under"). */
  money: string;
  variance: string;
  /** The currency symbol amounts are shown with. */
  symbol: string;
  /** The report's width in columns (at least 11). */
  cols: number;
  /** Money fields no programme sheet gives (data-notes.ts moneyNotRead): printed "not read", not as zero. */
  notRead?: ReadonlySet<NotReadField>;
}

const CELL: CellStyle = { border: true, vAlign: "top" };
const BOLD: CellStyle = { border: true, vAlign: "top", bold: true };

/** Lays the table out from row r; returns the next free row. */
export function byYearSection(a: ProgrammeAnalysis, pager: Pager, r: number, look: ByYearLook): number {
  const v = a.years;
  const title = "By financial year";
  if (!v || (v.rows.length === 0 && v.noYear.items === a.items.length)) {
    return pager.block(r, {
      heading: [look.heading(title)],
      rows: [
        look.note(
          'Not shown: no column of the programme sheets names a financial year (e.g. "Budget 2020/21" or a "Financial year" column), so the money cannot be split by year without guessing.',
        ),
      ],
    });
  }
  const fmt = (p: number) => formatMoney(p as Pence, look.symbol);
  const cell = (col: number, p: number | null, format: string, style = CELL) => ({
    col,
    value: p === null ? null : toPounds(p as Pence),
    format,
    style,
  });
  const notRead = look.notRead ?? new Set<NotReadField>();
  // Spent (F) and Committed (G) in words where no sheet gives them.
  const read = (col: 5 | 6, p: number, style = CELL) =>
    notRead.has(col === 5 ? "spent" : "committed")
      ? { col, value: NOT_READ, style: { ...style, italic: true, hAlign: "right" as const } }
      : cell(col, p, look.money, style);
  const total = { allocation: 0, budget: 0, spent: 0, committed: 0, forecast: 0, slippage: 0, carried: 0 };
  const body: RowSpec[] = v.rows.map((y) => {
    total.allocation += y.allocation ?? 0;
    total.budget += y.budget;
    total.spent += y.spent;
    total.committed += y.committed;
    total.forecast += y.forecast;
    total.slippage += y.slippage;
    total.carried += y.carriedIn;
    const style = y.status === "in year" ? BOLD : CELL;
    return [
      { col: 0, value: y.label, style: { ...style, wrap: true }, span: 2, format: FORMAT.text },
      {
        col: 2,
        value: y.status === "in year" ? "In year" : y.status === "closed" ? "Closed" : "Not started",
        style,
      },
      cell(3, y.allocation, look.money, style),
      cell(4, y.budget, look.money, style),
      read(5, y.spent, style),
      read(6, y.committed, style),
      cell(7, y.forecast, look.money, style),
      // A year over its budget by money carried into it says so in words, not as an overspend.
      varianceIsCarried(y)
        ? {
            col: 8,
            value: yearVarianceWords(y, v.rows, fmt),
            style: { ...style, wrap: true, hAlign: "right" as const },
          }
        : cell(8, y.variance, look.variance, style),
      cell(9, y.slippage, look.money, style),
      cell(10, y.carriedIn, look.money, style),
    ];
  });
  const n = v.noYear;
  if (n.items > 0) {
    body.push([
      { col: 0, value: `(no year: ${n.items} item${n.items === 1 ? "" : "s"})`, style: CELL, span: 2 },
      { col: 2, value: null, style: CELL },
      cell(3, null, look.money),
      cell(4, n.budget, look.money),
      read(5, n.spent),
      read(6, n.committed),
      cell(7, n.forecast, look.money),
      cell(8, n.forecast - n.budget, look.variance),
      cell(9, null, look.money),
      cell(10, null, look.money),
    ]);
  }
  const split = v.rows.some((y) => y.allocation !== null);
  const budget = total.budget + n.budget;
  const forecast = total.forecast + n.forecast;
  body.push([
    { col: 0, value: "Total", style: BOLD, span: 2 },
    { col: 2, value: null, style: BOLD },
    cell(3, split ? total.allocation : a.allocation, look.money, BOLD),
    cell(4, budget, look.money, BOLD),
    read(5, total.spent + n.spent, BOLD),
    read(6, total.committed + n.committed, BOLD),
    cell(7, forecast, look.money, BOLD),
    cell(8, forecast - budget, look.variance, BOLD),
    cell(9, total.slippage, look.money, BOLD),
    cell(10, total.carried, look.money, BOLD),
  ]);
  const current = v.rows.find((y) => y.status === "in year");
  const notes: string[] = [];
  notes.push(
    `Split by ${v.basis.join("; ")}.` +
      (n.items > 0 ? ` ${n.items} item${n.items === 1 ? " names" : "s name"} no year.` : "") +
      " Slippage is money a year's forecast underspends that the sheets move into a later year (their slippage or carry-forward columns, a re-profiled budget, or a later year's forecast taking it up); carried forward is the same money arriving in the later year.",
  );
  if (v.budgetsNotRead > 0) notes.push(`${budgetsNotReadNote(v.budgetsNotRead)}.`);
  const notReadNote = moneyNotReadNote(notRead, look.symbol);
  if (notReadNote) notes.push(notReadNote);
  notes.push(
    split
      ? `The allocation by financial year in the rules: ${v.rows
          .filter((y) => y.allocation !== null)
          .map((y) => `${y.label} ${fmt(y.allocation!)}`)
          .join(", ")}.`
      : `The allocation, ${fmt(a.allocation)}, is for the whole programme: the rules do not split it by financial year.`,
  );
  notes.push(
    v.budgetBasis === "inYear"
      ? `Budget RAG rated in-year, on ${current ? `${current.label}'s figures` : "the current year's figures"} (as the rules say): ${a.programmeRag.budget.reason}`
      : `Budget RAG rated on the whole programme (as the rules say): ${a.programmeRag.budget.reason}`,
  );
  if (current && current.spent === 0 && current.forecast > 0 && !notRead.has("spent"))
    notes.push(`Nothing is shown as spent in ${current.label} yet.`);
  return pager.block(r, {
    heading: [look.heading(title)],
    header: [
      look.head([
        [0, "Financial year", 2],
        [2, "Status"],
        [3, "Allocation"],
        [4, "Budget"],
        [5, "Spent"],
        [6, "Committed"],
        [7, "Forecast"],
        [8, "Variance"],
        [9, "Slippage out"],
        [10, "Carried forward in"],
      ]),
    ],
    rows: body,
    notes: notes.map((t) => look.note(t)),
    continued: [look.heading(`${title} (continued)`)],
  });
}
