/** The engine CPU benchmark's loop (bench/engine-cpu.ts), the same for the engine run by tsx and bundled. */
import type * as Analyse from "../src/engine/analyse";
import type * as Dates from "../src/engine/dates";
import type * as Generate from "./generate";

/**
 * A warm-up, then the median CPU ms (user + system, every thread: the collector's and the compiler's too) and the
 * median wall ms of 15 runs (5 at 100,000 items), one line a size.
 */
export function measureEngine(
  analyse: typeof Analyse.analyse,
  benchGrid: typeof Generate.benchGrid,
  parseIsoDay: typeof Dates.parseIsoDay,
  label: string,
): void {
  const reportingDate = parseIsoDay("2020-12-31")!;
  console.log(`engine CPU ms and wall ms (medians), ${label}`);
  const sizes = (process.env.BENCH_ENGINE_SIZES ?? "1000,10000,100000").split(",").map(Number);
  for (const n of sizes) {
    const grid = benchGrid(n);
    analyse([grid], { reportingDate });
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < (n >= 100_000 ? 5 : 15); i++) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      analyse([grid], { reportingDate });
      wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]): string =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
    console.log(`| ${n.toLocaleString("en-GB")} | ${median(cpu)} CPU | ${median(wall)} wall |`);
  }
}
