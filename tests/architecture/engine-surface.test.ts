/**
 * The engine's public surface (src/engine/index.ts) is what the layers built on it use: every name that code
 * outside src/engine/ imports from the engine must be one that index.ts exports, whichever engine module the import
 * names. A new import of an engine internal fails here until index.ts lists it.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "../..");
const ENGINE = join(ROOT, "src", "engine");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
}

/** The names index.ts exports (every `export { … } from` / `export type { … } from` list). */
function surface(): Set<string> {
  const names = new Set<string>();
  for (const statement of parse(join(ENGINE, "index.ts")).statements) {
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    }
  }
  return names;
}

interface EngineImport {
  file: string;
  module: string;
  name: string;
}

/** Every name imported from an engine module by a file outside src/engine/. */
function engineImports(): EngineImport[] {
  const found: EngineImport[] = [];
  const files = sourceFiles(join(ROOT, "src")).filter((file) => !file.startsWith(ENGINE + "/"));
  for (const file of files) {
    for (const statement of parse(file).statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier.text);
      if (target !== ENGINE && !target.startsWith(ENGINE + "/")) continue;
      const where = { file: relative(ROOT, file), module: relative(ROOT, target) };
      const names: string[] = [];
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        if (clause?.name) names.push("default");
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push("*");
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
        }
      } else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          names.push((element.propertyName ?? element.name).text);
        }
      } else {
        names.push("*");
      }
      for (const name of names) found.push({ ...where, name });
    }
  }
  return found;
}

describe("the engine's public surface", () => {
  it("lists every engine name the adapters, the CLI, src/app, the commands and the pane import", () => {
    const exported = surface();
    const imports = engineImports();
    // The scan finds the layers' imports (a scan that found nothing would pass vacuously).
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.map((i) => i.file)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^src\/adapters\/office\//),
        expect.stringMatching(/^src\/cli\//),
        expect.stringMatching(/^src\/taskpane\//),
      ]),
    );
    const outside = imports
      .filter((i) => !exported.has(i.name))
      .map((i) => `${i.file}: ${i.name} from ${i.module}`);
    expect(outside).toEqual([]);
  });

  it("holds nothing that no layer uses", () => {
    const used = new Set(engineImports().map((i) => i.name));
    const unused = [...surface()].filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});
