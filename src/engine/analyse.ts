/**
 * The engine's front door: sheets of cell values in, the whole analysis out. Pure; never throws on bad input.
 */
import type { DayNumber } from "./dates";
import { dayFromYmd, periodLabel } from "./dates";
import type { SheetGrid } from "./grid";
import { columnIndex } from "./grid";
import type { Pence } from "./money";
import { pence } from "./money";
import type {
  AssessedItem,
  ColumnMapping,
  IgnoredSheet,
  Issue,
  ProgrammeAnalysis,
  SheetReport,
  SkippedRow,
} from "./model";
import type { Rules } from "./rules";
import { DEFAULT_RULES } from "./rules";
import { MAX_COLUMN, readSheet, whyNotRead } from "./read/sheet";
import { transposedFields } from "./read/headers";
import { transposeGrid, untransposeAddress } from "./read/transpose";
import type { CurrencyCode } from "./read/cells";
import { CURRENCY_SYMBOL } from "./read/cells";
import { assessInPlace, locatorFor } from "./assess/item";
import { byTheme, byYear, programmeRag, programmeTotals, ragCounts } from "./assess/programme";

export const DEFAULT_ALLOCATION: Pence = pence(1_200_000_00);
export const PROGRAMME_START: DayNumber = dayFromYmd(2020, 4, 1);
export const PROGRAMME_END: DayNumber = dayFromYmd(2022, 3, 31);

export interface AnalyseOptions {
  reportingDate: DayNumber;
  allocation?: Pence;
  rules?: Rules;
  /** The tool's own sheets (highlight report, history, change log): never read as programme sheets. */
  ownSheets?: readonly string[];
  periodStart?: DayNumber;
  periodEnd?: DayNumber;
}

export const RAG_HEADER = "RAG";
export const COMPUTED_RAG_HEADER = "Computed RAG";

export function analyse(sheets: readonly SheetGrid[], options: AnalyseOptions): ProgrammeAnalysis {
  const rules = options.rules ?? DEFAULT_RULES;
  const allocation = options.allocation ?? DEFAULT_ALLOCATION;
  const own = new Set((options.ownSheets ?? []).map((s) => s.toLowerCase()));
  const reports: SheetReport[] = [];
  const ignoredSheets: IgnoredSheet[] = [];
  const items: AssessedItem[] = [];
  const skipped: SkippedRow[] = [];
  const issues: Issue[] = [];
  const columnsBySheet = new Map<string, ColumnMapping[]>();

  for (const grid of sheets) {
    if (own.has(grid.name.toLowerCase())) {
      ignoredSheets.push({ name: grid.name, reason: "the tool's own sheet" });
      continue;
    }
    if (!grid.visible) {
      ignoredSheets.push({ name: grid.name, reason: "hidden sheet" });
      continue;
    }
    let read = readSheet(grid);
    let transposed = false;
    // Field names down the first column, one project per column: read it turned, write nothing into it. Also
    // where a row happens to look like a weak header but the first column names many more fields.
    const down = transposedFields(grid.values);
    if (down && (!read || fieldCount(read.header.byField) * 2 < down.length)) {
      const turned = readSheet(transposeGrid(grid));
      if (turned) {
        read = turned;
        transposed = true;
      }
    }
    if (!read) {
      ignoredSheets.push({ name: grid.name, reason: whyNotRead(grid) });
      continue;
    }
    const issuesBefore = issues.length;
    columnsBySheet.set(read.sheet, read.header.columns);
    // Loops, not push(...list): spreading 100,000 arguments overflows the stack.
    for (const x of read.skipped) skipped.push(x);
    for (const x of read.issues) issues.push(x);
    const locate = locatorFor(columnsBySheet);
    const symbol = CURRENCY_SYMBOL[read.currency];
    for (const item of read.items)
      items.push(assessInPlace(item, options.reportingDate, rules, locate, issues, symbol));

    const ragMap = read.header.byField.get("rag")?.[0];
    const hasOverride = read.header.byField.has("override") && rules.useOverride;
    const computedMap = read.header.byField.get("computedRag")?.[0];
    if (transposed) {
      // Columns named in the passed-over reasons are rows of the sheet as it is.
      for (const p of read.header.passedOver)
        p.reason = p.reason.replace(/\b([A-Z]{1,3}) "/g, (_m, l: string) => `row ${columnIndex(l) + 1} "`);
      for (let i = issuesBefore; i < issues.length; i++) {
        const x = issues[i]!;
        if (x.cell !== "") x.cell = untransposeAddress(x.cell);
      }
      issues.push({
        sheet: read.sheet,
        cell: "",
        severity: "warning",
        message:
          "read as a transposed sheet (field names down the first column, one project per column): each item's " +
          '"row" is its column number, and no RAG column is written into this sheet',
      });
    }
    // Added columns go after the programme's own columns, in columns empty on every item row.
    const free = [...read.freeColumns];
    const ragColumn = ragMap
      ? { col: ragMap.col, headerRow: read.headerRow, added: false, header: ragMap.header }
      : { col: free.shift()!, headerRow: read.headerRow, added: true, header: RAG_HEADER };
    const computedColumn = !hasOverride
      ? null
      : computedMap
        ? { col: computedMap.col, added: false }
        : { col: free.shift()!, added: true };
    if (ragColumn.added || computedColumn?.added) {
      const last = Math.max(ragColumn.col, computedColumn?.col ?? 0);
      if (last >= MAX_COLUMN)
        issues.push({
          sheet: read.sheet,
          cell: "",
          severity: "error",
          message: "no empty column is left for the RAG column before Excel's last column (XFD)",
        });
    }
    reports.push({
      name: read.sheet,
      headerRow: read.headerRow,
      columns: read.header.columns,
      ragColumn,
      computedColumn,
      itemCount: read.items.length,
      lastColumn: read.lastColumn,
      passedOver: read.header.passedOver,
      currency: read.currency,
      transposed,
    });
  }

  // One currency for the programme: the sheets' own when they agree.
  const currencies = new Set(reports.map((r) => r.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : "GBP";
  if (currencies.size > 1)
    issues.push({
      sheet: reports.find((r) => r.currency !== "GBP")?.name ?? reports[0]!.name,
      cell: "",
      severity: "warning",
      message: `the sheets' amounts are in different currencies (${[...currencies].join(", ")}): totals add them as they are`,
    });
  const symbol = CURRENCY_SYMBOL[currency as CurrencyCode];
  const totals = programmeTotals(items, allocation, rules, symbol);
  const counts = ragCounts(items);
  return {
    reportingDate: options.reportingDate,
    period: periodLabel(options.reportingDate),
    allocation,
    periodStart: options.periodStart ?? PROGRAMME_START,
    periodEnd: options.periodEnd ?? PROGRAMME_END,
    sheets: reports,
    ignoredSheets,
    items,
    totals,
    ragCounts: counts,
    byTheme: byTheme(items),
    byYear: byYear(items).rows,
    skipped,
    issues,
    programmeRag: programmeRag(totals, counts, allocation, rules, symbol),
    currency,
  };
}

function fieldCount(byField: Map<string, unknown>): number {
  let n = 0;
  for (const f of byField.keys()) if (f !== "commentary") n++;
  return n;
}
