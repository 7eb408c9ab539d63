/**
 * The task pane's WorkbookOperations over Office.js (Excel.run). One refresh or report:
 *
 *   read (round trip 1: sheets, names, settings; round trip 2: used ranges and header formats)
 *   → analyse and plan with the engine (no Excel)
 *   → write the plan in requests of about 3.5 MB (one round trip each; one in all for a council-sized workbook).
 *
 * Everything is read and computed before the first write, so a failure while reading changes nothing; a failure
 * while writing says which sheets may be incomplete. Every round trip has a time-out.
 */
import type { Progress, RunInput, RunResult, SavedSettings, WorkbookOperations } from "../../app/operations";
import { OperationError } from "../../app/operations";
import { analyse, DEFAULT_ALLOCATION } from "../../engine/analyse";
import { dayFromLocalDate, defaultReportingDate, excelSerialFromLocalDateTime } from "../../engine/dates";
import type { SheetGrid } from "../../engine/grid";
import { cellAddress } from "../../engine/grid";
import { isValidSheetName } from "../../engine/own-sheets";
import type { WritePlan } from "../../engine/plan";
import type { ProgrammeAnalysis } from "../../engine/model";
import { DEFAULT_RULES } from "../../engine/rules";
import type { RunMode } from "../../engine/write-plan";
import { buildWritePlan, trendFromHistory } from "../../engine/write-plan";
import { EXCEL_API_REQUIREMENT } from "../../requirements";
import { toOperationError } from "./errors";
import type { WorkbookRead } from "./read";
import { readWorkbook } from "./read";
import { SETTINGS_KEY, settingsToJson } from "./settings";
import type { RoundTrip } from "./sync";
import { Syncer } from "./sync";
import type { BuiltWrite, WriteCommand } from "./write";
import { buildWrite, packChunks, sendChunk } from "./write";
import { REQUEST_LIMIT_BYTES, REQUEST_TARGET_BYTES } from "./write-batch";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface OfficeOperationsOptions {
  /** Excel.run (tests pass the fake's). Default: the global Excel.run. */
  run?: <T>(batch: Batch<T>) => Promise<T>;
  /** The clock: the change log's time, and today (the default reporting date is the month before's last day). */
  now?: () => Date;
  /** Time-out of each round trip, in milliseconds. Default 30 s. */
  syncTimeoutMs?: number;
  /** Target size of one write request in bytes. Default REQUEST_TARGET_BYTES (Excel on the web refuses over 5 MB). */
  chunkBytes?: number;
  /** Cells read per round trip when a workbook is too large to read in one. Default 100,000. */
  readCellsPerSync?: number;
  /** Told of each round trip as it starts (for diagnostics and the benchmark). */
  onRoundTrip?: (kind: RoundTrip) => void;
  /** Told of the write commands a run built, before they are sent (the benchmark's bytes by kind). */
  onWrite?: (built: BuiltWrite) => void;
}

/** A refresh with the settings saved in the workbook, and which of them were there. */
export interface SavedRefreshResult extends RunResult {
  /** The workbook had saved settings (rules and allocation); else the defaults were used. */
  settingsSaved: boolean;
  /** The workbook had a saved reporting date; else the default (the last day of the previous month) was used. */
  dateSaved: boolean;
}

export interface OfficeOperations extends WorkbookOperations {
  /**
   * The ribbon's "Refresh RAG": the rules, allocation and reporting date saved in the workbook, or the defaults
   * (the default date is the last day of the previous month).
   */
  refreshWithSavedSettings(progress?: Progress): Promise<SavedRefreshResult>;
}

/** An own sheet's grid from column A, as the history and change log readers expect. */
function fromColumnA(grid: SheetGrid | undefined): SheetGrid | null {
  if (!grid) return null;
  if (grid.colOffset === 0) return grid;
  const pad = new Array<null>(grid.colOffset).fill(null);
  return { ...grid, colOffset: 0, values: grid.values.map((r) => (r.length ? [...pad, ...r] : r)) };
}

