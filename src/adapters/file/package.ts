/**
 * An .xlsx / .xlsm package opened for surgery: the zip (JSZip, which keeps each entry compressed until it is
 * read, and writes an unchanged entry's compressed bytes back as they were), the workbook part, its sheets and
 * relationships. Bad packages are refused here, before anything is decompressed, with words a user can act on.
 */
import JSZip from "jszip";
// Node's zlib inflates (and deflates) the package's entries, not JSZip's JavaScript pako.
import "./node-deflate";
import { InputError } from "./errors";
import { commentIndexesEntry, crc32, segmentsOf } from "./segments";
import { attr, NS_REL, NS_STRICT_MAIN, parseXml, relsPartOf, resolvePartName, XmlSyntaxError } from "./xml";

/** Limits that no council workbook comes near and every zip bomb passes. */
export const LIMITS = {
  entries: 20_000,
  /** Declared uncompressed bytes of all entries together. */
  totalBytes: 2_000_000_000,
  /** Declared uncompressed bytes of one entry. */
  entryBytes: 1_000_000_000,
  /**
   * The tool's own growing sheets (the RAG History and the other three), whose segment index in the entry's zip
   * comment agrees with the entry's declared sizes and CRC-32: read by their segments, never inflated whole
   * unless the index fails, so neither limit above applies to them (a 200,000-item RAG History passes 1 GB in a
   * year). Only at a compression ratio deflate reaches on real XML (about 10:1 at level 1); a zip bomb's is
   * near 1,000:1. Read whole, such a part is still stopped at `entryBytes`.
   */
  ownPartRatio: 100,
};

export type SheetKind = "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet" | "other";

export interface SheetEntry {
  name: string;
  sheetId: string;
  rId: string;
  state: "visible" | "hidden" | "veryHidden";
  /** The part name, e.g. xl/worksheets/sheet1.xml (null when the relationship is missing). */
  part: string | null;
  kind: SheetKind;
}

export interface DefinedName {
  name: string;
  localSheetId: number | null;
  text: string;
}

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export interface XlsxPackage {
  zip: JSZip;
  workbookPart: string;
  workbookXml: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
  rels: Rel[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Checks a file's bytes for what it really is, and refuses what is not an .xlsx package. */
export function checkSignature(path: string, data: Buffer): void {
  if (data.length >= 8 && OLE.every((b, i) => data[i] === b)) {
    if (data.includes(Buffer.from("EncryptionInfo", "utf16le")))
      throw new InputError(
        `${path}: this workbook is password-protected; open it in Excel and save it without a password`,
      );
    throw new InputError(
      `${path}: this is an Excel 97-2003 (.xls) file, not an .xlsx; open it in Excel and save it as .xlsx`,
    );
  }
  if (!(data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5)))
    throw new InputError(`${path}: not an Excel workbook (an .xlsx file is a zip package; this file is not)`);
  checkZipDirectory(path, data);
}

/** Reads the zip's central directory (declared sizes only) and refuses absurd packages before inflating. */
function checkZipDirectory(path: string, data: Buffer): void {
  const min = Math.max(0, data.length - 65_557);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damagedZip(path, "the list of its parts at the end of the file is missing");
  const entries = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) return checkZip64(path, data, eocd);
  if (entries > LIMITS.entries)
    throw new InputError(`${path}: refused: the package has ${entries} parts (a workbook has far fewer)`);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50)
      throw damagedZip(path, "the list of its parts is cut short");
    const size = data.readUInt32LE(offset + 24);
    const nameLen = data.readUInt16LE(offset + 28);
    const extraLen = data.readUInt16LE(offset + 30);
    const commentLen = data.readUInt16LE(offset + 32);
    const name = data.toString("utf8", offset + 46, offset + 46 + nameLen);
    if (!(commentLen > 0 && ownSegmentedPart(data, offset, nameLen + extraLen, commentLen))) {
      if (size > LIMITS.entryBytes)
        throw new InputError(
          `${path}: refused: the part ${name} would expand to ${(size / 1e9).toFixed(1)} GB (a zip bomb or a damaged file)`,
        );
      total += size;
    }
    offset += 46 + nameLen + extraLen + commentLen;
  }
  if (total > LIMITS.totalBytes)
    throw new InputError(
      `${path}: refused: the package would expand to ${(total / 1e9).toFixed(1)} GB (a zip bomb or a damaged file)`,
    );
}

