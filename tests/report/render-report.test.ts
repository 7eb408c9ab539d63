/**
 * scripts/render-report.ts, which draws the README's pictures of the report (npm run render:report). Before,
 * showOnlySheet left every sheet that said state="visible" visible (the sample's do), so the PDF the pictures
 * were cut from was the whole workbook's 34 pages, not the report's 12.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { heatMapBox, showOnlySheet } from "../../scripts/render-report";
import type { PdfWord } from "../../scripts/render-report";

test('showOnlySheet hides every other sheet, those that say state="visible" too, and leaves hidden ones hidden', async () => {
  const work = await mkdtemp(path.join(tmpdir(), "programme-rag-show-"));
  try {
    const zip = new JSZip();
    zip.file(
      "xl/workbook.xml",
      '<workbook><bookViews><workbookView activeTab="1"/></bookViews><sheets>' +
        '<sheet name="Highlight Report" sheetId="6" r:id="rId9"/>' +
        '<sheet sheetId="1" name="Programme of Works" state="visible" r:id="rId4"/>' +
        '<sheet sheetId="5" name="Lookups" state="hidden" r:id="rId8"/>' +
        '<sheet name="RAG History" sheetId="7" r:id="rId10"/>' +
        "</sheets></workbook>",
    );
    const input = path.join(work, "in.xlsx");
    const output = path.join(work, "out.xlsx");
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    await showOnlySheet(input, "Highlight Report", output);
    const xml = await (
      await JSZip.loadAsync(await readFile(output))
    )
      .file("xl/workbook.xml")!
      .async("string");
    const state = (name: string) => {
      const tag = new RegExp(`<sheet [^>]*name="${name}"[^>]*/>`).exec(xml)![0];
      return [...tag.matchAll(/state="([^"]*)"/g)].map((m) => m[1]);
    };
    expect(state("Highlight Report")).toEqual([]);
    expect(state("Programme of Works")).toEqual(["hidden"]);
    expect(state("Lookups")).toEqual(["hidden"]);
    expect(state("RAG History")).toEqual(["hidden"]);
    expect(xml).not.toContain("activeTab");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test("the heat map's picture runs from its heading to its last row, above the note, as wide as its words", () => {
  const w = (text: string, xMin: number, yMin: number, xMax = xMin + 20): PdfWord => ({
    text,
    xMin,
    yMin,
    xMax,
    yMax: yMin + 10,
  });
  const words = [
    w("Top", 50, 100),
    w("Risk", 50, 200),
    w("heat", 75, 200),
    w("map:", 100, 200),
    w("Likelihood", 50, 212),
    w("5", 400, 212, 450),
    w("Green", 380, 320),
    w("36", 50, 340),
    w("open", 70, 340),
    w("risks", 95, 340),
    w("on", 125, 340, 760),
  ];
  const box = heatMapBox(words);
  expect(box.x).toBeLessThan(50);
  expect(box.y).toBeLessThan(200);
  expect(box.y).toBeGreaterThan(110);
  // The last column's words end at 450: its border is taken in, the note's line (to 760) is not.
  expect(box.x + box.width).toBeGreaterThan(450);
  expect(box.x + box.width).toBeLessThan(500);
  expect(box.y + box.height).toBeGreaterThan(330);
  expect(box.y + box.height).toBeLessThanOrEqual(345);
});
