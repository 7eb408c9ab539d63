/**
 * The command line's --out as package surgery, beside what it is compared with, in one run:
 * - a bare exceljs read + write of the same file (the old design's floor),
 * - copying the file's zip entries unchanged (JSZip load + write: the floor of any package writer),
 * - the engine alone (analyse + write plan) on the grid the reader gives,
 * - programme-rag --out, in-process;
 * then 200,000 rows in a child process (time and peak memory), and five quarters in a row on 10,000 rows.
 *
 *   npx tsx bench/run.ts package
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { loadWorkbook } from "../src/adapters/file/read/read-workbook";
import { analyse } from "../src/engine/analyse";
import { dayFromExcelSerial, jsDateFromDay, parseIsoDay } from "../src/engine/dates";
import { buildWritePlan } from "../src/engine/write-plan";
import { run } from "../src/cli/main";
import { BENCH_HEADERS, benchRow } from "./generate";

const quiet = {
  stdout: () => undefined,
  stderr: () => undefined,
  now: () => new Date("2021-01-04T09:00:00Z"),
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

/** How many milestones and risks makeInput's registers hold (none: the programme sheet alone). */
export interface BenchRegisters {
  /** Milestones per item on a "Milestones" sheet (one key milestone in four). */
  milestonesPerItem: number;
  /** Risks on a "Risk Register" sheet: one for every `riskEvery` items. */
  riskEvery: number;
}

/**
 * A programme workbook written by exceljs's streaming writer (so 200,000 rows can be made at all), with a
 * milestones sheet and a risk register when `registers` is given (so the Milestone and Risk Histories grow).
 */
export async function makeInput(path: string, rows: number, registers?: BenchRegisters): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet("Programme of Works");
  ws.addRow(["ICT Strategy 2020-22: Programme of Works"]).commit();
  ws.addRow([]).commit();
  ws.addRow(BENCH_HEADERS).commit();
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow(benchRow(i, rnd, "date"));
    row.getCell(9).numFmt = "dd/mm/yyyy";
    row.getCell(10).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  ws.commit();
  if (registers) {
    const ref = (i: number) => `P${String(i + 1).padStart(5, "0")}`;
    const day = (serial: number) => jsDateFromDay(dayFromExcelSerial(serial));
    const ms = wb.addWorksheet("Milestones");
    ms.addRow(["Key milestones"]).commit();
    ms.addRow([]).commit();
    ms.addRow([
      "Project ref",
      "Milestone",
      "Key milestone?",
      "Baseline date",
      "Forecast date",
      "Actual date",
      "Status",
    ]).commit();
    for (let i = 0; i < rows; i++)
      for (let m = 0; m < registers.milestonesPerItem; m++) {
        const baseline = 43922 + Math.floor(rnd() * 600); // from 01/04/2020
        const forecast = baseline + Math.floor(rnd() * 60);
        const done = forecast < 44197 && rnd() < 0.7; // before 01/01/2021
        const row = ms.addRow([
          ref(i),
          `Stage ${m + 1}`,
          (i + m) % 4 === 0 ? "Yes" : null,
          day(baseline),
          day(forecast),
          done ? day(forecast) : null,
          done ? "Achieved" : "Open",
        ]);
        for (const c of [4, 5, 6]) row.getCell(c).numFmt = "dd/mm/yyyy";
        row.commit();
      }
    ms.commit();
    const rr = wb.addWorksheet("Risk Register");
    rr.addRow(["Risk Register"]).commit();
    rr.addRow([]).commit();
    rr.addRow([
      "Risk ref",
      "Project ref",
      "Risk title",
      "Risk owner",
      "Residual likelihood (1-5)",
      "Residual impact (1-5)",
      "Residual score",
      "Status",
      "Review date",
    ]).commit();
    for (let i = 0, n = 0; i < rows; i += registers.riskEvery, n++) {
      const likelihood = 1 + Math.floor(rnd() * 5);
      const impact = 1 + Math.floor(rnd() * 5);
      const row = rr.addRow([
        `R${String(n + 1).padStart(5, "0")}`,
        ref(i),
        `Risk ${n + 1}: supplier capacity`,
        `Officer ${i % 37}`,
        likelihood,
        impact,
        likelihood * impact,
        rnd() < 0.1 ? "Closed" : "Open",
        day(44100 + Math.floor(rnd() * 400)),
      ]);
      row.getCell(9).numFmt = "dd/mm/yyyy";
      row.commit();
    }
    rr.commit();
  }
  await wb.commit();
}

