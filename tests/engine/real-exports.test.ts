/**
 * Reading real-world exports as their publishers wrote them (issue 10): units in words and damaged pound signs,
 * every spelling of a rating, several rating columns, other currencies, money in parts, columns chosen by what
 * they hold, header forms, repeated headers, sentence rows, transposed sheets, number formats, out-of-range
 * figures, duplicate references and the sheet's own variance. Each from a small sheet built for the point.
 */
import { summaryLines } from "../../src/cli/summary";
import type { CellValue } from "../../src/engine/grid";
import { toJsonReport } from "../../src/engine/json";
import { buildWritePlan } from "../../src/engine/write-plan";
import { analyseHeader, bestField, findHeaderRow } from "../../src/engine/read/headers";
import { readRating } from "../../src/engine/read/cells";
import { grid, run } from "./builders";
import {
  dollarProjects,
  LONG_DCA_NOTE,
  revenueAndCapital,
  transposedMaster,
  twoRatingColumns,
  wholeLifeParts,
  wideMaster,
} from "./export-fixtures";

const fieldOf = (h: string) => {
  const info = analyseHeader(h);
  return info ? (bestField(info)?.field ?? null) : null;
};

describe("units written with words or a damaged pound sign", () => {
  test.each<[string, number]>([
    ["Budget (£million)", 1_000_000],
    ["Budget (Łmillion)", 1_000_000],
    ["Budget (Â£million)", 1_000_000],
    ["Budget £ millions", 1_000_000],
    ["Budget (£bn)", 1_000_000_000],
    ["Budget £'000s", 1_000],
    ["Budget £ thousands", 1_000],
    ["Budget (£000's)", 1_000],
    ["Budget (ŁM)", 1_000_000],
    ["Planned Cost ($ M)", 1_000_000],
    ["Budget (€m)", 1_000_000],
    ["Budget (USD millions)", 1_000_000],
    ["Budget (in millions)", 1_000_000],
    ["Budget (£)", 1],
  ])("%p is ×%p and still the budget", (header, unit) => {
    const info = analyseHeader(header)!;
    expect(info.unit).toBe(unit);
    expect(bestField(info)?.field).toBe("budget");
  });

  test("a £19bn portfolio in (Łmillion) totals £19bn, not £19,170", () => {
    const a = run([
      grid([
        ["Project name", "Whole life budget (Łmillion)", "Forecast (Łmillion)", "DCA"],
        ["A", "Ł19,000", "Ł19,000", "Green"],
        ["B", "Ł170", "Ł170", "Amber"],
      ]),
    ]);
    expect(a.totals.budget).toBe(19_170_000_000_00);
    expect(a.items.map((i) => i.rag.budget)).toEqual(["Green", "Green"]);
  });
});

describe("rating words in every spelling", () => {
  test.each<[string, string]>([
    ["Amber Green", "Amber/Green"],
    ["Amber-Green", "Amber/Green"],
    ["Amber / Red", "Amber/Red"],
    ["A/G", "Amber/Green"],
    ["AG", "Amber/Green"],
    ["G", "Green"],
    ["Green-Amber", "Amber/Green"],
    ["Red-Amber", "Amber/Red"],
    ["R/A", "Amber/Red"],
    ["amber (improving)", "Amber"],
    ["Green - on track", "Green"],
    ["Yellow", "Amber"],
    ["RED.", "Red"],
  ])("%p → %p", (word, rating) => {
    expect(readRating(word)).toEqual({ kind: "value", value: rating });
  });

  test.each(["NA", "N/A", "No DCA", "not rated", "-"])("%p is no rating, with nothing to report", (word) => {
    expect(readRating(word)).toEqual({ kind: "none", note: null });
  });

  test.each(["Reset", "Exempt", "TBC", "Exempt under Section 43 of the Freedom of Information Act 2000"])(
    "%p is no rating, with a note worth reporting",
    (word) => {
      const r = readRating(word);
      expect(r.kind).toBe("none");
      expect(r.kind === "none" && r.note).toMatch(/reset|exempt|confirmed/);
    },
  );

  test("an unknown word is a warning at its cell that lists the ratings, and the computed RAG is used", () => {
    const a = run([
      grid([
        ["Ref", "Project", "Budget", "Forecast", "DCA"],
        ["P1", "Alpha", 100, 100, "Purple"],
        ["P2", "Beta", 100, 100, "Reset"],
        ["P3", "Gamma", 100, 100, "n/a"],
      ]),
    ]);
    expect(a.items.map((i) => i.rag.override)).toEqual([null, null, null]);
    expect(a.items.map((i) => i.rag.overall)).toEqual(["Green", "Green", "Green"]);
    const byCell = new Map(a.issues.map((i) => [i.cell, i]));
    expect(byCell.get("E2")).toMatchObject({
      severity: "warning",
      message: '"Purple" is not a RAG rating (Red, Amber/Red, Amber, Amber/Green or Green); it is not used',
    });
    expect(byCell.get("E3")?.message).toMatch(/"Reset": the project is being reset/);
    expect(byCell.has("E4")).toBe(false);
  });
});