/** A directory entry whose comment is the tool's segment index for it, at a ratio real XML compresses to. */
function ownSegmentedPart(data: Buffer, offset: number, skip: number, commentLen: number): boolean {
  const method = data.readUInt16LE(offset + 10);
  const crc = data.readUInt32LE(offset + 16);
  const csize = data.readUInt32LE(offset + 20);
  const size = data.readUInt32LE(offset + 24);
  if (method !== 8 || csize === 0 || size / csize > LIMITS.ownPartRatio) return false;
  const start = offset + 46 + skip;
  if (start + commentLen > data.length) return false;
  return commentIndexesEntry(data.toString("utf8", start, start + commentLen), size, csize, crc);
}

function checkZip64(path: string, data: Buffer, eocd: number): void {
  const loc = eocd - 20;
  if (loc < 0 || data.readUInt32LE(loc) !== 0x07064b50)
    throw damagedZip(path, "the list of its parts at the end of the file is missing");
  const rec = Number(data.readBigUInt64LE(loc + 8));
  if (rec + 56 > data.length || data.readUInt32LE(rec) !== 0x06064b50)
    throw damagedZip(path, "the list of its parts at the end of the file is missing");
  const entries = Number(data.readBigUInt64LE(rec + 32));
  if (entries > LIMITS.entries)
    throw new InputError(`${path}: refused: the package has ${entries} parts (a workbook has far fewer)`);
  // Sizes of zip64 entries are checked as they are inflated (see readPartText / streamPart).
}

const CT_XLSB = "application/vnd.ms-excel.sheet.binary.macroEnabled.main";
const REL_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_STRICT_OFFICE_DOC = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

