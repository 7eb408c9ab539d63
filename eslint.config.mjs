// One lint gate for the whole project (`npm run lint`, zero warnings allowed).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import { importX, createNodeResolver } from "eslint-plugin-import-x";

// ARCHITECTURE.md's "may use" table, row by row, as import zones (import-x/no-restricted-paths: `target` is the
// folder being linted, `from` what it may not import).
const FILE_ADAPTER = ["./src/adapters/file"];
const zone = (target, from, message, except) => ({ target, from, message, except });
const layerZones = [
  zone(
    "./src",
    ["./tests", "./scripts", "./bench", "./tools"],
    "Shipped code never imports tests, scripts or tools.",
  ),
  zone("./src/engine", "./src", "The engine uses nothing outside itself (ARCHITECTURE.md).", ["./engine"]),
  zone(
    "./src/app",
    ["./src/adapters", "./src/cli", "./src/taskpane", "./src/commands"],
    "src/app uses engine types only.",
  ),
  zone(
    "./src/adapters/office",
    [...FILE_ADAPTER, "./src/cli", "./src/taskpane", "./src/commands"],
    "The Office adapter uses the engine and src/app only.",
  ),
  ...FILE_ADAPTER.map((folder) =>
    zone(
      folder,
      ["./src/adapters/office", "./src/app", "./src/cli", "./src/taskpane", "./src/commands"],
      "The file adapter uses the engine, Node and its file libraries only.",
    ),
  ),
  zone(
    "./src/cli",
    ["./src/adapters/office", "./src/app", "./src/taskpane", "./src/commands"],
    "The CLI uses the engine and the file adapter only.",
  ),
  zone(
    "./src/taskpane",
    [...FILE_ADAPTER, "./src/cli", "./src/commands"],
    "The task pane uses the engine and src/app only.",
  ),
  // Only the pane's entry point creates the Office operations; components and state get them through context.
  zone(
    ["./src/taskpane/components", "./src/taskpane/state", "./src/taskpane/!(index).{ts,tsx}"],
    "./src/adapters/office",
    "Components receive WorkbookOperations; only src/taskpane/index.tsx creates the Office adapter.",
  ),
  zone(
    "./src/commands",
    [...FILE_ADAPTER, "./src/cli", "./src/taskpane"],
    "The ribbon commands use the Office adapter, src/app and the engine only.",
  ),
].map(({ target, from, message, except }) => ({ target, from, message, ...(except ? { except } : {}) }));

// Money crosses pounds and pence only in money.ts; other percent maths goes through percent.ts's named helpers
// (lint cannot see which numbers are money, so every bare `* 100` / `/ 100` elsewhere must say which it is).
const hundredRules = [
  {
    selector: "BinaryExpression[operator=/^[*/]$/][right.type='Literal'][right.value=100]",
    message:
      "No bare `* 100` / `/ 100`: money goes through money.ts (toPounds, penceFromPounds, percentOf), other percents through percent.ts.",
  },
  {
    selector: "BinaryExpression[operator='*'][left.type='Literal'][left.value=100]",
    message: "No bare `100 *`: money goes through money.ts, other percents through percent.ts.",
  },
  {
    selector: "AssignmentExpression[operator=/^[*/]=$/][right.type='Literal'][right.value=100]",
    message: "No bare `*= 100` / `/= 100`: money goes through money.ts, other percents through percent.ts.",
  },
];
// The Excel date epoch and the 1900/1904 offsets live in dates.ts only.
const epochRules = [
  {
    selector: "Literal[value=25569], Literal[value=24107], Literal[value=1462]",
    message: "Excel's date epoch lives in src/engine/dates.ts: use its serial/day conversions.",
  },
  {
    selector: "Literal[value=/^1899-12-3[01]|^1904-01-0[12]/]",
    message: "Excel's date epoch lives in src/engine/dates.ts: use its serial/day conversions.",
  },
  {
    selector: [1899, 1904]
      .map(
        (year) =>
          `CallExpression[callee.object.name='Date'][callee.property.name='UTC'][arguments.0.value=${year}], NewExpression[callee.name='Date'][arguments.0.value=${year}]`,
      )
      .join(", "),
    message: "Excel's date epoch lives in src/engine/dates.ts: use its serial/day conversions.",
  },
];

const officeRules = {
  "office-addins/call-sync-after-load": "error",
  "office-addins/call-sync-before-read": "error",
  "office-addins/load-object-before-read": "error",
  "office-addins/no-context-sync-in-loop": "error",
  "office-addins/no-empty-load": "error",
  "office-addins/test-for-null-using-isNullObject": "error",
};

