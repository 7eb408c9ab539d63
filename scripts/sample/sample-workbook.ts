/**
 * Builds the bundled sample workbook (samples/ict-strategy-programme.xlsx): the ICT Strategy 2020-22 programme
 * of works laid out the way council sheets are, with a title block, themed sections, sub-totals, a grand total,
 * stale RAG values from last month, a free-text "Notes" sheet and a hidden "Lookups" sheet. Deterministic: the
 * same cells every time (no clock, no randomness).
 */
import ExcelJS from "exceljs";
import type { SampleItem } from "./sample-data";
import { ALLOCATED_TO_ITEMS, ALLOCATION, SAMPLE_THEMES } from "./sample-data";
import { DATE_FORMAT, GBP_FORMAT, PERCENT_FORMAT, setFixedProperties, utcDate } from "./xlsx-helpers";
import { addMilestonesSheet } from "./sample-milestones";
import { addRiskRegisterSheet } from "./sample-risks";
import { addYearColumns } from "./sample-years";

export const SAMPLE_SHEET = "Programme of Works";
export const SAMPLE_TITLE = "ICT Strategy 2020-22: Programme of Works";
/** 1-based Excel row of the header row. */
export const SAMPLE_HEADER_ROW = 4;

export const SAMPLE_HEADERS = [
  "Ref",
  "Project / workstream",
  "Lead officer",
  "Budget (£)",
  "Spend to date (£)",
  "Committed (£)",
  "Forecast outturn (£)",
  "Variance (£)",
  "Start date",
  "Target date",
  "% complete",
  "Status",
  "Key risk",
  "Likelihood (1-5)",
  "Impact (1-5)",
  "Mitigation",
  "PM RAG",
  "RAG",
  "Comments",
] as const;

type Header = (typeof SAMPLE_HEADERS)[number];

/** 1-based column number of a header. */
export function sampleColumn(header: Header): number {
  return SAMPLE_HEADERS.indexOf(header) + 1;
}

function letter(header: Header): string {
  return String.fromCharCode(64 + sampleColumn(header));
}

const LAST_COL = letter("Comments");

const WIDTHS: Record<Header, number> = {
  Ref: 7,
  "Project / workstream": 44,
  "Lead officer": 30,
  "Budget (£)": 12,
  "Spend to date (£)": 12,
  "Committed (£)": 12,
  "Forecast outturn (£)": 12,
  "Variance (£)": 11,
  "Start date": 11,
  "Target date": 11,
  "% complete": 9,
  Status: 12,
  "Key risk": 36,
  "Likelihood (1-5)": 10,
  "Impact (1-5)": 9,
  Mitigation: 36,
  "PM RAG": 11,
  RAG: 10,
  Comments: 50,
};

/** Fills and fonts like Excel's Good / Neutral / Bad cell styles, as council sheets colour their RAG cells. */
const RAG_FILLS: Record<string, { fill: string; font: string }> = {
  Red: { fill: "FFFFC7CE", font: "FF9C0006" },
  Amber: { fill: "FFFFEB9C", font: "FF9C5700" },
  Green: { fill: "FFC6EFCE", font: "FF006100" },
  Complete: { fill: "FFBDD7EE", font: "FF1F4E78" },
};

const STATUSES = ["Not started", "In progress", "On hold", "Complete", "Completed", "Closed", "Done"];
const RAGS = ["Red", "Amber", "Green", "Complete"];
const PM_RAGS = ["Red", "Amber/Red", "Amber", "Amber/Green", "Green"];

export const NOTES_LINES: string[] = [
  "Notes for the Performance Meeting – ICT Strategy 2020-22",
  "",
  `1. Cabinet approved the ICT Strategy 2020-22 on 12 February 2020 with an allocation of £${ALLOCATION.toLocaleString("en-GB")} across 2020/21 and 2021/22.`,
  `2. £${ALLOCATED_TO_ITEMS.toLocaleString("en-GB")} has been allocated to projects; £${(ALLOCATION - ALLOCATED_TO_ITEMS).toLocaleString("en-GB")} is held unallocated as contingency.`,
  "3. Spend to date is from the general ledger at the end of period 9 (31/12/2020). Committed is raised purchase orders not yet paid.",
  "4. The RAG column shows the position reported to the last meeting (30/11/2020). PM RAG is the project manager's own view where it differs.",
  "5. Risks are scored likelihood × impact on a 1-5 scale; scores of 15 or more go to the corporate risk register.",
  "6. Variance is forecast outturn less budget: a positive figure is an overspend.",
];

