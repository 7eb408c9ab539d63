/**
 * Small test workbooks and CSV files in the styles other councils use, each built to exercise the reading rules.
 * Written to tests/fixtures/council/ by scripts/make-fixtures.ts; tests/fixtures/council/README.md says what each
 * holds and what a correct reader should get. Deterministic: the same bytes on every run.
 */
import ExcelJS from "exceljs";
import {
  DATE_FORMAT,
  GBP_FORMAT,
  PERCENT_FORMAT,
  setFixedProperties,
  utcDate,
  xlsxBytes,
} from "./xlsx-helpers";
import { buildNextMilestone } from "./council-milestones";

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const THOUSANDS_FORMAT = "#,##0.0;[Red](#,##0.0)";

type Cell = ExcelJS.CellValue;

function writeRow(ws: ExcelJS.Worksheet, r: number, values: Cell[], formats: (string | null)[] = []): void {
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const c = ws.getCell(r, i + 1);
    c.value = v;
    const f = formats[i];
    if (f) c.numFmt = f;
  });
}

function headerRow(ws: ExcelJS.Worksheet, r: number, headers: string[]): void {
  headers.forEach((h, i) => {
    const c = ws.getCell(r, i + 1);
    c.value = h;
    c.font = BOLD;
    c.alignment = { wrapText: true, vertical: "middle" };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// two-year-capital.xlsx

export interface CapitalScheme {
  no: string;
  scheme: string;
  directorate: string;
  officer: string;
  /** £'000 */
  budget2021: number;
  budget2122: number;
  actual: number;
  forecast: number;
  completion: string;
  overallRag: string;
  override: string | null;
  comments: string;
}

export const CAPITAL_SCHEMES: CapitalScheme[] = [
  {
    no: "C101",
    scheme: "Financial system replacement",
    directorate: "Resources",
    officer: "Head of Finance",
    budget2021: 125.5,
    budget2122: 40,
    actual: 98.25,
    forecast: 170,
    completion: "2021-09-30",
    overallRag: "Amber",
    override: "amber/green",
    comments: "Go-live phase 1 achieved",
  },
  {
    no: "C102",
    scheme: "Payroll and HR self-service",
    directorate: "Resources",
    officer: "HR Manager",
    budget2021: 60,
    budget2122: 0,
    actual: 16.005,
    forecast: 58,
    completion: "2021-03-31",
    overallRag: "Green",
    override: null,
    comments: "",
  },
  {
    no: "C103",
    scheme: "Data centre consolidation",
    directorate: "Resources",
    officer: "ICT Manager",
    budget2021: 210,
    budget2122: 90,
    actual: 185.4,
    forecast: 335.75,
    completion: "2021-12-31",
    overallRag: "Amber",
    override: "RED",
    comments: "Electrical works overspend; report to Cabinet in February",
  },
  {
    no: "C104",
    scheme: "Digital mailroom",
    directorate: "Resources",
    officer: "Customer Services Manager",
    budget2021: 45,
    budget2122: 0,
    actual: 44.1,
    forecast: 44.1,
    completion: "2020-10-31",
    overallRag: "Green",
    override: null,
    comments: "Complete",
  },
  {
    no: "C105",
    scheme: "Cyber resilience fund works",
    directorate: "Resources",
    officer: "ICT Security Lead",
    budget2021: 30,
    budget2122: 20,
    actual: 12.75,
    forecast: 50,
    completion: "2021-06-30",
    overallRag: "Green",
    override: null,
    comments: "MHCLG grant funded",
  },
  {
    no: "P201",
    scheme: "Depot vehicle tracking",
    directorate: "Place",
    officer: "Waste Services Manager",
    budget2021: 38,
    budget2122: 0,
    actual: 30.5,
    forecast: 41.2,
    completion: "2020-12-18",
    overallRag: "Amber",
    override: "Amber/red",
    comments: "Install delayed by COVID-19 restrictions",
  },
  {
    no: "P202",
    scheme: "Car park ANPR cameras",
    directorate: "Place",
    officer: "Parking Manager",
    budget2021: 72.4,
    budget2122: 15.6,
    actual: 20,
    forecast: 88,
    completion: "2021-08-31",
    overallRag: "Green",
    override: null,
    comments: "",
  },
  {
    no: "P203",
    scheme: "Planning and building control system",
    directorate: "Place",
    officer: "Head of Planning",
    budget2021: 95,
    budget2122: 55,
    actual: 61.8,
    forecast: 150,
    completion: "2022-03-31",
    overallRag: "Green",
    override: " Green ",
    comments: "",
  },
  {
    no: "P204",
    scheme: "Public Wi-Fi in market towns",
    directorate: "Place",
    officer: "Economic Development Manager",
    budget2021: 25,
    budget2122: 0,
    actual: 0,
    forecast: 25,
    completion: "2021-03-31",
    overallRag: "Red",
    override: null,
    comments: "Supplier not yet appointed",
  },
  {
    no: "P205",
    scheme: "Environmental health mobile inspections",
    directorate: "Place",
    officer: "Environmental Health Manager",
    budget2021: 18.25,
    budget2122: 0,
    actual: 16.9,
    forecast: 18.25,
    completion: "2021-01-31",
    overallRag: "Green",
    override: null,
    comments: "",
  },
];

export function buildTwoYearCapital(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "Capital Programme Monitoring 2020/21 - 2021/22");
  const ws = wb.addWorksheet("Capital Programme");
  const headers = [
    "Scheme No.",
    "Scheme",
    "Directorate",
    "Responsible Officer",
    "Budget 2020/21 £'000",
    "Budget 2021/22 £'000",
    "Actual to date £'000",
    "Forecast Outturn £'000",
    "Forecast Variance £'000",
    "Completion Date",
    "Overall RAG",
    "RAG override",
    "Comments",
  ];
  ws.columns = headers.map((_, i) => ({ width: [10, 36, 13, 28, 12, 12, 12, 12, 12, 13, 10, 11, 40][i] }));

  // Title block: a "logo" block merged over A1:C3 and titles merged across the rest.
  ws.getCell("A1").value = "BORCHESTER DISTRICT COUNCIL";
  ws.getCell("A1").font = { bold: true, size: 14, color: { argb: "FF00594C" } };
  ws.getCell("A1").alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  ws.mergeCells("A1:C3");
  ws.getCell("D1").value = "Capital Programme Monitoring 2020/21 – 2021/22";
  ws.getCell("D1").font = { bold: true, size: 14 };
  ws.mergeCells("D1:M1");
  ws.getCell("D2").value = "Quarter 3 – position at 31 December 2020";
  ws.mergeCells("D2:M2");
  ws.getCell("D3").value = "Resources and Place directorates";
  ws.mergeCells("D3:M3");
  ws.getCell("A5").value = "All figures in £'000 unless stated";
  ws.getCell("A5").font = { italic: true };
  ws.mergeCells("A5:M5");
  headerRow(ws, 7, headers);

  const money = [
    null,
    null,
    null,
    null,
    THOUSANDS_FORMAT,
    THOUSANDS_FORMAT,
    THOUSANDS_FORMAT,
    THOUSANDS_FORMAT,
  ];
  const formats = [...money, THOUSANDS_FORMAT, DATE_FORMAT];
  const writeScheme = (r: number, s: CapitalScheme): void => {
    writeRow(
      ws,
      r,
      [
        s.no,
        s.scheme,
        s.directorate,
        s.officer,
        s.budget2021,
        s.budget2122,
        s.actual,
        s.forecast,
        {
          formula: `H${r}-(E${r}+F${r})`,
          result: Math.round((s.forecast - (s.budget2021 + s.budget2122)) * 1000) / 1000,
        },
        utcDate(s.completion),
        s.overallRag,
        s.override,
        s.comments === "" ? null : s.comments,
      ],
      formats,
    );
  };
  const sum = (xs: CapitalScheme[], f: (s: CapitalScheme) => number): number =>
    Math.round(xs.reduce((a, s) => a + f(s), 0) * 1000) / 1000;
  const totalRow = (r: number, label: string, range: string, xs: CapitalScheme[]): void => {
    const cols: [string, (s: CapitalScheme) => number][] = [
      ["E", (s) => s.budget2021],
      ["F", (s) => s.budget2122],
      ["G", (s) => s.actual],
      ["H", (s) => s.forecast],
    ];
    ws.getCell(`B${r}`).value = label;
    for (const [col, f] of cols) {
      const c = ws.getCell(`${col}${r}`);
      c.value = { formula: range.replace(/#/g, col), result: sum(xs, f) };
      c.numFmt = THOUSANDS_FORMAT;
    }
    const v = ws.getCell(`I${r}`);
    v.value = {
      formula: `H${r}-(E${r}+F${r})`,
      result: sum(xs, (s) => s.forecast - s.budget2021 - s.budget2122),
    };
    v.numFmt = THOUSANDS_FORMAT;
    ws.getRow(r).font = BOLD;
  };

  const resources = CAPITAL_SCHEMES.filter((s) => s.directorate === "Resources");
  const place = CAPITAL_SCHEMES.filter((s) => s.directorate === "Place");
  let r = 8;
  for (const s of resources) writeScheme(r++, s); // rows 8-12
  totalRow(r, "Sub-total Resources", "SUM(#8:#12)", resources); // row 13
  r += 2; // row 14 left blank
  for (const s of place) writeScheme(r++, s); // rows 15-19
  totalRow(r, "Total", "#13+SUM(#15:#19)", CAPITAL_SCHEMES); // row 20
  ws.views = [{ state: "frozen", ySplit: 7 }];
  return wb;
}

// ---------------------------------------------------------------------------------------------------------------
// status-report.csv

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CRLF lines; fields quoted only where needed (as Excel saves), or every field (as many system exports do). */
function csv(rows: string[][], quoteAll = false): string {
  const field = quoteAll ? (v: string) => `"${v.replace(/"/g, '""')}"` : csvField;
  return rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

export const EXEMPT = "Exempt under Section 43 of the Freedom of Information Act 2000";

export const STATUS_REPORT_ROWS: string[][] = [
  [
    "Ref",
    "Scheme",
    "Lead",
    "Approved budget",
    "Actuals",
    "Commitments",
    "Projected outturn",
    "Start",
    "Due",
    "Progress",
    "Probability",
    "Severity",
    "Risk",
    "Mitigating actions",
    "RAG status",
  ],
  [
    "SR01",
    "Waste round optimisation software",
    "A. Brown",
    "£45,000.00",
    "£1,234.56",
    "£12,000",
    "£45,000",
    "01/04/2020",
    "31/03/2021",
    "45%",
    "3",
    "4",
    "Crews do not accept the new routes",
    "Crew workshops before go-live",
    "Amber",
  ],
  [
    "SR02",
    "Car park payment machines (contactless)",
    "B. Singh",
    "£150k",
    "£98,765.43",
    "-£1,234",
    "£148,000",
    "2020-06-01",
    "2021-03-31",
    "45",
    "2",
    "3",
    "Card scheme certification late",
    "Certification booked with the acquirer",
    "Green",
  ],
  [
    "SR03",
    "Leisure centre booking and membership system",
    "C. Evans",
    "£2.5m",
    "£512,300",
    "£1.2m",
    "£2,620,000",
    "30.06.20",
    "2022-03-31",
    "0.45",
    "4",
    "5",
    "Supplier insolvency",
    'Parent company guarantee; escrow of source code; supplier says "no concerns"',
    "Red",
  ],
  [
    "SR04",
    "Housing repairs app",
    "D. Patel",
    "80000",
    "(1,234)",
    "0",
    "£78,766",
    "01/01/2021",
    "30/09/2021",
    "0%",
    "2",
    "2",
    "Tenants without smartphones",
    "Phone line kept",
    "Green",
  ],
  [
    "SR05",
    "Planning portal integration",
    "E. Jones",
    EXEMPT,
    EXEMPT,
    EXEMPT,
    EXEMPT,
    "01/07/2020",
    "31/12/2021",
    "30%",
    "3",
    "3",
    "Commercially sensitive",
    "",
    "Amber",
  ],
  [
    "SR06",
    "Electoral registration scanning",
    "F. Khan",
    "£25,000",
    "£20,100",
    "TBC",
    "£25,000",
    "01/09/2020",
    "28/02/2021",
    "70%",
    "2",
    "4",
    "Canvass deadline moved",
    "Extra scanning days booked",
    "Green",
  ],
  [
    "SR07",
    "Council tax e-billing",
    "G. Lee",
    "£30,000",
    "£12,000",
    "£3,000",
    "#REF!",
    "01/10/2020",
    "31/05/2021",
    "0.25",
    "2",
    "2",
    "Low sign-up",
    "Promote with annual bills",
    "Green",
  ],
  [
    "SR08",
    "Environmental health case management",
    "H. Wood",
    "£60,000",
    "£45,000",
    "£10,000",
    "£58,000",
    "01/04/2020",
    "31/12/2020",
    "100%",
    "#N/A",
    "3",
    "Data migration errors",
    "Parallel running for one month",
    "Complete",
  ],
  [
    "SR09",
    "Members' iPads refresh",
    "I. Clarke",
    "£18,500.50",
    "£18,500.50",
    "£0.00",
    "£18,500.50",
    "30.06.20",
    "30.09.20",
    "100%",
    "1",
    "2",
    "Devices late",
    "",
    "Complete",
  ],
  [
    "SR10",
    "Street lighting central management system",
    "J. Moore",
    "75000",
    "£62,345.67",
    "£0.00",
    "£76,000",
    "2020-09-01",
    "2021-06-30",
    "0.45",
    "3",
    "3",
    "Lamp column access",
    "Night-time working\nagreed with Highways",
    "Amber",
  ],
  ["Total", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
];

/** UTF-8 with a byte-order mark, every field quoted, as a case-management system might export it. */
export function statusReportCsv(): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(STATUS_REPORT_ROWS, true), "utf8")]);
}

// ---------------------------------------------------------------------------------------------------------------
// windows-1252.csv

export const WINDOWS_1252_ROWS: string[][] = [
  [
    "Ref",
    "Project",
    "Owner",
    "Budget (£)",
    "Spend to date (£)",
    "Forecast (£)",
    "Target date",
    "% complete",
    "RAG",
  ],
  [
    "W01",
    "Café at the Civic Centre – card payments",
    "Zoë Brown",
    "£12,500",
    "£3,200",
    "£12,500",
    "31/03/2021",
    "25%",
    "Green",
  ],
  ["W02", "Members’ portal", "Siân Williams", "£8,000.50", "£7,950", "£8,400", "30/11/2020", "90%", "Amber"],
  [
    "W03",
    "Museum collections database",
    "René Dubois",
    "£22,000",
    "£4,000",
    "£21,000",
    "30/06/2021",
    "20%",
    "Green",
  ],
  [
    "W04",
    "Crematorium booking – phase 2",
    "Chloë Evans",
    "£15,750",
    "£15,750",
    "£15,750",
    "31/10/2020",
    "100%",
    "Complete",
  ],
  ["W05", "Town hall Wi-Fi", "Noël Parry", "£6,000", "£0", "£6,000", "31/03/2021", "0%", "Green"],
];

/** Windows-1252 for the characters these files use (ASCII plus a few Latin-1 and "smart" punctuation). */
const CP1252_EXTRAS: Record<string, number> = {
  "–": 0x96,
  "—": 0x97,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "€": 0x80,
};

export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const extra = CP1252_EXTRAS[ch];
    if (extra !== undefined) bytes.push(extra);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else throw new Error(`no Windows-1252 byte for ${JSON.stringify(ch)}`);
  }
  return Buffer.from(bytes);
}