export async function packageBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-bench-pkg-"));
  const reportingDate = parseIsoDay("2020-12-31")!;
  try {
    const rows = 10_000;
    const input = join(dir, "programme.xlsx");
    await makeInput(input, rows);
    const bareRun = async () => {
      const w = new ExcelJS.Workbook();
      await w.xlsx.readFile(input);
      await w.xlsx.writeFile(join(dir, "bare.xlsx"));
    };
    const floor = await time(async () => {
      const z = await JSZip.loadAsync(readFileSync(input));
      writeFileSync(
        join(dir, "copy.xlsx"),
        await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
      );
    }, 5);
    const loaded = await loadWorkbook(input);
    const engineMs = await time(async () => {
      const a = analyse(loaded.sheets, { reportingDate });
      buildWritePlan(a, { mode: "report", generatedAt: 44200 });
    }, 5);
    const readMs = await time(() => loadWorkbook(input), 5);
    const out = join(dir, "out.xlsx");
    const oursRun = async () => {
      rmSync(out, { force: true });
      const code = await run([input, "--date", "2020-12-31", "--out", out], quiet);
      if (code !== 0) throw new Error(`CLI exit ${code}`);
    };
    // Bare and ours alternate, run by run, so a change in the machine's load (it is shared) falls on both; the
    // ratio is the median of the five pairs' ratios.
    await bareRun();
    await oursRun();
    const bareTimes: number[] = [];
    const oursTimes: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      await bareRun();
      bareTimes.push(performance.now() - t0);
      t0 = performance.now();
      await oursRun();
      oursTimes.push(performance.now() - t0);
      ratios.push(oursTimes[i]! / bareTimes[i]!);
    }
    const bare = median(bareTimes);
    const ours = median(oursTimes);
    console.log(
      `\n## --out as package surgery on a ${rows.toLocaleString("en-GB")}-row .xlsx, median of 5, one run (bare and ours alternating)`,
    );
    console.log(
      "| bare exceljs read + write (ms) | zip entries copied unchanged (ms) | streaming read (ms) | engine: analyse + plan (ms) | programme-rag --out (ms) | ratio to bare, median of pairs (range) |",
    );
    console.log("|---:|---:|---:|---:|---:|---:|");
    console.log(
      `| ${bare.toFixed(0)} | ${floor.toFixed(0)} | ${readMs.toFixed(0)} | ${engineMs.toFixed(0)} | ${ours.toFixed(0)} | ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}) |`,
    );

    // Five quarters in a row, each run on the previous run's output.
    const dates = ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31", "2021-06-30"];
    let prev = input;
    const quarters: string[] = [];
    for (const [i, d] of dates.entries()) {
      const next = join(dir, `q${i + 1}.xlsx`);
      const t0 = performance.now();
      const code = await run([prev, "--date", d, "--out", next], quiet);
      if (code !== 0) throw new Error(`CLI exit ${code}`);
      quarters.push((performance.now() - t0).toFixed(0));
      prev = next;
    }
    console.log(
      `\nFive quarters on ${rows.toLocaleString("en-GB")} rows, each on the last one's output (ms): ${quarters.join(", ")}`,
    );

    // 200,000 rows in a child process, for its peak memory (BENCH_SKIP_BIG=1 leaves it out: it takes minutes).
    if (process.env.BENCH_SKIP_BIG === "1") return;
    const big = join(dir, "big.xlsx");
    await makeInput(big, 200_000);
    const cli = join(__dirname, "..", "dist", "node", "src", "cli", "main.js");
    const t0 = performance.now();
    const report = execFileSync(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(cli)}).run([${JSON.stringify(big)}, "--date", "2020-12-31", "--out", ${JSON.stringify(join(dir, "big-out.xlsx"))}], {stdout(){}, stderr(t){process.stderr.write(t.startsWith("programme-rag") ? t : "")}, now: () => new Date()}).then((c) => console.log(JSON.stringify({ code: c, maxRssKb: process.resourceUsage().maxRSS })))`,
      ],
      { encoding: "utf8", maxBuffer: 1 << 24 },
    );
    const ms = performance.now() - t0;
    const r = JSON.parse(report.trim().split("\n").pop()!) as { code: number; maxRssKb: number };
    console.log(
      `\n200,000 rows: --out in ${(ms / 1000).toFixed(1)} s (child process, compiled CLI), peak memory ${(r.maxRssKb / 1024).toFixed(0)} MB, exit ${r.code}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
