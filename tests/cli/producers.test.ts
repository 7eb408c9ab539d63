/**
 * Issue 14's acceptance audit: workbooks written by other producers than our own scripts, through the command
 * line. Committed fixtures from LibreOffice and openpyxl (how each was made: tests/fixtures/producers/README.md),
 * and package variations made byte by byte (scripts/corpus/make-variants.ts: zip layouts, part-name case,
 * prefixes, rich text, shared formulas, errors, a lying dimension, a cell past XFD, protection). Every part the
 * tool does not own comes back byte-identical, only the RAG cells of the programme sheet change, and what cannot
 * be written is refused with the sheet and cell named and no file left behind.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Variant } from "../../scripts/corpus/make-variants";
import { makeCorpus } from "../../scripts/corpus/make-corpus";
import { makeVariants } from "../../scripts/corpus/make-variants";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { cellChanges, changedParts, EDITED, zipOf } from "./package-diff";
import { SaxesParser } from "saxes";
import { runCli } from "./run-cli";

jest.setTimeout(60_000);
const root = join(__dirname, "..", "..");
const fixture = (name: string) => join(root, "tests", "fixtures", "producers", name);
let dir: string;
let variants: Map<string, Variant>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-producers-"));
  variants = new Map(makeVariants(join(dir, "in")).map((v) => [v.name, v]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outOf = (name: string) => join(dir, `out-${name}.xlsx`);

async function json(path: string): Promise<{
  items: { ref: string; end: string | null; budget: number | null; rag: { overall: string } }[];
  issues: { sheet: string; cell: string; message: string }[];
  totals: unknown;
  sheets: { name: string; ragColumn: { column: string }; computedColumn: { column: string } | null }[];
  ragCounts: unknown;
}> {
  const r = await runCli([path, "--date", "2020-12-31", "--json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as never;
}

describe("package variations other writers make", () => {
  const written = [
    "stored",
    "descriptors",
    "zip64",
    "zip64-stored-descriptors",
    "odd-case",
    "prefixed-full",
    "rich-text",
    "errors",
    "dimension-lies",
    "shared-formula-rag",
    "single-quoted",
  ];
  test.each(written)("%s: read, written, and every other part kept byte for byte", async (name) => {
    const v = variants.get(name)!;
    const r = await runCli([v.path, "--date", "2020-12-31", "--out", outOf(name)]);
    expect([name, r.code, r.stderr.replace(/.*not written.*\n/g, "")]).toEqual([name, 0, ""]);
    const part = name === "odd-case" ? "xl/Worksheets/Sheet1.XML" : "xl/worksheets/sheet1.xml";
    expect(await changedParts(v.path, outOf(name), [...EDITED, part])).toEqual([]);
    const cells = await cellChanges(v.path, outOf(name), part, ["J"]);
    expect(cells).toEqual({ changed: [], headKept: true, tailKept: true });
    // The three items were read, and their RAG cells read back with rating words (formulas aside).
    expect(r.stdout).toMatch(/"Programme" \(3 items, header row 1\)/);
    const back = (await loadWorkbook(outOf(name))).sheets.find((s) => s.name === "Programme")!;
    const rag = back.values.slice(1, 4).map((row) => row[9]);
    if (name === "shared-formula-rag") expect(rag).toEqual(["Green", "Red", "Red"]);
    else for (const x of rag) expect(x).toMatch(/^(Red|Amber|Green|Complete)$/);
  });

  test("single-quoted: every part of the copy is well-formed, names renumbered, the stale marker replaced", async () => {
    const v = variants.get("single-quoted")!;
    const out = outOf("single-quoted-parts");
    expect((await runCli([v.path, "--date", "2020-12-31", "--out", out])).code).toBe(0);
    const zip = await zipOf(out);
    const bad: string[] = [];
    for (const [name, f] of Object.entries(zip.files)) {
      if (f.dir || !/\.(xml|rels)$/i.test(name)) continue;
      const p = new SaxesParser({ xmlns: true });
      let err: string | null = null;
      p.on("error", (e) => void (err ??= e.message));
      p.write(await f.async("string")).close();
      if (err !== null) bad.push(`${name}: ${err}`);
    }
    expect(bad).toEqual([]);
    const wb = await zip.file("xl/workbook.xml")!.async("string");
    const sheets = [...wb.matchAll(/<sheet\b[^>]*?\sname=["']([^"']+)["']/g)].map((m) => m[1]);
    // Notes' print titles follow Notes to its new place; the report is the active sheet (the programme sheet was,
    // and is rewritten); no attribute doubled; one marker of each kind.
    const notes = sheets.indexOf("Notes");
    expect(notes).toBeGreaterThan(1);
    expect(wb).toMatch(
      new RegExp(`name=["']_xlnm\\.Print_Titles["'] localSheetId=["']${notes}["']>Notes!\\$1:\\$1<`),
    );
    expect(wb).toMatch(
      new RegExp(`<workbookView\\b[^>]*\\sactiveTab=["']${sheets.indexOf("Highlight Report")}["']`),
    );
    expect(wb.match(/activeTab/g)).toHaveLength(1);
    expect(wb.match(/firstSheet/g)).toHaveLength(1);
    expect(wb.match(/ProgrammeRAG_changelog/g)).toHaveLength(1);
    expect(wb).toMatch(/name="ProgrammeRAG_changelog">'Change Log'!\$A\$1</);
  });

  test("the copy gains only the tool's new parts: no folder entries a package from Excel never had", async () => {
    const v = variants.get("stored")!;
    const out = outOf("no-folders");
    expect((await runCli([v.path, "--date", "2020-12-31", "--out", out])).code).toBe(0);
    const before = Object.keys((await zipOf(v.path)).files);
    const after = Object.keys((await zipOf(out)).files);
    expect(before.filter((n) => n.endsWith("/"))).toEqual([]);
    const added = after.filter((n) => !before.includes(n));
    expect(added.filter((n) => n.endsWith("/"))).toEqual([]);
    expect(added.length).toBeGreaterThan(0);
    for (const n of added) expect(n).toMatch(/^xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?$/);
  });

  test("rich-text shared strings read as their text, without the phonetic runs", async () => {
    const sheet = (await loadWorkbook(variants.get("rich-text")!.path)).sheets[0]!;
    expect(sheet.values[0]![0]).toBe("Project ID");
    expect(sheet.values[0]![9]).toBe("RAG");
    expect(sheet.values[1]![9]).toBe("Amber");
  });

  test("a shared formula down the RAG column is reported cell by cell and kept", async () => {
    const v = variants.get("shared-formula-rag")!;
    const r = await runCli([v.path, "--date", "2020-12-31", "--out", join(dir, "shared-again.xlsx")]);
    for (const ref of ["J2", "J3", "J4"])
      expect(r.stderr).toContain(`Programme!${ref} holds a formula; the RAG was not written there`);
    const a = await (await zipOf(v.path)).file("xl/worksheets/sheet1.xml")!.async("string");
    const b = await (
      await zipOf(join(dir, "shared-again.xlsx"))
    )
      .file("xl/worksheets/sheet1.xml")!
      .async("string");
    for (const f of a.match(/<c r="J\d"[^>]*>[\s\S]*?<\/c>/g)!) expect(b).toContain(f);
  });

  test("error values are named by sheet and cell, never read as amounts", async () => {
    const j = await json(variants.get("errors")!.path);
    expect(j.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: "Programme", cell: "E3", message: expect.stringMatching(/#N\/A/) }),
        expect.objectContaining({
          sheet: "Programme",
          cell: "F4",
          message: expect.stringMatching(/#DIV\/0!/),
        }),
      ]),
    );
  });

  test("a <dimension> smaller than the sheet does not hide its rows", async () => {
    const j = await json(variants.get("dimension-lies")!.path);
    expect(j.items.map((i) => i.ref)).toEqual(["PRJ-01", "PRJ-02", "PRJ-03"]);
  });

  test("a cell beyond column XFD is refused, naming the sheet and cell, and nothing is written", async () => {
    const out = outOf("beyond-xfd");
    const r = await runCli([variants.get("beyond-xfd")!.path, "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sheet "Programme" has a cell at XFE3, beyond Excel's last cell XFD1048576/);
    expect(existsSync(out)).toBe(false);
  });

  test.each(["protected-programme", "protected-unlocked"])(
    "%s: a protected programme sheet has its RAG cells written, its protection kept byte for byte, and a warning",
    async (name) => {
      const v = variants.get(name)!;
      const out = outOf(name);
      const r = await runCli([v.path, "--date", "2020-12-31", "--out", out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /warning: the sheet "Programme" is protected: the --out copy has its RAG column written and its protection kept/,
      );
      const part = "xl/worksheets/sheet1.xml";
      expect(await changedParts(v.path, out, [...EDITED, part])).toEqual([]);
      // Only the RAG column's cells changed; the <sheetProtection> after the rows is the input's, byte for byte.
      expect(await cellChanges(v.path, out, part, ["J"])).toEqual({
        changed: [],
        headKept: true,
        tailKept: true,
      });
      const before = await (await zipOf(v.path)).file(part)!.async("string");
      const after = await (await zipOf(out)).file(part)!.async("string");
      const protection = /<(\w+:)?sheetProtection\b[^>]*\/>/.exec(before)![0];
      expect(after).toContain(protection);
      const back = (await loadWorkbook(out)).sheets.find((s) => s.name === "Programme")!;
      for (const row of back.values.slice(1, 4)) expect(row[9]).toMatch(/^(Red|Amber|Green|Complete)$/);
    },
  );
});

describe("openpyxl (fixtures in tests/fixtures/producers)", () => {
  test("a drawing with a chart and an image, comments, a hyperlink, validations: all kept", async () => {
    const input = fixture("openpyxl-chart-image.xlsx");
    const out = join(dir, "openpyxl-out.xlsx");
    const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/"Programme" K2, K3, K4, K5, K6: formula with no calculated value/);
    const part = "xl/worksheets/sheet1.xml";
    expect(await changedParts(input, out, [...EDITED, part])).toEqual([]);
    expect(await cellChanges(input, out, part, ["J"])).toEqual({
      changed: [],
      headKept: true,
      tailKept: true,
    });
    const z = await zipOf(out);
    for (const p of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/media/image1.png"])
      expect([p, z.file(p) !== null]).toEqual([p, true]);
    const tail = (await z.file(part)!.async("string")).split("</sheetData>")[1]!;
    for (const el of ["dataValidation", "conditionalFormatting", "hyperlink", "drawing", "legacyDrawing"])
      expect([el, tail.includes(`<${el}`)]).toEqual([el, true]);
  });

  test("a 1904 workbook with its RAG cell merged across two items: dates read right, neither cell written", async () => {
    const input = fixture("openpyxl-1904-merged-rag.xlsx");
    const out = join(dir, "openpyxl-1904-out.xlsx");
    const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Programme!J5 is part of the merged cells J5:J6/);
    expect(r.stderr).toMatch(/Programme!J6 is part of the merged cells J5:J6/);
    const j = await json(input);
    expect(j.items.find((i) => i.ref === "PRJ-02")!.end).toBe("2020-12-31");
    const cells = await cellChanges(input, out, "xl/worksheets/sheet1.xml", ["J"]);
    expect(cells.changed).toEqual([]);
    const a = await (await zipOf(input)).file("xl/worksheets/sheet1.xml")!.async("string");
    const b = await (await zipOf(out)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(/<c r="J5"[^>]*>[\s\S]*?<\/c>/.exec(b)![0]).toBe(/<c r="J5"[^>]*>[\s\S]*?<\/c>/.exec(a)![0]);
    expect(/<c r="J6"[^>]*(?:\/>|>[\s\S]*?<\/c>)/.exec(b)?.[0]).toBe(
      /<c r="J6"[^>]*(?:\/>|>[\s\S]*?<\/c>)/.exec(a)?.[0],
    );
    const history = (await loadWorkbook(out)).sheets.find((s) => s.name === "RAG History")!;
    expect((history.values[1]![1] as Date).toISOString().slice(0, 10)).toBe("2020-12-31");
  });
});

describe("LibreOffice (fixtures in tests/fixtures/producers)", () => {
  test.each([
    ["libreoffice-sample.xlsx", join(root, "samples", "ict-strategy-programme.xlsx")],
    ["libreoffice-multi-sheet.xlsx", join(root, "tests", "fixtures", "council", "multi-sheet.xlsx")],
  ])(
    "%s reads as the workbook it was saved from, and --out keeps every other part",
    async (name, original) => {
      const input = fixture(name);
      const [a, b] = [await json(original), await json(input)];
      expect([b.totals, b.ragCounts, b.items.length]).toEqual([a.totals, a.ragCounts, a.items.length]);
      const out = join(dir, `lo-${name}`);
      expect((await runCli([input, "--date", "2020-12-31", "--out", out])).code).toBe(0);
      // The programme sheets' parts (LibreOffice numbers them in sheet order) and their RAG columns.
      const programme = b.sheets.map((sh, i) => ({ part: `xl/worksheets/sheet${i + 1}.xml`, ...sh }));
      expect(programme.map((p) => p.name)).toEqual(
        (await loadWorkbook(input)).sheets.slice(0, programme.length).map((s) => s.name),
      );
      expect(await changedParts(input, out, [...EDITED, ...programme.map((p) => p.part)])).toEqual([]);
      for (const p of programme) {
        const cells = await cellChanges(input, out, p.part, [
          p.ragColumn.column,
          ...(p.computedColumn ? [p.computedColumn.column] : []),
        ]);
        expect([p.name, cells]).toEqual([p.name, { changed: [], headKept: true, tailKept: true }]);
      }
    },
  );

  test("an --out copy saved again by LibreOffice is taken up by the next run: its own sheets found, not doubled", async () => {
    const out = join(dir, "lo-resaved-next.xlsx");
    const r = await runCli([
      fixture("libreoffice-resaved-output.xlsx"),
      "--date",
      "2021-03-31",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/compared with Q3 2020\/21 \(31\/12\/2020\)/);
    const names = (await loadWorkbook(out)).sheets.map((s) => s.name);
    for (const own of ["Highlight Report", "RAG History", "Change Log"])
      expect([own, names.filter((n) => n === own || n.startsWith(`${own} (`)).length]).toEqual([own, 1]);
    const history = (await loadWorkbook(out, { ownSheetRows: "all" })).sheets.find(
      (s) => s.name === "RAG History",
    )!;
    expect([...new Set(history.values.slice(1).map((row) => row[0]))]).toEqual(["Q3 2020/21", "Q4 2020/21"]);
  });
});

describe("a macro workbook stays a macro workbook, whatever its name", () => {
  test("an .xlsm renamed .xlsx is written only as .xlsm, its VBA project and content type kept", async () => {
    const [, macros] = await makeCorpus(join(dir, "corpus"));
    const renamed = join(dir, "macros-renamed.xlsx");
    copyFileSync(macros!.path, renamed);
    const asXlsx = join(dir, "macros-out.xlsx");
    const r = await runCli([renamed, "--date", "2020-12-31", "--out", asXlsx]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a macro workbook is written as .xlsm, with its macros \(macros-renamed.xlsx is one/,
    );
    expect(existsSync(asXlsx)).toBe(false);
    const asXlsm = join(dir, "macros-out.xlsm");
    expect((await runCli([renamed, "--date", "2020-12-31", "--out", asXlsm])).code).toBe(0);
    const [a, b] = [await zipOf(renamed), await zipOf(asXlsm)];
    const bin = async (z: typeof a) => z.file("xl/vbaProject.bin")!.async("nodebuffer");
    expect((await bin(b)).equals(await bin(a))).toBe(true);
    const types = await b.file("[Content_Types].xml")!.async("string");
    expect(types).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
    );
  });

  test("a CSV's copy is no macro workbook: --out .xlsm is refused", async () => {
    const csv = join(root, "tests", "fixtures", "council", "status-report.csv");
    const out = join(dir, "csv-out.xlsm");
    const r = await runCli([csv, "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.xlsm is for macro workbooks; write this one as \.xlsx/);
    expect(existsSync(out)).toBe(false);
  });
});

test("a protected sheet of the tool's (a RAG History the user protected) is written in the copy, with a warning", async () => {
  const first = join(dir, "own-first.xlsx");
  expect((await runCli([variants.get("stored")!.path, "--date", "2020-12-31", "--out", first])).code).toBe(0);
  const z = await zipOf(first);
  const wb = await z.file("xl/workbook.xml")!.async("string");
  const rid = /<sheet name="RAG History"[^>]*r:id="([^"]+)"/.exec(wb)![1]!;
  const rels = await z.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new RegExp(`<Relationship[^>]*Id="${rid}"[^>]*>`).exec(rels)![0];
  const part = `xl/${/Target="(?:\/xl\/)?([^"]+)"/.exec(target)![1]!}`;
  const xml = await z.file(part)!.async("string");
  z.file(
    part,
    xml.replace(/<\/(\w+:)?sheetData>/, (m) => `${m}<sheetProtection sheet="1" objects="1"/>`),
  );
  const protectedCopy = join(dir, "own-protected.xlsx");
  writeFileSync(protectedCopy, await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const out = join(dir, "own-protected-out.xlsx");
  const r = await runCli([protectedCopy, "--date", "2021-03-31", "--out", out]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    /warning: the tool's sheet "RAG History" is protected: the --out copy has it written/,
  );
  const history = (await loadWorkbook(out, { ownSheetRows: "all" })).sheets.find(
    (s) => s.name === "RAG History",
  )!;
  // The first run's snapshot and this run's (the quarter to 31/03/2021) are both there.
  const dates = new Set(history.values.slice(1).map((row) => String(row[0])));
  expect(dates.size).toBeGreaterThanOrEqual(2);
});
