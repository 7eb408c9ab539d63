/**
 * The production build (dist/, from `npm run build`) as old Office webviews would receive it:
 * - every bundle parses as ES2017 (the newest syntax every webview that can host ExcelApi 1.9 parses), and the
 *   plain files that must also run in Trident (check-support.js, notice.js) parse as ES5;
 * - every page carries the Content-Security-Policy (scripts from 'self' and appsforoffice.microsoft.com only,
 *   no 'unsafe-eval'), and the pages' scripts all come from those places;
 * - nothing in the bundles needs eval: the one `new Function` is webpack's fallback for the global object
 *   (`__webpack_require__.g`, pulled in by @griffel/core's `typeof window === "undefined" ? global : window`),
 *   reached only where neither globalThis nor window exists, and inside a try/catch.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
import { cspOf, scriptSources } from "../support/csp";

const DIST = join(__dirname, "..", "..", "dist");
const ES5 = new Set(["check-support.js", "notice.js"]);

beforeAll(() => {
  if (!existsSync(join(DIST, "taskpane.html")))
    throw new Error("dist/ is missing: run `npm run build` first");
});

const jsFiles = () => readdirSync(DIST).filter((f) => f.endsWith(".js"));
const htmlFiles = () => readdirSync(DIST).filter((f) => f.endsWith(".html"));

test("the build has the pane and command bundles and the ES5 files", () => {
  const files = jsFiles();
  expect(files.some((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
  expect(files.some((f) => /^commands\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
  for (const f of ES5) expect(files).toContain(f);
});

test("every bundle parses as ES2017, and the Trident files as ES5", () => {
  for (const f of jsFiles()) {
    const code = readFileSync(join(DIST, f), "utf8");
    const ecmaVersion = ES5.has(f) ? 5 : 2017;
    expect(() => parse(code, { ecmaVersion, sourceType: "script" })).not.toThrow();
  }
});

test("the ES2017 check would catch newer syntax", () => {
  expect(() => parse("a?.b", { ecmaVersion: 2017 })).toThrow();
  expect(() => parse("x ??= 1", { ecmaVersion: 2017 })).toThrow();
  expect(() => parse("class A { x = 1 }", { ecmaVersion: 2017 })).toThrow();
  expect(() => parse("/(?<n>a)/", { ecmaVersion: 2017 })).toThrow();
});

test("every page carries the policy, and its scripts come only from the add-in's origin and office.js's CDN", () => {
  const pages = htmlFiles();
  expect(pages).toEqual(
    expect.arrayContaining(["taskpane.html", "commands.html", "support.html", "notice.html"]),
  );
  for (const page of pages) {
    const html = readFileSync(join(DIST, page), "utf8");
    const csp = cspOf(html);
    expect([page, csp?.get("script-src")]).toEqual([page, ["'self'", "https://appsforoffice.microsoft.com"]]);
    expect(html).not.toMatch(/unsafe-eval/);
    for (const src of scriptSources(html)) {
      expect([page, src]).toEqual([
        page,
        expect.stringMatching(
          /^(https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js|[\w.-]+\.js)$/,
        ),
      ]);
    }
  }
});

test("no bundle calls eval, and the only `new Function` is webpack's guarded global-object fallback", () => {
  for (const f of jsFiles()) {
    const code = readFileSync(join(DIST, f), "utf8");
    expect([f, /\beval\s*\(/.test(code)]).toEqual([f, false]);
    const uses = code.match(/new Function\(|\bFunction\(\s*["'`]/g) ?? [];
    if (uses.length === 0) continue;
    expect([f, uses.length]).toEqual([f, 1]);
    expect(code).toMatch(
      /"object"==typeof globalThis\)return globalThis;try\{return this\|\|new Function\("return this"\)\(\)\}catch/,
    );
  }
});
