/**
 * The ribbon's "Refresh RAG" (an ExecuteFunction command): the production function file (dist/commands.html)
 * on office.js, invoked the way Excel invokes it (the AppCommandInvoked event office.js registered for), must
 * write the RAG columns with the rules and reporting date saved in the workbook (by default the last day of the
 * previous month), tell the user what it did in a dialog (displayDialogAsync), and tell Excel it has finished
 * once the user has closed the dialog.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { runCli } from "../cli/run-cli";
import { snapshotCells } from "../../tools/excel-sim/excel-model/snapshot";
import type { WorkbookSnapshot } from "../../tools/excel-sim/excel-model/snapshot";
import { workbookModelFromXlsx } from "../../tools/excel-sim/excel-model/xlsx";
import { DEFAULT_RULES, rulesToJson } from "../../src/engine/rules";
import { changeRow, changesOn, cliOnSample } from "./harness/expected";
import type { OpenPage, Session } from "./harness/session";
import { SAMPLE_XLSX, openSession, sampleModel } from "./harness/session";

const SHEET = "Programme of Works";
/** The clock of the page; with no date saved, the command refreshes as at the last day of the previous month. */
const NOW = new Date("2021-01-04T09:30:00Z");
const TODAY = "2020-12-31";
const DISPID_APP_COMMAND_INVOKED = 39;

let s: Session;
let original: WorkbookSnapshot;

beforeAll(async () => {
  s = await openSession();
  original = snapshotCells(await sampleModel());
});
afterAll(async () => {
  await s?.close();
});

async function openFunctionFile(model?: Awaited<ReturnType<typeof sampleModel>>): Promise<OpenPage> {
  const opened = await s.open({ now: NOW, url: { page: "commands.html" }, ...(model ? { model } : {}) });
  // office.js registers for AppCommandInvoked once the function file's Office.onReady has run.
  await opened.page.waitForFunction(
    (id) => window.__simHost?.registeredEvents().includes(id),
    DISPID_APP_COMMAND_INVOKED,
  );
  return opened;
}

/** Clicks Refresh RAG, waits for its dialog, reads it, presses OK (messageParent "close"), awaits completion. */
async function invokeRefreshRag(page: Page) {
  const completion = page.evaluate(() => window.__simHost!.invokeCommand("refreshRag", 30_000));
  await page.waitForFunction(() => window.__simHost!.dialogs().some((d) => d.open), undefined, {
    timeout: 30_000,
  });
  // The command waits for the user: Excel has not been told it finished.
  expect(await page.evaluate(() => window.__simHost!.completions.length)).toBe(0);
  const dialog = new URL((await page.evaluate(() => window.__simHost!.dialogs()))[0]!.url);
  await page.evaluate(() => window.__simHost!.answerDialog({ message: "close" }));
  const done = await completion;
  return {
    ...done,
    notice: {
      page: dialog.pathname,
      kind: dialog.searchParams.get("kind"),
      title: dialog.searchParams.get("title"),
      text: dialog.searchParams.get("text") ?? "",
    },
  };
}

test("Refresh RAG from the ribbon writes the RAG cells (as the command line), says what it did and calls event.completed()", async () => {
  const { page, pane } = await openFunctionFile();
  const before = s.harness.host.batches.length;

  const completion = await invokeRefreshRag(page);

  // event.completed() reached Excel (dispId 94): [appCommandId, status 0 = success, event data].
  expect(completion.appCommandId).toBe("1");
  expect((completion.params as unknown[])[1]).toBe(0);
  expect(completion.notice).toMatchObject({ page: "/notice.html", kind: "success", title: "RAG refreshed" });
  expect(completion.notice.text).toMatch(/^Refreshed the RAG of 30 items on "Programme of Works": /);
  expect(completion.notice.text).toMatch(/reporting date 31\/12\/2020 \(Q3 2020\/21\): none is saved/);
  const expected = changesOn(original, (await cliOnSample(TODAY, NOW)).model, SHEET);
  expect(expected.length).toBeGreaterThan(30);
  expect(changesOn(original, s.harness.model, SHEET).map(changeRow)).toEqual(expected.map(changeRow));
  // Three reads (sheets, cells, the RAG column's formulas) and one write; no settings saved from the ribbon.
  const work = s.harness.host.batches.slice(before).filter((b) => b.kind === "workbook");
  expect(work.map((b) => (b.writes.length ? "write" : "read"))).toEqual(["read", "read", "read", "write"]);
  expect(work.flatMap((b) => b.writes)).not.toContain("SettingCollection.add");
  expect(pane.errors).toEqual([]);
});

test("Refresh RAG from the ribbon uses the rules and the reporting date saved in the workbook", async () => {
  // Stricter budget rules saved by the pane: red from 2% over budget (the default is 5%).
  const rules = rulesToJson({ ...DEFAULT_RULES, budget: { ...DEFAULT_RULES.budget, redPercent: 2 } });
  const model = await sampleModel();
  const saved = "2020-11-30"; // not the default (31/12/2020 for the page's clock)
  model.settings.set(
    "programmeRag.settings",
    JSON.stringify({ version: 1, rules, allocation: 1_200_000, reportingDate: saved }),
  );
  const { page } = await openFunctionFile(model);

  const { notice } = await invokeRefreshRag(page);
  expect(notice.text).toMatch(/Used the reporting date saved in the workbook, 30\/11\/2020 \(Q3 2020\/21\)/);

  const dir = mkdtempSync(join(tmpdir(), "programme-rag-e2e-config-"));
  try {
    const config = join(dir, "rules.json");
    const out = join(dir, "out.xlsx");
    writeFileSync(config, JSON.stringify({ ...rules, allocation: 1_200_000 }));
    const run = await runCli([SAMPLE_XLSX, "--date", saved, "--config", config, "--out", out], NOW);
    expect(run.code).toBe(0);
    const strict = changesOn(original, await workbookModelFromXlsx(out), SHEET);
    const byDefault = changesOn(original, (await cliOnSample(saved, NOW)).model, SHEET);
    // The saved rules make a difference on this workbook, and the ribbon applied them.
    expect(strict.map(changeRow)).not.toEqual(byDefault.map(changeRow));
    expect(changesOn(original, s.harness.model, SHEET).map(changeRow)).toEqual(strict.map(changeRow));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("when Excel refuses the write, the command still calls event.completed() and the workbook is unchanged", async () => {
  const { page, pane } = await openFunctionFile();
  s.harness.host.injectFailure({
    when: (request) => (request.Actions ?? []).some((a) => a.ActionType === 4),
    code: "AccessDenied",
    httpStatusCode: 401,
  });
  const completion = await invokeRefreshRag(page);
  expect((completion.params as unknown[])[1]).toBe(0);
  expect(snapshotCells(s.harness.model)).toEqual(original);
  // The failure reaches the user in the dialog, in plain words, not only the console.
  expect(completion.notice).toMatchObject({ kind: "error", title: "Refresh RAG did not finish" });
  expect(completion.notice.text).toMatch(/^Excel refused the change \(AccessDenied\)/);
  expect(pane.errors.filter((e) => /Refused to|Content Security Policy/.test(e))).toEqual([]);
});
