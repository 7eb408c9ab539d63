/**
 * Reading .xlsx / .xlsm and .csv files into the engine's grids, for the command line. Node only. A workbook is
 * read as a package (package.ts): its shared strings and each sheet streamed once (read-sheet.ts), with no
 * workbook model, so a 200,000-row sheet costs its values and nothing more.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { CellValue, SheetGrid } from "../../../engine/grid";
import { isBlank } from "../../../engine/grid";
import type { Issue } from "../../../engine/model";
import type { OwnSheetRole } from "../../../engine/plan";
import { ownSheetContentAgrees, roleFromMarker, sheetFromReference } from "../../../engine/own-sheets";
import { InputError } from "../errors";
import type { SheetEntry, XlsxPackage } from "../package";
import { openPackage, parseRels, partText } from "../package";
import { relsPartOf } from "../xml";
import type { ReadSheet, RecentRows } from "./read-sheet";
import { readSharedStrings, readWorksheet } from "./read-sheet";
import { Styles } from "../styles";
import { HISTORY_HEADERS } from "../../../engine/report/history";
import type { DayNumber } from "../../../engine/dates";
import { excelSerialFromDay } from "../../../engine/dates";
import { CHANGELOG_HEADERS } from "../../../engine/report/changelog";
import type { SavedSettingText } from "../web-settings";
import { readSavedSettingText } from "../web-settings";
import { HEAD_ROWS, sheetUse } from "../../../engine/sheet-kind";
import { OWN_SHEET_NAMES } from "../../../engine/snapshot";
import { MILESTONE_HISTORY_HEADERS } from "../../../engine/report/milestone-history";
import { RISK_HISTORY_HEADERS } from "../../../engine/report/risk-history-columns";

export { InputError };

export interface LoadedWorkbook {
  kind: "xlsx" | "csv";
  sheets: SheetGrid[];
  /** The package the output is made from (null for a CSV: the CLI makes one when it writes). */
  pkg: XlsxPackage | null;
  /** What was read of each worksheet, by name. */
  read: Map<string, ReadSheet>;
  /** The tool's own sheets, by role: marker and content agree. */
  own: Map<OwnSheetRole, SheetEntry>;
  /** Things the reader noticed that the user should hear about, one line each. */
  warnings: string[];
  /** What the reader found about single cells, as the engine's issues (a formula with no calculated value). */
  readIssues?: Issue[];
  /** A CSV's fields (null for empty), to build its workbook from. */
  csvRows?: (string | null)[][];
  /** The add-in's settings saved in the workbook (its web extension part), as text; null if none. */
  savedSettings?: SavedSettingText | null;
}

export interface LoadOptions {
  /**
   * "recent" (the default): of the tool's RAG History and Change Log, only the header and the rows the engine
   * needs are read (the history's window, below; the last run's lines), so a run costs the same whatever history
   * the workbook holds; `ReadSheet.dropped` says how many rows were left out, and `--out` keeps them byte for
   * byte. "all": every row.
   */
  ownSheetRows?: "recent" | "all";
  /**
   * The first day of the period the run reports (the engine's `cycleStart(reportingDate, cycle)`: its month's
   * first day for a monthly report, its quarter's for a quarterly one). Of the RAG History, the last snapshot
   * before it (the one the report compares with) and every row from it on are read: this period's snapshot
   * (replaced) and any later ones (a report for an earlier period is written among them by date). Without it the
   * history is read whole.
   */
  reportFrom?: DayNumber | ((saved: SavedSettingText | null) => DayNumber);
}

/**
 * What the engine needs of the tool's growing sheets. The history: the snapshot (one reporting date's rows)
 * before the period reported, and every row from that period on (`historyRows`). The change log: the last run's
 * lines (a run that stopped after logging is not logged twice).
 */
