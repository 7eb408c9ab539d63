/**
 * Small helpers the sample and fixture generators share: fixed document properties, UTC dates, and zip
 * timestamps pinned so that rebuilding a workbook gives the same bytes.
 */
import type ExcelJS from "exceljs";

/** When the sample "was last saved": fixed, so rebuilds do not change the file. */
export const FIXED_SAVED_AT = new Date(Date.UTC(2021, 0, 8, 9, 0, 0));

/** A calendar day from "YYYY-MM-DD" as exceljs wants it: UTC midnight, which it writes as a whole serial. */
export function utcDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function setFixedProperties(wb: ExcelJS.Workbook, title: string): void {
  wb.creator = "ICT Programme Office";
  wb.lastModifiedBy = "ICT Programme Office";
  wb.title = title;
  wb.company = "Example District Council";
  wb.created = FIXED_SAVED_AT;
  wb.modified = FIXED_SAVED_AT;
  wb.lastPrinted = FIXED_SAVED_AT;
}

/** Money in whole pounds, negatives in red with a minus sign. */
export const GBP_FORMAT = '"£"#,##0;[Red]-"£"#,##0';
export const DATE_FORMAT = "dd/mm/yyyy";
export const PERCENT_FORMAT = "0%";

/**
 * Sets every zip entry's modification time to 1 January 1980 00:00 (the DOS epoch). exceljs's zip library
 * stamps each entry with the current time, which would make every rebuild a different file. Walks the central
 * directory from the end-of-central-directory record and patches each central and local header; CRCs do not
 * cover these fields, so the archive stays valid.
 */
export function pinZipTimestamps(input: Uint8Array): Buffer {
  const buf = Buffer.from(input);
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  const LOC = 0x04034b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file: no end-of-central-directory record");
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== CEN) throw new Error(`bad central directory entry at ${p}`);
    buf.writeUInt16LE(dosTime, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== LOC) throw new Error(`bad local header at ${local}`);
    buf.writeUInt16LE(dosTime, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return buf;
}

/** The workbook as .xlsx bytes, the same bytes every time for the same content. */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const out = await wb.xlsx.writeBuffer();
  return pinZipTimestamps(new Uint8Array(out as ArrayBuffer));
}
