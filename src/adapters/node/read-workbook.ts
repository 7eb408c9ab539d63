/**
 * Reading .xlsx and .csv files into the engine's grids, for the command line. Node only.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import type { CellValue, SheetGrid } from "../../engine/grid";
import { engineValue } from "./cell-values";

export class InputError extends Error {}

export interface LoadedWorkbook {
  kind: "xlsx" | "csv";
  sheets: SheetGrid[];
  /** The exceljs workbook the output is written into (a CSV becomes a one-sheet workbook). */
  workbook: ExcelJS.Workbook;
}

export async function loadWorkbook(path: string): Promise<LoadedWorkbook> {
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
  if (ext === ".csv") return loadCsv(path, data);
  if (ext === ".xlsx" || ext === ".xlsm") return loadXlsx(path, data);
  if (ext === ".xls")
    throw new InputError(`${path}: .xls (Excel 97-2003) is not supported; save it as .xlsx`);
  throw new InputError(`${path}: expected a .xlsx or .csv file`);
}

export async function loadXlsx(path: string, data: Buffer): Promise<LoadedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`${path}: cannot be opened as an .xlsx workbook (${(e as Error).message})`);
  }
  return { kind: "xlsx", sheets: workbook.worksheets.map(gridFromWorksheet), workbook };
}

export function gridFromWorksheet(ws: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  // Number formats parallel to the values, where cells have one ("0%", "dd/mm/yyyy", "£#,##0").
  const formats: (string | null)[][] = [];
  let anyFormat = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    const fmts: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = engineValue(cell);
      const f = cell.numFmt;
      if (typeof f === "string" && f !== "" && f !== "General") {
        fmts[col - 1] = f;
        anyFormat = true;
      }
    });
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    values[rowNumber - 1] = cells;
    formats[rowNumber - 1] = fmts;
  });
  for (let r = 0; r < values.length; r++) if (values[r] === undefined) values[r] = [];
  const grid: SheetGrid = {
    name: ws.name,
    visible: ws.state === "visible" || ws.state === undefined,
    rowOffset: 0,
    colOffset: 0,
    values,
  };
  if (anyFormat) {
    for (let r = 0; r < values.length; r++) formats[r] ??= [];
    grid.numberFormats = formats;
  }
  return grid;
}

/** UTF-8 (with or without a byte-order mark), falling back to Windows-1252 when the bytes are not UTF-8. */
export function decodeCsv(data: Uint8Array): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return new TextDecoder("utf-8").decode(data.subarray(3));
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
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
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
    }) as string[][];
  } catch (e) {
    throw new InputError(`${path}: cannot be read as CSV (${(e as Error).message})`);
  }
  const name = sheetNameFromFile(path);
  const values: CellValue[][] = rows.map((r) => r.map((c) => (c === "" ? null : c)));
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(name);
  for (const r of rows) ws.addRow(r.map((c) => (c === "" ? null : c)));
  return {
    kind: "csv",
    sheets: [{ name, visible: true, rowOffset: 0, colOffset: 0, values, textOnly: true }],
    workbook,
  };
}

/** A CSV's sheet is named after the file, made a legal Excel sheet name. */
export function sheetNameFromFile(path: string): string {
  const base = basename(path, extname(path))
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "");
  return (base || "Sheet1").slice(0, 31);
}
