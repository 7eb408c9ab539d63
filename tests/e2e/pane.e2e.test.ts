/**
 * The production task pane on Microsoft's office.js, on the bundled sample workbook in the simulated Excel:
 * what it finds, what "Refresh RAG columns" and "Build highlight report" write (compared with the command
 * line run in this process on the same file), how many requests it sends, what it says, and how it fails.
 */
import type { Locator } from "playwright-core";
import { formatDayUk, parseIsoDay } from "../../src/engine/dates";
import { snapshotCells } from "../../tools/excel-sim/excel-model/snapshot";
import type { WorkbookSnapshot } from "../../tools/excel-sim/excel-model/snapshot";
import {
  analyseSample,
  changeRow,
  comparable,
  sheetLayouts,
  changesOn,
  cliOnSample,
} from "./harness/expected";
import type { CliExpectation } from "./harness/expected";
import { REFRESH, REPORT, button, resultText, setReportingDate, waitForScan } from "./harness/pane";
import type { Session } from "./harness/session";
import { openSession, sampleModel } from "./harness/session";

const SHEET = "Programme of Works";
const DATE = "2020-12-31";
/** The clock of the page and of the command line: the change log and the report footer carry it. */
const NOW = new Date("2021-01-04T09:30:00Z");

let s: Session;
let cli: CliExpectation;
let original: WorkbookSnapshot;

beforeAll(async () => {
  s = await openSession();
  cli = await cliOnSample(DATE, NOW);
  original = snapshotCells(await sampleModel());
});
afterAll(async () => {
  await s?.close();
});

test("opens on the sample workbook: reads it in two requests and shows the sheets and problems found", async () => {
  const { page, pane } = await s.open({ now: NOW });
  await waitForScan(page);
  const analysis = await analyseSample(DATE);

  await expectVisible(page.getByRole("heading", { name: "Programme sheets (1)" }));
  await expectVisible(page.getByText(`${SHEET}: 30 items, headers in row 4`));
  // Notes and the hidden Lookups, and the Risk Register (read as a register, never as a programme sheet).
  expect(analysis.ignoredSheets.map((x) => x.name)).toEqual(
    expect.arrayContaining(["Notes", "Lookups", "Risk Register"]),
  );
  await expectVisible(
    page.getByRole("heading", { name: `Sheets not read (${analysis.ignoredSheets.length})` }),
  );
  await expectVisible(page.getByText("Lookups: hidden sheet"));
  // The harness declares ExcelApi 1.9 (the manifest's), which cannot list merged cells: each of the three sheets
  // with a header (the programme, the milestones and the risk register) says so in the problems, beside the CLI's.
  const notChecked = ["Programme of Works", "Milestones", "Risk Register"].length;
  await expectVisible(
    page.getByRole("heading", { name: `Problems (${analysis.issues.length + notChecked})` }),
  );
  await expectVisible(page.getByText(/Merged cells could not be checked/).first());
  expect(analysis.items).toHaveLength(30);

  const work = s.harness.host.workbookBatches();
  expect(work).toHaveLength(2);
  expect(work.flatMap((b) => b.writes)).toEqual([]);
  expect(snapshotCells(s.harness.model)).toEqual(original);
  expect(pane.blocked).toEqual([]);
  expect(pane.errors).toEqual([]);
  await s.screenshot(page, "pane-initial");
});

