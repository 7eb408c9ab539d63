/**
 * The task pane's WorkbookOperations over Office.js (Excel.run). One refresh or report:
 *
 *   read (read.ts: the sheets, names and settings; the heads of the sheets; the rest in blocks under 5 MB, with
 *         the RAG columns' formulas and the tables) into the engine's snapshot
 *   → planRun (engine/run.ts: analyse, the own sheets by role, the trend, the write plan; no Excel)
 *   → write the plan in requests of about 3.5 MB (one round trip each; one in all for a council-sized workbook).
 *
 * Everything is read and computed before the first write, so a failure while reading changes nothing; a failure
 * while writing says which sheets may be incomplete. Every round trip has a time-out.
 */
import type { Progress, RunInput, RunResult, SavedSettings, WorkbookOperations } from "../../app/operations";
import { OperationError } from "../../app/operations";
import { DEFAULT_ALLOCATION } from "../../engine/analyse";
import { cycleStart, defaultCycle } from "../../engine/cycle";
import type { DayNumber } from "../../engine/dates";
import { dayFromLocalDate, defaultReportingDate } from "../../engine/dates";
import { isValidSheetName } from "../../engine/own-sheets";
import type { WritePlan } from "../../engine/plan";
import { DEFAULT_RULES } from "../../engine/rules";
import type { ReportSheets } from "../../engine/report-plan";
import type { RunInputs } from "../../engine/run";
import { planRunWith } from "../../engine/run";
import type { RunMode } from "../../engine/write-plan";
import { EXCEL_API_REQUIREMENT } from "../../requirements";
import { toOperationError } from "./errors";
import type { WorkbookRead } from "./read";
import { EXCEL_ROWS, READ_ROWS, readWorkbook } from "./read";
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
  /** Cells of values read per round trip at most, when a workbook is read in blocks. Default 1,000,000. */
  readCellsPerSync?: number;
  /** Bytes one read answer is planned to stay under. Default 4,750,000 (Excel on the web refuses over 5 MB). */
  readBytesPerSync?: number;
  /** Told of each round trip as it starts (for diagnostics and the benchmark). */
  onRoundTrip?: (kind: RoundTrip) => void;
  /** Told of the write commands a run built, before they are sent (the benchmark's bytes by kind). */
  onWrite?: (built: BuiltWrite) => void;
  /**
   * Loads the code that builds a report (engine/report-plan.ts), when a report is asked for: in the pane,
   * report-code.ts's loadReportCode (its own webpack chunk); in tests, the module itself. Absent: buildReport
   * refuses (the ribbon's function file only refreshes, so its bundle carries no report code).
   */
  loadReport?: LoadReport;
  /**
   * Office.context.requirements.isSetSupported (tests pass the fake's). Default: the global Office's; where there
   * is none, nothing above the manifest's requirement is taken to be there.
   */
  isSetSupported?: (name: string, version: string) => boolean;
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

/** The pane's inputs as the engine's run takes them. */
function runInputs(input: RunInput): RunInputs {
  return {
    reportingDate: input.reportingDate,
    allocation: input.allocation,
    rules: input.rules,
    ...(input.cycle ? { cycle: input.cycle } : {}),
    ...(input.programme
      ? {
          programmeName: input.programme.name,
          periodStart: input.programme.start,
          periodEnd: input.programme.end,
        }
      : {}),
  };
}

/** The step the pane shows while the report's code loads. */
export const LOADING_REPORT_STEP = "Loading the report builder";

/** Loads the code that builds a report's sheets (report-code.ts's loadReportCode in the pane). */
export type LoadReport = () => Promise<ReportSheets>;

/**
 * The report's sheets, from `load`. A load that fails (offline, or the add-in updated on the server meanwhile) is
 * said in plain words; webpack forgets a failed chunk load, so the next click tries again. Where no loader was
 * given (the ribbon's function file, which only refreshes) a report is refused.
 */
async function reportCode(
  load: LoadReport | undefined,
  progress: Progress | undefined,
): Promise<ReportSheets> {
  requireApi();
  if (!load)
    throw new OperationError(
      "The highlight report is built from the RAG pane (Home > RAG pane > Build highlight report). Nothing was changed.",
      "ReportCodeNotLoaded",
    );
  // How long the chunk takes is not known: the pane shows the step without a percentage.
  progress?.(LOADING_REPORT_STEP, null);
  try {
    return await load();
  } catch {
    throw new OperationError(
      "The add-in could not load the part that builds the highlight report: check the connection to the internet, then click Build highlight report again. Nothing was changed.",
      "ReportCodeNotLoaded",
    );
  }
}

/** The requirement set of Range.getMergedAreasOrNullObject (read.ts asks for merged areas only where it is). */
const MERGES_API = "1.13";

