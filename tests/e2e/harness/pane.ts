/**
 * The task pane as a person sees it: by roles and visible names (the same ones a screen reader announces).
 */
import type { Frame, Locator, Page } from "playwright-core";

/** A page showing the pane, or the pane's frame inside another page (the preview). */
export type PaneView = Page | Frame;

export const REFRESH = "Refresh RAG columns";
export const REPORT = "Build highlight report";

export function button(page: PaneView, name: string): Locator {
  return page.getByRole("button", { name, exact: true });
}

/** After the pane has read the workbook (the "Programme sheets (n)" heading shows). */
export async function waitForScan(page: PaneView, timeout = 30_000): Promise<void> {
  await page.getByRole("heading", { name: /^Programme sheets \(\d+\)$/ }).waitFor({ timeout });
  await waitIdle(page, timeout);
}

/** Until the actions are available again (no operation running). */
export async function waitIdle(page: PaneView, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (names) =>
      names.every((name) => {
        const b = [...document.querySelectorAll("button")].find((x) => x.textContent?.trim() === name);
        return b !== undefined && b.getAttribute("aria-disabled") !== "true" && !b.disabled;
      }),
    [REFRESH, REPORT],
    { timeout },
  );
}

/** Types a reporting date (ISO, as a date picker holds it) with the mouse-and-keyboard user's fill. */
export async function setReportingDate(page: PaneView, iso: string): Promise<void> {
  await page.getByRole("textbox", { name: "Reporting date" }).fill(iso);
}

/**
 * The Result section once a run has finished, with its text. Fails at once, with the pane's words, when the
 * pane shows an error instead.
 */
export async function resultText(page: PaneView, timeout = 30_000): Promise<string> {
  const result = page.getByRole("region", { name: "Result" });
  const failure = page.locator(".fui-MessageBar").filter({ hasText: /^Could not/ });
  const first = await Promise.race([
    result.waitFor({ timeout }).then(
      () => "result" as const,
      () => null,
    ),
    failure
      .first()
      .waitFor({ timeout })
      .then(
        () => "failure" as const,
        () => null,
      ),
  ]);
  if (first === "failure") throw new Error(`the pane shows an error: ${await failure.first().innerText()}`);
  if (first === null) throw new Error(`no result and no error shown within ${timeout} ms`);
  await waitIdle(page, timeout);
  return result.innerText();
}
