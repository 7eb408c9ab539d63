/**
 * A money cell merged over two items, in the add-in as on the command line (issue 14): the Office adapter gives
 * the engine each sheet's merged areas (Range.getMergedAreasOrNullObject, ExcelApi 1.13) with the used ranges it
 * reads anyway, so the pane names the merged range and counts its amount for neither item, exactly as the CLI
 * does from the file, in no more round trips. In an Excel older than 1.13, or when Excel cannot list the merged
 * areas (over 512 in a range), the sheets are read without them and the data notes say merged cells were not
 * checked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { ProgrammeAnalysis } from "../../src/engine/model";
import { run as runCli } from "../../src/cli/main";
import { MAX_MERGED_AREAS } from "../../tools/excel-sim/excel-model/host";
import { NOW, REPORTING_DATE, SAMPLE, fakeOf, input, modelOf, opsOf } from "./support";

const SHEET = "Programme of Works";
/** FB06's and FB07's budgets (£82,000 and £60,000), merged: the merge keeps FB06's £82,000 in D11. */
const MERGED = "D11:D12";

let dir: string;
let merged: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-merges-"));
  merged = join(dir, "merged-budget.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  wb.getWorksheet(SHEET)!.mergeCells(MERGED);
  await wb.xlsx.writeFile(merged);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command line's analysis of a file, as its --json prints it. */
async function cliJson(path: string): Promise<{
  issues: { sheet: string; cell: string; severity: string; message: string }[];
  totals: { budget: number; forecast: number };
  items: { ref: string; budget: number | null }[];
}> {
  let out = "";
  const code = await runCli([path, "--date", REPORTING_DATE, "--json"], {
    stdout: (t) => (out += t),
    stderr: () => undefined,
    now: () => NOW,
  });
  expect(code).toBe(0);
  return JSON.parse(out) as Awaited<ReturnType<typeof cliJson>>;
}

const mergeIssues = (a: { issues: readonly { cell: string; message: string }[] }) =>
  a.issues.filter((i) => i.cell.includes(":") || /merged/i.test(i.message));
const budgetOf = (a: ProgrammeAnalysis, ref: string) => a.items.find((i) => i.ref === ref)!.budget;

test("a budget merged over two items: the same error, items and totals in the pane as on the command line", async () => {
  const cli = await cliJson(merged);
  const fake = fakeOf(await modelOf(merged), { requirementSet: "1.13" });
  const { analysis } = await opsOf(fake).refreshRag(input());
  const cliErrors = mergeIssues(cli);
  expect(cliErrors).toEqual([
    {
      sheet: SHEET,
      cell: MERGED,
      severity: "error",
      message: expect.stringContaining("merged over 2 items (FB06, FB07)") as unknown as string,
    },
  ]);
  expect(mergeIssues(analysis)).toEqual(cliErrors);
  expect([budgetOf(analysis, "FB06"), budgetOf(analysis, "FB07")]).toEqual([null, null]);
  expect(cli.items.filter((i) => i.ref === "FB06" || i.ref === "FB07").map((i) => i.budget)).toEqual([
    null,
    null,
  ]);
  // The CLI's JSON gives pounds, the engine pence.
  expect(analysis.totals.budget).toBe(cli.totals.budget * 100);
  expect(analysis.totals.forecast).toBe(cli.totals.forecast * 100);
  // £82,000 counted for neither item: the total is the sample's less both budgets.
  const plain = await opsOf(fakeOf(await modelOf(SAMPLE), { requirementSet: "1.13" })).scan(input());
  expect(plain.analysis.totals.budget - analysis.totals.budget).toBe((82_000 + 60_000) * 100);
});

test("the merged areas come with the reads the run makes anyway: no more round trips at 1.13 than at 1.9", async () => {
  const syncs = async (requirementSet: string, mode: "scan" | "refreshRag" | "buildReport") => {
    const fake = fakeOf(await modelOf(merged), { requirementSet });
    const ops = opsOf(fake);
    if (mode === "scan") await ops.scan(input());
    else await ops[mode](input());
    return fake.stats.syncs;
  };
  for (const mode of ["scan", "refreshRag", "buildReport"] as const)
    expect([mode, await syncs("1.13", mode)]).toEqual([mode, await syncs("1.9", mode)]);
});

test("in an Excel older than 1.13 the merge is not seen, and the data notes say merged cells were not checked", async () => {
  const fake = fakeOf(await modelOf(merged), { requirementSet: "1.9" });
  const { analysis } = await opsOf(fake).refreshRag(input());
  expect(analysis.issues.filter((i) => i.cell === MERGED)).toEqual([]);
  // As before: the amount is the first item's (what the note warns of).
  expect(budgetOf(analysis, "FB06")).toBe(82_000 * 100);
  const notes = analysis.issues.filter((i) => i.message.startsWith("Merged cells could not be checked"));
  expect(notes.map((i) => [i.sheet, i.cell, i.severity])).toContainEqual([SHEET, "", "warning"]);
  expect(notes[0]!.message).toContain("Excel JavaScript API 1.13");
  // Only sheets with a header, never the add-in's own.
  for (const n of notes) expect(["Highlight Report", "RAG History", "Change Log"]).not.toContain(n.sheet);
  // At 1.13 there is no such note.
  const modern = await opsOf(fakeOf(await modelOf(merged), { requirementSet: "1.13" })).scan(input());
  expect(modern.analysis.issues.filter((i) => i.message.startsWith("Merged cells could not"))).toEqual([]);
});

test("when Excel cannot list the merged areas (over 512 on a sheet), the workbook is read without them and says so", async () => {
  const model = await modelOf(merged);
  // A layout sheet of 513 merged pairs, each with a value in its top-left cell (so inside the used range).
  const layout = model.addSheet("Layout");
  for (let r = 0; r <= MAX_MERGED_AREAS; r++) {
    model.writableCell(layout, r, 0).value = `line ${r + 1}`;
    layout.merges.push({ row: r, col: 0, rows: 1, cols: 2 });
  }
  const fake = fakeOf(model, { requirementSet: "1.13" });
  const { analysis } = await opsOf(fake).refreshRag(input());
  const notes = analysis.issues.filter((i) => i.message.startsWith("Merged cells could not be checked"));
  expect(notes.map((i) => i.sheet)).toContain(SHEET);
  expect(notes[0]!.message).toContain("at most 512 merged areas");
  // The refresh went through: the items were rated and the RAG column written.
  expect(analysis.items).toHaveLength(30);
});
