/**
 * The --out workbook is the input package with only the tool's changes: every part of the input is in the output,
 * byte-identical, except the few the tool must edit (workbook, its relationships, content types, styles, the
 * programme sheets), and those are checked entry by entry and cell by cell.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import type { CorpusFile } from "../../scripts/corpus/make-corpus";
import { makeCorpus } from "../../scripts/corpus/make-corpus";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { Styles } from "../../src/adapters/file/styles";
import { parseIsoDay } from "../../src/engine/dates";
import { runCli } from "./run-cli";

jest.setTimeout(60_000);
let dir: string;
let corpus: CorpusFile[];
const OWN = ["Highlight Report", "RAG History", "Change Log"];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-corpus-"));
  corpus = await makeCorpus(join(dir, "in"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function zipOf(path: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(path));
}

async function parts(zip: JSZip): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("nodebuffer"));
  return out;
}

/** The raw XML of every cell of a sheet part, by reference, and the part outside sheetData. */
function cellsOf(xml: string): { cells: Map<string, string>; head: string; tail: string } {
  const start = xml.search(/<(\w+:)?sheetData\b/);
  const endTag = /<\/(\w+:)?sheetData>/.exec(xml)!;
  const data = xml.slice(start, endTag.index);
  const cells = new Map<string, string>();
  for (const m of data.matchAll(/<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g)) {
    const ref = /\sr="([A-Z]+\d+)"/.exec(m[0])![1]!;
    cells.set(ref, m[0]);
  }
  return { cells, head: xml.slice(0, start), tail: xml.slice(endTag.index + endTag[0].length) };
}

function elements(xml: string, local: string): string[] {
  return (
    xml.match(new RegExp(`<(?:\\w+:)?${local}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${local}>)`, "g")) ?? []
  );
}

const sheetPart = async (zip: JSZip, wbXml: string, name: string): Promise<string> => {
  const sheet = elements(wbXml, "sheet").find(
    (s) => s.includes(`name="${name.replace(/'/g, "&apos;")}"`) || s.includes(`name="${name}"`),
  )!;
  const rid = /:id="([^"]+)"/.exec(sheet)![1]!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rel = elements(rels, "Relationship").find((r) => r.includes(`Id="${rid}"`))!;
  const target = /Target="([^"]+)"/.exec(rel)![1]!;
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
};

