/**
 * The zip-bomb limits (package.ts `LIMITS`) and the tool's own growing sheets. A 200,000-item RAG History passes
 * the 1 GB a part may declare within a year of quarterly runs, and the tool then refused its own output ("the part
 * xl/worksheets/sheet3.xml would expand to 1.1 GB"). Such a part is read by its segments, never inflated whole, so
 * an entry whose segment index (its zip comment) agrees with its declared sizes and CRC-32 is held to neither
 * limit, at a compression ratio real XML has; read whole it is still stopped at the limit. The limits are lowered
 * here so the sample's five quarters reach them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { LIMITS } from "../../src/adapters/file/package";
import { runCli } from "./run-cli";

jest.setTimeout(180_000);
const SAMPLE = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
const QUARTERS = ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31", "2021-06-30"];
const SAVED = { ...LIMITS };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-own-limits-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => Object.assign(LIMITS, SAVED));

interface DirEntry {
  name: string;
  method: number;
  crc: number;
  csize: number;
  size: number;
  comment: string;
}

/** The zip's central directory, as a reader of the file's bytes sees it. */
function directory(data: Buffer): DirEntry[] {
  let eocd = data.length - 22;
  while (data.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const n = data.readUInt16LE(eocd + 10);
  let o = data.readUInt32LE(eocd + 16);
  const out: DirEntry[] = [];
  for (let i = 0; i < n; i++) {
    const nameLen = data.readUInt16LE(o + 28);
    const extraLen = data.readUInt16LE(o + 30);
    const commentLen = data.readUInt16LE(o + 32);
    const c = o + 46 + nameLen + extraLen;
    out.push({
      name: data.toString("utf8", o + 46, o + 46 + nameLen),
      method: data.readUInt16LE(o + 10),
      crc: data.readUInt32LE(o + 16),
      csize: data.readUInt32LE(o + 20),
      size: data.readUInt32LE(o + 24),
      comment: data.toString("utf8", c, c + commentLen),
    });
    o = c + commentLen;
  }
  return out;
}

const isIndexed = (e: DirEntry) => e.comment.startsWith("programme-rag segments 1 ");

/** Four quarters of the sample, each run on the last one's output; the fourth's output path. */
async function fourQuarters(): Promise<string> {
  let input = SAMPLE;
  for (let q = 0; q < 4; q++) {
    const out = join(dir, `q${q + 1}.xlsx`);
    if (!existsSync(out)) {
      const r = await runCli([input, "--date", QUARTERS[q]!, "--out", out]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    input = out;
  }
  return input;
}

test("the fifth quarter runs when the tool's own history declares more than a part may", async () => {
  const q4 = await fourQuarters();
  const entries = directory(readFileSync(q4));
  const own = entries.filter(isIndexed);
  const others = entries.filter((e) => !isIndexed(e));
  expect(own.map((e) => e.name).length).toBeGreaterThanOrEqual(3);
  const history = own.reduce((a, b) => (b.size > a.size ? b : a));
  const largestOther = Math.max(...others.map((e) => e.size));
  // The RAG History of four quarters is larger than any part read whole: the limit goes between them.
  expect(history.size).toBeGreaterThan(largestOther);
  LIMITS.entryBytes = largestOther;
  LIMITS.totalBytes = others.reduce((s, e) => s + e.size, 0);
  const q5 = join(dir, "q5.xlsx");
  const r = await runCli([q4, "--date", QUARTERS[4]!, "--out", q5]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  // The history grew by a quarter, its earlier segments copied (it was never read whole).
  const after = directory(readFileSync(q5)).find((e) => e.name === history.name)!;
  expect(isIndexed(after)).toBe(true);
  expect(after.size).toBeGreaterThan(history.size);
});

test("the tool's history past the limit is still refused where it must be read whole", async () => {
  const q4 = await fourQuarters();
  const history = directory(readFileSync(q4))
    .filter(isIndexed)
    .reduce((a, b) => (b.size > a.size ? b : a));
  LIMITS.entryBytes = history.size - 1;
  // A report built again for the first quarter lays the whole history out again, so reads it whole.
  const out = join(dir, "again-q1.xlsx");
  const r = await runCli([q4, "--date", QUARTERS[0]!, "--out", out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`the part ${history.name} is too large to read whole`);
  expect(existsSync(out)).toBe(false);
});

/** A package with one part whose comment claims to be the tool's index for it (sizes and CRC as declared). */
async function withForgedIndex(part: string, text: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  zip.file(part, text);
  const gen = () => zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const e = directory(await gen()).find((x) => x.name === part)!;
  const comment = `programme-rag segments 1 ${JSON.stringify({ size: e.size, csize: e.csize, crc: e.crc, segs: [] })}`;
  zip.file(part, text, { comment });
  const bytes = await gen();
  const forged = directory(bytes).find((x) => x.name === part)!;
  expect([forged.size, forged.csize, forged.crc, forged.comment]).toEqual([e.size, e.csize, e.crc, comment]);
  return bytes;
}

test("a bomb's comment claiming the tool's index does not pass the limit (its ratio gives it away)", async () => {
  const sheet = readFileSync(SAMPLE);
  const zip = await JSZip.loadAsync(sheet);
  const part = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(part)!.async("string");
  // 4 MB of one repeated byte: deflate squeezes it about 1,000 to 1.
  const bomb = xml.replace(/<\/(\w+:)?worksheet>$/, (end) => `<!--${"a".repeat(4_000_000)}-->${end}`);
  const path = join(dir, "forged-bomb.xlsx");
  writeFileSync(path, await withForgedIndex(part, bomb));
  LIMITS.entryBytes = 1_000_000;
  const out = join(dir, "forged-bomb-out.xlsx");
  const r = await runCli([path, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/refused: the part xl\/worksheets\/sheet1\.xml would expand to 0\.0 GB/);
  expect(existsSync(out)).toBe(false);
});

test("a user's sheet with a forged index at a plausible ratio is read whole, so stopped at the limit", async () => {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  const part = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(part)!.async("string");
  // Text that compresses as XML does (well under 100 to 1): numbers that do not repeat.
  let filler = "";
  for (let i = 0; filler.length < 1_500_000; i++) filler += `${(i * 7919) % 1_000_003} `;
  const padded = xml.replace(/<\/(\w+:)?worksheet>$/, (end) => `<!--${filler}-->${end}`);
  const path = join(dir, "forged-plausible.xlsx");
  writeFileSync(path, await withForgedIndex(part, padded));
  LIMITS.entryBytes = 1_000_000;
  const out = join(dir, "forged-plausible-out.xlsx");
  const r = await runCli([path, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`the part ${part} is too large to read whole`);
  expect(existsSync(out)).toBe(false);
});
