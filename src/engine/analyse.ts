/**
 * The engine's front door: sheets of cell values in, the whole analysis out. Pure; never throws on bad input.
 */
import type { DateSystem, DayNumber } from "./dates";
import { dayFromYmd, periodLabel } from "./dates";
import type { SheetGrid } from "./grid";
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
import { readSheet } from "./read/sheet";
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
  /** How the workbook's date serials count (default 1900); the write plan writes dates in the same system. */
  dateSystem?: DateSystem;
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
    const read = readSheet(grid, options.dateSystem ?? 1900);
    if (!read) {
      ignoredSheets.push({
        name: grid.name,
        reason: "no programme-of-works header row in the first 30 rows",
      });
      continue;
    }
    columnsBySheet.set(read.sheet, read.header.columns);
    // Loops, not push(...list): spreading 100,000 arguments overflows the stack.
    for (const x of read.skipped) skipped.push(x);
    for (const x of read.issues) issues.push(x);
    const locate = locatorFor(columnsBySheet);
    for (const item of read.items)
      items.push(assessInPlace(item, options.reportingDate, rules, locate, issues));

    const ragMap = read.header.byField.get("rag")?.[0];
    const hasOverride = read.header.byField.has("override") && rules.useOverride;
    const computedMap = read.header.byField.get("computedRag")?.[0];
    let next = read.lastColumn + 1;
    const ragColumn = ragMap
      ? { col: ragMap.col, headerRow: read.headerRow, added: false, header: ragMap.header }
      : { col: next++, headerRow: read.headerRow, added: true, header: RAG_HEADER };
    const computedColumn = !hasOverride
      ? null
      : computedMap
        ? { col: computedMap.col, added: false }
        : { col: next++, added: true };
    reports.push({
      name: read.sheet,
      headerRow: read.headerRow,
      columns: read.header.columns,
      ragColumn,
      computedColumn,
      itemCount: read.items.length,
      lastColumn: read.lastColumn,
    });
  }

  const totals = programmeTotals(items, allocation, rules);
  const counts = ragCounts(items);
  return {
    reportingDate: options.reportingDate,
    dateSystem: options.dateSystem ?? 1900,
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
    programmeRag: programmeRag(totals, counts, allocation, rules),
  };
}