/**
 * Refuses to start in an Excel older than the requirement set the add-in declares, before anything is read or
 * written (where Office.js can tell: Office.context.requirements).
 */
function requireApi(): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const requirements = office?.context?.requirements;
  if (requirements && !requirements.isSetSupported("ExcelApi", EXCEL_API_REQUIREMENT)) {
    throw new OperationError(
      `This version of Excel does not support what the add-in needs (the Excel JavaScript API ${EXCEL_API_REQUIREMENT}): use Excel 2021 or later, Microsoft 365, Excel for Mac or Excel on the web. Nothing was changed.`,
      "ApiNotFound",
    );
  }
}

const NO_SHEET =
  "No programme-of-works sheet was found: the add-in looks in the first 30 rows of each visible sheet for a header row naming at least a project (or reference) column and two more, such as budget, forecast and target date.";

export function createOfficeOperations(options: OfficeOperationsOptions = {}): OfficeOperations {
  const run = options.run ?? (<T>(batch: Batch<T>) => Excel.run(batch));
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.syncTimeoutMs ?? 30_000;
  const chunkBytes = options.chunkBytes ?? REQUEST_TARGET_BYTES;
  const cellsPerSync = options.readCellsPerSync ?? 100_000;

  async function excel<T>(batch: Batch<T>, phase: "read" | "settings" | "select"): Promise<T> {
    requireApi();
    try {
      return await run(batch);
    } catch (e) {
      throw toOperationError(e, { phase });
    }
  }

  async function read(context: Excel.RequestContext, syncer: Syncer): Promise<WorkbookRead> {
    try {
      return await readWorkbook(context, syncer, { cellsPerSync });
    } catch (e) {
      throw toOperationError(e, { phase: "read" });
    }
  }

  function analyseRead(r: WorkbookRead, input: RunInput): ProgrammeAnalysis {
    const a = analyse(r.grids, {
      reportingDate: input.reportingDate,
      allocation: input.allocation,
      rules: input.rules,
      ownSheets: [...r.own.values()],
      dateSystem: r.dateSystem,
      ...(input.programme
        ? {
            programmeName: input.programme.name,
            periodStart: input.programme.start,
            periodEnd: input.programme.end,
          }
        : {}),
    });
    return r.passedOver.length ? { ...a, issues: [...r.passedOver, ...a.issues] } : a;
  }

  function savedOrDefault(r: WorkbookRead): RunInput {
    return {
      reportingDate: r.settings?.reportingDate ?? defaultReportingDate(dayFromLocalDate(now())),
      rules: r.settings?.rules ?? DEFAULT_RULES,
      allocation: r.settings?.allocation ?? DEFAULT_ALLOCATION,
      ...(r.settings?.programme ? { programme: r.settings.programme } : {}),
    };
  }

  async function write(
    mode: RunMode,
    given: RunInput | null,
    progress: Progress | undefined,
  ): Promise<SavedRefreshResult> {
    return excel(async (context) => {
      const syncer = new Syncer(timeoutMs, options.onRoundTrip);
      progress?.("Reading the workbook", 0);
      const r = await read(context, syncer);
      const input = given ?? savedOrDefault(r);
      const analysis = analyseRead(r, input);
      progress?.(`Checking ${analysis.items.length} item${analysis.items.length === 1 ? "" : "s"}`, 0.2);
      if (analysis.sheets.length === 0)
        throw new OperationError(`${NO_SHEET} Nothing was changed.`, "NoProgrammeSheet");

      const generatedAt = excelSerialFromLocalDateTime(now(), analysis.dateSystem);
      const formulaCells = await readBeforePlanning(context, syncer, analysis, r);
      const history = fromColumnA(r.ownGrids.get("history"));
      const plan = buildWritePlan(analysis, {
        mode,
        history,
        changeLog: fromColumnA(r.ownGrids.get("changelog")),
        generatedAt,
        formulaCells,
      });
      const built = buildWrite(plan, r);
      options.onWrite?.(built);
      // Everything Excel would refuse is checked before the first write, never discovered half-way.
      checkBeforeWriting(plan, r, built, chunkBytes);
      const chunks = packChunks(built.commands, chunkBytes);
      await writeChunks(context, syncer, chunks, mode, progress);
      return {
        analysis: plan.issues.length
          ? { ...analysis, issues: [...analysis.issues, ...plan.issues] }
          : analysis,
        trend: trendFromHistory(analysis, history),
        written: {
          ragCells: built.ragCells,
          changedCells: plan.changedCells,
          sheets: built.sheets,
          syncs: syncer.count,
        },
        settingsSaved: r.settings !== null,
        dateSaved: r.settings?.reportingDate !== undefined,
      };
    }, "read");
  }

  return {
    async scan(input) {
      return excel(async (context) => {
        const r = await read(context, new Syncer(timeoutMs, options.onRoundTrip));
        const base = savedOrDefault(r);
        const analysis = analyseRead(r, {
          reportingDate: input?.reportingDate ?? base.reportingDate,
          rules: input?.rules ?? base.rules,
          allocation: input?.allocation ?? base.allocation,
          ...((input?.programme ?? base.programme)
            ? { programme: (input?.programme ?? base.programme)! }
            : {}),
        });
        return { analysis, settings: r.settings };
      }, "read");
    },
    refreshRag: (input, progress) => write("refresh", input, progress),
    buildReport: (input, progress) => write("report", input, progress),
    refreshWithSavedSettings: (progress) => write("refresh", null, progress),
    async selectCell(sheet, cell) {
      await excel(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await new Syncer(timeoutMs, options.onRoundTrip).wait(context.sync(), "write");
      }, "select");
    },
    async saveSettings(settings: SavedSettings) {
      await excel(async (context) => {
        context.workbook.settings.add(SETTINGS_KEY, settingsToJson(settings));
        await new Syncer(timeoutMs, options.onRoundTrip).wait(context.sync(), "write");
      }, "settings");
    },
  };
}

