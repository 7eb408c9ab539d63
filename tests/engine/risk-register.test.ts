/**
 * The risk register (issue 12): recognised by its header words (never a programme sheet, and a programme sheet
 * never a register), each open risk rated by its residual score where given, else its inherent score, with the
 * risk rule; an item's risk rating is the worst of its own row's and its open linked risks'; programme-level
 * risks rated on their own; every problem an issue naming the sheet and cell.
 */
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { toJsonReport } from "../../src/engine/json";
import { findRegisterHeader, registerField } from "../../src/engine/read/risk-register";
import { grid, programmeSheet, run } from "./builders";

const REGISTER_HEADER = [
  "Risk ref", // A
  "Project ref", // B
  "Risk title", // C
  "Description", // D
  "Risk owner", // E
  "Inherent likelihood", // F
  "Inherent impact", // G
  "Inherent score", // H
  "Residual likelihood", // I
  "Residual impact", // J
  "Residual score", // K
  "Mitigation / actions", // L
  "Status", // M
  "Review date", // N
  "Date closed", // O
];

interface RiskRow {
  ref?: CellValue;
  link?: CellValue;
  title?: CellValue;
  description?: CellValue;
  owner?: CellValue;
  l?: CellValue;
  i?: CellValue;
  score?: CellValue;
  rl?: CellValue;
  ri?: CellValue;
  rscore?: CellValue;
  mitigation?: CellValue;
  status?: CellValue;
  review?: CellValue;
  closed?: CellValue;
}
const KEYS: (keyof RiskRow)[] = [
  "ref",
  "link",
  "title",
  "description",
  "owner",
  "l",
  "i",
  "score",
  "rl",
  "ri",
  "rscore",
  "mitigation",
  "status",
  "review",
  "closed",
];
const riskRow = (r: RiskRow): CellValue[] => KEYS.map((k) => (r[k] === undefined ? "" : r[k]));

/** A register: a title row, a blank row, the header on row 3, risks from row 4 (Excel rows). */
function register(rows: RiskRow[], header: CellValue[] = REGISTER_HEADER, name = "Risk Register"): SheetGrid {
  return grid([["ICT Strategy risk register"], [], header, ...rows.map(riskRow)], { name });
}

const ITEMS = programmeSheet([
  {
    ref: "FB01",
    name: "Network refresh",
    budget: 1000,
    forecast: 1000,
    end: "31/03/2021",
    likelihood: 1,
    impact: 2,
  },
  {
    ref: "FB02",
    name: "Laptop replacement",
    budget: 1000,
    forecast: 1000,
    end: "31/03/2021",
    likelihood: 3,
    impact: 3,
  },
  { ref: "CS01", name: "Online forms", budget: 1000, forecast: 1000, end: "31/03/2021" },
]);

const SERIAL_2021_01_31 = 44227;
const SERIAL_2020_11_30 = 44165;

function analysed(rows: RiskRow[], header?: CellValue[], name?: string): ProgrammeAnalysis {
  return run([ITEMS, register(rows, header, name)]);
}
const item = (a: ProgrammeAnalysis, ref: string) => a.items.find((i) => i.ref === ref)!;
const riskReason = (a: ProgrammeAnalysis, ref: string) =>
  item(a, ref).reasons.find((r) => r.dimension === "risk")?.text ?? null;

