/** The command line end to end: arguments, exit codes, files written, and the input left alone. */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

const root = join(__dirname, "..", "..");
const sample = join(root, "samples", "ict-strategy-programme.xlsx");
const council = (f: string) => join(root, "tests", "fixtures", "council", f);
const tmp = () => mkdtempSync(join(tmpdir(), "programme-rag-"));

describe("usage errors exit 2 with a message", () => {
  test.each([
    [[], /no workbook given/],
    // dd/mm/yyyy is read (31/12/2020 was refused before); a day that does not exist is still refused.
    [[sample, "--date", "31/02/2020"], /--date 31\/02\/2020: expected a date as YYYY-MM-DD/],
    [[sample, "--date", "2021-02-30"], /expected a date/],
    [[sample, "--allocation", "lots"], /--allocation lots: expected an amount/],
    [[sample, "--frobnicate"], /unknown option --frobnicate/],
    [[sample, "--out"], /--out needs a value/],
    [[sample, "--out", sample], /input workbook is never modified/],
    [[sample, "--config", "/nonexistent/rules.json"], /--config .*no such file/],
    [[sample, sample], /one workbook at a time/],
    [
      [sample, "--start", "31/04/2020"],
      /--start 31\/04\/2020: expected a date as YYYY-MM-DD \(or dd\/mm\/yyyy\)/,
    ],
    [[sample, "--end", "2022-02-30"], /--end 2022-02-30: expected a date/],
    [[sample, "--start", "2022-04-01", "--end", "2020-03-31"], /--start must not be after --end/],
    [[sample, "--name"], /--name needs a value/],
  ])("%j", async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  test("the reporting date: by default the last day of the previous month, as in the pane; dd/mm/yyyy is read", async () => {
    // On 15/11/2020 the default is 31/10/2020 (it was today, a month still running).
    const byDefault = await runCli([sample, "--json"], new Date(2020, 10, 15, 10, 0));
    expect(JSON.parse(byDefault.stdout).reportingDate).toBe("2020-10-31");
    // The date chosen is said, with how to choose another; a given --date is not remarked on.
    expect(byDefault.stderr).toContain(
      "no --date given: reporting at 31/10/2020, the last day of the previous month (--date 31/12/2020 chooses another)",
    );
    const uk = await runCli([sample, "--json", "--date", "31/12/2020"]);
    expect(uk.code).toBe(0);
    expect(uk.stderr).not.toContain("no --date given");
    expect(JSON.parse(uk.stdout).reportingDate).toBe("2020-12-31");
    const short = await runCli([sample, "--json", "--date", "1/4/2021"]);
    expect(JSON.parse(short.stdout).reportingDate).toBe("2021-04-01");
  });

  test("a rules file with a mistake names it", async () => {
    const dir = tmp();
    const cfg = join(dir, "rules.json");
    writeFileSync(cfg, JSON.stringify({ budget: { redPercnt: 10 }, risk: { greenMax: 30 } }));
    const r = await runCli([sample, "--config", cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown setting "budget.redPercnt"/);
    expect(r.stderr).toMatch(/risk.greenMax must be a number from 0 to 25/);
  });
});

describe("the programme's details are settings", () => {
  test("--name, --start and --end reach the summary, --json and the report; rules.json gives them too", async () => {
    const dir = tmp();
    const cfg = join(dir, "rules.json");
    writeFileSync(
      cfg,
      JSON.stringify({
        programme: { name: "Digital Council 2020-23", start: "2020-04-01", end: "2023-03-31" },
      }),
    );
    const fromFile = await runCli([sample, "--config", cfg, "--date", "2020-12-31", "--json"]);
    expect(fromFile.code).toBe(0);
    expect((JSON.parse(fromFile.stdout) as JsonReport).programme).toMatchObject({
      name: "Digital Council 2020-23",
      start: "2020-04-01",
      end: "2023-03-31",
    });
    const out = join(dir, "out.xlsx");
    const r = await runCli([
      sample,
      "--config",
      cfg,
      "--name",
      "Flags win",
      "--end",
      "2020-11-30",
      "--date",
      "2020-12-31",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Flags win: reporting date 31\/12\/2020 \(Q3 2020\/21\), programme period 01\/04\/2020 to 30\/11\/2020$/m,
    );
    expect(r.stdout).toMatch(/^ {2}Warning: The reporting date 31\/12\/2020 is after the programme period/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Highlight Report")!;
    expect(ws.getCell("A1").value).toBe(
      "Flags win: programme highlight report, Q3 2020/21 — Period 9 (December)",
    );
    expect(String(ws.getCell("A3").value)).toMatch(/^Warning: The reporting date 31\/12\/2020 is after/);
  });

  test("a rules file's programme details are checked", async () => {
    const dir = tmp();
    const cfg = join(dir, "rules.json");
    writeFileSync(cfg, JSON.stringify({ programme: { name: "", start: "April 2020" } }));
    const r = await runCli([sample, "--config", cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/programme.name must be a name of 1 to 200 characters/);
    expect(r.stderr).toMatch(/programme.start must be a date as "YYYY-MM-DD"/);
  });
});

describe("files that cannot be read exit 1 and say why", () => {
  test("missing file", async () => {
    const r = await runCli(["/nonexistent/book.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no such file/);
  });
  test("not an xlsx", async () => {
    const dir = tmp();
    const bad = join(dir, "broken.xlsx");
    writeFileSync(bad, "this is not a zip");
    const r = await runCli([bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not an Excel workbook \(an .xlsx file is a zip package; this file is not\)/);
  });
  test("no programme sheet", async () => {
    const dir = tmp();
    const f = join(dir, "notes.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["Minutes of the meeting"]);
    await wb.xlsx.writeFile(f);
    const r = await runCli([f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /No programme-of-works sheet was found \("Notes": no programme-of-works header row/,
    );
  });
  test("unsupported extension", async () => {
    const r = await runCli([join(root, "README.md")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/expected a .xlsx, .xlsm or .csv file/);
  });
});

describe("the bundled sample", () => {
  test("--json prints the analysis in the documented shape", async () => {
    const r = await runCli([sample, "--json", "--date", "2020-12-31"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(Object.keys(j)).toEqual([
      "reportingDate",
      "period",
      "month",
      "cycle",
      "allocation",
      "currency",
      "programme",
      "totals",
      "ragCounts",
      "sheets",
      "items",
      "skipped",
      "issues",
      "previous",
      "milestones",
      "riskRegister",
      "years",
      "cancelled",
      "onHold",
    ]);
    expect(j.reportingDate).toBe("2020-12-31");
    expect(j.period).toBe("Q3 2020/21");
    expect(j.allocation).toBe(1200000);
    expect(Object.keys(j.totals)).toEqual([
      "budget",
      "spent",
      "committed",
      "forecast",
      "variance",
      "unallocated",
      "varianceToAllocation",
      "rag",
      "budgetsNotRead",
    ]);
    expect(j.items.length).toBeGreaterThanOrEqual(25);
    const sum = j.items.reduce((s, i) => s + Math.round((i.budget ?? 0) * 100), 0);
    expect(Math.round(j.totals.budget * 100)).toBe(sum);
    expect(j.totals.unallocated).toBeCloseTo(1200000 - j.totals.budget, 2);
    const counts = Object.values(j.ragCounts).reduce((a, b) => a + b, 0);
    expect(counts).toBe(j.items.length);
  });

  test("--allocation and --date change the result", async () => {
    const r = await runCli([sample, "--json", "--date", "2021-06-30", "--allocation", "£1.1m"]);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(j.allocation).toBe(1100000);
    expect(j.period).toBe("Q1 2021/22");
  });

  test("--out writes a copy with RAG cells and a first Highlight Report; the input is untouched", async () => {
    const dir = tmp();
    const input = join(dir, "programme.xlsx");
    copyFileSync(sample, input);
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const out = join(dir, "sub", "result.xlsx");
    const r = await runCli([input, "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(0);
    // The sample's PM RAG column decides the rating, so the computed rating gets a column of its own: named.
    expect(r.stdout).toMatch(
      /Wrote .*result.xlsx: \d+ RAG cells \(added "Computed RAG" in column AJ of "Programme of Works"\); sheets "Highlight Report", "RAG History", "Milestone History", "Risk History", "Change Log" \(reporting date 31\/12\/2020\)/,
    );
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(mtime);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.name).toBe("Highlight Report");
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Programme of Works",
        "Milestones",
        "Notes",
        "Lookups",
        "RAG History",
        "Milestone History",
        "Change Log",
      ]),
    );
  });

  test("--json with --out keeps standard output pure JSON", async () => {
    const dir = tmp();
    const r = await runCli([sample, "--json", "--date", "2020-12-31", "--out", join(dir, "r.xlsx")]);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/Wrote/);
  });
});

describe("CSV inputs", () => {
  test.each([
    ["status-report.csv", "UTF-8 with a byte-order mark"],
    ["windows-1252.csv", "Windows-1252"],
    ["damaged-pound.csv", "damaged pound signs"],
  ])("%s (%s) is read with £ amounts intact", async (file) => {
    const r = await runCli([council(file), "--json", "--date", "2020-12-31"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(j.items.length).toBeGreaterThan(0);
    expect(j.items.every((i) => i.sheet === file.replace(".csv", ""))).toBe(true);
    expect(j.issues.filter((i) => /is not an amount/.test(i.message) && /£/.test(i.message))).toEqual([]);
  });

  test("windows-1252.csv: the header's £ is read and the budget is summed to the penny", async () => {
    const r = await runCli([council("windows-1252.csv"), "--json", "--date", "2020-12-31"]);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(j.totals.budget).toBe(64250.5);
  });

  test("a CSV with --out becomes a workbook with the data sheet and the report", async () => {
    const dir = tmp();
    const out = join(dir, "status.xlsx");
    const r = await runCli([council("status-report.csv"), "--date", "2020-12-31", "--out", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Highlight Report",
      "status-report",
      "RAG History",
      "Change Log",
    ]);
  });
});

describe("the installed command", () => {
  test("bin/programme-rag.js runs the compiled CLI (npm ci builds it)", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      join(root, "bin", "programme-rag.js"),
      sample,
      "--json",
      "--date",
      "2020-12-31",
    ]);
    const j = JSON.parse(stdout) as JsonReport;
    expect(j.period).toBe("Q3 2020/21");
  });

  test("--help loads none of the file adapter's libraries (exceljs, JSZip, saxes are loaded when a run needs them)", async () => {
    const run = promisify(execFile);
    const main = join(root, "dist", "node", "src", "cli", "main.js");
    const { stdout } = await run(process.execPath, [
      "-e",
      `require(${JSON.stringify(main)}).run(["--help"], { stdout() {}, stderr() {}, now: () => new Date() }).then(() =>
        console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules/.test(k)))))`,
    ]);
    const loaded = JSON.parse(stdout) as string[];
    expect(loaded.filter((k) => /exceljs|jszip|saxes|csv-parse/.test(k))).toEqual([]);
  });

  test("exit code 2 reaches the shell", async () => {
    const run = promisify(execFile);
    await expect(
      run(process.execPath, [join(root, "bin", "programme-rag.js"), "--date"]),
    ).rejects.toMatchObject({ code: 2 });
  });
});
