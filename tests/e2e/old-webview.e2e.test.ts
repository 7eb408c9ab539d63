/**
 * Where the webview cannot run the pane (Trident, Internet Explorer 11: no Promise.prototype.finally, no
 * Object.entries, no ES2017 syntax), the user sees a plain message, not a blank pane. Chromium plays the old
 * webview here: the built-ins check-support.js looks for are removed before any script runs. The production
 * build, with its Content-Security-Policy, on Microsoft's office.js.
 */
import { newPaneContext } from "./harness/browser";
import type { Session } from "./harness/session";
import { openSession } from "./harness/session";

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

test("a webview without what the bundle needs shows a plain message instead of the pane", async () => {
  const pane = await newPaneContext(s.browser.browser, s.harness.origin);
  try {
    const page = await pane.newPage();
    await page.addInitScript(() => {
      delete (Promise.prototype as { finally?: unknown }).finally;
      delete (Object as { entries?: unknown }).entries;
    });
    await page.goto(s.harness.paneUrl());
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Programme RAG cannot run in this version of Office",
    );
    expect(await alert.textContent()).toMatch(
      /too old for the add-in\. Use Excel on the web, or update Office/,
    );
    // The bundle did not start over the message (it would have rendered the pane's inputs).
    await page.waitForTimeout(500);
    expect(await page.getByLabel(/Reporting date/).count()).toBe(0);
    await s.screenshot(page, "old-webview-message");
  } finally {
    await pane.context.close();
  }
});

test("in a current webview the check passes silently and the pane starts", async () => {
  const { page, pane } = await s.open();
  await page.getByLabel(/Reporting date/).waitFor();
  expect(
    await page.evaluate(() => (window as { programmeRagSupported?: boolean }).programmeRagSupported),
  ).toBe(true);
  expect(pane.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
});