export const RECENT_ROWS: Record<"changelog", RecentRows> = {
  changelog: {
    header: CHANGELOG_HEADERS,
    keyColumn: CHANGELOG_HEADERS.indexOf("Sheet"),
    // A run's summary line has no sheet; its changes follow it.
    startsBlock: (key) => key === null,
    blocks: 1,
  },
};

const SERIAL = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*<\//;

/**
 * The Milestone and Risk Histories hold one block of rows per reporting date as the RAG History does, and a
 * report reads and keeps them by the same window (the snapshot it compares with and every row from the period
 * it reports); the rows before the window are kept as written.
 */
const SNAPSHOT_HEADERS = {
  milestoneHistory: MILESTONE_HISTORY_HEADERS,
  riskHistory: RISK_HISTORY_HEADERS,
} as const;

/** The history's window for a run reporting the period from `from` (see LoadOptions.reportFrom). */
export function historyRows(
  from: DayNumber,
  date1904: boolean,
  header: readonly string[] = HISTORY_HEADERS,
): RecentRows {
  return {
    header,
    // One snapshot is one reporting date's rows (one a month), its date a serial in the workbook's system.
    keyColumn: header.indexOf("Reporting date"),
    startsBlock: (key, previous) => key !== null && key !== previous,
    blocks: Infinity,
    from: {
      value: (key) => {
        const m = key === null ? null : SERIAL.exec(key);
        return m ? Math.floor(Number(m[1])) : null;
      },
      start: excelSerialFromDay(from, date1904 ? 1904 : 1900),
    },
  };
}

/**
 * The inflated size of a sheet the engine reads beyond which it is refused, unread: 256 MiB of XML is some
 * 3 million filled cells, far past any programme of works, and a sheet's declared size is known before anything
 * is inflated (a part that inflates past what it declares is refused as it inflates: package.ts), so a sheet of
 * millions of cells is refused in a moment instead of after a minute's parsing.
 */
export const MAX_SHEET_BYTES = 256 * 1024 * 1024;

/** Bytes as whole megabytes (MiB), with thousands separators. */
const megabytes = (bytes: number): string =>
  (bytes / 1024 / 1024).toLocaleString("en-GB", { maximumFractionDigits: 0 });

interface DeclaredSize {
  _data?: { uncompressedSize?: number };
}

const OWN_NAMES = Object.values(OWN_SHEET_NAMES).map((n) => n.toLowerCase());

export async function loadWorkbook(path: string, options: LoadOptions = {}): Promise<LoadedWorkbook> {
  const ext = extname(path).toLowerCase();
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT"
        ? `${path}: no such file`
        : code === "EISDIR"
          ? `${path} is a folder, not a file`
          : `${path}: cannot be read (${code ?? String(e)})`,
    );
  }
  // A file of no bytes is most often one a sync or a download left unfinished (OneDrive's placeholder, an
  // interrupted copy): say so, rather than that it is not a workbook or has no header row.
  if (data.length === 0)
    throw new InputError(
      `${path}: the file is empty (0 bytes), so there is nothing to read; if it was copied or downloaded (from ` +
        `OneDrive, SharePoint or email), copy or download it again, or open it in Excel and save it`,
    );
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return loadCsv(path, data);
  if (ext === ".xlsx" || ext === ".xlsm") return loadXlsx(path, data, options);
  if (ext === ".xls")
    throw new InputError(
      `${path}: .xls (Excel 97-2003) is not supported; open it in Excel and save it as .xlsx`,
    );
  if (ext === ".xlsb")
    throw new InputError(`${path}: .xlsb (Excel binary workbook) is not supported; save it as .xlsx`);
  if (ext === ".ods")
    throw new InputError(`${path}: .ods (OpenDocument) is not supported; save it as Excel 2007-365 (.xlsx)`);
  throw new InputError(`${path}: expected a .xlsx, .xlsm or .csv file`);
}

export async function loadXlsx(
  path: string,
  data: Buffer,
  options: LoadOptions = {},
): Promise<LoadedWorkbook> {
  const pkg = await openPackage(path, data);
  return readPackage(path, pkg, "xlsx", options);
}

