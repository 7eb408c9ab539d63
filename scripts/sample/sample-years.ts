/**
 * Issue 13's part of the sample: money by financial year on the programme sheet, laid out as council budget
 * monitoring sheets do, right of the programme's own columns (so every column before them keeps its letter):
 * - "Budget (£)" merged over two columns, "2020/21" and "2021/22" under it (T:U); "Forecast outturn (£)" the
 *   same (V:W). Each item's years add up to its whole budget and forecast (the whole columns D and G stay the
 *   item's totals). Items due after 31/03/2021 carry money into 2021/22;
 * - slippage: FB07, CF01 and FW04 forecast less in 2020/21 than its budget and more in 2021/22 (work moved into
 *   the next year), so the report shows it slipping out of 2020/21 and carried forward into 2021/22;
 * - "Spend profile 2020/21 (£)" merged over Apr-20 … Mar-21 (X:AI), a monthly profile for three items: FB04 and
 *   FB06 on profile (their budget stays Green), DS03 (Amber on its forecast) ahead of its profile, which its
 *   budget reason says ("spent £48,500 against £36,000 profiled by period 9").
 * The story is in samples/README.md ("Money by financial year").
 */
import type ExcelJS from "exceljs";
import type { SampleItem, SampleTheme } from "./sample-data";
import { GBP_FORMAT } from "./xlsx-helpers";

/** Each item's 2021/22 part of its budget and forecast (the rest is 2020/21's); items not listed: none. */
export const YEAR_SPLIT: Record<string, { budget: number; forecast: number }> = {
  FB04: { budget: 16_000, forecast: 16_000 },
  FB07: { budget: 25_000, forecast: 55_000 },
  CF01: { budget: 12_000, forecast: 24_000 },
  CF04: { budget: 5_000, forecast: 5_000 },
  CF05: { budget: 10_000, forecast: 10_000 },
  CF06: { budget: 6_000, forecast: 6_000 },
  FW03: { budget: 9_000, forecast: 9_000 },
  FW04: { budget: 0, forecast: 12_000 },
  DS03: { budget: 20_000, forecast: 20_000 },
};

/** Monthly spend profiles for 2020/21, April to March. */
export const SPEND_PROFILES: Record<string, number[]> = {
  // £17,000 by period 9 against £15,500 spent: 8.8% behind, within the 20% the rules allow.
  FB04: [0, 0, 1_000, 2_000, 2_000, 2_000, 3_000, 3_000, 4_000, 4_000, 4_000, 5_000],
  // All £82,000 by period 9 (due 31/12/2020) against £75,400 spent: 8.0% behind.
  FB06: [4_000, 8_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 0, 0, 0],
  // £36,000 by period 9 against £48,500 spent: ahead of its profile.
  DS03: [2_000, 3_000, 4_000, 4_000, 4_000, 4_000, 5_000, 5_000, 5_000, 3_000, 3_000, 2_000],
};

const MONTHS = [
  "Apr-20",
  "May-20",
  "Jun-20",
  "Jul-20",
  "Aug-20",
  "Sep-20",
  "Oct-20",
  "Nov-20",
  "Dec-20",
  "Jan-21",
  "Feb-21",
  "Mar-21",
];

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/**
 * Adds the columns right of `lastCol` (1-based: the programme's last column), with their headings on the row
 * above the header row, for every item row of the sheet (found by its Ref in column A).
 */
export function addYearColumns(
  ws: ExcelJS.Worksheet,
  headerRow: number,
  lastCol: number,
  themes: readonly SampleTheme[],
): void {
  const byRef = new Map<string, SampleItem>();
  for (const t of themes) for (const i of t.items) byRef.set(i.ref, i);
  const first = lastCol + 1;
  const groups: [string, string[]][] = [
    ["Budget (£)", ["2020/21", "2021/22"]],
    ["Forecast outturn (£)", ["2020/21", "2021/22"]],
    ["Spend profile 2020/21 (£)", MONTHS],
  ];
  let col = first;
  for (const [heading, labels] of groups) {
    const top = ws.getCell(headerRow - 1, col);
    top.value = heading;
    top.font = { bold: true, color: { argb: "FFFFFFFF" } };
    top.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF2E75B6" } };
    top.alignment = { horizontal: "center", vertical: "middle" };
    ws.mergeCells(headerRow - 1, col, headerRow - 1, col + labels.length - 1);
    labels.forEach((label, k) => {
      const c = ws.getCell(headerRow, col + k);
      c.value = label;
      c.font = { bold: true, color: { argb: "FFFFFFFF" } };
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
      c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
      c.border = BORDER;
      ws.getColumn(col + k).width = k < 2 && labels.length === 2 ? 11 : 9;
    });
    col += labels.length;
  }
  ws.eachRow((row, r) => {
    if (r <= headerRow) return;
    const ref = row.getCell(1).value;
    const item = typeof ref === "string" ? byRef.get(ref) : undefined;
    if (!item) return;
    const split = YEAR_SPLIT[item.ref] ?? { budget: 0, forecast: 0 };
    const set = (c: number, v: number | null) => {
      const cell = row.getCell(c);
      cell.value = v;
      cell.numFmt = GBP_FORMAT;
      cell.border = BORDER;
      cell.alignment = { vertical: "top" };
    };
    set(first, item.budget - split.budget);
    set(first + 1, split.budget);
    // A forecast typed as text or left blank has no years either.
    const forecast = typeof item.forecast === "number" ? item.forecast : null;
    set(first + 2, forecast === null ? null : forecast - split.forecast);
    set(first + 3, forecast === null ? null : split.forecast);
    const profile = SPEND_PROFILES[item.ref];
    for (let k = 0; k < MONTHS.length; k++) set(first + 4 + k, profile ? profile[k]! : null);
  });
}
