/**
 * Package variations other writers make (issue 14's acceptance audit): one small programme written many ways, each
 * as the raw bytes a user would have. The zip layouts (stored entries, data descriptors, zip64) come from
 * `zip-writer.ts`; the XML variations are written by hand here:
 *
 * - `stored`, `descriptors`, `zip64`, `zip64-stored-descriptors`: the same parts in other zip layouts;
 * - `odd-case`: part names whose case differs from the relationships that point at them (OPC part names are
 *   case-insensitive: ECMA-376 Part 2, 6.2.2.3), with a `.XML` extension;
 * - `prefixed-full`: every part with an `x:` prefix, shared strings and styles included;
 * - `rich-text`: header and RAG words as rich-text shared strings (runs and a phonetic run);
 * - `shared-formula-rag`: the RAG column one shared formula (J2:J4), cached values as strings;
 * - `errors`: error values (`t="e"`) in the money columns;
 * - `dimension-lies`: a `<dimension ref="A1"/>` on a sheet that runs to K4;
 * - `beyond-xfd`: a cell reference past column XFD (Excel's last);
 * - `protected-programme`: the programme sheet protected, its cells locked (the default);
 * - `protected-unlocked`: the programme sheet protected, its RAG column's cells unlocked;
 * - `single-quoted`: every part's attributes in single quotes (`<c r='A1' t='inlineStr'>`), legal XML that some
 *   tools write, with a merge, a tab selection and an active tab, print titles on the Notes sheet, and a stale
 *   ProgrammeRAG_changelog marker (its sheet gone) to replace.
 *
 *   npx tsx scripts/corpus/make-variants.ts out-dir     writes the files
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ZipEntry, ZipOptions } from "./zip-writer";
import { writeZip } from "./zip-writer";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = (t: string) => `${R}/${t}`;
const T_WS = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const T_WB = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const T_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const T_STY = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

export const HEADER = [
  "Project ID",
  "Project",
  "Project Manager",
  "Budget",
  "Spend",
  "Forecast",
  "Start",
  "End",
  "% Complete",
  "RAG",
];
/** Three items (dates as 1900 serials: 01/06/2020, 31/03/2021, 01/04/2020, 31/12/2020, 01/07/2020, 28/02/2021). */
export const ITEMS: (string | number)[][] = [
  ["PRJ-01", "Intranet replacement", "K. Shaw", 28000, 12000, 28000, 43983, 44286, 0.4, "Amber"],
  ["PRJ-02", "Scanning of planning files", "L. Hart", 15000, 15500, 15500, 43922, 44196, 1, "Green"],
  ["PRJ-03", "Fleet telematics", "M. Fox", 42000, 30000, 47000, 44013, 44255, 0.5, "Red"],
];
const DATE_COLS = new Set([6, 7]);

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const col = (c: number) => String.fromCharCode(65 + c);

export interface Variant {
  name: string;
  path: string;
  /** What the variant checks, in words (for the test's name). */
  about: string;
}

interface Parts {
  /** Cells by reference, raw XML (without the prefix applied: `p` stands for it). */
  cells: (p: string) => string;
  sheetHead?: (p: string) => string;
  sheetTail?: (p: string) => string;
  sharedStrings?: string[];
  prefix?: string;
  partName?: (name: string) => string;
  styles?: (p: string) => string;
  /** The workbook view's attributes, and what follows the sheet list (defined names). */
  workbookView?: string;
  workbookTail?: (p: string) => string;
}

/** The programme's rows: strings inline (or shared, by index into `sst`), numbers, dates with style 1. */
function rowsXml(
  p: string,
  sst: Map<string, number> | null,
  change?: (r: number, c: number) => string | null,
) {
  const all = [HEADER, ...ITEMS];
  let out = "";
  all.forEach((row, r) => {
    out += `<${p}row r="${r + 1}">`;
    row.forEach((v, c) => {
      const ref = `${col(c)}${r + 1}`;
      const own = change?.(r, c);
      if (own !== null && own !== undefined) {
        out += own;
        return;
      }
      if (typeof v === "number") {
        const s = r > 0 && DATE_COLS.has(c) ? ' s="1"' : r > 0 && c === 8 ? ' s="2"' : "";
        out += `<${p}c r="${ref}"${s}><${p}v>${v}</${p}v></${p}c>`;
      } else if (sst?.has(v)) out += `<${p}c r="${ref}" t="s"><${p}v>${sst.get(v)}</${p}v></${p}c>`;
      else out += `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`;
    });
    out += `</${p}row>`;
  });
  return out;
}

