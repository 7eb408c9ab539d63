// One lint gate for the whole project (`npm run lint`, zero warnings allowed).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

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
    rules: officeRules,
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...globals.browser } },
  },
);
