/**
 * Reading single cells, in every form the issue lists ("Reading a programme-of-works sheet" → Cells).
 */
import type { CellValue } from "../../src/engine/grid";
import {
  readAmount,
  readDate,
  readFinancialYear,
  readFraction,
  readOverride,
  readRiskScore,
  readScale,
  readText,
  repairText,
} from "../../src/engine/read/cells";
import { day } from "./builders";

const FOI_EXEMPT =
  "Exempt under Section 43 of the Freedom of Information Act 2000 (commercial interests): figures withheld";

describe("readAmount: money as exact whole pence", () => {
  test.each<[CellValue, number]>([
    [1234.56, 123456],
    [1234, 123400],
    [0, 0],
    [-500, -50000],
    [0.1 + 0.2, 30], // float noise must not cost a penny
    [1_200_000, 120_000_000],
    [99_999.99, 9_999_999],
  ])("number %p → %p pence", (cell, expected) => {
    expect(readAmount(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<[string, number]>([
    ["£1,234.56", 123456],
    ["1,234", 123400],
    ["1234.5", 123450],
    ["(1,234)", -123400],
    ["(£1,234.56)", -123456],
    ["-£1,234", -123400],
    ["£-1,234", -123400],
    ["£150k", 15_000_000],
    ["£150K", 15_000_000],
    ["£1.2m", 120_000_000],
    ["£1.2M", 120_000_000],
    ["  £12,500.00 ", 1_250_000],
    ["£0.01", 1],
    ["£1,200,000", 120_000_000],
  ])("text %p → %p pence", (cell, expected) => {
    expect(readAmount(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<[string, number]>([
    ["Â£1,234.56", 123456], // UTF-8 £ read as Windows-1252
    ["Â£150k", 15_000_000],
    ["Ł1,234", 123400], // Windows-1252 £ read as Windows-1250
    ["-Ł2,500.50", -250050],
    ["(Â£1,000)", -100000],
  ])("damaged pound sign %p → %p pence", (cell, expected) => {
    expect(readAmount(cell)).toEqual({ kind: "value", value: expected });
  });

  describe("header units", () => {
    test.each<[CellValue, number, number]>([
      [1.2, 1_000_000, 120_000_000], // £m
      ["1.2", 1_000_000, 120_000_000],
      [0.35, 1_000_000, 35_000_000],
      [0.1, 1_000_000, 10_000_000],
      [150, 1_000, 15_000_000], // £k, £000, £'000
      ["1,234", 1_000, 123_400_000],
      ["(12.5)", 1_000, -1_250_000],
      [1234.56, 1, 123456],
    ])("%p in a ×%p column → %p pence", (cell, unit, expected) => {
      expect(readAmount(cell, unit)).toEqual({ kind: "value", value: expected });
    });
  });

  test.each<CellValue>(["#REF!", "#N/A", "#DIV/0!", "#VALUE!"])(
    "Excel error %p is an error, not an amount",
    (cell) => {
      const r = readAmount(cell);
      expect(r.kind).toBe("error");
      if (r.kind === "error") expect(r.message).toContain(String(cell));
    },
  );

  test.each<CellValue>([
    "TBC",
    "tbc",
    FOI_EXEMPT,
    "see note 4",
    "£",
    "1,23,4",
    "12/03/2021",
    "(1,234",
    "£1.2.3",
  ])("sentence or junk %p is an error, never a value", (cell) => {
    expect(() => readAmount(cell)).not.toThrow();
    expect(readAmount(cell).kind).toBe("error");
  });

  test('"TBC" is reported as "TBC" is not an amount', () => {
    const r = readAmount("TBC");
    expect(r).toEqual({ kind: "error", message: '"TBC" is not an amount' });
  });

  test("the FOI sentence is quoted in the message (so the user can find it)", () => {
    const r = readAmount(FOI_EXEMPT);
    expect(r.kind).toBe("error");
    if (r.kind === "error") expect(r.message).toContain("Exempt under Section 43");
  });

  test.each<CellValue>([true, false, new Date(Date.UTC(2021, 2, 31)), NaN, Infinity, -Infinity])(
    "non-amount %p is an error",
    (cell) => {
      expect(readAmount(cell).kind).toBe("error");
    },
  );

  test.each<CellValue>([null, undefined, "", "   "])("blank %p is blank", (cell) => {
    expect(readAmount(cell)).toEqual({ kind: "blank" });
  });

  // BUG: amounts beyond 2^53 pence (e.g. 1e20) come back as a "value" that is not exact whole pence, not an error.
  test.each<[CellValue, number]>([
    [1e20, 1],
    ["999999999999999999999999", 1],
    [1e300, 1_000_000],
  ])("%p (×%p) is never returned as pence that are not an exact safe integer", (cell, unit) => {
    const r = readAmount(cell, unit);
    if (r.kind === "value") expect(Number.isSafeInteger(r.value)).toBe(true);
    else expect(r.kind).toBe("error");
  });
});

describe("readFraction: % complete", () => {
  test.each<[CellValue, number]>([
    [0.45, 0.45],
    ["45%", 0.45],
    [45, 0.45],
    ["45", 0.45],
    [" 45 % ", 0.45],
    [0, 0],
    ["0%", 0],
    [1, 1],
    ["100%", 1],
    [100, 1],
    [0.1, 0.1],
    ["10%", 0.1],
  ])("%p → %p", (cell, expected) => {
    const r = readFraction(cell);
    expect(r.kind).toBe("value");
    if (r.kind === "value") expect(r.value).toBeCloseTo(expected, 12);
  });

  test.each<CellValue>(["TBC", "#N/A", "#DIV/0!", "#REF!", FOI_EXEMPT, true, -5, NaN])(
    "%p is an error",
    (cell) => {
      expect(readFraction(cell).kind).toBe("error");
    },
  );

  test.each<CellValue>([null, undefined, ""])("%p is blank", (cell) => {
    expect(readFraction(cell)).toEqual({ kind: "blank" });
  });
});

describe("readDate: dates as the calendar day they name", () => {
  const mar31 = day("2021-03-31");

  test.each<[string, CellValue, number]>([
    ["Excel serial", 44286, mar31],
    ["Excel serial with a time", 44286.75, mar31],
    ["Excel serial 1 April 2020", 43922, day("2020-04-01")],
    ["exceljs Date (UTC midnight)", new Date(Date.UTC(2021, 2, 31)), mar31],
    ["exceljs Date 1 April 2020", new Date(Date.UTC(2020, 3, 1)), day("2020-04-01")],
    ["UK dd/mm/yyyy", "31/03/2021", mar31],
    ["UK dd/mm/yy", "31/03/21", mar31],
    ["UK d/m/yyyy", "1/4/2020", day("2020-04-01")],
    ["UK order when both could be a month", "01/04/2020", day("2020-04-01")],
    ["UK order 04/05/2021 is 4 May", "04/05/2021", day("2021-05-04")],
    ["ISO", "2021-03-31", mar31],
    ["dotted dd.mm.yy", "30.06.08", day("2008-06-30")],
    ["dotted dd.mm.yyyy", "30.06.2021", day("2021-06-30")],
    ["with spaces around", "  31/03/2021 ", mar31],
    ["leap day", "29/02/2020", day("2020-02-29")],
  ])("%s: %p", (_label, cell, expected) => {
    expect(readDate(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<CellValue>(["03/31/2021", "12/25/2020", "02/29/2020"])(
    "US order %p is an error, never a US date",
    (cell) => {
      expect(readDate(cell).kind).toBe("error");
    },
  );

  test.each<CellValue>(["31/02/2021", "29/02/2021", "2021-13-01", "00/01/2021"])(
    "impossible date %p is an error",
    (cell) => {
      expect(readDate(cell).kind).toBe("error");
    },
  );

  test.each<CellValue>([
    "#REF!",
    "#N/A",
    "#DIV/0!",
    "TBC",
    FOI_EXEMPT,
    "soon",
    true,
    new Date(NaN),
    NaN,
    Infinity,
  ])("%p is an error", (cell) => {
    expect(() => readDate(cell)).not.toThrow();
    expect(readDate(cell).kind).toBe("error");
  });

  test.each<CellValue>([null, undefined, "", "  "])("%p is blank", (cell) => {
    expect(readDate(cell)).toEqual({ kind: "blank" });
  });
});

describe("readScale: likelihood and impact 1-5", () => {
  test.each<[CellValue, number]>([
    [1, 1],
    [3, 3],
    [5, 5],
    ["4", 4],
  ])("%p → %p", (cell, expected) => {
    expect(readScale(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<CellValue>([0, 6, -1, 25, "TBC", "#N/A", true, NaN])("%p is an error", (cell) => {
    expect(readScale(cell).kind).toBe("error");
  });

  test("blank is blank", () => {
    expect(readScale("")).toEqual({ kind: "blank" });
  });
});

describe("readRiskScore: a score or High/Medium/Low", () => {
  test.each<[CellValue, unknown]>([
    [12, { score: 12 }],
    [25, { score: 25 }],
    [4, { score: 4 }],
    ["15", { score: 15 }],
    ["High", { level: "Red" }],
    ["HIGH", { level: "Red" }],
    ["Medium", { level: "Amber" }],
    ["medium", { level: "Amber" }],
    ["Low", { level: "Green" }],
    [" low ", { level: "Green" }],
  ])("%p → %p", (cell, expected) => {
    expect(readRiskScore(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<CellValue>(["TBC", "#REF!", -3, 26, true])("%p is an error", (cell) => {
    expect(readRiskScore(cell).kind).toBe("error");
  });
});

describe("readOverride: three- and five-point ratings in any casing", () => {
  test.each<[string, string]>([
    ["Red", "Red"],
    ["RED", "Red"],
    ["amber", "Amber"],
    [" Green ", "Green"],
    ["Amber/Red", "Amber/Red"],
    ["Amber/red", "Amber/Red"],
    ["AMBER/RED", "Amber/Red"],
    ["Amber / Red", "Amber/Red"],
    ["Amber-Red", "Amber/Red"],
    ["Amber/Green", "Amber/Green"],
    ["amber/GREEN", "Amber/Green"],
    ["amber / green", "Amber/Green"],
  ])("%p → %p", (cell, expected) => {
    expect(readOverride(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<CellValue>(["Purple", "Good", "#N/A", 3, true])("%p is an error", (cell) => {
    expect(readOverride(cell).kind).toBe("error");
  });

  test("blank is blank", () => {
    expect(readOverride("")).toEqual({ kind: "blank" });
  });
});

describe("readFinancialYear", () => {
  test.each<[CellValue, number]>([
    ["2020/21", 2020],
    ["2021/22", 2021],
    ["2020-21", 2020],
    ["FY20/21", 2020],
    ["20/21", 2020],
    [2021, 2021],
  ])("%p → start year %p", (cell, expected) => {
    expect(readFinancialYear(cell)).toEqual({ kind: "value", value: expected });
  });

  test.each<CellValue>(["TBC", "2020/23", 3.5, true])("%p is an error", (cell) => {
    expect(readFinancialYear(cell).kind).toBe("error");
  });
});

describe("readText and repairText", () => {
  test.each<[CellValue, string | null]>([
    ["  Laptop refresh  ", "Laptop refresh"],
    ["", null],
    ["   ", null],
    [null, null],
    [undefined, null],
    [42, "42"],
    ["Budget Â£1,234", "Budget £1,234"],
    ["Cost Ł1,234", "Cost £1,234"],
    ["Fixing\u00a0the basics", "Fixing the basics"],
  ])("%p → %p", (cell, expected) => {
    expect(readText(cell)).toBe(expected);
  });

  test("plain text is left alone", () => {
    expect(repairText("Customer First / Digital by Default")).toBe("Customer First / Digital by Default");
  });

  test("a Date reads as its UK date", () => {
    expect(readText(new Date(Date.UTC(2021, 2, 31)))).toBe("31/03/2021");
  });

  // BUG: repairText turns every "Ł" into "£", so the owner "Łukasz Nowak" is read as "£ukasz Nowak".
  test.each<[string, string]>([
    ["Łukasz Nowak", "Łukasz Nowak"],
    ["Ł. Kowalski (Digital lead)", "Ł. Kowalski (Digital lead)"],
  ])("a name with a real Ł is kept: %p", (cell, expected) => {
    expect(readText(cell)).toBe(expected);
  });

  test.each<CellValue>([NaN, Infinity, new Date(NaN)])("%p is no text and does not throw", (cell) => {
    expect(readText(cell)).toBeNull();
  });
});
