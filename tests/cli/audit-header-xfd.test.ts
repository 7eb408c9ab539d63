/**
 * A stray value at the far right of the header row itself (XFD1, the header row being row 1) leaves no column
 * after it: the added RAG column goes after the programme's own columns, and the value at XFD1 is never written
 * over (issue 14: "a sheet with a value in column XFD").
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "./run-cli";

const HEADERS = [
  "Ref",
  "Project",
  "Budget (£)",
  "Spend to date (£)",
  "Forecast outturn (£)",
  "Target date",
  "% complete",
];

test("a value at XFD1 in the header row is kept and the RAG column is added after the programme's columns", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-xfd1-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Projects");
  ws.addRow(HEADERS);
  for (let i = 1; i <= 4; i++)
    ws.addRow([
      `P${i}`,
      `Project ${i}`,
      10_000 * i,
      4_000 * i,
      10_000 * i,
      new Date(Date.UTC(2021, i, 1)),
      0.3,
    ]);
  ws.getCell("XFD1").value = "far right";
  const input = join(dir, "book.xlsx");
  await wb.xlsx.writeFile(input);
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toMatch(/no empty column/);
  expect(r.stdout).toMatch(/added "RAG" in column H of "Projects"/);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  const sheet = back.getWorksheet("Projects")!;
  expect(sheet.getCell("XFD1").value).toBe("far right");
  expect(sheet.getCell("H1").value).toBe("RAG");
  expect(String(sheet.getCell("H2").value)).toMatch(/^(Red|Amber|Green)/);
  // Nothing is written in column XFD below the stray value either.
  const xml = await (
    await JSZip.loadAsync(readFileSync(out))
  )
    .file("xl/worksheets/sheet1.xml")!
    .async("string");
  expect(xml.match(/r="XFD\d+"/g)).toEqual(['r="XFD1"']);
}, 60_000);

test("a header row filled to XFD: no RAG column is added and no cell of the user's is written over", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-xfdfull-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Projects");
  const header: string[] = [...HEADERS];
  for (let c = header.length; c < 16_384; c++) header.push(`note ${c}`);
  ws.addRow(header);
  for (let i = 1; i <= 3; i++)
    ws.addRow([
      `P${i}`,
      `Project ${i}`,
      10_000 * i,
      4_000 * i,
      10_000 * i,
      new Date(Date.UTC(2021, i, 1)),
      0.3,
    ]);
  const input = join(dir, "book.xlsx");
  await wb.xlsx.writeFile(input);
  const out = join(dir, "out.xlsx");
  const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/no empty column is left for the RAG column/);
  expect(r.stdout).not.toMatch(/added "RAG"/);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  const sheet = back.getWorksheet("Projects")!;
  expect(sheet.getCell("XFD1").value).toBe("note 16383");
  expect(sheet.getCell("XFD2").value).toBeNull();
  // --json names no column for it (there is none past XFD) and says none was added.
  const j = await runCli([input, "--date", "2020-12-31", "--json"]);
  const json = JSON.parse(j.stdout) as { sheets: { ragColumn: { column: string | null; added: boolean } }[] };
  expect(json.sheets[0]!.ragColumn).toMatchObject({ column: null, added: false });
}, 60_000);
