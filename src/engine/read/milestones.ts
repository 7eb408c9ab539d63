/**
 * Milestones (issue 12): a sheet of its own listing several milestones per project, linked by the project's
 * reference (or its name), and the "Next milestone" columns a programme sheet may carry itself (one milestone
 * per item). Recognised by header words, as programme sheets are; a milestones sheet is never read as a
 * programme sheet and a programme sheet never as a milestones sheet (its date columns must hold dates, and a
 * header naming money rules it out). Pure; never throws on bad input: every unreadable cell is an issue.
 */
import type { DateSystem, DayNumber } from "../dates";
import type { CellValue, SheetGrid } from "../grid";
import { cellAddress, isBlank } from "../grid";
import type { Issue } from "../model";
import { dayFromYmd } from "../dates";
import { readAmount, readDate, readText } from "./cells";

/** Where a milestone came from: a milestones sheet, or a programme sheet's "Next milestone" columns. */
export type MilestoneSource = "sheet" | "programme";

/** One milestone as read (before any rule is applied). */
export interface Milestone {
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  source: MilestoneSource;
  /** The project it belongs to, as written in the link column (a reference, or a project's name). */
  link: string | null;
  name: string;
  baseline: DayNumber | null;
  forecast: DayNumber | null;
  actual: DayNumber | null;
  status: string | null;
  /** Flagged as a key milestone (a "Key" column saying yes, or a status or name saying "key"). */
  key: boolean;
  owner: string | null;
  /** The cells, for issues: the link's, the name's and each date's ("" where the sheet has no such column). */
  cells: { link: string; name: string; baseline: string; forecast: string; actual: string };
}

export type MilestoneField =
  "link" | "linkName" | "name" | "baseline" | "forecast" | "actual" | "status" | "key" | "owner";

export interface MilestoneColumn {
  field: MilestoneField;
  /** 0-based sheet column. */
  col: number;
  header: string;
}

export interface MilestoneSheetRead {
  sheet: string;
  /** 0-based sheet row of the header. */
  headerRow: number;
  columns: MilestoneColumn[];
  milestones: Milestone[];
  issues: Issue[];
}

/** Lower case, notes in brackets and punctuation taken out, spaces single. */
export function headerWords(v: CellValue): string {
  const t = readText(v);
  if (t === null) return "";
  return t
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/[^a-z0-9?]+/g, " ")
    .replace(/\?/g, "")
    .trim();
}

const REF_LINK = new Set([
  "project ref",
  "project reference",
  "project id",
  "project code",
  "project no",
  "project number",
  "item ref",
  "item id",
  "scheme ref",
  "programme ref",
  "linked project",
  "linked project ref",
  "ref",
  "reference",
  "id",
  "code",
]);
const NAME_LINK = new Set([
  "project",
  "project name",
  "project title",
  "item",
  "item name",
  "scheme",
  "scheme name",
  "workstream",
  "linked project name",
]);
const NAME = /^(key )?(milestone|deliverable)s?( name| title| description)?$|^description$/;
const KEY = /^(key|key milestone|key flag|is key|key y n|key milestone y n)$/;
const BASELINE =
  /^(baseline|original|planned|plan)( due| target| completion| milestone)?( date)?$|^(baseline|original|planned) date$/;
const FORECAST =
  /^(forecast|revised|expected|anticipated|current forecast|latest forecast)( due| completion| milestone)?( date)?$/;
const ACTUAL =
  /^(actual|achieved|completed|date achieved|date completed|actual completion|achieved on)( completion)?( date)?$/;
const STATUS = /^(milestone )?status$/;
const OWNER = /^(owner|lead|responsible|responsible officer|milestone owner|lead officer)$/;
/** Headers naming money: a sheet with one is a programme sheet (or something else), never a milestones sheet. */
const MONEY =
  /\b(budget|spend|spent|cost|costs|outturn|allocation|committed|commitments|expenditure|variance)\b|£/;

function fieldOf(h: string): MilestoneField | null {
  if (h === "") return null;
  if (REF_LINK.has(h)) return "link";
  if (NAME_LINK.has(h)) return "linkName";
  if (KEY.test(h)) return "key";
  if (NAME.test(h)) return "name";
  if (BASELINE.test(h)) return "baseline";
  if (FORECAST.test(h)) return "forecast";
  if (ACTUAL.test(h)) return "actual";
  if (STATUS.test(h)) return "status";
  if (OWNER.test(h)) return "owner";
  return null;
}

