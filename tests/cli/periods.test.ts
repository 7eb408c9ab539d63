/**
 * The monthly and quarterly cycle through the command line (issue 13): `--period month|quarter`, the report's
 * title and the summary's period line, months 7, 8, 9 then a Q3 report on the sample, each comparing with the
 * right snapshot; and (issue 14) a report built again for a period older than the last two compares with the
 * snapshot before it, its snapshot written among the kept rows by date, what reading the whole history gives.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { USAGE } from "../../src/cli/args";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import type { LoadedWorkbook } from "../../src/adapters/file/read/read-workbook";
import { analyse } from "../../src/engine/analyse";
import { excelSerialFromJsDate, excelSerialFromLocalDateTime, parseIsoDay } from "../../src/engine/dates";
import type { SheetGrid } from "../../src/engine/grid";
import type { JsonReport } from "../../src/engine/json";
import { HISTORY_HEADERS } from "../../src/engine/report/history";
import { buildWritePlan } from "../../src/engine/write-plan";
import { FIXED_NOW, runCli } from "./run-cli";

jest.setTimeout(180_000);
const SAMPLE = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-periods-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const gridOf = (w: LoadedWorkbook, role: "history" | "changelog"): SheetGrid | null => {
  const e = w.own.get(role);
  return e ? (w.read.get(e.name)?.grid ?? null) : null;
};

/** One report through the CLI with --json: the JSON, the summary's words on stderr and the output file. */
async function report(input: string, date: string, name: string, period?: "month" | "quarter") {
  const out = join(dir, `${name}.xlsx`);
  const r = await runCli([
    input,
    "--date",
    date,
    ...(period ? ["--period", period] : []),
    "--json",
    "--out",
    out,
  ]);
  expect([name, r.code]).toEqual([name, 0]);
  return { out, json: JSON.parse(r.stdout) as JsonReport };
}

/** The RAG History's snapshots (month and reporting date) in sheet order, read whole. */
async function snapshots(file: string): Promise<string[]> {
  const w = await loadWorkbook(file, { ownSheetRows: "all" });
  const period = HISTORY_HEADERS.indexOf("Period");
  const out: string[] = [];
  for (const r of gridOf(w, "history")!.values.slice(1)) {
    const p = String(r[period]);
    if (out.at(-1) !== p) out.push(p);
  }
  return out;
}

