/**
 * npm run bench big-sheets: the command line on the sample with its ignored "Notes" sheet replaced by a big one
 * (rows × 10 numbers), this tree beside /work/base (main) when it is there, rounds alternating, CPU time of each
 * child process (user + system, from /usr/bin/time) and its peak memory. Both run from source through tsx.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";

const root = join(__dirname, "..");
const BASE = process.env.BENCH_BASE ?? "/work/base";
const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';

async function workbook(rows: number, path: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(join(root, "samples", "ict-strategy-programme.xlsx")));
  const parts = [HEAD];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < 10; c++) row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r * 10 + c}</v></c>`;
    parts.push(row + "</row>");
  }
  parts.push("</sheetData></worksheet>");
  zip.file("xl/worksheets/sheet3.xml", parts.join(""));
  writeFileSync(
    path,
    await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } }),
  );
}

function cpuOf(tree: string, input: string, out: string): { cpu: number; mb: number; code: number } {
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%U %S %M",
      join(tree, "node_modules", ".bin", "tsx"),
      join(tree, "src", "cli", "main.ts"),
      input,
      "--date",
      "2020-12-31",
      "--out",
      out,
    ],
    { encoding: "utf8", cwd: tree },
  );
  const last = r.stderr.trim().split("\n").pop()!.split(" ");
  return { cpu: Number(last[0]) + Number(last[1]), mb: Number(last[2]) / 1024, code: r.status ?? -1 };
}

export async function bigSheetsBench(
  rows = Number(process.env.BENCH_ROWS ?? 200_000),
  rounds = 3,
): Promise<void> {
  if (!existsSync("/usr/bin/time")) return console.log("\n(big-sheets: /usr/bin/time is not there)");
  const dir = mkdtempSync(join(tmpdir(), "bench-big-"));
  try {
    const input = join(dir, "big.xlsx");
    await workbook(rows, input);
    console.log(
      `\n## An ignored ${rows.toLocaleString("en-GB")} × 10 sheet, CLI --out, CPU s (peak MB), load ${loadavg()[0]!.toFixed(2)}`,
    );
    const trees: [string, string][] = [["this tree", root]];
    if (existsSync(join(BASE, "src", "cli", "main.ts"))) trees.push(["main (" + BASE + ")", BASE]);
    for (let i = 0; i < rounds; i++)
      for (const [label, tree] of trees) {
        const m = cpuOf(tree, input, join(dir, "out.xlsx"));
        console.log(
          `| ${label} | round ${i + 1} | ${m.cpu.toFixed(2)} s | ${m.mb.toFixed(0)} MB | exit ${m.code} |`,
        );
      }
    console.log(`load after: ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void bigSheetsBench();
