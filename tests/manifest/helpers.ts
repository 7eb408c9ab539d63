import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SCHEMA_DIR = path.join(ROOT, "tests", "fixtures", "manifest-schemas");
export const MANIFEST = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

/** Replaces text that must occur exactly once, so a mutation that no longer applies fails loudly. */
export function replaceOnce(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one "${from}" in the manifest, found ${count}`);
  return text.replace(from, to);
}
