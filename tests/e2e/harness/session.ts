/**
 * What a spec file needs: the sample workbook as a model, the harness server, Chromium, and a page on the pane.
 *
 *   const s = await openSession();                     // beforeAll
 *   const pane = await s.openPane();                   // a fresh workbook and a fresh page per test
 *   ...; expect(s.harness.model ...)
 *   await s.close();                                   // afterAll
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { WorkbookModel } from "../../../tools/excel-sim/excel-model/workbook";
import { workbookModelFromXlsx } from "../../../tools/excel-sim/excel-model/xlsx";
import type { RichApiHostOptions } from "../../../tools/excel-sim/host/richapi-host";
import type { E2eBrowser, PaneContext, PaneContextOptions } from "./browser";
import { clockAt, launchChromium, newPaneContext } from "./browser";
import type { Harness, PaneUrlOptions } from "../../../tools/excel-sim/harness/server";
import {
  REPO_ROOT,
  startHarness,
  staleBuildWarning,
  DEFAULT_DIST,
} from "../../../tools/excel-sim/harness/server";

export const SAMPLE_XLSX = join(REPO_ROOT, "samples/ict-strategy-programme.xlsx");
export const RESULTS_DIR = join(REPO_ROOT, "test-results/e2e");

/** The bundled sample workbook as Office.js would see it (a new model each call). */
export function sampleModel(): Promise<WorkbookModel> {
  return workbookModelFromXlsx(SAMPLE_XLSX);
}

export interface OpenPage {
  page: Page;
  pane: PaneContext;
}

export interface Session {
  harness: Harness;
  browser: E2eBrowser;
  /** A page open at `page` on a fresh copy of `model` (default: the sample), after office.js is ready. */
  open(options?: {
    model?: WorkbookModel;
    hostOptions?: RichApiHostOptions;
    url?: PaneUrlOptions;
    context?: PaneContextOptions;
    /** Stops the page's clock (Date) at this instant. */
    now?: Date;
  }): Promise<OpenPage>;
  /** Saves a screenshot under test-results/e2e/; returns its path. */
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openSession(): Promise<Session> {
  const warning = staleBuildWarning(DEFAULT_DIST);
  if (warning) console.warn(`e2e: ${warning}: the tests run the old build (npm run build)`);
  const harness = await startHarness({ model: await sampleModel() });
  const browser = await launchChromium();
  const contexts: PaneContext[] = [];
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    harness,
    browser,
    async open(o = {}) {
      harness.reset(o.model ?? (await sampleModel()), o.hostOptions);
      const pane = await newPaneContext(browser.browser, harness.origin, o.context);
      contexts.push(pane);
      const page = await pane.newPage();
      if (o.now) await page.addInitScript(clockAt(o.now));
      await page.goto(harness.paneUrl(o.url));
      await page.evaluate(() => Office.onReady());
      return { page, pane };
    },
    async screenshot(page, name, fullPage = true) {
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage, animations: "disabled" });
      return path;
    },
    async close() {
      for (const c of contexts) await c.context.close().catch(() => undefined);
      await browser.close();
      await harness.close();
    },
  };
}

/** Retries `check` (an expect) until it passes or `timeoutMs` is over; then throws its last failure. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
