/**
 * Footers of the tool's printed sheets. "Page &P of &N" counts every sheet's pages when the whole workbook is
 * printed ("Page 1 of 28" on a one-page report), so each sheet says its own name and its own page number only.
 */
import { CHANGELOG_SHEET, changeLogLayout } from "../../src/engine/report/changelog";
import { HISTORY_SHEET } from "../../src/engine/report/history";
import { historyLayout } from "../../src/engine/report/history-layout";
import { logSheetLayout } from "../../src/engine/report/log-sheet";
import { ownSheetFooter } from "../../src/engine/report/sheet-builder";

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
