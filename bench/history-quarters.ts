/**
 * The engine's cost of a report as the RAG History grows (issue 14, "five quarters still grow"): 10,000 items,
 * a report in the first quarter (no history) and in the sixth (a history of five 10,000-item snapshots, 50,005
 * rows). Timed: the write plan of a report (buildWritePlan: trend, highlight, history, change log), the trend the
 * adapters ask for beside it (trendFromHistory) and the adapters' unchangedRows over the history layout — the
 * engine's whole part of a run once the grids are read. CPU time (user + system), median of 9 runs.
 * `npx tsx bench/history-quarters.ts [root]` measures the engine under `root` (default this checkout), so two
 * checkouts can be compared on the same load.
 */
import { resolve } from "node:path";
import type * as Analyse from "../src/engine/analyse";
import type * as Dates from "../src/engine/dates";
import type { CellValue, SheetGrid } from "../src/engine/grid";
import type * as OwnSheets from "../src/engine/own-sheets";
import type * as HistoryLayout from "../src/engine/report/history-layout";
import type * as WritePlan from "../src/engine/write-plan";
import type * as Generate from "./generate";

const root = resolve(process.argv[2] ?? resolve(__dirname, ".."));
/* eslint-disable @typescript-eslint/no-require-imports */
const { analyse } = require(`${root}/src/engine/analyse`) as typeof Analyse;
const { benchGrid } = require(`${root}/bench/generate`) as typeof Generate;
const { parseIsoDay } = require(`${root}/src/engine/dates`) as typeof Dates;
const { historyLayout, mergeHistory } = require(
  `${root}/src/engine/report/history-layout`,
) as typeof HistoryLayout;
const { buildWritePlan, trendFromHistory } = require(`${root}/src/engine/write-plan`) as typeof WritePlan;
const { unchangedRows } = require(`${root}/src/engine/own-sheets`) as typeof OwnSheets;
/* eslint-enable @typescript-eslint/no-require-imports */

const QUARTER_ENDS = ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31", "2021-06-30", "2021-09-30"];
const grid = benchGrid(10_000);
const at = (iso: string) => analyse([grid], { reportingDate: parseIsoDay(iso)! });

// The history as the sheet holds it after five quarters' reports.
let rows: ReturnType<typeof mergeHistory> = [];
for (const q of QUARTER_ENDS.slice(0, 5)) rows = mergeHistory(rows, at(q));
const historyGrid: SheetGrid = {
  name: "RAG History",
  visible: true,
  rowOffset: 0,
  colOffset: 0,
  values: historyLayout(rows).values as CellValue[][],
};

function engineRun(a: ReturnType<typeof analyse>, history: SheetGrid | null): void {
  const plan = buildWritePlan(a, { mode: "report", generatedAt: 44500, history });
  trendFromHistory(a, history);
  const layout = plan.sheets.find((s) => s.role === "history")!;
  unchangedRows(layout, history);
}

function cpuMedian(fn: () => void, runs = 9): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)]!;
}

const first = at(QUARTER_ENDS[0]!);
const sixth = at(QUARTER_ENDS[5]!);
console.log(`engine CPU ms (median of 9), 10,000 items, ${root}`);
console.log(`history rows read in the sixth quarter: ${historyGrid.values.length - 1}`);
console.log(`| first quarter (no history) | ${cpuMedian(() => engineRun(first, null)).toFixed(0)} |`);
console.log(`| sixth quarter (5 snapshots) | ${cpuMedian(() => engineRun(sixth, historyGrid)).toFixed(0)} |`);
