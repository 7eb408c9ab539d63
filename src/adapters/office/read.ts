/**
 * Reading the workbook for a run, in a fixed number of round trips whatever the number of rows:
 *
 * 1. worksheets (name, visibility, position), the workbook names (to find the ProgrammeRAG_* markers of the
 *    add-in's own sheets) and the saved settings;
 * 2. every sheet's used range (values and number formats, valuesOnly), and the format of the last used column's
 *    cells in the first 30 rows (the header the add-in copies when it adds a column beside it).
 *
 * A used range too large for one response (Excel on the web answers at most 5 MB) is read again in blocks of rows:
 * the size of each request is known, so the extra round trips grow with the size of the sheets only.
 * Nothing is written here.
 */
import type { SheetGrid } from "../../engine/grid";
import { addedColumnPlaces } from "../../engine/read/sheet";
import { cellAddress, columnLetters } from "../../engine/grid";
import type { Issue } from "../../engine/model";
import type { OwnSheetRole } from "../../engine/plan";
import { OWN_ROLES, findOwnSheet, roleFromMarker, sheetFromReference } from "../../engine/own-sheets";
import { CHANGELOG_SHEET } from "../../engine/report/changelog";
import { HIGHLIGHT_SHEET } from "../../engine/report/highlight";
import { HISTORY_SHEET } from "../../engine/report/history";
import type { SavedSettings } from "../../app/operations";
import { excelErrorCode } from "./errors";
import type { DateSystem } from "../../engine/dates";
import { queueDateSystemProbe } from "./date-system";
import { SETTINGS_KEY, settingsFromJson } from "./settings";
import type { Syncer } from "./sync";

/** The engine looks for the header row in the first 30 rows of a sheet (findHeaderRow's scanRows). */
export const HEADER_SCAN_ROWS = 30;

export interface SheetInfo {
  name: string;
  visibility: string;
  position: number;
}

/** A border side of a cell, as Office.js gives it. */
export interface BorderSide {
  side: string;
  style: string;
  color: string;
  weight: string;
}

/** The format of one header cell, to copy onto a header the add-in adds beside it. */
export interface CellFormat {
  fontName: string | null;
  fontSize: number | null;
  fontColor: string | null;
  italic: boolean | null;
  /** Null when the cell has no fill (Office.js reads no fill as white, so white counts as none). */
  fill: string | null;
  borders: BorderSide[];
}

export interface WorkbookRead {
  sheets: SheetInfo[];
  /**
   * The add-in's own sheets that exist, by role: the sheet its ProgrammeRAG_* name marks when the content agrees,
   * or an unmarked sheet of the wanted name holding the add-in's layout (findOwnSheet).
   */
  own: Map<OwnSheetRole, string>;
  /** Roles whose own sheet carries its marker (the others get theirs once written). */
  marked: Set<OwnSheetRole>;
  /** Sheets with worksheet protection on. */
  protectedSheets: Set<string>;
  /** Whether the workbook's structure is protected (no sheet can be added). */
  structureProtected: boolean;
  /** The charts on the own highlight sheet, by name (deleted before it is drawn again). */
  highlightCharts: string[];
  /** The own sheets' used extent (rows and columns from A1), to clear what a rewrite no longer needs. */
  ownExtent: Map<OwnSheetRole, { rows: number; cols: number }>;
  /** Sheets whose used range reaches beyond what was read (a stray value far right or bottom), as warnings. */
  passedOver: Issue[];
  /** The Excel tables (ListObjects) on each sheet read, by name. */
  tables: Map<string, string[]>;
  /**
   * Where the tables are on sheets that get a column of the add-in's (read after the analysis, with the RAG
   * column's formulas): a column added right of a table is added through the table.
   */
  tableRects: Map<string, TableRect[]>;
  /** The ProgrammeRAG_* names present (broken ones too), by role, as Excel spells them. */
  markers: Map<OwnSheetRole, string>;
  settings: SavedSettings | null;
  /** Why the saved settings were not used, when they could not be read. */
  settingsProblem: string | null;
  /** How the workbook's serials count days (date-system.ts). */
  dateSystem: DateSystem;
  /** One grid per sheet, in workbook order (hidden sheets with no cells: the engine passes them over). */
  grids: SheetGrid[];
  /** The own history and change log sheets' grids. */
  ownGrids: Map<OwnSheetRole, SheetGrid>;
  /** By sheet: the last used column and the formats of its cells in rows 0-29. */
  edges: Map<string, { col: number; cells: CellFormat[] }>;
}