/** The history's row elements of a file, in order. */
async function historyRowXml(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = /<sheet name="RAG History"[^>]*?r:id="([^"]+)"/.exec(wb)![1]!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new RegExp(`Id="${rid}"[^>]*?Target="([^"]+)"`).exec(rels)![1]!;
  const xml = await zip.file(target.startsWith("/") ? target.slice(1) : `xl/${target}`)!.async("string");
  return xml.match(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g) ?? [];
}

describe("--period", () => {
  test("anything but month or quarter is a usage error (exit 2), and the usage text says it", async () => {
    const r = await runCli([SAMPLE, "--date", "2020-12-31", "--period", "week"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^programme-rag: --period week: expected month or quarter\n/);
    expect(r.stderr).toContain(USAGE);
    expect((await runCli([SAMPLE, "--period"])).code).toBe(2);
    expect(USAGE).toMatch(/--period month\|quarter/);
  });

  test("the summary says the period, the cycle and what it compares with; the default is by the date", async () => {
    const dec = await runCli([SAMPLE, "--date", "2020-12-31"]);
    expect(dec.stdout).toMatch(
      /^Period: quarterly report, Q3 2020\/21 — Period 9 \(December\); no earlier quarter in the RAG History to compare with$/m,
    );
    const nov = await runCli([SAMPLE, "--date", "2020-11-30"]);
    expect(nov.stdout).toMatch(/^Period: monthly report, Period 8 \(November\) 2020\/21 — Q3;/m);
    const month = await runCli([SAMPLE, "--date", "2020-12-31", "--period", "MONTH", "--json"]);
    expect(JSON.parse(month.stdout)).toMatchObject({
      period: "Q3 2020/21",
      month: { period: 9, label: "Period 9 (December) 2020/21", start: "2020-12-01", end: "2020-12-31" },
      cycle: "month",
    });
  });
});

test("months 7, 8, 9 then a Q3 report: each compares with the right snapshot, one snapshot a month", async () => {
  const q2 = await report(SAMPLE, "2020-09-30", "q2");
  expect(q2.json.previous).toBeNull();
  const p7 = await report(q2.out, "2020-10-31", "p7");
  expect(p7.json.cycle).toBe("month");
  expect(p7.json.previous).toMatchObject({
    since: "Period 6 (September) 2020/21",
    quarter: "Q2 2020/21",
    reportingDate: "2020-09-30",
  });
  const p8 = await report(p7.out, "2020-11-30", "p8");
  expect(p8.json.previous).toMatchObject({
    since: "Period 7 (October) 2020/21",
    reportingDate: "2020-10-31",
  });
  const p9 = await report(p8.out, "2020-12-31", "p9", "month");
  expect(p9.json.previous).toMatchObject({
    since: "Period 8 (November) 2020/21",
    reportingDate: "2020-11-30",
  });
  const q3 = await report(p9.out, "2020-12-31", "q3");
  expect(q3.json.cycle).toBe("quarter");
  expect(q3.json.previous).toMatchObject({
    since: "Q2 2020/21",
    period: "Period 6 (September) 2020/21",
    reportingDate: "2020-09-30",
  });
  // The Q3 report replaced December's monthly snapshot.
  expect(await snapshots(q3.out)).toEqual([
    "Period 6 (September) 2020/21",
    "Period 7 (October) 2020/21",
    "Period 8 (November) 2020/21",
    "Period 9 (December) 2020/21",
  ]);
  // The report's title says the period.
  const w = await loadWorkbook(q3.out);
  const title = w.sheets.find((s) => s.name === "Highlight Report")!.values[0]![0];
  expect(title).toBe("ICT Strategy 2020-22: programme highlight report, Q3 2020/21 — Period 9 (December)");
});

test("a report built again for a quarter older than the last two compares with the quarter before it, written among the rows by date", async () => {
  let prev = SAMPLE;
  for (const date of ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31"])
    prev = (await report(prev, date, `q-${date}`)).out;
  const before = await historyRowXml(prev);
  // Q2 again, after Q3 and Q4: since Q1, as reading the whole history gives.
  const again = await report(prev, "2020-09-30", "q2-again");
  expect(again.json.previous).toMatchObject({ since: "Q1 2020/21", reportingDate: "2020-06-30" });
  expect(await snapshots(again.out)).toEqual([
    "Period 3 (June) 2020/21",
    "Period 6 (September) 2020/21",
    "Period 9 (December) 2020/21",
    "Period 12 (March) 2020/21",
  ]);
  // The rows before the window (the header and Q1's snapshot) are kept byte for byte.
  const after = await historyRowXml(again.out);
  const q1Rows = before.filter((x) => x.includes("Q1 2020/21")).length;
  expect(q1Rows).toBeGreaterThan(0);
  expect(after.slice(0, 1 + q1Rows)).toEqual(before.slice(0, 1 + q1Rows));
  expect(after).toHaveLength(before.length);

  // The history written is what a run reading the whole sheet lays out.
  const whole = await loadWorkbook(prev, { ownSheetRows: "all" });
  const a = analyse(whole.sheets, {
    reportingDate: parseIsoDay("2020-09-30")!,
    ownSheets: [...whole.own.values()].map((s) => s.name),
  });
  const plan = buildWritePlan(a, {
    mode: "report",
    history: gridOf(whole, "history"),
    changeLog: gridOf(whole, "changelog"),
    generatedAt: excelSerialFromLocalDateTime(FIXED_NOW, a.dateSystem),
  });
  const laidOut = plan.sheets.find((s) => s.role === "history")!.values;
  const written = gridOf(await loadWorkbook(again.out, { ownSheetRows: "all" }), "history")!.values;
  const norm = (rows: readonly (readonly unknown[])[]) =>
    rows.map((r) => {
      const out = r.map((v) =>
        v instanceof Date
          ? Math.round(excelSerialFromJsDate(v))
          : v === "" || v === undefined
            ? null
            : typeof v === "number"
              ? Math.round(v * 1e6) / 1e6
              : v,
      );
      while (out.length > 0 && out[out.length - 1] === null) out.pop();
      return out;
    });
  expect(norm(written)).toEqual(norm(laidOut));
});
