/**
 * The sample's "Risk Register" sheet: the ICT Strategy 2020-22 programme's risks as the ICT Programme Board
 * keeps them at the end of December 2020, one row per risk, linked to the programme of works by project ref
 * (blank or "Programme" for a programme-level risk). Inherent scores are before mitigation, residual after it;
 * the scores are formulas (likelihood × impact) with their results saved, as council registers keep them. The
 * story is in samples/README.md. Every linked risk's residual score sits in the same band as its project's own
 * "Key risk" on the programme sheet or a better one, so the register explains the ratings rather than changing
 * them; the programme-level risks are rated on their own.
 */
import type ExcelJS from "exceljs";
import { DATE_FORMAT, utcDate } from "./xlsx-helpers";

export const RISK_SHEET = "Risk Register";
/** 1-based Excel row of the register's header row. */
export const RISK_HEADER_ROW = 4;

export const RISK_HEADERS = [
  "Risk ref",
  "Project ref",
  "Risk title",
  "Risk owner",
  "Inherent likelihood (1-5)",
  "Inherent impact (1-5)",
  "Inherent score",
  "Residual likelihood (1-5)",
  "Residual impact (1-5)",
  "Residual score",
  "Mitigation / actions",
  "Status",
  "Review date",
  "Date closed",
] as const;

export interface SampleRisk {
  ref: string;
  /** A project ref, "Programme" or "" (programme level). */
  project: string;
  title: string;
  owner: string;
  inherent: [number, number];
  /** After mitigation; null where the board has not assessed it yet. */
  residual: [number, number] | null;
  mitigation: string;
  status: "Open" | "Closed";
  review: string | null;
  closed: string | null;
}

const r = (
  ref: string,
  project: string,
  title: string,
  owner: string,
  inherent: [number, number],
  residual: [number, number] | null,
  mitigation: string,
  review: string | null,
  closed: string | null = null,
): SampleRisk => ({
  ref,
  project,
  title,
  owner,
  inherent,
  residual,
  mitigation,
  status: closed ? "Closed" : "Open",
  review,
  closed,
});

