/**
 * programme-rag: the command-line tool. Reads a workbook (.xlsx or .csv), runs the engine, prints a summary
 * or the JSON analysis, and writes a copy of the workbook with the RAG columns and the highlight report.
 */
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { AnalyseOptions } from "../engine/analyse";
import { analyse } from "../engine/analyse";
import { dayFromLocalDate, excelSerialFromLocalDateTime, formatDayIso, parseIsoDay } from "../engine/dates";
import { toJsonReport } from "../engine/json";
import { pence } from "../engine/money";
import type { Pence } from "../engine/money";
import { readAmount } from "../engine/read/cells";
import { DEFAULT_RULES, rulesFromJson } from "../engine/rules";
import type { ProgrammeDetails, Rules } from "../engine/rules";
import { buildWritePlan, trendFromHistory } from "../engine/write-plan";
import { applyPlan, ownSheets } from "../adapters/exceljs/apply";
import { gridFromWorksheet, InputError, loadWorkbook } from "../adapters/node/read-workbook";
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
    let reportingDate = dayFromLocalDate(io.now());
    if (args.date !== null) {
      const d = parseIsoDay(args.date);
      if (d === null)
        throw new UsageError(`--date ${args.date}: expected a date as YYYY-MM-DD, e.g. 2020-12-31`);
      reportingDate = d;
    }
    let rules: Rules = DEFAULT_RULES;
    let allocation: Pence | undefined;
    let details: ProgrammeDetails = {};
    if (args.config !== null) {
      const cfg = await readConfig(args.config);
      rules = cfg.rules;
      details = cfg.details;
      if (cfg.allocation !== null) allocation = pence(Math.round(cfg.allocation * 100));
    }
    if (args.name !== null) details = { ...details, name: args.name };
    if (args.start !== null) details = { ...details, start: args.start };
    if (args.end !== null) details = { ...details, end: args.end };
    const day = (flag: string, text: string | undefined) => {
      if (text === undefined) return undefined;
      const d = parseIsoDay(text);
      if (d === null) throw new UsageError(`${flag} ${text}: expected a date as YYYY-MM-DD, e.g. 2020-04-01`);
      return d;
    };
    const periodStart = day("--start", details.start);
    const periodEnd = day("--end", details.end);
    if (periodStart !== undefined && periodEnd !== undefined && periodStart > periodEnd)
      throw new UsageError("--start must not be after --end");
    if (args.allocation !== null) allocation = parseAllocation(args.allocation);
    if (args.out !== null && resolve(args.out) === resolve(args.input)) {
      throw new UsageError("--out must name a new file: the input workbook is never modified");
    }
    if (args.out !== null && !/\.xlsx$/i.test(args.out))
      throw new UsageError(`--out ${args.out}: the result is written as .xlsx`);

    const loaded = await loadWorkbook(args.input);
    const own = ownSheets(loaded.workbook);
    const options: AnalyseOptions = { reportingDate, rules, ownSheets: [...own.values()].map((w) => w.name) };
    if (allocation !== undefined) options.allocation = allocation;
    if (details.name !== undefined) options.programmeName = details.name;
    if (periodStart !== undefined) options.periodStart = periodStart;
    if (periodEnd !== undefined) options.periodEnd = periodEnd;
    const analysis = analyse(loaded.sheets, options);
    if (analysis.sheets.length === 0) {
      const why = analysis.ignoredSheets.map((s) => `"${s.name}": ${s.reason}`).join("; ");
      io.stderr(
        `programme-rag: ${args.input}: no programme-of-works sheet found (${why || "the workbook has no sheets"})\n`,
      );
      return 1;
    }
    const history = own.get("history");
    const historyGrid = history ? gridFromWorksheet(history) : null;
    const trend = trendFromHistory(analysis, historyGrid);
    const say = args.json ? io.stderr : io.stdout;
    if (args.json) io.stdout(JSON.stringify(toJsonReport(analysis, trend), null, 2) + "\n");
    else say(summaryLines(analysis, 10, trend).join("\n") + "\n");

    if (args.out !== null) {
      const changeLog = own.get("changelog");
      const plan = buildWritePlan(analysis, {
        mode: "report",
        history: historyGrid,
        changeLog: changeLog ? gridFromWorksheet(changeLog) : null,
        generatedAt: excelSerialFromLocalDateTime(io.now()),
      });
      const written = applyPlan(loaded.workbook, plan);
      const out = resolve(args.out);
      await mkdir(dirname(out), { recursive: true });
      // Write beside the target and rename, so a failure never leaves a half-written workbook.
      const tmp = `${out}.${process.pid}.tmp`;
      try {
        await loaded.workbook.xlsx.writeFile(tmp);
        await rename(tmp, out);
      } catch (e) {
        await rm(tmp, { force: true });
        throw new InputError(`${args.out}: cannot be written (${(e as Error).message})`);
      }
      say(
        `Wrote ${args.out}: ${written.ragCells} RAG cells; sheets ${written.sheets.map((s) => `"${s}"`).join(", ")} (reporting date ${formatDayIso(reportingDate)})\n`,
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
