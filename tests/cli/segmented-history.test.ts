/**
 * Issue 14, "cost stays flat over time": the RAG History and the Change Log are written as segmented deflate
 * entries (src/adapters/file/segments.ts), the segments' index in the entry's zip comment. A later run copies the
 * old segments' compressed bytes as they are and the reader inflates only the head and the segments its window
 * needs; a file whose index is missing (saved by another zip writer), stale or tampered with is read and written
 * whole, and gives the same cells.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { loadWorkbook } from "../../src/adapters/file/read/read-workbook";
import type { LoadedWorkbook } from "../../src/adapters/file/read/read-workbook";
import {
  crc32,
  indexComment,
  segmentsOf,
  streamSegments,
  windowStart,
} from "../../src/adapters/file/segments";
import type { SegmentIndex } from "../../src/adapters/file/segments";
import { cycleStart, defaultCycle } from "../../src/engine/cycle";
import { excelSerialFromDay, parseIsoDay } from "../../src/engine/dates";
import { runCli } from "./run-cli";

jest.setTimeout(180_000);
const SAMPLE = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
/** The tool's sheets that grow a block of rows a report, each a segmented entry. */
const GROWING = ["RAG History", "Milestone History", "Risk History", "Change Log"];
const QUARTERS = ["2020-06-30", "2020-09-30", "2020-12-31", "2021-03-31", "2021-06-30"];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "programme-rag-segments-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  part: string;
  comment: string | null;
  /** The entry's compressed bytes as they are in the file. */
  bytes: Buffer;
  crc: number;
}

/** The zip entry of one of the tool's sheets, by sheet name. */
async function entryOf(file: string, sheet: string): Promise<Entry> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet name="${sheet}"[^>]*?r:id="([^"]+)"`).exec(wb)![1]!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target =
    new RegExp(`Id="${rid}"[^>]*?Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*?Id="${rid}"`).exec(rels)![1]!;
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const f = zip.file(part)! as unknown as {
    comment: string | null;
    _data: { compressedContent: Uint8Array; crc32: number };
  };
  return {
    part,
    comment: f.comment,
    bytes: Buffer.from(f._data.compressedContent),
    crc: f._data.crc32 >>> 0,
  };
}

const indexOf = (e: Entry): SegmentIndex => JSON.parse(e.comment!.replace(/^programme-rag segments 1 /, ""));
/** Where the index's segment `i` starts in the compressed bytes. */
const cAt = (e: Entry, i: number): number => (indexOf(e).segs[i] as unknown as number[])[2]!;

/** Every cell of every sheet, read whole (the tool's growing sheets too). */
async function cellsOf(file: string): Promise<Record<string, unknown>> {
  const w: LoadedWorkbook = await loadWorkbook(file, { ownSheetRows: "all" });
  return Object.fromEntries(w.sheets.map((s) => [s.name, s.values]));
}

/** The package saved again by another zip writer: every entry re-deflated, no entry comments. */
async function resaved(file: string, out: string, change?: (zip: JSZip) => Promise<void>): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const copy = new JSZip();
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    copy.file(name, await f.async("uint8array"), { compression: "DEFLATE" });
  }
  if (change) await change(copy);
  writeFileSync(out, await copy.generateAsync({ type: "nodebuffer" }));
  return out;
}

/** The same package with one entry's zip comment replaced (the entry's bytes kept). */
async function withComment(file: string, part: string, comment: string, out: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const f = zip.file(part)! as unknown as { comment: string };
  f.comment = comment;
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return out;
}

/** The same package with some compressed bytes of one entry overwritten in the file itself. */
async function withBytesDamaged(file: string, part: string, at: number, out: string): Promise<string> {
  const data = await readFile(file);
  const e = await entryOf(file, part === "history" ? "RAG History" : "Change Log");
  const start = data.indexOf(e.bytes);
  expect(start).toBeGreaterThan(0);
  for (let i = 0; i < 64; i++) data[start + at + i] = 0xff;
  writeFileSync(out, data);
  return out;
}

