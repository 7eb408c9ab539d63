/**
 * The zlib compression `--out` registers with JSZip (src/adapters/file/node-deflate.ts): the parts it deflates
 * read back exactly, with more data than zlib buffers at once (so the source is paused and resumed), and the
 * entries JSZip loaded deflated keep their original compressed bytes.
 */
import { PassThrough } from "node:stream";
import type { Readable } from "node:stream";
import JSZip from "jszip";
import { NODE_DEFLATE } from "../../src/adapters/file/node-deflate";

/** The compressed bytes of each entry, read from the zip's local headers (sizes from the central directory). */
function rawEntries(zip: Buffer): Map<string, { method: number; data: Buffer }> {
  const out = new Map<string, { method: number; data: Buffer }>();
  let eocd = zip.length - 22;
  while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLen);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, { method, data: zip.subarray(start, start + size) });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

async function generate(zip: JSZip): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = zip.generateNodeStream({
    type: "nodebuffer",
    streamFiles: true,
    compression: NODE_DEFLATE as "DEFLATE",
    compressionOptions: { level: 1 },
  }) as Readable;
  // JSZip's stream is an old readable-stream (not async iterable).
  await new Promise<void>((resolve, reject) => {
    out.on("data", (c: Buffer) => chunks.push(c));
    out.on("end", resolve);
    out.on("error", reject);
  });
  return Buffer.concat(chunks);
}

/** Text that compresses but not to nothing: rows of a sheet with varying numbers. */
function sheetLike(rows: number): string {
  let s = "";
  for (let i = 0; i < rows; i++)
    s += `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 100_003}</v></c></row>`;
  return s;
}

describe("Node zlib deflate for the parts --out writes", () => {
  it("writes parts that read back exactly, from buffers and streams larger than zlib buffers", async () => {
    const big = sheetLike(200_000); // about 8 MB
    const streamed = sheetLike(150_000);
    const zip = new JSZip();
    zip.file("a.xml", big);
    zip.file("empty.xml", "");
    const source = new PassThrough();
    zip.file("b.xml", source, { binary: true });
    // The stream's data arrives in small pieces, as a sheet rewriter gives it.
    setImmediate(() => {
      for (let i = 0; i < streamed.length; i += 5000) source.write(streamed.slice(i, i + 5000));
      source.end();
    });
    const bytes = await generate(zip);
    const raw = rawEntries(bytes);
    expect(raw.get("a.xml")!.method).toBe(8);
    expect(raw.get("a.xml")!.data.length).toBeLessThan(big.length / 2);
    const back = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await back.file("a.xml")!.async("string")).toBe(big);
    expect(await back.file("b.xml")!.async("string")).toBe(streamed);
    expect(await back.file("empty.xml")!.async("string")).toBe("");
  });

  it("stores each written part's CRC-32 as JSZip's own JavaScript CRC computes it (zlib's native crc32)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- JSZip's CommonJS internals, untyped
    const jsCrc32 = require("jszip/lib/crc32") as (data: Uint8Array, crc?: number) => number;
    const texts: Record<string, string> = {
      "a.xml": sheetLike(50_000),
      "b.xml": "ünïcode £ ✓ " + sheetLike(10),
    };
    const zip = new JSZip();
    const source = new PassThrough();
    zip.file("a.xml", source, { binary: true });
    zip.file("b.xml", texts["b.xml"]!);
    setImmediate(() => {
      const a = texts["a.xml"]!;
      for (let i = 0; i < a.length; i += 3000) source.write(a.slice(i, i + 3000));
      source.end();
    });
    const bytes = await generate(zip);
    let eocd = bytes.length - 22;
    while (bytes.readUInt32LE(eocd) !== 0x06054b50) eocd--;
    let p = bytes.readUInt32LE(eocd + 16);
    const crcs = new Map<string, number>();
    for (let n = bytes.readUInt16LE(eocd + 10); n > 0; n--) {
      const nameLen = bytes.readUInt16LE(p + 28);
      crcs.set(bytes.toString("utf8", p + 46, p + 46 + nameLen), bytes.readUInt32LE(p + 16));
      p += 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    }
    for (const [name, text] of Object.entries(texts))
      expect([name, crcs.get(name)]).toEqual([name, jsCrc32(Buffer.from(text, "utf8")) >>> 0]);
  });

  it("keeps the compressed bytes of entries it loaded deflated, and deflates what it adds", async () => {
    const first = new JSZip();
    first.file("kept.xml", sheetLike(20_000));
    first.file("stored.bin", "stored as it is");
    const input = await first.generateAsync({
      type: "nodebuffer",
      compression: "DEFLATE",
      compressionOptions: { level: 9 },
    });
    const zip = await JSZip.loadAsync(input);
    zip.file("new.xml", sheetLike(1000));
    const bytes = await generate(zip);
    const before = rawEntries(input);
    const after = rawEntries(bytes);
    expect(after.get("kept.xml")!.data.equals(before.get("kept.xml")!.data)).toBe(true);
    expect(after.get("new.xml")!.method).toBe(8);
    const back = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await back.file("new.xml")!.async("string")).toBe(sheetLike(1000));
    expect(await back.file("stored.bin")!.async("string")).toBe("stored as it is");
  });
});
