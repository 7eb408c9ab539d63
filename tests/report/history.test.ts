/**
 * Quarter to quarter through the command line: a Q2 report, then a Q3 report on that output after the items
 * moved (one worsens, one improves, one is new, one stays). The RAG History keeps a snapshot per quarter and the
 * highlight report shows the direction of travel for each item and for the counts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../cli/run-cli";

const HEADERS = [
  "Ref",
  "Project",
  "Owner",
  "Theme",
  "Budget (£)",
  "Forecast outturn (£)",
  "Start date",
  "Target date",
  "% complete",
  "Likelihood",
  "Impact",
  "RAG",
];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Row = [string, string, string, string, number, number, Date, Date, number, number, number];
const Q2_ROWS: Row[] = [
  // A: Green in Q2, Red in Q3 (overspend).
  [
    "A1",
    "Laptop refresh",
    "Sam",
    "Fixing the basics",
    100_000,
    98_000,
    d("2020-04-01"),
    d("2021-09-30"),
    0.3,
    1,
    2,
  ],
  // B: Red in Q2 (overspend), Amber in Q3 (overspend trimmed under the limit).
  [
    "B2",
    "Website redesign",
    "Ali",
    "Customer first",
    50_000,
    60_000,
    d("2020-04-01"),
    d("2021-09-30"),
    0.3,
    1,
    2,
  ],
  // C: Amber both quarters (risk 3 x 3).
  [
    "C3",
    "Records migration",
    "Jo",
    "Data and security",
    80_000,
    80_000,
    d("2020-04-01"),
    d("2021-09-30"),
    0.3,
    3,
    3,
  ],
];

async function writeWorkbook(path: string, rows: Row[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Programme");
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow([...r, null]);
  await wb.xlsx.writeFile(path);
}

/** Sets the programme sheet's rows in an existing workbook (what the programme manager edits between quarters). */
async function editProgramme(path: string, out: string, rows: Row[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet("Programme")!;
  rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(i + 2).getCell(c + 1).value = v)));
  await wb.xlsx.writeFile(out);
}

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows.map((r) => r ?? []);
}