export function windows1252Csv(): Buffer {
  return encodeWindows1252(csv(WINDOWS_1252_ROWS));
}

// ---------------------------------------------------------------------------------------------------------------
// damaged-pound.csv

export const DAMAGED_POUND_ROWS: string[][] = [
  ["Ref", "Project", "Budget (Â£)", "Spend (Â£)", "Forecast (Â£)", "Due", "RAG"],
  ["D01", "Firewall replacement", "Â£24,000", "Â£18,250.75", "Â£24,500", "31/03/2021", "Amber"],
  ["D02", "Email security gateway", "Ł15,000", "Ł9,000", "Ł14,000", "30/04/2021", "Green"],
  ["D03", "Network access control", "Â£9,500.50", "Ł2,000", "Â£9,500.50", "30/06/2021", "Green"],
  [
    "D04",
    "Security operations centre (shared)",
    "Ł1,139.18",
    "Ł1,139.18",
    "Ł1,139.18",
    "31/12/2020",
    "Green",
  ],
  ["D05", "Backup appliance", "Â£31,000", "Â£33,100", "Â£33,100", "30/11/2020", "Red"],
];

/** UTF-8 text whose pound signs went through the wrong code page: "Â£" (cp1252) and "Ł" (cp1250). */
export function damagedPoundCsv(): Buffer {
  return Buffer.from(csv(DAMAGED_POUND_ROWS), "utf8");
}

