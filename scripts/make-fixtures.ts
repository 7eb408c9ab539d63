/**
 * Rebuilds the council-style test files in tests/fixtures/council/ (see the README there).
 *
 *     npx tsx scripts/make-fixtures.ts
 *
 * Deterministic: rebuilding without changing scripts/sample/council-fixtures.ts gives the same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { COUNCIL_FIXTURES } from "./sample/council-fixtures";

async function main(): Promise<void> {
  const dir = resolve(__dirname, "..", "tests", "fixtures", "council");
  mkdirSync(dir, { recursive: true });
  for (const f of COUNCIL_FIXTURES) {
    const bytes = await f.bytes();
    writeFileSync(join(dir, f.file), bytes);
    console.log(`wrote ${join(dir, f.file)} (${bytes.length} bytes)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
