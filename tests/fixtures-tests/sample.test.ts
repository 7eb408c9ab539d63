/**
 * The bundled sample workbook is what samples/README.md says it is, the committed file matches its generator,
 * and the council-style fixtures in tests/fixtures/council/ carry the traps they promise.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import {
  ALLOCATED_TO_ITEMS,
  REPORTING_DATE,
  SAMPLE_THEMES,
  allSampleItems,
} from "../../scripts/sample/sample-data";
import {
  SAMPLE_HEADERS,
  SAMPLE_HEADER_ROW,
  SAMPLE_SHEET,
  SAMPLE_TITLE,
  buildSampleWorkbook,
  sampleColumn,
} from "../../scripts/sample/sample-workbook";
import { xlsxBytes } from "../../scripts/sample/xlsx-helpers";
import {
  COUNCIL_FIXTURES,
  EXEMPT,
  INJECTION_TEXTS,
  buildFormulaInjection,
} from "../../scripts/sample/council-fixtures";

const ROOT = join(__dirname, "..", "..");
const SAMPLE_FILE = join(ROOT, "samples", "ict-strategy-programme.xlsx");
const COUNCIL_DIR = join(ROOT, "tests", "fixtures", "council");

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** Every cell of every sheet (value, number format), plus sheet names and visibility, as plain data. */
function dump(wb: ExcelJS.Workbook): unknown[] {
  return wb.worksheets.map((ws) => {
    const cells: [string, string, string][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        cells.push([c.address, JSON.stringify(c.value), c.numFmt ?? ""]);
      });
    });
    return { name: ws.name, state: ws.state, merges: [...ws.model.merges].sort(), cells };
  });
}

/** A cell's value with formulas replaced by their cached results. */
function plain(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === "object" && !(v instanceof Date) && "formula" in v) return v.result;
  return v;
}

function isBlank(v: unknown): boolean {
  return v == null || (typeof v === "string" && v.trim() === "");
}

// --- a minimal reading of the programme sheet: the layout the README promises --------------------------------

interface ReadRow {
  row: number;
  kind: "heading" | "item" | "subtotal" | "grand";
  values: unknown[]; // 0-based by column
}

function readProgramme(ws: ExcelJS.Worksheet): ReadRow[] {
  const out: ReadRow[] = [];
  for (let r = SAMPLE_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const values = SAMPLE_HEADERS.map((_, i) => plain(ws.getCell(r, i + 1)));
    const filled = values.filter((v) => !isBlank(v));
    if (filled.length === 0) continue;
    const name = values[sampleColumn("Project / workstream") - 1];
    let kind: ReadRow["kind"];
    if (filled.length === 1 && typeof filled[0] === "string") kind = "heading";
    else if (typeof name === "string" && /^sub-?total/i.test(name)) kind = "subtotal";
    else if (typeof name === "string" && /^grand total/i.test(name)) kind = "grand";
    else kind = "item";
    out.push({ row: r, kind, values });
  }
  return out;
}

function col(values: unknown[], header: (typeof SAMPLE_HEADERS)[number]): unknown {
  return values[sampleColumn(header) - 1];
}

// --- the rules stated in samples/README.md, applied to the cells as written -----------------------------------

const DAY = 86_400_000;
const dayOf = (d: Date): number => Math.floor(d.getTime() / DAY);
const REPORTING = Date.UTC(2020, 11, 31) / DAY;

function money(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^£?\d{1,3}(,\d{3})*(\.\d+)?$/.test(v.trim()))
    return Number(v.replace(/[£,]/g, ""));
  return null;
}

function date(v: unknown): number | null {
  if (v instanceof Date) return dayOf(v);
  const m = typeof v === "string" ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v.trim()) : null;
  return m ? Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) / DAY : null;
}

type Status = "Red" | "Amber" | "Green" | "Complete" | "Not assessed";
const SEVERITY: Record<string, number> = { Green: 1, Amber: 2, Red: 3 };

