/**
 * The lint gate refuses an import that ARCHITECTURE.md's "may use" table forbids, an import cycle, a bare
 * `/ 100` or `* 100` outside money.ts / percent.ts and Excel's date epoch outside dates.ts. The files are linted
 * as text under the paths they would have (nothing is written into src/), in one ESLint process.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");

interface Case {
  filePath: string;
  code: string;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
}

const LINT = `
const { ESLint } = require("eslint");
const cases = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

function lint(cases: Case[]): LintMessage[][] {
  const out = execFileSync(process.execPath, ["-e", LINT, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return JSON.parse(out) as LintMessage[][];
}

const rules = (messages: LintMessage[]): string[] => messages.map((m) => m.ruleId ?? "");

describe("lint import zones and cycles", () => {
  const [pane, cli, component, entry, app, cycle, ...rest] = lint([
    // The task pane may not use the file adapter (it runs in a browser).
    {
      filePath: "src/taskpane/state/forbidden.ts",
      code: 'import { loadWorkbook } from "../../adapters/file/read/read-workbook";\nexport const f = loadWorkbook;\n',
    },
    // The CLI may not use the Office adapter.
    {
      filePath: "src/cli/forbidden.ts",
      code: 'import { createOfficeOperations } from "../adapters/office/operations";\nexport const f = createOfficeOperations;\n',
    },
    // A component may not create the Office adapter: only the pane's entry point does.
    {
      filePath: "src/taskpane/components/Forbidden.tsx",
      code: 'import { createOfficeOperations } from "../../adapters/office/operations";\nexport const f = createOfficeOperations;\n',
    },
    {
      filePath: "src/taskpane/index.tsx",
      code: 'import { createOfficeOperations } from "../adapters/office/operations";\nexport const f = createOfficeOperations;\n',
    },
    // src/app uses engine types only.
    {
      filePath: "src/app/forbidden.ts",
      code: 'import { analyse } from "../engine/analyse";\nexport const f = analyse;\n',
    },
    // money.ts importing the engine's index, which imports money.ts: a cycle.
    {
      filePath: "src/engine/money.ts",
      code: 'import { pence } from "./index";\nexport const f = pence;\n',
    },
    // Money and percents: bare hundreds only in money.ts and percent.ts.
    { filePath: "src/engine/json.ts", code: "export const pounds = (p: number): number => p / 100;\n" },
    {
      filePath: "src/taskpane/state/form.ts",
      code: "export const pence = (pounds: number): number => 100 * pounds;\n",
    },
    { filePath: "src/engine/money.ts", code: "export const pounds = (p: number): number => p / 100;\n" },
    // The date epoch only in dates.ts.
    {
      filePath: "src/adapters/file/x.ts",
      code: "export const offset = (d1904: boolean): number => (d1904 ? 24107 : 25569);\n",
    },
    {
      filePath: "scripts/x.ts",
      code: 'export const epoch = new Date(Date.UTC(1899, 11, 30));\nexport const iso = "1899-12-30";\n',
    },
    { filePath: "src/engine/dates.ts", code: "export const EXCEL_EPOCH_OFFSET = 25569;\n" },
    // Scripts and tools never import tests/ (the preview's harness server lives in tools/).
    {
      filePath: "scripts/forbidden.ts",
      code: 'import { openSession } from "../tests/e2e/harness/session";\nexport const f = openSession;\n',
    },
    {
      filePath: "tools/excel-sim/harness/forbidden.ts",
      code: 'import { runCli } from "../../../tests/cli/run-cli";\nexport const f = runCli;\n',
    },
    {
      filePath: "scripts/allowed.ts",
      code: 'import { startHarness } from "../tools/excel-sim/harness/server";\nexport const f = startHarness;\n',
    },
  ]);
  const [jsonHundred, formHundred, moneyHundred, adapterEpoch, scriptEpoch, datesEpoch, ...outside] = rest;
  const [scriptTests, toolTests, scriptTools] = outside;

  it("refuses a layer importing what its row of the table does not list", () => {
    expect(rules(pane!)).toContain("import-x/no-restricted-paths");
    expect(rules(cli!)).toContain("import-x/no-restricted-paths");
    expect(rules(component!)).toContain("import-x/no-restricted-paths");
    expect(rules(app!)).toContain("@typescript-eslint/no-restricted-imports");
  });

  it("refuses scripts and tools importing tests/, and lets scripts use tools/", () => {
    expect(rules(scriptTests!)).toContain("import-x/no-restricted-paths");
    expect(rules(toolTests!)).toContain("import-x/no-restricted-paths");
    expect(scriptTools).toEqual([]);
  });

  it("lets the pane's entry point create the Office adapter", () => {
    expect(entry).toEqual([]);
  });

  it("refuses an import cycle", () => {
    expect(rules(cycle!)).toContain("import-x/no-cycle");
  });

  it("keeps bare hundreds in money.ts (and percent.ts) and Excel's epoch in dates.ts", () => {
    expect(rules(jsonHundred!)).toEqual(["no-restricted-syntax"]);
    expect(rules(formHundred!)).toEqual(["no-restricted-syntax"]);
    expect(moneyHundred).toEqual([]);
    expect(rules(adapterEpoch!)).toEqual(["no-restricted-syntax", "no-restricted-syntax"]);
    expect(rules(scriptEpoch!)).toEqual(["no-restricted-syntax", "no-restricted-syntax"]);
    expect(datesEpoch).toEqual([]);
  });
});
