/**
 * Reading is bounded (issue 14): a sheet the engine ignores is read to its head only (sheet-kind.ts), never
 * parsed or warned about past it; a sheet the engine reads that is too large is refused, unread, naming the
 * sheet. The workbooks are made here from the sample: its "Notes" sheet (xl/worksheets/sheet3.xml, ignored)
 * and "Programme of Works" (sheet1.xml) replaced or given a declared size.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { MAX_SHEET_BYTES } from "../../src/adapters/file/read/read-workbook";
import { HEAD_ROWS } from "../../src/engine/sheet-kind";
import { runCli } from "./run-cli";

const sample = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
jest.setTimeout(60_000);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-big-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

/** `rows` rows of 10 numbers, then `after` (which need not be well-formed: it lies past the head). */
function bigSheet(rows: number, after: string): string {
  const parts = [SHEET_HEAD];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < 10; c++) row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r * 10 + c}</v></c>`;
    parts.push(row + "</row>");
  }
  parts.push(after);
  return parts.join("");
}

async function withParts(parts: Record<string, string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(sample));
  for (const [k, v] of Object.entries(parts)) zip.file(k, v);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } });
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

async function run(name: string, data: Buffer) {
  const input = join(dir, name);
  writeFileSync(input, data);
  const out = join(dir, `out-${name}`);
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  return { ...r, input, out };
}

const entry = async (file: string, part: string) =>
  (await JSZip.loadAsync(readFileSync(file))).file(part)!.async("uint8array");

test("an ignored sheet is not read past its head: damage and formulas below it are never seen, and --out copies it byte for byte", async () => {
  // Below the head: a formula with no value (warned about on a sheet the engine reads), then a row that never ends.
  const notes = bigSheet(
    HEAD_ROWS + 5_000,
    `<row r="${HEAD_ROWS + 5_001}"><c r="A1"><f>1+1</f></c></row><row r="999999"><c r="A999999"><v>1`,
  );
  const r = await run("ignored-big.xlsx", await withParts({ "xl/worksheets/sheet3.xml": notes }));
  expect(r.stderr).not.toMatch(/damaged|formula with no calculated value|Notes/);
  expect(r.code).toBe(0);
  expect(Buffer.from(await entry(r.out, "xl/worksheets/sheet3.xml"))).toEqual(
    Buffer.from(await entry(r.input, "xl/worksheets/sheet3.xml")),
  );
});

test("an ignored sheet declaring more than a programme sheet may hold is not refused (it is never inflated past its head)", async () => {
  const data = declareSize(
    await withParts({ "xl/worksheets/sheet3.xml": bigSheet(HEAD_ROWS + 100, "</sheetData></worksheet>") }),
    "xl/worksheets/sheet3.xml",
    MAX_SHEET_BYTES + 1,
  );
  const r = await run("ignored-bomb.xlsx", data);
  expect(r.stderr).not.toMatch(/too large|refused/);
  // Its directory's size is a lie, so the copy --out would make is refused as damaged (checked before writing,
  // streamed, never held), while a run that only reads the workbook goes on.
  expect(r.stderr).toContain("the part xl/worksheets/sheet3.xml (a sheet's cells) is damaged");
  expect(existsSync(r.out)).toBe(false);
  const read = await runCli([r.input, "--date", "2020-12-31"]);
  expect(read.stderr).not.toMatch(/too large|refused|damaged/);
  expect(read.code).toBe(0);
});

test("a programme sheet larger than the bound is refused at once, naming it, with nothing written", async () => {
  // The sheet as it is, with notes far below its items (so that it is longer than its head), declared too large.
  const zip = await JSZip.loadAsync(readFileSync(sample));
  const programme = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  let notes = "";
  for (let r = 1_000; r < 1_000 + HEAD_ROWS; r++)
    notes += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>note</t></is></c></row>`;
  const data = declareSize(
    await withParts({
      "xl/worksheets/sheet1.xml": programme.replace("</sheetData>", `${notes}</sheetData>`),
    }),
    "xl/worksheets/sheet1.xml",
    MAX_SHEET_BYTES + 1,
  );
  const r = await run("programme-bomb.xlsx", data);
  expect(r.stderr).toMatch(
    /sheet "Programme of Works" is too large to read: 256 MB of cells, more than the 256 MB/,
  );
  expect(r.code).toBe(1);
  expect(() => readFileSync(r.out)).toThrow();
});

test("a table of text (sharedStrings.xml) larger than the bound is refused at once, naming the part, with nothing written", async () => {
  // A few kilobytes of strings that declare more than a sheet may hold: refused from the directory, never parsed
  // (a zip of 20 million short strings took 23 s and 454 MB before).
  const data = declareSize(await withParts({}), "xl/sharedStrings.xml", MAX_SHEET_BYTES + 1);
  const r = await run("strings-bomb.xlsx", data);
  expect(r.stderr).toMatch(
    /the workbook's table of text \(xl\/sharedStrings\.xml\) is too large to read: 256 MB, more than the 256 MB/,
  );
  expect(r.code).toBe(1);
  expect(() => readFileSync(r.out)).toThrow();
});
