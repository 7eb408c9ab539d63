/**
 * Property tests (fast-check):
 * (a) totals equal the sum of the items to the penny, checked against an independent BigInt sum and the
 *     issue's forecast rule, for any amounts (negatives, up to £10bn) written as numbers or "£1,234.56" text;
 * (b) the engine never throws on arbitrary grids, and every issue names an existing sheet and a well-formed cell;
 * (c) formatPounds then readAmount gives back the same pence.
 */
import fc from "fast-check";
import { analyse } from "../../src/engine/analyse";
import type { DayNumber } from "../../src/engine/dates";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import { toJsonReport } from "../../src/engine/json";
import type { Pence } from "../../src/engine/money";
import { formatPounds } from "../../src/engine/money";
import {
  readAmount,
  readDate,
  readFinancialYear,
  readFraction,
  readOverride,
  readRiskScore,
  readScale,
  readText,
} from "../../src/engine/read/cells";
import { day, grid, STANDARD_HEADER } from "./builders";

const TEN_BILLION_POUNDS_IN_PENCE = 1_000_000_000_000; // £10bn

/** "1,234.56" from whole pence, by BigInt string arithmetic (independent of the engine's formatting). */
function groupedPounds(absPence: bigint): string {
  const pounds = (absPence / 100n).toString();
  const pennies = (absPence % 100n).toString().padStart(2, "0");
  return `${pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${pennies}`;
}

type Style = "number" | "pound" | "plain" | "brackets" | "minus-pound";

/** An amount of pence as a cell, in one of the forms council sheets use. */
function amountCell(pence: number, style: Style): CellValue {
  const big = BigInt(pence);
  const neg = big < 0n;
  const abs = neg ? -big : big;
  switch (style) {
    case "number":
      return pence / 100; // a number with (at most) 2 decimals, as a cell holds it
    case "pound":
      return `${neg ? "-" : ""}£${groupedPounds(abs)}`;
    case "plain":
      return `${neg ? "-" : ""}${groupedPounds(abs)}`;
    case "brackets":
      return neg ? `(£${groupedPounds(abs)})` : `£${groupedPounds(abs)}`;
    case "minus-pound":
      return neg ? `-£${groupedPounds(abs)}` : groupedPounds(abs);
  }
}

const penceArb = fc.integer({ min: -TEN_BILLION_POUNDS_IN_PENCE, max: TEN_BILLION_POUNDS_IN_PENCE });
const styleArb = fc.constantFrom<Style>("number", "pound", "plain", "brackets", "minus-pound");
const amountArb = fc.record({ pence: penceArb, style: styleArb });
const maybeAmountArb = fc.option(amountArb, { freq: 4, nil: null });

interface GenItem {
  budget: { pence: number; style: Style };
  spent: { pence: number; style: Style } | null;
  committed: { pence: number; style: Style } | null;
  forecast: { pence: number; style: Style } | null;
}

/** The forecast an item adds to the programme, per the issue's rules, in BigInt. */
function expectedForecast(i: GenItem): bigint {
  const b = BigInt(i.budget.pence);
  const hasActuals = i.spent !== null || i.committed !== null;
  const actuals = BigInt(i.spent?.pence ?? 0) + BigInt(i.committed?.pence ?? 0);
  if (i.forecast === null) return hasActuals && actuals > b ? actuals : b; // no assessable forecast: at budget
  const f = BigInt(i.forecast.pence);
  return hasActuals && f < actuals ? actuals : f;
}

const sumBig = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);