/** A table's place: header row, first column, rows (header included) and columns, 0-based. */
export interface TableRect {
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ReadOptions {
  /** Cells of values and number formats asked for in one round trip when reading in blocks. */
  cellsPerSync: number;
}

type Block = { row: number; col: number; rows: number; cols: number };
type Loaded = Block & { values: unknown[][]; numberFormat: unknown[][] };

const TOO_BIG = new Set(["ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

export async function readWorkbook(
  context: Excel.RequestContext,
  syncer: Syncer,
  options: ReadOptions,
): Promise<WorkbookRead> {
  const meta = await readMeta(context, syncer);
  const targets = new Set(meta.markerTargets.values());
  const toRead = meta.sheets.filter((s) => s.visibility === "Visible" || targets.has(s.name));
  const candidates = new Set(toRead.filter((s) => s.visibility === "Visible").map((s) => s.name));

  let cells: Map<string, Loaded[]>;
  let used: Map<string, Block>;
  let edges: Map<string, { col: number; cells: CellFormat[] }>;
  let extras: Extras;
  try {
    ({ cells, used, edges, extras } = await readWhole(context, syncer, toRead, candidates));
  } catch (e) {
    if (!TOO_BIG.has(excelErrorCode(e) ?? "")) throw e;
    // Too much for one answer: learn the used ranges' sizes, then read them in blocks of rows.
    ({ used, edges, extras } = await readUsedSizes(context, syncer, toRead, candidates));
    cells = await readBlocks(context, syncer, used, options.cellsPerSync);
  }

  const grids: SheetGrid[] = [];
  const bySheet = new Map<string, SheetGrid>();
  const wasRead = new Set(toRead.map((s) => s.name));
  for (const s of meta.sheets) {
    const u = used.get(s.name);
    const grid = u ? assemble(s, u, cells.get(s.name) ?? []) : emptyGrid(s);
    grids.push(grid);
    // A sheet read and found empty counts as read (an own sheet added by a run that stopped at once).
    if (wasRead.has(s.name)) bySheet.set(s.name, grid);
  }
  await markFormulaPlaces(
    context,
    syncer,
    grids.filter((g) => candidates.has(g.name)),
    used,
  );
  // A sheet is the add-in's own only when its marker and its content agree (issue 14).
  const own = new Map<OwnSheetRole, string>();
  const marked = new Set<OwnSheetRole>();
  const ownGrids = new Map<OwnSheetRole, SheetGrid>();
  const ownExtent = new Map<OwnSheetRole, { rows: number; cols: number }>();
  const names = meta.sheets.map((s) => s.name);
  const taken = new Set<string>();
  for (const role of OWN_ROLES) {
    const target = meta.markerTargets.get(role) ?? null;
    const found = findOwnSheet(
      role,
      OWN_SHEET_NAMES[role],
      names.filter((n) => !taken.has(n)),
      target,
      (n) => bySheet.get(n),
    );
    if (!found) continue;
    taken.add(found.sheet);
    own.set(role, found.sheet);
    if (found.marked) marked.add(role);
    const grid = bySheet.get(found.sheet);
    if (grid) ownGrids.set(role, grid);
    const u = used.get(found.sheet);
    if (u) ownExtent.set(role, { rows: u.row + u.rows, cols: u.col + u.cols });
  }
  const highlight = own.get("highlight");
  return {
    sheets: meta.sheets,
    own,
    marked,
    markers: meta.markers,
    settings: meta.settings,
    settingsProblem: meta.settingsProblem,
    dateSystem: meta.dateSystem,
    grids,
    ownGrids,
    edges,
    protectedSheets: extras.protectedSheets,
    structureProtected: meta.structureProtected,
    highlightCharts: highlight === undefined ? [] : (extras.charts.get(highlight) ?? []),
    ownExtent,
    passedOver: extras.passedOver ?? [],
    tables: extras.tables,
    tableRects: new Map(),
  };
}

/** Passes of markFormulaPlaces at most (each moves a sheet's added columns at least one column right). */
const MAX_FORMULA_PASSES = 16;

/**
 * Values alone cannot tell an empty cell from a formula showing "", and the engine must never take a column of
 * the user's formulas for the RAG column it adds (issue 14). So the formulas of just the cells where columns
 * would be added (the engine's addedColumnPlaces), where those lie inside the used range, are read and marked in
 * the grid; a sheet whose places held formulas is asked again. No round trip when no place is inside a used range.
 */
async function markFormulaPlaces(
  context: Excel.RequestContext,
  syncer: Syncer,
  grids: SheetGrid[],
  used: Map<string, Block>,
): Promise<void> {
  let pending = grids;
  for (let pass = 0; pending.length > 0 && pass < MAX_FORMULA_PASSES; pass++)
    pending = await formulaPass(context, syncer, pending, used);
}

/** One round trip of markFormulaPlaces (none when no place is inside a used range): the sheets to ask again. */
async function formulaPass(
  context: Excel.RequestContext,
  syncer: Syncer,
  grids: SheetGrid[],
  used: Map<string, Block>,
): Promise<SheetGrid[]> {
  const loads: { grid: SheetGrid; row: number; col: number; range: Excel.Range }[] = [];
  for (const g of grids) {
    const u = used.get(g.name);
    const places = u ? addedColumnPlaces(g) : null;
    if (!u || !places) continue;
    for (const c of new Set(places.cols)) {
      if (c + g.colOffset >= u.col + u.cols) continue; // beyond the used range nothing is held
      const range = context.workbook.worksheets
        .getItem(g.name)
        .getRangeByIndexes(
          places.fromRow + g.rowOffset,
          c + g.colOffset,
          places.toRow - places.fromRow + 1,
          1,
        );
      range.load("formulas");
      loads.push({ grid: g, row: places.fromRow, col: c, range });
    }
  }
  if (loads.length === 0) return [];
  await syncer.wait(context.sync());
  const again = new Set<SheetGrid>();
  for (const l of loads) {
    const formulas = new Map(l.grid.formulas ?? []);
    (l.range.formulas as unknown[][]).forEach((row, i) => {
      const f = row[0];
      // Text that starts with "=" reads the same in formulas as in values; a formula reads differently.
      if (typeof f !== "string" || !f.startsWith("=") || f === l.grid.values[l.row + i]?.[l.col]) return;
      const cols = new Set(formulas.get(l.row + i) ?? []);
      cols.add(l.col);
      formulas.set(l.row + i, cols);
      again.add(l.grid);
    });
    if (formulas.size > 0) l.grid.formulas = formulas;
  }
  return [...again];
}

/** The names the add-in gives its sheets, by role. */
const OWN_SHEET_NAMES: Record<OwnSheetRole, string> = {
  highlight: HIGHLIGHT_SHEET,
  history: HISTORY_SHEET,
  changelog: CHANGELOG_SHEET,
};

interface Extras {
  /** Sheets whose used range reaches beyond what the add-in reads (readWindow). */
  passedOver?: Issue[];
  protectedSheets: Set<string>;
  tables: Map<string, string[]>;
  /** Chart names by sheet (visible sheets and marked ones: the own highlight sheet is among them). */
  charts: Map<string, string[]>;
}

/** Queues each sheet's protection and chart names; call the result after the sync. */
function queueExtras(context: Excel.RequestContext, sheets: SheetInfo[]): () => Extras {
  const loaded = sheets.map((s) => {
    const protection = context.workbook.worksheets.getItem(s.name).protection;
    protection.load("protected");
    const charts = context.workbook.worksheets.getItem(s.name).charts;
    charts.load("items/name");
    const tables = context.workbook.worksheets.getItem(s.name).tables;
    tables.load("items/name");
    return { sheet: s.name, protection, charts, tables };
  });
  return () => {
    const protectedSheets = new Set<string>();
    const charts = new Map<string, string[]>();
    const tables = new Map<string, string[]>();
    for (const l of loaded) {
      if (l.protection.protected) protectedSheets.add(l.sheet);
      if (l.tables.items.length)
        tables.set(
          l.sheet,
          l.tables.items.map((t) => t.name),
        );
      charts.set(
        l.sheet,
        l.charts.items.map((c) => c.name),
      );
    }
    return { protectedSheets, charts, tables };
  };
}

async function readMeta(
  context: Excel.RequestContext,
  syncer: Syncer,
): Promise<
  Pick<
    WorkbookRead,
    "sheets" | "markers" | "settings" | "settingsProblem" | "structureProtected" | "dateSystem"
  > & {
    markerTargets: Map<OwnSheetRole, string>;
  }
> {
  const worksheets = context.workbook.worksheets;
  const structure = context.workbook.protection;
  structure.load("protected");
  worksheets.load("items/name,items/visibility,items/position");
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load("value");
  const dateProbe = queueDateSystemProbe(context);
  await syncer.wait(context.sync());

  const sheets: SheetInfo[] = worksheets.items
    .map((w) => ({ name: w.name, visibility: String(w.visibility), position: w.position }))
    .sort((a, b) => a.position - b.position);
  const byLower = new Map(sheets.map((s) => [s.name.toLowerCase(), s.name]));
  const markerTargets = new Map<OwnSheetRole, string>();
  const markers = new Map<OwnSheetRole, string>();
  for (const n of names.items) {
    const role = roleFromMarker(n.name);
    if (!role) continue;
    markers.set(role, n.name);
    const target = sheetFromReference(String(n.formula ?? ""));
    const sheet = target === null ? undefined : byLower.get(target.toLowerCase());
    if (sheet !== undefined) markerTargets.set(role, sheet);
  }
  let settings: SavedSettings | null = null;
  let settingsProblem: string | null = null;
  if (!setting.isNullObject) {
    const read = settingsFromJson(setting.value);
    if (read.kind === "ok") settings = read.settings;
    if (read.kind === "unreadable") settingsProblem = read.problem;
  }
  return {
    sheets,
    markerTargets,
    markers,
    settings,
    settingsProblem,
    structureProtected: structure.protected,
    dateSystem: dateProbe.read(),
  };
}

interface EdgeProxies {
  sheet: string;
  lastColumn: Excel.Range;
  cells: { range: Excel.Range; borders: [string, Excel.RangeBorder][] }[];
}

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

/** Queues loads of the last used column's cells in the first rows (header candidates) of a sheet. */
function queueEdge(sheet: string, usedRange: Excel.Range): EdgeProxies {
  const lastColumn = usedRange.getLastColumn();
  lastColumn.load("columnIndex");
  const top = lastColumn.getEntireColumn();
  const cells: EdgeProxies["cells"] = [];
  for (let i = 0; i < HEADER_SCAN_ROWS; i++) {
    const range = top.getCell(i, 0);
    range.load("format/fill/color,format/font/name,format/font/size,format/font/color,format/font/italic");
    const borders = EDGES.map((side): [string, Excel.RangeBorder] => {
      const border = range.format.borders.getItem(side);
      border.load("style,color,weight");
      return [side, border];
    });
    cells.push({ range, borders });
  }
  return { sheet, lastColumn, cells };
}

function edgeFormats(edges: EdgeProxies[]): Map<string, { col: number; cells: CellFormat[] }> {
  const out = new Map<string, { col: number; cells: CellFormat[] }>();
  for (const e of edges) {
    out.set(e.sheet, {
      col: e.lastColumn.columnIndex,
      cells: e.cells.map(({ range, borders }) => {
        const fill = range.format.fill.color;
        const font = range.format.font;
        return {
          fontName: font.name ?? null,
          fontSize: font.size ?? null,
          fontColor: font.color ?? null,
          italic: font.italic ?? null,
          fill: fill && fill.toUpperCase() !== "#FFFFFF" ? fill : null,
          borders: borders
            .filter(([, b]) => b.style && b.style !== "None")
            .map(([side, b]) => ({
              side,
              style: String(b.style),
              color: b.color,
              weight: String(b.weight),
            })),
        };
      }),
    });
  }
  return out;
}

/**
 * The part of a sheet the add-in reads: its used cells within the first READ_ROWS rows and READ_COLUMNS
 * columns. A programme's header is in the first 30 rows and its columns are far fewer than 256; a stray value
 * far to the right or bottom (a used range to XFD1048576) must not make the read unbounded, so what lies
 * beyond is passed over, and the pane says so.
 */
function readWindow(context: Excel.RequestContext, sheet: string): Excel.Range {
  return context.workbook.worksheets
    .getItem(sheet)
    .getRangeByIndexes(0, 0, READ_ROWS, READ_COLUMNS)
    .getUsedRangeOrNullObject(true);
}

/** Rows and columns read at most (see readWindow): 256 columns (A:IV) and 100,000 rows. */
export const READ_ROWS = 100_000;
export const READ_COLUMNS = 256;

/** A warning for each sheet whose used range reaches beyond what was read. */
function passedOver(wholes: { sheet: string; range: Excel.Range }[], read: Map<string, Block>): Issue[] {
  const out: Issue[] = [];
  for (const { sheet, range } of wholes) {
    const lastRow = range.rowIndex + range.rowCount - 1;
    const lastCol = range.columnIndex + range.columnCount - 1;
    if (lastRow < READ_ROWS && lastCol < READ_COLUMNS) continue;
    const kept = read.get(sheet);
    const what = [
      lastCol >= READ_COLUMNS ? `right of column ${columnLetters(READ_COLUMNS - 1)}` : null,
      lastRow >= READ_ROWS ? `below row ${String(READ_ROWS).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}` : null,
    ]
      .filter((x) => x !== null)
      .join(" and ");
    out.push({
      sheet,
      cell: cellAddress(lastRow, lastCol),
      severity: "warning",
      message: `The sheet's used range reaches ${cellAddress(lastRow, lastCol)}: cells ${what} were not read (${kept ? "the programme is read from the cells before them" : "nothing was read from this sheet"}). If they are stray values or formats, clear them.`,
    });
  }
  return out;
}

/** Round trip 2: each sheet's used range (within readWindow), with the header-candidate formats. */
async function readWhole(
  context: Excel.RequestContext,
  syncer: Syncer,
  sheets: SheetInfo[],
  candidates: Set<string>,
): Promise<{
  cells: Map<string, Loaded[]>;
  used: Map<string, Block>;
  edges: Map<string, { col: number; cells: CellFormat[] }>;
  extras: Extras;
}> {
  const ranges: { sheet: string; range: Excel.Range }[] = [];
  const edges: EdgeProxies[] = [];
  const extras = queueExtras(context, sheets);
  const wholes: { sheet: string; range: Excel.Range }[] = [];
  for (const s of sheets) {
    // getUsedRange(true), not the OrNullObject form: an empty sheet gives A1, so nothing hangs off a null object.
    const whole = context.workbook.worksheets.getItem(s.name).getUsedRange(true);
    whole.load("rowIndex,columnIndex,rowCount,columnCount");
    wholes.push({ sheet: s.name, range: whole });
    const range = readWindow(context, s.name);
    range.load("rowIndex,columnIndex,rowCount,columnCount,values,numberFormat");
    ranges.push({ sheet: s.name, range });
    if (candidates.has(s.name)) edges.push(queueEdge(s.name, whole));
  }
  await syncer.wait(context.sync());
  const cells = new Map<string, Loaded[]>();
  const used = new Map<string, Block>();
  for (const { sheet, range } of ranges) {
    if (range.isNullObject) continue;
    const block = {
      row: range.rowIndex,
      col: range.columnIndex,
      rows: range.rowCount,
      cols: range.columnCount,
    };
    used.set(sheet, block);
    cells.set(sheet, [{ ...block, values: range.values, numberFormat: range.numberFormat }]);
  }
  return {
    cells,
    used,
    edges: edgeFormats(edges),
    extras: { ...extras(), passedOver: passedOver(wholes, used) },
  };
}

/** The used ranges' positions and sizes only (when the cells are too many for one answer). */
async function readUsedSizes(
  context: Excel.RequestContext,
  syncer: Syncer,
  sheets: SheetInfo[],
  candidates: Set<string>,
): Promise<{
  used: Map<string, Block>;
  edges: Map<string, { col: number; cells: CellFormat[] }>;
  extras: Extras;
}> {
  const ranges: { sheet: string; range: Excel.Range }[] = [];
  const edges: EdgeProxies[] = [];
  const extras = queueExtras(context, sheets);
  const wholes: { sheet: string; range: Excel.Range }[] = [];
  for (const s of sheets) {
    const whole = context.workbook.worksheets.getItem(s.name).getUsedRange(true);
    whole.load("rowIndex,columnIndex,rowCount,columnCount");
    wholes.push({ sheet: s.name, range: whole });
    const range = readWindow(context, s.name);
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    ranges.push({ sheet: s.name, range });
    if (candidates.has(s.name)) edges.push(queueEdge(s.name, whole));
  }
  await syncer.wait(context.sync());
  const used = new Map<string, Block>();
  for (const { sheet, range } of ranges) {
    if (range.isNullObject) continue;
    used.set(sheet, {
      row: range.rowIndex,
      col: range.columnIndex,
      rows: range.rowCount,
      cols: range.columnCount,
    });
  }
  return { used, edges: edgeFormats(edges), extras: { ...extras(), passedOver: passedOver(wholes, used) } };
}

/** Splits the used ranges into blocks of whole rows of at most `cells` cells each, grouped per round trip. */
export function planBlocks(
  used: Map<string, Block>,
  cellsPerSync: number,
): { sheet: string; block: Block }[][] {
  const groups: { sheet: string; block: Block }[][] = [];
  let group: { sheet: string; block: Block }[] = [];
  let size = 0;
  for (const [sheet, u] of used) {
    const rowsPerBlock = Math.max(1, Math.floor(cellsPerSync / Math.max(1, u.cols)));
    for (let r = 0; r < u.rows; r += rowsPerBlock) {
      const rows = Math.min(rowsPerBlock, u.rows - r);
      const cells = rows * u.cols;
      if (group.length > 0 && size + cells > cellsPerSync) {
        groups.push(group);
        group = [];
        size = 0;
      }
      group.push({ sheet, block: { row: u.row + r, col: u.col, rows, cols: u.cols } });
      size += cells;
    }
  }
  if (group.length) groups.push(group);
  return groups;
}

/** Reads the blocks, one round trip per group; a group Excel finds too large is read again in halves. */
async function readBlocks(
  context: Excel.RequestContext,
  syncer: Syncer,
  used: Map<string, Block>,
  cellsPerSync: number,
): Promise<Map<string, Loaded[]>> {
  const out = new Map<string, Loaded[]>();
  const pending = planBlocks(used, cellsPerSync);
  // Each failure halves the group, so this ends after at most log2(cellsPerSync) retries per group.
  while (pending.length > 0) {
    const group = pending.shift()!;
    try {
      for (const loaded of await readGroup(context, syncer, group)) {
        const list = out.get(loaded.sheet) ?? [];
        list.push(loaded.data);
        out.set(loaded.sheet, list);
      }
    } catch (e) {
      const halves = halve(group);
      if (!TOO_BIG.has(excelErrorCode(e) ?? "") || halves === null) throw e;
      pending.unshift(...halves);
    }
  }
  return out;
}

async function readGroup(
  context: Excel.RequestContext,
  syncer: Syncer,
  group: { sheet: string; block: Block }[],
): Promise<{ sheet: string; data: Loaded }[]> {
  const ranges = group.map(({ sheet, block }) => {
    const range = context.workbook.worksheets
      .getItem(sheet)
      .getRangeByIndexes(block.row, block.col, block.rows, block.cols);
    range.load("values,numberFormat");
    return { sheet, block, range };
  });
  await syncer.wait(context.sync());
  return ranges.map(({ sheet, block, range }) => ({
    sheet,
    data: { ...block, values: range.values, numberFormat: range.numberFormat },
  }));
}

/** A group split in two (by blocks, or a single block by rows); null when it is one row already. */
function halve(group: { sheet: string; block: Block }[]): { sheet: string; block: Block }[][] | null {
  if (group.length > 1) {
    const mid = Math.ceil(group.length / 2);
    return [group.slice(0, mid), group.slice(mid)];
  }
  const only = group[0]!;
  if (only.block.rows <= 1) return null;
  const top = Math.ceil(only.block.rows / 2);
  return [
    [{ sheet: only.sheet, block: { ...only.block, rows: top } }],
    [{ sheet: only.sheet, block: { ...only.block, row: only.block.row + top, rows: only.block.rows - top } }],
  ];
}

function emptyGrid(s: SheetInfo): SheetGrid {
  return { name: s.name, visible: s.visibility === "Visible", rowOffset: 0, colOffset: 0, values: [] };
}

/**
 * The engine's grid of a sheet. Rows start at row 1, as the command line reads a file, so the header search
 * (the first 30 rows of the sheet) is the same in both; columns start at the used range's first column.
 */
function assemble(s: SheetInfo, u: Block, blocks: Loaded[]): SheetGrid {
  const values: unknown[][] = [];
  const formats: unknown[][] = [];
  for (let r = 0; r < u.row; r++) {
    values.push([]);
    formats.push([]);
  }
  for (const b of [...blocks].sort((x, y) => x.row - y.row)) {
    for (let i = 0; i < b.rows; i++) {
      const at = b.row + i;
      while (values.length <= at) {
        values.push([]);
        formats.push([]);
      }
      values[at] = b.values[i] ?? [];
      formats[at] = b.numberFormat[i] ?? [];
    }
  }
  return {
    name: s.name,
    visible: s.visibility === "Visible",
    rowOffset: 0,
    colOffset: u.col,
    values: values as SheetGrid["values"],
    numberFormats: formats as NonNullable<SheetGrid["numberFormats"]>,
  };
}
