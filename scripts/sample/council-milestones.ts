/**
 * A council-style fixture with milestone columns on the programme sheet itself (issue 12): "Next milestone" and
 * "Next milestone date" beside the usual columns, under a title row. Written to
 * tests/fixtures/council/next-milestone.xlsx by scripts/make-fixtures.ts; see tests/fixtures/council/README.md.
 */
import ExcelJS from "exceljs";
import { DATE_FORMAT, GBP_FORMAT, PERCENT_FORMAT, setFixedProperties, utcDate } from "./xlsx-helpers";

export const NEXT_MILESTONE_HEADERS = [
  "Ref",
  "Project",
  "Lead",
  "Budget",
  "Forecast",
  "Start",
  "End",
  "% Complete",
  "Next milestone",
  "Next milestone date",
  "Commentary",
];

/** [ref, project, lead, budget, forecast, start, end, progress, next milestone, its date (ISO, or text as typed)] */
type Row = [
  string,
  string,
  string,
  number,
  number,
  string,
  string,
  number,
  string | null,
  string | null,
  string,
];

const ROWS: Row[] = [
  [
    "DP-01",
    "Planning portal upgrade",
    "R. Khan",
    30000,
    30000,
    "2020-06-01",
    "2021-06-30",
    0.5,
    "User acceptance testing",
    "2021-02-12",
    "On track",
  ],
  [
    "DP-02",
    "Housing repairs app",
    "S. Moss",
    45000,
    47000,
    "2020-04-01",
    "2021-03-31",
    0.7,
    "Pilot with two repair teams",
    "2020-12-04",
    "Pilot delayed by supplier; new date not agreed",
  ],
  [
    "DP-03",
    "Electoral registration scanning",
    "T. Lee",
    12000,
    12000,
    "2020-09-01",
    "2021-01-31",
    0.8,
    "Scanner installed",
    "2020-12-31",
    "Installation booked for the last working day of December",
  ],
  [
    "DP-04",
    "Committee papers system",
    "U. Patel",
    18000,
    18000,
    "2020-10-01",
    "2021-09-30",
    0.15,
    "Supplier chosen",
    "TBC",
    "Procurement route under review",
  ],
  [
    "DP-05",
    "Parking permits online",
    "V. Grant",
    9000,
    9000,
    "2020-05-01",
    "2020-11-30",
    1,
    null,
    null,
    "Complete",
  ],
];

export function buildNextMilestone(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "Digital programme 2020-21");
  const ws = wb.addWorksheet("Digital programme");
  ws.getCell("A1").value = "Digital programme 2020-21: monthly highlight";
  ws.getCell("A1").font = { bold: true, size: 14 };
  NEXT_MILESTONE_HEADERS.forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  ws.columns = NEXT_MILESTONE_HEADERS.map((_, i) => ({
    width: [8, 32, 12, 10, 10, 11, 11, 10, 30, 14, 44][i],
  }));
  ROWS.forEach((row, k) => {
    const r = 4 + k;
    row.forEach((v, i) => {
      if (v === null) return;
      const c = ws.getCell(r, i + 1);
      const isDate = i === 5 || i === 6 || (i === 9 && /^\d{4}-/.test(String(v)));
      c.value = isDate ? utcDate(String(v)) : v;
      if (isDate) c.numFmt = DATE_FORMAT;
      else if (i === 3 || i === 4) c.numFmt = GBP_FORMAT;
      else if (i === 7) c.numFmt = PERCENT_FORMAT;
    });
  });
  return wb;
}
