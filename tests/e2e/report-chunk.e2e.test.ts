/**
 * The code that builds a highlight report is a chunk of its own (report.[hash].chunk.js, from
 * adapters/office/report-code.ts's import()): the production pane opens and refreshes without fetching it, fetches
 * it from its own origin (under the page's Content-Security-Policy, script-src 'self') only when "Build highlight
 * report" is clicked, shows that it is loading, and says so in plain words when it cannot arrive (offline), with
 * the workbook left as it was; the next click loads it. The first bundles carry none of it: the ribbon's function
 * file and the pane's first bundle hold none of the report's own words. Screenshots at 320, 360 and 450 px while
 * the report's code loads and after the report (test-results/e2e/report-*.png); after it, nothing passes the pane's
 * edge and no status word (a milestone's "Achieved", a RAG badge) breaks across lines.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page, Request, Route } from "playwright-core";
import { snapshotCells } from "../../tools/excel-sim/excel-model/snapshot";
import { REFRESH, REPORT, button, resultText, setReportingDate, waitForScan } from "./harness/pane";
import type { Session } from "./harness/session";
import { openSession, sampleModel } from "./harness/session";

const DIST = join(__dirname, "..", "..", "dist");
const DATE = "2020-12-31";
const NOW = new Date("2021-01-04T09:30:00Z");
const CHUNK = /\/report\.[0-9a-f]{8}\.chunk\.js$/;
/** Words only the highlight report's builder has (engine/report/highlight.ts's section titles). */
const REPORT_WORDS = ["Data notes: what went into the totals", "Variance to budget (% of budget)"];

let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

/** The chunk requests a page makes, as they start. */
function chunkRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => {
    if (CHUNK.test(new URL(r.url()).pathname)) seen.push(r);
  });
  return seen;
}

test("the build has the report chunk apart, and neither first bundle holds the report's words", () => {
  const files = readdirSync(DIST).filter((f) => f.endsWith(".js"));
  const chunk = files.filter((f) => CHUNK.test(`/${f}`));
  expect(chunk).toHaveLength(1);
  const code = (f: string) => readFileSync(join(DIST, f), "utf8");
  for (const w of REPORT_WORDS) expect(code(chunk[0]!)).toContain(w);
  for (const first of files.filter((f) => /^(taskpane|commands)\.[0-9a-f]{8}\.js$/.test(f))) {
    for (const w of REPORT_WORDS) expect([first, code(first).includes(w)]).toEqual([first, false]);
  }
});

test("the report's code is fetched from the add-in's origin only when a report is asked for", async () => {
  const { page, pane } = await s.open({ now: NOW });
  const requests = chunkRequests(page);
  await waitForScan(page);
  await setReportingDate(page, DATE);
  await button(page, REFRESH).click();
  await resultText(page);
  // Opened, read and refreshed: no report code fetched.
  expect(requests).toHaveLength(0);

  await button(page, REPORT).click();
  const text = await resultText(page);
  expect(text).toContain("Highlight report built for 31/12/2020");
  expect(requests).toHaveLength(1);
  expect(new URL(requests[0]!.url()).origin).toBe(s.harness.origin);
  expect((await requests[0]!.response())?.status()).toBe(200);
  // Loaded as a script under the page's CSP (a refusal would be a console error), nothing fetched elsewhere.
  expect(pane.errors).toEqual([]);
  expect(pane.blocked).toEqual([]);

  // A second report uses the chunk already loaded.
  await button(page, REPORT).click();
  await resultText(page);
  expect(requests).toHaveLength(1);
});

test("offline, the pane says the report could not be built, changes nothing, and the next click loads it", async () => {
  const { page } = await s.open({ now: NOW });
  const original = snapshotCells(await sampleModel());
  await waitForScan(page);
  await setReportingDate(page, DATE);
  const offline = (route: Route) => route.abort("internetdisconnected");
  await page.route(CHUNK, offline);
  const before = s.harness.host.workbookBatches().length;

  await button(page, REPORT).click();
  const failure = page.getByText(/could not load the part that builds the highlight report/);
  await failure.first().waitFor({ timeout: 10_000 });
  expect(await page.getByText("Could not build the highlight report").count()).toBeGreaterThan(0);
  // Nothing was read for the report, nothing written.
  expect(s.harness.host.workbookBatches().length).toBe(before);
  expect(snapshotCells(s.harness.model)).toEqual(original);
  await s.screenshot(page, "report-offline", false);

  await page.unroute(CHUNK, offline);
  await button(page, REPORT).click();
  expect(await resultText(page)).toContain("Highlight report built for 31/12/2020");
});

test.each([320, 360, 450])(
  "at %i px: the loading step while the report's code arrives, then the result",
  async (width) => {
    const { page, pane } = await s.open({ now: NOW, context: { width } });
    await waitForScan(page);
    await setReportingDate(page, DATE);
    // The chunk is held back until the loading step has been seen (and photographed).
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route(CHUNK, async (route) => {
      await released;
      await route.continue();
    });

    await button(page, REPORT).click();
    await page.getByText("Loading the report builder").first().waitFor({ timeout: 10_000 });
    await s.screenshot(page, `report-loading-${width}`, false);
    // Nothing overflows the pane sideways while it loads.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    release();

    expect(await resultText(page)).toContain("Highlight report built for 31/12/2020");
    await s.screenshot(page, `report-after-${width}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // No status word breaks across lines (a milestone's "Achieved", a RAG badge): each is on one line.
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll("[data-milestone-status], [data-rag]")]
        .filter((e) => {
          const r = document.createRange();
          r.selectNodeContents(e);
          return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1;
        })
        .map((e) => e.textContent),
    );
    expect(await page.locator("[data-milestone-status]").count()).toBeGreaterThan(0);
    expect(broken).toEqual([]);
    expect(pane.errors).toEqual([]);
  },
);