describe("recognising a register", () => {
  test("a register with title rows is read as a register, never as a programme sheet", () => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "Supplier insolvency", l: 2, i: 2 }]);
    expect(a.sheets.map((s) => s.name)).toEqual(["Programme of Works"]);
    expect(a.ignoredSheets).toEqual([
      { name: "Risk Register", reason: "a risk register: read for its risks, not as a programme" },
    ]);
    expect(a.riskRegister?.sheets).toEqual([
      expect.objectContaining({ name: "Risk Register", headerRow: 2, linkBy: "ref" }),
    ]);
    expect(a.riskRegister?.risks.map((r) => r.row)).toEqual([4]);
  });

  // Found by the quarters branch's bench: a register scored only by residual likelihood and impact (no score
  // column, no inherent columns) was not a register, and was then read as a programme sheet of risks.
  test("a register scored only by residual likelihood and impact is a register, rated by L × I", () => {
    const header = [
      "Risk ref",
      "Project ref",
      "Risk title",
      "Risk owner",
      "Residual likelihood",
      "Residual impact",
    ];
    const g = grid(
      [["ICT Strategy risk register"], [], header, ["R01", "CS01", "Supplier insolvency", "ICT", 4, 5]],
      {
        name: "Risk Register",
      },
    );
    const a = run([ITEMS, g]);
    expect(a.sheets.map((s) => s.name)).toEqual(["Programme of Works"]);
    expect(a.riskRegister?.risks.map((r) => r.row)).toEqual([4]);
    expect(item(a, "CS01").rag.risk).toBe("Red");
  });

  test("a programme sheet with a risk, likelihood, impact and mitigation is never a register", () => {
    expect(findRegisterHeader(ITEMS)).toBeNull();
    const a = run([ITEMS]);
    expect(a.riskRegister).toBeUndefined();
    expect(a.items).toHaveLength(3);
  });

  test("a sheet of risks with no word saying it is a register is not taken for one", () => {
    const g = grid(
      [
        ["Ref", "Project", "Description", "Likelihood", "Impact"],
        ["1", "X", "Y", 2, 2],
      ],
      {
        name: "Sheet2",
      },
    );
    expect(findRegisterHeader(g)).toBeNull();
    // Named a risk log, the same sheet is one.
    expect(findRegisterHeader({ ...g, name: "Risk log" })).not.toBeNull();
  });

  test("grid offsets: a register starting at C5 names its cells as the sheet does", () => {
    const g: SheetGrid = {
      ...register([{ ref: "R01", link: "FB01", title: "Supplier", l: 9, i: 2 }]),
      rowOffset: 4,
      colOffset: 2,
    };
    const a = run([ITEMS, g]);
    const r = a.riskRegister!.risks[0]!;
    expect(r.row).toBe(8);
    expect(r.cells.likelihood).toBe("H8");
    expect(a.issues).toContainEqual(
      expect.objectContaining({ sheet: "Risk Register", cell: "H8", severity: "error" }),
    );
  });

  test.each<[string, string | null]>([
    ["Risk ref", "riskRef"],
    ["Risk ID", "riskRef"],
    ["Linked project", "link"],
    ["Project name", "link"],
    ["Current likelihood", "residualLikelihood"],
    ["Residual Impact (1-5)", "residualImpact"],
    ["Residual risk score", "residualScore"],
    ["Gross score (L x I)", "score"],
    ["Target score", null],
    ["Next review date", "reviewDate"],
    ["Closure date", "closedDate"],
    ["Closed on", "closedDate"],
    ["Actions / mitigation", "mitigation"],
    ["Action owner", null],
    ["Open/Closed", "status"],
  ])("header %p → %p", (h, f) => {
    expect(registerField(h)).toBe(f);
  });
});