describe("a header that mentions a rating is a rating column", () => {
  test.each([
    `MPA RAG rating ${LONG_DCA_NOTE}`,
    "IPA RAG rating",
    "Delivery Confidence Assessment",
    `IPA Delivery Confidence Assessment\n${LONG_DCA_NOTE}`,
    "SRO DCA",
    "colour_rating",
    "Major Projects Authority RAG rating",
  ])("%p", (header) => {
    expect(fieldOf(header)).toBe("override");
  });

  test.each([
    "Previous DCA",
    "DCA (last quarter)",
    "DCA trend",
    "Finance RAG",
    "Schedule RAG",
    "Departmental commentary on actions planned or taken on the IPA RAG rating.",
  ])("%p is not the rating to use", (header) => {
    expect(fieldOf(header)).not.toBe("override");
  });
});

describe("several rating columns", () => {
  const a = run([twoRatingColumns()]);

  test("all are read; the first (leftmost) with a rating sets the override, and the item says which", () => {
    expect(a.items.map((i) => [i.name, i.rag.override, i.overrideFrom])).toEqual([
      ["Rail upgrade", "Amber/Red", "IPA DCA"],
      ["Road scheme", "Green", "SRO DCA"],
      ["Port works", "Amber/Green", "SRO DCA"],
      ["Bridge", null, null],
    ]);
    expect(a.items[0]!.ratings.map((r) => [r.header, r.value])).toEqual([
      ["IPA DCA", "Amber/Red"],
      ["SRO DCA", "Amber"],
    ]);
    expect(a.items[0]!.reasons.map((r) => r.text)).toContain(
      'Amber/Red: set by the rating column "IPA DCA" (computed: Red)',
    );
  });

  test("--json carries each rating column's value and which column set the override", () => {
    const j = toJsonReport(a);
    expect(j.items[1]).toMatchObject({
      overrideFrom: "SRO DCA",
      ratings: [
        { column: "C", header: "IPA DCA", value: null, text: null },
        { column: "D", header: "SRO DCA", value: "Green", text: "Green" },
      ],
    });
    expect(j.items[2]!.ratings[0]).toEqual({ column: "C", header: "IPA DCA", value: null, text: "Exempt" });
  });

  test("a rating column for a period comes after the current one, the latest period first", () => {
    const b = run([
      grid([
        ["Project", "Ref", "DCA Q1 2020/21", "DCA Q2 2020/21", "DCA", "Budget"],
        ["Alpha", "A", "Red", "Amber", "", 1],
        ["Beta", "B", "Red", "Amber", "Green", 1],
      ]),
    ]);
    expect(b.items.map((i) => [i.rag.override, i.overrideFrom])).toEqual([
      ["Amber", "DCA Q2 2020/21"],
      ["Green", "DCA"],
    ]);
  });
});

