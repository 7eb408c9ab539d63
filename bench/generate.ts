/** Synthetic programme-of-works data for the benchmarks: realistic mixes of numbers, text amounts and dates. */
import type { CellValue, SheetGrid } from "../src/engine/grid";
import { dayFromExcelSerial, jsDateFromDay } from "../src/engine/dates";

export const BENCH_HEADERS = [
  "Ref",
  "Project / workstream",
  "Theme",
  "Lead officer",
  "Budget (£)",
  "Spend to date (£)",
  "Committed (£)",
  "Forecast outturn (£)",
  "Start date",
  "Target date",
  "% complete",
  "Status",
  "Key risk",
  "Likelihood",
  "Impact",
  "Mitigation",
  "RAG",
];

const THEMES = [
  "Fixing the basics",
  "Customer first / digital by default",
  "Flexible working and accommodation",
  "Data and security",
];

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One item's row; dates as Excel serials (as Office.js gives them) or JS Dates (as exceljs gives them). */
export function benchRow(i: number, rnd: () => number, dates: "serial" | "date"): CellValue[] {
  const budget = Math.round(5_000 + rnd() * 95_000);
  const spent = Math.round(budget * rnd() * 0.9);
  const committed = Math.round(budget * rnd() * 0.2);
  const forecast = Math.round(budget * (0.9 + rnd() * 0.2));
  const start = 43922 + Math.floor(rnd() * 300); // from 01/04/2020
  const end = start + 60 + Math.floor(rnd() * 400);
  const asDate = (serial: number): CellValue =>
    dates === "serial" ? serial : jsDateFromDay(dayFromExcelSerial(serial));
  // One row in twenty carries the messes real sheets have.
  const messy = i % 20 === 7;
  return [
    `P${String(i + 1).padStart(5, "0")}`,
    `Project ${i + 1}: ${["network", "website", "laptops", "telephony", "records"][i % 5]} work`,
    THEMES[i % THEMES.length]!,
    `Officer ${i % 37}`,
    messy ? `£${budget.toLocaleString("en-GB")}` : budget,
    spent,
    messy ? "TBC" : committed,
    forecast,
    asDate(start),
    messy ? "31/03/2021" : asDate(end),
    Math.round(rnd() * 100) / 100,
    rnd() < 0.15 ? "Complete" : "In progress",
    "Supplier delivery slips",
    1 + Math.floor(rnd() * 5),
    1 + Math.floor(rnd() * 5),
    "Weekly supplier calls",
    null,
  ];
}

export function benchGrid(items: number, dates: "serial" | "date" = "serial", seed = 42): SheetGrid {
  const rnd = random(seed);
  const values: CellValue[][] = [["ICT Strategy 2020-22: Programme of Works"], [], BENCH_HEADERS];
  for (let i = 0; i < items; i++) values.push(benchRow(i, rnd, dates));
  return { name: "Programme of Works", visible: true, rowOffset: 0, colOffset: 0, values };
}

const BENCH_YEARS = ["2019/20", "2020/21", "2021/22"];

/**
 * A programme sheet with money by financial year (issue 13), in one of four shapes, with blanks: 0, whole
 * figures beside per-year budgets and forecasts; 1, per-year budget, spend, commitments and forecast and a
 * 2020/21 slippage column; 2, whole spend and commitments beside per-year and re-profiled budgets and a
 * slippage column with no year; 3, a financial year column beside whole figures, some forecasts not amounts.
 */
export function benchYearsGrid(
  items: number,
  shape: 0 | 1 | 2 | 3,
  seed = 42,
  name = "Programme",
): SheetGrid {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const blank = (v: CellValue, share: number): CellValue => (rnd() < share ? null : v);
  const money = (scale = 1) => Math.round(rnd() * 100_000 * scale);
  const headers = ["Ref", "Project", "Theme", "Status", "% complete", "Target date"];
  const cells: ((i: number) => CellValue)[] = [
    (i) => `Y${shape}-${i + 1}`,
    (i) => `Project ${i}`,
    () => pick([...THEMES, null]),
    () => pick(["In progress", "Complete", "Not started", "Cancelled"]),
    () => Math.round(rnd() * 100) / 100,
    () => 43922 + Math.floor(rnd() * 700),
  ];
  const column = (header: string, cell: () => CellValue) => {
    headers.push(header);
    cells.push(cell);
  };
  const byYear = (field: string, share: number, scale = 1) => {
    for (const y of BENCH_YEARS) column(`${field} ${y}`, () => blank(money(scale), share));
  };
  if (shape === 0) {
    column("Budget (£)", () => blank(money(), 0.1));
    column("Spent to date (£)", () => blank(money(), 0.1));
    column("Committed (£)", () => blank(money(), 0.3));
    column("Forecast outturn (£)", () => blank(money(), 0.3));
    byYear("Budget", 0.3);
    byYear("Forecast", 0.4);
  } else if (shape === 1) {
    byYear("Budget", 0.2);
    byYear("Spend", 0.4, 0.5);
    byYear("Committed", 0.5, 0.25);
    byYear("Forecast", 0.3);
    column("Slippage 2020/21", () => blank(money(0.2), 0.7));
  } else if (shape === 2) {
    column("Spent to date", () => blank(money(), 0.2));
    column("Committed", () => blank(money(1 / 3), 0.4));
    byYear("Budget", 0.2);
    byYear("Re-profiled budget", 0.4);
    column("Slippage", () => blank(money(0.2), 0.8));
  } else {
    column("Financial year", () => blank(pick(BENCH_YEARS), 0.3));
    column("Budget", () => blank(money(), 0.1));
    column("Spent", () => blank(money(0.5), 0.2));
    column("Forecast", () => blank(pick<CellValue>([money(), "TBC", "£1.2m?"]), 0.2));
  }
  const values: CellValue[][] = [headers];
  for (let i = 0; i < items; i++) values.push(cells.map((cell) => cell(i)));
  return { name, visible: true, rowOffset: 0, colOffset: 0, values };
}