export async function openPackage(path: string, data: Buffer): Promise<XlsxPackage> {
  checkSignature(path, data);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch {
    throw damagedZip(path, "its parts cannot be found where the list of its parts says they are");
  }
  const mimetype = zip.file("mimetype");
  if (mimetype) {
    const m = await partText(path, zip, "mimetype");
    if (m.includes("opendocument"))
      throw new InputError(
        `${path}: this is an OpenDocument (.ods) spreadsheet, not an .xlsx; save it as Excel 2007-365 (.xlsx)`,
      );
  }
  const types = zip.file("[Content_Types].xml");
  const rootRels = zip.file("_rels/.rels");
  if (!types || !rootRels)
    throw new InputError(`${path}: a zip file, but not an Excel workbook (it has no workbook inside)`);
  const rels = parseRels(await partText(path, zip, "_rels/.rels"));
  const strict = rels.find((r) => r.type === REL_STRICT_OFFICE_DOC);
  if (strict)
    throw new InputError(
      `${path}: this workbook is saved as "Strict Open XML", which is not supported; save it in Excel as "Excel Workbook (.xlsx)"`,
    );
  const main = rels.find((r) => r.type === REL_OFFICE_DOC);
  if (!main)
    throw new InputError(`${path}: a zip file, but not an Excel workbook (it has no workbook inside)`);
  // Part names are compared without regard to case (ECMA-376 Part 2, 6.2.2.3): a relationship may name a part in
  // another case than its zip entry, and the entry's own name is the one read and rewritten.
  const entry = entryNames(zip);
  const workbookPart = entry(resolvePartName("", main.target));
  const typesXml = await partText(path, zip, "[Content_Types].xml");
  const mainType = contentTypeOf(typesXml, workbookPart);
  if (mainType === CT_XLSB || /\.bin$/i.test(workbookPart))
    throw new InputError(
      `${path}: this is an Excel binary workbook (.xlsb) renamed; open it in Excel and save it as .xlsx`,
    );
  if (mainType && !/spreadsheetml|ms-excel/.test(mainType))
    throw new InputError(`${path}: this is not an Excel workbook (it holds ${mainType})`);
  if (!zip.file(workbookPart))
    throw new InputError(`${path}: the workbook part ${workbookPart} is missing from the package`);
  const workbookXml = await partText(path, zip, workbookPart);
  const wbRelsPart = entry(relsPartOf(workbookPart));
  const wbRels = zip.file(wbRelsPart) ? parseRels(await partText(path, zip, wbRelsPart)) : [];

  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  let strictNs = false;
  let dn: DefinedName | null = null;
  try {
    parseXml(workbookXml, {
      open: (t) => {
        if (t.uri === NS_STRICT_MAIN) strictNs = true;
        if (t.local === "sheet") {
          const rId = attr(t, "id", NS_REL) ?? "";
          const rel = wbRels.find((r) => r.id === rId);
          const type = rel?.type ?? "";
          sheets.push({
            name: attr(t, "name") ?? "",
            sheetId: attr(t, "sheetId") ?? "",
            rId,
            state: (attr(t, "state") as SheetEntry["state"] | undefined) ?? "visible",
            part: rel && !rel.external ? entry(resolvePartName(workbookPart, rel.target)) : null,
            kind: /\/worksheet$/.test(type)
              ? "worksheet"
              : /\/chartsheet$/.test(type)
                ? "chartsheet"
                : /\/dialogsheet$/.test(type)
                  ? "dialogsheet"
                  : /macrosheet$/i.test(type)
                    ? "macrosheet"
                    : "other",
          });
        } else if (t.local === "workbookPr") {
          const v = attr(t, "date1904");
          date1904 = v === "1" || v === "true";
        } else if (t.local === "definedName") {
          const local = attr(t, "localSheetId");
          dn = {
            name: attr(t, "name") ?? "",
            localSheetId: local === undefined ? null : Number(local),
            text: "",
          };
        }
      },
      text: (s) => {
        if (dn) dn.text += s;
      },
      close: (t) => {
        if (t.local === "definedName" && dn) {
          definedNames.push(dn);
          dn = null;
        }
      },
    });
  } catch (e) {
    throw e instanceof InputError ? e : damagedPart(path, workbookPart, e);
  }
  if (strictNs)
    throw new InputError(
      `${path}: this workbook is saved as "Strict Open XML", which is not supported; save it in Excel as "Excel Workbook (.xlsx)"`,
    );
  const relPart = (suffix: string): string | null => {
    const r = wbRels.find((x) => x.type.endsWith(suffix) && !x.external);
    return r ? entry(resolvePartName(workbookPart, r.target)) : null;
  };
  return {
    zip,
    workbookPart,
    workbookXml,
    sheets,
    definedNames,
    date1904,
    rels: wbRels,
    sharedStringsPart: relPart("/sharedStrings"),
    stylesPart: relPart("/styles"),
  };
}

/** The zip entry a part name means, matched without regard to case; the name itself when there is none. */
function entryNames(zip: JSZip): (part: string) => string {
  const byLower = new Map<string, string>();
  for (const name of Object.keys(zip.files))
    if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  return (part) => (zip.files[part] ? part : (byLower.get(part.toLowerCase()) ?? part));
}

export function parseRels(xml: string): Rel[] {
  const out: Rel[] = [];
  parseXml(xml, {
    open: (t) => {
      if (t.local !== "Relationship") return;
      out.push({
        id: attr(t, "Id") ?? "",
        type: attr(t, "Type") ?? "",
        target: attr(t, "Target") ?? "",
        external: attr(t, "TargetMode") === "External",
      });
    },
  });
  return out;
}

