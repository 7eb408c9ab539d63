/**
 * The RAG chart's bars and counts ("████ 5") are printed in a colour on white: each must read at a contrast of
 * at least 4.5:1 (WCAG AA; the pale Amber fill read 1.7:1), and the row must name its status in words too.
 */
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { SheetLayout } from "../../src/engine/plan";
import { highlightLayout } from "../../src/engine/report/highlight";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";

/** WCAG 2 relative luminance of "#RRGGBB". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

function styleAt(layout: SheetLayout, r: number, c: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of layout.styles)
    if (r >= s.row && r < s.row + s.rows && c >= s.col && c < s.col + s.cols) Object.assign(out, s.style);
  return out;
}

test("contrast formula: black on white is 21:1, white on white 1:1", () => {
  expect(contrastOnWhite("#000000")).toBeCloseTo(21, 5);
  expect(contrastOnWhite("#FFFFFF")).toBeCloseTo(1, 5);
});

test("every RAG chart count is readable on white and named in words", async () => {
  const wb = await loadWorkbook(join(__dirname, "..", "..", "samples/ict-strategy-programme.xlsx"));
  const a = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
  const layout = highlightLayout(a, {});
  const head = layout.values.findIndex(
    (row) => typeof row[0] === "string" && row[0].startsWith("Chart: RAG status"),
  );
  expect(head).toBeGreaterThan(0);
  let checked = 0;
  for (let r = head + 1; r < head + 14; r++) {
    const count = layout.values[r]?.[3];
    if (typeof count !== "string" || !/\d$/.test(count)) continue;
    const colour = styleAt(layout, r, 3).fontColor as string;
    expect({ status: layout.values[r]![1], ratio: contrastOnWhite(colour) >= 4.5 }).toEqual({
      status: layout.values[r]![1],
      ratio: true,
    });
    expect(typeof layout.values[r]![1]).toBe("string");
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(5);
  expect(layout.values.slice(head + 1, head + 14).some((row) => row[1] === "Amber")).toBe(true);
});
