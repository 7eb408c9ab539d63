/**
 * The pane's Rules section, open, at the widths a docked task pane takes (320, 350 and 450 px): no label,
 * input, legend, hint or button overlaps another, and none passes the pane's right edge. Screenshots go to
 * test-results/e2e/pane-rules-<width>.png.
 */
import type { Page } from "playwright-core";
import { waitForScan } from "./harness/pane";
import type { Session } from "./harness/session";
import { openSession } from "./harness/session";

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

interface Box {
  what: string;
  x: number;
  y: number;
  right: number;
  bottom: number;
}

/** The boxes of the Rules panel's visible parts, each named by its text. */
function parts(page: Page): Promise<{ boxes: Box[]; width: number }> {
  return page.evaluate(() => {
    const panel = document.querySelector("[data-testid='rules-panel']");
    if (!panel) throw new Error("no rules panel");
    const selector =
      "label, legend, .fui-Input, .fui-Field__hint, .fui-Field__validationMessage, button, [role='switch']";
    const els = [...panel.querySelectorAll(selector)].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    const boxes = els
      // A switch's label contains the switch: compare the parts, not a part with its container.
      .filter((e) => !els.some((o) => o !== e && e.contains(o)))
      .map((e) => {
        const r = e.getBoundingClientRect();
        const text = (
          e.textContent ||
          (e.querySelector("input") as HTMLInputElement | null)?.value ||
          ""
        ).trim();
        return {
          what: `${e.tagName.toLowerCase()}${e.classList[0] ? "." + e.classList[0] : ""} "${text.slice(0, 40)}"`,
          x: r.left,
          y: r.top,
          right: r.right,
          bottom: r.bottom,
        };
      });
    return { boxes, width: document.documentElement.clientWidth };
  });
}

function overlaps(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      // Half a pixel of tolerance for borders that touch.
      if (a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5)
        out.push(`${a.what} overlaps ${b.what}`);
    }
  return out;
}

test.each([320, 350, 450])(
  "at %i px the Rules section's labels and inputs never overlap or pass the edge",
  async (width) => {
    const { page } = await s.open({ context: { width } });
    await waitForScan(page);
    await page.getByRole("button", { name: /^Rules/ }).click();
    await page.locator("[data-testid='rules-panel']").waitFor();
    await page.locator("[data-testid='rules-panel']").scrollIntoViewIfNeeded();
    const { boxes, width: client } = await parts(page);
    expect(boxes.length).toBeGreaterThan(12);
    expect(overlaps(boxes)).toEqual([]);
    expect(boxes.filter((b) => b.right > client + 0.5 || b.x < -0.5).map((b) => b.what)).toEqual([]);
    await s.screenshot(page, `pane-rules-${width}`);
  },
);