function assess(values: unknown[]): {
  budget: Status;
  schedule: Status;
  risk: Status;
  computed: Status;
  overall: string;
} {
  const budget = money(col(values, "Budget (£)"))!;
  const spent = money(col(values, "Spend to date (£)")) ?? 0;
  const committed = money(col(values, "Committed (£)")) ?? 0;
  const stated = money(col(values, "Forecast outturn (£)"));
  const forecast = stated === null || stated < spent + committed ? spent + committed : stated;
  const over = forecast - budget;
  const redLine = Math.min((budget * 5) / 100, 100_000);
  const b: Status = over <= 0 ? "Green" : over >= redLine ? "Red" : "Amber";

  const progress = col(values, "% complete") as number;
  const status = String(col(values, "Status")).trim().toLowerCase();
  const start = date(col(values, "Start date"))!;
  const target = date(col(values, "Target date"))!;
  let s: Status;
  if (progress >= 1 || ["complete", "completed", "closed", "done", "achieved"].includes(status))
    s = "Complete";
  else if (REPORTING > target) s = "Red";
  else {
    const planned = Math.min(1, Math.max(0, (REPORTING - start) / (target - start)));
    const slip = planned - progress;
    s = slip > 0.25 ? "Red" : slip > 0.1 ? "Amber" : "Green";
  }

  const l = col(values, "Likelihood (1-5)");
  const i = col(values, "Impact (1-5)");
  const score = typeof l === "number" && typeof i === "number" ? l * i : null;
  const risk: Status = score === null ? "Not assessed" : score <= 4 ? "Green" : score >= 15 ? "Red" : "Amber";

  let computed: Status;
  if (s === "Complete") computed = b === "Red" ? "Red" : "Complete";
  else
    computed = [b, s, risk].reduce<Status>(
      (w, x) => ((SEVERITY[x] ?? 0) > (SEVERITY[w] ?? 0) ? x : w),
      "Green",
    );

  const pm = col(values, "PM RAG");
  let overall: string = computed;
  if (typeof pm === "string" && pm.trim() !== "") {
    overall = pm
      .trim()
      .toLowerCase()
      .split("/")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join("/");
  }
  return { budget: b, schedule: s, risk, computed, overall };
}

/** The story table in samples/README.md, by Ref. */
function readmeStory(): Map<string, { row: number; cells: string[] }> {
  const text = readFileSync(join(ROOT, "samples", "README.md"), "utf8");
  const out = new Map<string, { row: number; cells: string[] }>();
  for (const line of text.split("\n")) {
    const m = /^\|\s*([A-Z]{2}\d{2})\s*\|\s*(\d+)\s*\|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    out.set(m[1]!, {
      row: Number(m[2]),
      cells: m[3]!.split("|").map((c) => c.trim().replace(/\*\*/g, "")),
    });
  }
  return out;
}