describe("Q2 then Q3", () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-history-"));
  const q2In = join(dir, "q2-in.xlsx");
  const q2Out = join(dir, "q2-out.xlsx");
  const q3In = join(dir, "q3-in.xlsx");
  const q3Out = join(dir, "q3-out.xlsx");
  let history: unknown[][];
  let report: unknown[][];

  beforeAll(async () => {
    await writeWorkbook(q2In, Q2_ROWS);
    expect((await runCli([q2In, "--date", "2020-09-30", "--out", q2Out])).code).toBe(0);
    const q3Rows: Row[] = [
      [
        "A1",
        "Laptop refresh",
        "Sam",
        "Fixing the basics",
        100_000,
        112_000,
        d("2020-04-01"),
        d("2021-09-30"),
        0.4,
        1,
        2,
      ],
      [
        "B2",
        "Website redesign",
        "Ali",
        "Customer first",
        50_000,
        51_000,
        d("2020-04-01"),
        d("2021-09-30"),
        0.4,
        1,
        2,
      ],
      [
        "C3",
        "Records migration",
        "Jo",
        "Data and security",
        80_000,
        80_000,
        d("2020-04-01"),
        d("2021-09-30"),
        0.4,
        3,
        3,
      ],
      // D: new this quarter, Red on risk (4 x 5).
      [
        "D4",
        "Cyber resilience",
        "Kim",
        "Data and security",
        40_000,
        40_000,
        d("2020-10-01"),
        d("2021-12-31"),
        0.1,
        4,
        5,
      ],
    ];
    await editProgramme(q2Out, q3In, q3Rows);
    expect((await runCli([q3In, "--date", "2020-12-31", "--out", q3Out])).code).toBe(0);
    history = await sheetRows(q3Out, "RAG History");
    report = await sheetRows(q3Out, "Highlight Report");
  });

  test("the history holds one snapshot per quarter, oldest first", () => {
    expect(history[0]).toEqual([
      "Quarter",
      "Reporting date",
      "Sheet",
      "Ref",
      "Name",
      "Budget",
      "Forecast",
      "Budget RAG",
      "Schedule RAG",
      "Risk RAG",
      "Overall RAG",
    ]);
    const rows = history.slice(1).map((r) => [r[0], r[3], r[10]]);
    expect(rows).toEqual([
      ["Q2 2020/21", "A1", "Green"],
      ["Q2 2020/21", "B2", "Red"],
      ["Q2 2020/21", "C3", "Amber"],
      ["Q3 2020/21", "A1", "Red"],
      ["Q3 2020/21", "B2", "Amber"],
      ["Q3 2020/21", "C3", "Amber"],
      ["Q3 2020/21", "D4", "Red"],
    ]);
  });

  test("each exception shows its direction since last quarter, with the arrow and the word", () => {
    const direction = (ref: string) => report.find((r) => r[0] === ref)?.[8];
    expect(direction("A1")).toBe("▼ worse");
    expect(direction("B2")).toBe("▲ improved");
    expect(direction("C3")).toBe("► unchanged");
    expect(direction("D4")).toBe("● new");
  });

  test("the counts show last quarter's figure, the change and the direction", () => {
    const count = (status: string) => report.find((r) => r[5] === status);
    // Red: 1 (B2) in Q2, 2 (A1, D4) in Q3: more Red is worse.
    expect(count("Red")?.slice(5, 10)).toEqual(["Red", 2, 1, 1, "▼ worse"]);
    // Green: 1 (A1) in Q2, 0 in Q3.
    expect(count("Green")?.slice(5, 10)).toEqual(["Green", 0, 1, -1, "▼ worse"]);
    expect(count("Amber")?.slice(5, 10)).toEqual(["Amber", 2, 1, 1, "▼ worse"]);
    expect(report[1]?.[0]).toMatch(/compared with Q2 2020\/21/);
  });

  test("building the report again in the same quarter replaces that quarter's rows", async () => {
    const again = join(dir, "q3-again.xlsx");
    expect((await runCli([q3Out, "--date", "2020-12-15", "--out", again])).code).toBe(0);
    const rows = (await sheetRows(again, "RAG History")).slice(1);
    expect(rows.filter((r) => r[0] === "Q2 2020/21")).toHaveLength(3);
    expect(rows.filter((r) => r[0] === "Q3 2020/21")).toHaveLength(4);
    // The replaced snapshot carries the new reporting date.
    const q3Dates = new Set(
      rows.filter((r) => r[0] === "Q3 2020/21").map((r) => (r[1] as Date).toISOString().slice(0, 10)),
    );
    expect([...q3Dates]).toEqual(["2020-12-15"]);
  });

  test("the change log records every RAG cell the tool overwrote, old → new", async () => {
    const log = await sheetRows(q3Out, "Change Log");
    expect(log[0]).toEqual(["When", "Action", "Sheet", "Cell", "Ref", "Name", "Old value", "New value"]);
    const changes = log.slice(1).filter((r) => r[3]);
    // Q2 filled three empty cells (nothing overwritten, so no cell rows); Q3 overwrote A1's and B2's RAG and
    // filled D4's (C3 stayed Amber).
    expect(changes.map((r) => [r[3], r[4], r[6], r[7]])).toEqual([
      ["L2", "A1", "Green", "Red"],
      ["L3", "B2", "Red", "Amber"],
    ]);
    const runs = log
      .slice(1)
      .filter((r) => !r[3])
      .map((r) => [r[1], r[5]]);
    expect(runs).toEqual([
      [
        "Build highlight report",
        "Q2 2020/21 (reporting date 30/09/2020): 3 RAG cells written: 0 changed (listed below), 3 were empty, 0 unchanged",
      ],
      [
        "Build highlight report",
        "Q3 2020/21 (reporting date 31/12/2020): 4 RAG cells written: 2 changed (listed below), 1 was empty, 1 unchanged",
      ],
    ]);
  });
});
