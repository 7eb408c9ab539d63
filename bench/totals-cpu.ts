/**
 * The engine's totals side alone (issue 14): the headline totals, the counts, the totals by theme and by year
 * and the year view, over items already assessed, in CPU ms (user + system, median of 15 after a warm-up).
 * `npx tsx bench/totals-cpu.ts [root]` measures the engine under `root` (default this checkout): its
 * `programmeFigures` (one pass) where it has one, else its programmeTotals, ragCounts, byTheme and byYear,
 * then its yearView. Two programmes of 100,000 items: the bench grid (no years) and four sheets of money by
 * financial year (bench/generate.ts's benchYearsGrid, this checkout's). Run two roots alternately to compare.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type * as Analyse from "../src/engine/analyse";
import type * as Programme from "../src/engine/assess/programme";
import type * as Years from "../src/engine/assess/years";
import type * as Dates from "../src/engine/dates";
import type * as Rules from "../src/engine/rules";
import type { SheetGrid } from "../src/engine/grid";
import { benchGrid, benchYearsGrid } from "./generate";

const root = resolve(process.argv[2] ?? resolve(__dirname, ".."));
/* eslint-disable @typescript-eslint/no-require-imports */
const { analyse } = require(`${root}/src/engine/analyse`) as typeof Analyse;
const programme = require(`${root}/src/engine/assess/programme`) as Partial<typeof Programme> &
  Omit<typeof Programme, "programmeFigures">;
const { yearView } = require(`${root}/src/engine/assess/years`) as typeof Years;
const { parseIsoDay } = require(`${root}/src/engine/dates`) as typeof Dates;
const { DEFAULT_RULES } = require(`${root}/src/engine/rules`) as typeof Rules;
/* eslint-enable @typescript-eslint/no-require-imports */

const reportingDate = parseIsoDay("2020-12-31")!;
const programmes: [string, SheetGrid[]][] = [
  ["bench grid", [benchGrid(100_000)]],
  ["money by year, 4 sheets", ([0, 1, 2, 3] as const).map((s) => benchYearsGrid(25_000, s, s, `Sheet ${s}`))],
];
console.log(`totals CPU ms (median of 15), ${root}, load ${readFileSync("/proc/loadavg", "utf8").trim()}`);
for (const [label, sheets] of programmes) {
  const a = analyse(sheets, { reportingDate });
  const totals = () => {
    if (programme.programmeFigures) programme.programmeFigures(a.items, a.allocation, DEFAULT_RULES);
    else {
      programme.programmeTotals(a.items, a.allocation, DEFAULT_RULES);
      programme.ragCounts(a.items);
      programme.byTheme(a.items);
      programme.byYear(a.items);
    }
    yearView(a.items, {
      reporting: reportingDate,
      allocation: a.allocation,
      allocationByYear: null,
      budgetRules: DEFAULT_RULES.budget,
      sheets: a.sheets,
      symbol: "£",
    });
  };
  for (let w = 0; w < 3; w++) totals();
  const times: number[] = [];
  for (let r = 0; r < 15; r++) {
    const c0 = process.cpuUsage();
    totals();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((x, y) => x - y);
  console.log(`| ${label} | ${a.items.length.toLocaleString("en-GB")} | ${times[7]!.toFixed(1)} |`);
}
