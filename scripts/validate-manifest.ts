// npm run validate:manifest [-- path/to/manifest.xml] [--base-url https://host/]
// Checks a manifest offline: Microsoft's XSDs (tests/fixtures/manifest-schemas) through xmllint-wasm, then the
// project cross-checks in manifest-checks.ts. --base-url checks a built manifest (dist/manifest.xml) against
// the production URL it was rewritten to. Exits 1 when anything is wrong.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { crossCheckManifest, loadProjectFacts, validateManifestSchema } from "./manifest-checks";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { "base-url": { type: "string" } },
    allowPositionals: true,
  });
  const rootDir = path.resolve(__dirname, "..");
  const manifestPath = path.resolve(positionals[0] ?? path.join(rootDir, "manifest.xml"));
  const schemaDir = path.join(rootDir, "tests", "fixtures", "manifest-schemas");
  const shown = path.relative(process.cwd(), manifestPath) || manifestPath;

  const xml = readFileSync(manifestPath, "utf8");
  const facts = await loadProjectFacts(rootDir);
  const baseUrl = values["base-url"] ?? facts.baseUrl;
  const issues = [
    ...(await validateManifestSchema(xml, schemaDir)),
    ...crossCheckManifest(xml, { ...facts, baseUrl }),
  ];
  if (issues.length === 0) {
    console.log(
      `${shown}: valid against the Office add-in XSDs, and consistent with the project (URLs under ${baseUrl}).`,
    );
    return 0;
  }
  for (const issue of issues) {
    console.error(`${shown}:${issue.line ?? "?"}: [${issue.rule}] ${issue.message}`);
  }
  console.error(`${issues.length} problem(s) found.`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
