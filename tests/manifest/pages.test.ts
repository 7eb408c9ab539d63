/**
 * What the add-in's pages promise before any build: every page carries a Content-Security-Policy that lets
 * scripts come only from the add-in's own origin and Microsoft's office.js CDN (no inline script, no eval), the
 * plain-ES5 files parse as ES5 (so Trident can run them), and the ribbon's tooltip says what Refresh RAG does.
 * The built files are checked the same way in tests/e2e/bundle.e2e.test.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "acorn";
import { MANIFEST, ROOT } from "./helpers";
import { cspOf, scriptSources } from "../support/csp";

const PAGES = [
  "src/taskpane/taskpane.html",
  "src/commands/commands.html",
  "src/support/support.html",
  "src/static/notice.html",
];
const STATIC = path.join(ROOT, "src", "static");

describe.each(PAGES)("%s", (page) => {
  const html = readFileSync(path.join(ROOT, page), "utf8");

  test("allows scripts only from the add-in's origin and Microsoft's office.js CDN, without eval", () => {
    const csp = cspOf(html);
    expect(csp).not.toBeNull();
    expect(csp!.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp!.get("object-src")).toEqual(["'none'"]);
    expect(csp!.get("base-uri")).toEqual(["'self'"]);
    expect(html).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  test("has no inline script the policy would block", () => {
    for (const src of scriptSources(html)) expect(src).not.toBe("inline");
  });
});

test("the office.js pages check support (ES5) right after office.js", () => {
  for (const page of ["src/taskpane/taskpane.html", "src/commands/commands.html"]) {
    const sources = scriptSources(readFileSync(path.join(ROOT, page), "utf8"));
    expect(sources).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "check-support.js",
    ]);
  }
});

test.each(readdirSync(STATIC).filter((f) => f.endsWith(".js")))("src/static/%s parses as ES5", (file) => {
  const code = readFileSync(path.join(STATIC, file), "utf8");
  expect(() => parse(code, { ecmaVersion: 5 })).not.toThrow();
});

test("an ES2015 construct in a static file would be caught", () => {
  expect(() => parse("const a = () => 1;", { ecmaVersion: 5 })).toThrow();
});

test("the Refresh RAG tooltip says what it does: the RAG column, with the saved rules and date, and the Change Log", () => {
  const tip = /<bt:String id="RefreshButton.Tooltip" DefaultValue="([^"]*)"/.exec(MANIFEST)?.[1] ?? "";
  expect(tip.length).toBeLessThanOrEqual(250); // Office's limit for a LongStrings resource
  expect(tip).toMatch(/RAG column/);
  expect(tip).toMatch(/reporting date saved in the workbook/);
  expect(tip).toMatch(/Change Log/);
  // It writes no highlight sheets (that is the pane's Build highlight report).
  expect(tip).not.toMatch(/highlight/i);
});