async function quarters(from: string, tag: string, each?: (file: string, q: number) => Promise<string>) {
  const files: string[] = [];
  let prev = from;
  for (const [i, date] of QUARTERS.entries()) {
    const next = join(dir, `${tag}-q${i + 1}.xlsx`);
    const r = await runCli([prev, "--date", date, "--out", next]);
    expect([date, r.code, r.stderr]).toEqual([date, 0, ""]);
    files.push(next);
    prev = each ? await each(next, i + 1) : next;
  }
  return files;
}

let runs: string[] = [];
beforeAll(async () => {
  runs = await quarters(SAMPLE, "seg");
});

test("each later run copies the earlier runs' compressed segments byte for byte and adds one segment", async () => {
  for (const sheet of GROWING) {
    for (let q = 1; q < runs.length; q++) {
      const before = await entryOf(runs[q - 1]!, sheet);
      const after = await entryOf(runs[q]!, sheet);
      const segsBefore = indexOf(before).segs.length;
      // Everything before the old tail (the head and every earlier run's rows) is the same compressed bytes.
      const kept = cAt(before, segsBefore - 1);
      expect([sheet, q, after.bytes.subarray(0, kept).equals(before.bytes.subarray(0, kept))]).toEqual([
        sheet,
        q,
        true,
      ]);
      expect(indexOf(after).segs.length).toBe(segsBefore + 1);
      // The index agrees with the entry it describes.
      const zip = await JSZip.loadAsync(await readFile(runs[q]!));
      expect(segmentsOf(zip.file(after.part))).not.toBeNull();
      expect((await zip.file(after.part)!.async("uint8array")).length).toBe(indexOf(after).size);
    }
  }
  // The packages pass a zip tester and JSZip's CRC check.
  for (const f of runs) {
    execFileSync("unzip", ["-tq", f]);
    await JSZip.loadAsync(await readFile(f), { checkCRC32: true });
  }
});

test("the Milestone and Risk Histories are read as a window, their earlier quarters' rows neither read nor rewritten", async () => {
  const last = runs[runs.length - 1]!;
  const date = "2021-09-30";
  const from = cycleStart(parseIsoDay(date)!, defaultCycle(parseIsoDay(date)!));
  const windowed = await loadWorkbook(last, { reportFrom: from });
  const whole = await loadWorkbook(last, { ownSheetRows: "all" });
  for (const sheet of ["Milestone History", "Risk History"]) {
    const w = windowed.read.get(sheet)!;
    const all = whole.read.get(sheet)!.grid.values;
    // Only the header and the last snapshot (the one a report at 30/09/2021 compares with) are read.
    expect([sheet, w.dropped > 0]).toEqual([sheet, true]);
    expect([sheet, w.grid.values]).toEqual([sheet, [all[0], ...all.slice(1 + w.dropped)]]);
    // A rebuilt row has no cell where a value is empty (a milestone not key): the first write must not give it an
    // empty-text cell either, or the rows copied from then on would differ from a whole rebuild's.
    for (const f of runs) {
      const xml = await (
        await JSZip.loadAsync(await readFile(f))
      )
        .file((await entryOf(f, sheet)).part)!
        .async("string");
      expect([sheet, basename(f), /<t[^>]*><\/t>/.test(xml)]).toEqual([sheet, basename(f), false]);
    }
    // Each quarter's run copied the earlier quarters' compressed rows as they were.
    for (let q = 1; q < runs.length; q++) {
      const before = await entryOf(runs[q - 1]!, sheet);
      const after = await entryOf(runs[q]!, sheet);
      const kept = cAt(before, indexOf(before).segs.length - 1);
      expect([sheet, q, after.bytes.subarray(0, kept).equals(before.bytes.subarray(0, kept))]).toEqual([
        sheet,
        q,
        true,
      ]);
    }
  }
});

