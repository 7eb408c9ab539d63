/**
 * The engine's CPU time (user + system, from process.cpuUsage) over generated programmes: on a shared machine
 * whose load varies, CPU time moves less than wall time. `npx tsx bench/engine-cpu.ts [root]` measures the
 * engine under `root` (default this checkout), so two checkouts can be compared on the same load.
 *
 * Two measurements: the engine as tsx runs it (esbuild file by file with keep-names, which wraps closures), and
 * the engine as shipped: the CLI runs tsc's output and the pane webpack's (esbuild-loader), neither keeping
 * names. The second bundles `root`'s src/engine with esbuild (target ES2021, as tsconfig.json) and runs it in a
 * fresh node, so the two heaps do not meet. `BENCH_ENGINE=tsx` or `shipped` runs one only;
 * `BENCH_ENGINE_SIZES=100000` chooses the sizes; `BENCH_NODE_ARGS="--cpu-prof"` is passed to the bundled run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type * as Esbuild from "esbuild";
import type * as Analyse from "../src/engine/analyse";
import type * as Dates from "../src/engine/dates";
import type * as Generate from "./generate";
import { measureEngine } from "./engine-loop";

const root = resolve(process.argv[2] ?? resolve(__dirname, ".."));
const which = process.env.BENCH_ENGINE ?? "both";

if (which === "both" || which === "tsx") {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { analyse } = require(`${root}/src/engine/analyse`) as typeof Analyse;
  const { benchGrid } = require(`${root}/bench/generate`) as typeof Generate;
  const { parseIsoDay } = require(`${root}/src/engine/dates`) as typeof Dates;
  /* eslint-enable @typescript-eslint/no-require-imports */
  measureEngine(analyse, benchGrid, parseIsoDay, `tsx, ${root}`);
}

if (which === "both" || which === "shipped") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require("esbuild") as typeof Esbuild;
  const dir = mkdtempSync(join(tmpdir(), "engine-cpu-"));
  try {
    const out = join(dir, "engine.js");
    const entry = [
      `import { analyse } from ${JSON.stringify(`${root}/src/engine/analyse`)};`,
      `import { benchGrid } from ${JSON.stringify(`${root}/bench/generate`)};`,
      `import { parseIsoDay } from ${JSON.stringify(`${root}/src/engine/dates`)};`,
      `import { measureEngine } from ${JSON.stringify(join(__dirname, "engine-loop"))};`,
      `measureEngine(analyse, benchGrid, parseIsoDay, ${JSON.stringify(`shipped (esbuild bundle), ${root}`)});`,
    ].join("\n");
    esbuild.buildSync({
      stdin: { contents: entry, resolveDir: root, loader: "ts" },
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "es2021",
      keepNames: false,
      outfile: out,
      logLevel: "error",
    });
    const args = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    process.stdout.write(execFileSync(process.execPath, [...args, out], { encoding: "utf8" }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
