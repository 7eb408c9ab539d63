/**
 * The pack tells the meeting the whole truth: unreadable money is never Green, a very large programme's report
 * stays a report (the worst 25 exceptions, the rest counted), warnings about the date and stale figures, the
 * history read by header names (old sheets too), an override-reason column, and a paginated print layout in
 * which every continuation page repeats its table's header and no heading ends a page.
 */
import { analyse } from "../../src/engine/analyse";
import { excelSerialFromDay } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { SheetLayout } from "../../src/engine/plan";
import { EXCEPTION_LIMIT } from "../../src/engine/report/exceptions";
import { highlightLayout } from "../../src/engine/report/highlight";
import {
  HISTORY_HEADERS,
  HISTORY_HEADERS_V1,
  previousSnapshot,
  readHistory,
} from "../../src/engine/report/history";
import { historyLayout, mergeHistory } from "../../src/engine/report/history-layout";
import { reportWarnings } from "../../src/engine/report/notes";
import { computeTrend } from "../../src/engine/report/trend";
import { summaryLines } from "../../src/cli/summary";
import { day, grid, programmeSheet, run, runItem, STANDARD_HEADER } from "../engine/builders";

const serial = (iso: string) => excelSerialFromDay(day(iso));
const historyGrid = (values: CellValue[][]): SheetGrid => grid(values, { name: "RAG History" });

describe("unreadable is never Green", () => {
  test("an item whose budget cannot be read is Not assessed with its problem, though the rest is Green", () => {
    const { item, analysis } = runItem({
      budget: "TBC",
      spent: 1000,
      start: serial("2020-04-01"),
      end: serial("2021-09-30"),
      progress: 0.6,
      likelihood: 1,
      impact: 1,
    });
    expect(item.rag).toMatchObject({ budget: "Not assessed", schedule: "Green", risk: "Green" });
    expect(item.rag.overall).toBe("Not assessed");
    expect(item.reasons.find((r) => r.dimension === "overall")?.text).toBe(
      `Not assessed: the budget in 'Programme of Works'!E4 ("TBC") could not be read, so the budget cannot be rated (the rest would be Green)`,
    );
    expect(analysis.issues.some((i) => i.cell === "E4" && i.severity === "error")).toBe(true);
  });

  test("a blank budget is not an unreadable one: the item stays Green on what was assessed", () => {
    const { item } = runItem({ start: serial("2020-04-01"), end: serial("2021-09-30"), progress: 0.6 });
    expect(item.rag.overall).toBe("Green");
  });

  test("an unreadable budget never hides a Red: the worst assessed dimension still decides", () => {
    const { item } = runItem({ budget: "#REF!", likelihood: 5, impact: 5 });
    expect(item.rag.overall).toBe("Red");
  });
});

describe("a very large programme's report stays a report", () => {
  const items = Array.from({ length: 400 }, (_, k) => ({
    ref: `P${k + 1}`,
    name: `Project ${k + 1}`,
    budget: 1000,
    forecast: k % 2 ? 1100 : 1000,
    likelihood: k % 3 === 0 ? 4 : 1,
    impact: 4,
  }));
  const a = run([programmeSheet(items)]);
  const layout = highlightLayout(a);

  test("the worst 25 exceptions, worst first, then a count of the rest and where to find them", () => {
    const exceptions = a.items.filter((i) => i.rag.overall === "Red" || i.rag.overall === "Amber");
    expect(exceptions.length).toBeGreaterThan(250);
    const title = layout.values.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("Exceptions:"));
    expect(layout.values[title]![0]).toBe(
      `Exceptions: Red and Amber items, and items an override rates better than the rules (${exceptions.length}): the worst 25 listed`,
    );
    const more = layout.values.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("… and "));
    const listed = layout.values
      .slice(title + 2, more)
      .filter((r) => r[0] !== "Ref" && r[0] !== "Exceptions (continued)");
    expect(listed).toHaveLength(EXCEPTION_LIMIT);
    expect(listed.every((r) => r[7] === "Red")).toBe(true);
    expect(layout.values[more]![0]).toMatch(
      new RegExp(
        `^… and ${exceptions.length - 25} more \\(.*\\) not listed here\\. Every item's rating and reasons are in the RAG column of the programme sheets, in the task pane's list and in the CLI's --json output\\.$`,
      ),
    );
    expect(layout.values.length).toBeLessThan(250);
  });

  test("the CLI summary is capped the same way", () => {
    const lines = summaryLines(a);
    expect(lines).toContain(
      `Exceptions (Red and Amber, and overrides better than computed): the worst 25 of ${a.items.filter((i) => i.rag.overall !== "Green").length}:`,
    );
    expect(lines.filter((l) => /^ {2}(Red|Amber) /.test(l))).toHaveLength(25);
    expect(lines.some((l) => /^ {2}… and \d+ more: every item's rating is in the RAG column/.test(l))).toBe(
      true,
    );
  });
});