interface FoundHeader {
  rowIndex: number;
  columns: MilestoneColumn[];
  col: Partial<Record<MilestoneField, number>>;
}

/**
 * A milestones header in the grid's first 30 rows, or null. `checkDates` false skips the look at the date
 * columns' content (which can reach past the first rows): the header words alone, for sheet-kind.ts.
 */
function findMilestoneHeader(grid: SheetGrid, checkDates = true): FoundHeader | null {
  const rows = Math.min(grid.values.length, 30);
  for (let r = 0; r < rows; r++) {
    const row = grid.values[r] ?? [];
    const columns: MilestoneColumn[] = [];
    const col: Partial<Record<MilestoneField, number>> = {};
    let money = false;
    for (let c = 0; c < row.length; c++) {
      const h = headerWords(row[c]);
      if (MONEY.test(h)) money = true;
      const f = fieldOf(h);
      if (f === null || col[f] !== undefined) continue;
      col[f] = c;
      columns.push({ field: f, col: c + grid.colOffset, header: readText(row[c]) ?? "" });
    }
    // "Key milestone" alone names the milestone; beside a "Milestone" column it is the key flag.
    if (col.name === undefined && col.key !== undefined && headerWords(row[col.key]) === "key milestone") {
      col.name = col.key;
      delete col.key;
      for (const m of columns) if (m.field === "key") m.field = "name";
    }
    const dates = [col.baseline, col.forecast, col.actual].filter((x) => x !== undefined).length;
    if (
      money ||
      col.name === undefined ||
      (col.link === undefined && col.linkName === undefined) ||
      dates < 2
    )
      continue;
    if (checkDates && !datesHoldDates(grid, r, col)) return null;
    return { rowIndex: r, columns, col };
  }
  return null;
}

/** Days from 01/01/1990 to 31/12/2099: a date in a programme's milestones; a number outside is money or a count. */
const FIRST_PLAUSIBLE = dayFromYmd(1990, 1, 1);
const LAST_PLAUSIBLE = dayFromYmd(2099, 12, 31);

/**
 * The date columns below the header do not hold figures: of their first 50 filled cells, the numbers that are
 * no plausible date (money, counts) are fewer than the dates. Text that is no date ("TBC") counts for neither.
 */
function datesHoldDates(grid: SheetGrid, headerIndex: number, col: Partial<Record<MilestoneField, number>>) {
  let figures = 0;
  let dates = 0;
  for (const f of ["baseline", "forecast", "actual"] as const) {
    const c = col[f];
    if (c === undefined) continue;
    let n = 0;
    for (let r = headerIndex + 1; r < grid.values.length && n < 50; r++) {
      const v = grid.values[r]?.[c];
      if (isBlank(v)) continue;
      n++;
      const d = readDate(v);
      if (d.kind === "value" && d.value >= FIRST_PLAUSIBLE && d.value <= LAST_PLAUSIBLE) dates++;
      else if (typeof v === "number" || readAmount(v).kind === "value") figures++;
    }
  }
  return figures === 0 || figures < dates;
}

/** Whether the grid's first 30 rows hold a milestones header by its words (its date columns unchecked). */
export function hasMilestoneHeaderWords(grid: SheetGrid): boolean {
  return findMilestoneHeader(grid, false) !== null;
}

/** True when the grid is a milestones sheet (its header words and date columns say so). */
export function isMilestonesSheet(grid: SheetGrid): boolean {
  return findMilestoneHeader(grid) !== null;
}

const YES = /^(y|yes|true|x|key|1|✓|✔)$/i;
const SECTION_ONLY = 1;

