/**
 * Small sheets in the shapes real public exports take (portfolio masters, departmental returns, another
 * government's IT-projects list), each built to exercise one reading rule. Written by hand as the adapters would
 * give them: a header row, then one project per row. None is copied from a real file.
 */
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import { grid } from "./builders";

export const LONG_DCA_NOTE =
  "(a Delivery Confidence Assessment of the project at a fixed point in time, using a five-point scale, " +
  "Red – Amber/Red – Amber – Amber/Green – Green; see the guidance notes for what each rating means, " +
  "including (for example) the definitions agreed with the department)";

/** A portfolio master with an independent assessor's rating and the owner's own, each filled for some items. */
export function twoRatingColumns(): SheetGrid {
  return grid(
    [
      ["Project name", "Department", "IPA DCA", "SRO DCA", "Baseline (£m)", "Forecast (£m)"],
      ["Rail upgrade", "DfT", "Amber/Red", "Amber", 100, 110],
      ["Road scheme", "DfT", "", "Green", 50, 50],
      ["Port works", "DfT", "Exempt", "Amber-Green", 20, 19],
      ["Bridge", "DfT", "", "", 10, 10],
    ],
    { name: "Portfolio" },
  );
}

/** An IT-projects list in US dollars, amounts written with the symbol, variance as planned − projected. */
export function dollarProjects(): SheetGrid {
  return grid(
    [
      ["Project ID", "Project Name", "Planned Cost", "Projected/Actual Cost", "Cost Variance", "Start Date"],
      ["P-1", "Case management", "$6,279,429", "$6,500,000", "-$220,571", "2019-10-01"],
      ["P-2", "Payroll cloud", "$1,000,000", "$900,000", "$100,000", "2020-01-15"],
      ["P-3", "Network", "$500,000", "$520,000", "-$20,000", "2020-02-01"],
    ],
    { name: "IT projects" },
  );
}

/** Revenue and capital budgets and forecasts with no column for the whole. */
export function revenueAndCapital(): SheetGrid {
  return grid(
    [
      ["Ref", "Scheme", "Revenue budget", "Capital budget", "Revenue forecast", "Capital forecast"],
      ["S1", "Libraries Wi-Fi", 10000, 90000, 12000, 95000],
      ["S2", "Telephony", 5000, "", 5000, ""],
    ],
    { name: "Capital and revenue" },
  );
}

/** A whole-life cost total beside its RDEL, CDEL and non-government parts. */
export function wholeLifeParts(rows: CellValue[][]): SheetGrid {
  return grid(
    [
      [
        "Project name",
        "Financial year baseline (£m)",
        "Financial year forecast (£m)",
        "WLC RDEL (£m)",
        "WLC CDEL (£m)",
        "WLC Non-Government (£m)",
        "WLC total (£m)",
      ],
      ...rows,
    ],
    { name: "Whole life" },
  );
}

/** A wide master: dates beside money under headers that could name either. */
export function wideMaster(): SheetGrid {
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  return grid(
    [
      [
        "Project name",
        "Responsible",
        "Baseline",
        "Forecast",
        "Project manager",
        "Baseline cost (£m)",
        "Forecast outturn (£m)",
        "SRO sign-off",
      ],
      ["Signalling", 12.5, d("2021-03-31"), d("2022-03-31"), "A. Patel", 12.5, 14, d("2020-06-01")],
      ["Depot", 3.2, d("2021-06-30"), d("2021-09-30"), "B. Jones", 3.2, 3.1, d("2020-07-01")],
      ["Station", 8, d("2022-01-31"), d("2022-01-31"), "C. Smith", 8, 8, d("2020-08-01")],
      ["Fleet", 40, d("2023-03-31"), d("2024-03-31"), "D. Khan", 40, 47, d("2020-09-01")],
    ],
    { name: "Master" },
  );
}

/** A master laid on its side: field names down column A, one project per column. */
export function transposedMaster(): SheetGrid {
  return grid(
    [
      ["Field", "Project 1", "Project 2"],
      ["Project name", "Signalling", "Depot"],
      ["Project ID", "P1", "P2"],
      ["SRO", "A. Patel", "B. Jones"],
      ["Budget (£m)", 12, 3],
      ["Forecast (£m)", 14, 3],
      ["DCA", "Amber", "Green"],
    ],
    { name: "Per-project return" },
  );
}
