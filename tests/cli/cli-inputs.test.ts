/**
 * What a finance officer expects of the command line's inputs and messages: dd/mm/yyyy for the programme's
 * period, a protected sheet's warning in --json too, one warnings section in the summary, and a clear way out
 * when no --date puts the report years after the programme.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

const root = join(__dirname, "..", "..");
const sample = join(root, "samples", "ict-strategy-programme.xlsx");
const dir = mkdtempSync(join(tmpdir(), "programme-rag-inputs-"));

test("--start and --end take dd/mm/yyyy as --date does", async () => {
  const r = await runCli([
    sample,
    "--date",
    "31/12/2020",
    "--start",
    "01/06/2020",
    "--end",
    "31/5/2022",
    "--json",
  ]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as JsonReport;
  expect(j.programme.start).toBe("2020-06-01");
  expect(j.programme.end).toBe("2022-05-31");
});

test("a protected programme sheet's warning is in --json issues, naming the Computed RAG column it adds", async () => {
  const zip = await JSZip.loadAsync(readFileSync(sample));
  // "Programme of Works" is sheet1.xml in the sample; protection goes after sheetData, as Excel writes it.
  const part = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(part)!.async("string");
  zip.file(part, xml.replace(/<\/sheetData>/, '</sheetData><sheetProtection sheet="1" objects="1"/>'));
  const input = join(dir, "protected.xlsx");
  writeFileSync(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const r = await runCli([input, "--date", "31/12/2020", "--json", "--out", join(dir, "protected-out.xlsx")]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as JsonReport;
  const issue = j.issues.find((i) => i.sheet === "Programme of Works" && /is protected/.test(i.message));
  expect(issue).toMatchObject({ severity: "warning", cell: "" });
  expect(issue!.message).toMatch(/adds the "Computed RAG" column AJ/);
  expect(r.stderr).toMatch(/warning: the sheet "Programme of Works" is protected/);
});

test("the summary has one warnings section, each line saying its kind once, capped", async () => {
  const r = await runCli([sample, "--date", "30/11/2026"]);
  const lines = r.stdout.split("\n");
  expect(lines.filter((l) => /^Warnings and errors: /.test(l))).toHaveLength(1);
  expect(r.stdout).not.toMatch(/^Problems/m);
  const start = lines.findIndex((l) => l.startsWith("Warnings and errors: "));
  const section: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (!l.startsWith("  ")) break;
    section.push(l);
  }
  const entries = section.filter((l) => !l.startsWith("  …"));
  for (const l of entries) {
    expect(l).toMatch(/^ {2}(Warning|Error): /);
    expect(l.slice(2).match(/\b(Warning|Error|Problem)s?:/g)).toHaveLength(1);
  }
  const j = JSON.parse((await runCli([sample, "--date", "30/11/2026", "--json"])).stdout) as JsonReport;
  // At 30/11/2026 the sample has more issues than the cap (10 cells): the rest are counted, not listed.
  expect(j.issues.length).toBeGreaterThan(10);
  expect(entries.filter((l) => /![A-Z]+\d+: /.test(l)).length).toBeLessThanOrEqual(10);
  expect(section[section.length - 1]).toBe(`  … and ${j.issues.length - 10} more (--json lists them all)`);
});

test("no --date in 2026: the sample's 2020-22 programme gets a prominent warning saying what to do", async () => {
  const r = await runCli([sample], new Date("2026-12-02T10:00:00Z"));
  expect(r.code).toBe(0);
  const head = r.stdout.split("\n").slice(0, 4).join("\n");
  expect(head).toMatch(/^Warnings and errors: /m);
  expect(head).toMatch(
    /Warning: no --date was given, so the report is at 30\/11\/2026 .*after the programme's period.*Run again with the reporting date you mean, e\.g\. --date 31\/03\/2022/,
  );
  // With a --date there is no such advice, even outside the period: the date was chosen.
  const chosen = await runCli([sample, "--date", "30/11/2026"]);
  expect(chosen.stdout).not.toMatch(/no --date was given/);
});
