/**
 * Excel's last row (1,048,576) and the tool's growing sheets. A 200,000-item programme's RAG History passes it at
 * its sixth snapshot, and `--out` wrote rows up to 1,200,007: a file Excel does not open whole. A sheet of the
 * tool's that would pass the last row is refused before anything is written, with what to do. The limit is
 * lowered here (`SHEET_LIMITS`) so the sample's quarters reach it; at the real limit, see BENCHMARKS.md.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { SHEET_LIMITS } from "../../src/adapters/file/write/write-package";
import { cycleStart, defaultCycle } from "../../src/engine/cycle";
import { parseIsoDay } from "../../src/engine/dates";
import { makeInput } from "../../bench/package";
import { runCli } from "./run-cli";

jest.setTimeout(120_000);
const GROWING = ["RAG History", "Milestone History", "Risk History", "Change Log"];
const SAVED = { ...SHEET_LIMITS };
let dir: string;
let q1: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-row-limit-"));
  // 600 items: the Highlight Report stays a report (its worst exceptions), so the RAG History is the longest.
  const input = join(dir, "programme.xlsx");
  await makeInput(input, 600);
  q1 = join(dir, "q1.xlsx");
  const r = await runCli([input, "--date", "2020-06-30", "--out", q1]);
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => Object.assign(SHEET_LIMITS, SAVED));

/** Every entry of a package, inflated (the zip's own dates differ from run to run). */
async function partsOf(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out: Record<string, string> = {};
  for (const f of Object.values(zip.files)) if (!f.dir) out[f.name] = await f.async("string");
  return out;
}

/** Each growing sheet's rows (its header included), read whole. */
async function rowsOf(file: string): Promise<Map<string, number>> {
  const w = await loadWorkbook(file, { ownSheetRows: "all" });
  return new Map(w.sheets.filter((s) => GROWING.includes(s.name)).map((s) => [s.name, s.values.length]));
}

test("a run that fills a sheet of the tool's to Excel's last row is written; one row more is refused", async () => {
  const free = join(dir, "q2-free.xlsx");
  expect((await runCli([q1, "--date", "2020-09-30", "--out", free])).code).toBe(0);
  const rows = await rowsOf(free);
  const [largest, most] = [...rows].reduce((a, b) => (b[1] > a[1] ? b : a));
  expect(largest).toBe("RAG History");
  expect(most).toBeGreaterThan(1200);

  SHEET_LIMITS.rows = most;
  const full = join(dir, "q2-full.xlsx");
  const ok = await runCli([q1, "--date", "2020-09-30", "--out", full]);
  expect(ok.stderr).toBe("");
  expect(ok.code).toBe(0);
  expect(await partsOf(full)).toEqual(await partsOf(free));

  SHEET_LIMITS.rows = most - 1;
  const before = readFileSync(q1);
  const over = join(dir, "q2-over.xlsx");
  const r = await runCli([q1, "--date", "2020-09-30", "--out", over]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    `the tool's sheet "${largest}" would hold ${most.toLocaleString("en-GB")} rows, more than the ` +
      `${(most - 1).toLocaleString("en-GB")} an Excel sheet holds, so nothing was written`,
  );
  expect(r.stderr).toContain(`delete at least 1 of the oldest rows of "${largest}"`);
  expect(existsSync(over)).toBe(false);
  expect(readFileSync(q1).equals(before)).toBe(true);
});

test("the rows counted include those the reader left out of its window (a later quarter)", async () => {
  const q2 = join(dir, "q2.xlsx");
  expect((await runCli([q1, "--date", "2020-09-30", "--out", q2])).code).toBe(0);
  const q3 = join(dir, "q3.xlsx");
  expect((await runCli([q2, "--date", "2020-12-31", "--out", q3])).code).toBe(0);
  const q4free = join(dir, "q4-free.xlsx");
  expect((await runCli([q3, "--date", "2021-03-31", "--out", q4free])).code).toBe(0);
  const history = (await rowsOf(q4free)).get("RAG History")!;
  // Q4 reads a window of Q3's history (its oldest quarter left out): its rows still count.
  const day = parseIsoDay("2021-03-31")!;
  const reportFrom = cycleStart(day, defaultCycle(day));
  const window = (await loadWorkbook(q3, { reportFrom })).read.get("RAG History")!;
  expect(window.dropped).toBeGreaterThan(0);
  SHEET_LIMITS.rows = history - 1;
  const r = await runCli([q3, "--date", "2021-03-31", "--out", join(dir, "q4-over.xlsx")]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`"RAG History" would hold ${history.toLocaleString("en-GB")} rows`);
});

test("a growing sheet whose part would pass a zip's 4 GB (no Zip64) is refused, nothing written", async () => {
  const free = join(dir, "q2-zip-free.xlsx");
  expect((await runCli([q1, "--date", "2020-09-30", "--out", free])).code).toBe(0);
  const xml = (await partsOf(free))[await partOf(free, "RAG History")]!;
  SHEET_LIMITS.partBytes = Buffer.byteLength(xml) - 1;
  const over = join(dir, "q2-zip-over.xlsx");
  const r = await runCli([q1, "--date", "2020-09-30", "--out", over]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`the tool's sheet "RAG History" would take`);
  expect(r.stderr).toContain("more than a workbook's part may hold (4 GB), so nothing was written");
  expect(existsSync(over)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

/** The part name of a sheet, from the workbook and its relationships. */
async function partOf(file: string, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet name="${sheet}"[^>]*?r:id="([^"]+)"`).exec(wb)![1]!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new RegExp(`Id="${rid}"[^>]*?Target="([^"]+)"`).exec(rels)![1]!;
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}
