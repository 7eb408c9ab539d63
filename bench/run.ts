/**
 * npm run bench: the engine over generated programmes (parse + rules + totals), the Office adapter's round trips
 * and request sizes against the fake Excel, and the command line end to end beside a bare exceljs round trip.
 * Figures go to BENCHMARKS.md by hand, with the machine and the date.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { analyse } from "../src/engine/analyse";
import { parseIsoDay } from "../src/engine/dates";
import { buildWritePlan } from "../src/engine/write-plan";
import { benchGrid } from "./generate";
import { packageBench } from "./package";
import { bigSheetsBench } from "./big-sheets";

const reportingDate = parseIsoDay("2020-12-31")!;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => unknown | Promise<unknown>, runs: number): Promise<number> {
  await fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function engine(): Promise<void> {
  console.log("\n## Engine (parse + rules + totals), median of runs");
  console.log("| items | analyse (ms) | items per second | write plan incl. report (ms) |");
  console.log("|---:|---:|---:|---:|");
  for (const n of [1_000, 10_000, 100_000]) {
    const grid = benchGrid(n);
    const runs = n >= 100_000 ? 5 : 15;
    const ms = await time(() => analyse([grid], { reportingDate }), runs);
    const a = analyse([grid], { reportingDate });
    const planMs = await time(() => buildWritePlan(a, { mode: "report", generatedAt: 44200 }), runs);
    console.log(
      `| ${n.toLocaleString("en-GB")} | ${ms.toFixed(1)} | ${Math.round((n / ms) * 1000).toLocaleString("en-GB")} | ${planMs.toFixed(1)} |`,
    );
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`# programme-rag benchmarks, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
  if (!only || only === "engine") await engine();
  if (!only || only === "cli" || only === "package") await packageBench();
  if (!only || only === "big-sheets") await bigSheetsBench();
  if (!only || only === "office") {
    try {
      // The Office adapter's figures need the fake Excel from the test support code (see bench/office.ts).
      const office = (await import("./office")) as { officeBench: () => Promise<void> };
      await office.officeBench();
    } catch (e) {
      console.log(`\n(Office adapter benchmark not available: ${(e as Error).message})`);
    }
  }
}

void main();
