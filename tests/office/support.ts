/**
 * Shared set-up for the Office adapter's tests: fake Excel workbooks built from the same files the command line
 * reads, the adapter bound to a fake, the command line's output for the same input (in-process, fixed clock),
 * and cell-by-cell comparison of two workbook models.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { RunInput } from "../../src/app/operations";
import { createOfficeOperations } from "../../src/adapters/office/operations";
import type { OfficeOperations, OfficeOperationsOptions } from "../../src/adapters/office/operations";
import { loadReportCode } from "../../src/adapters/office/report-code";
import { decodeCsv, sheetNameFromFile } from "../../src/adapters/file/read/read-workbook";
import { run } from "../../src/cli/main";
import { DEFAULT_ALLOCATION } from "../../src/engine/analyse";
import { parseIsoDay } from "../../src/engine/dates";
import { DEFAULT_RULES } from "../../src/engine/rules";
import type { FakeExcel, FakeExcelOptions } from "../../tools/excel-sim/excel-fake";
import { createFakeExcel } from "../../tools/excel-sim/excel-fake";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import {
  emptyCell,
  snapshotCells,
  workbookModelFromGrid,
  workbookModelFromXlsx,
} from "../../tools/excel-sim/excel-model";
import type { CellSnapshot } from "../../tools/excel-sim/excel-model/snapshot";

export const ROOT = join(__dirname, "..", "..");
export const SAMPLE = join(ROOT, "samples", "ict-strategy-programme.xlsx");
export const council = (f: string): string => join(ROOT, "tests", "fixtures", "council", f);
export const gmpp = (f: string): string => join(ROOT, "tests", "fixtures", "gmpp", f);

/** The clock of every run: Monday 4 January 2021, 09:30 UTC (the change log's "When"). */
export const NOW = new Date("2021-01-04T09:30:00Z");
export const REPORTING_DATE = "2020-12-31";
export const OWN_SHEETS = ["Highlight Report", "RAG History", "Change Log"];

export function input(date = REPORTING_DATE): RunInput {
  return { reportingDate: parseIsoDay(date)!, rules: DEFAULT_RULES, allocation: DEFAULT_ALLOCATION };
}

/** Every test runs the fake at the declared requirement set: a member above ExcelApi 1.9 throws ApiNotFound. */
export function fakeOf(model: WorkbookModel, options: FakeExcelOptions = {}): FakeExcel {
  return createFakeExcel(model, { requirementSet: "1.9", ...options });
}

type IsSetSupported = (name: string, version: string) => boolean;

export function opsOf(fake: FakeExcel, options: OfficeOperationsOptions = {}): OfficeOperations {
  return createOfficeOperations({
    run: fake.Excel.run as unknown as OfficeOperationsOptions["run"],
    now: () => NOW,
    // As the pane does: the report's code through the loader webpack makes a chunk of.
    loadReport: loadReportCode,
    // What the fake declares (its requirementSet), as Office.context.requirements says it in Excel.
    isSetSupported: (fake.Office as { context: { requirements: { isSetSupported: IsSetSupported } } }).context
      .requirements.isSetSupported,
    ...options,
  });
}