describe("rating each risk", () => {
  test("residual score where given; the reason names the risk and how it was scored", () => {
    const a = analysed([
      { ref: "R07", link: "FB01", title: "Supplier insolvency", l: 5, i: 5, rl: 4, ri: 5 },
    ]);
    const r = a.riskRegister!.risks[0]!;
    expect(r).toMatchObject({ basis: "residual", score: 20, rag: "Red", likelihood: 4, impact: 5 });
    expect(r.reason).toBe("Red: risk R07 'Supplier insolvency' residual score 20 (likelihood 4 × impact 5)");
  });

  test("residual missing: the inherent score is rated", () => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "Delay", l: 2, i: 3 }]);
    expect(a.riskRegister!.risks[0]).toMatchObject({ basis: "inherent", score: 6, rag: "Amber" });
  });

  test.each<[number, string]>([
    [4, "Green"],
    [5, "Amber"],
    [12, "Amber"],
    [14, "Amber"],
    [15, "Red"],
    [25, "Red"],
  ])("a score column of %p with no likelihood or impact → %s", (score, rag) => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "Delay", rscore: score }]);
    expect(a.riskRegister!.risks[0]).toMatchObject({ score, rag, likelihood: null });
  });

  test("a score that disagrees with likelihood × impact is an issue at the cell, and the higher is used", () => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "Delay", l: 3, i: 4, score: 9 }]);
    expect(a.riskRegister!.risks[0]!.score).toBe(12);
    expect(a.issues).toContainEqual(
      expect.objectContaining({
        sheet: "Risk Register",
        cell: "H4",
        message: expect.stringContaining("inherent score 9 is not likelihood 3 × impact 4 = 12"),
      }),
    );
  });

  test("a score outside 1-25 and a likelihood or impact outside 1-5 are errors at the cell", () => {
    const a = analysed([
      { ref: "R01", link: "FB01", title: "A", score: 30 },
      { ref: "R02", link: "FB01", title: "B", l: 6, i: 2 },
      { ref: "R03", link: "FB01", title: "C", rl: 2, ri: 0 },
    ]);
    const at = (cell: string) => a.issues.filter((i) => i.sheet === "Risk Register" && i.cell === cell);
    expect(at("H4")[0]).toMatchObject({
      severity: "error",
      message: expect.stringContaining("outside 1-25"),
    });
    expect(at("F5")[0]).toMatchObject({ severity: "error", message: expect.stringContaining("1 to 5") });
    expect(at("J6")[0]).toMatchObject({ severity: "error" });
    expect(a.riskRegister!.risks.map((r) => r.rag)).toEqual(["Not assessed", "Not assessed", "Not assessed"]);
  });
});

describe("an item's risk from its linked risks", () => {
  test("a linked risk worse than the row's own sets the rating; the reason names the risk", () => {
    const a = analysed([
      { ref: "R07", link: "FB01", title: "Supplier insolvency", l: 4, i: 5 },
      { ref: "R08", link: "FB01", title: "Staff turnover", l: 2, i: 3 },
    ]);
    expect(item(a, "FB01").rag.risk).toBe("Red");
    expect(item(a, "FB01").rag.overall).toBe("Red");
    expect(riskReason(a, "FB01")).toBe(
      "Red: risk R07 'Supplier insolvency' inherent score 20 (likelihood 4 × impact 5) (the worst of 2 open linked risks)",
    );
    expect(item(a, "FB01").linkedRisks?.map((r) => r.key)).toEqual(["R07", "R08"]);
  });

  test("a linked risk no worse than the row's own leaves its rating and reason", () => {
    const a = analysed([{ ref: "R01", link: "FB02", title: "Delay", l: 1, i: 5 }]);
    expect(item(a, "FB02").rag.risk).toBe("Amber");
    expect(riskReason(a, "FB02")).toMatch(/^Amber: risk score 9/);
  });

  test("an item with no risk of its own is rated by its linked risks", () => {
    const a = analysed([{ ref: "R01", link: "CS01", title: "Delay", l: 1, i: 2 }]);
    expect(item(a, "CS01").rag.risk).toBe("Green");
  });

  test("closed risks rate nothing", () => {
    const a = analysed([
      { ref: "R01", link: "FB01", title: "Delay", l: 5, i: 5, status: "Closed", closed: SERIAL_2020_11_30 },
    ]);
    expect(item(a, "FB01").rag.risk).toBe("Green");
    expect(item(a, "FB01").linkedRisks).toBeUndefined();
  });

  test("linked by the project's name (any case and spacing), and said so", () => {
    const header = [...REGISTER_HEADER];
    header[1] = "Project name";
    const a = analysed([{ ref: "R01", link: "  laptop   REPLACEMENT ", title: "Delay", l: 4, i: 4 }], header);
    expect(a.riskRegister!.sheets[0]!.linkBy).toBe("name");
    expect(a.riskRegister!.risks[0]).toMatchObject({ linkedBy: "name" });
    expect(item(a, "FB02").rag.risk).toBe("Red");
  });

  test("an ambiguous name links to every item of that name, with a warning at the cell", () => {
    const items = programmeSheet([
      { ref: "A1", name: "Website", budget: 1, forecast: 1, end: "31/03/2021" },
      { ref: "A2", name: "Website", budget: 1, forecast: 1, end: "31/03/2021" },
    ]);
    const a = run([items, register([{ ref: "R01", link: "Website", title: "Delay", l: 4, i: 4 }])]);
    expect(a.items.map((i) => i.rag.risk)).toEqual(["Red", "Red"]);
    expect(a.issues).toContainEqual(
      expect.objectContaining({ cell: "B4", message: expect.stringContaining("which 2 items share") }),
    );
  });

  test("an unknown project is an issue at the link cell; the risk is reported at programme level", () => {
    const a = analysed([{ ref: "R01", link: "ZZ99", title: "Delay", l: 4, i: 4 }]);
    expect(a.issues).toContainEqual(
      expect.objectContaining({
        sheet: "Risk Register",
        cell: "B4",
        message: expect.stringContaining('names the project "ZZ99"'),
      }),
    );
    expect(a.riskRegister!.programme).toMatchObject({ rag: "Red", open: 1 });
  });
});