describe("amounts in another currency", () => {
  const a = run([dollarProjects()]);

  test("are read as amounts, and the sheet's currency is said once", () => {
    expect(a.items.map((i) => i.budget)).toEqual([6_279_429_00, 1_000_000_00, 500_000_00]);
    expect(a.issues.filter((i) => /not an amount/.test(i.message))).toEqual([]);
    const said = a.issues.filter((i) => /US dollars/.test(i.message));
    expect(said).toHaveLength(1);
    expect(said[0]!.cell).toBe("");
    expect(a.currency).toBe("USD");
    expect(a.sheets[0]!.currency).toBe("USD");
  });

  test("reasons, the programme RAG and the summary show the currency, not £", () => {
    expect(a.items[0]!.reasons[0]!.text).toBe(
      "Red: forecast $6,500,000 is $220,571 (3.5%) over budget; the limit is $100,000",
    );
    const text = summaryLines(a).join("\n");
    expect(text).toMatch(/allocated \$7,779,429/);
    expect(text).not.toMatch(/£/);
    expect(a.programmeRag.reason).toMatch(/\$/);
  });

  test("a variance column in the other sign convention (planned − projected) agrees and is not reported", () => {
    expect(a.items.map((i) => i.statedVariance)).toEqual([-220_571_00, 100_000_00, -20_000_00]);
    expect(a.issues.filter((i) => /variance/.test(i.message))).toEqual([]);
  });

  test("a cell in a different currency from the sheet's is an error at its cell, not added", () => {
    const b = run([
      grid(
        [
          ["Project ID", "Project Name", "Budget", "Forecast"],
          ["P-1", "A", "$100", "$100"],
          ["P-2", "B", "€200", "$200"],
        ],
        { name: "Mixed" },
      ),
    ]);
    expect(b.items[1]!.budget).toBeNull();
    expect(b.issues.find((i) => i.cell === "C3")?.message).toBe(
      '"€200" is in euros, but the sheet\'s amounts are in US dollars: it is not added',
    );
  });

  test("a currency named in the header sets the sheet's currency for plain numbers", () => {
    const b = run([
      grid([
        ["Project ID", "Project Name", "Planned Cost ($ M)", "Projected/Actual Cost ($ M)"],
        ["P-1", "A", 1.5, 1.6],
      ]),
    ]);
    expect(b.currency).toBe("USD");
    expect(b.items[0]!.budget).toBe(1_500_000_00);
  });
});

describe("money in parts", () => {
  test("revenue and capital with no column for the whole are added together and kept by part", () => {
    const a = run([revenueAndCapital()]);
    expect(a.items.map((i) => [i.budget, i.forecast])).toEqual([
      [100_000_00, 107_000_00],
      [5_000_00, 5_000_00],
    ]);
    expect(a.items[0]!.parts.map((p) => [p.field, p.part, p.amount])).toEqual([
      ["budget", "revenue", 10_000_00],
      ["budget", "capital", 90_000_00],
      ["forecast", "revenue", 12_000_00],
      ["forecast", "capital", 95_000_00],
    ]);
    expect(a.sheets[0]!.columns.filter((c) => c.field === "budget").map((c) => c.part)).toEqual([
      "revenue",
      "capital",
    ]);
  });

  test("a whole-life total beside its parts: an issue where they disagree, none where they agree", () => {
    const a = run([
      wholeLifeParts([
        ["Agrees", 10, 10, 100, 50, 25, 175],
        ["Disagrees", 10, 10, 100, 50, 25, 180],
      ]),
    ]);
    const parts = a.issues.filter((i) => /parts add up/.test(i.message));
    expect(parts.map((i) => i.cell)).toEqual(["G3"]);
    expect(parts[0]!.message).toBe(
      '"WLC total (£m)" is £180,000,000, but its parts add up to £175,000,000 (rdel £100,000,000 + cdel £50,000,000 + non government £25,000,000)',
    );
    // The financial-year figures stay the budget and forecast.
    expect(a.sheets[0]!.columns.find((c) => c.field === "budget")?.header).toBe(
      "Financial year baseline (£m)",
    );
  });

  test("a total beside its parts under the same words: the total is read", () => {
    const a = run([
      grid([
        ["Project name", "Baseline RDEL", "Baseline CDEL", "Baseline total", "Forecast"],
        ["A", 10, 20, 30, 30],
      ]),
    ]);
    expect(a.items[0]!.budget).toBe(30_00);
    expect(a.sheets[0]!.columns.find((c) => c.field === "budget")?.header).toBe("Baseline total");
  });
});