export async function readPackage(
  path: string,
  pkg: XlsxPackage,
  kind: "xlsx" | "csv",
  options: LoadOptions = {},
): Promise<LoadedWorkbook> {
  const stringsFile = pkg.sharedStringsPart ? pkg.zip.file(pkg.sharedStringsPart) : null;
  if (stringsFile) {
    // Every sheet's text is in this one table, read whole before any sheet: the same bound as a sheet the engine
    // reads, from its declared size (a part that inflates past what it declares is refused as it inflates), so a
    // table of millions of strings is refused in a moment instead of after half a minute's parsing.
    const declared = (stringsFile as unknown as DeclaredSize)._data?.uncompressedSize ?? 0;
    if (declared > MAX_SHEET_BYTES)
      throw new InputError(
        `${path}: the workbook's table of text (${pkg.sharedStringsPart}) is too large to read: ${megabytes(declared)} MB, more than the ${MAX_SHEET_BYTES / 1024 / 1024} MB a workbook's text may take; remove sheets of text the programme does not need (or save the programme sheets to a workbook of their own) and run again`,
      );
  }
  const strings =
    stringsFile && pkg.sharedStringsPart ? await readSharedStrings(path, pkg.zip, pkg.sharedStringsPart) : [];
  const styles =
    pkg.stylesPart && pkg.zip.file(pkg.stylesPart)
      ? new Styles(await partText(path, pkg.zip, pkg.stylesPart))
      : null;
  const sheets: SheetGrid[] = [];
  const read = new Map<string, ReadSheet>();
  const warnings: string[] = [];
  const readIssues: Issue[] = [];
  // The saved settings first: the reporting date they hold decides which history rows are read.
  const saved = kind === "xlsx" ? await readSavedSettingText(path, pkg) : { found: null, problem: null };
  if (saved.problem) warnings.push(`the add-in's saved settings were not read: ${saved.problem}`);
  const reportFrom =
    typeof options.reportFrom === "function" ? options.reportFrom(saved.found) : options.reportFrom;
  // Sheets a ProgrammeRAG_* marker points at are read whatever their state (their content decides whether they
  // are the tool's); other hidden sheets are not read at all (the engine ignores them), so a huge hidden data
  // sheet costs nothing.
  const marked = new Set<string>();
  const growing = new Map<string, RecentRows>();
  for (const dn of pkg.definedNames) {
    const role = roleFromMarker(dn.name);
    const name = role ? sheetFromReference(dn.text) : null;
    if (name === null) continue;
    marked.add(name.toLowerCase());
    if (dn.localSheetId !== null) continue;
    if (role === "changelog") growing.set(name.toLowerCase(), RECENT_ROWS.changelog);
    else if (reportFrom !== undefined && (role === "history" || (role !== null && role in SNAPSHOT_HEADERS)))
      growing.set(
        name.toLowerCase(),
        historyRows(reportFrom, pkg.date1904, SNAPSHOT_HEADERS[role as keyof typeof SNAPSHOT_HEADERS]),
      );
  }
  const recentOf = (sheet: string) =>
    options.ownSheetRows === "all" ? undefined : growing.get(sheet.toLowerCase());
  for (const s of pkg.sheets) {
    if (s.kind !== "worksheet" || !s.part) continue;
    if (s.state !== "visible" && !marked.has(s.name.toLowerCase())) {
      sheets.push({ name: s.name, visible: false, rowOffset: 0, colOffset: 0, values: [] });
      continue;
    }
    if (!pkg.zip.file(s.part)) {
      warnings.push(`sheet "${s.name}": its part ${s.part} is missing from the package; not read`);
      continue;
    }
    const visible = s.state === "visible";
    const readIt = (headRows?: number) =>
      readWorksheet(
        path,
        pkg.zip,
        s.part!,
        s.name,
        visible,
        strings,
        styles,
        pkg.date1904,
        recentOf(s.name),
        false,
        headRows,
      );
    // An unmarked sheet is read to its head first (sheet-kind.ts), and whole only when the engine may read it:
    // a huge sheet the engine ignores is never inflated past its first rows. A sheet named as one of the tool's
    // own (which the engine may adopt by its name and content) is always read whole.
    const lower = s.name.toLowerCase();
    const mayBeOwn = marked.has(lower) || OWN_NAMES.some((n) => lower.startsWith(n));
    let rs: ReadSheet | null = null;
    if (!mayBeOwn) {
      const head = await readIt(HEAD_ROWS);
      if (sheetUse(head.grid) === "ignore") {
        // Its head stands for it (the engine says why it is not read); it is copied, never parsed, by --out.
        sheets.push(head.grid);
        continue;
      }
      if (head.complete) rs = head;
    }
    if (!rs) {
      const declared = (pkg.zip.file(s.part) as unknown as DeclaredSize)._data?.uncompressedSize ?? 0;
      if (!mayBeOwn && declared > MAX_SHEET_BYTES)
        throw new InputError(
          `${path}: sheet "${s.name}" is too large to read: ${megabytes(declared)} MB of cells, more than the ${MAX_SHEET_BYTES / 1024 / 1024} MB a programme sheet may hold; remove what the programme does not need (or move it to a sheet of its own) and run again`,
        );
      rs = await readIt();
    }
    // A sheet that may be the tool's but has no values: whether it holds anything else of the user's (a picture,
    // a chart...), which makes it the user's sheet, never an empty one a stopped run left (own-sheets.ts).
    if (mayBeOwn && rs.grid.values.every((row) => row.every(isBlank)))
      rs.grid.objects = await holdsObjects(path, pkg, s.part);
    read.set(s.name, rs);
    sheets.push(rs.grid);
    if (rs.uncalculated.length > 0 && visible) {
      const list = rs.uncalculated.slice(0, 5).join(", ");
      const more = rs.uncalculated.length > 5 ? ` and ${rs.uncalculated.length - 5} more` : "";
      warnings.push(
        `sheet "${s.name}" ${list}${more}: formula with no calculated value: open and save the file in Excel`,
      );
      // Each cell, too, where --json and the summary list the cells (it reads as empty, but is not).
      for (const cell of rs.uncalculated)
        readIssues.push({
          sheet: s.name,
          cell,
          severity: "warning",
          message: "formula with no calculated value: open and save the file in Excel",
        });
    }
  }
  const own = new Map<OwnSheetRole, SheetEntry>();
  for (const dn of pkg.definedNames) {
    const role = roleFromMarker(dn.name);
    if (!role || dn.localSheetId !== null) continue;
    const name = sheetFromReference(dn.text);
    const entry =
      name === null ? undefined : pkg.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!entry) continue;
    // Only a worksheet the reader read can be the tool's (a chartsheet, a dialog sheet has no cells to read: the
    // engine never adopts it either). Its first row decides, and a sheet whose first row is blank is the tool's
    // only if it is blank throughout: values further down (a pivot table from A3) make it the user's.
    const grid = entry.kind === "worksheet" ? read.get(entry.name)?.grid : undefined;
    const first = grid?.values[0] ?? [];
    const below =
      grid !== undefined &&
      first.every(isBlank) &&
      grid.values.some((row, r) => r > 0 && !row.every(isBlank));
    if (grid && ownSheetContentAgrees(role, first, grid.objects === true || below)) own.set(role, entry);
    else
      warnings.push(
        `sheet "${entry.name}" carries the tool's ${dn.name} marker but is not the tool's sheet; it is left as it is`,
      );
  }
  return { kind, sheets, pkg, read, own, warnings, readIssues, savedSettings: saved.found };
}
/** A sheet's relationship that is not the user's content: the printer settings Excel keeps for its page setup. */
const PRINTER_SETTINGS = /\/printerSettings$/;
/**
 * Elements of a worksheet that hold something of the user's besides cell values: besides pictures, controls,
 * tables, validations, formats, merges and links, a filter (autoFilter, sortState), protected ranges, scenarios,
 * and any extension (an `<ext>` of the extension list: Excel 2010's sparklines, list validations and conditional
 * formats that point at other sheets, slicers and timelines live there).
 */