describe("programme-level risks", () => {
  test("risks with no project, or 'Programme', are rated at programme level", () => {
    const a = analysed([
      { ref: "P1", link: "", title: "Funding cut", l: 3, i: 4 },
      { ref: "P2", link: "Programme-wide", title: "Skills", l: 2, i: 2 },
      { ref: "P3", link: "", title: "Old", l: 5, i: 5, status: "Closed", closed: SERIAL_2020_11_30 },
    ]);
    expect(a.riskRegister!.programme).toEqual({
      rag: "Amber",
      open: 2,
      reason:
        "Amber: risk P1 'Funding cut' inherent score 12 (likelihood 3 × impact 4) (the worst of 2 open programme-level risks)",
    });
    expect(a.items.every((i) => !i.linkedRisks)).toBe(true);
  });

  test("no programme-level risk: Not assessed", () => {
    const a = analysed([{ ref: "R1", link: "FB01", title: "X", l: 1, i: 1 }]);
    expect(a.riskRegister!.programme.rag).toBe("Not assessed");
  });
});

describe("issues", () => {
  test("a closed risk with no closure date", () => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "X", l: 1, i: 1, status: "Closed" }]);
    expect(a.issues).toContainEqual(
      expect.objectContaining({ cell: "O4", message: "risk R01 is closed but has no closure date" }),
    );
  });

  test("duplicate risk references, at the later row, naming the first", () => {
    const a = analysed([
      { ref: "R01", link: "FB01", title: "X", l: 1, i: 1 },
      { ref: "r01", link: "FB02", title: "Y", l: 1, i: 1 },
    ]);
    expect(a.issues).toContainEqual(
      expect.objectContaining({ cell: "A5", message: expect.stringContaining("(first at A4)") }),
    );
  });

  test("a review date passed is flagged on the risk and named at its cell; on the date it is not", () => {
    const a = analysed([
      { ref: "R01", link: "FB01", title: "X", l: 1, i: 1, review: SERIAL_2020_11_30 },
      { ref: "R02", link: "FB01", title: "Y", l: 1, i: 1, review: "31/12/2020" },
      { ref: "R03", link: "FB01", title: "Z", l: 1, i: 1, review: SERIAL_2021_01_31 },
    ]);
    expect(a.riskRegister!.risks.map((r) => r.reviewOverdue)).toEqual([true, false, false]);
    expect(a.issues).toContainEqual(
      expect.objectContaining({
        cell: "N4",
        message: expect.stringContaining("review date 30/11/2020 has passed"),
      }),
    );
  });

  test("a warning names the risk by its whole title; a reason, written to a cell, keeps the short name", () => {
    const title =
      "Legacy telephony contract ends before the replacement system is procured and installed at every site";
    const a = analysed([{ ref: "R01", link: "FB01", title, l: 4, i: 4, review: SERIAL_2020_11_30 }]);
    const warning = a.issues.find((i) => i.cell === "N4")!;
    expect(warning.message).toBe(
      `risk R01 '${title}': its review date 30/11/2020 has passed (reporting date 31/12/2020)`,
    );
    expect(a.riskRegister!.risks[0]!.reason).toContain(
      "'Legacy telephony contract ends before the replacement…'",
    );
  });

  test("a status neither open nor closed is taken as open, with a warning", () => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "X", l: 5, i: 5, status: "Parked?" }]);
    expect(a.riskRegister!.risks[0]!.closed).toBe(false);
    expect(a.issues).toContainEqual(expect.objectContaining({ cell: "M4" }));
  });
});