export default tseslint.config(
  {
    ignores: ["node_modules/**", "dist/**", "out/**", "coverage/**", "test-results/**", "tests/fixtures/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
    },
  },
  // Layers and cycles. import-x resolves each relative import to its file (Node's resolution with the TypeScript
  // extensions) and no-cycle follows imports across src/ only (type-only imports do not count: they vanish at build).
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: layerZones }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  // Scripts, benchmarks and the simulated Excel (npm run preview, npm run bench) never import tests/: what they
  // share with the tests lives in tools/ (the e2e harness's server and pages in tools/excel-sim/harness/).
  {
    files: ["scripts/**/*.ts", "bench/**/*.ts", "tools/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./scripts", "./bench", "./tools"],
              from: "./tests",
              message: "Scripts, benchmarks and tools never import tests/: move what they share into tools/.",
            },
          ],
        },
      ],
    },
  },
  // Money and the date epoch each in one module. Shipped code, scripts and benchmarks; tests (independent
  // oracles) and the simulated Excel (which models Excel's own serials) work them out for themselves.
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/engine/money.ts", "src/engine/percent.ts", "src/engine/dates.ts"],
    rules: { "no-restricted-syntax": ["error", ...hundredRules, ...epochRules] },
  },
  {
    files: ["src/engine/money.ts", "src/engine/percent.ts"],
    rules: { "no-restricted-syntax": ["error", ...epochRules] },
  },
  {
    files: ["src/engine/dates.ts"],
    rules: { "no-restricted-syntax": ["error", ...hundredRules] },
  },
  {
    files: ["scripts/**/*.ts", "bench/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...epochRules] },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  // Plain ES5 browser scripts (they must run in Trident): ES5 parsing catches any newer syntax.
  {
    files: ["src/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: "script",
      globals: { ...globals.browser, Office: "readonly" },
    },
    rules: { "no-var": "off", "@typescript-eslint/no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  // The engine is pure: no Office.js, no DOM, no Node APIs, no spreadsheet libraries.
  {
    files: ["src/engine/**/*.ts"],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "node:*",
                "fs",
                "path",
                "os",
                "child_process",
                "stream",
                "util",
                "buffer",
                "crypto",
                "url",
              ],
              message: "src/engine must stay pure: no Node APIs. Put I/O in an adapter or src/cli.",
            },
            {
              group: [
                "exceljs",
                "csv-parse",
                "csv-parse/*",
                "react",
                "react-dom",
                "@fluentui/*",
                "office-js",
              ],
              message: "src/engine must stay pure: no spreadsheet, UI or Office libraries.",
            },
            {
              group: ["**/adapters/**", "**/taskpane/**", "**/commands/**", "**/cli/**"],
              message: "src/engine must not depend on the layers built on it.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Excel", message: "No Office.js in the engine." },
        { name: "Office", message: "No Office.js in the engine." },
        { name: "OfficeExtension", message: "No Office.js in the engine." },
        { name: "window", message: "No DOM in the engine." },
        { name: "document", message: "No DOM in the engine." },
        { name: "process", message: "No Node APIs in the engine." },
        { name: "require", message: "No Node APIs in the engine." },
        { name: "Buffer", message: "No Node APIs in the engine." },
        { name: "__dirname", message: "No Node APIs in the engine." },
      ],
    },
  },
  // Office.js belongs to the Office adapter and the ribbon commands only.
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-globals": [
        "error",
        {
          name: "Excel",
          message: "Components receive operations as props; Excel.run lives in src/adapters/office.",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["exceljs", "node:*", "fs", "path"], message: "The task pane runs in a browser." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/adapters/office/**/*.ts", "src/commands/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "office-addins": officeAddins },
    rules: {
      ...officeRules,
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "exceljs", "jszip", "saxes", "csv-parse", "csv-parse/*"],
              message: "The Office adapter and the ribbon run in Excel's webview: no Node or file libraries.",
            },
          ],
        },
      ],
    },
  },
  // src/app states what the pane may ask of a workbook: it uses the engine's types, never its code.
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/engine", "**/engine/**"],
              allowTypeImports: true,
              message: "src/app uses engine types only (import type).",
            },
            { group: ["node:*", "exceljs", "react", "@fluentui/*"], message: "src/app is host-neutral." },
          ],
        },
      ],
    },
  },
  // The file adapter and the CLI run in Node: no UI or Office libraries.
  {
    files: ["src/adapters/file/**/*.ts", "src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "react-dom/*", "@fluentui/*", "office-js"],
              message: "The file adapter and the CLI have no UI and no Office.js.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...globals.browser } },
  },
  // The simulated Excel (used by the tests, `npm run preview` and the benchmarks).
  {
    files: ["tools/**/*.ts"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