describe("out-of-range figures are issues naming the cell", () => {
  const a = run([
    grid([
      ["Ref", "Project", "Target date", "% complete", "Likelihood (1-5)", "Impact (1-5)"],
      ["P1", "Over", "31/03/2021", 1.2, 3, 3],
      ["P2", "Under", "31/03/2021", -0.1, 3, 3],
      ["P3", "Words", "31/03/2021", 0.5, "High", 7],
      ["P4", "Fine", "31/03/2021", 0.5, 2, 2],
    ]),
  ]);
  const at = (cell: string) => a.issues.find((i) => i.cell === cell);

  test("% complete above 100% or below 0%", () => {
    expect(at("D2")).toMatchObject({
      severity: "error",
      message: '"1.2" is 120%: a percentage complete cannot be more than 100%',
    });
    expect(at("D3")?.message).toMatch(/cannot be below 0%/);
    expect(a.items[0]!.progress).toBeNull();
    expect(a.items[0]!.rag.schedule).not.toBe("Complete");
  });

  test("a likelihood given as a word in a 1-5 column, and an impact outside 1-5", () => {
    expect(at("E4")?.message).toBe('"High" is a word in a column of scores from 1 to 5 (it would be 4)');
    expect(at("F4")?.message).toBe('"7" is outside the scale of 1 to 5');
    expect(a.items[2]!.likelihood).toBeNull();
    expect(a.items[3]!.assessedRiskScore).toBe(4);
  });

  test("a word in a likelihood column that promises no numbers is read as before", () => {
    const b = run([
      grid([
        ["Ref", "Project", "Likelihood", "Impact"],
        ["P1", "A", "High", "Low"],
      ]),
    ]);
    expect(b.items[0]!.likelihood).toBe(4);
    expect(b.issues.filter((i) => i.cell === "C2")).toEqual([]);
  });
});

test("duplicate references on one sheet are reported at the second", () => {
  const a = run([
    grid([
      ["Ref", "Project", "Budget"],
      ["ICT-01", "Laptops", 1],
      ["ICT-02", "Wi-Fi", 1],
      ["ict-01 ", "Laptops again", 1],
    ]),
  ]);
  expect(a.items).toHaveLength(3);
  expect(a.issues.filter((i) => /used again/.test(i.message))).toEqual([
    {
      sheet: "Programme of Works",
      cell: "A4",
      severity: "warning",
      message: 'reference "ict-01" is used again: row 2 has the same reference',
    },
  ]);
});

describe("the sheet's own variance is checked against forecast − budget", () => {
  test("a stale or typed variance beyond a pound is reported; within a pound it is not", () => {
    const a = run([
      grid([
        ["Ref", "Project", "Budget", "Forecast", "Variance"],
        ["P1", "Right", 1000, 1100, 100],
        ["P2", "Pennies", 1000, 1100, 100.5],
        ["P3", "Stale", 1000, 1300, 100],
      ]),
    ]);
    const v = a.issues.filter((i) => /variance/.test(i.message));
    expect(v.map((i) => i.cell)).toEqual(["E4"]);
    expect(v[0]!.message).toBe(
      "the sheet's variance £100 does not match forecast − budget (£300): a stale formula or a typed figure?",
    );
  });

  test("a variance % that disagrees by more than a point is reported", () => {
    const a = run([
      grid([
        ["Ref", "Project", "Budget", "Forecast", "Variance (%)"],
        ["P1", "Right", 100, 107, "7%"],
        ["P2", "Wrong", 100, 117.5, "12%"],
      ]),
    ]);
    expect(a.issues.filter((i) => /variance/.test(i.message)).map((i) => i.cell)).toEqual(["E3"]);
  });
});

