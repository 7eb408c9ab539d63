/**
 * The monthly and quarterly cycle (issue 13): the period of a reporting date is its month and its quarter; a run
 * is a monthly or a quarterly report; the RAG History keeps one snapshot a month, replaced when the same month is
 * reported again; a monthly report compares with the month before, a quarterly one with the end of the quarter
 * before, whatever months lie between. Through planRun on real grids, each run reading the sheets the last wrote.
 */
import type { ReportCycle } from "../../src/engine/cycle";
import { cycleTitle, defaultCycle } from "../../src/engine/cycle";
import { excelSerialFromDay } from "../../src/engine/dates";
import type { DateSystem } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { SheetLayout } from "../../src/engine/plan";
import { markerName } from "../../src/engine/own-sheets";
import { HISTORY_HEADERS, HISTORY_HEADERS_V1, readHistory } from "../../src/engine/report/history";
import { planRun } from "../../src/engine/run";
import { workbookSnapshot } from "../../src/engine/snapshot";
import { day, grid, programmeSheet, run } from "./builders";

const NOW = new Date(2021, 0, 4, 9, 30);

describe("the period of a reporting date: its month and its quarter", () => {
  test.each([
    ["2020-04-01", 1, "Period 1 (April) 2020/21", "Q1 2020/21", "month"],
    ["2020-06-30", 3, "Period 3 (June) 2020/21", "Q1 2020/21", "quarter"],
    ["2020-11-15", 8, "Period 8 (November) 2020/21", "Q3 2020/21", "month"],
    ["2020-12-31", 9, "Period 9 (December) 2020/21", "Q3 2020/21", "quarter"],
    ["2021-01-01", 10, "Period 10 (January) 2020/21", "Q4 2020/21", "month"],
    ["2021-03-31", 12, "Period 12 (March) 2020/21", "Q4 2020/21", "quarter"],
  ])("%s is P%i (%s), %s; by default a %s report", (iso, period, label, quarter, cycle) => {
    const a = run([programmeSheet([{ ref: "A1", name: "A", budget: 100, forecast: 100 }])], iso);
    expect(a.month.period).toBe(period);
    expect(a.month.label).toBe(label);
    expect(a.period).toBe(quarter);
    expect(a.cycle).toBe(cycle);
    expect(defaultCycle(day(iso))).toBe(cycle);
  });

  test("the month's first and last day, and a chosen cycle wins over the default", () => {
    const a = run([programmeSheet([{ ref: "A1", name: "A", budget: 100 }])], "2021-02-10", {
      cycle: "quarter",
    });
    expect([a.month.start, a.month.end]).toEqual([day("2021-02-01"), day("2021-02-28")]);
    expect(a.cycle).toBe("quarter");
  });

  test("the report's title says the period: the month for a monthly report, the quarter for a quarterly one", () => {
    expect(cycleTitle(day("2020-12-31"), "month")).toBe("Period 9 (December) 2020/21 — Q3");
    expect(cycleTitle(day("2020-12-31"), "quarter")).toBe("Q3 2020/21 — Period 9 (December)");
    expect(cycleTitle(day("2021-03-31"), "quarter")).toBe("Q4 2020/21 — Period 12 (March)");
  });
});

/** A layout the plan made, as a host reads it back (values from A1, empty cells ""). */
function asGrid(layout: SheetLayout): SheetGrid {
  return grid(
    layout.values.map((r) => r.map((v) => (v === null ? "" : v))),
    { name: layout.name },
  );
}

/** The programme as it stands at a month: A's forecast rises £1,000 a month from £100,000 in September. */
function programmeAt(month: number): SheetGrid {
  return programmeSheet([
    {
      ref: "A1",
      name: "Laptops",
      budget: 100_000,
      spent: 10_000 * month,
      forecast: 100_000 + 1_000 * (month - 6),
    },
    { ref: "B2", name: "Website", budget: 50_000, spent: 5_000, forecast: 50_000 },
  ]);
}