/** Each page's first rows: [row of the break, the two cells that start it]. */
function pages(layout: SheetLayout): number[] {
  return [0, ...(layout.print?.rowBreaks ?? [])];
}

describe("the printed pages paginate themselves", () => {
  const items = Array.from({ length: 60 }, (_, k) => ({
    ref: `P${k + 1}`,
    name: `Project ${k + 1} with a longer name that wraps in its cell`,
    budget: 10000,
    forecast: 11000 + k,
    likelihood: 4,
    impact: 4,
    risk: "A risk described in a sentence or two, as programme managers write them in the risk column.",
    mitigation: "A mitigation, also in words.",
  }));
  const a = run([programmeSheet(items)]);
  const layout = highlightLayout(a);
  const SECTION_COLOUR = "#1F3864";
  const isHeading = (r: number) =>
    layout.styles.some(
      (s) => s.row === r && s.col === 0 && s.style.fontSize === 12 && s.style.fontColor === SECTION_COLOUR,
    );

  test("every page a table runs onto starts with a continued heading and the table's header", () => {
    const breaks = layout.print!.rowBreaks!;
    expect(breaks.length).toBeGreaterThan(3);
    const continued = breaks.filter((r) => /\(continued\)$/.test(String(layout.values[r]![0])));
    expect(continued.length).toBeGreaterThan(1);
    for (const r of continued) {
      expect(isHeading(r)).toBe(true);
      if (layout.values[r]![0] === "Exceptions (continued)")
        expect(layout.values[r + 1]!.slice(0, 3)).toEqual(["Ref", "Project", "Owner"]);
    }
  });

  test("no heading is the last row of a page, and no page starts with a blank row", () => {
    const starts = pages(layout);
    for (const b of starts.slice(1)) {
      expect(isHeading(b - 1)).toBe(false);
      expect(layout.values[b]!.some((v) => v !== null)).toBe(true);
    }
  });

  test("the manual breaks go with fit to one page wide (LibreOffice honours both: see pdf.test.ts)", () => {
    expect(layout.print).toMatchObject({ fitToPagesWide: 1, orientation: "landscape" });
  });
});

describe("warnings about the reporting date and the figures", () => {
  test("a reporting date outside the programme period is questioned", () => {
    const a = run([programmeSheet([{ ref: "A", name: "A", budget: 100 }])], "2023-01-31");
    expect(reportWarnings(a, null)).toEqual([
      "The reporting date 31/01/2023 is after the programme period (01/04/2020 to 31/03/2022): check the reporting date and the programme's dates.",
    ]);
    expect(highlightLayout(a).values[2]![0]).toMatch(/^Warning: The reporting date 31\/01\/2023 is after/);
    expect(summaryLines(a)[2]).toMatch(/^ {2}Warning: The reporting date 31\/01\/2023/);
  });

  test("the programme's dates are settings: a period that covers the date raises nothing", () => {
    const a = run([programmeSheet([{ ref: "A", name: "A", budget: 100 }])], "2023-01-31", {
      periodStart: day("2022-04-01"),
      periodEnd: day("2025-03-31"),
      programmeName: "Digital Council 2022-25",
    });
    expect(reportWarnings(a, null)).toEqual([]);
    expect(highlightLayout(a).values[0]![0]).toBe(
      "Digital Council 2022-25: programme highlight report, Period 10 (January) 2022/23 — Q4",
    );
  });

  test("the same spend and forecast on every item as last quarter is questioned", () => {
    const sheet = programmeSheet([
      { ref: "A", name: "A", budget: 100, spent: 50, forecast: 100 },
      { ref: "B", name: "B", budget: 200, spent: 20, forecast: 200 },
    ]);
    const q2 = run([sheet], "2020-09-30");
    const q3 = run([sheet], "2020-12-31");
    const trend = computeTrend(q3, previousSnapshot(mergeHistory([], q2), q3));
    expect(reportWarnings(q3, trend)).toEqual([
      "Every item's spend and forecast are the same as at Q2 2020/21 (30/09/2020): the figures may not have been updated since the last report.",
    ]);
    const moved = run(
      [
        programmeSheet([
          { ref: "A", name: "A", budget: 100, spent: 60, forecast: 100 },
          { ref: "B", name: "B", budget: 200, spent: 20, forecast: 200 },
        ]),
      ],
      "2020-12-31",
    );
    expect(reportWarnings(moved, computeTrend(moved, previousSnapshot(mergeHistory([], q2), moved)))).toEqual(
      [],
    );
  });
});