describe("--json", () => {
  test("riskRegister carries every risk with its rating, link and dates; null without a register", () => {
    const a = analysed([
      {
        ref: "R07",
        link: "FB01",
        title: "Supplier insolvency",
        owner: "Head of ICT",
        l: 5,
        i: 5,
        rl: 4,
        ri: 5,
      },
      { ref: "P1", title: "Funding", rscore: 10, review: SERIAL_2020_11_30, mitigation: "Bid" },
    ]);
    const j = toJsonReport(a).riskRegister!;
    expect(j.sheets).toEqual([
      expect.objectContaining({ name: "Risk Register", headerRow: 3, linkBy: "ref" }),
    ]);
    expect(j.sheets[0]!.columns[0]).toEqual({ field: "riskRef", column: "A", header: "Risk ref" });
    expect(j.programme).toMatchObject({ rag: "Amber", open: 1 });
    expect(j.risks[0]).toMatchObject({
      ref: "R07",
      linkedTo: [{ sheet: "Programme of Works", row: 4, ref: "FB01", name: "Network refresh" }],
      linkedBy: "ref",
      owner: "Head of ICT",
      inherent: { likelihood: 5, impact: 5, score: null, level: null },
      residual: { likelihood: 4, impact: 5, score: null, level: null },
      basis: "residual",
      score: 20,
      rag: "Red",
    });
    expect(j.risks[1]).toMatchObject({ reviewDate: "2020-11-30", reviewOverdue: true, linkedTo: [] });
    expect(toJsonReport(run([ITEMS])).riskRegister).toBeNull();
  });
});

describe("scores in words", () => {
  test("a level word in the score column rates the risk (High Red, Medium Amber, Low Green); the reason says so", () => {
    const a = analysed([
      { ref: "R01", link: "FB01", title: "A", rscore: "High" },
      { ref: "R02", link: "FB01", title: "B", score: "medium" },
      { ref: "R03", link: "FB01", title: "C", score: "Low" },
    ]);
    expect(a.riskRegister!.risks.map((r) => [r.rag, r.score, r.basis])).toEqual([
      ["Red", null, "residual"],
      ["Amber", null, "inherent"],
      ["Green", null, "inherent"],
    ]);
    expect(a.riskRegister!.risks[0]!.reason).toBe("Red: risk R01 'A' residual rating high");
    expect(item(a, "FB01").rag.risk).toBe("Red");
  });

  test("an open risk with nothing to score is Not assessed, with a warning; it never rates an item", () => {
    const a = analysed([{ ref: "R01", link: "FB01", title: "A" }]);
    expect(a.riskRegister!.risks[0]!.rag).toBe("Not assessed");
    expect(a.issues).toContainEqual(
      expect.objectContaining({ sheet: "Risk Register", message: expect.stringContaining("has no score") }),
    );
    expect(item(a, "FB01").rag.risk).toBe("Green");
  });
});
