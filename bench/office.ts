/**
 * The Office adapter's round trips and request sizes, against the fake Excel of the tests (which measures each
 * request as Excel on the web would receive it and refuses any over 5 MB), for generated programme sheets of
 * 1,000, 10,000 and 50,000 rows. Wall time is the fake's, on this machine: it shows how the work grows, not how
 * long Excel takes.
 */
import { performance } from "node:perf_hooks";
import { createOfficeOperations } from "../src/adapters/office/operations";
import type { OfficeOperationsOptions } from "../src/adapters/office/operations";
import type { RoundTrip } from "../src/adapters/office/sync";
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
  ms: number;
}

async function measure(rows: number, mode: "refreshRag" | "buildReport"): Promise<Measured> {
  const g = benchGrid(rows);
  const model = workbookModelFromGrid({
    [g.name]: g.values.map((r) => r.map((v) => (v ?? null) as GridCellSpec)),
  });
  const fake = createFakeExcel(model, { requirementSet: "1.9" });
  const trips: RoundTrip[] = [];
  const ops = createOfficeOperations({
    run: fake.Excel.run as unknown as OfficeOperationsOptions["run"],
    now: () => new Date("2021-01-04T09:30:00Z"),
    onRoundTrip: (k) => trips.push(k),
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
    ms,
  };
}

export async function officeBench(): Promise<void> {
  for (const [mode, title] of [
    ["refreshRag", "Refresh RAG columns"],
    ["buildReport", "Build highlight report"],
  ] as const) {
    console.log(`\n## Office adapter: ${title}, against the fake Excel (5 MB request limit), one run each`);
    console.log(
      "| rows | round trips | reading | writing | largest request | all requests | largest answer | wall time (ms) |",
    );
    console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const rows of [1_000, 10_000, 50_000]) {
      const m = await measure(rows, mode);
      console.log(
        `| ${rows.toLocaleString("en-GB")} | ${m.syncs} | ${m.reads} | ${m.writes} | ${kb(m.maxRequest)} | ${kb(m.totalRequest)} | ${kb(m.maxResponse)} | ${m.ms.toFixed(0)} |`,
      );
    }
  }
  console.log(
    "\nReading: round trip 1 lists the sheets, names and settings; round trip 2 reads every used range whole. " +
      "When that answer would pass 5 MB, Excel refuses it, and the used ranges are read again in blocks of 100,000 cells " +
      "(one round trip for the sizes, then one per block). Writing: requests of about 1 MB.",
  );
}

if (require.main === module) void officeBench();
