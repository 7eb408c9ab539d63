/**
 * Bad packages are refused early with words a user can act on (exit 1), and the small promises of --out, --date,
 * --config and CSV reading hold. Each input is made here, as the bytes a user would have.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { makeCorpus } from "../../scripts/corpus/make-corpus";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import { runCli } from "./run-cli";

const root = join(__dirname, "..", "..");
const sample = join(root, "samples", "ict-strategy-programme.xlsx");
jest.setTimeout(60_000);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-bad-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, data: Buffer | string): string => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

async function zipWith(files: Record<string, string | Buffer>, store = false): Promise<Buffer> {
  const z = new JSZip();
  for (const [k, v] of Object.entries(files)) z.file(k, v);
  return z.generateAsync({ type: "nodebuffer", compression: store ? "STORE" : "DEFLATE" });
}

/** Sets the uncompressed size a zip's central directory declares for an entry. */
function declareSize(zip: Buffer, entry: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLen = out.readUInt16LE(i + 28);
    if (out.toString("utf8", i + 46, i + 46 + nameLen) === entry) {
      out.writeUInt32LE(size, i + 24);
      return out;
    }
  }
  throw new Error(`no entry ${entry}`);
}

const CT =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>';
const rootRels = (type: string, target: string) =>
  `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${type}" Target="${target}"/></Relationships>`;
const OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

async function refused(path: string, message: RegExp): Promise<void> {
  const t0 = Date.now();
  const r = await runCli([path, "--date", "2020-12-31", "--out", join(dir, "never.xlsx")]);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(1);
  expect(Date.now() - t0).toBeLessThan(20_000); // "within seconds", generously for a loaded machine
}

