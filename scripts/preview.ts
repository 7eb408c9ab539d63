/**
 * `npm run preview`: try the add-in without Excel. Serves the production task pane on Microsoft's office.js
 * with a simulated Excel host (the harness the browser tests use too, tools/excel-sim/harness/) over a workbook in memory, and a
 * page that shows the pane beside that workbook's sheets as tables, redrawn as the pane writes them.
 *
 *   npm run preview                          the bundled sample, http://127.0.0.1:3100/
 *   npm run preview -- my-programme.xlsx     another workbook (it is read, never written: the copy is in memory)
 *   npm run preview -- --port 8080 --host 0.0.0.0 --no-build
 *
 * Builds the add-in first when dist/ is missing or older than src/ (npm run build), unless --no-build.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { workbookModelFromXlsx } from "../tools/excel-sim/excel-model/xlsx";
import { DEFAULT_DIST, REPO_ROOT, startHarness, staleBuildWarning } from "../tools/excel-sim/harness/server";

const USAGE = "usage: npm run preview -- [workbook.xlsx] [--port N] [--host ADDRESS] [--no-build]";

function parse(argv: string[]): { file: string; port: number; host: string; build: boolean } {
  let file = join(REPO_ROOT, "samples/ict-strategy-programme.xlsx");
  let port = 3100;
  let host = "127.0.0.1";
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--port") port = Number(argv[++i]);
    else if (a === "--host") host = argv[++i] ?? "";
    else if (a === "--no-build") build = false;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("-")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else file = resolve(a);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0-65535\n${USAGE}`);
  if (!host) throw new Error(`--host: expected an address\n${USAGE}`);
  return { file, port, host, build };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (!existsSync(args.file)) throw new Error(`${args.file}: no such file`);
  const missing = !existsSync(join(DEFAULT_DIST, "taskpane.html"));
  const stale = missing ? "dist/ is missing" : staleBuildWarning(DEFAULT_DIST);
  if (stale && args.build) {
    console.log(`${stale}: building the add-in (npm run build)…`);
    const built = spawnSync("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  } else if (stale) {
    console.warn(`warning: ${stale}`);
  }
  const model = await workbookModelFromXlsx(args.file);
  const harness = await startHarness({ model, port: args.port, hostname: args.host });
  console.log(`Programme RAG preview: ${harness.previewUrl()}`);
  console.log(`  the task pane on Microsoft's office.js, with a simulated Excel holding ${args.file}`);
  console.log(`  (in memory: the file is never written). The pane alone: ${harness.paneUrl()}`);
  console.log("  Ctrl+C stops it.");
  const stop = () => {
    void harness.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`preview: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
