/**
 * Accessibility of the production pane on office.js: axe-core in each state (reading, read, refreshed, failed),
 * the whole flow with the keyboard alone, Office's dark theme, and 200% zoom.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { REFRESH, REPORT, button, resultText, setReportingDate, waitForScan, waitIdle } from "./harness/pane";
import type { Session } from "./harness/session";
import { snapshotCells } from "../../tools/excel-sim/excel-model/snapshot";
import { changeRow, changesOn, cliOnSample } from "./harness/expected";
import { eventually, openSession, sampleModel } from "./harness/session";

const NOW = new Date("2021-01-04T09:30:00Z");

let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

/** axe-core's serious and critical violations on the page, one line each (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The accessible name of the focused element (its label, its text, or its aria-label). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const labelled = el.getAttribute("aria-labelledby");
    if (labelled) {
      return labelled
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" ")
        .replace(/\s*\*$/, "")
        .trim();
    }
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (label || el.getAttribute("aria-label") || el.textContent || "").replace(/\s*\*$/, "").trim();
  });
}

/** Presses Tab until the focused element's name matches; the names passed on the way are returned. */
async function tabTo(page: Page, name: string | RegExp, max = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focusedName(page);
    seen.push(now);
    if (typeof name === "string" ? now === name : name.test(now)) return seen;
  }
  throw new Error(`Tab never reached "${String(name)}"; focus went through: ${seen.join(" | ")}`);
}

/** Each named button is visible, inside the viewport, and shows its whole label. */
async function buttonsUsable(page: Page, names: string[]): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const name of names) {
    const b = button(page, name);
    await b.scrollIntoViewIfNeeded();
    expect(await b.isVisible()).toBe(true);
    const box = (await b.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    const clipped = await b.evaluate(
      (el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
    );
    expect({ name, clipped }).toEqual({ name, clipped: false });
  }
}

/** Elements that reach past the right edge of the viewport (the page would scroll sideways). */
function pastRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${String(e.className).split(" ")[0]} (right edge ${Math.round(e.getBoundingClientRect().right)} px of ${width})`,
      );
  });
}

test("axe: no serious or critical violations while reading, after reading, after a refresh and after a failure", async () => {
  const { page } = await s.open({ now: NOW });
  // Excel busy: the pane waits on its first read, showing that it is reading.
  const release = s.harness.hold();
  try {
    await page.reload();
    await page.getByText("Reading the workbook…").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    release();
  }
  await waitForScan(page);
  expect(await seriousViolations(page)).toEqual([]);

  await setReportingDate(page, "2020-12-31");
  await button(page, REFRESH).click();
  await resultText(page);
  expect(await seriousViolations(page)).toEqual([]);

  s.harness.host.injectFailure({ code: "GeneralException", message: "There was an internal error." });
  await button(page, REPORT).click();
  await page.getByText("Could not build the highlight report", { exact: true }).waitFor();
  await waitIdle(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the whole flow with the keyboard alone: date, Refresh (Enter), Build (Space), go to a problem cell", async () => {
  const original = snapshotCells(await sampleModel());
  const { page } = await s.open({ now: NOW });
  await waitForScan(page);

  // The first stop is the reporting date; typed as a person would, day first (en-GB).
  const toDate = await tabTo(page, "Reporting date", 5);
  expect(toDate).toEqual(["Reporting date"]);
  await page.keyboard.type("31122020", { delay: 80 });
  await eventually(async () =>
    expect(await page.getByRole("textbox", { name: "Reporting date" }).inputValue()).toBe("2020-12-31"),
  );
  await page.getByText("Q3 2020/21", { exact: true }).waitFor();

  await tabTo(page, REFRESH);
  await page.keyboard.press("Enter");
  const refreshed = await resultText(page);
  expect(refreshed).toContain("RAG columns refreshed for 31/12/2020");
  const expected = changesOn(original, (await cliOnSample("2020-12-31", NOW)).model, "Programme of Works");
  expect(changesOn(original, s.harness.model, "Programme of Works").map(changeRow)).toEqual(
    expected.map(changeRow),
  );
  // Focus stays on the button while it runs and after (it is never disabled out of the tab order).
  expect(await focusedName(page)).toBe(REFRESH);

  await tabTo(page, REPORT, 3);
  await page.keyboard.press("Space");
  await eventually(
    async () => expect(await resultText(page)).toContain("Highlight report built for 31/12/2020"),
    30_000,
  );
  expect(s.harness.model.findSheet("Highlight Report")).toBeDefined();

  // A problem's cell link: Enter selects that cell in the workbook.
  await tabTo(page, /^Go to 'Programme of Works'!H19:/, 80);
  await page.keyboard.press("Enter");
  await eventually(() => {
    const model = s.harness.model;
    expect(model.sheets.find((x) => x.id === model.activeSheetId)?.name).toBe("Programme of Works");
    expect(model.selection).toEqual({ row: 18, col: 7, rows: 1, cols: 1 });
  });
});

test("Office's dark theme: the pane turns dark, passes axe, and its buttons are usable", async () => {
  const { page } = await s.open({ now: NOW, url: { theme: "dark" } });
  await waitForScan(page);
  const colours = await page.evaluate(() => {
    const root = document.querySelector(".fui-FluentProvider") as HTMLElement;
    return { background: getComputedStyle(root).backgroundColor, text: getComputedStyle(root).color };
  });
  expect(luminance(colours.background)).toBeLessThan(0.05);
  expect(luminance(colours.text)).toBeGreaterThan(0.7);
  await buttonsUsable(page, [REFRESH, REPORT, "Read the workbook again"]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await s.screenshot(page, "pane-dark", false);

  await setReportingDate(page, "2020-12-31");
  await button(page, REFRESH).click();
  await resultText(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("heading", { name: "Result" }).scrollIntoViewIfNeeded();
  await s.screenshot(page, "pane-dark-after-refresh", false);
});

test("200% zoom: the same pane at twice the scale reflows, every button shows whole, axe passes", async () => {
  const { page } = await s.open({ now: NOW, context: { zoom: 2 } });
  await waitForScan(page);
  expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
  await buttonsUsable(page, [REFRESH, REPORT, "Read the workbook again"]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await s.screenshot(page, "pane-zoom-200", false);

  await setReportingDate(page, "2020-12-31");
  await button(page, REFRESH).click();
  await resultText(page);
  await buttonsUsable(page, [REFRESH, REPORT]);
});

// At 200% zoom in a 360 px pane (180 CSS px) nothing may make the pane scroll sideways (WCAG 1.4.10 Reflow).
test("200% zoom: nothing reaches past the pane's right edge", async () => {
  const { page } = await s.open({ now: NOW, context: { zoom: 2 } });
  await waitForScan(page);
  expect(await pastRightEdge(page)).toEqual([]);
});

// In Office's dark theme no light frame (the browser's body margin) may show round the dark pane.
test("Office's dark theme: the pane's own background reaches the edges of the task pane", async () => {
  const { page } = await s.open({ now: NOW, url: { theme: "dark" } });
  await waitForScan(page);
  const corners = await page.evaluate(() =>
    [
      [1, 1],
      [window.innerWidth - 2, 1],
    ].map(([x, y]) => document.elementFromPoint(x!, y!)?.closest(".fui-FluentProvider") !== null),
  );
  expect(corners).toEqual([true, true]);
});

/** WCAG relative luminance of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ["0", "0", "0"]).slice(0, 3).map(Number);
  const ch = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
}
