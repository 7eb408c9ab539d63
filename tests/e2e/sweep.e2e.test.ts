/**
 * The failure sweep of tests/office/sweep.test.ts through Microsoft's office.js and the production pane, at a
 * few writes: the simulated host fails the chosen write (the writes before it in the request stay applied, as
 * Excel does), the pane says so, the workbook holds every changed RAG cell in its Change Log, and a second click
 * finishes the work, leaving the workbook as a run without failure (in the jest fake, same code) leaves it.
 */
import type { Page } from "playwright-core";
import type { WorkbookModel } from "../../tools/excel-sim/excel-model";
import { workbookModelFromGrid } from "../../tools/excel-sim/excel-model";
import { snapshotCells } from "../../tools/excel-sim/excel-model/snapshot";
import { checkAfterFailure, finalState, ragKeys, runOn, userFormula } from "../office/sweep-support";
import { REFRESH, REPORT, button, resultText, setReportingDate, waitForScan, waitIdle } from "./harness/pane";
import type { Session } from "./harness/session";
import { openSession, sampleModel } from "./harness/session";

const DATE = "2020-12-31";
/** The clock of the jest fake's runs (tests/office/support.ts NOW): the change log carries it. */
const NOW = new Date("2021-01-04T09:30:00Z");

let s: Session;
let afterQ2: WorkbookModel;

beforeAll(async () => {
  s = await openSession();
  afterQ2 = await sampleModel();
  await runOn(afterQ2, "report", "2020-09-30");
  await userFormula(afterQ2, "Notes", "H2", "='RAG History'!A2");
}, 60_000);
afterAll(async () => {
  await s?.close();
});

async function click(page: Page, name: string): Promise<void> {
  await button(page, name).click();
  await waitIdle(page);
}

async function sweepAt(mode: "refresh" | "report", fractions: number[]): Promise<void> {
  const clean = afterQ2.clone();
  const w0 = clean.writes;
  const r = await runOn(clean, mode);
  const writes = clean.writes - w0;
  const expected = finalState(clean);
  const allowed = ragKeys(r.analysis);
  const before = snapshotCells(afterQ2);
  for (const f of fractions) {
    const k = Math.max(1, Math.round(writes * f));
    const where = `${mode} in the pane, write ${k} of ${writes}`;
    const { page, pane } = await s.open({ model: afterQ2.clone(), now: NOW });
    const model = s.harness.model;
    await waitForScan(page);
    await setReportingDate(page, DATE);
    model.failAtWrite = { at: model.writes + k };
    await click(page, mode === "refresh" ? REFRESH : REPORT);
    await page
      .getByText(/^Could not/)
      .first()
      .waitFor({ timeout: 10_000 });
    checkAfterFailure(before, model, allowed, where);
    model.failAtWrite = null;
    await button(page, mode === "refresh" ? REFRESH : REPORT).click();
    await resultText(page);
    expect({ where, state: finalState(model) }).toEqual({ where, state: expected });
    expect(pane.errors).toEqual([]);
    await page.close();
  }
}

test("Refresh RAG columns: a failure at the first, a middle and the last write, then a second click", async () => {
  await sweepAt("refresh", [0, 0.5, 1]);
}, 120_000);

test("Build highlight report: a failure at the first, a middle and the last write, then a second click", async () => {
  await sweepAt("report", [0, 0.37, 1]);
}, 120_000);

test("a programme inside an Excel table: the RAG column is added through the table, with office.js", async () => {
  const due = new Date(Date.UTC(2021, 2, 31));
  const model = workbookModelFromGrid([
    {
      name: "Programme",
      rows: [
        ["Ref", "Project", "Budget", "Forecast", "Target date"],
        ["P1", "Network", 1000, 2000, due],
        ["P2", "Laptops", 1000, 1000, due],
      ],
    },
  ]);
  model.tables.push({
    id: "{T1}",
    name: "Works",
    sheetId: model.findSheet("Programme")!.id,
    rect: { row: 0, col: 0, rows: 3, cols: 5 },
  });
  const { page, pane } = await s.open({ model, now: NOW });
  await waitForScan(page);
  await setReportingDate(page, DATE);
  await button(page, REFRESH).click();
  await resultText(page);
  const m = s.harness.model;
  expect(m.tables[0]!.rect).toEqual({ row: 0, col: 0, rows: 3, cols: 6 });
  const cells = snapshotCells(m);
  expect(cells["Programme!F1"]?.value).toBe("RAG");
  expect(["Red", "Amber", "Green", "Amber/Red", "Amber/Green"]).toContain(cells["Programme!F2"]?.value);
  expect(pane.errors).toEqual([]);
}, 60_000);