// ---------------------------------------------------------------------------------------------------------------
// no-rag-column.xlsx

export function buildNoRagColumn(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "Projects 2020-21");
  const ws = wb.addWorksheet("Projects 2020-21");
  const headers = [
    "Project ID",
    "Project",
    "Project Manager",
    "Budget",
    "Spend",
    "Forecast",
    "Start",
    "End",
    "% Complete",
    "Commentary on RAG rating",
  ];
  headerRow(ws, 1, headers);
  ws.columns = headers.map((_, i) => ({ width: [10, 34, 18, 11, 11, 11, 11, 11, 10, 50][i] }));
  const formats = [
    null,
    null,
    null,
    GBP_FORMAT,
    GBP_FORMAT,
    GBP_FORMAT,
    DATE_FORMAT,
    DATE_FORMAT,
    PERCENT_FORMAT,
  ];
  const rows: Cell[][] = [
    [
      "PRJ-01",
      "Intranet replacement",
      "K. Shaw",
      28000,
      12000,
      28000,
      "2020-06-01",
      "2021-03-31",
      0.4,
      "RAG was Amber last quarter; now back on track",
    ],
    [
      "PRJ-02",
      "Scanning of planning files",
      "L. Hart",
      15000,
      15500,
      15500,
      "2020-04-01",
      "2020-12-31",
      1,
      "Complete – small overspend on storage boxes",
    ],
    [
      "PRJ-03",
      "Fleet telematics",
      "M. Fox",
      42000,
      30000,
      47000,
      "2020-07-01",
      "2021-02-28",
      0.5,
      "Red RAG expected next month unless the supplier credit is agreed",
    ],
    ["PRJ-04", "Room booking kiosks", "N. Ray", 9000, 0, 9000, "2021-02-01", "2021-05-31", 0, null],
    [
      "PRJ-05",
      "Document scanning bureau contract",
      "O. Hale",
      20000,
      9000,
      19000,
      "2020-10-01",
      "2021-09-30",
      0.2,
      "Green",
    ],
    [
      "PRJ-06",
      "Legacy telephony decommissioning",
      "P. Lowe",
      5000,
      4800,
      5000,
      "2020-04-01",
      "2020-10-31",
      0.9,
      "Awaiting final disconnection",
    ],
  ];
  rows.forEach((row, i) => {
    const values = row.map((v, c) => (c === 6 || c === 7 ? utcDate(v as string) : v));
    writeRow(ws, i + 2, values, formats);
  });
  return wb;
}

