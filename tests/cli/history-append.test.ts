/**
 * Quarter after quarter, `--out` reads only the recent rows of the tool's RAG History and Change Log (the snapshot
 * before the period reported and the rows from it on, the last run's lines) and keeps every older row of those sheets byte for byte. What it writes must be
 * what reading the whole sheets would have given: the same rows in the same order, and the same trend.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import type { LoadedWorkbook } from "../../src/adapters/file/read/read-workbook";
import { analyse } from "../../src/engine/analyse";
import { excelSerialFromJsDate, excelSerialFromLocalDateTime, parseIsoDay } from "../../src/engine/dates";
import type { SheetGrid } from "../../src/engine/grid";
import { buildWritePlan, trendFromHistory } from "../../src/engine/write-plan";
import { cycleStart, defaultCycle } from "../../src/engine/cycle";
import { FIXED_NOW, runCli } from "./run-cli";

jest.setTimeout(120_000);
const SAMPLE = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-history-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The row elements of an own sheet's part, in order. */
async function rowsOf(file: string, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet name="${sheet}"[^>]*?r:id="([^"]+)"`).exec(wb)![1]!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target =
    new RegExp(`Id="${rid}"[^>]*?Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*?Id="${rid}"`).exec(rels)![1]!;
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const xml = await zip.file(part)!.async("string");
  return xml.match(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g) ?? [];
}

const gridOf = (w: LoadedWorkbook, role: "history" | "changelog"): SheetGrid | null => {
  const e = w.own.get(role);
  return e ? (w.read.get(e.name)?.grid ?? null) : null;
};

/** A sheet's values as the layout writes them (dates as the workbook's serials, no trailing blanks). */
const asLayout = (g: SheetGrid | null) =>
  (g?.values ?? []).map((r) =>
    r.map((v) => (v instanceof Date ? Math.round(excelSerialFromJsDate(v) * 1e6) / 1e6 : v)),
  );
const trimmed = (rows: unknown[][]) =>
  rows.map((r) => {
    const out = r.map((v) => (v === "" || v === undefined ? null : v));
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out.map((v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v));
  });

/** The first day of the period a run at `date` reports (as the CLI passes it to the reader). */
const reportFrom = (date: string) => cycleStart(parseIsoDay(date)!, defaultCycle(parseIsoDay(date)!));

/** What a run that read the whole sheets would write (the plan's history and change log), and its trend. */
async function wholeRead(input: string, date: string) {
  const w = await loadWorkbook(input, { ownSheetRows: "all" });
  const a = analyse(w.sheets, {
    reportingDate: parseIsoDay(date)!,
    ownSheets: [...w.own.values()].map((s) => s.name),
  });
  const plan = buildWritePlan(a, {
    mode: "report",
    history: gridOf(w, "history"),
    changeLog: gridOf(w, "changelog"),
    generatedAt: excelSerialFromLocalDateTime(FIXED_NOW, a.dateSystem),
  });
  const layout = (role: string) => plan.sheets.find((s) => s.role === role)!.values;
  const recent = await loadWorkbook(input, { reportFrom: reportFrom(date) });
  return {
    history: trimmed(layout("history")),
    changelog: trimmed(layout("changelog")),
    trend: trendFromHistory(a, gridOf(w, "history")),
    trendFromRecent: trendFromHistory(a, gridOf(recent, "history")),
  };
}