/**
 * Round trip 3: the formulas of the existing RAG and Computed RAG cells of item rows, so a cell holding a
 * user's formula is never replaced (Range.values gives a formula's result; assigning values replaces it); and
 * where a sheet gets a column of the add-in's, the place of its tables (a column added right of a table is added
 * through the table). Fills r.tableRects.
 */
async function readBeforePlanning(
  context: Excel.RequestContext,
  syncer: Syncer,
  a: ProgrammeAnalysis,
  r: WorkbookRead,
): Promise<Set<string>> {
  const loads: { sheet: string; row: number; col: number; range: Excel.Range }[] = [];
  const tables: { sheet: string; name: string; range: Excel.Range }[] = [];
  for (const s of a.sheets) {
    const rows = a.items.filter((i) => i.sheet === s.name).map((i) => i.row - 1);
    if (rows.length === 0) continue;
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    const cols = [
      s.ragColumn.added ? null : s.ragColumn.col,
      s.computedColumn?.added === false ? s.computedColumn.col : null,
    ];
    for (const col of cols) {
      if (col === null) continue;
      const range = context.workbook.worksheets
        .getItem(s.name)
        .getRangeByIndexes(first, col, last - first + 1, 1);
      range.load("formulas");
      loads.push({ sheet: s.name, row: first, col, range });
    }
    // A Computed RAG column may be added for a formula in the RAG column, so tables are located on every sheet.
    for (const name of r.tables.get(s.name) ?? []) {
      const range = context.workbook.worksheets.getItem(s.name).tables.getItem(name).getRange();
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      tables.push({ sheet: s.name, name, range });
    }
  }
  const out = new Set<string>();
  if (loads.length === 0 && tables.length === 0) return out;
  try {
    await syncer.wait(context.sync());
  } catch (e) {
    throw toOperationError(e, { phase: "read" });
  }
  for (const l of loads) {
    const formulas = l.range.formulas as unknown[][];
    formulas.forEach((row, i) => {
      const f = row[0];
      if (typeof f === "string" && f.startsWith("=")) out.add(`${l.sheet}!${cellAddress(l.row + i, l.col)}`);
    });
  }
  for (const t of tables) {
    const list = r.tableRects.get(t.sheet) ?? [];
    list.push({
      name: t.name,
      row: t.range.rowIndex,
      col: t.range.columnIndex,
      rows: t.range.rowCount,
      cols: t.range.columnCount,
    });
    r.tableRects.set(t.sheet, list);
  }
  return out;
}

