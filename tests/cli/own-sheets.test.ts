/**
 * The command line finds the tool's own sheets as the add-in does (engine/snapshot.ts findOwnSheets): by marker
 * when the content agrees, else an unmarked sheet of the tool's name holding its layout (a run in the add-in that
 * stopped before marking it), never a user's sheet.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { HISTORY_HEADERS_V1 } from "../../src/engine/report/history";
import { runCli } from "./run-cli";

const sample = join(__dirname, "..", "..", "samples", "ict-strategy-programme.xlsx");
const tmp = () => mkdtempSync(join(tmpdir(), "programme-rag-own-"));

async function withSheet(name: string, rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sample);
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  const path = join(tmp(), "book.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

async function sheetNames(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((w) => w.name);
}

test("an unmarked RAG History holding the tool's header is taken up again, not doubled", async () => {
  const input = await withSheet("RAG History", [[...HISTORY_HEADERS_V1]]);
  const out = join(tmp(), "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.stderr).not.toMatch(/unexpected/);
  expect(r.code).toBe(0);
  const names = await sheetNames(out);
  expect(names).toContain("RAG History");
  expect(names).not.toContain("RAG History (2)");
}, 60_000);

test("a user's sheet called RAG History is kept, and the tool writes its own beside it", async () => {
  const input = await withSheet("RAG History", [["Our own notes on past RAGs"], ["Q1", "all Green"]]);
  const out = join(tmp(), "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.getWorksheet("RAG History")!.getCell("A1").value).toBe("Our own notes on past RAGs");
  expect(wb.worksheets.map((w) => w.name)).toContain("RAG History (2)");
}, 60_000);
