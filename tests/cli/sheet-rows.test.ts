/**
 * The one row scanner (src/adapters/file/sheet-rows.ts) serves the reader and the sheet rewriter: on tricky sheets
 * (inline strings, rich text, shared formulas, rows and cells without references, prefixed elements) both see the
 * same rows and the same cells, and the scanner hands every byte of the part on as it was.
 */
import { Readable } from "node:stream";
import JSZip from "jszip";
import { readWorksheet } from "../../src/adapters/file/read/read-sheet";
import { sheetRewriter } from "../../src/adapters/file/write/sheet-rewrite";
import type { CellWrite } from "../../src/adapters/file/write/sheet-rewrite";
import { eachCell, parseRef, RowScanner } from "../../src/adapters/file/sheet-rows";
import { Styles } from "../../src/adapters/file/styles";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** Rows whose attributes are written in single quotes (and one with spaces around "="), as some tools write them. */
const SINGLE_QUOTED =
  "<row r='1' spans='1:3'><c r='A1' t='inlineStr'><is><t>Ref</t></is></c><c r='B1' t='s'><v>0</v></c><c r='C1' s='0' t='inlineStr'><is><t xml:space='preserve'> kept </t></is></c></row>" +
  "<row r='3'><c r='B3'><v>2</v></c><c r = 'C3' t = 'str'><f>B3&amp;\"x\"</f><v>2x</v></c><c t='inlineStr'><is><t>D</t></is></c></row>" +
  "<row><c r='A4' t='b'><v>1</v></c><c r='E4' t='inlineStr'><is><t>it&apos;s</t></is></c></row>";

/** Sheets whose rows and cells are found in different ways. */
const SHEETS: Record<string, string> = {
  "references everywhere, inline strings, rich text and shared formulas":
    `<worksheet ${NS}><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>` +
    '<row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text</t></r></is></c></row>' +
    '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>2</v></c><c r="C2" t="inlineStr"><is><t>a &amp; b</t><rPh sb="0" eb="1"><t>X</t></rPh></is></c></row>' +
    '<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c><c r="C3" s="0"/></row>' +
    '<row r="5"><c r="A5"><v>4</v></c><c r="B5" t="str"><f>"x"&amp;A5</f><v>x4</v></c></row>' +
    '</sheetData><mergeCells count="1"><mergeCell ref="D1:E1"/></mergeCells></worksheet>',
  "rows without r= (each the row after the one before)":
    `<worksheet ${NS}><sheetData>` +
    '<row><c r="A1" t="inlineStr"><is><t>one</t></is></c></row>' +
    "<row><c><v>2</v></c><c><v>3</v></c></row>" +
    '<row r="6"><c r="B6"><v>6</v></c></row>' +
    '<row><c t="inlineStr"><is><t>seven</t></is></c></row>' +
    "<row/>" +
    '<row><c r="C9"><v>9</v></c></row>' +
    "</sheetData></worksheet>",
  "cells without r= after cells with one":
    `<worksheet ${NS}><sheetData>` +
    '<row r="1"><c r="C1"><v>3</v></c><c><v>4</v></c><c t="inlineStr"><is><t>E</t></is></c></row>' +
    '<row r="2"><c><v>1</v></c><c r="D2"><v>4</v></c><c><f>D2+1</f><v>5</v></c></row>' +
    "</sheetData></worksheet>",
  "a rowless row reference taken from its first cell":
    `<worksheet ${NS}><sheetData>` +
    '<row r="2"><c r="A2"><v>1</v></c></row>' +
    '<row><c r="B4"><v>2</v></c></row>' +
    "<row><c><v>3</v></c></row>" +
    "</sheetData></worksheet>",
  "prefixed elements, comments and whitespace between rows":
    '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\n  <!-- a note -->\n' +
    '  <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Name</x:t></x:is></x:c><x:c r="B1"><x:v>1</x:v></x:c></x:row>\n' +
    '  <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2"><x:f>B1+1</x:f><x:v>2</x:v></x:c></x:row>\n' +
    "</x:sheetData></x:worksheet>",
  // Legal XML other tools write: attributes in single quotes, spaces around "=". The same sheet as the test
  // below reads it in double quotes.
  "single-quoted attributes and spaces around =":
    `<worksheet ${NS}><sheetData>` + SINGLE_QUOTED + "</sheetData></worksheet>",
  "long rows and long gaps between them (longer than what the scanner keeps back)":
    `<worksheet ${NS}><sheetData>` +
    " ".repeat(700) +
    '<row r="1">' +
    Array.from(
      { length: 50 },
      (_, c) => `<c r="${c < 26 ? "" : "A"}${String.fromCharCode(65 + (c % 26))}1"><v>${c}</v></c>`,
    ).join("") +
    "</row>" +
    `<!-- ${"note ".repeat(120)}-->` +
    '<row r="3"><c r="A3" t="inlineStr"><is><t>' +
    "x".repeat(900) +
    "</t></is></c></row>" +
    " ".repeat(300) +
    "</sheetData></worksheet>",
};

