/**
 * Five quarters in a row on the same 10,000 rows, each `--out` run on the last one's output (the CLI in-process),
 * CPU time (user + system, all threads: zlib's too) and wall time per quarter, median of a few rounds; and the
 * size of the tool's history parts in the output. Issue 14: a run in the fifth quarter costs no more than in the first.
 *
 *   npx tsx bench/five-quarters.ts [rounds=3] [rows=10000] [--registers] [--keep=DIR]
 *
 * --registers adds a milestones sheet (two milestones an item) and a risk register (one risk in four items), so
 * the Milestone and Risk Histories grow too; --keep=DIR keeps the input and round 1's five outputs in DIR.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import JSZip from "jszip";
import { run } from "../src/cli/main";
import { makeInput } from "./package";

const quiet = {
  stdout: () => undefined,
  stderr: () => undefined,
  now: () => new Date("2021-07-04T09:00:00Z"),
};
const DATES = ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31", "2021-06-30"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const PARTS = ["RAG History", "Milestone History", "Risk History", "Change Log"] as const;

/** One sheet's part in the zip: compressed / XML size and, for a segmented entry, its segment count. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet name="${name}"[^>]*?r:id="([^"]+)"`).exec(wb)?.[1];
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = rid ? new RegExp(`Id="${rid}"[^>]*?Target="([^"]+)"`).exec(rels)?.[1] : undefined;
  if (!target) return "-";
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const entry = zip.file(part) as unknown as {
    comment: string | null;
    _data: { compressedSize: number; uncompressedSize: number };
  };
  const { compressedSize, uncompressedSize } = entry._data;
  // The segments of a segmented entry (src/adapters/file/segments.ts): its index is the entry's zip comment.
  const segs = /^programme-rag segments 1 /.test(entry.comment ?? "")
    ? (JSON.parse(entry.comment!.slice(entry.comment!.indexOf("{"))) as { segs: unknown[] }).segs.length
    : 0;
  return (
    `${(compressedSize / 1e6).toFixed(1)} / ${(uncompressedSize / 1e6).toFixed(1)} MB` +
    (segs > 0 ? `, ${segs} segs` : "")
  );
}

async function historyParts(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return Promise.all(PARTS.map((name) => sheetPart(zip, name)));
}

async function main(): Promise<void> {
  const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const rounds = Number(args[0] ?? 3);
  const rows = Number(args[1] ?? 10_000);
  const registers = flags.includes("--registers") ? { milestonesPerItem: 2, riskEvery: 4 } : undefined;
  const keep = flags.find((f) => f.startsWith("--keep="))?.slice("--keep=".length);
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-bench-q5-"));
  try {
    const input = join(dir, "programme.xlsx");
    await makeInput(input, rows, registers);
    if (keep) copyFileSync(input, join(keep, "programme.xlsx"));
    const cpu: number[][] = DATES.map(() => []);
    const wall: number[][] = DATES.map(() => []);
    const sizes: string[][] = [];
    for (let round = 0; round < rounds; round++) {
      let prev = input;
      for (const [i, d] of DATES.entries()) {
        const next = join(dir, `r${round}-q${i + 1}.xlsx`);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const code = await run([prev, "--date", d, "--out", next], quiet);
        const c = process.cpuUsage(c0);
        wall[i]!.push(performance.now() - t0);
        cpu[i]!.push((c.user + c.system) / 1000);
        if (code !== 0) throw new Error(`CLI exit ${code}`);
        if (round === 0) {
          sizes.push(await historyParts(next));
          if (keep) copyFileSync(next, join(keep, `q${i + 1}.xlsx`));
        }
        if (prev !== input) rmSync(prev);
        prev = next;
      }
    }
    console.log(
      `\nFive quarters on ${rows.toLocaleString("en-GB")} rows${registers ? ` (${(rows * registers.milestonesPerItem).toLocaleString("en-GB")} milestones, ${Math.ceil(rows / registers.riskEvery).toLocaleString("en-GB")} risks)` : ""}, median of ${rounds} rounds`,
    );
    console.log(`| quarter | CPU ms (range) | wall ms | ${PARTS.join(" | ")} (zip / XML) |`);
    console.log(`|---|---:|---:|${PARTS.map(() => "---").join("|")}|`);
    for (const [i, d] of DATES.entries())
      console.log(
        `| Q${i + 1} (${d}) | ${median(cpu[i]!).toFixed(0)} (${Math.min(...cpu[i]!).toFixed(0)}-${Math.max(...cpu[i]!).toFixed(0)}) | ${median(wall[i]!).toFixed(0)} | ${sizes[i]!.join(" | ")} |`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