test("five quarters and a report built again: older rows kept byte for byte, the whole as if read whole", async () => {
  const runs = ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31", "2021-03-31", "2021-06-30"];
  let prev = SAMPLE;
  let windowed = 0;
  for (const [i, date] of runs.entries()) {
    const next = join(dir, `run${i + 1}.xlsx`);
    const expected = i > 0 ? await wholeRead(prev, date) : null;
    const r = await runCli([prev, "--date", date, "--out", next]);
    expect([date, r.code, r.stderr]).toEqual([date, 0, ""]);
    if (expected) {
      // The same trend from the recent rows as from the whole history.
      expect(expected.trendFromRecent).toEqual(expected.trend);
      // Every row of the sheets reads back as a run reading them whole lays it out.
      const all = await loadWorkbook(next, { ownSheetRows: "all" });
      expect(trimmed(asLayout(gridOf(all, "history")))).toEqual(expected.history);
      expect(trimmed(asLayout(gridOf(all, "changelog")))).toEqual(expected.changelog);
      // The earlier rows are the last run's row elements, byte for byte; a report built again in the same
      // quarter replaces only that quarter's rows.
      for (const sheet of ["RAG History", "Change Log"]) {
        const before = await rowsOf(prev, sheet);
        const after = await rowsOf(next, sheet);
        const again = runs[i - 1] === date && sheet === "RAG History";
        const kept = again ? before.filter((x) => !x.includes("Q4 2020/21")) : before;
        expect([sheet, after.slice(0, kept.length)]).toEqual([sheet, kept]);
        expect(after.length).toBeGreaterThan(again ? kept.length : before.length);
      }
      const recent = await loadWorkbook(prev, { reportFrom: reportFrom(date) });
      const dropped = recent.read.get("RAG History")!.dropped;
      if (dropped > 0) windowed++;
    }
    prev = next;
  }
  // From the fourth run on the history holds more than two quarters, and only the last two were read.
  expect(windowed).toBeGreaterThanOrEqual(3);
  const last = await loadWorkbook(prev, { ownSheetRows: "all" });
  const quarters = gridOf(last, "history")!
    .values.slice(1)
    .map((r) => r[0]);
  expect([...new Set(quarters)]).toEqual([
    "Q1 2020/21",
    "Q2 2020/21",
    "Q3 2020/21",
    "Q4 2020/21",
    "Q1 2021/22",
  ]);
  // The report built again in Q4 left one Q4 snapshot, not two.
  expect(quarters.filter((q) => q === "Q4 2020/21").length).toBe(
    quarters.filter((q) => q === "Q1 2020/21").length,
  );
});

test("a formula with no calculated value in the recent rows is named by its sheet row, not its row in the window", async () => {
  let prev = SAMPLE;
  for (const [i, date] of ["2020-06-30", "2020-09-30", "2020-12-31"].entries()) {
    const next = join(dir, `uncalc${i + 1}.xlsx`);
    const r = await runCli([prev, "--date", date, "--out", next]);
    expect([date, r.code, r.stderr]).toEqual([date, 0, ""]);
    prev = next;
  }
  // A formula with no cached result (as a script writes it) in the history's last row, column Z.
  const zip = await JSZip.loadAsync(await readFile(prev));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = /<sheet name="RAG History"[^>]*?r:id="([^"]+)"/.exec(wb)![1]!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target =
    new RegExp(`Id="${rid}"[^>]*?Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*?Id="${rid}"`).exec(rels)![1]!;
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const xml = await zip.file(part)!.async("string");
  const rows = xml.match(/<row\b[^>]*?r="(\d+)"[^>]*>[\s\S]*?<\/row>/g)!;
  const last = rows[rows.length - 1]!;
  const n = Number(/r="(\d+)"/.exec(last)![1]);
  zip.file(part, xml.replace(last, last.replace("</row>", `<c r="Z${n}"><f>1+1</f></c></row>`)));
  const edited = join(dir, "uncalc-edited.xlsx");
  const { writeFile } = await import("node:fs/promises");
  await writeFile(edited, await zip.generateAsync({ type: "nodebuffer" }));

  const recent = await loadWorkbook(edited, { reportFrom: reportFrom("2021-03-31") });
  const read = recent.read.get("RAG History")!;
  expect(read.dropped).toBeGreaterThan(0);
  expect(read.uncalculated).toEqual([`Z${n}`]);
});
