/**
 * The RAG History and the Change Log are read by their header names, not by column index: a sheet of an older
 * layout, one with a column inserted (before "Overall RAG", between the log's columns) and a grid that does not
 * start at A1 (its rowOffset and colOffset) all read the same. A report takes from the history only what it
 * needs: the latest earlier quarter read into rows, every other row copied as it is written back — the same
 * sheet as reading the whole history into rows would give.
 */
import { excelSerialFromDay } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { CHANGELOG_HEADERS, readChangeLog } from "../../src/engine/report/changelog";
import {
  HISTORY_HEADERS,
  HISTORY_HEADERS_V1,
  previousSnapshot,
  readHistory,
  readHistorySheet,
} from "../../src/engine/report/history";
import { historyLayout, historySheetLayout, mergeHistory } from "../../src/engine/report/history-layout";
import { buildWritePlan } from "../../src/engine/write-plan";
import { day, grid, programmeSheet, run } from "../engine/builders";

const serial = (iso: string) => excelSerialFromDay(day(iso));
const sheetOf = (values: CellValue[][], rowOffset = 0, colOffset = 0): SheetGrid =>
  grid(values, { name: "RAG History", rowOffset, colOffset });

const items = (forecastB: number) =>
  programmeSheet([
    { ref: "A1", name: "Laptops", budget: 1000, forecast: 900, end: serial("2021-03-31"), progress: 0.5 },
    { ref: "B2", name: "Web", budget: 2000, forecast: forecastB, likelihood: 4, impact: 4 },
  ]);

/** A history the tool wrote over three quarters (Q1, Q2, Q3 of 2020/21). */
function threeQuarters(): { values: CellValue[][]; q4: ProgrammeAnalysis } {
  let rows = mergeHistory([], run([items(2000)], "2020-06-30"));
  rows = mergeHistory(rows, run([items(2100)], "2020-09-30"));
  rows = mergeHistory(rows, run([items(2500)], "2020-12-31"));
  return { values: historyLayout(rows).values as CellValue[][], q4: run([items(2600)], "2021-03-31") };
}

describe("the history, read by its header names", () => {
  test("a column inserted before Overall RAG reads the same as the sheet without it", () => {
    const { values } = threeQuarters();
    const at = HISTORY_HEADERS.indexOf("Overall RAG");
    const inserted = values.map((r, i) => [...r.slice(0, at), i === 0 ? "Notes" : "a note", ...r.slice(at)]);
    const plain = readHistory(sheetOf(values));
    expect(plain).toHaveLength(9);
    expect(readHistory(sheetOf(inserted))).toEqual(plain);
  });

  test("an older layout (the first version's columns only) reads, its later columns blank", () => {
    const { values } = threeQuarters();
    const old = values.map((r) => r.slice(0, HISTORY_HEADERS_V1.length));
    const rows = readHistory(sheetOf(old));
    // The programme's own rows need the Level column: without it they read as items of no sheet and are passed over.
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({
      quarter: "Q1 2020/21",
      ref: "A1",
      spent: null,
      computed: "",
      level: "item",
    });
  });

  test("a grid that does not start at A1 (its own offsets) reads the same", () => {
    const { values } = threeQuarters();
    expect(readHistory(sheetOf(values, 3, 2))).toEqual(readHistory(sheetOf(values)));
  });

  test("a report writes the same history as reading it all would, taking only the last quarter into rows", () => {
    const { values, q4 } = threeQuarters();
    const sheet = sheetOf(values);
    const whole = readHistory(sheet);
    const taken = readHistorySheet(sheet, q4);
    expect(taken.previous).toEqual(previousSnapshot(whole, q4));
    expect(taken.previous!.quarter).toBe("Q3 2020/21");
    expect(taken.earlier).toHaveLength(9);
    expect(historySheetLayout(taken, q4)).toEqual(historyLayout(mergeHistory(whole, q4)));
  });

  test("the same with the quarter built again, rows out of date order, unreadable rows and odd cells", () => {
    const { values } = threeQuarters();
    const q2again = run([items(2200)], "2020-09-29");
    const [header, ...body] = values;
    const odd = [...body];
    // Q3's rows before Q1's; a row with no quarter; text in a money column; a blank row.
    odd.unshift(...odd.splice(6, 3));
    odd.push([null, serial("2020-06-30"), "Programme", "Z9", "No quarter", 1, 1, "Green", "", "", "Green"]);
    odd[1] = [...odd[1]!];
    odd[1][HISTORY_HEADERS.indexOf("Budget")] = "about a grand";
    odd.push([]);
    const sheet = sheetOf([header!, ...odd]);
    const whole = readHistory(sheet);
    const taken = readHistorySheet(sheet, q2again);
    expect(taken.previous).toEqual(previousSnapshot(whole, q2again));
    expect(taken.previous!.quarter).toBe("Q1 2020/21");
    expect(historySheetLayout(taken, q2again)).toEqual(historyLayout(mergeHistory(whole, q2again)));
  });

  test("no history: nothing earlier, and the sheet holds this quarter alone", () => {
    const a = run([items(2000)]);
    const taken = readHistorySheet(null, a);
    expect(taken).toEqual({ previous: null, earlier: [], replaced: [] });
    expect(historySheetLayout(taken, a)).toEqual(historyLayout(mergeHistory([], a)));
  });
});

describe("the change log, read by its header names", () => {
  const when = 44196.5;
  const rows: CellValue[][] = [
    [...CHANGELOG_HEADERS],
    [when, "Refresh RAG columns", null, null, null, "Q3 2020/21: 2 RAG cells written", null, null],
    [when, "Refresh RAG columns", "Programme of Works", "Q4", "A1", "Laptops", "Amber", "Red"],
  ];

  test("the tool's own layout reads as it is", () => {
    expect(readChangeLog(sheetOf(rows))).toEqual(rows.slice(1));
  });

  test("a column inserted between its columns is passed over; the rest read in the tool's order", () => {
    const inserted = rows.map((r, i) => [...r.slice(0, 2), i === 0 ? "Who" : "someone", ...r.slice(2)]);
    expect(readChangeLog(sheetOf(inserted))).toEqual(rows.slice(1));
  });

  test("an older layout without some columns reads them blank", () => {
    const keep = CHANGELOG_HEADERS.map((h, i) => (h === "Ref" ? -1 : i)).filter((i) => i >= 0);
    const older = rows.map((r) => keep.map((i) => r[i] ?? null));
    expect(readChangeLog(sheetOf(older))).toEqual(
      rows.slice(1).map((r) => r.map((v, i) => (CHANGELOG_HEADERS[i] === "Ref" ? null : v))),
    );
  });

  test("a grid that does not start at A1 reads the same, and a change logged before is not logged twice", () => {
    expect(readChangeLog(sheetOf(rows, 2, 3))).toEqual(rows.slice(1));
    // A1 was Amber and is now Red: an earlier run logged Amber → Red and stopped before writing the cell.
    const a = run([
      programmeSheet([{ ref: "A1", name: "Laptops", budget: 1000, forecast: 2000, rag: "Amber" }]),
    ]);
    expect(a.items[0]!.rag.overall).toBe("Red");
    const plan = buildWritePlan(a, { mode: "refresh", generatedAt: when, changeLog: sheetOf(rows, 2, 3) });
    const log = plan.sheets.find((s) => s.role === "changelog")!;
    const logged = log.values.filter((r) => r[3] === "Q4");
    expect(logged).toHaveLength(1);
    expect(log.values.at(-1)![5]).toMatch(
      /1 listed already by an earlier run that stopped before writing it/,
    );
  });
});