/** Excel's SUM: numbers only (text, blanks and "TBC" are ignored). */
function excelSum(values: (number | string | null)[]): number {
  return values.reduce<number>((s, v) => (typeof v === "number" ? s + v : s), 0);
}

function styleRagCell(cell: ExcelJS.Cell, rag: string): void {
  const style = RAG_FILLS[rag];
  if (!style) return;
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: style.fill } };
  cell.font = { color: { argb: style.font } };
}

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };

function writeItemRow(ws: ExcelJS.Worksheet, r: number, item: SampleItem): void {
  const row = ws.getRow(r);
  const set = (h: Header, v: ExcelJS.CellValue): ExcelJS.Cell => {
    const c = row.getCell(sampleColumn(h));
    c.value = v;
    return c;
  };
  set("Ref", item.ref);
  set("Project / workstream", item.name);
  set("Lead officer", item.lead);
  set("Budget (£)", item.budget).numFmt = GBP_FORMAT;
  set("Spend to date (£)", item.spent).numFmt = GBP_FORMAT;
  set("Committed (£)", item.committed).numFmt = GBP_FORMAT;
  set("Forecast outturn (£)", item.forecast).numFmt = GBP_FORMAT;
  const f = letter("Forecast outturn (£)");
  const b = letter("Budget (£)");
  // What Excel itself would have cached: a blank forecast counts as 0, text forecast gives #VALUE!.
  const result: ExcelJS.CellFormulaValue["result"] =
    typeof item.forecast === "string" ? { error: "#VALUE!" } : (item.forecast ?? 0) - item.budget;
  set("Variance (£)", { formula: `${f}${r}-${b}${r}`, result }).numFmt = GBP_FORMAT;
  set("Start date", utcDate(item.start)).numFmt = DATE_FORMAT;
  if (typeof item.target === "string") set("Target date", utcDate(item.target)).numFmt = DATE_FORMAT;
  else set("Target date", item.target.text).alignment = { horizontal: "right" };
  set("% complete", item.progress).numFmt = PERCENT_FORMAT;
  set("Status", item.status);
  set("Key risk", item.risk);
  set("Likelihood (1-5)", item.likelihood).alignment = { horizontal: "center" };
  set("Impact (1-5)", item.impact).alignment = { horizontal: "center" };
  set("Mitigation", item.mitigation);
  set("PM RAG", item.pmRag);
  styleRagCell(set("RAG", item.lastRag), item.lastRag);
  set("Comments", item.comments === "" ? null : item.comments);
  row.eachCell({ includeEmpty: true }, (c, col) => {
    if (col <= SAMPLE_HEADERS.length) {
      c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      c.alignment = { ...c.alignment, vertical: "top", wrapText: col === 2 || col >= 13 };
    }
  });
}

const MONEY_HEADERS: Header[] = ["Budget (£)", "Spend to date (£)", "Committed (£)", "Forecast outturn (£)"];

function writeTotalRow(
  ws: ExcelJS.Worksheet,
  r: number,
  label: string,
  formulaFor: (col: string) => string,
  resultFor: (h: Header) => number,
  grand: boolean,
): void {
  const row = ws.getRow(r);
  row.getCell(sampleColumn("Project / workstream")).value = label;
  for (const h of MONEY_HEADERS) {
    const c = row.getCell(sampleColumn(h));
    c.value = { formula: formulaFor(letter(h)), result: resultFor(h) };
    c.numFmt = GBP_FORMAT;
  }
  const v = row.getCell(sampleColumn("Variance (£)"));
  v.value = {
    formula: `${letter("Forecast outturn (£)")}${r}-${letter("Budget (£)")}${r}`,
    result: resultFor("Forecast outturn (£)") - resultFor("Budget (£)"),
  };
  v.numFmt = GBP_FORMAT;
  for (let col = 1; col <= SAMPLE_HEADERS.length; col++) {
    const c = row.getCell(col);
    c.font = { bold: true };
    c.border = grand
      ? { top: { style: "thin" }, bottom: { style: "double" } }
      : { top: { style: "thin" }, bottom: { style: "thin" } };
    if (grand) c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  }
}

