/**
 * A small zip writer for the corpus, so a test can make the package layouts other writers make and JSZip does not:
 * entries stored (method 0) or deflated, sizes in data descriptors after the data (general purpose bit 3, as
 * streaming writers such as .NET's ZipArchive and Java's ZipOutputStream write), and zip64 records (as writers that
 * do not know sizes in advance, or Python's zipfile with force_zip64, write). APPNOTE.TXT 6.3 is the reference.
 */
import { deflateRawSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip stores it (zlib.crc32 needs Node 20.15). */
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

export interface ZipOptions {
  /** 0 stored, 8 deflated (default 8). */
  method?: 0 | 8;
  /** Sizes and CRC in a data descriptor after the data, zeros in the local header. */
  descriptors?: boolean;
  /** zip64 extra fields on every entry and a zip64 end of central directory. */
  zip64?: boolean;
}

export function writeZip(entries: ZipEntry[], opts: ZipOptions = {}): Buffer {
  const method = opts.method ?? 8;
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    offset += b.length;
  };
  for (const e of entries) {
    const raw = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : e.data;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const crc = crc32(raw) >>> 0;
    const name = Buffer.from(e.name, "utf8");
    const flags = (opts.descriptors ? 0x0008 : 0) | 0x0800; // bit 11: UTF-8 names
    const version = opts.zip64 ? 45 : 20;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(opts.descriptors ? 0 : crc, 14);
    let localExtra = Buffer.alloc(0);
    if (opts.zip64) {
      local.writeUInt32LE(0xffffffff, 18);
      local.writeUInt32LE(0xffffffff, 22);
      localExtra = Buffer.alloc(20);
      localExtra.writeUInt16LE(0x0001, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(BigInt(opts.descriptors ? 0 : raw.length), 4);
      localExtra.writeBigUInt64LE(BigInt(opts.descriptors ? 0 : body.length), 12);
    } else {
      local.writeUInt32LE(opts.descriptors ? 0 : body.length, 18);
      local.writeUInt32LE(opts.descriptors ? 0 : raw.length, 22);
    }
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const at = offset;
    push(Buffer.concat([local, name, localExtra, body]));
    if (opts.descriptors) {
      const dd = Buffer.alloc(opts.zip64 ? 24 : 16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      if (opts.zip64) {
        dd.writeBigUInt64LE(BigInt(body.length), 8);
        dd.writeBigUInt64LE(BigInt(raw.length), 16);
      } else {
        dd.writeUInt32LE(body.length, 8);
        dd.writeUInt32LE(raw.length, 12);
      }
      push(dd);
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(version, 4);
    cd.writeUInt16LE(version, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc, 16);
    let cdExtra = Buffer.alloc(0);
    if (opts.zip64) {
      cd.writeUInt32LE(0xffffffff, 20);
      cd.writeUInt32LE(0xffffffff, 24);
      cd.writeUInt32LE(0xffffffff, 42);
      cdExtra = Buffer.alloc(28);
      cdExtra.writeUInt16LE(0x0001, 0);
      cdExtra.writeUInt16LE(24, 2);
      cdExtra.writeBigUInt64LE(BigInt(raw.length), 4);
      cdExtra.writeBigUInt64LE(BigInt(body.length), 12);
      cdExtra.writeBigUInt64LE(BigInt(at), 20);
    } else {
      cd.writeUInt32LE(body.length, 20);
      cd.writeUInt32LE(raw.length, 24);
      cd.writeUInt32LE(at, 42);
    }
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(cdExtra.length, 30);
    central.push(Buffer.concat([cd, name, cdExtra]));
  }
  const cdStart = offset;
  for (const c of central) push(c);
  const cdSize = offset - cdStart;
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(entries.length), 24);
    rec.writeBigUInt64LE(BigInt(entries.length), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdStart), 48);
    const recAt = offset;
    push(rec);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(recAt), 8);
    loc.writeUInt32LE(1, 16);
    push(loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cdSize, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cdStart, 16);
  push(end);
  return Buffer.concat(chunks);
}
