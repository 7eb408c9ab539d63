/**
 * The engine's front door: sheets of cell values in, the whole analysis out. Pure; never throws on bad input.
 */
import type { DateSystem, DayNumber } from "./dates";
import { dayFromYmd, formatDayUk, periodLabel } from "./dates";
import type { ColIndex } from "./coords";
import { excelRowOf, rowIndexOf } from "./coords";
import type { ReportCycle } from "./cycle";
import { defaultCycle, financialMonth } from "./cycle";
import type { CellValue, SheetGrid } from "./grid";
import { cellAddress, columnIndex, quoteSheetName } from "./grid";
import { readAmount, readText } from "./read/cells";
import type { Pence } from "./money";
import { formatMoney, pence } from "./money";
import { flat } from "./flat";
import { percentFromFraction } from "./percent";
import type {
  AssessedItem,
  ColumnMapping,
  IgnoredSheet,
  Issue,
  ProgrammeAnalysis,
  ProgrammeItem,
  Reason,
  SheetReport,
  SheetTotalRow,
  SkippedRow,
  UnreadableCell,
} from "./model";
import type { Rules } from "./rules";
import { DEFAULT_RULES } from "./rules";
import { MAX_COLUMN, readSheet, refKey, whyNotRead } from "./read/sheet";
import { transposedFields } from "./read/headers";
import { transposeGrid, untransposeAddress } from "./read/transpose";
import type { CurrencyCode } from "./read/cells";
import { CURRENCY_SYMBOL } from "./read/cells";
import type { CellLocator } from "./assess/item";
import { assessInPlace, assessorFor, locatorFor } from "./assess/item";
import { isCompleteStatus } from "./assess/schedule";
import { programmeFigures, programmeRag } from "./assess/programme";
import { attachMilestones, readMilestoneSheets } from "./assess/milestones";
import { nextMilestoneColumns } from "./read/milestones";
import { readRiskRegisters } from "./read/risk-register";
import { RiskLinker } from "./assess/risk-register";
import { yearView } from "./assess/years";

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
  /** The programme's name, for the report (default: the ICT Strategy 2020-22). */
  programmeName?: string;
  /** How the workbook's date serials count (default 1900); the write plan writes dates in the same system. */
  dateSystem?: DateSystem;
  /** A monthly or a quarterly report (default: quarterly in a quarter's last month, monthly otherwise). */
  cycle?: ReportCycle;
}

export const DEFAULT_PROGRAMME_NAME = "ICT Strategy 2020-22";

type MoneyField = "budget" | "spent" | "committed" | "forecast";
const MONEY_FIELDS: readonly MoneyField[] = ["budget", "spent", "committed", "forecast"];

/** A sheet's own grand total: a total row that is not a sub-total. */
const GRAND_TOTAL = /^subtotal row "((?:grand|programme|overall)?\s*total[^"]*)"$/i;

/** Text of the cells in `maps` on a grid row, joined; null when all are blank. */
function textOf(row: readonly CellValue[], maps: readonly ColumnMapping[] | undefined, colOffset: ColIndex) {
  if (!maps || maps.length === 0) return null;
  const parts: string[] = [];
  for (const m of maps) {
    const t = readText(row[m.col - colOffset] ?? null);
    if (t) parts.push(t);
  }
  return parts.length ? parts.join("\n") : null;
}

export const RAG_HEADER = "RAG";
export const COMPUTED_RAG_HEADER = "Computed RAG";

