/**
 * The data notes never show the meeting less than the truth: a group's line is printed whole, and when it lists
 * only some of its cells it says how many more and where every one is listed (before, the sample's "Other
 * warnings" line was cut at 900 characters with "…", its count of the rest lost with it).
 */
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { ALL_ISSUES_AT } from "../../src/engine/report/data-notes";
import { highlightLayout } from "../../src/engine/report/highlight";
import { MAX_ROW_HEIGHT } from "../../src/engine/report/sheet-builder";

const SAMPLE = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");

let sample: ProgrammeAnalysis;
beforeAll(async () => {
  const wb = await loadWorkbook(SAMPLE);
  sample = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
});

/** The data notes' lines (column A under the heading, down to the first empty row) and their rows' heights. */
function notesOf(a: ProgrammeAnalysis) {
  const layout = highlightLayout(a, { generatedAt: 44200.5 });
  const start = layout.values.findIndex((r) => r[0] === "Data notes: what went into the totals");
  expect(start).toBeGreaterThan(0);
  const lines: { text: string; height: number }[] = [];
  for (let r = start + 1; typeof layout.values[r]?.[0] === "string"; r++)
    lines.push({ text: layout.values[r]![0] as string, height: layout.rowHeights[r] ?? 15 });
  return lines;
}

test("the sample's Other warnings line is whole: six warnings listed, then the seventh counted and where to find it", () => {
  const other = notesOf(sample).find((l) => l.text.startsWith("Other warnings"));
  expect(other?.text).toMatch(/^Other warnings \(7\): /);
  expect(other!.text.endsWith(`; and 1 more: ${ALL_ISSUES_AT}`)).toBe(true);
  // The last listed warning is there in full (it was where the cut fell).
  expect(other!.text).toContain(
    'Programme of Works!G45: total row "Grand total" gives the forecast as £1,085,900, £45,500 less than the items above it (£1,131,400)',
  );
});

test("long warnings: a line lists fewer cells rather than outgrow the tallest row, and counts the rest", () => {
  const long = "a warning that goes on ".repeat(60).trim();
  const issues = Array.from({ length: 9 }, (_, k) => ({
    sheet: "Programme of Works",
    cell: `B${k + 5}`,
    severity: "warning" as const,
    message: `${long} (${k + 1})`,
  }));
  const other = notesOf({ ...sample, issues: [...sample.issues, ...issues] }).find((l) =>
    l.text.startsWith("Other warnings"),
  )!;
  expect(other.text).toMatch(/^Other warnings \(16\): /);
  const more = /; and (\d+) more: (.*)$/.exec(other.text);
  expect(more?.[2]).toBe(ALL_ISSUES_AT);
  const listed = other.text
    .split("; ")
    .filter((s) => /^[A-Z][\w ]+!/.test(s) || s.startsWith("Other")).length;
  expect(listed + Number(more![1])).toBe(16);
  expect(other.height).toBeLessThan(MAX_ROW_HEIGHT);
  expect(other.text).not.toMatch(/…$/);
});
