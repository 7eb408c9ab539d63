/**
 * The lint gate refuses an import that ARCHITECTURE.md's "may use" table forbids, and an import cycle. The files
 * are linted as text under the paths they would have (nothing is written into src/), in one ESLint process.
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
  const [pane, cli, component, entry, app, cycle] = lint([
    // The task pane may not use the file adapter (it runs in a browser).
    {
      filePath: "src/taskpane/state/forbidden.ts",
      code: 'import { readWorkbookFile } from "../../adapters/node/read-workbook";\nexport const f = readWorkbookFile;\n',
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
  ]);

  it("refuses a layer importing what its row of the table does not list", () => {
    expect(rules(pane!)).toContain("import-x/no-restricted-paths");
    expect(rules(cli!)).toContain("import-x/no-restricted-paths");
    expect(rules(component!)).toContain("import-x/no-restricted-paths");
    expect(rules(app!)).toContain("@typescript-eslint/no-restricted-imports");
  });

  it("lets the pane's entry point create the Office adapter", () => {
    expect(entry).toEqual([]);
  });

  it("refuses an import cycle", () => {
    expect(rules(cycle!)).toContain("import-x/no-cycle");
  });
});
