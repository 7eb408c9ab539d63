/** The highlight report's layout, from the engine, on the bundled sample and on per-year council figures. */
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import { formatPounds } from "../../src/engine/money";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import type { SheetLayout } from "../../src/engine/plan";
import { RAG_STYLE, severityRank } from "../../src/engine/rag";
import type { AssessedItem } from "../../src/engine/model";
import type { OverallRag } from "../../src/engine/rag";
import { highlightLayout, isException } from "../../src/engine/report/highlight";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";

const root = join(__dirname, "..", "..");

async function analysed(file: string, date: string): Promise<ProgrammeAnalysis> {
  const wb = await loadWorkbook(join(root, file));
  return analyse(wb.sheets, { reportingDate: parseIsoDay(date)! });
}

/** The row index whose first cells read as given. */
function rowOf(layout: SheetLayout, col: number, text: string | RegExp): number {
  const r = layout.values.findIndex((row) => {
    const v = row[col];
    return typeof v === "string" && (typeof text === "string" ? v === text : text.test(v));
  });
  if (r < 0) throw new Error(`no row with ${String(text)} in column ${col}`);
  return r;
}

function styleAt(layout: SheetLayout, r: number, c: number) {
  const out: Record<string, unknown> = {};
  for (const s of layout.styles)
    if (r >= s.row && r < s.row + s.rows && c >= s.col && c < s.col + s.cols) Object.assign(out, s.style);
  return out;
}