test("the reader leaves the earlier runs' segments uninflated and reads the same window", async () => {
  const last = runs[runs.length - 1]!;
  const date = "2021-09-30";
  const from = cycleStart(parseIsoDay(date)!, defaultCycle(parseIsoDay(date)!));
  const history = await entryOf(last, "RAG History");
  const zip = await JSZip.loadAsync(await readFile(last));
  const seg = segmentsOf(zip.file(history.part));
  expect(seg).not.toBeNull();
  const w = windowStart(seg!, { start: excelSerialFromDay(from, 1900) });
  expect(w?.k).toBe(indexOf(history).segs.length - 2);
  // The second run's rows damaged in the file: a whole read fails, the windowed read never inflates them.
  const damaged = await withBytesDamaged(last, "history", cAt(history, 2) + 10, join(dir, "damaged.xlsx"));
  await expect(loadWorkbook(damaged, { ownSheetRows: "all" })).rejects.toThrow(/damaged/);
  const good = await loadWorkbook(last, { reportFrom: from });
  const viaSegments = await loadWorkbook(damaged, { reportFrom: from });
  const grid = (x: LoadedWorkbook) => x.read.get("RAG History")!;
  expect(grid(viaSegments).dropped).toBeGreaterThan(0);
  expect(grid(viaSegments).dropped).toBe(grid(good).dropped);
  expect(grid(viaSegments).grid.values).toEqual(grid(good).grid.values);
  // The next run writes the damaged segment's bytes as they are (copied, not inflated) and the new rows after.
  const next = join(dir, "after-damaged.xlsx");
  const r = await runCli([damaged, "--date", date, "--out", next]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  const before = await entryOf(damaged, "RAG History");
  const after = await entryOf(next, "RAG History");
  const kept = cAt(before, indexOf(before).segs.length - 1);
  expect(after.bytes.subarray(0, kept).equals(before.bytes.subarray(0, kept))).toBe(true);
});

test("a file saved by another zip writer (no index) gives the same cells, and its next output is indexed again", async () => {
  // Every quarter's output re-saved before the next run: the tool never sees its own index.
  const plain = await quarters(SAMPLE, "plain", (f, q) => resaved(f, join(dir, `plain-resaved-${q}.xlsx`)));
  for (const [i, f] of plain.entries()) {
    expect(await cellsOf(f)).toEqual(await cellsOf(runs[i]!));
    // The growing sheets' XML is the same text whether their old rows were copied compressed or inflated.
    for (const sheet of GROWING) {
      const text = async (file: string) =>
        (await JSZip.loadAsync(await readFile(file)))
          .file((await entryOf(file, sheet)).part)!
          .async("string");
      expect([sheet, i, (await text(f)) === (await text(runs[i]!))]).toEqual([sheet, i, true]);
    }
    // The tool's own output always carries the index; a run that read a file without one wrote it whole.
    const e = await entryOf(f, "RAG History");
    expect(e.comment).toMatch(/^programme-rag segments 1 /);
    expect(indexOf(e).segs.length).toBe(i === 0 ? 3 : 4);
  }
});

test("an index that does not match the bytes is not trusted: stale, forged offsets, forged CRCs, forged dates", async () => {
  const q4 = runs[3]!;
  const expected = await cellsOf(runs[4]!);
  const history = await entryOf(q4, "RAG History");
  const ix = indexOf(history) as unknown as { size: number; csize: number; crc: number; segs: number[][] };
  const n = ix.segs.length;
  // What each change does to the next run: whether it still copies the old segments' bytes (only where the
  // index's remaining claims are true of the bytes, or the claim changed is one the copy does not rest on).
  const variants: [string, (i: typeof ix) => void, boolean][] = [
    ["stale (another entry's CRC)", (i) => (i.crc = (i.crc + 1) >>> 0), false],
    ["the tail's offset moved", (i) => (i.segs[n - 1]![2]! += 3), false],
    ["the tail's prefix CRC changed", (i) => (i.segs[n - 1]![3] = 12345), false],
    ["a segment's size beyond the entry", (i) => (i.segs[n - 1]![1] = i.size + 5), false],
    ["the tail's row moved (every row is kept either way)", (i) => (i.segs[n - 1]![0]! -= 1), true],
    ["a segment's dates changed", (i) => ((i.segs[2]![4] = 1), (i.segs[2]![5] = 1)), true],
    ["not JSON", () => undefined, false],
  ];
  for (const [what, change, copies] of variants) {
    const copy = JSON.parse(JSON.stringify(ix)) as typeof ix;
    change(copy);
    const comment =
      what === "not JSON" ? "programme-rag segments 1 {" : "programme-rag segments 1 " + JSON.stringify(copy);
    const tampered = await withComment(q4, history.part, comment, join(dir, `tampered.xlsx`));
    const out = join(dir, `tampered-out-${variants.findIndex((v) => v[0] === what)}.xlsx`);
    const r = await runCli([tampered, "--date", QUARTERS[4]!, "--out", out]);
    expect([what, r.code, r.stderr]).toEqual([what, 0, ""]);
    expect([what, await cellsOf(out)]).toEqual([what, expected]);
    const old = await entryOf(tampered, "RAG History");
    const now = await entryOf(out, "RAG History");
    const kept = cAt(history, n - 1);
    expect([what, now.bytes.subarray(0, kept).equals(old.bytes.subarray(0, kept))]).toEqual([what, copies]);
    // The output carries an index that agrees with it again.
    const zip = await JSZip.loadAsync(await readFile(out));
    expect([what, segmentsOf(zip.file((await entryOf(out, "RAG History")).part)) !== null]).toEqual([
      what,
      true,
    ]);
  }
});

test("the reader does not trust a window whose segments do not check out", async () => {
  const q4 = runs[3]!;
  const date = QUARTERS[4]!;
  const from = cycleStart(parseIsoDay(date)!, defaultCycle(parseIsoDay(date)!));
  const history = await entryOf(q4, "RAG History");
  const good = (await loadWorkbook(q4, { reportFrom: from })).read.get("RAG History")!;
  expect(good.dropped).toBeGreaterThan(0);
  const ix = indexOf(history) as unknown as { segs: number[][] };
  const k = ix.segs.length - 2;
  for (const [what, change] of [
    ["its prefix CRC", (segs: number[][]) => (segs[k]![3] = (segs[k]![3]! + 1) >>> 0)],
    ["its offset", (segs: number[][]) => (segs[k]![2]! -= 1)],
    ["its first row", (segs: number[][]) => (segs[k]![0]! += 1)],
    ["the head's CRC", (segs: number[][]) => (segs[1]![3] = (segs[1]![3]! + 1) >>> 0)],
  ] as const) {
    const copy = JSON.parse(JSON.stringify(ix)) as typeof ix;
    change(copy.segs);
    const tampered = await withComment(
      q4,
      history.part,
      "programme-rag segments 1 " + JSON.stringify(copy),
      join(dir, "tampered-read.xlsx"),
    );
    const zip = await JSZip.loadAsync(await readFile(tampered));
    const seg = segmentsOf(zip.file(history.part));
    const w = seg && windowStart(seg, { start: excelSerialFromDay(from, 1900) });
    expect([what, w !== null]).toEqual([what, true]);
    if (w) expect([what, await streamSegments(w, () => undefined).catch(() => false)]).toEqual([what, false]);
    const read = (await loadWorkbook(tampered, { reportFrom: from })).read.get("RAG History")!;
    expect([what, read.dropped, read.grid.values]).toEqual([what, good.dropped, good.grid.values]);
  }
});

test("a window whose first segment holds two snapshots (joined, as a long index joins them) reads the later one only", async () => {
  // The reader reads a window's rows into the grid as they come; here the first segment's first snapshot is left
  // out only once the second begins, so the rows read already are read again (held as XML to the end).
  const last = runs[runs.length - 1]!;
  const date = QUARTERS[4]!;
  const from = cycleStart(parseIsoDay(date)!, defaultCycle(parseIsoDay(date)!));
  const whole = await loadWorkbook(last, { ownSheetRows: "all" });
  const good = await loadWorkbook(last, { reportFrom: from });
  let file = last;
  for (const sheet of ["RAG History", "Milestone History", "Risk History"]) {
    const e = await entryOf(file, sheet);
    const ix = indexOf(e) as unknown as { segs: number[][] };
    const n = ix.segs.length;
    // The third and fourth quarters' segments joined: one segment whose dates span both.
    const k = n - 4;
    expect([sheet, ix.segs[k]![5]! < ix.segs[k + 1]![4]!]).toEqual([sheet, true]);
    ix.segs[k]![5] = ix.segs[k + 1]![5]!;
    ix.segs.splice(k + 1, 1);
    file = await withComment(
      file,
      e.part,
      "programme-rag segments 1 " + JSON.stringify(ix),
      join(dir, `joined-${sheet.length}.xlsx`),
    );
    const zip = await JSZip.loadAsync(await readFile(file));
    const w = windowStart(segmentsOf(zip.file(e.part))!, {
      start: excelSerialFromDay(from, 1900),
    });
    expect([sheet, w?.k]).toEqual([sheet, k]);
  }
  const joined = await loadWorkbook(file, { reportFrom: from });
  for (const sheet of ["RAG History", "Milestone History", "Risk History"]) {
    const r = joined.read.get(sheet)!;
    const all = whole.read.get(sheet)!.grid.values;
    expect([sheet, r.dropped]).toEqual([sheet, good.read.get(sheet)!.dropped]);
    expect([sheet, r.grid.values]).toEqual([sheet, [all[0], ...all.slice(1 + r.dropped)]]);
  }
});

test("LibreOffice opens a fifth-quarter file whose History is copied segments, with every row", async () => {
  const last = runs[runs.length - 1]!;
  const lo = join(dir, "lo");
  await promisify(execFile)(
    "libreoffice",
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      "xlsx",
      "--outdir",
      lo,
      last,
    ],
    { timeout: 150_000 },
  );
  const saved = join(lo, basename(last));
  const ours = (await loadWorkbook(last, { ownSheetRows: "all" })).sheets.find(
    (s) => s.name === "RAG History",
  )!;
  const theirs = (await loadWorkbook(saved, { ownSheetRows: "all" })).sheets.find(
    (s) => s.name === "RAG History",
  )!;
  expect(theirs.values.length).toBe(ours.values.length);
  expect(theirs.values.map((r) => r[0])).toEqual(ours.values.map((r) => r[0]));
  // LibreOffice keeps no entry comments: the next run reads its file whole and writes an index again.
  const next = join(dir, "after-lo.xlsx");
  const r = await runCli([saved, "--date", "2021-09-30", "--out", next]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect((await entryOf(next, "RAG History")).comment).toMatch(/^programme-rag segments 1 /);
});

test("the CRC-32 continued across segments is the whole text's, with zlib's and with JSZip's (Node before 20.15)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- JSZip's CRC-32, the fallback segments.ts uses
  const jszipCrc = require("jszip/lib/crc32") as (data: Uint8Array, crc?: number) => number;
  const a = Buffer.from('<row r="2"><c r="A2"><v>44012</v></c></row>'.repeat(50));
  const b = Buffer.from("</sheetData><pageMargins/></worksheet>");
  const whole = crc32(Buffer.concat([a, b]));
  expect(crc32(b, crc32(a))).toBe(whole);
  expect(jszipCrc(b, jszipCrc(a)) >>> 0).toBe(whole);
  expect(crc32(Buffer.alloc(0), whole)).toBe(whole);
});

