/**
 * The log sheets as printed (RAG History, Milestone History, Risk History, Change Log). Before, every data row
 * was one unwrapped line: a text longer than its column (an item's name, a milestone, a risk's title) was cut
 * off by the next cell, in Excel and in LibreOffice's PDF alike. Now such a cell is wrapped, the row top-aligned
 * and sized to it by the SheetBuilder's estimate; a row whose text fits is left as it was. No merges, and no
 * column made wider on the history sheets: the file adapter keeps earlier rows (and the sheet's columns) byte
 * for byte, so what a row needs travels with the row.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { CHANGELOG_SHEET, changeLogLayout } from "../../src/engine/report/changelog";
import { HISTORY_SHEET } from "../../src/engine/report/history";
import { logSheetLayout } from "../../src/engine/report/log-sheet";
import { MILESTONE_HISTORY_SHEET } from "../../src/engine/report/milestone-history";
import { RISK_HISTORY_SHEET } from "../../src/engine/report/risk-history";
import { columnTextPoints, textPoints } from "../../src/engine/report/text-width";
import type { SheetLayout } from "../../src/engine/plan";
import { runCli } from "../cli/run-cli";

function styleAt(layout: SheetLayout, row: number, col: number) {
  return layout.styles.find(
    (s) => row >= s.row && row < s.row + s.rows && col >= s.col && col < s.col + s.cols,
  )?.style;
}

const LONG = "Core network and Wi-Fi refresh (Civic Centre and depots)";

test("a log sheet's text longer than its column is wrapped, the row top-aligned and sized; a row that fits is left as it was", () => {
  const layout = logSheetLayout(
    "history",
    HISTORY_SHEET,
    { headers: ["Ref", "Name", "Overall RAG"], widths: [8, 40, 13], formats: [null, null, null] },
    [
      ["FB01", LONG, "Red"],
      ["FB02", "Windows 10 desktop rollout", "Amber"],
    ],
  );
  expect(styleAt(layout, 1, 1)).toMatchObject({ wrap: true, vAlign: "top" });
  expect(styleAt(layout, 1, 0)).toMatchObject({ vAlign: "top" });
  expect(styleAt(layout, 1, 2)?.wrap ?? false).toBe(false);
  // 255 points of Calibri 11 in a column of about 200: two lines of 15 points.
  expect(layout.rowHeights[1]).toBeGreaterThanOrEqual(30);
  expect(styleAt(layout, 2, 1)).toBeUndefined();
  expect(layout.rowHeights[2] ?? null).toBeNull();
  expect(layout.merges).toEqual([]);
});

test("a Change Log row whose item name is longer than Name is wrapped, not cut off by Old value; a short one stays one line", () => {
  const change = (cell: string, name: string) => ({
    when: 44197.5,
    action: "Build highlight report",
    sheet: "Programme of Works",
    cell,
    ref: "FB01",
    name,
    old: "Amber",
    now: "Red",
  });
  const layout = changeLogLayout([], [change("R6", LONG), change("R9", "Service desk tool replacement")], {
    when: 44197.5,
    action: "Build highlight report",
    text: "Q3 2020/21: 2 RAG cells written",
  });
  expect(layout.values[2]!.slice(5)).toEqual([LONG, "Amber", "Red"]);
  expect(styleAt(layout, 2, 5)).toMatchObject({ wrap: true, vAlign: "top" });
  expect(layout.rowHeights[2]).toBeGreaterThanOrEqual(30);
  // "Build highlight report" fits its Action column, so a change row with a short name is not made two lines.
  expect(styleAt(layout, 3, 1)?.wrap ?? false).toBe(false);
  expect(layout.rowHeights[3] ?? null).toBeNull();
  expect(layout.merges).toEqual([]);
});

test("in the sample's --out workbook every log sheet's text wider than its column is wrapped in a row tall enough for it", async () => {
  const work = await mkdtemp(path.join(tmpdir(), "programme-rag-logwrap-"));
  try {
    const out = path.join(work, "out.xlsx");
    const sample = path.resolve(__dirname, "../../samples/ict-strategy-programme.xlsx");
    expect(await runCli([sample, "--date", "2020-12-31", "--out", out])).toMatchObject({ code: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    for (const name of [HISTORY_SHEET, MILESTONE_HISTORY_SHEET, RISK_HISTORY_SHEET, CHANGELOG_SHEET]) {
      const ws = wb.getWorksheet(name)!;
      expect(ws).toBeDefined();
      let wide = 0;
      ws.eachRow((row, n) => {
        if (n === 1) return;
        row.eachCell((cell, c) => {
          if (typeof cell.value !== "string") return;
          const width = columnTextPoints(ws.getColumn(c).width ?? 8.43);
          const points = textPoints(cell.value, false, 11);
          if (points <= width) return;
          wide++;
          expect({ sheet: name, cell: cell.address, wrap: cell.alignment?.wrapText ?? false }).toEqual({
            sheet: name,
            cell: cell.address,
            wrap: true,
          });
          // At least one more line than one: never shorter than two lines of 15 points.
          expect(row.height ?? 15).toBeGreaterThanOrEqual(30);
        });
      });
      // Each sheet has such text in the sample (long names, milestones and titles).
      expect({ sheet: name, wide: wide > 0 }).toEqual({ sheet: name, wide: true });
    }
    // A RAG History row whose name fits stays one line: its Period ("Period 9 (December) 2020/21") fits its
    // column, so it does not make every row two lines high.
    const history = wb.getWorksheet(HISTORY_SHEET)!;
    const desk = history
      .getRows(2, history.rowCount - 1)!
      .find((r) => r.getCell(5).value === "Desk booking system")!;
    expect(desk).toBeDefined();
    expect(desk.height ?? 15).toBe(15);
    expect(desk.getCell(20).alignment?.wrapText ?? false).toBe(false);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}, 60_000);