async function read(xml: string) {
  const zip = new JSZip();
  zip.file("xl/worksheets/sheet1.xml", xml);
  await zip.loadAsync(await zip.generateAsync({ type: "uint8array" }));
  return readWorksheet("t.xlsx", zip, "xl/worksheets/sheet1.xml", "S", true, ["shared"], null, false);
}

async function rewrite(xml: string, writes: Map<number, Map<number, CellWrite>>): Promise<string> {
  const chunks: Buffer[] = [];
  // Fed a few bytes at a time, so rows and tags are cut across chunks.
  const bytes = Buffer.from(xml, "utf8");
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
  for await (const c of Readable.from(pieces).pipe(sheetRewriter({ writes })) as AsyncIterable<Buffer>)
    chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

/** Every (row, col) the reader gives a value, as "r,c". */
function filled(values: readonly (readonly unknown[])[]): string[] {
  const out: string[] = [];
  values.forEach((row, r) => row.forEach((v, c) => v != null && v !== "" && out.push(`${r},${c}`)));
  return out;
}

describe.each(Object.entries(SHEETS))("%s", (_, xml) => {
  test("the scanner hands every byte on as it was, however the part is cut", () => {
    for (const size of [1, 3, 64, xml.length]) {
      let again = "";
      const rows: number[] = [];
      const add = (t: string) => {
        again += t;
      };
      const s = new RowScanner({
        head: add,
        open: add,
        gap: add,
        row: (x, i) => {
          again += x;
          rows.push(i);
        },
        end: add,
        tail: add,
      });
      for (let i = 0; i < xml.length; i += size) s.push(xml.slice(i, i + size));
      s.finish();
      expect(again).toBe(xml);
      expect(rows.length).toBe((xml.match(/<(\w+:)?row\b/g) ?? []).length);
    }
  });

  test("the rewriter writes exactly the cells the reader sees, in their places", async () => {
    const before = await read(xml);
    const cells = filled(before.grid.values);
    expect(cells.length).toBeGreaterThan(0);
    const writes = new Map<number, Map<number, CellWrite>>();
    for (const rc of cells) {
      const [r, c] = rc.split(",").map(Number) as [number, number];
      if (!writes.has(r)) writes.set(r, new Map());
      writes.get(r)!.set(c, { text: `R${r}C${c}`, style: (own) => own });
    }
    const out = await rewrite(xml, writes);
    const after = await read(out);
    // The same cells hold a value (none added beside them, none lost), and each holds what was written there.
    expect(filled(after.grid.values)).toEqual(cells);
    for (const rc of cells) {
      const [r, c] = rc.split(",").map(Number) as [number, number];
      expect(after.grid.values[r]![c]).toBe(`R${r}C${c}`);
    }
    // No cell element is duplicated: each row has as many cells as before.
    const countCells = (x: string) => (x.match(/<(\w+:)?c\b/g) ?? []).length;
    expect(countCells(out)).toBe(countCells(xml));
  });

  test("the rewriter leaves a sheet it writes nothing to byte for byte", async () => {
    expect(await rewrite(xml, new Map())).toBe(xml);
  });
});

test("rows and cells without references get the indexes the reader gives them", async () => {
  const { grid, formulaCells } = await read(SHEETS["rows without r= (each the row after the one before)"]!);
  expect(grid.values[0]).toEqual(["one"]);
  expect(grid.values[1]).toEqual([2, 3]);
  expect(grid.values[5]).toEqual([null, 6]);
  expect(grid.values[6]).toEqual(["seven"]);
  expect(grid.values[8]).toEqual([null, null, 9]);
  const second = await read(SHEETS["cells without r= after cells with one"]!);
  expect(second.grid.values[0]).toEqual([null, null, 3, 4, "E"]);
  expect(second.grid.values[1]).toEqual([1, null, null, 4, 5]);
  expect([...formulaCells.keys()]).toEqual([]);
  expect([...second.formulaCells.get(1)!]).toEqual([4]);
  const third = await read(SHEETS["a rowless row reference taken from its first cell"]!);
  expect(third.grid.values[3]).toEqual([null, 2]);
  expect(third.grid.values[4]).toEqual([3]);
});

test("inline rich text reads as its text without phonetic runs; shared formulas read their cached values", async () => {
  const { grid, formulaCells } = await read(
    SHEETS["references everywhere, inline strings, rich text and shared formulas"]!,
  );
  expect(grid.values[0]).toEqual(["Ref", "shared", "Rich text"]);
  expect(grid.values[1]).toEqual([1, 2, "a & b"]);
  expect(grid.values[2]).toEqual([2, 4]);
  expect(grid.values[4]).toEqual([4, "x4"]);
  expect([...formulaCells.keys()]).toEqual([1, 2, 4]);
});

test("a cell's type and style attributes and its inline string read the same however they are written", async () => {
  const row = (cells: string) => `<row r="1">${cells}</row>`;
  const xml =
    "<worksheet><sheetData>" +
    row(
      // The tool's own inline strings (one plain <t>, kept spaces or not, entities), then others: rich text, an
      // empty <t>, a <t> with markup inside, a formula with an inline string.
      '<c r="A1" t="inlineStr"><is><t xml:space="preserve">  a &amp; b </t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t>plain</t></is></c>' +
        '<c r="C1" t="inlineStr"><is><r><t>ri</t></r><r><t>ch</t></r></is></c>' +
        '<c r="D1" t="inlineStr"><is><t></t></is></c>' +
        '<c r="E1" t="inlineStr"><is><t>x</t><rPh><t>y</t></rPh></is></c>' +
        '<c r="F1" t="inlineStr"><f>A1</f><is><t>by formula</t></is></c>' +
        // Attributes in other orders and spacing; a "t" or "s" only as the end of another attribute's name; a
        // style that is not a number.
        '<c t="s"\tr="G1"><v>0</v></c>' +
        '<c xt="s" r="H1"><v>7</v></c>' +
        '<c r="I1" ns="2" s="x" s="0"><v>8</v></c>' +
        '<c r="J1"\nt="str"><v>0</v></c>',
    ) +
    "</sheetData></worksheet>";
  const { grid, formulaCells } = await read(xml);
  expect(grid.values[0]).toEqual(["  a & b ", "plain", "rich", null, "x", "by formula", "shared", 7, 8, "0"]);
  expect([...formulaCells.get(0)!]).toEqual([5]);
});

test("text between rows is handed on as it comes, not held back until a row or the end", () => {
  // A part of nothing but whitespace inside sheetData (800 MB of it inflated from under 1 MB took the reader over
  // ten minutes: the held text was searched again with every chunk).
  let gap = 0;
  const s = new RowScanner({ gap: (t) => (gap += t.length), row: () => undefined });
  s.push(`<worksheet ${NS}><sheetData>`);
  const chunk = " ".repeat(4096);
  for (let i = 0; i < 256; i++) s.push(chunk);
  expect(gap).toBeGreaterThanOrEqual(256 * 4096 - 256);
  s.push("</sheetData></worksheet>");
  s.finish();
  expect(gap).toBe(256 * 4096);
});

test("eachCell finds the cells the pattern it replaced found, on rows made of any mix of the pieces cells have", () => {
  // The pattern eachCell used to run (and the r= pattern), as the reference.
  const CELL_RE = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
  const reference = (xml: string) => {
    const out: unknown[] = [];
    CELL_RE.lastIndex = xml.indexOf(">") + 1;
    let col = -1;
    let m: RegExpExecArray | null;
    while ((m = CELL_RE.exec(xml)) !== null) {
      const ref = /\sr="([^"]*)"/.exec(m[1]!);
      if (ref) col = parseRef(ref[1]!)[1];
      else col++;
      out.push([m.index, m.index + m[0].length, m[1], m[2], col, ref !== null]);
    }
    return out;
  };
  const PIECES = [
    "<c",
    "<x:c",
    "<c:c",
    "<cc",
    "<col",
    "<c-x",
    "<c.x:c",
    "</c>",
    "</x:c>",
    "</c:c>",
    "</cx>",
    "</",
    "<",
    ">",
    "/>",
    "/",
    " ",
    "\t",
    "\n",
    ' r="A1"',
    ' r="B7"',
    'r="C2"',
    ' r=""',
    ' r="D',
    ' t="s"',
    ' s="3"',
    "<v>1</v>",
    "<v>",
    "</v>",
    "<f>SUM(A1)</f>",
    "<is><t>x</t></is>",
    "<is><r><t>a</t></r></is>",
    "a",
    ":",
    "-",
    ".",
    "c",
    "x",
    '"',
  ];
  let seed = 14;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 20_000; n++) {
    let xml = next() < 0.8 ? '<row r="1">' : "";
    const len = Math.floor(next() * 24);
    for (let i = 0; i < len; i++) xml += PIECES[Math.floor(next() * PIECES.length)];
    const got: unknown[] = [];
    eachCell(xml, (c) => void got.push([c.start, c.end, c.attrs, c.inner, c.col, c.hasRef]));
    expect([xml, got]).toEqual([xml, reference(xml)]);
  }
});

