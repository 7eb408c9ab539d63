/**
 * The engine's CPU time (user + system, from process.cpuUsage) over generated programmes: on a shared machine
 * whose load varies, CPU time moves less than wall time. `npx tsx bench/engine-cpu.ts [root]` measures the
 * engine under `root` (default this checkout), so two checkouts can be compared on the same load.
 */
import { resolve } from "node:path";
import type * as Analyse from "../src/engine/analyse";
import type * as Dates from "../src/engine/dates";
import type * as Generate from "./generate";

const root = resolve(process.argv[2] ?? resolve(__dirname, ".."));
/* eslint-disable @typescript-eslint/no-require-imports */
const { analyse } = require(`${root}/src/engine/analyse`) as typeof Analyse;
const { benchGrid } = require(`${root}/bench/generate`) as typeof Generate;
const { parseIsoDay } = require(`${root}/src/engine/dates`) as typeof Dates;
/* eslint-enable @typescript-eslint/no-require-imports */

const reportingDate = parseIsoDay("2020-12-31")!;
console.log(`engine CPU ms (median), ${root}`);
for (const n of [1_000, 10_000, 100_000]) {
  const grid = benchGrid(n);
  analyse([grid], { reportingDate });
  const times: number[] = [];
  for (let i = 0; i < (n >= 100_000 ? 5 : 15); i++) {
    const c0 = process.cpuUsage();
    analyse([grid], { reportingDate });
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${n.toLocaleString("en-GB")} | ${times[Math.floor(times.length / 2)]!.toFixed(1)} |`);
}