test("an index too long for a zip comment joins its oldest run segments and stays a valid index", () => {
  const segs = [{ r: 0, u: 0, c: 0, crc: 0 }];
  for (let i = 1; i <= 3000; i++)
    segs.push({ r: i * 10, u: i * 1000, c: i * 100, crc: i, lo: 40000 + i, hi: 40000 + i } as never);
  segs.push({ r: 30010, u: 3_001_000, c: 300_100, crc: 7 });
  const comment = indexComment({ size: 3_002_000, csize: 300_200, crc: 9, segs });
  expect(comment.length).toBeLessThanOrEqual(60_000);
  const joined = (JSON.parse(comment.replace(/^programme-rag segments 1 /, "")) as { segs: number[][] }).segs;
  expect(joined.length).toBeLessThan(segs.length);
  // The head and the tail are kept; every segment still starts at a segment's start, in order, none twice.
  expect(joined[0]).toEqual([0, 0, 0, 0, null, null, 0, 0]);
  expect(joined[joined.length - 1]![1]).toBe(3_001_000);
  for (let i = 1; i < joined.length; i++) {
    expect(joined[i]![1]! % 1000).toBe(0);
    expect(joined[i]![1]!).toBeGreaterThan(joined[i - 1]![1]!);
  }
  // A joined segment's dates span both of its parts; the newest segments are kept as they were.
  expect(joined[1]![4]).toBe(40001);
  expect(joined[1]![5]).toBe(joined[2]![4]! - 1);
  expect(joined[joined.length - 2]!.slice(4, 6)).toEqual([43000, 43000]);
});
