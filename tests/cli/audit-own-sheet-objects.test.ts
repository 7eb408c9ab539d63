/**
 * A sheet with no cell values is taken for one of the tool's own (a run in the add-in that stopped before writing
 * it) only when it holds nothing else of the user's either: a sheet with only a picture or a chart on it, named as
 * the tool's sheet or carrying a forged ProgrammeRAG_* marker, is the user's and is kept as it is (issue 14:
 * "never delete a sheet that does not look like the tool's").
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

/** x14 sparklines on a dashboard (Excel 2010's extension list), drawn from the programme sheet's figures. */
const SPARKLINES =
  '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap">' +
  "<x14:colorSeries rgb=\"FF376092\"/><x14:sparklines><x14:sparkline><xm:f>'Programme of Works'!F2:H2</xm:f><xm:sqref>B2</xm:sqref></x14:sparkline></x14:sparklines>" +
  "</x14:sparklineGroup></x14:sparklineGroups></ext></extLst>";
/** A list validation in the Excel 2010 form (a list on another sheet), which lives in the extension list. */
const X14_VALIDATION =
  '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1">' +
  "<x14:formula1><xm:f>'Programme of Works'!$A$2:$A$20</xm:f></x14:formula1><xm:sqref>B2:B50</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>";

test("a sheet with no values but sparklines, an Excel 2010 validation or a filter is the user's, kept as it is", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-ext-"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sample);
  wb.addWorksheet("Highlight Report");
  wb.addWorksheet("Change Log");
  wb.addWorksheet("Actions");
  wb.definedNames.add("'Actions'!$A$1", "ProgrammeRAG_changelog");
  const made = join(dir, "made.xlsx");
  await wb.xlsx.writeFile(made);
  // Each empty sheet given what ExcelJS cannot write: sparklines, an x14 list validation, a filter.
  const parts = await sheetParts(made);
  const zip = await JSZip.loadAsync(readFileSync(made));
  const wbXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const partOf = (name: string) => {
    const id = new RegExp(`name="${name}"[^>]*?r:id="([^"]+)"`).exec(wbXml)![1];
    return `xl/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!.replace(/^\/?xl\//, "")}`;
  };
  const patch = async (name: string, edit: (xml: string) => string) => {
    const part = partOf(name);
    const xml = edit(await zip.file(part)!.async("string"));
    expect(xml).not.toBe(parts.get(name)!.xml);
    zip.file(part, xml);
  };
  await patch("Highlight Report", (x) => x.replace("</worksheet>", `${SPARKLINES}</worksheet>`));
  await patch("Change Log", (x) => x.replace("<pageMargins", '<autoFilter ref="A1:F1"/><pageMargins'));
  await patch("Actions", (x) => x.replace("</worksheet>", `${X14_VALIDATION}</worksheet>`));
  const input = join(dir, "book.xlsx");
  writeFileSync(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const before = await sheetParts(input);

  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.code).toBe(0);
  const after = await sheetParts(out);
  const kept = (name: string) => [name, after.get(name)?.xml === before.get(name)!.xml];
  expect(["Highlight Report", "Change Log", "Actions"].map(kept)).toEqual([
    ["Highlight Report", true],
    ["Change Log", true],
    ["Actions", true],
  ]);
  expect([...after.keys()]).toEqual(expect.arrayContaining(["Highlight Report (2)", "Change Log (2)"]));
  expect(after.get("Change Log (2)")!.xml).toMatch(/>When</);
  expect(r.stderr).toMatch(
    /"Actions" carries the tool's ProgrammeRAG_changelog marker but is not the tool's sheet/,
  );
}, 60_000);
