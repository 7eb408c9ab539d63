/**
 * Draws the README's pictures of the "Highlight Report" sheet as LibreOffice prints it (npm run render:report):
 * docs/images/highlight-report.png (page 1), -exceptions, -trend (improved, worse behind an override, new and
 * closed since last quarter), -money (money movement, by theme and by financial year) and -charts (the pages
 * that hold them), and -risk-heatmap (the heat map cut from its page, in greyscale). Needs LibreOffice Calc and
 * poppler-utils; `npm run demo` does not use it.
 *
 *   CLI on the sample as it stood at Q2 (--date 2020-09-30), then on that output with today's figures
 *   (--date 2020-12-31, a fixed clock) -> .xlsx
 *   -> a copy with every other sheet hidden (LibreOffice prints only visible sheets, so the PDF is the report's
 *      pages alone)
 *   -> LibreOffice headless -> PDF -> pdftoppm at 110 dpi -> PNG.
 *
 * The LibreOffice and poppler helpers are shared with tests/report/pdf.test.ts.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { run } from "../src/cli/main";
import { HIGHLIGHT_SHEET } from "../src/engine/report/highlight";
import { SAMPLE_HEADER_ROW, SAMPLE_SHEET, sampleColumn } from "./sample/sample-workbook";

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

/**
 * A copy of the workbook with every sheet but `sheet` hidden: LibreOffice prints only visible sheets. The
 * package is edited in place (workbook.xml only), so the sheet keeps everything exceljs would not read back
 * (its manual page breaks). jszip is exceljs's own zip library.
 */
export async function showOnlySheet(xlsx: string, sheet: string, out: string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(xlsx));
  const file = zip.file("xl/workbook.xml");
  if (!file) throw new Error(`${xlsx} has no xl/workbook.xml`);
  const xml = await file.async("string");
  const esc = (t: string) =>
    t
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;");
  if (!xml.includes(`name="${esc(sheet)}"`)) throw new Error(`${xlsx} has no sheet "${sheet}"`);
  const edited = xml
    // A sheet already hidden stays as it is; any other (with or without state="visible") is hidden.
    .replace(/<sheet ([^>]*?)\/>/g, (tag, attrs: string) =>
      attrs.includes(`name="${esc(sheet)}"`) || /state="(?:hidden|veryHidden)"/.test(attrs)
        ? tag
        : `<sheet ${attrs.replace(/\s*state="[^"]*"/, "")} state="hidden"/>`,
    )
    // The shown sheet is the active one.
    .replace(/activeTab="\d+"/, "");
  zip.file("xl/workbook.xml", edited);
  await writeFile(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** The sample, the reporting date and the clock the picture is drawn from (the clock sets "generated"). */
export const RENDER_ARGS = ["samples/ict-strategy-programme.xlsx", "--date", "2020-12-31"] as const;
export const RENDER_NOW = new Date("2021-01-04T09:30:00Z");

/**
 * The sample as it stood at the end of Q2 (30/09/2020), for a trend to draw: 80% of today's spend, FB01's
 * forecast still within its budget and the first Green item with a scored risk at Amber (3 × 3).
 */
export async function sampleAtQ2(sample: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sample);
  const ws = wb.getWorksheet(SAMPLE_SHEET)!;
  const col = (h: Parameters<typeof sampleColumn>[0]) => sampleColumn(h);
  let amberDone = false;
  ws.eachRow((row, n) => {
    if (n <= SAMPLE_HEADER_ROW) return;
    const ref = row.getCell(col("Ref")).value;
    if (typeof ref !== "string" || !/^[A-Z]{2}\d\d$/.test(ref)) return;
    const spent = row.getCell(col("Spend to date (£)"));
    if (typeof spent.value === "number") spent.value = Math.round(spent.value * 0.8);
    if (ref === "FB01") row.getCell(col("Forecast outturn (£)")).value = 96_000;
    const l = row.getCell(col("Likelihood (1-5)"));
    const i = row.getCell(col("Impact (1-5)"));
    if (!amberDone && ref === "GS01" && typeof l.value === "number") {
      l.value = 3;
      i.value = 3;
      amberDone = true;
    }
  });
  await wb.xlsx.writeFile(out);
}

/** Copies the programme sheet's cells (values only) from `from` into `into`, leaving the tool's own sheets. */
export async function withProgrammeOf(from: string, into: string, out: string): Promise<void> {
  const src = new ExcelJS.Workbook();
  await src.xlsx.readFile(from);
  const dst = new ExcelJS.Workbook();
  await dst.xlsx.readFile(into);
  const a = src.getWorksheet(SAMPLE_SHEET)!;
  const b = dst.getWorksheet(SAMPLE_SHEET)!;
  const keep = new Set([sampleColumn("RAG"), sampleColumn("Comments") + 1]);
  a.eachRow({ includeEmpty: true }, (row, n) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      if (!keep.has(c)) b.getRow(n).getCell(c).value = cell.value;
    });
  });
  await dst.xlsx.writeFile(out);
}