const OBJECT_ELEMENTS =
  /<(?:[\w.-]+:)?(?:drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|tableParts|dataValidations|conditionalFormatting|mergeCells|hyperlinks|autoFilter|sortState|protectedRanges|scenarios|ext)\b/;

/** Whether a worksheet part holds a picture, chart, shape, comment, table, control, validation or the like. */
async function holdsObjects(path: string, pkg: XlsxPackage, part: string): Promise<boolean> {
  // Part names are compared without regard to case, as package.ts does.
  const lower = relsPartOf(part).toLowerCase();
  const relsEntry = Object.keys(pkg.zip.files).find((n) => n.toLowerCase() === lower);
  if (
    relsEntry !== undefined &&
    parseRels(await partText(path, pkg.zip, relsEntry)).some((r) => !PRINTER_SETTINGS.test(r.type))
  )
    return true;
  return OBJECT_ELEMENTS.test(await partText(path, pkg.zip, part));
}

/** UTF-8 or UTF-16 (with or without a byte-order mark), falling back to Windows-1252 when the bytes are not UTF-8. */
export function decodeCsv(data: Uint8Array): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return new TextDecoder("utf-8").decode(data.subarray(3));
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  // UTF-16 without a byte-order mark: text in Latin letters has a zero in every other byte.
  const sample = data.subarray(0, Math.min(data.length, 4096));
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (pairs >= 2 && oddZero > pairs * 0.3 && evenZero < pairs * 0.05)
    return new TextDecoder("utf-16le").decode(data);
  if (pairs >= 2 && evenZero > pairs * 0.3 && oddZero < pairs * 0.05)
    return new TextDecoder("utf-16be").decode(data);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return decodeWindows1252(data);
  }
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ' ' " " • – — ˜ ™ š › œ ž Ÿ).
 * Node 20's TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters, so they are mapped here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(data: Uint8Array): string {
  let out = "";
  const CHUNK = 8192;
  for (let i = 0; i < data.length; i += CHUNK) {
    const codes = Array.from(data.subarray(i, i + CHUNK), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

export function loadCsv(path: string, data: Buffer): LoadedWorkbook {
  const text = decodeCsv(data);
  const { body, delimiter } = csvDialect(text);
  let rows: string[][];
  try {
    rows = parseCsv(body, {
      delimiter,
      // Each line ending ends a row, whichever it is: csv-parse otherwise takes the first one it meets as the only
      // one, and a file with a Windows header and rows added elsewhere would read as one row.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
    }) as string[][];
  } catch (e) {
    throw new InputError(`${path}: cannot be read as CSV (${(e as Error).message})`);
  }
  const name = sheetNameFromFile(path);
  // A semicolon-separated file comes from Excel set to a decimal comma (European lists use ";" because "," is
  // the decimal mark): its "10.000,50" is 10,000.50 and its "5.000" is 5,000, never 5.
  const decimalComma = delimiter === ";" && usesDecimalComma(rows);
  let converted = 0;
  const cell = (c: string): string | null => {
    if (c === "") return null;
    if (!decimalComma) return c;
    const english = fromDecimalComma(c);
    if (english !== c) converted++;
    return english;
  };
  const values: CellValue[][] = rows.map((r) => r.map(cell));
  const warnings: string[] = [];
  if (converted > 0)
    warnings.push(
      `${basename(path)} is separated by semicolons, as Excel writes it where the comma is the decimal mark: ` +
        `${converted} number${converted === 1 ? " was" : "s were"} read that way ("1.234,56" as 1,234.56, "5.000" as 5,000)`,
    );
  return {
    kind: "csv",
    sheets: [{ name, visible: true, rowOffset: 0, colOffset: 0, values, textOnly: true }],
    pkg: null,
    read: new Map(),
    own: new Map(),
    warnings,
    csvRows: values as (string | null)[][],
  };
}

/**
 * How Excel writes a CSV: a `sep=;` first line names the separator; "Unicode Text" is tab-separated; European
 * Excel separates with semicolons. Without a `sep=` line, the separator is the one of tab, semicolon and comma
 * that the first line (outside quotes) holds most of.
 */
export function csvDialect(text: string): { body: string; delimiter: string } {
  // A line ends in "\r\n", "\n" or a bare "\r" (as classic Mac OS wrote them), as the rows are read (loadCsv).
  const sep = /^sep=(.)(?:\r\n|\n|\r)/i.exec(text);
  if (sep) return { body: text.slice(sep[0].length), delimiter: sep[1]! };
  const firstLine = text.slice(0, text.search(/[\r\n]|$/)).replace(/"[^"]*"/g, "");
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const counts: [string, number][] = [
    [",", count(",")],
    ["\t", count("\t")],
    [";", count(";")],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return { body: text, delimiter: counts[0]![1] > 0 ? counts[0]![0] : "," };
}

/** A CSV's sheet is named after the file, made a legal Excel sheet name. */
export function sheetNameFromFile(path: string): string {
  const base = basename(path, extname(path))
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "");
  const name = (base || "Sheet1").slice(0, 31);
  // "History" is a name Excel reserves for itself.
  return name.toLowerCase() === "history" ? `${name} (data)` : name;
}

/**
 * Whether a semicolon-separated file writes its numbers with a decimal comma, from the numbers themselves:
 * "1.234,56", "12,5" or "1.000.000" say so; "1,234.56", "12.50" or "1,000,000" say not. Where only ambiguous
 * numbers stand ("5.000", "8,500"), a £ sign says the file is British (a comma between thousands); else the
 * semicolons say it is European.
 */
export function usesDecimalComma(rows: readonly (readonly string[])[]): boolean {
  let comma = 0;
  let point = 0;
  let pounds = false;
  for (const row of rows)
    for (const raw of row) {
      const t = raw.trim();
      if (!/\d/.test(t) || t.length > 40) continue;
      if (t.includes("£")) pounds = true;
      const n = t.replace(/^[-(£€$\s]+|[)%£€$\s]+$/g, "");
      if (/^\d{1,3}(\.\d{3})+,\d+$|^\d+,\d{1,2}$|^\d{1,3}(\.\d{3}){2,}$/.test(n)) comma++;
      else if (/^\d{1,3}(,\d{3})+\.\d+$|^\d+\.\d{1,2}$|^\d{1,3}(,\d{3}){2,}$/.test(n)) point++;
    }
  if (comma > 0 || point > 0) return comma > point;
  return !pounds;
}

/**
 * A number written with a decimal comma and full stops (or spaces) between thousands, as European Excel writes
 * it ("1.234,56", "-5.000", "(1.000)", "12,5%", "€ 1.200,00"), in the form the engine reads ("1234.56");
 * anything else (text, a date such as 31.12.2020, a number with no separator) is returned as it is.
 */
export function fromDecimalComma(text: string): string {
  const m =
    /^(\s*[-(]?\s*(?:[£€$]\s*)?)(\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?(\s*(?:%|[£€$]|eur|gbp)?\s*\)?\s*)$/i.exec(
      text,
    );
  if (!m) return text;
  const [, lead, whole, decimals, tail] = m;
  // A plain whole number ("2020", "45") needs nothing; "1.234" (groups of three) and "12,5" do.
  if (decimals === undefined && !/[. \u00a0\u202f]/.test(whole!)) return text;
  return `${lead}${whole!.replace(/[. \u00a0\u202f]/g, "")}${decimals !== undefined ? "." + decimals : ""}${tail}`;
}
