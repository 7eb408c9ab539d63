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
