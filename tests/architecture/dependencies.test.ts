/**
 * What the shipped code needs is what package.json's `dependencies` lists: every package that src/ imports (the
 * add-in and the CLI) is a dependency, and every dependency is imported by src/. Packages only the scripts, the
 * tools and the tests use (exceljs builds fixtures and the sample) are devDependencies, so the CLI's install does
 * not carry them.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The package a bare specifier names: "@fluentui/react-components/x" → "@fluentui/react-components". */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/")) return null;
  if (specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!)) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Packages imported by src/ at run time (type-only imports carry nothing into the build). */
function importedBySrc(): Set<string> {
  const found = new Set<string>();
  for (const path of sourceFiles(join(ROOT, "src"))) {
    const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      let specifier: string | null = null;
      if (
        ts.isImportDeclaration(node) &&
        !node.importClause?.isTypeOnly &&
        ts.isStringLiteral(node.moduleSpecifier)
      )
        specifier = node.moduleSpecifier.text;
      else if (
        ts.isExportDeclaration(node) &&
        !node.isTypeOnly &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      )
        specifier = node.moduleSpecifier.text;
      else if (
        ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
        node.arguments.length === 1 &&
        ts.isStringLiteral(node.arguments[0]!)
      )
        specifier = node.arguments[0].text;
      const pkg = specifier === null ? null : packageOf(specifier);
      if (pkg) found.add(pkg);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

test("every package the add-in or the CLI imports is a dependency, and every dependency is imported", () => {
  const imported = [...importedBySrc()].sort();
  expect(imported).toEqual(Object.keys(pkg.dependencies).sort());
});

test("the fixture and sample builder exceljs is a devDependency, and the shipped code never imports it", () => {
  expect(pkg.devDependencies).toHaveProperty("exceljs");
  expect(pkg.dependencies).not.toHaveProperty("exceljs");
  expect(importedBySrc().has("exceljs")).toBe(false);
});
