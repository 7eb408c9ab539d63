/**
 * npm run bench: the engine over generated programmes (parse + rules + totals), the Office adapter's round trips
 * and request sizes against the fake Excel, and the command line end to end beside a bare exceljs round trip.
 * Figures go to BENCHMARKS.md by hand, with the machine and the date.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { analyse } from "../src/engine/analyse";
import { parseIsoDay } from "../src/engine/dates";
import { buildWritePlan } from "../src/engine/write-plan";
import { run } from "../src/cli/main";
import { BENCH_HEADERS, benchGrid, benchRow } from "./generate";

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

async function cli(): Promise<void> {
  const rows = 10_000;
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-bench-"));
  try {
    const input = join(dir, "programme.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Programme of Works");
    ws.addRow(["ICT Strategy 2020-22: Programme of Works"]);
    ws.addRow([]);
    ws.addRow(BENCH_HEADERS);
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < rows; i++) ws.addRow(benchRow(i, rnd, "date"));
    await wb.xlsx.writeFile(input);

    const bare = await time(async () => {
      const w = new ExcelJS.Workbook();
      await w.xlsx.readFile(input);
      await w.xlsx.writeFile(join(dir, "bare.xlsx"));
    }, 5);
    const quiet = {
      stdout: () => undefined,
      stderr: () => undefined,
      now: () => new Date("2021-01-04T09:00:00Z"),
    };
    const out = join(dir, "out.xlsx");
    const ours = await time(async () => {
      const code = await run([input, "--date", "2020-12-31", "--out", out], quiet);
      if (code !== 0) throw new Error(`CLI exit ${code}`);
    }, 5);
    // The result holds about twice the input's cells (the report and the quarter's history snapshot), so also
    // time exceljs doing the same file work without the engine: read the input, write a workbook the size of ours.
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(out);
    const sameFiles = await time(async () => {
      const w = new ExcelJS.Workbook();
      await w.xlsx.readFile(input);
      await result.xlsx.writeFile(join(dir, "same.xlsx"));
    }, 5);
    const cells = (wb: ExcelJS.Workbook) =>
      wb.worksheets.reduce((n, w) => n + w.actualRowCount * w.actualColumnCount, 0);
    const inputBook = new ExcelJS.Workbook();
    await inputBook.xlsx.readFile(input);
    console.log(`\n## Command line end to end on a ${rows.toLocaleString("en-GB")}-row .xlsx, median of 5`);
    console.log(
      `Input about ${cells(inputBook).toLocaleString("en-GB")} cells; result about ${cells(result).toLocaleString("en-GB")} cells.`,
    );
    console.log(
      "| bare exceljs read + write of the input (ms) | exceljs read input + write a result-sized book (ms) | programme-rag --out (ms) | ratio to bare | ratio to same file work |",
    );
    console.log("|---:|---:|---:|---:|---:|");
    console.log(
      `| ${bare.toFixed(0)} | ${sameFiles.toFixed(0)} | ${ours.toFixed(0)} | ${(ours / bare).toFixed(2)} | ${(ours / sameFiles).toFixed(2)} |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`# programme-rag benchmarks, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
  if (!only || only === "engine") await engine();
  if (!only || only === "cli") await cli();
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
