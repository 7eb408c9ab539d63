/**
 * Quarter to quarter through the command line: a Q2 report, then a Q3 report on that output after the items
 * moved: A1 goes Green → Red (its forecast rises, which also tips the programme's budget RAG Green → Amber
 * against a £275,000 allocation), B2 Red → Amber, C3 Amber → Green, D4 is new. The RAG History keeps a
 * snapshot per quarter (items and the programme) and the highlight report shows from → to for each item, the
 * flows between the counts, the programme's RAGs last quarter beside this and the money movement.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { JsonReport } from "../../src/engine/json";
import { HISTORY_HEADERS } from "../../src/engine/report/history";
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
/** Q2's forecasts (£238,000) are within it; Q3's (£283,000, A1 up £14,000) are £8,000 over: Amber. */
const ALLOCATION = ["--allocation", "275000"];

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
  let summary = "";
  let json: JsonReport;

  beforeAll(async () => {
    await writeWorkbook(q2In, Q2_ROWS);
    expect((await runCli([q2In, ...ALLOCATION, "--date", "2020-09-30", "--out", q2Out])).code).toBe(0);
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
        0.5,
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
        0.5,
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
        0.5,
        1,
        2,
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
    const q3 = await runCli([q3In, ...ALLOCATION, "--date", "2020-12-31", "--out", q3Out]);
    expect(q3.code).toBe(0);
    summary = q3.stdout;
    json = JSON.parse(
      (await runCli([q3Out, ...ALLOCATION, "--date", "2020-12-31", "--json"])).stdout,
    ) as JsonReport;
    history = await sheetRows(q3Out, "RAG History");
    report = await sheetRows(q3Out, "Highlight Report");
  }, 120_000);

  test("the history holds one snapshot per quarter, oldest first: every item and the programme", () => {
    expect(history[0]).toEqual([...HISTORY_HEADERS]);
    // The first version's eleven columns come first, in its order.
    expect(history[0]!.slice(0, 11)).toEqual([
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
    const col = (h: string) => history[0]!.indexOf(h);
    const rows = history.slice(1).map((r) => [r[0], r[3] ?? null, r[10], r[col("Level")]]);
    expect(rows).toEqual([
      ["Q2 2020/21", "A1", "Green", "Item"],
      ["Q2 2020/21", "B2", "Red", "Item"],
      ["Q2 2020/21", "C3", "Amber", "Item"],
      ["Q2 2020/21", null, "Red", "Programme"],
      ["Q3 2020/21", "A1", "Red", "Item"],
      ["Q3 2020/21", "B2", "Amber", "Item"],
      ["Q3 2020/21", "C3", "Green", "Item"],
      ["Q3 2020/21", "D4", "Red", "Item"],
      ["Q3 2020/21", null, "Red", "Programme"],
    ]);
    // Per-dimension ratings and key figures for every item; the programme's budget and delivery RAGs.
    const a1 = history.find((r) => r[0] === "Q3 2020/21" && r[3] === "A1")!;
    expect([a1[5], a1[6], a1[7], a1[col("Spent")], a1[col("Computed RAG")]]).toEqual([
      100_000,
      112_000,
      "Red",
      undefined,
      "Red",
    ]);
    const prog = history.filter((r) => r[col("Level")] === "Programme");
    expect(prog.map((r) => [r[5], r[6], r[7], r[col("Delivery RAG")]])).toEqual([
      [275_000, 238_000, "Green", "Red"],
      [275_000, 283_000, "Amber", "Red"],
    ]);
  });

  test("each exception shows from → to per dimension since last quarter; new items say so", () => {
    const since = (ref: string) => report.find((r) => r[0] === ref)?.[8];
    const head = report.find((r) => r[0] === "Ref" && r[8] === "Since last quarter");
    expect(head).toBeDefined();
    expect(since("A1")).toBe("Budget Green → Red\nOverall Green → Red");
    expect(since("B2")).toBe("Budget Red → Amber\nOverall Red → Amber");
    expect(since("D4")).toBe("New since Q2 2020/21");
  });

  test("items that improved have a section of their own: C3 Amber → Green", () => {
    const title = report.findIndex((r) => r[0] === "Improved since Q2 2020/21 (2)");
    expect(title).toBeGreaterThan(0);
    const rows = report.slice(title + 2, title + 4);
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ["B2", "Red", "Amber"],
      ["C3", "Amber", "Green"],
    ]);
    expect(rows[1]![5]).toBe("Risk Amber → Green\nOverall Amber → Green");
    const moved = report.findIndex(
      (r) => typeof r[0] === "string" && r[0].startsWith("New and closed items"),
    );
    expect(report[moved]![0]).toBe("New and closed items since Q2 2020/21 (1 new, 0 closed)");
    expect(report[moved + 2]!.slice(0, 5)).toEqual(["D4", "Cyber resilience", "Kim", "New", "Red"]);
  });

  test("the counts show flows: how many joined and left each status, not only the net change", () => {
    const count = (status: string) => report.find((r) => r[5] === status);
    // Red: B2 in Q2; A1 and D4 in Q3: 2 joined, 1 left, net +1.
    expect(count("Red")?.slice(5, 11)).toEqual(["Red", 2, 1, 2, 1, 1]);
    // Green: A1 left, C3 joined: 1 → 1, and not "unchanged" in silence.
    expect(count("Green")?.slice(5, 11)).toEqual(["Green", 1, 1, 1, 1, 0]);
    // Amber: C3 left, B2 joined.
    expect(count("Amber")?.slice(5, 11)).toEqual(["Amber", 1, 1, 1, 1, 0]);
    expect(report[1]?.[0]).toMatch(/compared with Q2 2020\/21 \(30\/09\/2020\)/);
  });

  test("the programme's RAGs last quarter beside this: A1's forecast rise tips the budget RAG Green → Amber", () => {
    const row = (label: string) => report.find((r) => r[0] === label);
    expect(row("Budget RAG")?.slice(2, 4)).toEqual(["Amber", "Green"]);
    expect(row("Programme RAG")?.slice(2, 4)).toEqual(["Red", "Red"]);
    expect(row("Delivery RAG")?.slice(2, 4)).toEqual(["Red", "Red"]);
    // Money movement: the programme's forecast and A1's, largest first.
    const mm = report.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("Money movement since"));
    expect(report[mm + 1]![0]).toBe(
      "Programme forecast £238,000 at Q2 2020/21 → £283,000 now (+£45,000), against the £275,000 allocation; budget RAG Green → Amber.",
    );
    expect(report[mm + 3]!.slice(0, 6)).toEqual(["A1", "Laptop refresh", "Sam", 98_000, 112_000, 14_000]);
    expect(report[mm + 4]!.slice(0, 6)).toEqual(["B2", "Website redesign", "Ali", 60_000, 51_000, -9_000]);
  });

  test("the CLI summary and --json carry the same trend", () => {
    expect(summary).toMatch(
      /^Since Q2 2020\/21 \(30\/09\/2020\): programme RAG Red → Red, budget RAG Green → Amber, delivery RAG Red → Red; forecast £238,000 → £283,000 \(\+£45,000\); Red 1 → 2 \(2 joined, 1 left\)/m,
    );
    expect(summary).toMatch(
      /^Improved since Q2 2020\/21:\n {2}B2 Website redesign: Budget Red → Amber, Overall Red → Amber\n {2}C3 Records migration: Risk Amber → Green, Overall Amber → Green$/m,
    );
    expect(summary).toMatch(
      /^ {2}Red {9}A1 Laptop refresh \[since Q2 2020\/21: Budget Green → Red, Overall Green → Red\]$/m,
    );
    expect(json.previous).toMatchObject({
      quarter: "Q2 2020/21",
      reportingDate: "2020-09-30",
      budgetRag: "Green",
      programmeRag: "Red",
      forecast: 238_000,
      forecastChange: 45_000,
      improved: 2,
      worsened: 1,
      newItems: 1,
      closed: [],
      noLongerRated: 0,
      newlyRated: 0,
      worseBehindOverride: 0,
    });
    expect(json.previous!.flows.Red).toEqual({ before: 1, now: 2, joined: 2, left: 1 });
    const a1 = json.items.find((i) => i.ref === "A1")!;
    expect(a1.previous).toEqual({
      quarter: "Q2 2020/21",
      budget: "Green",
      schedule: "Green",
      risk: "Green",
      overall: "Green",
      forecast: 98_000,
      forecastChange: 14_000,
      changes: ["Budget Green → Red", "Overall Green → Red"],
      direction: "worse",
      computed: "Green",
      worseBehindOverride: false,
    });
    expect(json.items.find((i) => i.ref === "D4")!.previous).toBeNull();
  });

  test("building the report again in the same quarter replaces that quarter's rows", async () => {
    const again = join(dir, "q3-again.xlsx");
    expect((await runCli([q3Out, ...ALLOCATION, "--date", "2020-12-15", "--out", again])).code).toBe(0);
    const rows = (await sheetRows(again, "RAG History")).slice(1);
    expect(rows.filter((r) => r[0] === "Q2 2020/21")).toHaveLength(4);
    expect(rows.filter((r) => r[0] === "Q3 2020/21")).toHaveLength(5);
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
    // Q2 filled three empty cells (nothing overwritten, so no cell rows); Q3 overwrote A1's, B2's and C3's
    // RAG and filled D4's.
    expect(changes.map((r) => [r[3], r[4], r[6], r[7]])).toEqual([
      ["L2", "A1", "Green", "Red"],
      ["L3", "B2", "Red", "Amber"],
      ["L4", "C3", "Amber", "Green"],
    ]);
    const runs = log
      .slice(1)
      .filter((r) => !r[3])
      .map((r) => [r[1], r[5]]);
    expect(runs).toEqual([
      [
        "Build highlight report",
        "Q2 2020/21 (reporting date 30/09/2020): 3 RAG cells written: 0 changed (listed below), 3 were empty, 0 unchanged; quarterly report, Q2 2020/21 — Period 6 (September); no earlier quarter in the RAG History to compare with",
      ],
      [
        "Build highlight report",
        "Q3 2020/21 (reporting date 31/12/2020): 4 RAG cells written: 3 changed (listed below), 1 was empty, 0 unchanged; quarterly report, Q3 2020/21 — Period 9 (December); compared with Q2 2020/21 (30/09/2020)",
      ],
    ]);
  });
});
