/**
 * European Excel writes CSV with semicolons because the comma is its decimal mark: such a file's numbers are read
 * with a decimal comma, never silently as a much smaller amount ("5.000" is five thousand, not five).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromDecimalComma, usesDecimalComma } from "../../src/adapters/file/read/read-workbook";
import type { JsonReport } from "../../src/engine/json";
import { runCli } from "./run-cli";

describe("fromDecimalComma", () => {
  test.each([
    ["10.000,00", "10000.00"],
    ["5.000", "5000"],
    ["-1.234,5", "-1234.5"],
    ["(1.000)", "(1000)"],
    ["12,5%", "12.5%"],
    ["€ 1.200,00", "€ 1200.00"],
    ["1 200,50", "1200.50"],
    ["£45,5", "£45.5"],
  ])("%s → %s", (from, to) => expect(fromDecimalComma(from)).toBe(to));

  test.each(["31.12.2020", "2020", "45", "Core network", "FB01", "1.5", "12.34.56", ""])(
    "%s is left as it is",
    (text) => expect(fromDecimalComma(text)).toBe(text),
  );
});

test("a semicolon CSV's amounts are read with a decimal comma, and the CLI says so once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "programme-rag-semicolon-"));
  const path = join(dir, "programme.csv");
  writeFileSync(
    path,
    [
      "Ref;Project;Owner;Budget (£);Spend to date (£);Forecast outturn (£);Target date",
      'A1;Laptops;Sam;"10.000,00";5.000;"12.000,50";31.03.2021',
      "A2;Wi-Fi;Jo;2.500;1.250,75;2.500;30.06.2021",
    ].join("\r\n") + "\r\n",
    "utf8",
  );
  const r = await runCli([path, "--date", "2020-12-31", "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as JsonReport;
  expect(j.items.map((i) => [i.ref, i.budget, i.spent, i.forecast])).toEqual([
    ["A1", 10000, 5000, 12000.5],
    ["A2", 2500, 1250.75, 2500],
  ]);
  expect(j.items.map((i) => i.end)).toEqual(["2021-03-31", "2021-06-30"]);
  expect(r.stderr).toMatch(/separated by semicolons.*6 numbers were read that way/);
});

describe("usesDecimalComma: the file's own numbers decide", () => {
  test.each([
    [[["10.000,00", "5.000"]], true],
    [[["12,5", "8"]], true],
    [[["1.000.000"]], true],
    [[["1,234.56", "5.000"]], false],
    [[["12.50"]], false],
    [[["£8,500", "12000"]], false],
    [[["8,500", "12000"]], true],
  ])("%j → %s", (rows, expected) => expect(usesDecimalComma(rows)).toBe(expected));
});