describe("the sample's highlight report at 31/12/2020", () => {
  let a: ProgrammeAnalysis;
  let layout: SheetLayout;
  beforeAll(async () => {
    a = await analysed("samples/ict-strategy-programme.xlsx", "2020-12-31");
    layout = highlightLayout(a, { generatedAt: 44200.5 });
  });

  test("heading: programme, reporting date, quarter and the programme's RAGs with the reason", () => {
    expect(layout.name).toBe("Highlight Report");
    expect(layout.position).toBe("first");
    expect(layout.values[0]![0]).toBe(
      "ICT Strategy 2020-22: programme highlight report, Q3 2020/21 — Period 9 (December)",
    );
    expect(layout.values[1]![0]).toMatch(
      /^Reporting date 31\/12\/2020 · Q3 2020\/21 · programme period 01\/04\/2020 to 31\/03\/2022/,
    );
    const r = rowOf(layout, 0, "Programme RAG");
    expect(layout.values[r - 1]!.slice(2, 4)).toEqual(["This quarter", "Last quarter"]);
    expect(layout.values[r]![2]).toBe(a.programmeRag.rag);
    expect(layout.values[r]![3]).toBe("no history");
    expect(layout.values[r]![4]).toBe(a.programmeRag.reason);
    expect(styleAt(layout, r, 2)).toMatchObject({ fill: RAG_STYLE[a.programmeRag.rag].fill });
    expect(layout.values[rowOf(layout, 0, "Budget RAG")]![2]).toBe(a.totals.rag);
    expect(layout.values[rowOf(layout, 0, "Delivery RAG")]![2]).toBe(a.programmeRag.delivery.rag);
  });

  test("budget panel against the allocation, in pounds with a £ format and % with one decimal", () => {
    const figure = (label: string) => {
      const r = rowOf(layout, 0, label);
      return {
        value: layout.values[r]![2],
        pct: layout.values[r]![3],
        format: layout.numberFormats[r]![2],
        pctFormat: layout.numberFormats[r]![3],
      };
    };
    expect(figure("Allocation")).toMatchObject({ value: 1_200_000, format: '"£"#,##0;-"£"#,##0' });
    expect(figure("Allocated to items").value).toBe(a.totals.budget / 100);
    expect(figure("Unallocated").value).toBe(a.totals.unallocated / 100);
    expect(figure("Spent to date")).toMatchObject({
      value: a.totals.spent / 100,
      pct: a.totals.spent / a.allocation,
      pctFormat: "0.0%",
    });
    expect(figure("Committed").value).toBe(a.totals.committed / 100);
    expect(figure("Forecast outturn").value).toBe(a.totals.forecast / 100);
    expect(figure("Variance to budget (% of budget)")).toMatchObject({
      value: a.totals.variance / 100,
      pct: a.totals.variance / a.totals.budget,
    });
    // One base for every other percentage, said in the header.
    expect(layout.values[rowOf(layout, 0, "Figure")]![3]).toBe("% of allocation");
    expect(figure("Forecast outturn").pct).toBe(a.totals.forecast / a.allocation);
    expect(figure("Variance to allocation").value).toBe(a.totals.varianceToAllocation / 100);
    const rag = rowOf(layout, 0, "Budget RAG");
    expect(layout.values[rag]![2]).toBe(a.totals.rag);
    // Spend against time: 31/12/2020 is day 275 of the 730-day 2020-22 period.
    const time = rowOf(layout, 0, "Time elapsed (programme period)");
    expect(layout.values[time]![3]).toBeCloseTo(275 / 730, 6);
  });

  test("RAG counts for every status, with the word in a coloured cell", () => {
    for (const key of ["Red", "Amber", "Green", "Complete", "Not assessed"] as const) {
      const r = rowOf(layout, 5, key);
      expect(layout.values[r]![6]).toBe(a.ragCounts[key]);
      expect(styleAt(layout, r, 5)).toMatchObject({
        fill: RAG_STYLE[key].fill,
        fontColor: RAG_STYLE[key].font,
      });
    }
    expect(layout.values[rowOf(layout, 5, "Total")]![6]).toBe(a.items.length);
  });

  test("exceptions: every Red and Amber item and every better override, worst first, with reasons in words", () => {
    const head = rowOf(layout, 0, "Ref");
    expect(layout.values[head]!.slice(0, 11)).toEqual([
      "Ref",
      "Project",
      "Owner",
      "Budget",
      "Schedule",
      "Risk",
      "Computed",
      "Reported",
      "Since last quarter",
      "Why (reasons)",
      "Commentary, risk, mitigation",
    ]);
    const expected = a.items.filter(isException);
    // The listed rows: the exceptions' refs, skipping any repeated header on a continuation page.
    const rows = layout.values
      .slice(head + 1)
      .filter((r) => r[0] !== "Ref" && r[0] !== "Exceptions (continued)")
      .slice(0, expected.length);
    const worse = (i: AssessedItem) =>
      Math.min(severityRank(i.rag.overall), severityRank(i.rag.computed as OverallRag));
    expect(rows.map((r) => r[0])).toEqual(
      [...expected]
        .sort(
          (x, y) =>
            worse(x) - worse(y) ||
            severityRank(x.rag.overall) - severityRank(y.rag.overall) ||
            (y.variance ?? -Infinity) - (x.variance ?? -Infinity) ||
            x.row - y.row,
        )
        .map((i) => i.ref),
    );
    // FB01 is 9.3% over budget: its budget reason is there in words.
    const fb01 = rows.find((r) => r[0] === "FB01")!;
    expect(fb01[9]).toMatch(
      /^Budget: Red: forecast £104,900 is £8,900 \(9\.3%\) over budget; the limit is £4,800/,
    );
    // The risk's words are printed once in the row: the reasons quote them, so the side column does not
    // repeat them (it did, and the rows printed two lines taller than they needed).
    const fb01Risk = a.items.find((i) => i.ref === "FB01")!.risk!;
    expect(fb01[9]).toContain(fb01Risk);
    expect(fb01[10]).toMatch(/^Commentary: .*\nMitigation: /s);
    expect(`${fb01[9]}\n${fb01[10]}`.split(fb01Risk)).toHaveLength(2);
    // A risk the reasons do not quote (not what rated the row) still shows in the side column.
    for (const r of rows) {
      const item = a.items.find((i) => i.ref === r[0])!;
      if (item.risk) expect(`${r[9]}\n${r[10]}`).toContain(item.risk.slice(0, 40));
    }
    // Every RAG cell of the table carries its fill.
    for (const r of rows) {
      const k = layout.values.indexOf(r);
      for (const c of [3, 4, 5, 6])
        expect(styleAt(layout, k, c).fill).toBe(RAG_STYLE[r[c] as keyof typeof RAG_STYLE].fill);
    }
  });

  test("an override never hides a computed Red: GS03 (PM RAG Green, overdue by 92 days)", () => {
    const gs03 = a.items.find((i) => i.ref === "GS03")!;
    expect(gs03.rag).toMatchObject({ computed: "Red", override: "Green", overall: "Green" });
    const r = layout.values.find((x) => x[0] === "GS03");
    expect(r).toBeDefined();
    expect(r!.slice(6, 8)).toEqual(["Red", "Green\n(PM RAG)"]);
    expect(r![9]).toMatch(
      /^Green \(PM RAG\) — computed Red: overdue: the target date 30\/09\/2020 has passed \(92 days before 31\/12\/2020\) at 80% complete\. Reason given: /,
    );
    // The counts say how many ratings were overridden, up and down.
    const note = layout.values.find(
      (x) => typeof x[0] === "string" && x[0].includes("set by an override column"),
    );
    expect(note![0]).toMatch(
      /2 ratings were set by an override column: 2 better than the rules rate them .*, 0 worse, 0 the same\./,
    );
  });

  test("an override with no reason on the sheet is flagged", () => {
    const gs03 = a.items.find((i) => i.ref === "GS03")!;
    const bare = { ...gs03, commentary: null, overrideReason: null };
    const l = highlightLayout({ ...a, items: a.items.map((i) => (i === gs03 ? bare : i)) });
    const r = l.values.find((x) => x[0] === "GS03")!;
    expect(r[9]).toMatch(/No reason for the override is given on the sheet\.$/);
    expect(
      l.values.some((x) => typeof x[0] === "string" && /1 with no reason given on the sheet/.test(x[0])),
    ).toBe(true);
  });

  test("data notes: unreadable cells, estimates and amounts typed as text, with their cells", () => {
    const r = rowOf(layout, 0, "Data notes: what went into the totals");
    const lines = layout.values.slice(r + 1, r + 5).map((x) => x[0] as string);
    expect(lines[0]).toMatch(
      /^Could not be read, left out of the totals \(counted as zero\) \(1\): Programme of Works!F34/,
    );
    // H19 is the sheet's own variance (#VALUE!, from G19's text) and N36 a word in a 1-5 column: neither is
    // in the totals, so they are not said to be left out of them.
    expect(lines[3]).toMatch(/^Could not be read, the item rated without it \(2\): .*H19.*N36/);
    expect(lines[1]).toMatch(
      /^Estimates used \(1\): Programme of Works!G27: no forecast: spend plus commitments £61,500/,
    );
    expect(lines[2]).toMatch(/^Typed as text .* \(2\): .*G19.*J28/);
  });

  test("reconciliation with the sheet's Grand total row, the difference explained", () => {
    const r = rowOf(
      layout,
      0,
      /^Reconciliation with the sheet's own total: "Programme of Works" row 45 \(Grand total\)$/,
    );
    const forecast = layout.values.slice(r + 2, r + 6).find((x) => x[0] === "Forecast")!;
    // The sheet's SUM leaves out G19's "£45,500" (text) and has no forecast for FW05 (estimated £61,500).
    expect(forecast.slice(2, 5)).toEqual([1_085_900, 1_192_900, 107_000]);
    expect(forecast[5]).toBe(
      "£45,500 typed as text in G19 (the sheet's total leaves it out)\nFW05 Civic Centre ground floor refit - ICT cabling and power: forecast estimated as spend plus commitments (+£61,500)",
    );
    const budget = layout.values.slice(r + 2, r + 6).find((x) => x[0] === "Budget")!;
    expect(budget.slice(2, 6)).toEqual([1_180_000, 1_180_000, 0, "The figures agree."]);
  });

  test("by theme: totals that add up to the programme's", () => {
    const head = rowOf(layout, 0, "Theme");
    const total = layout.values.findIndex((r, i) => i > head && r[0] === "Total");
    const rows = layout.values.slice(head + 1, total);
    expect(rows.map((r) => r[0])).toEqual(a.byTheme.map((t) => t.key));
    expect(layout.values[total]![3]).toBe(a.totals.budget / 100);
    expect(layout.values[total]![6]).toBe(a.totals.forecast / 100);
    expect(rows.reduce((n, r) => n + (r[2] as number), 0)).toBe(a.items.length);
  });

  test("by financial year from the sheet's year columns; coming up next quarter (Q4 2020/21)", () => {
    // Issue 13: the sample now has per-year budget and forecast columns (T:W), so the year table is shown (it
    // was "Not shown" while the sample named no year); FB07, CF01 and FW04 slip £54,000 into 2021/22.
    const year = rowOf(layout, 0, "Financial year");
    expect(layout.values.slice(year + 1, year + 4).map((r) => [r[0], r[2], r[4], r[7], r[9], r[10]])).toEqual(
      [
        ["2020/21", "In year", 1_077_000, 1_035_900, 54_000, 0],
        ["2021/22", "Not started", 103_000, 157_000, 0, 54_000],
        ["Total", null, 1_180_000, a.totals.forecast / 100, 54_000, 54_000],
      ],
    );
    const coming = rowOf(layout, 0, /^Coming up: items due in Q4 2020\/21 \(01\/01\/2021 to 31\/03\/2021\)/);
    const due = a.items.filter(
      (i) =>
        i.end !== null &&
        i.end >= parseIsoDay("2021-01-01")! &&
        i.end <= parseIsoDay("2021-03-31")! &&
        i.rag.schedule !== "Complete",
    );
    // The table may run onto the next page (a continued heading and its header repeated there).
    const listed = layout.values
      .slice(coming + 2)
      .filter((r) => r[0] !== "Coming up (continued)" && r[0] !== "Ref")
      .slice(0, due.length);
    expect(new Set(listed.map((r) => r[0]))).toEqual(new Set(due.map((i) => i.ref)));
    expect(layout.numberFormats[coming + 2]![4]).toBe("dd/mm/yyyy");
  });

  test("top risks by score, highest first", () => {
    const head = rowOf(layout, 0, "Top risks by score") + 1;
    const scores = layout.values.slice(head + 1, head + 11).map((r) => r[4] as number);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(scores[0]).toBe(Math.max(...a.items.map((i) => i.assessedRiskScore ?? 0)));
  });

  test("print: A4 landscape, one page wide, print titles, footer with date and page", () => {
    expect(layout.print).toMatchObject({
      orientation: "landscape",
      paperSize: "A4",
      fitToPagesWide: 1,
      printTitleRows: { first: 0, last: 1 },
      footer: { center: "Generated 04/01/2021", right: "Highlight report page &P" },
    });
    expect(layout.print!.area!.cols).toBe(11);
  });

  test("charts over the data tables: RAG distribution and budget against forecast by theme", () => {
    expect(layout.charts.map((c) => c.kind)).toEqual(["pie", "barClustered"]);
    const pie = layout.charts[0]!;
    expect(layout.values[pie.source.row]!.slice(pie.source.col, pie.source.col + 2)).toEqual([
      "Status",
      "Items",
    ]);
    const bars = layout.charts[1]!;
    expect(layout.values[bars.source.row]!.slice(bars.source.col, bars.source.col + 3)).toEqual([
      "Theme",
      "Budget",
      "Forecast",
    ]);
    expect(layout.values[bars.source.row + 1]![bars.source.col]).toBe(a.byTheme[0]!.key);
  });

  test("RAG words fit their cells: every line of a RAG cell fits its width in bold (Amber/Green is not cut)", () => {
    const words = new Set(Object.keys(RAG_STYLE));
    const tooNarrow: string[] = [];
    layout.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== "string" || !words.has(v.split("\n")[0]!)) return;
        const m = layout.merges.find((x) => x.row === r && x.col === c);
        let width = 0;
        for (let k = c; k < c + (m?.cols ?? 1); k++) width += layout.columnWidths[k] ?? 8.43;
        // Bold capitals and slashes run wider than digits: allow 1.1 characters a letter, plus the padding.
        for (const line of v.split("\n"))
          if (line.length * 1.1 + 1 > width)
            tooNarrow.push(`${String.fromCharCode(65 + c)}${r + 1} "${line}" in ${width}`);
      }),
    );
    expect(tooNarrow).toEqual([]);
  });

  test("row heights fit the wrapped text: FB01's row is its longest cell's 7 lines (was 9, the risk printed twice)", () => {
    const r = layout.values.findIndex((row) => row[0] === "FB01" && typeof row[9] === "string");
    // The commentary column (31 wide) holds Commentary (4 lines) and Mitigation (2 lines) as Calibri prints
    // them (LibreOffice with Carlito); one line of 15 points each at most, plus the cell's padding.
    expect(layout.rowHeights[r]).toBeLessThanOrEqual(7 * 15 + 2);
    // Never shorter than the reasons' lines at the widest estimate of a line (1.25 characters a width unit).
    const why = String(layout.values[r]![9]).split("\n");
    const lines = why.reduce((n, l) => n + Math.ceil(l.length / (36 * 1.25)), 0);
    expect(layout.rowHeights[r]).toBeGreaterThanOrEqual(lines * 15);
  });

  test("figures formatted as a finance officer reads them", () => {
    expect(formatPounds(a.totals.budget as never)).toBe("£1,180,000");
  });
});

describe("per-year figures (two-year capital return in £'000)", () => {
  test("by financial year splits each item's budget by its year columns", async () => {
    const a = await analysed("tests/fixtures/council/two-year-capital.xlsx", "2020-12-31");
    const layout = highlightLayout(a);
    const year = rowOf(layout, 0, "Financial year");
    // Issue 13's table: year, status, allocation, then the budget (column E).
    expect(layout.values[year + 1]!.slice(0, 1).concat(layout.values[year + 1]![4] as never)).toEqual([
      "2020/21",
      719_150,
    ]);
    expect(layout.values[year + 2]!.slice(0, 1).concat(layout.values[year + 2]![4] as never)).toEqual([
      "2021/22",
      220_600,
    ]);
    expect(a.totals.budget).toBe(939_750_00);
  });
});
