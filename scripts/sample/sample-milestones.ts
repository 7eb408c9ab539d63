/**
 * The sample's "Milestones" sheet (issue 12): two to five milestones for most of the 30 items, linked by the
 * item's Ref, at 31/12/2020: some achieved early, some late, some slipping (Amber up to 30 days, Red beyond),
 * a few missed (forecast passed with no actual date), key ones flagged, one cancelled. Each item's worst open
 * milestone is no worse than its schedule by % complete, so the programme sheet's story (samples/README.md)
 * stands; the milestones tell the Key milestones part of it.
 */
import type ExcelJS from "exceljs";
import { allSampleItems } from "./sample-data";
import { DATE_FORMAT, utcDate } from "./xlsx-helpers";

export const MILESTONES_SHEET = "Milestones";
export const MILESTONES_TITLE = "ICT Strategy 2020-22: Key milestones";
export const MILESTONES_HEADERS = [
  "Project ref",
  "Project",
  "Milestone",
  "Key milestone?",
  "Baseline date",
  "Forecast date",
  "Actual date",
  "Status",
  "Owner",
] as const;

/** [ref, milestone, baseline, forecast, actual, status, key] (dates ISO; "" for blank). */
type Row = [string, string, string, string, string, string, boolean];

export const SAMPLE_MILESTONES: Row[] = [
  ["FB01", "Design and site survey signed off", "2020-07-31", "", "2020-07-24", "Achieved", false],
  ["FB01", "Core switches installed (Civic Centre)", "2020-11-30", "", "2020-12-04", "Achieved", false],
  ["FB01", "Wi-Fi live in both depots", "2021-02-26", "2021-02-26", "", "On track", true],
  ["FB02", "Pilot group of 50 users", "2020-05-29", "", "2020-05-22", "Achieved", false],
  ["FB02", "All desktops on Windows 10", "2020-09-30", "", "2020-10-09", "Achieved", true],
  ["FB03", "UPS installed", "2020-07-31", "", "2020-07-31", "Achieved", false],
  ["FB03", "Air-conditioning commissioned", "2020-08-31", "", "2020-08-28", "Achieved", false],
  ["FB04", "Teams calling pilot (ICT and Revenues)", "2020-11-30", "", "2020-12-14", "Achieved", false],
  ["FB04", "Numbers ported from the old PBX", "2021-02-26", "2021-03-24", "", "At risk", true],
  ["FB04", "Old PBX decommissioned", "2021-06-30", "2021-07-16", "", "At risk", false],
  ["FB05", "Off-site replication live", "2020-10-30", "", "2020-11-13", "Achieved", false],
  ["FB05", "Disaster recovery test passed", "2020-11-30", "2020-12-18", "", "Overdue", true],
  ["FB06", "Devices ordered", "2020-06-30", "", "2020-06-26", "Achieved", false],
  ["FB06", "First 100 devices issued", "2020-09-30", "", "2020-10-02", "Achieved", false],
  ["FB06", "All 250 devices issued", "2020-12-31", "2020-12-31", "", "On track", true],
  ["FB07", "Business case approved", "2021-03-31", "2021-03-19", "", "On track", true],
  ["FB07", "Devices ordered", "2021-06-30", "2021-06-30", "", "Not started", false],
  ["CF01", "Supplier appointed", "2020-09-30", "", "2020-10-20", "Achieved", false],
  ["CF01", "Citizen accounts beta", "2021-01-29", "2021-02-26", "", "At risk", true],
  ["CF01", "Public launch", "2021-06-30", "2021-07-30", "", "At risk", true],
  ["CF02", "First 10 forms live", "2020-07-31", "", "2020-08-14", "Achieved", false],
  ["CF02", "20 forms live", "2020-11-30", "2021-01-29", "", "Delayed", true],
  ["CF02", "All 40 forms live", "2021-03-31", "2021-05-28", "", "Delayed", false],
  ["CF03", "New design approved", "2020-06-30", "", "2020-07-10", "Achieved", false],
  ["CF03", "Accessibility audit passed (WCAG 2.1 AA)", "2020-09-23", "2020-11-27", "", "Overdue", true],
  ["CF04", "Pilot scope agreed with Revenues", "2021-03-31", "2021-03-31", "", "Not started", false],
  ["CF04", "Chatbot live for council tax", "2021-07-30", "2021-07-30", "", "Not started", true],
  ["CF04", "Chatbot for housing enquiries", "2021-09-30", "", "", "Cancelled", false],
  ["CF05", "Upgrade tested", "2020-11-30", "", "2020-11-27", "Achieved", false],
  ["CF05", "Cut-over to the new version", "2021-03-26", "2021-03-19", "", "On track", true],
  ["CF06", "Integration design agreed", "2020-11-13", "", "2020-11-30", "Achieved", false],
  ["CF06", "Missed bins reported online", "2021-02-26", "2021-03-12", "", "At risk", true],
  ["FW01", "Teams for all staff", "2020-05-29", "", "2020-04-24", "Achieved", true],
  ["FW01", "Email migration complete", "2020-10-31", "", "2020-10-30", "Achieved", false],
  ["FW02", "VPN licences doubled", "2020-04-10", "", "2020-04-03", "Achieved", false],
  ["FW02", "Capacity for 600 remote users", "2020-06-30", "", "2020-06-19", "Achieved", false],
  ["FW03", "Room kit ordered", "2020-12-18", "", "2020-12-11", "Achieved", false],
  ["FW03", "First 4 rooms fitted", "2021-03-31", "2021-03-31", "", "On track", true],
  ["FW03", "All 8 rooms fitted", "2021-05-31", "2021-05-28", "", "On track", false],
  ["FW04", "Product chosen", "2021-02-26", "2021-02-26", "", "Not started", false],
  ["FW04", "Live in the Civic Centre", "2021-06-30", "2021-06-30", "", "Not started", false],
  ["FW05", "Cabling survey", "2020-09-30", "", "2020-10-16", "Achieved", false],
  ["FW05", "Ground floor cabled and powered", "2021-02-26", "2021-03-19", "", "At risk", true],
  ["FW06", "App built and tested", "2020-11-30", "", "2020-11-26", "Achieved", false],
  ["FW06", "Tablets issued to 30 officers", "2021-03-31", "2021-03-31", "", "On track", true],
  ["DS01", "PSN submission", "2020-08-31", "", "2020-08-28", "Achieved", false],
  ["DS01", "PSN certificate renewed", "2020-10-30", "", "2020-11-06", "Achieved", true],
  ["DS01", "Annual IT health check 2021", "2021-09-30", "2021-09-30", "", "Not started", false],
  ["DS02", "MFA for ICT staff", "2020-06-30", "", "2020-06-30", "Achieved", false],
  ["DS02", "MFA for all staff", "2020-11-30", "", "2020-11-20", "Achieved", true],
  ["DS03", "Supplier appointed", "2020-07-31", "", "2020-07-31", "Achieved", false],
  ["DS03", "Pilot in Planning", "2021-01-29", "2021-01-29", "", "On track", true],
  ["DS03", "Roll-out to all services", "2021-10-29", "2021-10-29", "", "Not started", false],
  ["DS03", "Old file plans closed", "2021-12-17", "2021-12-10", "", "Not started", false],
  ["DS04", "Data warehouse built", "2021-03-31", "2021-03-31", "", "On track", false],
  ["DS04", "First dashboards published", "2021-06-30", "2021-06-30", "", "Not started", true],
  ["DS05", "Health check fieldwork", "2020-10-16", "", "2020-10-16", "Achieved", false],
  ["DS05", "Remediation plan agreed", "2020-11-30", "", "2020-12-04", "Achieved", false],
  ["DS06", "Migration tool in place", "2020-09-30", "", "2020-10-09", "Achieved", false],
  ["DS06", "Finance and HR shares moved", "2020-12-18", "2021-01-15", "", "At risk", true],
  ["GS01", "Training needs analysis", "2020-09-30", "", "2020-09-25", "Achieved", false],
  ["GS01", "Councillor iPad training", "2021-05-28", "2021-05-28", "", "Not started", false],
  ["GS02", "Tool chosen", "2020-09-30", "", "2020-10-23", "Achieved", false],
  ["GS02", "Go live", "2021-01-31", "2021-02-26", "", "At risk", true],
  ["GS03", "Asset register loaded", "2020-06-30", "", "2020-07-17", "Achieved", false],
  ["GS03", "Licence audit report", "2020-09-30", "2020-12-11", "", "Overdue", true],
  ["GS05", "Business impact analysis", "2020-12-18", "", "2020-12-22", "Achieved", false],
  ["GS05", "Plan signed off", "2021-02-26", "2021-03-19", "", "At risk", true],
];

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };

