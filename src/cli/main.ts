/**
 * programme-rag: the command-line tool. Reads a workbook (.xlsx or .csv), runs the engine, prints a summary
 * or the JSON analysis, and writes a copy of the workbook with the RAG columns and the highlight report.
 */
import { constants } from "node:fs";
import { access, mkdir, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  dayFromLocalDate,
  defaultReportingDate,
  excelSerialFromDay,
  formatDayUk,
  parseIsoDay,
} from "../engine/dates";
import { SETTINGS_KEY, settingsFromJson } from "../engine/saved-settings";
import type { SavedSettingText } from "../adapters/file/web-settings";
import type { DayNumber } from "../engine/dates";
import { cycleStart, defaultCycle } from "../engine/cycle";
import { toJsonReport } from "../engine/json";
import { formatMoney, pence, penceFromPounds } from "../engine/money";
import type { Pence } from "../engine/money";
import { readAmount } from "../engine/read/cells";
import { DEFAULT_RULES, rulesFromJson } from "../engine/rules";
import type { ProgrammeDetails, Rules } from "../engine/rules";
import type { RunInputs } from "../engine/run";
import { planRun } from "../engine/run";
import type { WorkbookSnapshot } from "../engine/snapshot";
import { workbookSnapshot } from "../engine/snapshot";
import { InputError } from "../adapters/file/errors";
import type { SheetEntry } from "../adapters/file/package";
import type { LoadedWorkbook } from "../adapters/file/read/read-workbook";
import type { OwnSheetRole, WritePlan } from "../engine/plan";
import type { Issue } from "../engine/model";
import { columnLetters } from "../engine/grid";
import { parseArgs, USAGE } from "./args";
import { summaryLines } from "./summary";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The clock, for the default reporting date and the change log (tests pass a fixed one). */
  now: () => Date;
}

const nodeIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  now: () => new Date(),
};

class UsageError extends Error {}

