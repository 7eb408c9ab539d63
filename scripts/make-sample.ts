/**
 * Rebuilds samples/ict-strategy-programme.xlsx, the workbook `npm run demo` runs on.
 *
 *     npm run make:sample
 *
 * The builder is scripts/sample/sample-workbook.ts (buildSampleWorkbook); the rows and the story they tell at
 * 31/12/2020 are in scripts/sample/sample-data.ts and samples/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { buildSampleWorkbook } from "./sample/sample-workbook";
import { xlsxBytes } from "./sample/xlsx-helpers";

async function main(): Promise<void> {
  const out = resolve(__dirname, "..", "samples", "ict-strategy-programme.xlsx");
  mkdirSync(dirname(out), { recursive: true });
  const bytes = await xlsxBytes(buildSampleWorkbook());
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