export function buildSampleWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, SAMPLE_TITLE);

  const ws = wb.addWorksheet(SAMPLE_SHEET, {
    views: [{ state: "frozen", xSplit: 2, ySplit: SAMPLE_HEADER_ROW, showGridLines: false }],
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${SAMPLE_HEADER_ROW}:${SAMPLE_HEADER_ROW}`,
    },
    properties: { tabColor: { argb: "FF1F4E78" } },
  });
  ws.columns = SAMPLE_HEADERS.map((h) => ({ key: h, width: WIDTHS[h] }));

  // Title block: title and subtitle merged across the table, then a blank row.
  ws.getCell("A1").value = SAMPLE_TITLE;
  ws.getCell("A1").font = { bold: true, size: 16, color: { argb: "FF1F4E78" } };
  ws.mergeCells(`A1:${LAST_COL}1`);
  ws.getCell("A2").value =
    "Budget monitoring – reported to Performance Meeting, 21 January 2021 (figures at 31/12/2020, period 9)";
  ws.getCell("A2").font = { italic: true, size: 11 };
  ws.mergeCells(`A2:${LAST_COL}2`);
  ws.getRow(1).height = 24;

  const header = ws.getRow(SAMPLE_HEADER_ROW);
  SAMPLE_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  header.height = 32;

  let r = SAMPLE_HEADER_ROW + 1;
  const subtotalRows: number[] = [];
  const itemBlocks: [number, number][] = [];
  const grand: Record<string, number> = {};
  for (const theme of SAMPLE_THEMES) {
    // Section heading: one text cell, the theme's name.
    const heading = ws.getRow(r);
    heading.getCell(1).value = theme.name;
    for (let col = 1; col <= SAMPLE_HEADERS.length; col++) {
      const c = heading.getCell(col);
      c.font = { bold: true, size: 12 };
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
    }
    r++;
    const first = r;
    for (const item of theme.items) {
      writeItemRow(ws, r, item);
      r++;
    }
    const last = r - 1;
    itemBlocks.push([first, last]);
    const sums: Record<string, number> = {
      "Budget (£)": excelSum(theme.items.map((i) => i.budget)),
      "Spend to date (£)": excelSum(theme.items.map((i) => i.spent)),
      "Committed (£)": excelSum(theme.items.map((i) => i.committed)),
      "Forecast outturn (£)": excelSum(theme.items.map((i) => i.forecast)),
    };
    for (const [k, v] of Object.entries(sums)) grand[k] = (grand[k] ?? 0) + v;
    writeTotalRow(
      ws,
      r,
      `Sub-total – ${theme.name}`,
      (col) => `SUM(${col}${first}:${col}${last})`,
      (h) => sums[h] ?? 0,
      false,
    );
    subtotalRows.push(r);
    r++;
  }
  writeTotalRow(
    ws,
    r,
    "Grand total",
    (col) => subtotalRows.map((s) => `${col}${s}`).join("+"),
    (h) => grand[h] ?? 0,
    true,
  );

  // Money by financial year and a spend profile, right of the programme's columns (issue 13).
  addYearColumns(ws, SAMPLE_HEADER_ROW, SAMPLE_HEADERS.length, SAMPLE_THEMES);

  // Data validation lists point at the hidden Lookups sheet, as council templates do. Added by range: exceljs's
  // per-cell validations are merged into overlapping ranges when written.
  const validations = (
    ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  const list = (col: number, n: number): ExcelJS.DataValidation => ({
    type: "list",
    allowBlank: true,
    formulae: [`Lookups!$${String.fromCharCode(64 + col)}$2:$${String.fromCharCode(64 + col)}$${n + 1}`],
  });
  for (const [first, last] of itemBlocks) {
    const range = (h: Header, h2: Header = h): string => `${letter(h)}${first}:${letter(h2)}${last}`;
    validations.add(range("Status"), list(1, STATUSES.length));
    validations.add(range("PM RAG"), list(3, PM_RAGS.length));
    validations.add(range("RAG"), list(2, RAGS.length));
    validations.add(range("Likelihood (1-5)", "Impact (1-5)"), {
      type: "whole",
      operator: "between",
      allowBlank: true,
      showErrorMessage: true,
      formulae: [1, 5],
    });
  }

  addMilestonesSheet(wb);

  // Notes: free text, one paragraph a row, no header row.
  const notes = wb.addWorksheet("Notes");
  notes.getColumn(1).width = 120;
  NOTES_LINES.forEach((line, i) => {
    if (line !== "") notes.getCell(i + 1, 1).value = line;
  });
  notes.getCell("A1").font = { bold: true, size: 12 };
  addRiskRegisterSheet(wb);

  // Lookups: the lists behind the drop-downs, hidden.
  const lookups = wb.addWorksheet("Lookups", { state: "hidden" });
  const lists: [string, string[]][] = [
    ["Status", STATUSES],
    ["RAG", RAGS],
    ["PM RAG", PM_RAGS],
  ];
  lists.forEach(([title, values], c) => {
    lookups.getCell(1, c + 1).value = title;
    values.forEach((v, i) => {
      lookups.getCell(i + 2, c + 1).value = v;
    });
  });

  return wb;
}
