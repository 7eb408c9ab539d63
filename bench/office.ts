/**
 * The Office adapter's round trips and request sizes, against the fake Excel of the tests (which measures each
 * request as Excel on the web would receive it and refuses any over 5 MB), for generated programme sheets of
 * 1,000, 10,000 and 50,000 rows. Wall time is the fake's, on this machine: it shows how the work grows, not how
 * long Excel takes.
 */
import { performance } from "node:perf_hooks";
import { createOfficeOperations } from "../src/adapters/office/operations";
import type { OfficeOperationsOptions } from "../src/adapters/office/operations";
import { loadReportCode } from "../src/adapters/office/report-code";
import type { RoundTrip } from "../src/adapters/office/sync";
import type { CommandKind, WriteCommand } from "../src/adapters/office/write-batch";
import { bytesByKind } from "../src/adapters/office/write-batch";
import { DEFAULT_ALLOCATION } from "../src/engine/analyse";
import { parseIsoDay } from "../src/engine/dates";
import { DEFAULT_RULES } from "../src/engine/rules";
import { createFakeExcel } from "../tools/excel-sim/excel-fake";
import { workbookModelFromGrid } from "../tools/excel-sim/excel-model";
import type { GridCellSpec } from "../tools/excel-sim/excel-model";
import { benchGrid } from "./generate";

const input = {
  reportingDate: parseIsoDay("2020-12-31")!,
  rules: DEFAULT_RULES,
  allocation: DEFAULT_ALLOCATION,
};
const kb = (n: number) => `${Math.round(n / 1000).toLocaleString("en-GB")} KB`;

interface Measured {
  rows: number;
  syncs: number;
  reads: number;
  writes: number;
  maxRequest: number;
  totalRequest: number;
  maxResponse: number;
  /** Bytes of the answers to the read round trips (values, formats and the rest Excel sends back). */
  readAnswers: number;
  ms: number;
  /** Estimated request bytes and commands of the writes, by kind of command. */
  kinds: Map<CommandKind, { commands: number; bytes: number }>;
}

async function measure(rows: number, mode: "refreshRag" | "buildReport"): Promise<Measured> {
  const g = benchGrid(rows);
  const model = workbookModelFromGrid({
    [g.name]: g.values.map((r) => r.map((v) => (v ?? null) as GridCellSpec)),
  });
  const fake = createFakeExcel(model, { requirementSet: "1.9" });
  const trips: RoundTrip[] = [];
  const sent: WriteCommand[] = [];
  const ops = createOfficeOperations({
    run: fake.Excel.run as unknown as OfficeOperationsOptions["run"],
    now: () => new Date("2021-01-04T09:30:00Z"),
    onRoundTrip: (k) => trips.push(k),
    onWrite: (built) => sent.push(...built.commands),
    loadReport: loadReportCode,
  });
  const t0 = performance.now();
  await ops[mode](input);
  const ms = performance.now() - t0;
  const req = fake.stats.requestBytes;
  return {
    rows,
    syncs: fake.stats.syncs,
    reads: trips.filter((k) => k === "read").length,
    writes: trips.filter((k) => k === "write").length,
    maxRequest: Math.max(...req),
    totalRequest: req.reduce((a, b) => a + b, 0),
    // The answers Excel gave (a refused whole-sheet read is not one).
    maxResponse: Math.max(...fake.stats.responseBytes.filter((b) => b <= 5_000_000)),
    // Answers Excel gave to the read round trips (one refused as over 5 MB never reached the add-in).
    readAnswers: trips.reduce((sum, k, i) => {
      const b = fake.stats.responseBytes[i] ?? 0;
      return sum + (k === "read" && b <= 5_000_000 ? b : 0);
    }, 0),
    ms,
    kinds: bytesByKind(sent),
  };
}

/** The sizes to run: BENCH_OFFICE_ROWS=50000 (or "1000,50000") runs only those; default 1,000, 10,000 and 50,000. */
function benchRows(): number[] {
  const given = process.env.BENCH_OFFICE_ROWS;
  if (!given) return [1_000, 10_000, 50_000];
  return given
    .split(",")
    .map((t) => Number(t.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

export async function officeBench(): Promise<void> {
  for (const [mode, title] of [
    ["refreshRag", "Refresh RAG columns"],
    ["buildReport", "Build highlight report"],
  ] as const) {
    console.log(`\n## Office adapter: ${title}, against the fake Excel (5 MB request limit), one run each`);
    console.log(
      "| rows | round trips | reading | writing | largest request | all requests | largest answer | read answers | wall time (ms) |",
    );
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    const kinds: [number, Measured["kinds"]][] = [];
    for (const rows of benchRows()) {
      const m = await measure(rows, mode);
      kinds.push([rows, m.kinds]);
      console.log(
        `| ${rows.toLocaleString("en-GB")} | ${m.syncs} | ${m.reads} | ${m.writes} | ${kb(m.maxRequest)} | ${kb(m.totalRequest)} | ${kb(m.maxResponse)} | ${kb(m.readAnswers)} | ${m.ms.toFixed(0)} |`,
      );
    }
    for (const [rows, k] of kinds) {
      console.log(
        `\nWrite commands by kind at ${rows.toLocaleString("en-GB")} rows (estimated request bytes):`,
      );
      console.log("| kind | commands | bytes |\n|---|---:|---:|");
      for (const [kind, v] of [...k].sort((a, b) => b[1].bytes - a[1].bytes))
        console.log(`| ${kind} | ${v.commands.toLocaleString("en-GB")} | ${kb(v.bytes)} |`);
    }
  }
  console.log(
    "\nReading: round trip 1 lists the sheets, names and settings; round trip 2 reads every used range's size and " +
      "its first 1,031 rows (values and number formats); the rest of the rows follow in requests planned to answer " +
      "under 5 MB (values, and number formats of only the columns the engine reads them in), with the RAG column's " +
      "formulas. Writing: requests of about 3.5 MB of estimated bytes.",
  );
}

if (require.main === module) void officeBench();
