/**
 * A CSV whose lines all end in a bare carriage return (as classic Mac OS wrote them, and some exports still do)
 * is read as one with Windows or Unix line endings: its `sep=` first line names the separator, and without one
 * the separator is sniffed from the first line alone, not from the whole file as if it were one line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvDialect } from "../../src/adapters/file/read/read-workbook";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

// The rows' notes hold more commas than the file holds semicolons: only the first line says how it is separated.
const NOTES = "north, south, east, west, and the depots, stores, yards, halls";
const LINES = [
  "Ref;Project;Owner;Budget (£);Spend to date (£);Forecast outturn (£);Target date;Notes",
  `A1;Laptops, phase 1;Sam;"10.000,00";5.000;"12.000,50";31.03.2021;${NOTES}`,
  `A2;Wi-Fi, all sites;Jo;2,50;1,25;2,50;30.06.2021;${NOTES}`,
  `A3;Phones, all staff;Al;1.500,25;1.250,75;1.500,25;30.09.2021;${NOTES}`,
];

describe.each([
  ["\r", "CR (old Mac)"],
  ["\r\n", "CRLF (Windows)"],
  ["\n", "LF"],
])("line endings %j (%s)", (eol) => {
  test.each([
    ["with a sep=; first line", "sep=;" + eol],
    ["without one (sniffed)", ""],
  ])("a semicolon CSV %s reads every item with its decimal-comma amounts", async (_what, first) => {
    const dir = mkdtempSync(join(tmpdir(), "programme-rag-eol-"));
    const path = join(dir, "programme.csv");
    writeFileSync(path, first + LINES.join(eol) + eol, "utf8");
    const r = await runCli([path, "--date", "2020-12-31", "--json"]);
    expect(r.stderr).not.toMatch(/no header row/);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as JsonReport;
    expect(j.items.map((i) => [i.ref, i.name, i.budget, i.spent])).toEqual([
      ["A1", "Laptops, phase 1", 10000, 5000],
      ["A2", "Wi-Fi, all sites", 2.5, 1.25],
      ["A3", "Phones, all staff", 1500.25, 1250.75],
    ]);
  });
});

test.each(["\r", "\r\n", "\n"])(
  "csvDialect takes the sep= line off the body whatever its line ending (%j)",
  (eol) => {
    expect(csvDialect(`sep=;${eol}a;b${eol}1;2${eol}`)).toEqual({
      body: `a;b${eol}1;2${eol}`,
      delimiter: ";",
    });
    expect(csvDialect(`a;b${eol}"1,5";"2,5,6"${eol}3,1,1,1;4${eol}`).delimiter).toBe(";");
  },
);
