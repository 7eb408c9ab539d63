#!/usr/bin/env node
// Sizes of the add-in's production bundles (raw and gzip), after `npm run build`. With --check it fails when the
// task pane's JavaScript is over its budget: 210 KB gzip (Fluent UI v9 task panes come in near 100-160 KB; the
// engine runs in the pane, and issues 12 and 13 brought the milestone, risk register and year readers and report
// sections, 179 -> 203 KB).
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { gzipSync } = require("node:zlib");

const BUDGET_GZIP = 210 * 1024;
const dist = join(__dirname, "..", "dist");
let files;
try {
  files = readdirSync(dist).filter((f) => f.endsWith(".js"));
} catch {
  console.error("bundle-size: no dist/ folder; run `npm run build` first");
  process.exit(1);
}
const rows = files.map((f) => {
  const data = readFileSync(join(dist, f));
  return { file: f, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("| file | raw | gzip |\n|---|---:|---:|");
for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
const pane = rows.filter((r) => r.file.startsWith("taskpane")).reduce((n, r) => n + r.gzip, 0);
console.log(`\nTask pane JavaScript: ${kb(pane)} gzip (budget ${kb(BUDGET_GZIP)}).`);
if (process.argv.includes("--check") && pane > BUDGET_GZIP) {
  console.error(`bundle-size: the task pane is over its budget (${kb(pane)} > ${kb(BUDGET_GZIP)} gzip)`);
  process.exit(1);
}