describe.each([0, 1, 2])("corpus workbook %#", (index) => {
  let file: CorpusFile;
  let out: string;
  let stderr: string;
  beforeAll(async () => {
    file = corpus[index]!;
    out = join(dir, `out-${basename(file.path)}`);
    const r = await runCli([file.path, "--date", "2020-12-31", "--out", out]);
    stderr = r.stderr;
    expect(r.code).toBe(0);
  });

  test("every part the tool does not own is byte-identical", async () => {
    const before = await parts(await zipOf(file.path));
    const after = await parts(await zipOf(out));
    const wb = await zipOf(file.path);
    const wbXml = await wb.file("xl/workbook.xml")!.async("string");
    const edited = new Set([
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/styles.xml",
    ]);
    for (const s of file.programmeSheets) edited.add(await sheetPart(wb, wbXml, s));
    const different: string[] = [];
    for (const [name, bytes] of before) {
      const now = after.get(name);
      if (!now) different.push(`${name}: missing`);
      else if (!edited.has(name) && !now.equals(bytes)) different.push(`${name}: changed`);
    }
    expect(different).toEqual([]);
    // More than a handful of parts came through untouched (the rich workbooks have about forty).
    expect([...before.keys()].filter((n) => !edited.has(n)).length).toBeGreaterThan(index === 2 ? 0 : 30);
  });

  test("the edited package parts keep every entry of the user's", async () => {
    const a = await zipOf(file.path);
    const b = await zipOf(out);
    const text = async (z: JSZip, n: string) => (await z.file(n)?.async("string")) ?? "";
    for (const [part, local] of [
      ["[Content_Types].xml", "Default"],
      ["[Content_Types].xml", "Override"],
      ["xl/_rels/workbook.xml.rels", "Relationship"],
      ["xl/workbook.xml", "sheet"],
      ["xl/workbook.xml", "workbookProtection"],
      ["xl/workbook.xml", "externalReference"],
      ["xl/workbook.xml", "pivotCache"],
      ["xl/workbook.xml", "extLst"],
      ["xl/workbook.xml", "calcPr"],
    ] as const) {
      const now = await text(b, part);
      for (const el of elements(await text(a, part), local))
        expect([part, now.includes(el)]).toEqual([part, true]);
    }
    // Defined names: the user's all kept (a sheet-scoped one now counts the report's sheet before it).
    const wbA = await text(a, "xl/workbook.xml");
    const wbB = await text(b, "xl/workbook.xml");
    const sheetsA = elements(wbA, "sheet").map((s) => /name="([^"]*)"/.exec(s)![1]);
    const sheetsB = elements(wbB, "sheet").map((s) => /name="([^"]*)"/.exec(s)![1]);
    for (const dn of elements(wbA, "definedName")) {
      const name = /name="([^"]*)"/.exec(dn)![1]!;
      const local = /localSheetId="(\d+)"/.exec(dn)?.[1];
      const body = dn.replace(/^<[^>]*>/, "");
      const match = elements(wbB, "definedName").find((x) => {
        const l = /localSheetId="(\d+)"/.exec(x)?.[1];
        return (
          /name="([^"]*)"/.exec(x)![1] === name &&
          x.endsWith(body) &&
          (local === undefined ? l === undefined : sheetsB[Number(l)] === sheetsA[Number(local)])
        );
      });
      expect([dn, match !== undefined]).toEqual([dn, true]);
    }
    // The tool's markers and print settings, with sheet names quoted as Excel writes them.
    expect(wbB).toMatch(/<(\w+:)?definedName name="ProgrammeRAG_highlight">'Highlight Report'!\$A\$1</);
    expect(wbB).toMatch(/name="_xlnm.Print_Titles" localSheetId="0">'Highlight Report'!\$\d+:\$\d+</);
    // styles.xml: every list the user had is still there at the same indexes.
    if (a.file("xl/styles.xml")) {
      const sa = new Styles(await text(a, "xl/styles.xml"));
      const sb = new Styles(await text(b, "xl/styles.xml"));
      for (const s of ["numFmts", "fonts", "fills", "borders", "cellXfs"] as const)
        expect(sb.items(s).slice(0, sa.items(s).length)).toEqual(sa.items(s));
      for (const local of ["dxfs", "cellStyles", "cellStyleXfs", "tableStyles"])
        expect(elements(await text(b, "xl/styles.xml"), local)).toEqual(
          elements(await text(a, "xl/styles.xml"), local),
        );
    }
  });

  test("on the programme sheets only the RAG cells change, and the rest of the sheet part is kept", async () => {
    const a = await zipOf(file.path);
    const b = await zipOf(out);
    const wbXml = await a.file("xl/workbook.xml")!.async("string");
    const loaded = await loadWorkbook(out);
    for (const sheet of file.programmeSheets) {
      const part = await sheetPart(a, wbXml, sheet);
      const before = cellsOf(await a.file(part)!.async("string"));
      const after = cellsOf(await b.file(part)!.async("string"));
      // Outside the cells: views (the report took the selection), columns, merges, validations in both forms,
      // conditional formats with their 2010 extensions, hyperlinks, print setup, drawings, comments.
      expect(after.head).toBe(before.head.replace(/ tabSelected="1"/, ""));
      expect(after.tail).toBe(before.tail);
      const header = [...before.cells.entries()].find(([, x]) => x.includes(">RAG<"));
      const ragCol = header ? header[0].replace(/\d+$/, "") : null;
      for (const [ref, xml] of before.cells) {
        if (
          ref.replace(/\d+$/, "") === ragCol &&
          ref !== `${ragCol}1` &&
          !xml.includes("<f>") &&
          !["J5", "J6"].includes(ref)
        )
          continue; // a RAG cell the tool writes
        expect([sheet, ref, after.cells.get(ref)]).toEqual([sheet, ref, xml]);
      }
      // New cells only in the RAG column (item rows) or an added column's header.
      const grid = loaded.sheets.find((s) => s.name === sheet)!;
      for (const ref of after.cells.keys()) {
        if (before.cells.has(ref)) continue;
        const col = ref.replace(/\d+$/, "");
        const row = Number(ref.slice(col.length)) - 1;
        const v =
          grid.values[row]?.[
            col.charCodeAt(col.length - 1) - 65 + (col.length > 1 ? 26 * (col.charCodeAt(0) - 64) : 0)
          ];
        expect([ref, v]).toEqual([
          ref,
          expect.stringMatching(/^(Red|Amber|Green|Complete|Not assessed|RAG|Computed RAG)$/),
        ]);
      }
    }
  });

  test("the output has the user's sheets in their order and the tool's sheets", async () => {
    const b = await zipOf(out);
    const wbXml = await b.file("xl/workbook.xml")!.async("string");
    const names = elements(wbXml, "sheet").map((s) => /name="([^"]*)"/.exec(s)![1]!.replace(/&apos;/g, "'"));
    expect(names[0]).toBe("Highlight Report");
    expect(names.filter((n) => !OWN.includes(n))).toEqual(file.userSheets);
    expect(names).toEqual(expect.arrayContaining(OWN));
  });

  if (index < 2) {
    test("formula RAG cells and a merged RAG cell across two items are reported, not written", () => {
      expect(stderr).toMatch(/'Formula RAG'!J2 holds a formula; the RAG was not written there/);
      expect(stderr).toMatch(/Programme!J5 is part of the merged cells J5:J6, which span more than one row/);
      expect(stderr).toMatch(/Programme!J6 is part of the merged cells J5:J6/);
      expect(stderr).toMatch(
        /"Formula RAG" K2: formula with no calculated value: open and save the file in Excel/,
      );
    });

    test("the written RAG cells read back with their words; a second run appends to the history", async () => {
      const loaded = await loadWorkbook(out);
      const programme = loaded.sheets.find((s) => s.name === "Programme")!;
      expect(programme.values[1]![9]).toMatch(/^(Red|Amber|Green|Complete)$/);
      expect(programme.values[4]![9]).toBe("Red"); // J5 kept as the user wrote it
      // Dates in the workbook's own system (the .xlsm is a 1904 workbook): the history's date reads back right.
      const history = loaded.sheets.find((s) => s.name === "RAG History")!;
      expect((history.values[1]![1] as Date).toISOString().slice(0, 10)).toBe("2020-12-31");
      // Mark last quarter's history part (a comment among its rows), to see that the next run keeps it as it is.
      const zOut = await zipOf(out);
      const hPart = await sheetPart(zOut, await zOut.file("xl/workbook.xml")!.async("string"), "RAG History");
      const before = (await zOut.file(hPart)!.async("string")).replace(
        "<sheetData>",
        "<sheetData><!-- kept -->",
      );
      zOut.file(hPart, before);
      const marked = join(dir, `marked-${basename(file.path)}`);
      await writeFile(marked, await zOut.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      const again = join(dir, `again-${basename(file.path)}`);
      const r = await runCli([marked, "--date", "2021-03-31", "--out", again]);
      expect(r.code).toBe(0);
      const second = await loadWorkbook(again);
      const names = second.sheets.map((s) => s.name);
      expect(names.filter((n) => OWN.includes(n))).toEqual(OWN); // replaced, not duplicated
      const quarters = new Set(
        second.sheets
          .find((s) => s.name === "RAG History")!
          .values.slice(1)
          .map((r) => r[0]),
      );
      expect([...quarters]).toEqual(["Q3 2020/21", "Q4 2020/21"]);
      // The history was appended to: last quarter's part, byte for byte, up to the end of its rows.
      const zAgain = await zipOf(again);
      const after = await zAgain.file(hPart)!.async("string");
      expect(after.startsWith(before.slice(0, before.indexOf("</sheetData>")))).toBe(true);
      expect(after.length).toBeGreaterThan(before.length);
      // The user's parts are still byte-identical after two runs.
      const a = await parts(await zipOf(file.path));
      const c = await parts(await zipOf(again));
      expect(c.get("xl/charts/chart1.xml")!.equals(a.get("xl/charts/chart1.xml")!)).toBe(true);
      if (a.has("xl/vbaProject.bin"))
        expect(c.get("xl/vbaProject.bin")!.equals(a.get("xl/vbaProject.bin")!)).toBe(true);
    });

    test("later quarters read only the recent history and keep every older row of it byte for byte", async () => {
      const rowsOf = async (path: string, sheet: string) => {
        const z = await zipOf(path);
        const xml = await z
          .file(await sheetPart(z, await z.file("xl/workbook.xml")!.async("string"), sheet))!
          .async("string");
        return xml.match(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g) ?? [];
      };
      let prev = out;
      for (const [i, date] of ["2021-03-31", "2021-06-30", "2021-09-30"].entries()) {
        const next = join(dir, `quarter${i + 2}-${basename(file.path)}`);
        const r = await runCli([prev, "--date", date, "--out", next]);
        expect(r.code).toBe(0);
        for (const sheet of ["RAG History", "Change Log"]) {
          const before = await rowsOf(prev, sheet);
          const after = await rowsOf(next, sheet);
          expect([sheet, after.slice(0, before.length)]).toEqual([sheet, before]);
          expect(after.length).toBeGreaterThan(before.length);
        }
        prev = next;
      }
      // By the fourth quarter the history holds more than the reader takes for the next quarter's report (the
      // snapshot before it and what follows).
      const recent = await loadWorkbook(prev, { reportFrom: parseIsoDay("2021-10-01")! });
      expect(recent.read.get("RAG History")!.dropped).toBeGreaterThan(0);
      const whole = await loadWorkbook(prev, { ownSheetRows: "all" });
      const quarters = whole.sheets
        .find((s) => s.name === "RAG History")!
        .values.slice(1)
        .map((r) => r[0]);
      expect([...new Set(quarters)]).toEqual(["Q3 2020/21", "Q4 2020/21", "Q1 2021/22", "Q2 2021/22"]);
      // The user's parts are still byte-identical four runs on.
      const a = await parts(await zipOf(file.path));
      const c = await parts(await zipOf(prev));
      expect(c.get("xl/charts/chart1.xml")!.equals(a.get("xl/charts/chart1.xml")!)).toBe(true);
    });
  }
});

