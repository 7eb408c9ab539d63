/**
 * Risk registers through the command line (issue 12): the council-style fixtures (a register linked by project
 * name; a register under title rows from column B) and the sample's Risk Register, in --json and in the --out
 * workbook's Highlight Report and Risk History.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

const root = join(__dirname, "..", "..");
const council = (f: string) => join(root, "tests", "fixtures", "council", f);
const sample = join(root, "samples", "ict-strategy-programme.xlsx");

async function json(file: string): Promise<JsonReport> {
  const r = await runCli([file, "--json", "--date", "2020-12-31"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonReport;
}

describe("risk-register-by-name.xlsx", () => {
  test("links by the project's name (any case and spacing), rates the items with their risks, names the unknown one", async () => {
    const j = await json(council("risk-register-by-name.xlsx"));
    expect(j.sheets.map((s) => s.name)).toEqual(["Projects"]);
    const reg = j.riskRegister!;
    expect(reg.sheets.map((s) => [s.name, s.headerRow, s.linkBy])).toEqual([["Risk log", 1, "name"]]);
    expect(reg.risks.map((r) => [r.ref, r.linkedBy, r.linkedTo.map((i) => i.ref)])).toEqual([
      ["RL1", "name", ["P1"]],
      ["RL2", "name", ["P2"]],
      ["RL3", null, []],
      ["RL4", null, []],
      ["RL5", "name", ["P3"]],
    ]);
    expect(j.items.map((i) => [i.id, i.rag.risk])).toEqual([
      ["P1", "Red"],
      ["P2", "Amber"],
      ["P3", "Green"], // its only linked risk is closed
    ]);
    expect(j.items[0]!.reasons).toContain(
      "Red: risk RL1 'Accessibility audit fails' inherent score 16 (likelihood 4 × impact 4)",
    );
    expect(reg.programme).toMatchObject({ rag: "Red", open: 2 });
    const at = (cell: string) =>
      j.issues.filter((i) => i.sheet === "Risk log" && i.cell === cell).map((i) => i.message);
    expect(at("B4")[0]).toMatch(
      /names the project "Intranet refresh", which is neither the reference nor the name/,
    );
    expect(at("K6")).toEqual(["risk RL5 is closed but has no closure date"]);
    expect(at("J3")[0]).toMatch(/review date 30\/11\/2020 has passed/);
  });
});

describe("risk-register-title-rows.xlsx", () => {
  test("the header under three title rows from column B; current scores rated; a target score passed over", async () => {
    const j = await json(council("risk-register-title-rows.xlsx"));
    const reg = j.riskRegister!;
    expect(reg.sheets[0]).toMatchObject({ name: "Strategic risks", headerRow: 5, linkBy: "ref" });
    expect(reg.sheets[0]!.columns.map((c) => `${c.column}:${c.field}`)).not.toContain("K:residualScore");
    expect(reg.risks.map((r) => [r.ref, r.row, r.basis, r.score, r.rag])).toEqual([
      ["SR1", 6, "residual", 12, "Amber"],
      ["SR2", 7, "residual", 20, "Red"],
      ["SR3", 8, "residual", 8, "Amber"],
    ]);
    expect(j.issues).toContainEqual(
      expect.objectContaining({ sheet: "Strategic risks", cell: "J8", severity: "error" }),
    );
    expect(j.items.map((i) => i.rag.risk)).toEqual(["Amber", "Amber", "Red"]);
  });
});

describe("the sample's Risk Register", () => {
  test("41 risks, 5 closed, 6 at programme level; no item's rating changes; the report and Risk History show them", async () => {
    const j = await json(sample);
    const reg = j.riskRegister!;
    expect(reg.risks).toHaveLength(41);
    expect(reg.risks.filter((r) => r.closed).map((r) => r.ref)).toEqual(["R03", "R04", "R18", "R27", "P06"]);
    expect(reg.risks.filter((r) => r.linkedTo.length === 0).map((r) => r.ref)).toEqual([
      "P01",
      "P02",
      "P03",
      "P04",
      "P05",
      "P06",
    ]);
    expect(reg.risks.filter((r) => r.basis === "inherent").map((r) => r.ref)).toEqual(["R15", "R21", "R23"]);
    expect(reg.risks.filter((r) => r.reviewOverdue).map((r) => r.ref)).toEqual(["R02", "R10", "R35"]);
    expect(reg.programme).toMatchObject({ rag: "Red", open: 5 });
    expect(j.ragCounts).toEqual({ Red: 6, Amber: 12, Green: 7, Complete: 5, "Not assessed": 0 });

    const dir = mkdtempSync(join(tmpdir(), "risks-"));
    const out = join(dir, "out.xlsx");
    expect((await runCli([sample, "--date", "2020-12-31", "--out", out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("Risk History");
    const rh = wb.getWorksheet("Risk History")!;
    expect(rh.rowCount).toBe(1 + 36);
    const hl = wb.getWorksheet("Highlight Report")!;
    const texts: string[] = [];
    hl.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain("Risk heat map: open risks by likelihood and impact, Q3 2020/21");
    expect(texts).toContain("1 risk\nRed"); // R25 at likelihood 4 × impact 5
    expect(texts).toContain("Top risks: the risk register");
  });
});
