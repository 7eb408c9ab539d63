/**
 * sheet-kind.ts decides from a sheet's head whether the engine may read it: it must never say "ignore" for a
 * sheet the full read uses (a programme sheet, a transposed one, a milestones sheet, a risk register).
 */
import fc from "fast-check";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import { readSheet } from "../../src/engine/read/sheet";
import { isMilestonesSheet } from "../../src/engine/read/milestones";
import { isRiskRegister } from "../../src/engine/read/risk-register";
import { transposedFields } from "../../src/engine/read/headers";
import { HEAD_ROWS, sheetUse } from "../../src/engine/sheet-kind";

const HEADERS: readonly (readonly string[])[] = [
  ["Project ref", "Project name", "Budget", "Forecast", "Actual", "Start date", "End date", "Status"],
  ["Milestone", "Project", "Baseline date", "Forecast date", "Actual date"],
  ["Risk ref", "Risk title", "Likelihood", "Impact", "Score", "Owner"],
  ["Notes"],
  ["Name", "Phone"],
];

const cell = fc.oneof(
  fc.constant<CellValue>(null),
  fc.integer({ min: 0, max: 5_000_000 }).map<CellValue>((n) => n),
  fc.constantFrom<CellValue>(
    "TBC",
    "Green",
    "Open",
    "Complete",
    "£1,200",
    "01/04/2021",
    "Programme of works",
  ),
  fc.date({ min: new Date("2019-01-01"), max: new Date("2025-12-31") }).map<CellValue>((d) => d),
);

const grid = fc
  .record({
    titles: fc.integer({ min: 0, max: 35 }),
    header: fc.integer({ min: 0, max: HEADERS.length - 1 }),
    rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 260 }),
    name: fc.constantFrom("Programme", "Risks", "Milestones", "Notes", "Sheet2"),
  })
  .map(({ titles, header, rows, name }): SheetGrid => {
    const values: CellValue[][] = [];
    for (let i = 0; i < titles; i++) values.push(i === 0 ? ["Council programme of works"] : []);
    values.push([...HEADERS[header]!]);
    values.push(...rows);
    return { name, visible: true, rowOffset: 0, colOffset: 0, values };
  });

const usedByFullRead = (g: SheetGrid): boolean =>
  readSheet(g) !== null || transposedFields(g.values) !== null || isMilestonesSheet(g) || isRiskRegister(g);

const headOf = (g: SheetGrid): SheetGrid => ({ ...g, values: g.values.slice(0, HEAD_ROWS) });

test("the head never says 'ignore' for a sheet the full read uses", () => {
  fc.assert(
    fc.property(grid, (g) => {
      if (usedByFullRead(g)) expect(sheetUse(headOf(g))).toBe("read");
    }),
    { numRuns: 300 },
  );
});

test("a sheet with a programme header under title rows is read; a notes sheet and a header below row 30 are not", () => {
  const programme: SheetGrid = {
    name: "Sheet1",
    visible: true,
    rowOffset: 0,
    colOffset: 0,
    values: [["Programme of works 2020/21"], [], [...HEADERS[0]!], ["P1", "Library", 1000, 1200, 800]],
  };
  expect(sheetUse(programme)).toBe("read");
  const notes: SheetGrid = { ...programme, values: [["Notes"], ["Read me first"]] };
  expect(sheetUse(notes)).toBe("ignore");
  const deep: SheetGrid = {
    ...programme,
    values: [...Array.from({ length: 31 }, () => ["x"]), [...HEADERS[0]!]],
  };
  expect(usedByFullRead(deep)).toBe(false);
  expect(sheetUse(deep)).toBe("ignore");
  expect(sheetUse({ ...programme, visible: false })).toBe("ignore");
});
