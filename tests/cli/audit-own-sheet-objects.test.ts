/**
 * A sheet with no cell values is taken for one of the tool's own (a run in the add-in that stopped before writing
 * it) only when it holds nothing else of the user's either: a sheet with only a picture or a chart on it, named as
 * the tool's sheet or carrying a forged ProgrammeRAG_* marker, is the user's and is kept as it is (issue 14:
 * "never delete a sheet that does not look like the tool's").
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "./run-cli";

const sample = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** The part and relationships text of each sheet, by name. */
async function sheetParts(path: string): Promise<Map<string, { xml: string; rels: string | null }>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const out = new Map<string, { xml: string; rels: string | null }>();
  for (const m of wb.matchAll(/<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1];
    const part = `xl/${target!.replace(/^\/?xl\//, "")}`;
    const relsPart = part.replace(/([^/]+)$/, "_rels/$1.rels");
    out.set(m[1]!, {
      xml: await zip.file(part)!.async("string"),
      rels: (await zip.file(relsPart)?.async("string")) ?? null,
    });
  }
  return out;
}

test("a picture-only sheet named as the tool's, or marked by a forged name, is kept with its picture", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-objects-"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sample);
  const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
  wb.addWorksheet("Dashboard").addImage(image, "B2:F10");
  wb.addWorksheet("Highlight Report").addImage(image, "B2:F10");
  wb.definedNames.add("'Dashboard'!$A$1", "ProgrammeRAG_changelog");
  const input = join(dir, "book.xlsx");
  await wb.xlsx.writeFile(input);
  const before = await sheetParts(input);
  expect(before.get("Dashboard")!.rels).toMatch(/drawing/);

  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.code).toBe(0);
  const after = await sheetParts(out);
  for (const name of ["Dashboard", "Highlight Report"]) {
    expect([name, after.get(name)?.xml]).toEqual([name, before.get(name)!.xml]);
    expect([name, after.get(name)?.rels]).toEqual([name, before.get(name)!.rels]);
  }
  // The tool writes its own sheets beside them.
  expect([...after.keys()]).toEqual(expect.arrayContaining(["Highlight Report (2)", "Change Log"]));
  expect(after.get("Change Log")!.xml).toMatch(/>When</);
  expect(r.stderr).toMatch(
    /"Dashboard" carries the tool's ProgrammeRAG_changelog marker but is not the tool's sheet/,
  );
}, 60_000);

test("a sheet named as the tool's that holds only formulas (their results blank) is the user's, kept formula for formula", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-formulas-"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sample);
  const log = wb.addWorksheet("Change Log");
  log.getCell("A1").value = {
    formula: "IF('Programme of Works'!F1=\"\",\"\",'Programme of Works'!F1)",
    result: "",
  };
  log.getCell("B5").value = { formula: 'IF(\'Programme of Works\'!F2="","","x")', result: "" };
  const input = join(dir, "book.xlsx");
  await wb.xlsx.writeFile(input);
  const before = await sheetParts(input);
  expect(before.get("Change Log")!.xml).toMatch(/<f>IF\(/);

  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.code).toBe(0);
  const after = await sheetParts(out);
  expect(after.get("Change Log")?.xml).toEqual(before.get("Change Log")!.xml);
  // The tool's log goes beside it, under a name of its own.
  expect(after.get("Change Log (2)")!.xml).toMatch(/>When</);
}, 60_000);