/** One report run on the workbook as the last run left it; returns what it planned and the next workbook. */
function report(
  history: SheetGrid | null,
  month: number,
  iso: string,
  cycle?: ReportCycle,
  dateSystem: DateSystem = 1900,
) {
  const sheets = [programmeAt(month), ...(history ? [history] : [])];
  const names = history ? [{ name: markerName("history"), reference: `='${history.name}'!$A$1` }] : [];
  const outcome = planRun(
    workbookSnapshot({ sheets, names, dateSystem }),
    { reportingDate: day(iso), ...(cycle ? { cycle } : {}) },
    "report",
    NOW,
  );
  if (outcome.kind !== "planned") throw new Error(outcome.kind);
  const layout = (role: string) => outcome.plan!.sheets.find((s) => s.role === role)!;
  return {
    ...outcome,
    history: asGrid(layout("history")),
    title: layout("highlight").values[0]![0],
    subtitle: String(layout("highlight").values[1]![0]),
    logLine: String(layout("changelog").values.at(-1)![5] ?? ""),
  };
}

/** The history's snapshots: each month's label and how many rows it holds, in sheet order. */
function snapshots(history: SheetGrid, dateSystem: DateSystem = 1900): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (const r of readHistory(history, dateSystem)) {
    const last = out.at(-1);
    if (last && last[1] === r.period) last[2]++;
    else out.push([r.quarter, r.period, 1]);
  }
  return out;
}

describe("months 7, 8, 9, then a Q3 report: each compares with the right snapshot", () => {
  test.each([1900, 1904] as const)("in the %i date system", (ds) => {
    const q2 = report(null, 6, "2020-09-30", undefined, ds);
    expect(q2.analysis.cycle).toBe("quarter");
    expect(q2.trend).toBeNull();
    expect(q2.subtitle).toMatch(/· quarterly report, no earlier quarter in the RAG History/);

    const p7 = report(q2.history, 7, "2020-10-31", undefined, ds);
    expect(p7.analysis.cycle).toBe("month");
    expect(p7.trend).toMatchObject({ label: "Period 6 (September) 2020/21", quarter: "Q2 2020/21" });
    expect(p7.trend!.reportingDate).toBe(day("2020-09-30"));
    expect(p7.trend!.items[0]!.forecastChange).toBe(1_000_00);
    expect(p7.title).toBe(
      "ICT Strategy 2020-22: programme highlight report, Period 7 (October) 2020/21 — Q3",
    );
    expect(p7.subtitle).toMatch(
      /· monthly report, compared with Period 6 \(September\) 2020\/21 \(30\/09\/2020\)/,
    );
    expect(p7.logLine).toMatch(
      /; monthly report, Period 7 \(October\) 2020\/21 — Q3; compared with Period 6 \(September\) 2020\/21 \(30\/09\/2020\)$/,
    );

    const p8 = report(p7.history, 8, "2020-11-30", undefined, ds);
    expect(p8.trend).toMatchObject({
      label: "Period 7 (October) 2020/21",
      period: "Period 7 (October) 2020/21",
    });
    expect(p8.trend!.items[0]!.forecastChange).toBe(1_000_00);

    // Run again in the same month: the month's snapshot is replaced, the comparison is the same.
    const p8again = report(p8.history, 8, "2020-11-27", undefined, ds);
    expect(p8again.trend!.label).toBe("Period 7 (October) 2020/21");
    expect(snapshots(p8again.history, ds)).toEqual([
      ["Q2 2020/21", "Period 6 (September) 2020/21", 3],
      ["Q3 2020/21", "Period 7 (October) 2020/21", 3],
      ["Q3 2020/21", "Period 8 (November) 2020/21", 3],
    ]);
    expect(readHistory(p8again.history, ds).at(-1)!.reportingDate).toBe(day("2020-11-27"));

    // December as a monthly report: since November.
    const p9 = report(p8again.history, 9, "2020-12-31", "month", ds);
    expect(p9.trend!.label).toBe("Period 8 (November) 2020/21");
    expect(p9.trend!.reportingDate).toBe(day("2020-11-27"));
    expect(p9.trend!.items[0]!.forecastChange).toBe(1_000_00);
    expect(p9.title).toBe(
      "ICT Strategy 2020-22: programme highlight report, Period 9 (December) 2020/21 — Q3",
    );

    // The Q3 report in December: since the end of Q2 (September), whatever months lie between; it replaces
    // December's monthly snapshot.
    const q3 = report(p9.history, 9, "2020-12-31", undefined, ds);
    expect(q3.analysis.cycle).toBe("quarter");
    expect(q3.trend).toMatchObject({ label: "Q2 2020/21", quarter: "Q2 2020/21", cycle: "quarter" });
    expect(q3.trend!.reportingDate).toBe(day("2020-09-30"));
    expect(q3.trend!.items[0]!.forecastChange).toBe(3_000_00);
    expect(q3.title).toBe(
      "ICT Strategy 2020-22: programme highlight report, Q3 2020/21 — Period 9 (December)",
    );
    expect(q3.subtitle).toMatch(/· quarterly report, compared with Q2 2020\/21 \(30\/09\/2020\)/);
    expect(snapshots(q3.history, ds).map((s) => s[1])).toEqual([
      "Period 6 (September) 2020/21",
      "Period 7 (October) 2020/21",
      "Period 8 (November) 2020/21",
      "Period 9 (December) 2020/21",
    ]);
    // The history's dates are written in the workbook's own date system.
    const dateCol = HISTORY_HEADERS.indexOf("Reporting date");
    expect(q3.history.values.at(-1)![dateCol]).toBe(excelSerialFromDay(day("2020-12-31"), ds));
  });

  test("a quarterly report with no snapshot in the quarter before compares with the latest before its quarter", () => {
    const p1 = report(null, 4, "2020-04-30");
    const q1 = report(p1.history, 6, "2020-06-30");
    // April is in Q1 itself: a Q1 report has nothing before its quarter to compare with.
    expect(q1.trend).toBeNull();
    const q3 = report(q1.history, 9, "2020-12-31");
    // Q2 (July to September) has no snapshot; Q1's June is the latest before Q3.
    expect(q3.trend).toMatchObject({ label: "Q1 2020/21", period: "Period 3 (June) 2020/21" });
  });

  test("reporting an earlier month compares with the snapshot before it, and is written among the rows by date", () => {
    const p7 = report(null, 7, "2020-10-31");
    const p8 = report(p7.history, 8, "2020-11-30");
    const p9 = report(p8.history, 9, "2020-12-31", "month");
    // November reported again after December: since October, not since December.
    const again = report(p9.history, 8, "2020-11-30");
    expect(again.trend!.label).toBe("Period 7 (October) 2020/21");
    expect(snapshots(again.history).map((s) => s[1])).toEqual([
      "Period 7 (October) 2020/21",
      "Period 8 (November) 2020/21",
      "Period 9 (December) 2020/21",
    ]);
  });
});