// ---------------------------------------------------------------------------------------------------------------
// multi-sheet.xlsx

export function buildMultiSheet(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "ICT capital and revenue projects");
  const capHeaders = [
    "Ref",
    "Scheme",
    "Owner",
    "Budget £",
    "Spend £",
    "Forecast £",
    "Due date",
    "% complete",
    "Risk level",
    "RAG",
  ];
  const capFormats = [null, null, null, GBP_FORMAT, GBP_FORMAT, GBP_FORMAT, DATE_FORMAT, PERCENT_FORMAT];

  const capital = wb.addWorksheet("Capital");
  capital.getCell("A1").value = "Capital schemes 2020/21";
  capital.getCell("A1").font = { bold: true, size: 13 };
  headerRow(capital, 2, capHeaders);
  const capRows: Cell[][] = [
    ["CAP1", "Server replacement", "ICT Manager", 60000, 41000, 60000, "2021-03-31", 0.7, "Medium", "Green"],
    ["CAP2", "Storage area network", "ICT Manager", 45000, 47000, 49500, "2020-11-30", 0.95, "High", "Amber"],
    [
      "CAP3",
      "Council chamber webcasting",
      "Democratic Services Manager",
      18000,
      2000,
      18000,
      "2021-05-31",
      0.1,
      "Low",
      "Green",
    ],
    ["CAP4", "Depot CCTV", "Facilities Manager", 12000, 11800, 11800, "2020-09-30", 1, "Low", "Complete"],
    [
      "CAP5",
      "Wide area network upgrade",
      "ICT Manager",
      80000,
      20000,
      82000,
      "2021-09-30",
      0.25,
      "high",
      "Amber",
    ],
    [
      "CAP6",
      "Laptops for councillors",
      "Democratic Services Manager",
      14000,
      13500,
      13500,
      "2020-06-30",
      1,
      "Low",
      "Complete",
    ],
  ];
  capRows.forEach((row, i) => {
    writeRow(
      capital,
      i + 3,
      row.map((v, c) => (c === 6 ? utcDate(v as string) : v)),
      capFormats,
    );
  });

  const revenue = wb.addWorksheet("Revenue");
  const revHeaders = [
    "Ref",
    "Project",
    "Owner",
    "Budget",
    "Actual",
    "Forecast",
    "End date",
    "Progress",
    "RAG",
  ];
  headerRow(revenue, 1, revHeaders);
  const revRows: Cell[][] = [
    ["REV1", "Microsoft licensing true-up", "ICT Manager", 35000, 35000, 35000, "2020-07-31", 1, "Complete"],
    ["REV2", "Cloud backup subscription", "ICT Manager", 12000, 6000, 12000, "2021-03-31", 0.5, "Green"],
    ["REV3", "GIS system support", "Planning Manager", 8500, 4200, 9100, "2021-03-31", 0.5, "Amber"],
    [
      "REV4",
      "Customer satisfaction survey tool",
      "Customer Services Manager",
      3000,
      0,
      3000,
      "2021-03-31",
      0,
      "Green",
    ],
    ["REV5", "Digital training contract", "HR Manager", 10000, 7000, 10000, "2021-01-31", 0.6, "Green"],
  ];
  revRows.forEach((row, i) => {
    writeRow(
      revenue,
      i + 2,
      row.map((v, c) => (c === 6 ? utcDate(v as string) : v)),
      capFormats,
    );
  });

  // Data behind a chart: labels and numbers, no header row.
  const chart = wb.addWorksheet("Chart data");
  const chartRows: Cell[][] = [
    ["Red", 1],
    ["Amber", 3],
    ["Green", 5],
    ["Complete", 2],
    [null, null],
    ["Q1", 48000],
    ["Q2", 96500],
    ["Q3", 151300],
  ];
  chartRows.forEach((row, i) => writeRow(chart, i + 1, row));

  // Last year's programme, hidden: looks like a programme sheet but must not be read.
  const old = wb.addWorksheet("Old programme 2019", { state: "hidden" });
  headerRow(old, 1, capHeaders);
  const oldRows: Cell[][] = [
    [
      "OLD1",
      "Windows 7 extended support",
      "ICT Manager",
      20000,
      20000,
      20000,
      "2020-01-14",
      1,
      "Low",
      "Complete",
    ],
    ["OLD2", "Email archive", "ICT Manager", 15000, 16000, 16000, "2019-12-31", 1, "Low", "Complete"],
    ["OLD3", "Website hosting move", "Web Manager", 7000, 9000, 9000, "2019-10-31", 1, "Medium", "Red"],
  ];
  oldRows.forEach((row, i) => {
    writeRow(
      old,
      i + 2,
      row.map((v, c) => (c === 6 ? utcDate(v as string) : v)),
      capFormats,
    );
  });
  return wb;
}

