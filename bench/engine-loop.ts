/** The engine CPU benchmark's loop (bench/engine-cpu.ts), the same for the engine run by tsx and bundled. */
import type * as Analyse from "../src/engine/analyse";
import type * as Dates from "../src/engine/dates";
import type * as Generate from "./generate";

/** A warm-up, then the median CPU ms (user + system) of 15 runs (5 at 100,000 items), one line a size. */
export function measureEngine(
  analyse: typeof Analyse.analyse,
  benchGrid: typeof Generate.benchGrid,
  parseIsoDay: typeof Dates.parseIsoDay,
  label: string,
): void {
  const reportingDate = parseIsoDay("2020-12-31")!;
  console.log(`engine CPU ms (median), ${label}`);
  const sizes = (process.env.BENCH_ENGINE_SIZES ?? "1000,10000,100000").split(",").map(Number);
  for (const n of sizes) {
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
}