/** Reads a milestones sheet; null when the grid is not one. */
export function readMilestonesSheet(
  grid: SheetGrid,
  dateSystem: DateSystem = 1900,
): MilestoneSheetRead | null {
  const header = findMilestoneHeader(grid);
  if (!header) return null;
  const { col } = header;
  const sheet = grid.name;
  const milestones: Milestone[] = [];
  const issues: Issue[] = [];
  const at = (r: number, c: number | undefined) =>
    c === undefined ? "" : cellAddress(r + grid.rowOffset, c + grid.colOffset);
  const seen = new Map<string, number>();
  for (let r = header.rowIndex + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    let filled = 0;
    for (const v of row) if (!isBlank(v)) filled++;
    if (filled === 0) continue;
    const text = (c: number | undefined) => (c === undefined ? null : readText(row[c] ?? null));
    const name = text(col.name);
    const link = text(col.link) ?? text(col.linkName);
    if (filled === SECTION_ONLY && (name === null || link === null)) continue; // a section heading
    const excelRow = r + grid.rowOffset + 1;
    const cells = {
      link: at(r, col.link ?? col.linkName),
      name: at(r, col.name),
      baseline: at(r, col.baseline),
      forecast: at(r, col.forecast),
      actual: at(r, col.actual),
    };
    if (name === null) {
      issues.push({
        sheet,
        cell: cells.name,
        severity: "warning",
        message: "a milestone row with no milestone name: it is not used",
      });
      continue;
    }
    const date = (f: "baseline" | "forecast" | "actual"): DayNumber | null => {
      const c = col[f];
      if (c === undefined) return null;
      const d = readDate(row[c] ?? null, "end", dateSystem);
      if (d.kind === "value") return d.value;
      if (d.kind === "error")
        issues.push({
          sheet,
          cell: cells[f],
          severity: "error",
          message: `milestone '${name}': ${f} date ${d.message}; it is not used`,
        });
      return null;
    };
    const m: Milestone = {
      sheet,
      row: excelRow,
      source: "sheet",
      link,
      name,
      baseline: date("baseline"),
      forecast: date("forecast"),
      actual: date("actual"),
      status: text(col.status),
      key: col.key !== undefined && YES.test(text(col.key) ?? ""),
      owner: text(col.owner),
      cells,
    };
    const id = `${normalLink(link ?? "")}\u0000${normalLink(name)}`;
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push({
        sheet,
        cell: cells.name,
        severity: "warning",
        message: `duplicate milestone: '${name}' for ${link ?? "no project"} is already on row ${first}; this row is not used`,
      });
      continue;
    }
    seen.set(id, excelRow);
    milestones.push(m);
  }
  return { sheet, headerRow: header.rowIndex + grid.rowOffset, columns: header.columns, milestones, issues };
}

/** A link as compared: lower case, spaces single, dashes alike. */
export function normalLink(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** The "Next milestone" columns of a programme sheet's header row (0-based grid columns), or null. */
export interface NextMilestoneColumns {
  name: number;
  date: number | null;
  header: string;
}

const NEXT_NAME = /^(next|key|upcoming) milestone( name| description)?$/;
const NEXT_DATE =
  /^(next|key|upcoming) milestone (date|due|due date|target date|forecast|forecast date)$|^milestone (date|due date)$/;

export function nextMilestoneColumns(grid: SheetGrid, headerRow: number): NextMilestoneColumns | null {
  const row = grid.values[headerRow - grid.rowOffset] ?? [];
  let name: number | null = null;
  let date: number | null = null;
  for (let c = 0; c < row.length; c++) {
    const h = headerWords(row[c]);
    if (name === null && NEXT_NAME.test(h)) name = c;
    else if (date === null && NEXT_DATE.test(h)) date = c;
  }
  return name === null ? null : { name, date, header: readText(row[name]) ?? "" };
}

/**
 * An item's "Next milestone" on its programme-sheet row: the milestone's name, and its date as the forecast
 * (the sheet gives one date; with no baseline its slip is not measured, but it is missed once the date passes).
 */
export function nextMilestoneOf(
  grid: SheetGrid,
  cols: NextMilestoneColumns,
  excelRow: number,
  link: string | null,
  issues: Issue[],
  dateSystem: DateSystem = 1900,
): Milestone | null {
  const r = excelRow - 1 - grid.rowOffset;
  const row = grid.values[r] ?? [];
  const name = readText(row[cols.name] ?? null);
  if (name === null) return null;
  const at = (c: number) => cellAddress(r + grid.rowOffset, c + grid.colOffset);
  let forecast: DayNumber | null = null;
  if (cols.date !== null) {
    const d = readDate(row[cols.date] ?? null, "end", dateSystem);
    if (d.kind === "value") forecast = d.value;
    else if (d.kind === "error")
      issues.push({
        sheet: grid.name,
        cell: at(cols.date),
        severity: "error",
        message: `milestone '${name}': ${d.message}; it is not used`,
      });
  }
  return {
    sheet: grid.name,
    row: excelRow,
    source: "programme",
    link,
    name,
    baseline: null,
    forecast,
    actual: null,
    status: null,
    key: false,
    owner: null,
    cells: {
      link: "",
      name: at(cols.name),
      baseline: "",
      forecast: cols.date === null ? "" : at(cols.date),
      actual: "",
    },
  };
}