// ---------------------------------------------------------------------------------------------------------------
// formula-injection.xlsx

/** Text that a spreadsheet would run as a formula if a writer stored it as one. */
export const INJECTION_TEXTS = {
  hyperlink: '=HYPERLINK("http://example.com/","Click for details")',
  minus: "-ve variance explained by grant income",
  plus: "+ additional licences (50)",
  at: "@risk modelling tool licence",
  sum: "=1+1",
  dde: "=cmd|' /C calc'!A0",
  minusRisk: "-£5k if the supplier fails",
  atMitigation: "@Finance to confirm virement",
  plusMitigation: "+44 helpline number added to letters",
  eqMitigation: "=SUM(D2:D7)",
} as const;

export function buildFormulaInjection(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "Programme with formula-like text");
  const ws = wb.addWorksheet("Programme");
  const headers = [
    "Ref",
    "Project",
    "Owner",
    "Budget (£)",
    "Spend (£)",
    "Forecast (£)",
    "Target date",
    "% complete",
    "Risk",
    "Likelihood",
    "Impact",
    "Mitigation",
    "RAG",
  ];
  headerRow(ws, 1, headers);
  const t = INJECTION_TEXTS;
  const formats = [null, null, null, GBP_FORMAT, GBP_FORMAT, GBP_FORMAT, DATE_FORMAT, PERCENT_FORMAT];
  const rows: Cell[][] = [
    [
      "FI1",
      t.hyperlink,
      "Q. Reed",
      10000,
      4000,
      10000,
      "2021-03-31",
      0.5,
      "Supplier delay",
      2,
      3,
      "Weekly calls",
      "Green",
    ],
    [
      "FI2",
      t.minus,
      "R. Shaw",
      20000,
      12000,
      19000,
      "2021-06-30",
      0.4,
      t.minusRisk,
      3,
      4,
      t.atMitigation,
      "Amber",
    ],
    [
      "FI3",
      t.plus,
      "S. Todd",
      8000,
      8200,
      8600,
      "2021-02-28",
      0.8,
      "Licence audit",
      2,
      2,
      t.plusMitigation,
      "Amber",
    ],
    ["FI4", t.at, "T. Vale", 5000, 1000, 5000, "2021-09-30", 0.1, t.dde, 1, 5, t.eqMitigation, "Green"],
    ["FI5", t.sum, "U. West", 12000, 6000, 12000, "2021-03-31", 0.5, "=", 2, 2, "-", "Green"],
    ["FI6", "Ordinary project", "V. Yates", 7000, 3000, 7000, "2021-03-31", 0.45, "@", 1, 1, "+", "Green"],
  ];
  rows.forEach((row, i) => {
    writeRow(
      ws,
      i + 2,
      row.map((v, c) => (c === 6 ? utcDate(v as string) : v)),
      formats,
    );
  });
  return wb;
}