/** The content type [Content_Types].xml gives a part (its Override, else the Default for its extension). */
export function contentTypeOf(typesXml: string, part: string): string | null {
  let override: string | null = null;
  const defaults = new Map<string, string>();
  parseXml(typesXml, {
    open: (t) => {
      if (
        t.local === "Override" &&
        (attr(t, "PartName") ?? "").replace(/^\//, "").toLowerCase() === part.toLowerCase()
      )
        override = attr(t, "ContentType") ?? null;
      if (t.local === "Default")
        defaults.set((attr(t, "Extension") ?? "").toLowerCase(), attr(t, "ContentType") ?? "");
    },
  });
  return override ?? defaults.get(part.slice(part.lastIndexOf(".") + 1).toLowerCase()) ?? null;
}

const REPAIR =
  "open the workbook in Excel (it offers to repair a damaged file) and save it again, or use an earlier copy";

/** A zip package that cannot be opened, in plain words (not zlib's or JSZip's) and what to do. */
function damagedZip(path: string, why: string): InputError {
  return new InputError(
    `${path}: the file is damaged: ${why} (it was cut short or changed after it was saved); ${REPAIR}`,
  );
}

/** What a part holds, in words a user knows (for a message naming a damaged part), or null. */
function partRole(part: string): string | null {
  const p = part.toLowerCase();
  if (p.endsWith(".rels")) return "the links between the workbook's parts";
  if (p === "[content_types].xml") return "the list of the workbook's parts";
  if (/^xl\/workbook\.xml$|\/workbook\.xml$/.test(p)) return "the workbook's list of sheets";
  if (p.endsWith("sharedstrings.xml")) return "the workbook's table of text";
  if (p.endsWith("styles.xml")) return "the workbook's cell formats";
  if (p.includes("/worksheets/")) return "a sheet's cells";
  return null;
}

/** A part whose inflated bytes do not match the CRC-32 or size saved with them. */
const CHECKSUM = Object.assign(new Error("checksum"), { code: "Z_CHECKSUM" });

/**
 * Whether an error is zlib's, inflating an entry's compressed bytes ("invalid distance too far back"...), or
 * JSZip's own about an entry's sizes ("Bug : uncompressed data size mismatch"): the entry's bytes are damaged.
 */
function isZlibError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("Z_")) return true;
  return /size mismatch|crc32/i.test((e as Error | null)?.message ?? "");
}

/**
 * The message for a part that cannot be read, naming the part (and what it holds: `what`, such as a sheet's name,
 * else its role) and what to do. An entry whose compressed bytes do not unpack gets plain words, not zlib's.
 */
export function damagedPart(path: string, part: string, e: unknown, what?: string): InputError {
  const holds = what ?? partRole(part);
  const named = `the part ${part}${holds ? ` (${holds})` : ""}`;
  if (e === CHECKSUM)
    return new InputError(
      `${path}: ${named} is damaged: its contents do not match the checksum saved with them (the file was changed after it was saved); ${REPAIR}`,
    );
  if (isZlibError(e))
    return new InputError(
      `${path}: ${named} is damaged: its compressed data cannot be unpacked (the file was cut short or changed after it was saved); ${REPAIR}`,
    );
  if (e instanceof XmlSyntaxError)
    return new InputError(
      `${path}: ${named} is damaged: its contents are not well-formed XML (the parser found: ${e.message}); ${REPAIR}`,
    );
  return new InputError(`${path}: ${named} is damaged (${(e as Error).message}); ${REPAIR}`);
}

