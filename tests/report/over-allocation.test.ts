/** An allocation below the items' budgets is a warning in words, in the report, the CLI summary and the pane. */
import { join } from "node:path";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { summaryLines } from "../../src/cli/summary";
import { analyse } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import type { Pence } from "../../src/engine/money";
import { highlightLayout } from "../../src/engine/report/highlight";
import { reportWarnings } from "../../src/engine/report/notes";

const WARNING =
  "The items' budgets total £1,180,000, £80,000 more than the allocation of £1,100,000: the programme is over-allocated.";

test("the sample at an allocation of £1.1m: the items' budgets are £80,000 more than it", async () => {
  const wb = await loadWorkbook(join(__dirname, "..", "..", "samples/ict-strategy-programme.xlsx"));
  const a = analyse(wb.sheets, {
    reportingDate: parseIsoDay("2020-12-31")!,
    allocation: 110_000_000 as Pence,
  });
  expect(a.totals.unallocated).toBe(-8_000_000);
  // One engine warning: the pane's summary shows reportWarnings too (ResultSummary).
  expect(reportWarnings(a, null)).toEqual([WARNING]);
  expect(highlightLayout(a).values[2]![0]).toBe(`Warning: ${WARNING}`);
  expect(summaryLines(a)).toContain(`  Warning: ${WARNING}`);
  // The budget figures say "over-allocated by £80,000", never "unallocated -£80,000".
  const budgetLine = summaryLines(a).find((l) => l.startsWith("Budget against"))!;
  expect(budgetLine).toContain("over-allocated by £80,000");
  expect(budgetLine).not.toContain("unallocated");
  const layout = highlightLayout(a).values;
  const row = layout.find((r) => r?.[0] === "Over-allocated")!;
  expect(row[2]).toBe(80_000);
  expect(layout.some((r) => r?.[0] === "Unallocated")).toBe(false);
  // At the default £1,200,000 there is nothing to warn of.
  const b = analyse(wb.sheets, { reportingDate: parseIsoDay("2020-12-31")! });
  expect(reportWarnings(b, null)).toEqual([]);
  expect(highlightLayout(b).values.some((r) => r?.[0] === "Unallocated")).toBe(true);
});