/**
 * The box (points, from the page's top left) of the heat map on its page: from its heading ("Risk heat map: …")
 * to the table's last row, above the note under it ("N open risks on …", which the README says in words), as
 * wide as the table's words with a margin that takes in the last column's border.
 */
export function heatMapBox(words: readonly PdfWord[]): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  const at = (i: number, ...texts: string[]) => texts.every((t, k) => words[i + k]?.text === t);
  const head = words.findIndex((_w, i) => at(i, "Risk", "heat", "map:"));
  if (head < 0) throw new Error("the heat map's heading is not on its page");
  const top = words[head]!.yMin;
  const note = words.findIndex((w, i) => i > head && w.yMin > top && at(i + 1, "open", "risks", "on"));
  if (note < 0) throw new Error("the heat map's note is not on its page");
  const bottom = words[note]!.yMin;
  const inside = words.filter((w) => w.yMin >= top - 1 && w.yMax <= bottom);
  const left = Math.min(...inside.map((w) => w.xMin));
  const right = Math.max(...inside.map((w) => w.xMax));
  return { x: left - 4, y: top - 4, width: right - left + 4 + 14, height: bottom - top + 4.5 };
}

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
    const sample = path.join(root, RENDER_ARGS[0]);
    const cli = async (args: string[], now: Date) => {
      let stderr = "";
      const code = await run(args, { stdout: () => undefined, stderr: (t) => (stderr += t), now: () => now });
      if (code !== 0) throw new Error(`the CLI failed (exit ${code}): ${stderr}`);
    };
    // Q2 from the sample as it stood then, then Q3 on that output with today's figures.
    const q2in = path.join(work, "q2-in.xlsx");
    const q2 = path.join(work, "q2.xlsx");
    const q3in = path.join(work, "q3-in.xlsx");
    const xlsx = path.join(work, "ict-strategy-programme-rag.xlsx");
    await sampleAtQ2(sample, q2in);
    await cli([q2in, "--date", "2020-09-30", "--out", q2], new Date("2020-10-05T09:30:00Z"));
    await withProgrammeOf(sample, q2, q3in);
    await cli([q3in, ...RENDER_ARGS.slice(1), "--out", xlsx], RENDER_NOW);
    const only = path.join(work, "highlight-report.xlsx");
    await showOnlySheet(xlsx, HIGHLIGHT_SHEET, only);
    const t0 = Date.now();
    const pdf = await xlsxToPdf(only, work);
    const convertMs = Date.now() - t0;
    const pages = await pdfPageCount(pdf);
    const texts: string[] = [];
    for (let p = 1; p <= pages; p++) texts.push(await pdfPageText(pdf, p));
    if (!/highlight report/.test(texts[0]!)) throw new Error(`page 1 of ${pdf} is not the highlight report`);
    const images = path.join(root, "docs", "images");
    await mkdir(images, { recursive: true });
    const pictures: [string, number][] = [
      ["highlight-report.png", 1],
      [
        "highlight-report-exceptions.png",
        texts.findIndex((t) => t.includes("Exceptions: Red and Amber")) + 1,
      ],
      ["highlight-report-trend.png", texts.findIndex((t) => /Improved since Q2/.test(t)) + 1],
      ["highlight-report-money.png", texts.findIndex((t) => /Money movement since Q2/.test(t)) + 1],
      ["highlight-report-charts.png", texts.findIndex((t) => t.includes("Chart: RAG status")) + 1],
    ];
    for (const [name, page] of pictures) {
      if (page < 1) throw new Error(`no page for ${name}`);
      await exec("pdftoppm", [
        "-png",
        "-r",
        "110",
        "-f",
        String(page),
        "-l",
        String(page),
        "-singlefile",
        pdf,
        path.join(work, "page"),
      ]);
      await copyFile(path.join(work, "page.png"), path.join(images, name));
      console.log(`docs/images/${name}: page ${page} of ${pages}`);
    }
    // The risk heat map, cut from its page (its heading to the note under it) and drawn in greyscale: each cell
    // gives its count and rating word, so it reads without colour.
    const heatPage = texts.findIndex((t) => t.includes("Risk heat map:")) + 1;
    if (heatPage < 1) throw new Error("no page for highlight-report-risk-heatmap.png");
    const box = heatMapBox(await pdfPageWords(pdf, heatPage));
    const dpi = 110;
    const px = (pt: number) => Math.round((pt * dpi) / 72);
    await exec("pdftoppm", [
      "-png",
      "-gray",
      "-r",
      String(dpi),
      "-f",
      String(heatPage),
      "-l",
      String(heatPage),
      "-x",
      String(px(box.x)),
      "-y",
      String(px(box.y)),
      "-W",
      String(px(box.width)),
      "-H",
      String(px(box.height)),
      "-singlefile",
      pdf,
      path.join(work, "heat"),
    ]);
    await copyFile(path.join(work, "heat.png"), path.join(images, "highlight-report-risk-heatmap.png"));
    console.log(`docs/images/highlight-report-risk-heatmap.png: part of page ${heatPage} of ${pages}`);
    console.log(
      `LibreOffice ${(convertMs / 1000).toFixed(1)} s, ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
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