/** Whether Office.js says this Excel has a requirement set (false where it cannot tell). */
function globalSetSupported(name: string, version: string): boolean {
  const requirements = (globalThis as { Office?: typeof Office }).Office?.context?.requirements;
  return requirements ? requirements.isSetSupported(name, version) : false;
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

export function createOfficeOperations(options: OfficeOperationsOptions = {}): OfficeOperations {
  const run = options.run ?? (<T>(batch: Batch<T>) => Excel.run(batch));
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.syncTimeoutMs ?? 30_000;
  const chunkBytes = options.chunkBytes ?? REQUEST_TARGET_BYTES;
  const cellsPerSync = options.readCellsPerSync ?? 1_000_000;
  const readBytes = options.readBytesPerSync ?? READ_BYTES;
  const supported = options.isSetSupported ?? globalSetSupported;

  async function excel<T>(batch: Batch<T>, phase: "read" | "settings" | "select"): Promise<T> {
    requireApi();
    try {
      return await run(batch);
    } catch (e) {
      throw toOperationError(e, { phase });
    }
  }

  async function read(
    context: Excel.RequestContext,
    syncer: Syncer,
    forWriting: boolean,
    inputsOf: (settings: SavedSettings | null) => RunInput,
  ): Promise<WorkbookRead> {
    // Of the growing sheets only the window the run's period needs is read, as the command line reads them.
    const reportFrom = (settings: SavedSettings | null): DayNumber => {
      const i = inputsOf(settings);
      return cycleStart(i.reportingDate, i.cycle ?? defaultCycle(i.reportingDate));
    };
    try {
      return await readWorkbook(context, syncer, {
        cellsPerSync,
        bytesPerSync: readBytes,
        forWriting,
        merges: supported("ExcelApi", MERGES_API),
        reportFrom,
      });
    } catch (e) {
      throw toOperationError(e, { phase: "read" });
    }
  }

  function savedOrDefault(r: Pick<WorkbookRead, "settings">): RunInput {
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
    // The code that builds a report is its own chunk, fetched before anything is read (so, offline, nothing is).
    const report = mode === "report" ? await reportCode(options.loadReport, progress) : null;
    return excel(async (context) => {
      const syncer = new Syncer(timeoutMs, options.onRoundTrip);
      progress?.("Reading the workbook", 0);
      const r = await read(context, syncer, true, (settings) => given ?? savedOrDefault({ settings }));
      const outcome = planRunWith(r.snapshot, runInputs(given ?? savedOrDefault(r)), mode, now(), report);
      const { analysis } = outcome;
      progress?.(`Checking ${analysis.items.length} item${analysis.items.length === 1 ? "" : "s"}`, 0.2);
      if (outcome.kind === "noProgrammeSheet")
        throw new OperationError(`${outcome.message} Nothing was changed.`, "NoProgrammeSheet");
      const plan = outcome.plan!;
      const built = buildWrite(plan, r);
      options.onWrite?.(built);
      // Everything Excel would refuse is checked before the first write, never discovered half-way.
      checkBeforeWriting(plan, r, built, chunkBytes);
      const chunks = packChunks(built.commands, chunkBytes);
      await writeChunks(context, syncer, chunks, mode, progress);
      return {
        analysis,
        trend: outcome.trend,
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
        const given = (settings: SavedSettings | null): RunInput => {
          const base = savedOrDefault({ settings });
          const programme = input?.programme ?? base.programme;
          return {
            reportingDate: input?.reportingDate ?? base.reportingDate,
            rules: input?.rules ?? base.rules,
            allocation: input?.allocation ?? base.allocation,
            ...(programme ? { programme } : {}),
            ...(input?.cycle ? { cycle: input.cycle } : {}),
          };
        };
        const r = await read(context, new Syncer(timeoutMs, options.onRoundTrip), false, given);
        const inputs = runInputs(given(r.settings));
        return {
          analysis: planRunWith(r.snapshot, inputs, null, now(), null).analysis,
          settings: r.settings,
        };
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
        `The sheet "${sheet}" is protected, so the add-in cannot write its RAG column. Unprotect it (Review > Unprotect Sheet), run again, then protect it again if you wish. Nothing was changed.`,
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
  // A growing sheet of the tool's read by its window: the rows left out are kept, and the layout's rows follow
  // them; past Excel's last row it cannot be written (write-package.ts checkSheetRows, the same words).
  for (const layout of plan.sheets) {
    if (layout.role === "highlight") continue;
    const name = r.own.get(layout.role) ?? layout.name;
    const rows = layout.values.length + (r.ownDropped.get(layout.role) ?? 0);
    if (rows > EXCEL_ROWS) {
      const n = (x: number) => x.toLocaleString("en-GB");
      throw new OperationError(
        `The add-in's sheet "${name}" would hold ${n(rows)} rows, more than the ${n(EXCEL_ROWS)} an Excel sheet holds, so nothing was changed. Keep a copy of this workbook as the record of its earlier reports, then delete at least ${n(rows - EXCEL_ROWS)} of the oldest rows of "${name}" (whole reporting dates, from row 2 down) and run again.`,
        "SheetTooLong",
      );
    }
  }
  // A sheet of the tool's not read by its window (no marker, or an older layout) and longer than the add-in reads
  // (READ_ROWS) would be compared with in part, and its rows past the read written over: refused before any write.
  for (const layout of plan.sheets) {
    const name = r.own.get(layout.role);
    const over = r.passedOver.find((i) => i.sheet === name);
    const rows = Number(/\d+$/.exec(over?.cell ?? "")?.[0] ?? 0);
    if (rows > READ_ROWS && layout.role !== "highlight") {
      throw new OperationError(
        `The add-in's sheet "${name}" has ${rows.toLocaleString("en-GB")} rows, more than the ${READ_ROWS.toLocaleString("en-GB")} the add-in reads, so its older rows would be written over. Nothing was changed. Move its oldest rows (whole reporting dates, from row 2 down) to another workbook, or use the command line (programme-rag --out), which reads any length of history.`,
        "SheetTooLong",
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

/**
 * Excel on the web refuses an answer over 5 MB (its resource limits page; "ResponsePayloadSizeLimitExceeded"). Reads are
 * planned 5% under it, their size estimated from the sheet's first rows with 5% to spare, so an answer comes
 * to about 4.5 MB.
 */
const READ_BYTES = 4_750_000;

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
