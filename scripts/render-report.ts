/**
 * Draws docs/images/highlight-report.png: page 1 of the "Highlight Report" sheet as LibreOffice prints it
 * (npm run render:report). Needs LibreOffice Calc and poppler-utils; `npm run demo` does not use it.
 *
 *   CLI on the sample (--date 2020-12-31, a fixed clock) -> .xlsx
 *   -> a copy with every other sheet hidden (so the footer reads "Page 1 of 4", as when Excel prints the
 *      active sheet; LibreOffice numbers pages across all visible sheets)
 *   -> LibreOffice headless -> PDF -> pdftoppm page 1 at 110 dpi -> PNG.
 *
 * The LibreOffice and poppler helpers are shared with tests/report/pdf.test.ts.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { run } from "../src/cli/main";
import { HIGHLIGHT_SHEET } from "../src/engine/report/highlight";

/** The commands the PDF route needs, each with the package that provides it. */
export const PDF_TOOLS: readonly { command: string; pkg: string }[] = [
  { command: "libreoffice", pkg: "libreoffice-calc-nogui" },
  { command: "pdftotext", pkg: "poppler-utils" },
  { command: "pdfinfo", pkg: "poppler-utils" },
  { command: "pdftoppm", pkg: "poppler-utils" },
];

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** The PDF_TOOLS commands not on the PATH. */
export function missingPdfTools(): string[] {
  return PDF_TOOLS.filter((t) => !hasCommand(t.command)).map((t) => `${t.command} (${t.pkg})`);
}

function exec(
  command: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: options.env ?? process.env,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
        } else resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * Converts a workbook to PDF with LibreOffice headless and returns the PDF's path (outDir/<name>.pdf).
 * Each call uses a fresh profile directory, so parallel conversions do not collide, and the en-GB locale,
 * so dates LibreOffice formats itself (the footer's &D) are dd/mm/yyyy.
 */
export async function xlsxToPdf(xlsx: string, outDir: string, timeoutMs = 120_000): Promise<string> {
  const profile = await mkdtemp(path.join(tmpdir(), "programme-rag-lo-"));
  try {
    await mkdir(outDir, { recursive: true });
    const { stdout, stderr } = await exec(
      "libreoffice",
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        outDir,
        xlsx,
      ],
      { timeoutMs, env: { ...process.env, LC_ALL: "en_GB.UTF-8", LANG: "en_GB.UTF-8" } },
    );
    const pdf = path.join(outDir, path.basename(xlsx).replace(/\.xlsx$/i, "") + ".pdf");
    // LibreOffice can exit 0 without writing anything (e.g. a file it cannot load): check.
    if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${xlsx}\n${stdout}\n${stderr}`);
    return pdf;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

export async function pdfPageCount(pdf: string): Promise<number> {
  const { stdout } = await exec("pdfinfo", [pdf]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** Each page's size in points (A4 landscape is about 842 x 595). */
export async function pdfPageSizes(pdf: string): Promise<{ page: number; width: number; height: number }[]> {
  const pages = await pdfPageCount(pdf);
  const { stdout } = await exec("pdfinfo", ["-f", "1", "-l", String(pages), pdf]);
  return [...stdout.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    page: Number(m[1]),
    width: Number(m[2]),
    height: Number(m[3]),
  }));
}

/** One page's text; `layout` keeps the physical layout (a table row on one line). */
export async function pdfPageText(pdf: string, page: number, layout = true): Promise<string> {
  const args = [...(layout ? ["-layout"] : []), "-f", String(page), "-l", String(page), pdf, "-"];
  return (await exec("pdftotext", args)).stdout;
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** One page's words with their boxes in points (pdftotext -bbox). */
export async function pdfPageWords(pdf: string, page: number): Promise<PdfWord[]> {
  const { stdout } = await exec("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"]);
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  return [
    ...stdout.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: unescape(m[5]!),
  }));
}

/** A copy of the workbook with every sheet but `sheet` hidden: LibreOffice prints only visible sheets. */
export async function showOnlySheet(xlsx: string, sheet: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  if (!wb.getWorksheet(sheet)) throw new Error(`${xlsx} has no sheet "${sheet}"`);
  for (const ws of wb.worksheets) if (ws.name !== sheet && ws.state === "visible") ws.state = "hidden";
  await wb.xlsx.writeFile(out);
}

/** The sample, the reporting date and the clock the picture is drawn from (the clock sets "generated"). */
export const RENDER_ARGS = ["samples/ict-strategy-programme.xlsx", "--date", "2020-12-31"] as const;
export const RENDER_NOW = new Date("2021-01-04T09:30:00Z");

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const missing = missingPdfTools();
  if (missing.length > 0) {
    console.error(
      `render:report needs ${missing.join(", ")}: apt-get install --no-install-recommends libreoffice-calc-nogui poppler-utils`,
    );
    process.exitCode = 1;
    return;
  }
  const work = await mkdtemp(path.join(tmpdir(), "programme-rag-render-"));
  try {
    const started = Date.now();
    const xlsx = path.join(work, "ict-strategy-programme-rag.xlsx");
    let stderr = "";
    const code = await run([path.join(root, RENDER_ARGS[0]), ...RENDER_ARGS.slice(1), "--out", xlsx], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      now: () => RENDER_NOW,
    });
    if (code !== 0) throw new Error(`the CLI failed (exit ${code}): ${stderr}`);
    const only = path.join(work, "highlight-report.xlsx");
    await showOnlySheet(xlsx, HIGHLIGHT_SHEET, only);
    const t0 = Date.now();
    const pdf = await xlsxToPdf(only, work);
    const convertMs = Date.now() - t0;
    const page1 = await pdfPageText(pdf, 1);
    if (!/highlight report/.test(page1)) throw new Error(`page 1 of ${pdf} is not the highlight report`);
    const images = path.join(root, "docs", "images");
    await mkdir(images, { recursive: true });
    await exec("pdftoppm", [
      "-png",
      "-r",
      "110",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      pdf,
      path.join(work, "page"),
    ]);
    const png = path.join(images, "highlight-report.png");
    await copyFile(path.join(work, "page.png"), png);
    console.log(
      `${path.relative(root, png)}: page 1 of ${await pdfPageCount(pdf)} (LibreOffice ${(convertMs / 1000).toFixed(1)} s, ${((Date.now() - started) / 1000).toFixed(1)} s in all)`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