// ---------------------------------------------------------------------------------------------------------------
// risk-register-by-name.xlsx and risk-register-title-rows.xlsx (issue 12)

/** A small programme sheet both register fixtures link to. */
function registerProjects(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Projects");
  headerRow(ws, 1, [
    "Ref",
    "Project name",
    "Owner",
    "Budget (£)",
    "Forecast (£)",
    "Target date",
    "Likelihood",
    "Impact",
  ]);
  const rows: Cell[][] = [
    ["P1", "Website redesign", "Priya Shah", 60000, 60000, utcDate("2021-03-31"), 2, 2],
    ["P2", "Telephony migration", "Tom Hughes", 40000, 40000, utcDate("2021-03-31"), 2, 3],
    ["P3", "Data centre exit", "Mark Ellis", 90000, 90000, utcDate("2021-06-30"), 1, 2],
  ];
  rows.forEach((r, i) => writeRow(ws, i + 2, r, [null, null, null, GBP_FORMAT, GBP_FORMAT, DATE_FORMAT]));
}

/** A register whose link column holds the project's name, not its ref; one name is not a project. */
export function buildRiskRegisterByName(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "Risk register linked by project name");
  registerProjects(wb);
  const ws = wb.addWorksheet("Risk log");
  headerRow(ws, 1, [
    "ID",
    "Project name",
    "Risk",
    "Owner",
    "Likelihood",
    "Impact",
    "Score",
    "Mitigation",
    "Status",
    "Review date",
    "Closed on",
  ]);
  const rows: Cell[][] = [
    [
      "RL1",
      "Website redesign",
      "Accessibility audit fails",
      "Priya Shah",
      4,
      4,
      16,
      "Audit of the top pages first",
      "Open",
      utcDate("2021-01-31"),
      null,
    ],
    [
      "RL2",
      "telephony  migration",
      "Number porting delays",
      "Tom Hughes",
      3,
      3,
      9,
      "Port in tranches",
      "Open",
      utcDate("2020-11-30"),
      null,
    ],
    [
      "RL3",
      "Intranet refresh",
      "Content owners unavailable",
      "Jo Bennett",
      3,
      4,
      12,
      "Content sprint",
      "Open",
      utcDate("2021-02-28"),
      null,
    ],
    [
      "RL4",
      "",
      "Budget round reduces capital",
      "Chief Finance Officer",
      3,
      5,
      15,
      "Business cases",
      "Open",
      utcDate("2021-02-28"),
      null,
    ],
    [
      "RL5",
      "Data centre exit",
      "Lease ends before exit",
      "Mark Ellis",
      4,
      5,
      20,
      "Lease extension agreed",
      "Closed",
      null,
      null,
    ],
  ];
  rows.forEach((r, i) =>
    writeRow(ws, i + 2, r, [null, null, null, null, null, null, null, null, null, DATE_FORMAT, DATE_FORMAT]),
  );
  return wb;
}