test("eachCell gives each cell's place in the row's XML", () => {
  const row = '<row r="3"><c r="B3"><v>1</v></c><c/><c r="E3" s="2"/></row>';
  const seen: [number, string, boolean][] = [];
  eachCell(row, (c) => {
    seen.push([c.col, row.slice(c.start, c.end), c.hasRef]);
  });
  expect(seen).toEqual([
    [1, '<c r="B3"><v>1</v></c>', true],
    [2, "<c/>", false],
    [4, '<c r="E3" s="2"/>', true],
  ]);
});

test("the file reader hands a sheet's merged areas to the engine on its grid (a money cell merged over items is named)", async () => {
  const got = await read(SHEETS["references everywhere, inline strings, rich text and shared formulas"]!);
  expect(got.grid.merges).toEqual([{ row: 0, col: 3, rows: 1, cols: 2 }]);
});

test("a row of plain cells (read in one pass) gives what the general reading gives the same row", async () => {
  // The reader reads a row whose cells are all as the tool and Excel write the plain ones without the general
  // scan (read-sheet.ts's plainRow); a space between the cells makes the same row one for the general reading.
  const styles = new Styles(
    `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="3"/><xf numFmtId="49"/></cellXfs></styleSheet>',
  );
  const rows = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Ref &amp; x</t></is></c><c r="B1" s="1"><v>44012</v></c>' +
      '<c r="C1" s="2"><v>-3.5</v></c><c r="D1" t="s"><v>0</v></c><c r="E1" s="2"/>' +
      '<c r="F1" s="3" t="inlineStr"><is><t xml:space="preserve"></t></is></c>' +
      '<c r="G1" s="3" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c><c r="H1"><v></v></c>' +
      '<c r="I1" t="n"><v>1e3</v></c><c r="J1" s="2"><v>a&lt;b</v></c><c r="K1" s="1"><v>  </v></c>' +
      '<c r="AA1"><v>7</v></c><c r="C1"><v>8</v></c><c r="L1" t="s"><v>9</v></c><c r="M1" s="0012"><v>1</v></c></row>',
    '<row r="2" spans="1:3" x14ac:dyDescent="0.25"><c r="A2" s="0"><v>1</v></c><c r="$B$2" t="s"><v>0</v></c></row>',
    // Rows that are not all plain: read by the general reading, whatever their first cells were.
    '<row r="3"><c r="A3"><v>1</v></c><c r="B3"><f>A3+1</f><v>2</v></c><c r="C3"><f>A3</f></c></row>',
    '<row r="4"><c r="A4"><v>1</v></c><c r="b4"><v>2</v></c></row>',
    '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="str"><v>x</v></c><c r="C5" t="e"><v>#REF!</v></c></row>',
    '<row r="6"><c r="A6" t="inlineStr"><v>9</v></c><c r="B6" t="inlineStr"><is><t>a</t><t>b</t></is></c></row>',
    '<row r="7"><c r="A7" s="x1"><v>1</v></c><c r="B7" s="1" t="inlineStr" cm="1"><is><t>q</t></is></c></row>',
    '<row r="8"><c r="A8" t="s" s="1"><v>0</v></c><c r="B8"><v>1</v><extLst/></c><c><v>3</v></c></row>',
  ];
  const sheet = (rs: string[]) => `<worksheet ${NS}><sheetData>${rs.join("")}</sheetData></worksheet>`;
  const spaced = rows.map((r) => r.replace(/<\/c>(?=<c)|\/>(?=<c)/g, (m) => `${m} `));
  expect(spaced).not.toEqual(rows);
  const readWith = async (xml: string) => {
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", xml);
    await zip.loadAsync(await zip.generateAsync({ type: "uint8array" }));
    const r = await readWorksheet(
      "t.xlsx",
      zip,
      "xl/worksheets/sheet1.xml",
      "S",
      true,
      ["shared"],
      styles,
      false,
    );
    return {
      grid: r.grid,
      uncalculated: r.uncalculated,
      formulas: [...r.formulaCells].map(([k, s]) => [k, [...s]]),
    };
  };
  const plain = await readWith(sheet(rows));
  const general = await readWith(sheet(spaced));
  expect(plain).toEqual(general);
  // What the plain rows hold, as the general reading reads them.
  expect(plain.grid.values[0]!.slice(0, 14)).toEqual([
    "Ref & x",
    new Date(Date.UTC(2020, 5, 30)),
    8,
    "shared",
    null,
    null,
    " padded ",
    null,
    1000,
    "a<b",
    "  ",
    null,
    1,
    null,
  ]);
  expect(plain.grid.numberFormats![0]!.slice(0, 7)).toEqual([
    null,
    "dd/mm/yyyy",
    "#,##0",
    null,
    null,
    "@",
    "@",
  ]);
});

test("single-quoted attributes read, and rewrite, as double-quoted ones do", async () => {
  const quoted = SHEETS["single-quoted attributes and spaces around ="]!;
  const double = quoted.replace(/\s*=\s*'([^']*)'/g, '="$1"');
  expect(double).not.toContain("'");
  const a = await read(quoted);
  const b = await read(double);
  expect(a.grid.values).toEqual(b.grid.values);
  expect(a.grid.values).toEqual([
    ["Ref", "shared", " kept "],
    [],
    [null, 2, "2x", "D"],
    [true, null, null, null, "it's"],
  ]);
  expect([...a.formulaCells.get(2)!]).toEqual([2]);
  // A written cell lands on the cell the reader read there (replaced, never a second cell beside it), and a cell
  // given a reference is given one only when it has none.
  const writes = new Map([
    [0, new Map([[1, { text: "B1!", style: (own: number) => own }]])],
    [2, new Map([[3, { text: "D3!", style: (own: number) => own }]])],
    [3, new Map([[4, { text: "E4!", style: (own: number) => own }]])],
  ]);
  const out = await rewrite(quoted, writes);
  const after = await read(out);
  expect(after.grid.values).toEqual([
    ["Ref", "B1!", " kept "],
    [],
    [null, 2, "2x", "D3!"],
    [true, null, null, null, "E4!"],
  ]);
  expect(out).not.toMatch(/<c r="[A-Z]+\d+" r=/);
  expect(out).not.toMatch(/spans/);
});

test("single-quoted merges and sheet protection after the rows are read", async () => {
  const got = await read(
    `<worksheet ${NS}><sheetData>${SINGLE_QUOTED}</sheetData><sheetProtection sheet='1' objects='1'/>` +
      "<mergeCells count='1'><mergeCell ref='A3:B3'/></mergeCells></worksheet>",
  );
  expect(got.grid.merges).toEqual([{ row: 2, col: 0, rows: 1, cols: 2 }]);
  expect(got.protected).toBe(true);
});