describe("samples/ict-strategy-programme.xlsx", () => {
  let committed: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let rows: ReadRow[];

  beforeAll(async () => {
    committed = await load(readFileSync(SAMPLE_FILE));
    ws = committed.getWorksheet(SAMPLE_SHEET)!;
    rows = readProgramme(ws);
  });

  it("is the generator's output (rebuild with `npm run make:sample` after changing the generator)", async () => {
    const fresh = await load(await xlsxBytes(buildSampleWorkbook()));
    expect(dump(committed)).toEqual(dump(fresh));
  });

  it("has the programme sheet, a Milestones sheet, a visible Notes sheet, the Risk Register and a hidden Lookups sheet", () => {
    expect(committed.worksheets.map((w) => [w.name, w.state])).toEqual([
      [SAMPLE_SHEET, "visible"],
      ["Milestones", "visible"],
      ["Notes", "visible"],
      ["Risk Register", "visible"],
      ["Lookups", "hidden"],
    ]);
    const notes = committed.getWorksheet("Notes")!;
    // Free text in one column, no header row.
    notes.eachRow((row) => expect(row.cellCount).toBe(1));
  });

  it("has the title block, row 3 blank but for the headings over the year columns, and the header row at row 4 with the exact header texts", () => {
    expect(ws.getCell("A1").value).toBe(SAMPLE_TITLE);
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:S1", "A2:S2"]));
    expect(String(ws.getCell("A2").value)).toMatch(/^Budget monitoring – reported to Performance Meeting/);
    // Issue 13: "Budget (£)" merged over 2020/21 and 2021/22 (T:U), the forecast (V:W), the spend profile (X:AI).
    // (exceljs gives a merge's covered cells the master's value.)
    expect([1, 19, 20, 22, 24].map((c) => ws.getCell(3, c).value ?? null)).toEqual([
      null,
      null,
      "Budget (£)",
      "Forecast outturn (£)",
      "Spend profile 2020/21 (£)",
    ]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(["T3:U3", "V3:W3", "X3:AI3"]));
    expect(SAMPLE_HEADER_ROW).toBe(4);
    const header = SAMPLE_HEADERS.map((_, i) => ws.getCell(4, i + 1).value);
    expect(header).toEqual([...SAMPLE_HEADERS]);
    expect(header).toContain("Variance (£)");
    expect(header).not.toContain("Theme");
  });

  it("has at least 25 items, grouped under the five theme headings, each closed by a Sub-total, then a Grand total", () => {
    const items = rows.filter((r) => r.kind === "item");
    expect(items.length).toBeGreaterThanOrEqual(25);
    expect(items).toHaveLength(30);
    const kinds = rows.map((r) => r.kind);
    expect(kinds[0]).toBe("heading");
    expect(kinds[kinds.length - 1]).toBe("grand");
    expect(rows.filter((r) => r.kind === "grand")).toHaveLength(1);
    const headings = rows.filter((r) => r.kind === "heading").map((r) => r.values[0]);
    expect(headings).toEqual([
      "Fixing the basics",
      "Customer first / digital by default",
      "Flexible working and accommodation",
      "Data and security",
      "Governance and skills",
    ]);
    expect(headings).toEqual(SAMPLE_THEMES.map((t) => t.name));
    // Each heading is followed by items and then exactly one sub-total.
    const pattern = kinds.map((k) => k[0]).join("");
    expect(pattern).toMatch(/^(hi+s){5}g$/);
  });

  it("has budgets that add up to £1,180,000 to the penny, leaving £20,000 of the £1.2m unallocated", () => {
    const pence = rows
      .filter((r) => r.kind === "item")
      .reduce((s, r) => s + Math.round((col(r.values, "Budget (£)") as number) * 100), 0);
    expect(pence).toBe(1_180_000_00);
    expect(ALLOCATED_TO_ITEMS).toBe(1_180_000);
    const grand = rows.find((r) => r.kind === "grand")!;
    expect(col(grand.values, "Budget (£)")).toBe(1_180_000);
  });

  it("caches sub-total results that match Excel's SUM (numbers only) of the item rows above them", () => {
    let since: ReadRow[] = [];
    for (const r of rows) {
      if (r.kind === "item") since.push(r);
      if (r.kind !== "subtotal") continue;
      expect(String(col(r.values, "Project / workstream"))).toMatch(/^Sub-total/);
      for (const h of ["Budget (£)", "Spend to date (£)", "Committed (£)", "Forecast outturn (£)"] as const) {
        const sum = since.reduce(
          (s, i) => s + (typeof col(i.values, h) === "number" ? (col(i.values, h) as number) : 0),
          0,
        );
        expect(col(r.values, h)).toBe(sum);
        const cell = ws.getCell(r.row, sampleColumn(h)).value as ExcelJS.CellFormulaValue;
        expect(cell.formula).toMatch(/^SUM\(/);
      }
      since = [];
    }
  });

  it("uses real Excel types: £ numbers, dates with dd/mm/yyyy, fractions with a % format", () => {
    const first = rows.find((r) => r.kind === "item")!.row;
    expect(ws.getCell(first, sampleColumn("Budget (£)")).numFmt).toContain("£");
    expect(ws.getCell(first, sampleColumn("Start date")).value).toBeInstanceOf(Date);
    expect(ws.getCell(first, sampleColumn("Start date")).numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell(first, sampleColumn("% complete")).numFmt).toBe("0%");
    const progress = rows.filter((r) => r.kind === "item").map((r) => col(r.values, "% complete"));
    expect(progress.every((p) => typeof p === "number" && p >= 0 && p <= 1)).toBe(true);
    const variance = ws.getCell(first, sampleColumn("Variance (£)")).value as ExcelJS.CellFormulaValue;
    expect(variance.formula).toBe(`G${first}-D${first}`);
  });

  it("carries exactly the handful of messes the README lists, in the cells it names", () => {
    const text = (h: (typeof SAMPLE_HEADERS)[number]): string[] =>
      rows
        .filter((r) => r.kind === "item" && typeof col(r.values, h) === "string")
        .map((r) => `${ws.getCell(r.row, sampleColumn(h)).address}=${String(col(r.values, h))}`);
    expect(text("Forecast outturn (£)")).toEqual(["G19=£45,500"]);
    expect(text("Committed (£)")).toEqual(["F34=TBC"]);
    expect(text("Target date")).toEqual(["J28=31/03/2021"]);
    expect(text("Likelihood (1-5)")).toEqual(["N36=High"]);
    expect(text("Budget (£)")).toEqual([]);
    expect(text("Spend to date (£)")).toEqual([]);
    expect(text("Start date")).toEqual([]);
    const blankForecasts = rows
      .filter((r) => r.kind === "item" && isBlank(col(r.values, "Forecast outturn (£)")))
      .map((r) => r.row);
    expect(blankForecasts).toEqual([27]);
    expect(ws.getCell("H19").value).toEqual({ formula: "G19-D19", result: { error: "#VALUE!" } });
    const overrides = rows.filter((r) => r.kind === "item" && !isBlank(col(r.values, "PM RAG")));
    expect(overrides.map((r) => col(r.values, "PM RAG"))).toEqual(["Amber/Green", "green"]);
  });

  it("tells the story in samples/README.md at 31/12/2020 under the rules stated there", () => {
    expect(REPORTING_DATE).toBe("2020-12-31");
    const story = readmeStory();
    const items = rows.filter((r) => r.kind === "item");
    expect([...story.keys()]).toEqual(items.map((r) => col(r.values, "Ref")));
    const byRef = new Map(allSampleItems().map((i) => [i.ref, i]));
    for (const r of items) {
      const ref = String(col(r.values, "Ref"));
      const got = assess(r.values);
      const readme = story.get(ref)!;
      const designed = byRef.get(ref)!.expected;
      // README columns: Item | Budget | Schedule | Risk | Computed | Overall | Why
      expect({ ref, row: readme.row, name: readme.cells[0], ...got }).toEqual({
        ref,
        row: r.row,
        name: col(r.values, "Project / workstream"),
        budget: readme.cells[1],
        schedule: readme.cells[2],
        risk: readme.cells[3],
        computed: readme.cells[4],
        overall: readme.cells[5],
      });
      expect(got).toEqual({
        budget: designed.budget,
        schedule: designed.schedule,
        risk: designed.risk,
        computed: designed.computed,
        overall: designed.overall,
      });
    }
    const overall = items.map((r) => assess(r.values).overall);
    const count = (x: string): number => overall.filter((o) => o === x).length;
    expect([count("Red"), count("Amber"), count("Amber/Green"), count("Green"), count("Complete")]).toEqual([
      6, 11, 1, 7, 5,
    ]);
  });

  it("has stale RAG values from last month that differ from this month's story", () => {
    const items = rows.filter((r) => r.kind === "item");
    const stale = items.map((r) => col(r.values, "RAG"));
    expect(stale.every((v) => ["Red", "Amber", "Green", "Complete"].includes(String(v)))).toBe(true);
    const changed = items.filter((r) => col(r.values, "RAG") !== assess(r.values).overall);
    expect(changed.length).toBeGreaterThanOrEqual(10);
  });

  it("is built deterministically: two builds give identical cells and identical bytes", async () => {
    const a = await xlsxBytes(buildSampleWorkbook());
    const b = await xlsxBytes(buildSampleWorkbook());
    expect(dump(await load(a))).toEqual(dump(await load(b)));
    expect(a.equals(b)).toBe(true);
  });
});

describe("tests/fixtures/council", () => {
  it.each(COUNCIL_FIXTURES.map((f) => [f.file, f] as const))(
    "%s is the generator's output (rebuild with `npx tsx scripts/make-fixtures.ts`)",
    async (file, f) => {
      const onDisk = readFileSync(join(COUNCIL_DIR, file));
      const fresh = await f.bytes();
      if (file.endsWith(".xlsx")) expect(dump(await load(onDisk))).toEqual(dump(await load(fresh)));
      else expect(onDisk.equals(fresh)).toBe(true);
    },
  );

  it("formula-injection.xlsx stores every formula-like text as text, never as a formula", async () => {
    const wb = await load(readFileSync(join(COUNCIL_DIR, "formula-injection.xlsx")));
    const ws = wb.getWorksheet("Programme")!;
    const strings: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof c.value === "string") strings.push(c.value);
      }),
    );
    for (const t of Object.values(INJECTION_TEXTS)) expect(strings).toContain(t);
    expect(strings.filter((s) => /^[=+\-@]/.test(s)).length).toBeGreaterThanOrEqual(12);
    expect(dump(wb)).toEqual(dump(await load(await xlsxBytes(buildFormulaInjection()))));
  });

  it("windows-1252.csv is Windows-1252 (£ is the single byte 0xA3), not UTF-8", () => {
    const bytes = readFileSync(join(COUNCIL_DIR, "windows-1252.csv"));
    expect(bytes.includes(Buffer.from([0xa3]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xc2, 0xa3]))).toBe(false);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    // Node 20's TextDecoder("windows-1252") decodes as Latin-1 (0x80-0x9F become control characters), so the
    // "smart" punctuation is checked as bytes: – is 0x96 and ’ is 0x92 in Windows-1252.
    const text = bytes.toString("latin1");
    expect(text.split("\r\n")[0]).toContain("Budget (£)");
    expect(text).toContain("Café at the Civic Centre \u0096 card payments");
    expect(text).toContain("Members\u0092 portal");
    expect(text).toContain("Zoë Brown");
  });

  it("status-report.csv is UTF-8 with a BOM and carries the promised value formats", () => {
    const bytes = readFileSync(join(COUNCIL_DIR, "status-report.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    for (const s of [
      '"£1,234.56"',
      '"(1,234)"',
      '"-£1,234"',
      '"£150k"',
      '"£1.2m"',
      '"45%"',
      '"45"',
      '"0.45"',
      '"31/03/2021"',
      '"2021-03-31"',
      '"30.06.20"',
      '"#REF!"',
      '"#N/A"',
      '"TBC"',
      `"${EXEMPT}"`,
    ]) {
      expect(text).toContain(s);
    }
    expect(text.split("\r\n")[0]).toBe(
      '"Ref","Scheme","Lead","Approved budget","Actuals","Commitments","Projected outturn","Start","Due",' +
        '"Progress","Probability","Severity","Risk","Mitigating actions","RAG status"',
    );
  });

  it("damaged-pound.csv has both damaged pound signs and no real one", () => {
    const text = readFileSync(join(COUNCIL_DIR, "damaged-pound.csv"), "utf8");
    expect(text).toContain("Â£24,000");
    expect(text).toContain("Ł15,000");
    expect(text.replace(/Â£/g, "")).not.toContain("£");
  });

  it("no-rag-column.xlsx has no RAG column, only a commentary column whose header mentions RAG", async () => {
    const wb = await load(readFileSync(join(COUNCIL_DIR, "no-rag-column.xlsx")));
    const header = (wb.getWorksheet("Projects 2020-21")!.getRow(1).values as unknown[]).slice(1);
    expect(header.filter((h) => /rag/i.test(String(h)))).toEqual(["Commentary on RAG rating"]);
  });

  it("multi-sheet.xlsx has two programme sheets, a header-less chart-data sheet and a hidden old programme", async () => {
    const wb = await load(readFileSync(join(COUNCIL_DIR, "multi-sheet.xlsx")));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Capital", "visible"],
      ["Revenue", "visible"],
      ["Chart data", "visible"],
      ["Old programme 2019", "hidden"],
    ]);
    const levels = (wb.getWorksheet("Capital")!.getColumn(9).values as unknown[]).slice(3);
    expect(levels).toEqual(["Medium", "High", "Low", "Low", "high", "Low"]);
  });

  it("two-year-capital.xlsx has its header at row 7 under a merged title block, in £'000", async () => {
    const wb = await load(readFileSync(join(COUNCIL_DIR, "two-year-capital.xlsx")));
    const ws = wb.getWorksheet("Capital Programme")!;
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:C3", "D1:M1"]));
    const header = (ws.getRow(7).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(["Budget 2020/21 £'000", "Forecast Outturn £'000", "Forecast Variance £'000"]),
    );
    expect(ws.getRow(14).values).toEqual([]);
    expect(ws.getCell("B13").value).toBe("Sub-total Resources");
    expect(ws.getCell("B20").value).toBe("Total");
    expect((ws.getCell("E20").value as ExcelJS.CellFormulaValue).result).toBe(719.15);
  });
});