describe("a history written before months were kept (one snapshot a quarter, no Period column)", () => {
  const OLD_HEADER: CellValue[] = [...HISTORY_HEADERS_V1];
  const oldRow = (quarter: string, iso: string, ref: string, forecast: number, rag: string): CellValue[] => [
    quarter,
    excelSerialFromDay(day(iso)),
    "Programme of Works",
    ref,
    ref === "A1" ? "Laptops" : "Website",
    ref === "A1" ? 100_000 : 50_000,
    forecast,
    rag,
    "Green",
    "Green",
    rag,
  ];
  const old = grid(
    [
      OLD_HEADER,
      oldRow("Q1 2020/21", "2020-06-30", "A1", 95_000, "Green"),
      oldRow("Q1 2020/21", "2020-06-30", "B2", 50_000, "Green"),
      oldRow("Q2 2020/21", "2020-09-30", "A1", 99_000, "Green"),
      oldRow("Q2 2020/21", "2020-09-30", "B2", 50_000, "Green"),
    ],
    { name: "RAG History" },
  );

  test("each quarter's rows read as its end-of-quarter snapshot, for monthly and quarterly reports alike", () => {
    const rows = readHistory(old);
    expect(rows.map((r) => r.period)).toEqual([
      "Period 3 (June) 2020/21",
      "Period 3 (June) 2020/21",
      "Period 6 (September) 2020/21",
      "Period 6 (September) 2020/21",
    ]);
    const p7 = report(old, 7, "2020-10-31");
    expect(p7.trend).toMatchObject({ label: "Period 6 (September) 2020/21", quarter: "Q2 2020/21" });
    expect(p7.trend!.items[0]!.forecastChange).toBe(2_000_00);
    const q3 = report(old, 9, "2020-12-31");
    expect(q3.trend).toMatchObject({ label: "Q2 2020/21" });
    // Written back in the current layout: the old rows gain their month in the Period column.
    const period = HISTORY_HEADERS.indexOf("Period");
    expect(q3.history.values[0]).toEqual([...HISTORY_HEADERS]);
    expect(q3.history.values.slice(1).map((r) => r[period])).toEqual([
      "Period 3 (June) 2020/21",
      "Period 3 (June) 2020/21",
      "Period 6 (September) 2020/21",
      "Period 6 (September) 2020/21",
      "Period 9 (December) 2020/21",
      "Period 9 (December) 2020/21",
      "Period 9 (December) 2020/21",
    ]);
  });
});
