import { analyse } from "../../src/engine/analyse";
import { dayFromYmd } from "../../src/engine/dates";
import { pence } from "../../src/engine/money";
import { skippedCount, summaryLines } from "../../src/cli/summary";

test("skipped rows are counted in words that read right in the singular and the plural", () => {
  expect(skippedCount("blank row", 1)).toBe("1 blank row");
  expect(skippedCount("blank row", 3)).toBe("3 blank rows");
  expect(skippedCount("no name or reference", 2)).toBe("2 rows with no name or reference");
  expect(skippedCount("no name or reference", 1)).toBe("1 row with no name or reference");
});

test("the summary says how many rows had figures but no name or reference", () => {
  const values = [
    ["Ref", "Project", "Budget (£)", "Spend to date (£)", "Forecast outturn (£)", "Target date"],
    ["P1", "Laptops", 1000, 500, 1000, "31/03/2021"],
    ["", "", 200, 100, 200, ""],
    ["", "", 300, 100, 300, ""],
  ];
  const a = analyse([{ name: "Programme", visible: true, rowOffset: 0, colOffset: 0, values }], {
    reportingDate: dayFromYmd(2020, 12, 31),
  });
  const line = summaryLines(a).find((l) => l.startsWith("Skipped rows:"));
  expect(line).toBe("Skipped rows: 2 rows with no name or reference");
});

test("the summary gives the variance to allocation in words: under, not a bare minus", () => {
  const values = [
    ["Ref", "Project", "Budget (£)", "Spend to date (£)", "Forecast outturn (£)", "Target date"],
    ["P1", "Laptops", 1000, 500, 900, "31/03/2021"],
  ];
  const a = analyse([{ name: "Programme", visible: true, rowOffset: 0, colOffset: 0, values }], {
    reportingDate: dayFromYmd(2020, 12, 31),
    allocation: pence(1_000_00),
  });
  const line = summaryLines(a).find((l) => l.startsWith("Budget against"))!;
  expect(line).toMatch(/variance to allocation £100 under \(budget Green\)/);
  expect(line).not.toMatch(/-£/);
});