async function readConfig(
  path: string,
): Promise<{ rules: Rules; allocation: number | null; details: ProgrammeDetails }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UsageError(`--config ${path}: no such file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(`--config ${path}: not valid JSON (${(e as Error).message})`);
  }
  const r = rulesFromJson(json);
  if (!r.ok) throw new UsageError(`--config ${path}: ${r.errors.join("; ")}`);
  return { rules: r.rules, allocation: r.allocation, details: r.details };
}

function parseAllocation(text: string): Pence {
  const r = readAmount(text);
  if (r.kind !== "value" || r.value < 0)
    throw new UsageError(`--allocation ${text}: expected an amount in pounds, e.g. 1200000 or £1.2m`);
  return r.value;
}

/**
 * Refuses an --out that is the input (by real path and by file identity, so a symlinked folder or a hard link
 * cannot reach it) or an existing file that may not be written.
 */
async function checkOutPath(input: string, out: string): Promise<void> {
  const same = "--out must name a new file: the input workbook is never modified";
  const inReal = await realpath(input).catch(() => resolve(input));
  const outDir = await realpath(dirname(resolve(out))).catch(() => dirname(resolve(out)));
  const outReal = await realpath(out).catch(() => join(outDir, basename(out)));
  if (outReal === inReal) throw new UsageError(same);
  const [a, b] = await Promise.all([stat(input).catch(() => null), stat(out).catch(() => null)]);
  if (a && b && a.dev === b.dev && a.ino === b.ino) throw new UsageError(same);
  if (b) {
    if (b.isDirectory()) throw new UsageError(`--out ${out} is a folder`);
    // By permission bits as well as access(): an administrator may write anything, but a file marked
    // read-only is the user's way of saying "do not replace this".
    const writable =
      (b.mode & 0o222) !== 0 &&
      (await access(out, constants.W_OK).then(
        () => true,
        () => false,
      ));
    if (!writable) throw new UsageError(`--out ${out}: the file exists and is read-only; it is not replaced`);
  }
}

export async function run(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`programme-rag: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const args = parsed.args;
  if (args.help) {
    io.stdout(USAGE + "\n");
    return 0;
  }
  if (args.version) {
    io.stdout("programme-rag 0.1.0\n");
    return 0;
  }
  try {
    // As in the pane: by default the last day of the previous month (a month that has ended), not today.
    let dateFlag: DayNumber | null = null;
    if (args.date !== null) {
      dateFlag = parseCliDate(args.date);
      if (dateFlag === null)
        throw new UsageError(
          `--date ${args.date}: expected a date as YYYY-MM-DD from 1900 to 9999 (or dd/mm/yyyy), e.g. 2020-12-31 or 31/12/2020`,
        );
    }
    let config: Awaited<ReturnType<typeof readConfig>> | null = null;
    if (args.config !== null) config = await readConfig(args.config);
    const day = (flag: string, text: string | null) => {
      if (text === null) return undefined;
      const d = parseCliDate(text);
      if (d === null)
        throw new UsageError(
          `${flag} ${text}: expected a date as YYYY-MM-DD (or dd/mm/yyyy), e.g. 2020-04-01 or 01/04/2020`,
        );
      return d;
    };
    // The flags' own dates, checked before any file is read; a rules file's as rules.json writes them.
    const startFlag = day("--start", args.start);
    const endFlag = day("--end", args.end);
    const configStart =
      config?.details.start !== undefined ? day("--config start", config.details.start) : undefined;
    const configEnd = config?.details.end !== undefined ? day("--config end", config.details.end) : undefined;
    if (startFlag !== undefined && endFlag !== undefined && startFlag > endFlag)
      throw new UsageError("--start must not be after --end");
    const allocationFlag = args.allocation !== null ? parseAllocation(args.allocation) : undefined;
    if (args.out !== null && !/\.xls[xm]$/i.test(args.out))
      throw new UsageError(
        `--out ${args.out}: the result is written as .xlsx (or .xlsm for a macro workbook)`,
      );
    if (args.out !== null) await checkOutPath(args.input, args.out);

    // What the run uses: a flag, else the rules file, else the settings the add-in saved in the workbook, else
    // the defaults. Decided once the workbook's saved settings are read (before its history, whose rows to read
    // depend on the reporting date).
    let reportingDate = defaultReportingDate(dayFromLocalDate(io.now()));
    let rules: Rules = DEFAULT_RULES;
    let allocation: Pence | undefined;
    let details: { name?: string; start?: DayNumber; end?: DayNumber } = {};
    const fromWorkbook: string[] = [];
    const settingWarnings: string[] = [];
    let dateFrom = "flag" as "flag" | "workbook" | "default";
    const decide = (savedText: SavedSettingText | null): void => {
      const read = savedText ? settingsFromJson(savedText.value) : ({ kind: "none" } as const);
      if (read.kind === "unreadable")
        settingWarnings.push(
          `the add-in's saved setting "${SETTINGS_KEY}" (${savedText!.part}) was not used: ${read.problem}`,
        );
      const saved = read.kind === "ok" ? read.settings : null;
      if (dateFlag !== null) reportingDate = dateFlag;
      else if (saved?.reportingDate !== undefined) {
        reportingDate = saved.reportingDate;
        dateFrom = "workbook";
        fromWorkbook.push(`reporting date ${formatDayUk(reportingDate)}`);
      } else dateFrom = "default";
      if (config) rules = config.rules;
      else if (saved) {
        rules = saved.rules;
        fromWorkbook.push("rules");
      }
      if (allocationFlag !== undefined) allocation = allocationFlag;
      else if (config && config.allocation !== null) allocation = pence(penceFromPounds(config.allocation));
      else if (saved) {
        allocation = saved.allocation;
        fromWorkbook.push(`allocation ${formatMoney(saved.allocation)}`);
      }
      const p = saved?.programme;
      const pick = <T>(
        flag: T | undefined,
        cfg: T | undefined,
        ws: T | undefined,
        what: string,
      ): T | undefined => {
        if (flag !== undefined) return flag;
        if (cfg !== undefined) return cfg;
        if (ws !== undefined) fromWorkbook.push(what);
        return ws;
      };
      const name = pick(args.name ?? undefined, config?.details.name, p?.name, "programme name");
      const start = pick(startFlag, configStart, p?.start, "programme start");
      const end = pick(endFlag, configEnd, p?.end, "programme end");
      details = {
        ...(name !== undefined ? { name } : {}),
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
      };
    };
    const periodOf = () => args.period ?? defaultCycle(reportingDate);

    // Loaded here, not at start-up: --help and usage errors pay for none of it.
    const { loadWorkbook } = await import("../adapters/file/read/read-workbook");
    // Of the RAG History, only what this run's report needs is read: the snapshot it compares with and the rows
    // from its period on (the month's or the quarter's first day).
    let decided = false;
    const loaded = await loadWorkbook(args.input, {
      reportFrom: (saved) => {
        decide(saved);
        decided = true;
        return cycleStart(reportingDate, periodOf());
      },
    });
    if (!decided) decide(null); // a CSV has no saved settings
    const periodStart = details.start;
    const periodEnd = details.end;
    if (periodStart !== undefined && periodEnd !== undefined && periodStart > periodEnd)
      throw new UsageError(
        `--start must not be after --end: the programme's start ${formatDayUk(periodStart)} is after its end ${formatDayUk(periodEnd)}` +
          (fromWorkbook.some((w) => w.startsWith("programme"))
            ? " (as saved in the workbook; --start and --end choose others)"
            : ""),
      );
    // A workbook in Excel's 1904 date system holds no date before 1 January 1904, and the copy writes the
    // reporting date as a date.
    if (args.out !== null && loaded.pkg?.date1904 && excelSerialFromDay(reportingDate, 1904) < 0)
      throw new UsageError(
        `reporting date ${formatDayUk(reportingDate)}: this workbook counts its dates in the 1904 date system, which has no date before 01/01/1904; give a later --date`,
      );
    if (dateFrom === "default")
      io.stderr(
        `programme-rag: no --date given: reporting at ${formatDayUk(reportingDate)}, the last day of the previous month (--date 31/12/2020 chooses another)\n`,
      );
    for (const w of settingWarnings) io.stderr(`programme-rag: warning: ${w}\n`);
    if (args.out !== null && loaded.kind === "xlsx" && loaded.pkg) {
      // The package's content type decides, not the input's name: Excel opens a macro workbook only as .xlsm.
      const { isMacroWorkbook } = await import("../adapters/file/macro-workbook");
      const macros = await isMacroWorkbook(args.input, loaded.pkg);
      if (macros !== /\.xlsm$/i.test(args.out))
        throw new UsageError(
          macros
            ? `--out ${args.out}: a macro workbook is written as .xlsm, with its macros` +
                (/\.xlsm$/i.test(args.input) ? "" : ` (${basename(args.input)} is one, though named .xlsx)`)
            : `--out ${args.out}: .xlsm is for macro workbooks; write this one as .xlsx`,
        );
    } else if (args.out !== null && loaded.kind === "csv" && /\.xlsm$/i.test(args.out))
      throw new UsageError(`--out ${args.out}: .xlsm is for macro workbooks; write this one as .xlsx`);
    for (const w of loaded.warnings) io.stderr(`programme-rag: warning: ${w}\n`);
    const snapshot = workbookSnapshot({
      sheets: loaded.sheets,
      names: (loaded.pkg?.definedNames ?? [])
        .filter((dn) => dn.localSheetId === null)
        .map((dn) => ({ name: dn.name, reference: dn.text })),
      // Serials that are not formatted as dates (and everything the tool writes) count in the workbook's system.
      dateSystem: loaded.pkg?.date1904 ? 1904 : 1900,
      notRead: new Set(loaded.sheets.filter((g) => !loaded.read.has(g.name)).map((g) => g.name)),
      ...(loaded.readIssues ? { readIssues: loaded.readIssues } : {}),
    });
    const inputs: RunInputs = { reportingDate, rules };
    if (args.period !== null) inputs.cycle = args.period;
    if (allocation !== undefined) inputs.allocation = allocation;
    if (details.name !== undefined) inputs.programmeName = details.name;
    if (periodStart !== undefined) inputs.periodStart = periodStart;
    if (periodEnd !== undefined) inputs.periodEnd = periodEnd;
    const outcome = planRun(snapshot, inputs, args.out !== null ? "report" : null, io.now());
    if (outcome.kind === "noProgrammeSheet") {
      io.stderr(`programme-rag: ${args.input}: ${outcome.message}\n`);
      return 1;
    }
    const { trend, plan } = outcome;
    // The run's own warnings join the analysis's issues, so --json lists them as the summary does.
    const extra: Issue[] = settingWarnings.map((message) => ({
      sheet: "",
      cell: "",
      severity: "warning",
      message,
    }));
    if (args.out !== null && plan !== null) {
      // A protected sheet the run writes is written in the copy with its protection kept, and said (issue 14).
      const { protectedSheetWarnings } = await import("../adapters/file/write/protected-sheets");
      const ownWritten = plan.sheets.flatMap((l) => snapshot.own.get(l.role)?.sheet ?? []);
      for (const w of protectedSheetWarnings(plan, loaded.read, ownWritten)) {
        io.stderr(`programme-rag: warning: ${w.message}\n`);
        extra.push({ sheet: w.sheet, cell: "", severity: "warning", message: w.message });
      }
    }
    const analysis = extra.length
      ? { ...outcome.analysis, issues: [...extra, ...outcome.analysis.issues] }
      : outcome.analysis;
    const runWarnings: string[] = [];
    if (
      dateFrom === "default" &&
      (reportingDate < analysis.periodStart || reportingDate > analysis.periodEnd)
    )
      runWarnings.push(
        `no --date was given, so the report is at ${formatDayUk(reportingDate)} (the last day of last month), ` +
          `${reportingDate > analysis.periodEnd ? "after" : "before"} the programme's period: ratings and overdue items are as at that date. ` +
          `Run again with the reporting date you mean, e.g. --date ${formatDayUk(Math.min(analysis.periodEnd, Math.max(analysis.periodStart, reportingDate)) as DayNumber)}`,
      );
    const fromLines = fromWorkbook.length
      ? [
          `From the workbook's saved settings (the add-in's; flags and --config win): ${fromWorkbook.join(", ")}`,
        ]
      : [];
    const say = args.json ? io.stderr : io.stdout;
    if (args.json) {
      for (const w of runWarnings) io.stderr(`programme-rag: warning: ${w}\n`);
      if (fromLines.length) io.stderr(`programme-rag: ${fromLines[0]}\n`);
      io.stdout(
        JSON.stringify(toJsonReport(analysis, trend, outcome.riskScoresBefore ?? null), null, 2) + "\n",
      );
    } else
      say(summaryLines(analysis, 10, trend, { inputs: fromLines, warnings: runWarnings }).join("\n") + "\n");

    if (args.out !== null && plan !== null) {
      let source = loaded;
      if (loaded.kind === "csv") {
        // A CSV becomes a one-sheet workbook (figures and dates typed, as Excel opens it), then takes the same path.
        const { csvPackage } = await import("../adapters/file/write/csv-package");
        const { openPackage } = await import("../adapters/file/package");
        const pkg = await openPackage(
          args.input,
          await csvPackage(loaded.sheets[0]!.name, loaded.csvRows ?? []),
        );
        // A CSV has no merges, formulas or sheets of the tool's: nothing to read back.
        source = { ...loaded, pkg };
      }
      // Every part copied unchanged is checked against its CRC-32 first: damage is refused, not passed on.
      if (loaded.kind === "xlsx" && source.pkg) {
        const { verifyUnreadParts } = await import("../adapters/file/package");
        await verifyUnreadParts(args.input, source.pkg.zip);
      }
      const { writePackage } = await import("../adapters/file/write/write-package");
      const out = resolve(args.out);
      await mkdir(dirname(out), { recursive: true });
      // Write beside the target and rename, so a failure never leaves a half-written workbook.
      const tmp = `${out}.${process.pid}.tmp`;
      let written;
      try {
        written = await writePackage(
          {
            path: args.input,
            pkg: source.pkg!,
            plan,
            read: source.read,
            own: ownEntries(snapshot, source),
            // The summary is printed: the sheets' values (the grids the reader made, hundreds of MB at 200,000
            // rows) go before the copy's parts are made.
            release: () => {
              for (const g of source.sheets) {
                (g.values as unknown[]).length = 0;
                delete g.numberFormats;
              }
            },
          },
          tmp,
        );
        await rename(tmp, out);
      } catch (e) {
        await rm(tmp, { force: true });
        if (e instanceof InputError) throw e;
        throw new InputError(`${args.out}: cannot be written (${(e as Error).message})`);
      }
      for (const s of written.skipped.slice(0, 20)) io.stderr(`programme-rag: not written: ${s}\n`);
      if (written.skipped.length > 20)
        io.stderr(
          `programme-rag: not written: ${written.skipped.length - 20} more cells (formulas or merged cells)\n`,
        );
      say(
        `Wrote ${args.out}: ${written.ragCells} RAG cell${written.ragCells === 1 ? "" : "s"}` +
          addedColumnsText(plan) +
          `; sheets ${written.sheets.map((s) => `"${s}"`).join(", ")} (reporting date ${formatDayUk(reportingDate)})\n`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`programme-rag: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr(`programme-rag: ${e.message}\n`);
      return 1;
    }
    io.stderr(`programme-rag: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

/** The package's sheet entries of the tool's own sheets (the engine's choice, by role), for the writer. */
function ownEntries(snapshot: WorkbookSnapshot, source: LoadedWorkbook): Map<OwnSheetRole, SheetEntry> {
  const out = new Map<OwnSheetRole, SheetEntry>();
  for (const [role, o] of snapshot.own) {
    const entry = source.pkg?.sheets.find((s) => s.name === o.sheet);
    if (entry) out.set(role, entry);
  }
  return out;
}

/** The columns the tool added to the user's sheets, named, so nobody is surprised by a new column. */
export function addedColumnsText(plan: WritePlan): string {
  const added: string[] = [];
  for (const c of plan.ragColumns) {
    for (const col of [c.rag, c.computed])
      if (col?.addHeader)
        added.push(`"${col.addHeader}" in column ${columnLetters(col.col)} of "${c.sheet}"`);
  }
  return added.length ? ` (added ${added.join(" and ")})` : "";
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`programme-rag: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

/** A date given on the command line: YYYY-MM-DD, or dd/mm/yyyy as the UK writes it; a year from 1900 to 9999. */
function parseCliDate(text: string): DayNumber | null {
  const t = text.trim();
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : t;
  const d = parseIsoDay(iso);
  const year = Number(iso.slice(0, 4));
  return d === null || year < 1900 || year > 9999 ? null : d;
}