describe("choosing columns by what they hold, not only by their header", () => {
  const a = run([wideMaster()]);
  const s = a.sheets[0]!;
  const header = (field: string) => s.columns.find((c) => c.field === field)?.header;

  test("a column of dates is never money, and a column of money is never an owner", () => {
    expect(header("budget")).toBe("Baseline cost (£m)");
    expect(header("forecast")).toBe("Forecast outturn (£m)");
    expect(header("owner")).toBe("Project manager");
    expect(a.items[0]).toMatchObject({ budget: 12_500_000_00, forecast: 14_000_000_00, owner: "A. Patel" });
  });

  test("the mapping says why each column was passed over", () => {
    const why = new Map(s.passedOver.map((p) => [p.header, p.reason]));
    expect(why.get("Baseline")).toBe("looks like the budget by its header, but holds dates, not amounts");
    expect(why.get("Forecast")).toBe("looks like the forecast by its header, but holds dates, not amounts");
    expect(why.get("Responsible")).toBe("looks like the owner by its header, but holds numbers, not words");
    expect(why.get("SRO sign-off")).toMatch(/holds figures or dates, not words/);
  });

  test("the CLI prints the mapping for each sheet, with the columns passed over", () => {
    const text = summaryLines(a).join("\n");
    expect(text).toMatch(/"Master" reads: name A "Project name"; owner E "Project manager";/);
    expect(text).toMatch(/budget F "Baseline cost \(£m\)" ×1,000,000/);
    expect(text).toMatch(/passed over C "Baseline": looks like the budget by its header, but holds dates/);
  });

  test("--json carries the mapping", () => {
    const j = toJsonReport(a);
    expect(j.sheets[0]!.columns.find((c) => c.field === "budget")).toMatchObject({
      column: "F",
      header: "Baseline cost (£m)",
      unit: 1_000_000,
    });
    expect(j.sheets[0]!.passedOver.map((p) => p.column)).toEqual(
      expect.arrayContaining(["B", "C", "D", "H"]),
    );
  });
});

describe("header words in every common form", () => {
  test.each<[string, string]>([
    ["Project/Programme Name", "name"],
    ["Project name", "name"],
    ["projectName", "name"],
    ["totalBudget", "budget"],
    ["forecastOutturn", "forecast"],
    ["SROName", "owner"],
    ["project_name", "name"],
    ["spend_to_date", "spent"],
    ["TARGET COMPLETION DATE", "end"],
    ["Forecast\nOutturn\n(£k)", "forecast"],
    ["Schedule Variance (in days)", "none"],
  ])("%p → %p", (header, field) => {
    expect(fieldOf(header) ?? "none").toBe(field);
  });
});

test("a header row repeated mid-sheet (page by page) is skipped as a repeated header, not read as an item", () => {
  const h = ["Ref", "Project", "Owner", "Budget"];
  const a = run([
    grid([h, ["P1", "A", "X", 1], [...h], ["P2", "B", "Y", 2], ["REF", "PROJECT", "Owner", "Budget"]]),
  ]);
  expect(a.items.map((i) => i.ref)).toEqual(["P1", "P2"]);
  expect(a.skipped.filter((s) => s.reason === "repeated header row").map((s) => s.row)).toEqual([3, 5]);
});

test("a row of sentences never wins the header search over a row of short labels", () => {
  const notes: CellValue[] = [
    "This sheet lists each project name with its owner and the budget agreed at Cabinet in June.",
    "The forecast outturn is the projected spend at the end of the year, including commitments made.",
    "Status and target date are as reported by the project manager at the last board meeting held.",
    "Reference numbers follow the scheme used in the capital programme and the risk register too.",
  ];
  const values: CellValue[][] = [notes, ["Ref", "Project", "Owner", "Budget"], ["P1", "A", "X", 1]];
  expect(findHeaderRow(values, 0)?.rowIndex).toBe(1);
});

describe("a transposed sheet (fields down column A, one project per column)", () => {
  const a = run([transposedMaster()]);

  test("is read turned: one item per column, with its figures and rating", () => {
    expect(a.sheets).toHaveLength(1);
    expect(a.sheets[0]!.transposed).toBe(true);
    expect(a.items.map((i) => [i.row, i.ref, i.name, i.owner, i.budget, i.forecast, i.rag.override])).toEqual(
      [
        [2, "P1", "Signalling", "A. Patel", 12_000_000_00, 14_000_000_00, "Amber"],
        [3, "P2", "Depot", "B. Jones", 3_000_000_00, 3_000_000_00, "Green"],
      ],
    );
  });

  test("says so, names cells as they are on the sheet, and writes no RAG column into it", () => {
    expect(a.issues.find((i) => /transposed/.test(i.message))?.cell).toBe("");
    const b = run([
      grid(
        [
          ["Project name", "Signalling", "Depot"],
          ["Project ID", "P1", "P2"],
          ["SRO", "A. Patel", "B. Jones"],
          ["Budget (£m)", 12, "TBC"],
        ],
        { name: "Turned" },
      ),
    ]);
    expect(b.issues.find((i) => /not an amount/.test(i.message))?.cell).toBe("C4");
    const plan = buildWritePlan(a, { mode: "refresh", generatedAt: 44200 });
    expect(plan.ragColumns).toEqual([]);
    expect(toJsonReport(a).sheets[0]!.columns.find((c) => c.field === "budget")?.column).toBe("row 5");
  });

  test("a sheet that is neither is refused with the usual reason", () => {
    const c = run([grid([["Notes"], ["Some text", "more"]], { name: "Notes" })]);
    expect(c.ignoredSheets[0]!.reason).toBe("no programme-of-works header row in the first 30 rows");
  });
});