/** A register under a merged title block, its header on row 5 from column B, with current and target scores. */
export function buildRiskRegisterTitleRows(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setFixedProperties(wb, "Risk register with title rows");
  registerProjects(wb);
  const ws = wb.addWorksheet("Strategic risks");
  ws.getCell("B1").value = "Corporate Risk Register – ICT";
  ws.getCell("B1").font = { bold: true, size: 14 };
  ws.mergeCells("B1:L1");
  ws.getCell("B2").value = "Owner: Head of ICT. Reviewed quarterly by the Audit Committee.";
  ws.mergeCells("B2:L2");
  ws.getCell("B3").value = "Scores are likelihood × impact, 1-5 each.";
  ws.mergeCells("B3:L3");
  const headers = [
    "Risk No.",
    "Project ref",
    "Risk description",
    "Risk owner",
    "Gross likelihood",
    "Gross impact",
    "Current likelihood",
    "Current impact",
    "Current score",
    "Target score",
    "Controls and actions",
    "Next review date",
  ];
  headers.forEach((h, i) => {
    const c = ws.getCell(5, i + 2);
    c.value = h;
    c.font = BOLD;
  });
  const rows: Cell[][] = [
    [
      "SR1",
      "P1",
      "Website fails accessibility regulations",
      "Priya Shah",
      5,
      4,
      3,
      4,
      12,
      6,
      "Audit and fix plan",
      utcDate("2021-01-31"),
    ],
    [
      "SR2",
      "P3",
      "Data centre lease ends before exit",
      "Mark Ellis",
      4,
      5,
      4,
      5,
      20,
      8,
      "Extension negotiated",
      utcDate("2021-01-31"),
    ],
    [
      "SR3",
      "P2",
      "Supplier withdraws from the framework",
      "Tom Hughes",
      2,
      4,
      2,
      4,
      30,
      4,
      "Second supplier on the framework",
      utcDate("2021-03-31"),
    ],
  ];
  rows.forEach((r, i) =>
    r.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(6 + i, c + 2);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = DATE_FORMAT;
    }),
  );
  return wb;
}

// ---------------------------------------------------------------------------------------------------------------

export interface FixtureFile {
  file: string;
  bytes: () => Promise<Buffer>;
}

export const COUNCIL_FIXTURES: FixtureFile[] = [
  { file: "two-year-capital.xlsx", bytes: () => xlsxBytes(buildTwoYearCapital()) },
  { file: "status-report.csv", bytes: async () => statusReportCsv() },
  { file: "windows-1252.csv", bytes: async () => windows1252Csv() },
  { file: "damaged-pound.csv", bytes: async () => damagedPoundCsv() },
  { file: "no-rag-column.xlsx", bytes: () => xlsxBytes(buildNoRagColumn()) },
  { file: "multi-sheet.xlsx", bytes: () => xlsxBytes(buildMultiSheet()) },
  { file: "formula-injection.xlsx", bytes: () => xlsxBytes(buildFormulaInjection()) },
  { file: "next-milestone.xlsx", bytes: () => xlsxBytes(buildNextMilestone()) },
  { file: "risk-register-by-name.xlsx", bytes: () => xlsxBytes(buildRiskRegisterByName()) },
  { file: "risk-register-title-rows.xlsx", bytes: () => xlsxBytes(buildRiskRegisterTitleRows()) },
];