const STYLES = (p: string) =>
  `<${p}styleSheet xmlns${p ? ":" + p.slice(0, -1) : ""}="${MAIN}">` +
  `<${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></${p}numFmts>` +
  `<${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts>` +
  `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>` +
  `<${p}borders count="1"><${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border></${p}borders>` +
  `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
  `<${p}cellXfs count="4"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<${p}xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<${p}xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyProtection="1"><${p}protection locked="0"/></${p}xf></${p}cellXfs>` +
  `<${p}cellStyles count="1"><${p}cellStyle name="Normal" xfId="0" builtinId="0"/></${p}cellStyles>` +
  `</${p}styleSheet>`;

function rels(list: [string, string, string][]): string {
  return (
    DECL +
    `<Relationships xmlns="${PR}">` +
    list
      .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
      .join("") +
    "</Relationships>"
  );
}

/** The package's entries for one programme sheet and a notes sheet. */
function entries(parts: Parts): ZipEntry[] {
  const p = parts.prefix ?? "";
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const name = parts.partName ?? ((n: string) => n);
  const sheet =
    DECL +
    `<${p}worksheet ${ns} xmlns:r="${R}">` +
    (parts.sheetHead?.(p) ?? "") +
    `<${p}sheetData>${parts.cells(p)}</${p}sheetData>` +
    (parts.sheetTail?.(p) ?? "") +
    `</${p}worksheet>`;
  const notes =
    DECL +
    `<${p}worksheet ${ns}><${p}sheetData><${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>Notes for the meeting</${p}t></${p}is></${p}c></${p}row></${p}sheetData></${p}worksheet>`;
  const sst = parts.sharedStrings;
  const list: ZipEntry[] = [
    {
      name: "[Content_Types].xml",
      data:
        DECL +
        `<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/${name("xl/workbook.xml")}" ContentType="${T_WB}"/>` +
        `<Override PartName="/${name("xl/worksheets/sheet1.xml")}" ContentType="${T_WS}"/>` +
        `<Override PartName="/${name("xl/worksheets/sheet2.xml")}" ContentType="${T_WS}"/>` +
        `<Override PartName="/${name("xl/styles.xml")}" ContentType="${T_STY}"/>` +
        (sst ? `<Override PartName="/${name("xl/sharedStrings.xml")}" ContentType="${T_SST}"/>` : "") +
        "</Types>",
    },
    { name: "_rels/.rels", data: rels([["rId1", REL("officeDocument"), "xl/workbook.xml"]]) },
    {
      name: name("xl/workbook.xml"),
      data:
        DECL +
        `<${p}workbook ${ns} xmlns:r="${R}"><${p}bookViews><${p}workbookView${parts.workbookView ?? ""}/></${p}bookViews><${p}sheets>` +
        `<${p}sheet name="Programme" sheetId="1" r:id="rId1"/><${p}sheet name="Notes" sheetId="2" r:id="rId2"/>` +
        `</${p}sheets>${parts.workbookTail?.(p) ?? ""}</${p}workbook>`,
    },
    {
      name: name("xl/_rels/workbook.xml.rels"),
      data: rels([
        ["rId1", REL("worksheet"), "worksheets/sheet1.xml"],
        ["rId2", REL("worksheet"), "worksheets/sheet2.xml"],
        ["rId3", REL("styles"), "styles.xml"],
        ...(sst ? ([["rId4", REL("sharedStrings"), "sharedStrings.xml"]] as [string, string, string][]) : []),
      ]),
    },
    { name: name("xl/worksheets/sheet1.xml"), data: sheet },
    { name: name("xl/worksheets/sheet2.xml"), data: notes },
    { name: name("xl/styles.xml"), data: DECL + (parts.styles ?? STYLES)(p) },
  ];
  if (sst)
    list.push({
      name: name("xl/sharedStrings.xml"),
      data:
        DECL +
        `<${p}sst ${ns} count="${sst.length}" uniqueCount="${sst.length}">` +
        sst.map((s) => (s.startsWith("<") ? s : `<${p}si><${p}t>${esc(s)}</${p}t></${p}si>`)).join("") +
        `</${p}sst>`,
    });
  return list;
}

const plain: Parts = { cells: (p) => rowsXml(p, null) };