describe("(a) totals equal the sum of the items to the penny", () => {
  test("for any amounts, as numbers or text", () => {
    const itemArb: fc.Arbitrary<GenItem> = fc.record({
      budget: amountArb,
      spent: maybeAmountArb,
      committed: maybeAmountArb,
      forecast: maybeAmountArb,
    });
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 0, maxLength: 40 }), penceArb, (items, allocationPence) => {
        const header: CellValue[] = [
          "Ref",
          "Project",
          "Budget",
          "Spent to date",
          "Committed",
          "Forecast outturn",
        ];
        const rows: CellValue[][] = items.map((it, n) => [
          `P-${n + 1}`,
          `Project ${n + 1}`,
          amountCell(it.budget.pence, it.budget.style),
          it.spent ? amountCell(it.spent.pence, it.spent.style) : "",
          it.committed ? amountCell(it.committed.pence, it.committed.style) : "",
          it.forecast ? amountCell(it.forecast.pence, it.forecast.style) : "",
        ]);
        const a = analyse([grid([header, ...rows])], {
          reportingDate: day("2020-12-31"),
          allocation: allocationPence as Pence,
        });

        expect(a.items).toHaveLength(items.length);
        expect(a.issues.filter((i) => i.severity === "error")).toEqual([]);
        // Every item read exactly.
        a.items.forEach((item, n) => {
          expect(item.budget).toBe(items[n]!.budget.pence);
          expect(item.spent).toBe(items[n]!.spent?.pence ?? null);
          expect(item.committed).toBe(items[n]!.committed?.pence ?? null);
          expect(item.forecast).toBe(items[n]!.forecast?.pence ?? null);
        });

        const budget = sumBig(items.map((i) => BigInt(i.budget.pence)));
        const spent = sumBig(items.map((i) => BigInt(i.spent?.pence ?? 0)));
        const committed = sumBig(items.map((i) => BigInt(i.committed?.pence ?? 0)));
        const forecast = sumBig(items.map(expectedForecast));
        const t = a.totals;
        for (const v of [t.budget, t.spent, t.committed, t.forecast, t.unallocated, t.varianceToAllocation]) {
          expect(Number.isSafeInteger(v)).toBe(true);
        }
        expect(BigInt(t.budget)).toBe(budget);
        expect(BigInt(t.spent)).toBe(spent);
        expect(BigInt(t.committed)).toBe(committed);
        expect(BigInt(t.forecast)).toBe(forecast);
        expect(BigInt(t.unallocated)).toBe(BigInt(allocationPence) - budget);
        expect(BigInt(t.varianceToAllocation)).toBe(forecast - BigInt(allocationPence));
        expect(BigInt(t.variance)).toBe(forecast - budget);

        // And the same totals as the engine's own items, summed in BigInt.
        expect(BigInt(t.budget)).toBe(sumBig(a.items.map((i) => BigInt(i.budget ?? 0))));
        // The JSON report carries them in pounds, exactly.
        const json = toJsonReport(a);
        expect(Math.round(json.totals.budget * 100)).toBe(t.budget);
        expect(Math.round(json.totals.forecast * 100)).toBe(t.forecast);
      }),
      { numRuns: 200 },
    );
  });

  test("subtotal rows interleaved are never summed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pence: penceArb, subtotalAfter: fc.boolean() }), { maxLength: 20 }),
        fc.constantFrom("Total", "Sub-total", "Subtotal", "Grand total", "TOTAL"),
        (items, word) => {
          const rows: CellValue[][] = [];
          let running = 0n;
          items.forEach((it, n) => {
            rows.push([
              `P-${n + 1}`,
              `Project ${n + 1}`,
              amountCell(it.pence, "pound"),
              amountCell(it.pence, "number"),
            ]);
            running += BigInt(it.pence);
            if (it.subtotalAfter)
              rows.push(["", `${word} so far`, Number(running) / 100, Number(running) / 100]);
          });
          const a = analyse([grid([["Ref", "Project", "Budget", "Forecast"], ...rows])], {
            reportingDate: day("2020-12-31"),
          });
          expect(BigInt(a.totals.budget)).toBe(sumBig(items.map((i) => BigInt(i.pence))));
          expect(a.items).toHaveLength(items.length);
          expect(a.skipped.filter((s) => /total/i.test(s.reason))).toHaveLength(
            items.filter((i) => i.subtotalAfter).length,
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("(b) the engine never throws on arbitrary grids", () => {
  const headerWords = [
    ...STANDARD_HEADER,
    "Budget £'000",
    "Forecast Outturn (£m)",
    "Forecast Variance",
    "Risk score",
    "DCA",
    "RAG status",
    "Overall RAG",
    "Financial year",
    "Budget 2020/21",
    "Budget 2021/22",
    "Departmental commentary on the IPA RAG rating",
    "Computed RAG",
    "Variance %",
  ];
  const junk = [
    "TBC",
    "#REF!",
    "#N/A",
    "#DIV/0!",
    "Exempt under Section 43 of the Freedom of Information Act 2000",
    "Total",
    "Sub-total",
    "Grand total",
    "£1,234.56",
    "(1,234)",
    "-£1,234",
    "£150k",
    "£1.2m",
    "Â£1,000",
    "Ł500",
    "45%",
    "31/03/2021",
    "03/31/2021",
    "2021-03-31",
    "30.06.08",
    "Q4 2021/22",
    "Amber/red",
    "amber/GREEN",
    "High",
    "Complete",
    "n/a",
    "-",
    "2020/21",
    "",
    "   ",
  ];
  const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<CellValue>(...headerWords) },
    { weight: 3, arbitrary: fc.constantFrom<CellValue>(...junk) },
    { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 10 }) },
    { weight: 2, arbitrary: fc.double() }, // includes NaN, ±Infinity, -0
    { weight: 2, arbitrary: fc.integer({ min: -1e6, max: 3e6 }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.date() }, // includes invalid dates
    { weight: 1, arbitrary: fc.constant(new Date(NaN)) },
    { weight: 2, arbitrary: fc.constantFrom<CellValue>(null, undefined) },
  );
  const rowArb = fc.array(cellArb, { maxLength: 14 });
  const valuesArb = fc.oneof(
    fc.array(rowArb, { maxLength: 25 }),
    // Often with a real header somewhere, so the row reader and the rules run on the junk.
    fc
      .tuple(fc.array(rowArb, { maxLength: 4 }), fc.array(rowArb, { maxLength: 20 }))
      .map(([above, below]) => [
        ...above,
        [...STANDARD_HEADER, "DCA", "Risk score", "Financial year"],
        ...below,
      ]),
  );
  const sheetArb = fc.record({
    name: fc.string({ minLength: 1, maxLength: 31 }),
    visible: fc.boolean(),
    rowOffset: fc.nat({ max: 1_048_000 }),
    colOffset: fc.nat({ max: 16_000 }),
    values: valuesArb,
  });
  const sheetsArb = fc.uniqueArray(sheetArb, {
    maxLength: 4,
    selector: (s) => s.name.toLowerCase(),
  });

  const CELL = /^[A-Z]{1,3}[1-9]\d*$/;

  test("analyse returns; every issue and skipped row names an existing sheet; cells are A1 addresses", () => {
    fc.assert(
      fc.property(sheetsArb, fc.integer({ min: -30000, max: 80000 }), (sheets: SheetGrid[], reporting) => {
        let a: ReturnType<typeof analyse> | undefined;
        expect(() => {
          a = analyse(sheets, { reportingDate: reporting as DayNumber });
        }).not.toThrow();
        const names = new Set(sheets.map((s) => s.name));
        for (const issue of a!.issues) {
          expect(names.has(issue.sheet)).toBe(true);
          expect(issue.cell === "" || CELL.test(issue.cell)).toBe(true);
          expect(["error", "warning"]).toContain(issue.severity);
          expect(issue.message.length).toBeGreaterThan(0);
        }
        for (const s of a!.skipped) {
          expect(names.has(s.sheet)).toBe(true);
          expect(Number.isInteger(s.row) && s.row >= 1).toBe(true);
        }
        for (const item of a!.items) {
          expect(names.has(item.sheet)).toBe(true);
          expect(Number.isInteger(item.row) && item.row >= 1).toBe(true);
        }
        expect(a!.sheets.length + a!.ignoredSheets.length).toBe(sheets.length);
        expect(() => JSON.stringify(toJsonReport(a!))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  test("issue cells point inside the sheet's grid", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 500 }),
        fc.nat({ max: 30 }),
        fc.array(rowArb, { maxLength: 15 }),
        (rowOffset, colOffset, below) => {
          const values = [[...STANDARD_HEADER], ...below];
          const a = analyse([grid(values, { rowOffset, colOffset })], { reportingDate: day("2020-12-31") });
          for (const issue of a.issues) {
            const m = /^([A-Z]+)(\d+)$/.exec(issue.cell)!;
            const row = Number(m[2]) - 1;
            const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
            expect(row).toBeGreaterThan(rowOffset); // below the header
            expect(row).toBeLessThan(rowOffset + values.length);
            expect(col).toBeGreaterThanOrEqual(colOffset);
            expect(col).toBeLessThan(colOffset + STANDARD_HEADER.length);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test("the cell readers return value, blank or error for any cell", () => {
    fc.assert(
      fc.property(cellArb, fc.constantFrom(1, 1000, 1_000_000), (cell, unit) => {
        const kinds = [
          readAmount(cell, unit),
          readFraction(cell),
          readDate(cell),
          readDate(cell, "start"),
          readScale(cell),
          readRiskScore(cell),
          readOverride(cell),
          readFinancialYear(cell),
        ].map((r) => r.kind);
        for (const k of kinds) expect(["value", "blank", "error"]).toContain(k);
        const t = readText(cell);
        expect(t === null || typeof t === "string").toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("(c) formatPounds then readAmount round trip", () => {
  test.each([false, true])("to the penny, up to ±£10bn (alwaysPence %p)", (alwaysPence) => {
    fc.assert(
      fc.property(penceArb, (p) => {
        const text = formatPounds(p as Pence, { alwaysPence });
        expect(readAmount(text)).toEqual({ kind: "value", value: p });
      }),
      { numRuns: 1000 },
    );
  });

  test("edge values", () => {
    for (const p of [
      0,
      1,
      -1,
      99,
      100,
      101,
      -100,
      123456,
      -123456,
      TEN_BILLION_POUNDS_IN_PENCE,
      -TEN_BILLION_POUNDS_IN_PENCE,
    ]) {
      expect(readAmount(formatPounds(p as Pence))).toEqual({ kind: "value", value: p });
    }
  });
});