/** Adds the Milestones sheet: a title, a note, the header on row 4, one milestone a row from row 5. */
export function addMilestonesSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(MILESTONES_SHEET, { views: [{ state: "frozen", ySplit: 4 }] });
  const names = new Map(allSampleItems().map((i) => [i.ref, i]));
  ws.getCell("A1").value = MILESTONES_TITLE;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value =
    "Baseline = the date agreed at approval; forecast = the latest expected date; actual = the date achieved. Dates dd/mm/yyyy.";
  ws.getCell("A2").font = { italic: true };
  [10, 44, 40, 10, 13, 13, 13, 12, 18].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const header = ws.getRow(4);
  MILESTONES_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    c.alignment = { wrapText: true, vertical: "middle" };
  });
  SAMPLE_MILESTONES.forEach(([ref, name, baseline, forecast, actual, status, key], k) => {
    const row = ws.getRow(5 + k);
    const item = names.get(ref);
    const values: ExcelJS.CellValue[] = [
      ref,
      item?.name ?? null,
      name,
      key ? "Yes" : null,
      baseline ? utcDate(baseline) : null,
      forecast ? utcDate(forecast) : null,
      actual ? utcDate(actual) : null,
      status,
      item?.lead ?? null,
    ];
    values.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v;
      if (i >= 4 && i <= 6) c.numFmt = DATE_FORMAT;
      c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      c.alignment = { vertical: "top", wrapText: i === 1 || i === 2 };
    });
  });
  return ws;
}