test("a forged ProgrammeRAG_history marker on a user's sheet leaves that sheet alone", async () => {
  const src = corpus[0]!;
  const zip = await zipOf(src.path);
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  zip.file(
    "xl/workbook.xml",
    wb.replace(
      "<definedNames>",
      '<definedNames><definedName name="ProgrammeRAG_history">Lookups!$A$1</definedName>',
    ),
  );
  const forged = join(dir, "forged.xlsx");
  await writeFile(forged, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const out = join(dir, "forged-out.xlsx");
  const r = await runCli([forged, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    /sheet "Lookups" carries the tool's ProgrammeRAG_history marker but is not the tool's sheet/,
  );
  const a = await zipOf(forged);
  const b = await zipOf(out);
  expect(
    (await b.file("xl/worksheets/sheet4.xml")!.async("nodebuffer")).equals(
      await a.file("xl/worksheets/sheet4.xml")!.async("nodebuffer"),
    ),
  ).toBe(true);
  const names = (await loadWorkbook(out)).sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(["Lookups", "RAG History"]));
  expect(await b.file("xl/workbook.xml")!.async("string")).toMatch(
    /name="ProgrammeRAG_history">'RAG History'!\$A\$1</,
  );
});

describe.each([
  ["the chartsheet", "Spend chart", "'Spend chart'!$A$1", "xl/chartsheets/sheet1.xml"],
  ["the pivot sheet", "Pivot", "Pivot!$A$1", "xl/worksheets/sheet5.xml"],
])("a forged ProgrammeRAG_* marker on %s", (_what, sheet, ref, part) => {
  test.each([
    ["highlight", "Highlight Report"],
    ["history", "RAG History"],
    ["changelog", "Change Log"],
  ])(
    "ProgrammeRAG_%s: the sheet is kept, the name is said to be ignored, the tool's sheet is its own",
    async (role, own) => {
      const src = corpus[0]!;
      const zip = await zipOf(src.path);
      const wb = await zip.file("xl/workbook.xml")!.async("string");
      const marker = `ProgrammeRAG_${role}`;
      zip.file(
        "xl/workbook.xml",
        wb.replace("<definedNames>", `<definedNames><definedName name="${marker}">${ref}</definedName>`),
      );
      const forged = join(dir, `forged-${role}-${sheet.replace(/\W/g, "")}.xlsx`);
      await writeFile(forged, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      const out = join(dir, `forged-${role}-${sheet.replace(/\W/g, "")}-out.xlsx`);
      const r = await runCli([forged, "--date", "2020-12-31", "--out", out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        `sheet "${sheet}" carries the tool's ${marker} marker but is not the tool's sheet; it is left as it is`,
      );
      const a = await zipOf(forged);
      const b = await zipOf(out);
      const rels = part.replace(/([^/]+)$/, "_rels/$1.rels");
      for (const p of [part, rels].filter((x) => a.file(x)))
        expect([
          p,
          (await b.file(p)?.async("nodebuffer"))?.equals(await a.file(p)!.async("nodebuffer")),
        ]).toEqual([p, true]);
      const wbOut = await b.file("xl/workbook.xml")!.async("string");
      expect(wbOut).toContain(`name="${sheet}"`);
      expect(wbOut).toMatch(new RegExp(`name="${marker}">'${own}'!\\$A\\$1<`));
      expect((await loadWorkbook(out)).sheets.map((s) => s.name)).toContain(own);
    },
  );
});