/** A part's text, inflated with its declared size as the limit; a damaged entry is named. */
export async function partText(path: string, zip: JSZip, part: string): Promise<string> {
  const chunks: Buffer[] = [];
  await streamPart(path, zip, part, (c) => {
    chunks.push(Buffer.from(c));
  });
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

/** JSZip's internal stream helper (untyped in its declarations): inflates an entry chunk by chunk. */
interface JSZipStream {
  on(event: "data", f: (chunk: Uint8Array) => void): JSZipStream;
  on(event: "error", f: (e: Error) => void): JSZipStream;
  on(event: "end", f: () => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}

/** Thrown by a chunk handler of streamPart to stop inflating a part early (it has read what it needs). */
export class StopReading extends Error {
  constructor() {
    super("stopped");
  }
}

interface Declared {
  _data?: { uncompressedSize?: number; crc32?: number };
}

/** The parts of each package inflated whole and found to match their CRC-32 and size. */
const verified = new WeakMap<JSZip, Set<string>>();

/**
 * Inflates every part not yet read whole (the tool copies them unchanged) and checks it against its CRC-32, so a
 * file damaged in a part the run does not read is refused, never copied on with its damage. The tool's own
 * indexed parts are passed over: only their head and tail are read, and those are checked against the index.
 */
export async function verifyUnreadParts(path: string, zip: JSZip): Promise<void> {
  const done = verified.get(zip);
  for (const f of Object.values(zip.files)) {
    if (f.dir || done?.has(f.name) || segmentsOf(f) !== null) continue;
    await streamPart(path, zip, f.name, () => undefined);
  }
}

/**
 * Inflates a part chunk by chunk (a handler that throws StopReading ends it early, quietly). Stops with a clear error if the entry is damaged or inflates to more than it
 * declared (a zip bomb that lies in its directory).
 */
export function streamPart(
  path: string,
  zip: JSZip,
  part: string,
  onChunk: (chunk: Uint8Array) => void,
  /** What the part holds, for a message (`sheet "Projects"`); else its role from its name. */
  what?: string,
): Promise<void> {
  const file = zip.file(part);
  if (!file) return Promise.reject(new InputError(`${path}: the part ${part} is missing from the package`));
  const data = (file as unknown as Declared)._data;
  const declared = data?.uncompressedSize ?? LIMITS.entryBytes;
  const limit = Math.min(LIMITS.entryBytes, Math.max(declared, 0) + 1024);
  return new Promise((resolveP, rejectP) => {
    let seen = 0;
    let crc = 0;
    let failed = false;
    const stream = (file as unknown as { internalStream(type: "uint8array"): JSZipStream }).internalStream(
      "uint8array",
    );
    stream.on("data", (chunk: Uint8Array) => {
      if (failed) return;
      seen += chunk.length;
      if (seen > limit) {
        failed = true;
        stream.pause();
        rejectP(
          new InputError(
            declared > LIMITS.entryBytes
              ? `${path}: refused: the part ${part} is too large to read whole (more than ${LIMITS.entryBytes / 1e9} GB of XML)`
              : `${path}: refused: the part ${part} inflates to more than it declares (a zip bomb?)`,
          ),
        );
        return;
      }
      crc = crc32(chunk, crc);
      try {
        onChunk(chunk);
      } catch (e) {
        failed = true;
        stream.pause();
        if (e instanceof StopReading) return resolveP();
        rejectP(e instanceof InputError ? e : damagedPart(path, part, e, what));
      }
    });
    stream.on("error", (e: Error) => {
      if (failed) return;
      failed = true;
      rejectP(damagedPart(path, part, e, what));
    });
    stream.on("end", () => {
      if (failed) return;
      // Read whole: its bytes must be the ones saved (JSZip's own check is off, for speed, so it is done here).
      if ((data?.crc32 !== undefined && crc !== data.crc32 >>> 0) || (data && seen !== declared))
        return rejectP(damagedPart(path, part, CHECKSUM, what));
      let set = verified.get(zip);
      if (!set) verified.set(zip, (set = new Set()));
      set.add(part);
      resolveP();
    });
    stream.resume();
  });
}