function variants(): { name: string; about: string; entries: ZipEntry[]; zip?: ZipOptions }[] {
  const sstWords = [...new Set([...HEADER, ...ITEMS.flatMap((r) => r.filter((v) => typeof v === "string"))])];
  const sstIndex = new Map(sstWords.map((w, i) => [w as string, i]));
  return [
    { name: "stored", about: "entries stored, not deflated", entries: entries(plain), zip: { method: 0 } },
    {
      name: "descriptors",
      about: "sizes in data descriptors",
      entries: entries(plain),
      zip: { descriptors: true },
    },
    { name: "zip64", about: "zip64 records", entries: entries(plain), zip: { zip64: true } },
    {
      name: "zip64-stored-descriptors",
      about: "zip64, stored, data descriptors",
      entries: entries(plain),
      zip: { zip64: true, method: 0, descriptors: true },
    },
    {
      name: "odd-case",
      about: "part names in another case than their relationships",
      entries: entries({
        ...plain,
        partName: (n) =>
          n === "xl/workbook.xml"
            ? n
            : n.replace("worksheets/sheet", "Worksheets/Sheet").replace(/\.xml$/, ".XML"),
      }),
    },
    {
      name: "prefixed-full",
      about: "x: prefixes on every part, shared strings and styles included",
      entries: entries({
        prefix: "x:",
        sharedStrings: sstWords as string[],
        cells: (p) => rowsXml(p, sstIndex),
      }),
    },
    {
      name: "rich-text",
      about: "rich-text shared strings in the header and the RAG column",
      entries: entries({
        sharedStrings: [
          '<si><r><rPr><b/></rPr><t>Project</t></r><r><t xml:space="preserve"> ID</t></r></si>',
          '<si><r><t>Am</t></r><r><rPr><i/></rPr><t>ber</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>',
          '<si><t>RAG</t><rPh sb="0" eb="3"><t>ignored</t></rPh></si>',
        ],
        cells: (p) =>
          rowsXml(p, null, (r, c) =>
            r === 0 && c === 0
              ? `<c r="A1" t="s"><v>0</v></c>`
              : r === 0 && c === 9
                ? `<c r="J1" t="s"><v>2</v></c>`
                : r === 1 && c === 9
                  ? `<c r="J2" t="s"><v>1</v></c>`
                  : null,
          ),
      }),
    },
    {
      name: "shared-formula-rag",
      about: "the RAG column one shared formula",
      entries: entries({
        cells: (p) =>
          rowsXml(p, null, (r, c) => {
            if (c !== 9 || r === 0) return null;
            const f =
              r === 1
                ? `<${p}f t="shared" ref="J2:J4" si="0">IF(F2&gt;D2,"Red","Green")</${p}f>`
                : `<${p}f t="shared" si="0"/>`;
            const v = (ITEMS[r - 1]![5] as number) > (ITEMS[r - 1]![3] as number) ? "Red" : "Green";
            return `<${p}c r="J${r + 1}" t="str">${f}<${p}v>${v}</${p}v></${p}c>`;
          }),
      }),
    },
    {
      name: "errors",
      about: "error values in the money columns",
      entries: entries({
        cells: (p) =>
          rowsXml(p, null, (r, c) =>
            r === 2 && c === 4
              ? `<${p}c r="E3" t="e"><${p}f>VLOOKUP(A3,Notes!A:B,2,FALSE)</${p}f><${p}v>#N/A</${p}v></${p}c>`
              : r === 3 && c === 5
                ? `<${p}c r="F4" t="e"><${p}v>#DIV/0!</${p}v></${p}c>`
                : null,
          ),
      }),
    },
    {
      name: "dimension-lies",
      about: "a <dimension> smaller than the sheet",
      entries: entries({ ...plain, sheetHead: (p) => `<${p}dimension ref="A1"/>` }),
    },
    {
      name: "beyond-xfd",
      about: "a cell past column XFD",
      entries: entries({
        cells: (p) =>
          rowsXml(p, null, (r, c) =>
            r === 2 && c === 9
              ? `<${p}c r="J3" t="inlineStr"><${p}is><${p}t>Green</${p}t></${p}is></${p}c><${p}c r="XFE3"><${p}v>1</${p}v></${p}c>`
              : null,
          ),
      }),
    },
    {
      name: "protected-programme",
      about: "the programme sheet protected with its cells locked",
      entries: entries({
        ...plain,
        sheetTail: (p) => `<${p}sheetProtection sheet="1" objects="1" scenarios="1"/>`,
      }),
    },
    {
      name: "protected-unlocked",
      about: "the programme sheet protected, its RAG cells unlocked and formatting allowed",
      entries: entries({
        cells: (p) =>
          rowsXml(p, null, (r, c) =>
            c === 9 && r > 0
              ? `<${p}c r="J${r + 1}" s="3" t="inlineStr"><${p}is><${p}t>${ITEMS[r - 1]![9]}</${p}t></${p}is></${p}c>`
              : null,
          ),
        sheetTail: (p) => `<${p}sheetProtection sheet="1" objects="1" scenarios="1" formatCells="0"/>`,
      }),
    },
    {
      name: "single-quoted",
      about: "every part's attributes in single quotes",
      entries: entries({
        ...plain,
        sheetHead: (p) =>
          `<${p}sheetViews><${p}sheetView tabSelected="1" workbookViewId="0"/></${p}sheetViews>`,
        sheetTail: (p) => `<${p}mergeCells count="1"><${p}mergeCell ref="L1:M1"/></${p}mergeCells>`,
        workbookView: ' activeTab="0" firstSheet="0"',
        workbookTail: (p) =>
          `<${p}definedNames><${p}definedName name="_xlnm.Print_Titles" localSheetId="1">Notes!$1:$1</${p}definedName>` +
          `<${p}definedName name="ProgrammeRAG_changelog">'Change Log'!$A$1</${p}definedName></${p}definedNames>`,
      }).map((e) => ({ ...e, data: String(e.data).replace(/(\s[\w:.-]+)="([^"]*)"/g, "$1='$2'") })),
    },
  ];
}

export function makeVariants(dir: string): Variant[] {
  mkdirSync(dir, { recursive: true });
  return variants().map((v) => {
    const path = join(dir, `${v.name}.xlsx`);
    writeFileSync(path, writeZip(v.entries, v.zip));
    return { name: v.name, path, about: v.about };
  });
}

if (require.main === module) {
  for (const v of makeVariants(process.argv[2] ?? "out/variants")) console.log(v.path);
}