describe("the history is read by its header names", () => {
  test("an old sheet (the first version's eleven columns, no programme row) is still read", () => {
    const rows = readHistory(
      historyGrid([
        [...HISTORY_HEADERS_V1],
        [
          "Q2 2020/21",
          serial("2020-09-30"),
          "Programme",
          "A1",
          "Laptops",
          1000,
          900,
          "Green",
          "Amber",
          "Green",
          "Amber",
        ],
      ]),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        quarter: "Q2 2020/21",
        level: "item",
        sheet: "Programme",
        ref: "A1",
        budget: 1000_00,
        forecast: 900_00,
        spent: null,
        scheduleRag: "Amber",
        overall: "Amber",
        computed: "",
      }),
    ]);
  });

  test("columns in another order, and a second header block below the first, are read by name", () => {
    const reordered = [...HISTORY_HEADERS].reverse();
    const at = (h: string) => reordered.indexOf(h as never);
    const row: CellValue[] = new Array(reordered.length).fill(null);
    row[at("Quarter")] = "Q2 2020/21";
    row[at("Reporting date")] = serial("2020-09-30");
    row[at("Sheet")] = "Programme";
    row[at("Ref")] = "B2";
    row[at("Overall RAG")] = "Red";
    row[at("Spent")] = 500;
    row[at("Level")] = "Item";
    const prog: CellValue[] = new Array(reordered.length).fill(null);
    prog[at("Quarter")] = "Q2 2020/21";
    prog[at("Reporting date")] = serial("2020-09-30");
    prog[at("Overall RAG")] = "Amber";
    prog[at("Delivery RAG")] = "Red";
    prog[at("Level")] = "Programme";
    const rows = readHistory(
      historyGrid([
        [...HISTORY_HEADERS_V1],
        [
          "Q1 2020/21",
          serial("2020-06-30"),
          "Programme",
          "B2",
          "Web",
          1,
          1,
          "Green",
          "Green",
          "Green",
          "Green",
        ],
        reordered,
        row,
        prog,
      ]),
    );
    expect(rows.map((r) => [r.quarter, r.level, r.ref, r.overall, r.spent, r.delivery])).toEqual([
      ["Q1 2020/21", "item", "B2", "Green", null, ""],
      ["Q2 2020/21", "item", "B2", "Red", 500_00, ""],
      ["Q2 2020/21", "programme", null, "Amber", null, "Red"],
    ]);
  });

  test("what the tool writes it reads back: every item's ratings and figures, and the programme's row", () => {
    const a = run([
      programmeSheet([{ ref: "A", name: "A", budget: 100, spent: 40, committed: 10, forecast: 120 }]),
    ]);
    const layout = historyLayout(mergeHistory([], a));
    const back = readHistory(historyGrid(layout.values as CellValue[][]));
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({
      ref: "A",
      budget: 100_00,
      spent: 40_00,
      committed: 10_00,
      forecast: 120_00,
    });
    expect(back[1]).toMatchObject({ level: "programme", budget: a.allocation, budgetRag: a.totals.rag });
    expect(layout.print).toMatchObject({
      orientation: "landscape",
      fitToPagesWide: 1,
      printTitleRows: { first: 0, last: 0 },
    });
  });
});

describe("an override-reason column", () => {
  test("is mapped and its text shown beside the override", () => {
    const header = [...STANDARD_HEADER, "PM RAG", "Reason for override"];
    const a = analyse(
      [
        grid([
          header,
          [
            "A1",
            "Laptops",
            "",
            "",
            100,
            50,
            0,
            100,
            serial("2020-04-01"),
            serial("2020-09-30"),
            0.8,
            "",
            1,
            1,
            "",
            "",
            "",
            "Green",
            "Board agreed a new date",
          ],
        ]),
      ],
      { reportingDate: day("2020-12-31") },
    );
    const item = a.items[0]!;
    expect(item.rag).toMatchObject({ computed: "Red", override: "Green" });
    expect(item.overrideReason).toBe("Board agreed a new date");
    const row = highlightLayout(a).values.find((r) => r[0] === "A1")!;
    expect(row[9]).toMatch(
      /^Green \(PM RAG\) — computed Red: overdue: .*\. Reason given: Board agreed a new date$/,
    );
  });
});
