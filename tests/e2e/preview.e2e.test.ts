/**
 * `npm run preview`'s page: the pane (in a frame, on office.js and the simulated host) beside the workbook's
 * sheets as tables that follow what the pane writes. Cell text is shown as text, never as markup.
 */
import type { Locator } from "playwright-core";
import { readText } from "../../tools/excel-sim/excel-model/range-ops";
import { REFRESH, button, resultText, setReportingDate, waitForScan } from "./harness/pane";
import type { Session } from "./harness/session";
import { eventually, openSession, sampleModel } from "./harness/session";

let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

test("the preview shows the pane beside the sheets, redraws them after a refresh, and shows cell text as text", async () => {
  const model = await sampleModel();
  const notes = model.findSheet("Notes")!;
  const markup = `<img src="x" onerror="window.__injected = true">`;
  model.writableCell(notes, 0, 0).value = markup;
  const { page, pane } = await s.open({
    model,
    now: new Date("2021-01-04T09:30:00Z"),
    context: { width: 1280, height: 800 },
  });
  await page.goto(s.harness.previewUrl());

  const frame = page.frameLocator("iframe#pane");
  await frame.getByRole("heading", { name: /^Programme sheets \(\d+\)$/ }).waitFor({ timeout: 30_000 });
  const sheetTabs = page.getByRole("group", { name: "Sheets" }).getByRole("button");
  await eventually(async () =>
    expect(await sheetTabs.allInnerTexts()).toEqual([
      "Programme of Works",
      "Milestones",
      "Notes",
      "Risk Register",
      "Lookups (hidden)",
    ]),
  );
  const table = page.locator("#sheet table");
  await expectCell(table, 4, "A", "Ref");

  // The pane in the frame refreshes; the table follows (R is the RAG column of the sample).
  const paneFrame = page.frame({ url: /taskpane\.html/ })!;
  await waitForScan(paneFrame);
  await setReportingDate(paneFrame, "2020-12-31");
  await button(paneFrame, REFRESH).click();
  await resultText(paneFrame);
  const ws = s.harness.model.findSheet("Programme of Works")!;
  const ragText = readText(ws, { row: 5, col: 17, rows: 1, cols: 1 })[0]![0]!;
  expect(ragText).toMatch(/^(Red|Amber|Green|Amber\/Green|Complete)/);
  await eventually(() => expectCell(table, 6, "R", ragText), 5_000);
  // Scroll the sheet (not the page) to show the RAG column with the columns before it.
  await page.evaluate(() => {
    const th = [...document.querySelectorAll<HTMLElement>("#sheet thead th")].find(
      (t) => t.textContent === "M",
    );
    document.getElementById("sheet")!.scrollLeft = (th?.offsetLeft ?? 0) - 40;
  });
  await s.screenshot(page, "preview", false);

  await page.getByRole("button", { name: "Notes", exact: true }).click();
  await expectCell(table, 1, "A", markup);
  expect(await page.locator("#sheet img").count()).toBe(0);
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  expect(pane.errors).toEqual([]);
});

/** The text of a cell of the shown table, found by its row number and column letter. */
async function expectCell(table: Locator, row: number, column: string, text: string): Promise<void> {
  const columns = await table.locator("thead th").allInnerTexts();
  const col = columns.indexOf(column);
  expect(col).toBeGreaterThan(0);
  const cell = table
    .locator("tbody tr")
    .nth(row - 1)
    .locator("th, td")
    .nth(col);
  await eventually(async () => expect(await cell.textContent()).toBe(text));
}