describe("the cell's number format, where the host gives it", () => {
  const withFormats = (values: CellValue[][], formats: (string | null)[][]) => ({
    ...grid(values),
    numberFormats: formats,
  });

  test("a 0% cell holding 1 is 100%; in a column of whole points, an unformatted 1 is 1%", () => {
    const a = run([
      withFormats(
        [
          ["Ref", "Project", "Target date", "% complete"],
          ["P1", "A", "31/03/2021", 1],
          ["P2", "B", "31/03/2021", 45],
          ["P3", "C", "31/03/2021", 1],
        ],
        [[], [null, null, null, "0%"], [], []],
      ),
    ]);
    expect(a.items.map((i) => i.progress)).toEqual([1, 0.45, 0.01]);
    expect(a.items[0]!.rag.schedule).toBe("Complete");
  });

  test("a date-formatted number in an amount column is a date, reported at its cell", () => {
    const a = run([
      withFormats(
        [
          ["Ref", "Project", "Budget"],
          ["P1", "A", 44286],
          ["P2", "B", 1000],
        ],
        [[], [null, null, "dd/mm/yyyy"], []],
      ),
    ]);
    expect(a.items.map((i) => i.budget)).toEqual([null, 1000_00]);
    expect(a.issues.find((i) => i.cell === "C2")?.message).toBe(
      '"44286" is formatted as a date, not an amount',
    );
  });

  test("a currency format confirms money, and names the sheet's currency", () => {
    const a = run([
      withFormats(
        [
          ["Ref", "Project", "Budget", "Forecast"],
          ["P1", "A", 1000, 1200],
          ["P2", "B", 500, 500],
        ],
        [[], [null, null, "[$$-409]#,##0", "[$$-409]#,##0"], [null, null, "[$$-409]#,##0", "[$$-409]#,##0"]],
      ),
    ]);
    expect(a.currency).toBe("USD");
    expect(a.items[0]!.reasons[0]!.text).toMatch(/^Red: forecast \$1,200 is \$200/);
  });
});

describe("--json says what was read", () => {
  const a = run(
    [
      grid([
        [
          "Ref",
          "Project",
          "Budget",
          "Forecast",
          "Start date",
          "Target date",
          "% complete",
          "Likelihood",
          "Impact",
        ],
        ["P1", "A", 100, 120, "01/04/2020", "31/03/2021", 0.2, 3, 5],
        ["P2", "B", 100, 100, "01/04/2020", "31/03/2022", 0.5, 1, 1],
      ]),
    ],
    "2020-12-31",
  );
  const j = toJsonReport(a);

  test("every figure the rules used", () => {
    expect(j.items[0]).toMatchObject({
      start: "2020-04-01",
      end: "2021-03-31",
      progress: 20,
      likelihood: 3,
      impact: 5,
      riskScore: 15,
      statedForecast: 120,
      forecast: 120,
    });
    // 274 of the 364 days from 1 April 2020 to 31 March 2021 had passed by 31 December 2020.
    expect(j.items[0]!.plannedProgress).toBeCloseTo((274 / 364) * 100, 1);
  });

  test("the programme's overall, delivery and budget RAG with their reasons", () => {
    expect(j.programme.rag).toBe("Red");
    expect(j.programme.delivery).toEqual({
      rag: "Red",
      reason: "Red: 1 of 2 assessed items Red and 0 Amber (at least 20% Red)",
    });
    expect(j.programme.budget.rag).toBe(j.totals.rag);
    expect(j.programme.budget.reason).toBe("Green: forecast £220 is within the £1,200,000 allocation");
    expect(j.programme.reason).toBe(a.programmeRag.reason);
  });
});
