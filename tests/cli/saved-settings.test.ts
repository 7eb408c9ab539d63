/**
 * The command line uses the settings the add-in saved in the workbook (its web extension part) when no flag says
 * otherwise, says which came from the workbook, and warns, naming the setting, when they cannot be used.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

const root = join(__dirname, "..", "..");
const sample = join(root, "samples", "ict-strategy-programme.xlsx");
const dir = mkdtempSync(join(tmpdir(), "programme-rag-settings-"));

const escapeAttr = (t: string) =>
  t.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The sample with the add-in's settings saved as Office writes document settings: a task pane part pointing at
 * a web extension part whose <we:property> holds the setting's JSON text (MS-EXSPXML3 2.3.51; the ids and
 * store below are made up).
 */
async function withSettings(name: string, value: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(sample));
  const we = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11";
  zip.file(
    "xl/webextensions/webextension1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n` +
      `<we:webextension xmlns:we="${we}" id="{5C4B1E2A-0D6F-4F7B-9A55-3C2E1D0B9A87}">` +
      `<we:reference id="{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}" version="1.0.0.0" store="\\\\server\\share" storeType="Filesystem"/>` +
      `<we:alternateReferences/><we:properties>` +
      `<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>` +
      `<we:property name="programmeRag.settings" value="${escapeAttr(value)}"/>` +
      `</we:properties><we:bindings/>` +
      `<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
  );
  zip.file(
    "xl/webextensions/taskpanes.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">` +
      `<wetp:taskpane dockstate="right" visibility="0" width="350" row="0"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`,
  );
  zip.file(
    "xl/webextensions/_rels/taskpanes.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>`,
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>` +
        `<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>`,
    ),
  );
  const rels = await zip.file("_rels/.rels")!.async("string");
  zip.file(
    "_rels/.rels",
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdWe1" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>`,
    ),
  );
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return path;
}

const SAVED = {
  version: 1,
  rules: { programme: { name: "Depot Programme", start: "2020-04-01", end: "2022-03-31" } },
  allocation: 1500000,
  reportingDate: "2021-03-31",
};

test("the saved reporting date, allocation, rules and programme are used, and the summary says so", async () => {
  const book = await withSettings("saved", JSON.stringify(SAVED));
  const r = await runCli([book]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Depot Programme: reporting date 31\/03\/2021 \(Q4 2020\/21\)/m);
  expect(r.stdout).toMatch(
    /^From the workbook's saved settings \(the add-in's; flags and --config win\): reporting date 31\/03\/2021, rules, allocation £1,500,000, programme name, programme start, programme end$/m,
  );
  expect(r.stdout).toMatch(/Budget against the £1,500,000 allocation/);
  // No "no --date given" note: the date came from the workbook.
  expect(r.stderr).not.toMatch(/no --date given/);
});

test("flags win over the saved settings, and only what the workbook gave is said", async () => {
  const book = await withSettings("flags", JSON.stringify(SAVED));
  const r = await runCli([book, "--date", "31/12/2020", "--allocation", "1200000", "--name", "ICT"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^ICT: reporting date 31\/12\/2020/m);
  expect(r.stdout).toMatch(/Budget against the £1,200,000 allocation/);
  expect(r.stdout).toMatch(/^From the workbook's saved settings .*: rules, programme start, programme end$/m);
});

test("a saved date outside the programme period gets the same warning as --date", async () => {
  const book = await withSettings("late", JSON.stringify({ ...SAVED, reportingDate: "2023-06-30" }));
  const r = await runCli([book, "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as JsonReport;
  expect(j.reportingDate).toBe("2023-06-30");
  const viaFlag = await runCli([sample, "--date", "2023-06-30"]);
  const warning = /Warning: (The reporting date 30\/06\/2023 is after the programme period[^\n]*)/.exec(
    viaFlag.stdout,
  )![1]!;
  const summary = await runCli([book]);
  expect(summary.stdout).toContain(warning);
});

test.each([
  ["not JSON", "{version: 1", /not valid JSON/],
  [
    "a bad date",
    JSON.stringify({ ...SAVED, reportingDate: "31/03/2021" }),
    /saved reporting date "31\/03\/2021"/,
  ],
  ["a newer version", JSON.stringify({ ...SAVED, version: 9 }), /version 9, newer than/],
])("unreadable settings (%s) are not used, with a warning naming the setting", async (_, value, problem) => {
  const book = await withSettings(`bad-${_.replace(/\W/g, "")}`, value);
  const r = await runCli([book, "--json"]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    /warning: the add-in's saved setting "programmeRag.settings" \(xl\/webextensions\/webextension1.xml\) was not used/,
  );
  expect(r.stderr).toMatch(problem);
  const j = JSON.parse(r.stdout) as JsonReport;
  // The defaults apply: none of it half-used.
  expect(j.allocation).toBe(1200000);
  expect(j.issues.some((i) => /programmeRag.settings/.test(i.message))).toBe(true);
});