test("Refresh RAG columns for 31/12/2020 writes the RAG cells the command line writes, in four requests", async () => {
  const { page, pane } = await s.open({ now: NOW });
  await waitForScan(page);
  await setReportingDate(page, DATE);
  await expectVisible(page.getByText("Q3 2020/21", { exact: true }));
  await s.screenshot(page, "pane-before-refresh", false);
  const before = s.harness.host.batches.length;

  await button(page, REFRESH).click();
  const text = await resultText(page);

  // The cells: exactly the programme sheet's RAG cells the command line changed, to the same words and colours.
  const written = changesOn(original, s.harness.model, SHEET);
  const expected = changesOn(original, cli.model, SHEET);
  expect(expected.length).toBeGreaterThan(30);
  expect(written.map(changeRow)).toEqual(expected.map(changeRow));

  // The requests: three reads (sheets, cells, the RAG column's formulas) and one write for the refresh, then
  // the rules and allocation saved.
  const batches = s.harness.host.batches.slice(before).filter((b) => b.kind === "workbook");
  expect(batches.map((b) => (b.writes.length ? "write" : "read"))).toEqual([
    "read",
    "read",
    "read",
    "write",
    "write",
  ]);
  expect(batches[4]!.writes).toEqual(["SettingCollection.add"]);
  expect(batches[3]!.writes).toContain("Range.values");
  expect(Math.max(...batches.map((b) => b.requestBytes))).toBeLessThan(1_100_000);

  // What the pane says: the date, the programme RAG and the counts the engine gives, and what it wrote.
  const analysis = await analyseSample(DATE);
  const ragCells = written.filter((c) => c.changed.length > 0 && /^R\d+$/.test(c.address)).length;
  expect(text).toContain(`RAG columns refreshed for ${formatDayUk(parseIsoDay(DATE)!)} (Q3 2020/21).`);
  expect(text).toContain(analysis.programmeRag.reason);
  expect(text).toMatch(/\d+ RAG cells written \(\d+ changed\)\./);
  expect(ragCells).toBeGreaterThan(0);
  for (const [rag, n] of Object.entries(cli.json.ragCounts)) if (n > 0) expect(text).toContain(rag);
  expect(pane.errors).toEqual([]);
  await s.screenshot(page, "pane-after-refresh-full");
  await page.getByRole("heading", { name: "Result" }).evaluate((h) => h.scrollIntoView({ block: "start" }));
  await s.screenshot(page, "pane-after-refresh", false);
});

test("Build highlight report writes the same workbook as `programme-rag --out`", async () => {
  // An Excel that lists merged cells (ExcelApi 1.13), as the command line reads them: at 1.9 the report's data
  // notes would also say that merged cells could not be checked.
  const { page, pane } = await s.open({ now: NOW, hostOptions: { requirementSets: { ExcelApi: "1.13" } } });
  await waitForScan(page);
  await setReportingDate(page, DATE);
  await button(page, REPORT).click();
  const text = await resultText(page);

  expect(s.harness.model.sheets.map((x) => [x.name, x.visibility])).toEqual(
    cli.model.sheets.map((x) => [x.name, x.visibility]),
  );
  expect(comparable(s.harness.model)).toEqual(comparable(cli.model));
  expect(sheetLayouts(s.harness.model)).toEqual(sheetLayouts(cli.model));
  // The charts exceljs cannot write, drawn by Office.js on the report.
  expect(s.harness.model.findSheet("Highlight Report")!.charts.length).toBeGreaterThan(0);
  expect(text).toContain("Highlight report built for 31/12/2020");
  expect(text).toMatch(
    /Sheets written: Highlight Report, RAG History, Milestone History, Risk History, Change Log\./,
  );
  expect(pane.errors).toEqual([]);
});

test("a failure while writing is shown in plain words and the workbook is left as it was", async () => {
  const { page } = await s.open({ now: NOW });
  await waitForScan(page);
  await setReportingDate(page, DATE);
  // Excel refuses the write request (the reads before it are answered as usual).
  s.harness.host.injectFailure({
    when: (request) => (request.Actions ?? []).some((a) => a.ActionType === 4),
    code: "AccessDenied",
    message: "You cannot perform the requested operation.",
    httpStatusCode: 401,
  });
  await button(page, REFRESH).click();
  await expectVisible(page.getByText("Could not refresh the RAG columns"));
  expect(snapshotCells(s.harness.model)).toEqual(original);
  await s.screenshot(page, "pane-error");
});

async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout: 10_000 });
}