export const SAMPLE_RISKS: SampleRisk[] = [
  r(
    "R01",
    "FB01",
    "Switch lead times run past March 2021",
    "Mark Ellis",
    [4, 4],
    [3, 4],
    "Orders placed early; loan switches agreed with the supplier",
    "2021-01-31",
  ),
  r(
    "R02",
    "FB01",
    "Depot cabling contractor unavailable",
    "Mark Ellis",
    [3, 3],
    [2, 3],
    "Second contractor called off the framework",
    "2020-12-15",
  ),
  r(
    "R03",
    "FB02",
    "Legacy applications incompatible with Windows 10",
    "Mark Ellis",
    [3, 3],
    [1, 2],
    "Compatibility testing complete; two apps virtualised",
    null,
    "2020-09-30",
  ),
  r(
    "R04",
    "FB03",
    "Power failure during UPS cutover",
    "Dave Roberts",
    [3, 4],
    [1, 3],
    "Cutover done on a Sunday with a generator on standby",
    null,
    "2020-08-31",
  ),
  r(
    "R05",
    "FB04",
    "Number porting delays from the current carrier",
    "Tom Hughes",
    [4, 3],
    [3, 3],
    "Porting booked in three tranches; carrier escalation contact",
    "2021-01-31",
  ),
  r(
    "R06",
    "FB04",
    "Emergency call routing fails after migration",
    "Tom Hughes",
    [2, 5],
    [1, 4],
    "999 routing tested on every site before porting",
    "2021-02-28",
  ),
  r(
    "R07",
    "FB05",
    "Off-site replication link too slow for nightly backups",
    "Mark Ellis",
    [3, 4],
    [2, 4],
    "Link upgraded to 1 Gbps; backups staggered",
    "2021-01-31",
  ),
  r(
    "R08",
    "FB06",
    "Device supply delays",
    "Mark Ellis",
    [3, 3],
    [2, 2],
    "Stock held by the reseller under the call-off",
    "2021-01-31",
  ),
  r(
    "R09",
    "FB07",
    "Device prices rise before the tranche 2 order",
    "Mark Ellis",
    [3, 3],
    [2, 2],
    "Prices fixed until March 2021 in the framework",
    "2021-03-31",
  ),
  r(
    "R10",
    "CF01",
    "Revenues and benefits integration not delivered by the supplier",
    "Priya Shah",
    [4, 4],
    [3, 4],
    "Weekly supplier calls; contract milestones with retention",
    "2020-11-30",
  ),
  r(
    "R11",
    "CF01",
    "Residents' data protection concerns about the portal",
    "Priya Shah",
    [2, 4],
    [2, 3],
    "DPIA approved; privacy notice published",
    "2021-03-31",
  ),
  r(
    "R12",
    "CF02",
    "Service areas not available to test forms",
    "Priya Shah",
    [3, 3],
    [2, 2],
    "Test slots booked with each service manager",
    "2021-01-31",
  ),
  r(
    "R13",
    "CF03",
    "Non-compliance with the Accessibility Regulations",
    "Priya Shah",
    [5, 4],
    [4, 4],
    "Accessibility statement published; audit of the top 50 pages",
    "2021-01-15",
  ),
  r(
    "R14",
    "CF03",
    "Content owners miss the page migration deadline",
    "Priya Shah",
    [4, 3],
    [4, 3],
    "Content sprint planned; escalation to heads of service",
    "2021-01-15",
  ),
  r(
    "R15",
    "CF04",
    "Low take-up of the chatbot by residents",
    "Sarah O'Neill",
    [2, 2],
    null,
    "Promotion in the council tax bills mailing",
    "2021-03-31",
  ),
  r(
    "R16",
    "CF05",
    "PCI DSS compliance lapses if the upgrade slips",
    "Steve Morgan",
    [3, 5],
    [2, 5],
    "Compensating controls agreed with the acquirer",
    "2021-01-31",
  ),
  r(
    "R17",
    "CF06",
    "Waste contractor's API not ready",
    "Sarah O'Neill",
    [4, 3],
    [3, 3],
    "Interim file transfer built as a fallback",
    "2021-01-31",
  ),
  r(
    "R18",
    "FW01",
    "Staff not confident using Teams",
    "Tom Hughes",
    [3, 3],
    [1, 2],
    "Champions network and drop-in sessions",
    null,
    "2020-10-31",
  ),
  r(
    "R19",
    "FW02",
    "VPN saturated at peak times",
    "Mark Ellis",
    [4, 4],
    [1, 3],
    "Split tunnelling for Microsoft 365; licences doubled",
    "2021-03-31",
  ),
  r(
    "R20",
    "FW03",
    "Meeting room kit not in stock",
    "Dave Roberts",
    [3, 3],
    [3, 2],
    "Alternative models approved",
    "2021-02-28",
  ),
  r(
    "R21",
    "FW04",
    "Desk booking not needed if home working continues",
    "Dave Roberts",
    [2, 2],
    null,
    "Decision point at the February board",
    "2021-02-28",
  ),
  r(
    "R22",
    "FW05",
    "Asbestos found in the survey stops cabling work",
    "Dave Roberts",
    [4, 5],
    [3, 5],
    "Licensed removal contractor on standby; cabling re-routed",
    "2021-01-31",
  ),
  r(
    "R23",
    "FW05",
    "Refit contractor's programme slips",
    "Dave Roberts",
    [4, 4],
    null,
    "Not yet assessed by the board",
    "2021-01-31",
  ),
  r(
    "R24",
    "FW06",
    "Poor mobile signal in rural parishes",
    "Kevin Doyle",
    [3, 3],
    [3, 2],
    "Offline mode in the app; signal boosters in vehicles",
    "2021-03-31",
  ),
  r(
    "R25",
    "DS01",
    "Ransomware attack disrupts council services",
    "Gareth Lewis",
    [5, 5],
    [4, 5],
    "Immutable backups; EDR on every device; phishing training",
    "2021-01-31",
  ),
  r(
    "R26",
    "DS01",
    "PSN compliance certificate lapses",
    "Gareth Lewis",
    [4, 5],
    [3, 5],
    "Remediation plan agreed with the Cabinet Office",
    "2021-02-28",
  ),
  r(
    "R27",
    "DS02",
    "Staff locked out without a phone",
    "Gareth Lewis",
    [3, 3],
    [1, 2],
    "Hardware tokens issued to staff without a phone",
    null,
    "2020-11-30",
  ),
  r(
    "R28",
    "DS03",
    "Staff keep filing on shared drives",
    "Helen Carter",
    [4, 3],
    [3, 3],
    "Shared drives made read-only after migration",
    "2021-01-31",
  ),
  r(
    "R29",
    "DS04",
    "Source systems' data quality",
    "Anna Kowalski",
    [3, 2],
    [2, 2],
    "Data quality reports to each system owner",
    "2021-03-31",
  ),
  r(
    "R30",
    "DS05",
    "Critical findings need urgent fixes",
    "Gareth Lewis",
    [3, 4],
    [2, 4],
    "Fix budget held in contingency",
    "2021-03-31",
  ),
  r(
    "R31",
    "GS01",
    "Low attendance while services are stretched",
    "Lisa Hammond",
    [3, 2],
    [2, 2],
    "Short online sessions, recorded",
    "2021-02-28",
  ),
  r(
    "R32",
    "GS02",
    "Data migration from the old tool incomplete",
    "Jo Bennett",
    [3, 3],
    [2, 3],
    "Trial migrations with reconciliation",
    "2021-01-31",
  ),
  r(
    "R33",
    "GS03",
    "Under-licensing found in the audit",
    "Jo Bennett",
    [2, 3],
    [2, 2],
    "True-up budget agreed",
    "2021-03-31",
  ),
  r(
    "R34",
    "GS04",
    "Loss of key staff to neighbouring councils",
    "Tom Hughes",
    [4, 3],
    [3, 3],
    "Market supplement approved; handover notes kept",
    "2021-01-31",
  ),
  r(
    "R35",
    "GS05",
    "Business continuity plan not tested before it is needed",
    "Jo Bennett",
    [3, 4],
    [2, 4],
    "Desktop exercise booked for January",
    "2020-10-31",
  ),
  r(
    "P01",
    "Programme",
    "Capital funding for 2021/22 reduced in the budget round",
    "Chief Finance Officer",
    [3, 5],
    [3, 4],
    "Business cases for 2021/22 items to the budget panel",
    "2021-02-28",
  ),
  r(
    "P02",
    "",
    "COVID-19 response diverts ICT staff from the programme",
    "Head of ICT",
    [5, 4],
    [4, 3],
    "Agency cover for the service desk; programme re-phased",
    "2021-01-31",
  ),
  r(
    "P03",
    "Programme",
    "Hardware prices rise with supplier inflation",
    "Head of ICT",
    [4, 3],
    [3, 3],
    "Prices fixed through frameworks where possible",
    "2021-03-31",
  ),
  r(
    "P04",
    "",
    "Cyber incident at a shared-service partner",
    "Gareth Lewis",
    [3, 5],
    [3, 5],
    "Partner assurance reviews; network segregation",
    "2021-01-31",
  ),
  r(
    "P05",
    "Programme",
    "Skills gap in cloud administration",
    "Head of ICT",
    [3, 3],
    [2, 3],
    "Azure training for two engineers",
    "2021-03-31",
  ),
  r(
    "P06",
    "",
    "End of the EU transition period disrupts hardware imports",
    "Head of ICT",
    [3, 4],
    [2, 3],
    "Stock bought ahead of 31 December",
    null,
    "2020-12-18",
  ),
];

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };

/** Adds the "Risk Register" sheet to the sample workbook. */
export function addRiskRegisterSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(RISK_SHEET, {
    views: [{ state: "frozen", xSplit: 1, ySplit: RISK_HEADER_ROW, showGridLines: false }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    properties: { tabColor: { argb: "FF7030A0" } },
  });
  const widths = [8, 10, 44, 22, 11, 11, 9, 11, 11, 9, 50, 9, 12, 12];
  ws.columns = RISK_HEADERS.map((h, i) => ({ key: h, width: widths[i] }));
  const last = String.fromCharCode(64 + RISK_HEADERS.length);
  ws.getCell("A1").value = "ICT Strategy 2020-22: Risk Register";
  ws.getCell("A1").font = { bold: true, size: 16, color: { argb: "FF1F4E78" } };
  ws.mergeCells(`A1:${last}1`);
  ws.getCell("A2").value =
    'Reviewed monthly by the ICT Programme Board. Scores are likelihood × impact (1-5 each); residual is after mitigation. Project ref blank or "Programme": a programme-level risk.';
  ws.getCell("A2").font = { italic: true, size: 11 };
  ws.mergeCells(`A2:${last}2`);
  const header = ws.getRow(RISK_HEADER_ROW);
  RISK_HEADERS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    c.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  header.height = 32;
  SAMPLE_RISKS.forEach((risk, k) => {
    const n = RISK_HEADER_ROW + 1 + k;
    const row = ws.getRow(n);
    const [il, ii] = risk.inherent;
    row.getCell(1).value = risk.ref;
    row.getCell(2).value = risk.project || null;
    row.getCell(3).value = risk.title;
    row.getCell(4).value = risk.owner;
    row.getCell(5).value = il;
    row.getCell(6).value = ii;
    row.getCell(7).value = { formula: `E${n}*F${n}`, result: il * ii };
    if (risk.residual) {
      const [rl, ri] = risk.residual;
      row.getCell(8).value = rl;
      row.getCell(9).value = ri;
      row.getCell(10).value = { formula: `H${n}*I${n}`, result: rl * ri };
    }
    row.getCell(11).value = risk.mitigation;
    row.getCell(12).value = risk.status;
    if (risk.review) {
      row.getCell(13).value = utcDate(risk.review);
      row.getCell(13).numFmt = DATE_FORMAT;
    }
    if (risk.closed) {
      row.getCell(14).value = utcDate(risk.closed);
      row.getCell(14).numFmt = DATE_FORMAT;
    }
    for (let c = 1; c <= RISK_HEADERS.length; c++) {
      const cell = row.getCell(c);
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
      cell.alignment = { vertical: "top", wrapText: c === 3 || c === 11 };
    }
  });
}