export function analyse(sheets: readonly SheetGrid[], options: AnalyseOptions): ProgrammeAnalysis {
  const rules = options.rules ?? DEFAULT_RULES;
  const dateSystem: DateSystem = options.dateSystem ?? 1900;
  const allocation = options.allocation ?? DEFAULT_ALLOCATION;
  const own = new Set((options.ownSheets ?? []).map((s) => s.toLowerCase()));
  const reports: SheetReport[] = [];
  const ignoredSheets: IgnoredSheet[] = [];
  const items: AssessedItem[] = [];
  const skipped: SkippedRow[] = [];
  const issues: Issue[] = [];
  const columnsBySheet = new Map<string, ColumnMapping[]>();
  const sheetTotals: SheetTotalRow[] = [];
  // Milestones sheets first (issue 12), so each item links to its milestones as it is assessed.
  const milestones = readMilestoneSheets(
    sheets,
    own,
    dateSystem,
    options.reportingDate,
    rules.schedule,
    issues,
  );
  // Risk registers are read first, so each item is rated with its linked risks; they are never programme sheets.
  const registers = readRiskRegisters(sheets, own, dateSystem);
  const riskLinker = registers.length
    ? new RiskLinker(registers, rules.risk, options.reportingDate, issues)
    : null;
  const registerSheets = new Set(registers.map((r) => r.sheet));

  for (const grid of sheets) {
    if (own.has(grid.name.toLowerCase())) {
      ignoredSheets.push({ name: grid.name, reason: "the tool's own sheet" });
      continue;
    }
    if (milestones.sheets.has(grid.name)) continue;
    if (!grid.visible) {
      ignoredSheets.push({ name: grid.name, reason: "hidden sheet" });
      continue;
    }
    if (registerSheets.has(grid.name)) {
      ignoredSheets.push({
        name: grid.name,
        reason: "a risk register: read for its risks, not as a programme",
      });
      continue;
    }
    let read = readSheet(grid, dateSystem);
    let transposed = false;
    // The grid as read: the sheet itself, or the sheet turned when it is transposed.
    let readGrid: SheetGrid = grid;
    // Field names down the first column, one project per column: read it turned, write nothing into it. Also
    // where a row happens to look like a weak header but the first column names many more fields.
    const down = transposedFields(grid.values);
    if (down && (!read || fieldCount(read.header.byField) * 2 < down.length)) {
      const turnedGrid = transposeGrid(grid);
      const turned = readSheet(turnedGrid, dateSystem);
      if (turned) {
        read = turned;
        readGrid = turnedGrid;
        transposed = true;
      }
    }
    if (!read) {
      ignoredSheets.push({ name: grid.name, reason: whyNotRead(grid) });
      continue;
    }
    const issuesBefore = issues.length;
    columnsBySheet.set(read.sheet, read.header.columns);
    pushAll(skipped, read.skipped);
    pushAll(issues, read.issues);
    const locate = locatorFor(columnsBySheet);
    const symbol = CURRENCY_SYMBOL[read.currency];
    // Money cells that could not be read (errors), by row, so an item missing them is never shown as Green.
    const moneyAt = new Map<number, MoneyField>();
    for (const f of MONEY_FIELDS)
      for (const m of read.header.byField.get(f) ?? []) if (!moneyAt.has(m.col)) moneyAt.set(m.col, f);
    const { unreadable, budgetCell, unreadableCells } = unreadableMoney(read.issues, moneyAt);
    // A money cell merged down over more than one item row: the whole amount would go to the first item.
    if (!transposed && grid.merges)
      for (const m of grid.merges) {
        const f = m.rows > 1 ? moneyAt.get(m.col) : undefined;
        if (!f) continue;
        const first = excelRowOf(m.row);
        const last = first + m.rows - 1;
        const covered = read.items.filter((i) => i.row >= first && i.row <= last);
        if (covered.length < 2) continue;
        const range = `${cellAddress(m.row, m.col)}:${cellAddress(rowIndexOf(last), m.col + m.cols - 1)}`;
        issues.push({
          sheet: read.sheet,
          cell: range,
          severity: "error",
          message:
            `the ${f} cell ${range} is merged over ${covered.length} items (${covered.map((i) => i.ref ?? i.name).join(", ")}): ` +
            "its amount is counted for none of them rather than guessed; unmerge it and give each item its own amount",
        });
        for (const i of covered) {
          i[f] = null;
          const list = unreadable.get(i.row) ?? [];
          if (!list.includes(f)) list.push(f);
          unreadable.set(i.row, list);
          if (f === "budget") budgetCell.set(i.row, range);
        }
      }
    const nextCols = transposed ? null : nextMilestoneColumns(readGrid, read.headerRow);
    const next = nextCols ? { grid: readGrid, cols: nextCols } : null;
    const commentaryMaps = read.header.byField.get("commentary");
    const reasonMaps = read.header.byField.get("overrideReason");
    const assessor = assessorFor(rules, options.reportingDate, symbol);
    // One item, in a function of its own, called from a small loop: analyse runs once, this once an item, so the
    // JIT optimises this once and keeps it (a loop inside analyse was compiled again, whole, on every call).
    const assessItem = (item: ProgrammeItem): void => {
      const row = readGrid.values[rowIndexOf(item.row) - readGrid.rowOffset] ?? [];
      item.commentary = textOf(row, commentaryMaps, readGrid.colOffset);
      item.overrideReason = textOf(row, reasonMaps, readGrid.colOffset);
      // The cells not read and the budget's cell are only ever on rows with unreadable money.
      const u = unreadable.size > 0 ? unreadable.get(item.row) : undefined;
      const uc = u ? unreadableCells.get(item.row) : undefined;
      if (u) item.unreadable = u;
      if (uc) item.unreadableCells = uc;
      if (milestones.links || next)
        attachMilestones(item, milestones, next, dateSystem, options.reportingDate, rules.schedule, issues);
      const linked = riskLinker?.attach(item);
      if (linked) item.linkedRisks = linked;
      const assessed = assessInPlace(item, assessor, locate, issues);
      const cellNotRead = u ? budgetCell.get(item.row) : undefined;
      if (cellNotRead !== undefined) budgetReasonNotRead(assessed, cellNotRead, readGrid);
      if (assessed.rag.schedule === "Complete" && assessed.status !== null)
        completeContradicted(assessed, rules, locate, issues);
      items.push(assessed);
    };
    eachItem(read.items, assessItem);
    // The sheet's own grand total (the last one), for reconciling its figures with the report's.
    for (let k = read.skipped.length - 1; k >= 0; k--) {
      const sk = read.skipped[k]!;
      const m = GRAND_TOTAL.exec(sk.reason);
      if (!m || /\bsub/i.test(m[1]!)) continue;
      const row = readGrid.values[rowIndexOf(sk.row) - readGrid.rowOffset] ?? [];
      const amount = (f: MoneyField) => {
        const map = read.header.byField.get(f);
        if (!map || map.length === 0) return null;
        let sum = 0;
        for (const c of map) {
          const v = readAmount(row[c.col - readGrid.colOffset] ?? null, c.unit);
          if (v.kind !== "value") return null;
          sum += v.value;
        }
        return sum as Pence;
      };
      sheetTotals.push({
        sheet: read.sheet,
        row: sk.row,
        label: m[1]!,
        budget: amount("budget"),
        spent: amount("spent"),
        committed: amount("committed"),
        forecast: amount("forecast"),
      });
      break;
    }

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
      if (last > MAX_COLUMN)
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
  milestones.links?.finish(issues);
  const symbol = CURRENCY_SYMBOL[currency as CurrencyCode];
  if (reports.length > 1) crossSheetDuplicates(items, issues, symbol, locatorFor(columnsBySheet));
  const riskRegister = riskLinker?.finish();
  // The headline totals, the counts and the totals by theme and by year in one pass over the items.
  const figures = programmeFigures(items, allocation, rules, symbol);
  const { totals, counts } = figures;
  const years = yearView(items, {
    reporting: options.reportingDate,
    allocation,
    allocationByYear: rules.allocationByYear ?? null,
    budgetRules: rules.budget,
    sheets: reports,
    symbol,
  });
  for (const x of years.issues) issues.push(x);
  return {
    reportingDate: options.reportingDate,
    dateSystem,
    period: periodLabel(options.reportingDate),
    month: financialMonth(options.reportingDate),
    cycle: options.cycle ?? defaultCycle(options.reportingDate),
    allocation,
    periodStart: options.periodStart ?? PROGRAMME_START,
    periodEnd: options.periodEnd ?? PROGRAMME_END,
    sheets: reports,
    ignoredSheets,
    items,
    totals,
    ragCounts: counts,
    byTheme: figures.byTheme,
    byYear: figures.byYear,
    years,
    skipped,
    issues,
    programmeRag: programmeRag(totals, counts, allocation, rules, symbol, years.inYear),
    currency,
    programmeName: options.programmeName?.trim() || DEFAULT_PROGRAMME_NAME,
    sheetTotals,
    ...(milestones.all.length || milestones.sheets.size
      ? { milestones: milestones.all, milestoneSheets: [...milestones.sheets] }
      : {}),
    ...(riskRegister ? { riskRegister } : {}),
  };
}

/**
 * The money cells a sheet's reader could not read (its errors), by row: the fields, the budget's cell, and each
 * cell named with what it held. A function of its own, so that 100,000 issues do not make analyse itself hot.
 */
function unreadableMoney(
  sheetIssues: readonly Issue[],
  moneyAt: ReadonlyMap<number, MoneyField>,
): {
  unreadable: Map<number, MoneyField[]>;
  budgetCell: Map<number, string>;
  unreadableCells: Map<number, UnreadableCell[]>;
} {
  const unreadable = new Map<number, MoneyField[]>();
  const budgetCell = new Map<number, string>();
  const unreadableCells = new Map<number, UnreadableCell[]>();
  for (let k = 0; k < sheetIssues.length; k++) {
    const x = sheetIssues[k]!;
    if (x.severity !== "error") continue;
    const cell = /^([A-Z]+)(\d+)$/.exec(x.cell);
    const f = cell ? moneyAt.get(columnIndex(cell[1]!)) : undefined;
    if (!cell || !f) continue;
    const row = Number(cell[2]);
    if (f === "budget" && !budgetCell.has(row)) budgetCell.set(row, x.cell);
    // Lists begun as literals of one (an empty list grown by push keeps room for 17, held with the item).
    const list = unreadable.get(row);
    if (list === undefined) unreadable.set(row, [f]);
    else if (!list.includes(f)) list.push(f);
    // The reader's message starts with the cell as it quoted it: '"TBC" is not an amount', "#REF! is an Excel error…".
    const held = / is /.exec(x.message);
    const named: UnreadableCell = {
      field: f,
      cell: `${quoteSheetName(x.sheet)}!${x.cell}`,
      text: held ? x.message.slice(0, held.index) : x.message,
    };
    const cells = unreadableCells.get(row);
    if (cells === undefined) unreadableCells.set(row, [named]);
    else cells.push(named);
  }
  return { unreadable, budgetCell, unreadableCells };
}

/** Appends `from` to `to`: a loop, not push(...from), as spreading 100,000 arguments overflows the stack. */
function pushAll<T>(to: T[], from: readonly T[]): void {
  for (let k = 0; k < from.length; k++) to.push(from[k]!);
}

/** Calls `f` on each item (a loop small enough to be compiled on its own). */
function eachItem(items: readonly ProgrammeItem[], f: (item: ProgrammeItem) => void): void {
  for (let k = 0; k < items.length; k++) f(items[k]!);
}

function fieldCount(byField: Map<string, unknown>): number {
  let n = 0;
  for (const f of byField.keys()) if (f !== "commentary") n++;
  return n;
}

/**
 * The same reference on two programme sheets (a sheet copied into another, or a project listed under two
 * themes): both rows are read, rated and counted, each where it is, and a warning at the later row's reference
 * names both sheets, both rows and the money counted twice if they are the same project. (Within one sheet the
 * reader already names a reference used again.)
 */
function crossSheetDuplicates(
  items: readonly AssessedItem[],
  issues: Issue[],
  symbol: string,
  locate: (item: AssessedItem, field: "ref") => string,
): void {
  const first = new Map<string, AssessedItem>();
  for (const item of items) {
    if (item.ref === null) continue;
    const key = refKey(item.ref);
    const was = first.get(key);
    if (!was) {
      first.set(key, item);
      continue;
    }
    if (was.sheet === item.sheet) continue;
    const same =
      (was.name ?? "").trim().toLowerCase() === (item.name ?? "").trim().toLowerCase() &&
      was.budget === item.budget;
    const money = item.budget !== null ? `its budget ${formatMoney(item.budget, symbol)} is` : "it is";
    issues.push({
      sheet: item.sheet,
      cell: locate(item, "ref"),
      severity: "warning",
      message:
        `reference "${item.ref}" is on "${was.sheet}" (row ${was.row}) and on "${item.sheet}" (row ${item.row})` +
        (same ? " with the same name and budget" : "") +
        `: both rows are rated and counted, so if they are the same project ${money} counted twice in the totals; ` +
        "give one a different reference or remove the copy",
    });
  }
}

/**
 * A status saying Complete (or Done) while the item's own figures say otherwise: its % complete below 100%, or a
 * key milestone not achieved. The rating stays Complete (the status is the owner's word), but a warning at the
 * status cell and a reason name what contradicts it, so the meeting is not told it is done unchallenged.
 */
function completeContradicted(item: AssessedItem, rules: Rules, locate: CellLocator, issues: Issue[]): void {
  if (item.cancelled || !isCompleteStatus(item.status, rules.schedule.completeStatuses)) return;
  // What contradicts it, joined with " and " as it is found (no list of them: 15% of a programme may be here).
  let against = "";
  if (item.progress !== null && item.progress < 1)
    against = `${Math.round(percentFromFraction(item.progress))}% complete in ${locate(item, "progress")}`;
  const milestones = item.milestones;
  if (milestones !== undefined)
    for (let k = 0; k < milestones.length; k++) {
      const m = milestones[k]!;
      if (!m.key || m.rag === "Achieved" || m.rag === "Not assessed") continue;
      const due = m.forecast ?? m.baseline;
      const one =
        `key milestone "${m.name}" not achieved` +
        (due !== null ? ` (due ${formatDayUk(due)})` : "") +
        (m.sheet !== item.sheet ? ` on "${m.sheet}" row ${m.row}` : "");
      against = against === "" ? one : `${against} and ${one}`;
    }
  if (against === "") return;
  // Kept for the whole analysis: the words one flat string (flat.ts), which the message and the reason each
  // join to a constant (one node each, sharing the words, where a flat copy each held them three times).
  const words = flat(`the status says "${item.status}", but ${against}`);
  issues.push({
    sheet: item.sheet,
    cell: locate(item, "status"),
    severity: "warning",
    message: `${words}: rated Complete on the status; check which is true`,
  });
  // An array of its own length (a spread grows one with room for 17).
  const was = item.reasons;
  const reasons: Reason[] = new Array<Reason>(was.length + 1);
  for (let k = 0; k < was.length; k++) reasons[k] = was[k]!;
  reasons[was.length] = { dimension: "schedule", rag: "Complete", text: `Complete: ${words}` };
  item.reasons = reasons;
}

/**
 * The budget's reason for an item whose budget cell could not be read names the cell and what it holds, and
 * says its money is in no total (programmeFigures and yearView leave it out).
 */
function budgetReasonNotRead(item: AssessedItem, cell: string, grid: SheetGrid): void {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  const raw = m
    ? (grid.values[Number(m[2]) - 1 - grid.rowOffset]?.[columnIndex(m[1]!) - grid.colOffset] ?? null)
    : null;
  const shown = typeof raw === "string" ? ` ("${raw.trim()}")` : "";
  const at = `${quoteSheetName(item.sheet)}!${cell}`;
  const text = cell.includes(":")
    ? `Not assessed: the budget cell ${at} is merged over more than one item, so its money is in no total`
    : `Not assessed: the budget in ${at}${shown} could not be read, so its money is in no total`;
  item.reasons = item.reasons.map((r) =>
    r.dimension === "budget" && r.rag === "Not assessed" ? { ...r, text } : r,
  );
}
