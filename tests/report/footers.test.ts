/**
 * Footers of the tool's printed sheets. "Page &P of &N" counts every sheet's pages when the whole workbook is
 * printed ("Page 1 of 28" on a one-page report), so each sheet says its own name and its own page number only.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { CHANGELOG_SHEET, changeLogLayout } from "../../src/engine/report/changelog";
import { HISTORY_SHEET } from "../../src/engine/report/history";
import { historyLayout } from "../../src/engine/report/history-layout";
import { logSheetLayout } from "../../src/engine/report/log-sheet";
import { ownSheetFooter } from "../../src/engine/report/sheet-builder";
import { runCli } from "../cli/run-cli";

describe("own sheets' footers", () => {
  test("RAG History names itself and prints no workbook-wide page total", () => {
    const footer = historyLayout([]).print!.footer!;
    expect(footer.left).toBe(HISTORY_SHEET);
    expect(footer.right).toBe(`${HISTORY_SHEET} page &P`);
    expect(JSON.stringify(footer)).not.toContain("&N");
  });

  test("Change Log names itself and prints no workbook-wide page total", () => {
    const footer = changeLogLayout([], [], { when: 44197, action: "Report", text: "x" }).print!.footer!;
    expect(footer).toEqual({ left: CHANGELOG_SHEET, right: `${CHANGELOG_SHEET} page &P` });
  });

  test("an ampersand in a sheet's name is printed, not read as a footer code", () => {
    expect(ownSheetFooter("Risks & Issues")).toEqual({
      left: "Risks && Issues",
      right: "Risks && Issues page &P",
    });
    const layout = logSheetLayout(
      "history",
      "Risks & Issues",
      { headers: ["A"], widths: [10], formats: [null] },
      [],
    );
    expect(layout.print!.footer!.right).toBe("Risks && Issues page &P");
  });
});

describe("page numbers when the whole workbook is printed", () => {
  test("each of the tool's sheets in the --out workbook numbers its pages from 1; the user's sheets are left as they were", async () => {
    // Before, no sheet set a first page number, so numbering ran on across sheets ("RAG History page 21").
    const work = await mkdtemp(path.join(tmpdir(), "programme-rag-pages-"));
    try {
      const out = path.join(work, "out.xlsx");
      const sample = path.resolve(__dirname, "../../samples/ict-strategy-programme.xlsx");
      expect(await runCli([sample, "--date", "2020-12-31", "--out", out])).toMatchObject({ code: 0 });
      const zip = await JSZip.loadAsync(await readFile(out));
      const workbook = await zip.file("xl/workbook.xml")!.async("string");
      const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
      const setups: Record<string, string> = {};
      for (const m of workbook.matchAll(/<sheet [^>]*>/g)) {
        const name = /name="([^"]*)"/.exec(m[0])![1]!;
        const id = /r:id="([^"]*)"/.exec(m[0])![1]!;
        const target = new RegExp(`Id="${id}"[^>]*Target="([^"]*)"`).exec(rels)![1]!;
        const xml = await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
        setups[name] = /<pageSetup [^>]*>/.exec(xml)?.[0] ?? "";
      }
      const own = ["Highlight Report", "RAG History", "Milestone History", "Risk History", CHANGELOG_SHEET];
      for (const name of own) {
        expect({ name, setup: setups[name] }).toEqual({
          name,
          setup: expect.stringMatching(/firstPageNumber="1".*useFirstPageNumber="1"/),
        });
      }
      const theirs = Object.keys(setups).filter((n) => !own.includes(n));
      expect(theirs.length).toBeGreaterThan(0);
      for (const name of theirs)
        expect({ name, setup: setups[name] }).not.toEqual({
          name,
          setup: expect.stringContaining("useFirstPageNumber"),
        });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