/**
 * What Excel would refuse part way, checked before the first write: a protected sheet the run writes, a
 * protected workbook structure when a sheet must be added, a sheet name Excel does not take, a request over the
 * limit. Nothing is written when one is found, and the message says which sheet and what to do.
 */
function checkBeforeWriting(plan: WritePlan, r: WorkbookRead, built: BuiltWrite, chunkBytes: number): void {
  const written = new Set<string>();
  for (const col of plan.ragColumns) if (col.cells.length > 0) written.add(col.sheet);
  for (const sheet of written) {
    if (r.protectedSheets.has(sheet)) {
      throw new OperationError(
        `The sheet "${sheet}" is protected, so the add-in cannot write its RAG column (its cells are locked). Unprotect it (Review > Unprotect Sheet), or unlock the RAG column's cells and allow formatting, then run again. Nothing was changed.`,
        "AccessDenied",
      );
    }
  }
  const existing = new Set(r.sheets.map((s) => s.name));
  for (const name of built.sheets) {
    if (existing.has(name) && r.protectedSheets.has(name)) {
      throw new OperationError(
        `The add-in's sheet "${name}" is protected, so it cannot be written. Unprotect it (Review > Unprotect Sheet), then run again. Nothing was changed.`,
        "AccessDenied",
      );
    }
    if (!existing.has(name) && r.structureProtected) {
      throw new OperationError(
        `The workbook's structure is protected, so the add-in cannot add its sheet "${name}". Turn the protection off (Review > Protect Workbook), then run again. Nothing was changed.`,
        "AccessDenied",
      );
    }
    if (!isValidSheetName(name)) {
      throw new OperationError(
        `Excel does not take "${name}" as a sheet name (at most 31 characters, none of : \\ / ? * [ ], not "History"). Nothing was changed.`,
        "InvalidSheetName",
      );
    }
  }
  const largest = built.commands.reduce((m, c) => Math.max(m, c.bytes), 0);
  if (largest > Math.max(chunkBytes, REQUEST_LIMIT_BYTES)) {
    throw new OperationError(
      `One write would be larger than Excel takes in one request (5 MB). Nothing was changed; report it with a copy of the workbook.`,
      "RequestPayloadSizeLimitExceeded",
    );
  }
}

/** Names of the sheets the chunks write, in order, without repeats. */
function sheetsOf(chunks: readonly WriteCommand[][]): string[] {
  const out: string[] = [];
  for (const chunk of chunks) for (const c of chunk) if (!out.includes(c.sheet)) out.push(c.sheet);
  return out;
}

/**
 * Sends the write requests, one round trip per chunk (the chunk count grows with the plan's size only). A chunk
 * that fails stops the run, naming the sheets that chunk and the ones after it write.
 */
async function writeChunks(
  context: Excel.RequestContext,
  syncer: Syncer,
  chunks: readonly WriteCommand[][],
  mode: RunMode,
  progress: Progress | undefined,
): Promise<void> {
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const step =
      chunk[0]?.phase === "sheet" && mode === "report"
        ? "Writing the highlight report"
        : "Writing RAG columns";
    progress?.(step, 0.3 + (0.7 * i) / chunks.length);
    try {
      await sendChunk(context, syncer, chunk);
    } catch (e) {
      throw toOperationError(e, {
        phase: "write",
        step: i + 1,
        steps: chunks.length,
        incomplete: sheetsOf(chunks.slice(i)),
      });
    }
  }
}