describe("packages that are not workbooks are refused with words a user can act on", () => {
  test("a password-protected workbook (OLE with EncryptionInfo)", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1000),
      Buffer.from("EncryptionInfo", "utf16le"),
      Buffer.alloc(1000),
    ]);
    await refused(
      file("locked.xlsx", ole),
      /this workbook is password-protected; open it in Excel and save it without a password/,
    );
  });
  test("an .xls renamed .xlsx", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(4000),
    ]);
    await refused(
      file("old.xlsx", ole),
      /Excel 97-2003 \(.xls\) file, not an .xlsx; open it in Excel and save it as .xlsx/,
    );
  });
  test("an .ods renamed .xlsx", async () => {
    const ods = await zipWith(
      { mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" },
      true,
    );
    await refused(file("calc.xlsx", ods), /OpenDocument \(.ods\) spreadsheet, not an .xlsx/);
  });
  test("an .xlsb renamed .xlsx", async () => {
    const xlsb = await zipWith({
      "[Content_Types].xml": `${CT}<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`,
      "_rels/.rels": rootRels(OFFICE_DOC, "xl/workbook.bin"),
      "xl/workbook.bin": Buffer.alloc(100, 1),
    });
    await refused(file("binary.xlsx", xlsb), /Excel binary workbook \(.xlsb\)/);
  });
  test("a Strict Open XML workbook", async () => {
    const strict = await zipWith({
      "[Content_Types].xml": `${CT}<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      "_rels/.rels": rootRels(
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
        "xl/workbook.xml",
      ),
      "xl/workbook.xml": '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>',
    });
    await refused(file("strict.xlsx", strict), /"Strict Open XML", which is not supported/);
  });
  test("a zip that is not a workbook", async () => {
    await refused(
      file("photos.xlsx", await zipWith({ "a.txt": "hello" })),
      /a zip file, but not an Excel workbook/,
    );
  });
  test.each(["empty.xlsx", "empty.csv"])(
    "a file of no bytes (%s: a sync or download not finished)",
    async (name) => {
      await refused(file(name, ""), /the file is empty \(0 bytes\), so there is nothing to read/);
    },
  );
  test("a file that is not a zip at all", async () => {
    await refused(file("text.xlsx", "just text"), /not an Excel workbook/);
  });
  test("a damaged entry is named", async () => {
    const corpus = await makeCorpus(join(dir, "corpus"));
    const zip = await JSZip.loadAsync(readFileSync(corpus[2]!.path));
    zip.file(
      "xl/worksheets/sheet1.xml",
      "<x:worksheet xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><x:sheetData><x:row>",
    );
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    await refused(
      file("cut.xlsx", bytes),
      /the part xl\/worksheets\/sheet1.xml \(sheet "Projects"\) is damaged/,
    );
    // Compressed bytes that do not inflate.
    const raw = Buffer.from(readFileSync(corpus[2]!.path));
    const at = raw.indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length;
    for (let i = at + 20; i < at + 60; i++) raw[i] = 0xff;
    await refused(
      file("garbled.xlsx", raw),
      /the part xl\/worksheets\/sheet1.xml.* is damaged|zip package is damaged/,
    );
  });
});

describe("a damaged part is named in plain words, with what to do, never in zlib's or JSZip's words", () => {
  const sample = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
  const JARGON =
    /invalid (distance|bit length|literal|code|stored|block)|too far back|incorrect header|Z_[A-Z]+_ERROR|Corrupted zip|central directory|unexpected signature/i;
  /** The sample with the compressed bytes of `part` overwritten a little way into its data. */
  const garbled = (part: string): Buffer => {
    const raw = Buffer.from(readFileSync(sample));
    const at = raw.indexOf(part) + part.length;
    for (let i = at + 20; i < at + 60; i++) raw[i] = 0xff;
    return raw;
  };
  const plain = async (path: string, message: RegExp) => {
    const r = await runCli([path, "--date", "2020-12-31", "--out", join(dir, "never.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(JARGON);
    expect(r.stderr).toMatch(
      /open the workbook in Excel \(it offers to repair a damaged file\) and save it again/,
    );
  };
  test.each([
    ["xl/worksheets/sheet1.xml", 'sheet "Programme of Works"'],
    ["xl/sharedStrings.xml", "the workbook's table of text"],
    ["xl/styles.xml", "the workbook's cell formats"],
    ["xl/workbook.xml", "the workbook's list of sheets"],
  ])("compressed bytes of %s that do not unpack", async (part, what) => {
    const name = part.replace(/\W/g, "-");
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    await plain(
      file(`garbled-${name}.xlsx`, garbled(part)),
      new RegExp(
        `the part ${esc(part)} \\(${esc(what)}\\) is damaged: its compressed data cannot be unpacked`,
      ),
    );
  });
  test("a file cut short (a download that did not finish)", async () => {
    const data = readFileSync(sample);
    await plain(
      file("cut-short.xlsx", data.subarray(0, data.length >> 1)),
      /the file is damaged: the list of its parts/,
    );
  });
  test.each([
    [
      "xl/sharedStrings.xml",
      "the workbook's table of text",
      (x: string) => x.replace("<t>", "<t>Fees & charges "),
    ],
    ["xl/workbook.xml", "the workbook's list of sheets", (x: string) => x.replace("</workbook>", "")],
  ])("%s whose XML is not well formed (an unescaped &, a part cut short)", async (part, what, damage) => {
    const zip = await JSZip.loadAsync(readFileSync(sample));
    zip.file(part, damage(await zip.file(part)!.async("string")));
    const bad = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    await plain(
      file(`not-xml-${part.replace(/\W/g, "-")}.xlsx`, bad),
      new RegExp(`the part ${esc(part)} \\(${esc(what)}\\) is damaged: its contents are not well-formed XML`),
    );
  });
  test("a part's header overwritten", async () => {
    const raw = Buffer.from(readFileSync(sample));
    raw.fill(0, raw.indexOf("xl/worksheets/sheet1.xml") - 30, raw.indexOf("xl/worksheets/sheet1.xml") - 26);
    await plain(file("header.xlsx", raw), /the file is damaged: its parts cannot be found/);
  });
});

describe("zip bombs are refused before they are inflated", () => {
  test("an entry declaring gigabytes", async () => {
    const bomb = declareSize(
      await zipWith({
        "[Content_Types].xml": `${CT}</Types>`,
        "_rels/.rels": rootRels(OFFICE_DOC, "xl/workbook.xml"),
        "xl/worksheets/sheet1.xml": "<worksheet/>",
      }),
      "xl/worksheets/sheet1.xml",
      4_000_000_000,
    );
    await refused(
      file("bomb.xlsx", bomb),
      /refused: the part xl\/worksheets\/sheet1.xml would expand to 4.0 GB/,
    );
  });
  test("too many entries", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20_001; i++) files[`x/${i}.xml`] = "";
    await refused(
      file("many.xlsx", await zipWith(files, true)),
      /refused: the package has 2000\d parts \(a workbook has far fewer\)/,
    );
  });
  test("an entry that inflates to more than it declares", async () => {
    const corpus = await makeCorpus(join(dir, "corpus2"));
    const zip = await JSZip.loadAsync(readFileSync(corpus[2]!.path));
    const big = (await zip.file("xl/worksheets/sheet1.xml")!.async("string")).replace(
      "</x:worksheet>",
      `<!--${" ".repeat(5_000_000)}--></x:worksheet>`,
    );
    zip.file("xl/worksheets/sheet1.xml", big);
    const bytes = declareSize(
      await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
      "xl/worksheets/sheet1.xml",
      5000,
    );
    await refused(
      file("liar.xlsx", bytes),
      /refused: the part xl\/worksheets\/sheet1.xml inflates to more than it declares/,
    );
  });
});

describe("--out, --date and --config", () => {
  test("--out reaching the input through a symlinked folder is refused, and the input is untouched", async () => {
    const real = join(dir, "real");
    mkdirSync(real);
    const input = join(real, "book.xlsx");
    copyFileSync(sample, input);
    const link = join(dir, "link");
    symlinkSync(real, link);
    const before = readFileSync(input);
    const r = await runCli([input, "--date", "2020-12-31", "--out", join(link, "book.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the input workbook is never modified/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });
  test("a read-only existing --out is not replaced", async () => {
    const out = file("locked-out.xlsx", "keep me");
    chmodSync(out, 0o444);
    const r = await runCli([sample, "--date", "2020-12-31", "--out", out]);
    // root may write anything: the check is by permission bits, as a user would expect.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists and is read-only; it is not replaced/);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect(statSync(out).mode & 0o777).toBe(0o444);
  });
  test.each(["1899-12-31", "10000-01-01", "2021-13-01", "2021-02-29"])(
    "--date %s is a usage error",
    async (d) => {
      const r = await runCli([sample, "--date", d]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/expected a date as YYYY-MM-DD from 1900 to 9999/);
    },
  );
  test.each(['{"__proto__": {"x": 1}}', '{"constructor": 1}'])(
    "--config %s is refused like any unknown setting",
    async (json) => {
      const cfg = file("evil.json", json);
      const r = await runCli([sample, "--config", cfg]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown setting "(__proto__|constructor)"/);
    },
  );
});

describe("CSV as Excel writes it", () => {
  const rows = [
    ["Project ID", "Project", "Budget", "Spend", "Forecast", "Start", "End", "% Complete"],
    ["P1", "Network refresh", "12000", "4000", "12000", "01/04/2020", "31/03/2021", "30%"],
    ["P2", "Laptops", "£8,500", "9000", "9500", "01/06/2020", "31/12/2020", "100%"],
  ];
  test.each([
    [
      "unicode-text.txt",
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(rows.map((r) => r.join("\t")).join("\r\n"), "utf16le"),
      ]),
    ],
    ["utf16-no-bom.csv", Buffer.from(rows.map((r) => r.join("\t")).join("\r\n"), "utf16le")],
    ["semicolons.csv", Buffer.from(rows.map((r) => r.join(";")).join("\r\n"), "utf8")],
    ["sep-line.csv", Buffer.from("sep=;\r\n" + rows.map((r) => r.join(";")).join("\r\n"), "utf8")],
  ])("%s is read", async (name, data) => {
    const r = await runCli([file(name, data), "--json", "--date", "2020-12-31"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { items: { budget: number }[] };
    expect(j.items.map((i) => i.budget)).toEqual([12000, 8500]);
  });

  test("a CSV called History gets another sheet name, and its --out stores figures and dates as numbers and dates", async () => {
    const csv = file(
      "History.csv",
      rows.map((r) => r.map((c) => (c.includes(",") ? `"${c}"` : c)).join(",")).join("\r\n"),
    );
    const out = join(dir, "history-out.xlsx");
    const r = await runCli([csv, "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(0);
    const wb = await loadWorkbook(out);
    const data = wb.sheets.find((s) => s.name === "History (data)")!;
    expect(data.values[1]!.slice(2, 5)).toEqual([12000, 4000, 12000]);
    expect(data.values[2]![2]).toBe(8500);
    expect((data.values[1]![5] as Date).toISOString().slice(0, 10)).toBe("2020-04-01");
    expect(data.values[1]![7]).toBeCloseTo(0.3);
  });
});

test("a value in column XFD: the added RAG column goes after the programme's own columns, the stray value is kept", async () => {
  const corpus = await makeCorpus(join(dir, "corpus3"));
  const zip = await JSZip.loadAsync(readFileSync(corpus[2]!.path));
  const xml = (await zip.file("xl/worksheets/sheet1.xml")!.async("string")).replace(
    '<x:c r="I3"',
    '<x:c r="XFD3" t="inlineStr"><x:is><x:t>far right</x:t></x:is></x:c><x:c r="I3"',
  );
  // Cells in a row must be in column order: move the XFD cell to the end of its row.
  const fixed = xml.replace(/(<x:c r="XFD3"[\s\S]*?<\/x:c>)([\s\S]*?)(<\/x:row>)/, "$2$1$3");
  zip.file("xl/worksheets/sheet1.xml", fixed);
  const input = file("xfd.xlsx", await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const out = join(dir, "xfd-out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/not written/);
  const wb = await loadWorkbook(out);
  expect(wb.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Projects", "Highlight Report"]));
  const projects = wb.sheets.find((s) => s.name === "Projects")!;
  const at = (row: number, col: number) =>
    projects.values[row - projects.rowOffset]?.[col - projects.colOffset];
  expect(at(2, 16383)).toBe("far right");
  // The RAG header stands right of the programme's own columns, far from XFD.
  const header = projects.values.findIndex((row) => row.includes("RAG"));
  expect(header).toBeGreaterThanOrEqual(0);
  const ragCol = projects.values[header]!.indexOf("RAG") + projects.colOffset;
  expect(ragCol).toBeLessThan(30);
  expect(
    projects.values
      .slice(header + 1)
      .some((row) => /^(Red|Amber|Green)/.test(String(row[ragCol - projects.colOffset] ?? ""))),
  ).toBe(true);
});

test("a tampered history value of 1e308 never becomes Infinity in the written workbook", async () => {
  const corpus = await makeCorpus(join(dir, "corpus4"));
  const first = join(dir, "inf-1.xlsx");
  expect((await runCli([corpus[2]!.path, "--date", "2020-12-31", "--out", first])).code).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(first));
  let tampered = 0;
  for (const [n, f] of Object.entries(zip.files)) {
    if (f.dir || !n.startsWith("xl/worksheets/")) continue;
    const x = await f.async("string");
    if (!x.includes("Overall RAG")) continue;
    zip.file(
      n,
      x.replace(/(<c r="F2"[^>]*><v>)[^<]*/, "$11e308").replace(/(<c r="G2"[^>]*><v>)[^<]*/, "$1-1e308"),
    );
    tampered++;
  }
  expect(tampered).toBeGreaterThan(0);
  const input = file(
    "inf-tampered.xlsx",
    await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
  );
  const out = join(dir, "inf-2.xlsx");
  expect((await runCli([input, "--date", "2021-03-31", "--out", out])).code).toBe(0);
  const written = await JSZip.loadAsync(readFileSync(out));
  for (const [n, f] of Object.entries(written.files)) {
    if (f.dir || !n.endsWith(".xml")) continue;
    expect([n, /<v>[^<]*(Infinity|NaN)/.test(await f.async("string"))]).toEqual([n, false]);
  }
});
