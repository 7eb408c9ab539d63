/**
 * What the add-in should write, from the command line and the engine run in the test process on the same
 * workbook: the browser tests compare the simulated workbook with these.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyse } from "../../../src/engine/analyse";
import { parseIsoDay } from "../../../src/engine/dates";
import type { ProgrammeAnalysis } from "../../../src/engine/model";
import { loadWorkbook } from "../../../src/adapters/file/read/read-workbook";
import { runCli } from "../../cli/run-cli";
import { cellName } from "../../../tools/excel-sim/excel-model/address";
import type { CellChange, WorkbookSnapshot } from "../../../tools/excel-sim/excel-model/snapshot";
import { diffSnapshots, snapshotCells } from "../../../tools/excel-sim/excel-model/snapshot";
import type { WorkbookModel } from "../../../tools/excel-sim/excel-model/workbook";
import { workbookModelFromXlsx } from "../../../tools/excel-sim/excel-model/xlsx";
import { SAMPLE_XLSX } from "./session";

export interface CliExpectation {
  /** The workbook `programme-rag --out` wrote, as a model. */
  model: WorkbookModel;
  /** `--json`: the analysis as the command line reports it. */
  json: { ragCounts: Record<string, number>; items: { rag: { overall: string } }[]; issues: unknown[] };
  stdout: string;
}

/** `programme-rag <sample> --date <iso> --json --out <tmp>` in-process, with the clock at `now`. */
export async function cliOnSample(isoDate: string, now: Date): Promise<CliExpectation> {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-e2e-cli-"));
  try {
    const out = join(dir, "out.xlsx");
    const run = await runCli([SAMPLE_XLSX, "--date", isoDate, "--json", "--out", out], now);
    if (run.code !== 0) throw new Error(`programme-rag failed (${run.code}): ${run.stderr}`);
    return {
      model: await workbookModelFromXlsx(out),
      json: JSON.parse(run.stdout) as CliExpectation["json"],
      stdout: run.stdout,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The engine's analysis of the sample for a reporting date (default rules and allocation), as the CLI runs it. */
export async function analyseSample(isoDate: string): Promise<ProgrammeAnalysis> {
  const loaded = await loadWorkbook(SAMPLE_XLSX);
  return analyse(loaded.sheets, { reportingDate: parseIsoDay(isoDate)! });
}

/** The cells of `sheet` that changed from the original sample, with what they became. */
export function changesOn(original: WorkbookSnapshot, after: WorkbookModel, sheet: string): CellChange[] {
  return diffSnapshots(original, snapshotCells(after)).filter((c) => c.sheet === sheet);
}

/** A change as a comparable row: address, what changed, and the cell after. */
export function changeRow(c: CellChange): unknown[] {
  return [c.address, c.changed, c.after?.value ?? null, c.after?.fill ?? null, c.after?.fontColor ?? null];
}

/**
 * A snapshot for comparing a workbook the add-in wrote with the command line's .xlsx:
 * - numbers to 1e-9 (a date and time read back from .xlsx comes back a few ulps away from the serial Office.js
 *   wrote);
 * - blank cells inside a merged area other than its first cell are left out: Excel formats a merged area's
 *   every cell (as Office.js does), an .xlsx written by exceljs styles the first only; both show the same.
 */
export function comparable(model: WorkbookModel): WorkbookSnapshot {
  const hidden = new Set<string>();
  for (const sheet of model.sheets) {
    for (const m of sheet.merges) {
      for (let r = m.row; r < m.row + m.rows; r++) {
        for (let c = m.col; c < m.col + m.cols; c++) {
          if (r !== m.row || c !== m.col) hidden.add(`${sheet.name}!${cellName(r, c)}`);
        }
      }
    }
  }
  const out: WorkbookSnapshot = {};
  for (const [key, cell] of Object.entries(snapshotCells(model))) {
    if (hidden.has(key) && cell.value === "" && cell.formula === null) continue;
    out[key] = typeof cell.value === "number" ? { ...cell, value: Math.round(cell.value * 1e9) / 1e9 } : cell;
  }
  return out;
}

/** Per sheet: merged areas, frozen rows and columns, visibility (what the cell snapshot does not hold). */
export function sheetLayouts(model: WorkbookModel): Record<string, unknown> {
  return Object.fromEntries(
    model.sheets.map((s) => [
      s.name,
      {
        visibility: s.visibility,
        freeze: s.freeze,
        merges: [...s.merges].sort((a, b) => a.row - b.row || a.col - b.col),
      },
    ]),
  );
}