/** A one-sheet model from a CSV file, as csv-parse reads it (empty fields are empty cells), named like the CLI's. */
export function modelFromCsv(path: string): WorkbookModel {
  const rows = parseCsv(decodeCsv(readFileSync(path)), {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  const name = sheetNameFromFile(path);
  return workbookModelFromGrid({ [name]: rows.map((r) => r.map((c) => (c === "" ? null : c))) });
}

export async function modelOf(path: string): Promise<WorkbookModel> {
  return extname(path).toLowerCase() === ".csv" ? modelFromCsv(path) : workbookModelFromXlsx(path);
}

/** The command line's output workbook for a file (report mode, the same clock and date), as a model. */
export async function cliOutput(path: string, date = REPORTING_DATE): Promise<WorkbookModel> {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-office-"));
  try {
    const out = join(dir, `${basename(path, extname(path))}-rag.xlsx`);
    let stderr = "";
    const code = await run([path, "--date", date, "--out", out], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      now: () => NOW,
    });
    if (code !== 0) throw new Error(`CLI exit ${code}: ${stderr}`);
    return await workbookModelFromXlsx(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A sheet's cells as the snapshot gives them, by address, leaving out cells covered by a merge. */
export function sheetCells(model: WorkbookModel, sheet: string): Map<string, CellSnapshot> {
  const s = model.findSheet(sheet);
  if (!s) throw new Error(`no sheet "${sheet}"`);
  const covered = (address: string): boolean => {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
    const row = Number(m[2]) - 1;
    col -= 1;
    return s.merges.some(
      (g) =>
        row >= g.row &&
        row < g.row + g.rows &&
        col >= g.col &&
        col < g.col + g.cols &&
        !(row === g.row && col === g.col),
    );
  };
  const out = new Map<string, CellSnapshot>();
  for (const c of Object.values(snapshotCells(model))) {
    if (c.sheet === s.name && !covered(c.address)) out.set(c.address, c);
  }
  return out;
}

const EMPTY = { value: "", numberFormat: "General", fill: null, fontColor: "#000000", bold: false };
export type Field = "value" | "numberFormat" | "fill" | "fontColor" | "bold";

/** Differences between two sheets, cell by cell (numbers to 1e-6: exceljs reads dates back as Date objects). */
export function compareSheets(
  a: WorkbookModel,
  sheetA: string,
  b: WorkbookModel,
  sheetB: string,
  fields: Field[] = ["value", "numberFormat", "fill", "fontColor", "bold"],
  only?: (address: string) => boolean,
): string[] {
  const ca = sheetCells(a, sheetA);
  const cb = sheetCells(b, sheetB);
  const diffs: string[] = [];
  for (const address of new Set([...ca.keys(), ...cb.keys()])) {
    if (only && !only(address)) continue;
    const x = ca.get(address) ?? EMPTY;
    const y = cb.get(address) ?? EMPTY;
    for (const f of fields) {
      const u = x[f];
      const v = y[f];
      const same = typeof u === "number" && typeof v === "number" ? Math.abs(u - v) < 1e-6 : u === v;
      if (!same) diffs.push(`${sheetA}!${address} ${f}: ${JSON.stringify(u)} vs ${JSON.stringify(v)}`);
    }
  }
  return diffs.sort();
}

export function merges(model: WorkbookModel, sheet: string): string[] {
  return model
    .findSheet(sheet)!
    .merges.map((m) => `${m.row},${m.col},${m.rows},${m.cols}`)
    .sort();
}

export function columnWidths(model: WorkbookModel, sheet: string): [number, number][] {
  return [...model.findSheet(sheet)!.columnWidths.entries()].sort((x, y) => x[0] - y[0]);
}

/**
 * The border lines a sheet shows, as "h row col style color weight" (the line above a cell) and "v ..." (left
 * of a cell): a line between two cells counts once, whichever cell carries it (Excel keeps a shared border once;
 * an .xlsx may give it to both cells). Lines beside a cell a merge covers are left out: the .xlsx reader drops
 * covered cells, so only the fake's side would show them.
 */
export function borderLines(model: WorkbookModel, sheet: string): string[] {
  const s = model.findSheet(sheet)!;
  const covered = (row: number, col: number) =>
    s.merges.some(
      (g) =>
        row >= g.row &&
        row < g.row + g.rows &&
        col >= g.col &&
        col < g.col + g.cols &&
        !(row === g.row && col === g.col),
    );
  const lines = new Set<string>();
  for (const [key, cell] of s.cells) {
    const row = Math.floor(key / 16_384);
    const col = key % 16_384;
    for (const [side, b] of Object.entries(cell.format.borders)) {
      if (!b || b.style === "None") continue;
      const tail = `${b.style} ${b.color} ${b.weight}`;
      const [kind, r, c, other] =
        side === "EdgeTop"
          ? ["h", row, col, [row - 1, col]]
          : side === "EdgeBottom"
            ? ["h", row + 1, col, [row + 1, col]]
            : side === "EdgeLeft"
              ? ["v", row, col, [row, col - 1]]
              : ["v", row, col + 1, [row, col + 1]];
      if (covered(row, col) || covered(other[0]!, other[1]!)) continue;
      lines.add(`${kind} ${r} ${c} ${tail}`);
    }
  }
  return [...lines].sort();
}

/** Differences in the formats the snapshot leaves out: font name, size, italic, wrapping and alignment. */
export function compareFormats(a: WorkbookModel, b: WorkbookModel, sheet: string): string[] {
  const sa = a.findSheet(sheet)!;
  const sb = b.findSheet(sheet)!;
  const keys = new Set([...sa.cells.keys(), ...sb.cells.keys()]);
  const covered = (key: number) => {
    const row = Math.floor(key / 16_384);
    const col = key % 16_384;
    return sa.merges.some(
      (g) =>
        row >= g.row &&
        row < g.row + g.rows &&
        col >= g.col &&
        col < g.col + g.cols &&
        !(row === g.row && col === g.col),
    );
  };
  const fields = [
    "fontName",
    "fontSize",
    "italic",
    "wrapText",
    "horizontalAlignment",
    "verticalAlignment",
  ] as const;
  const diffs: string[] = [];
  const dflt = emptyCell().format;
  for (const key of keys) {
    if (covered(key)) continue;
    const x = sa.cells.get(key)?.format ?? dflt;
    const y = sb.cells.get(key)?.format ?? dflt;
    for (const f of fields) {
      if (x[f] !== y[f]) diffs.push(`${sheet} ${key} ${f}: ${String(x[f])} vs ${String(y[f])}`);
    }
  }
  return diffs;
}
