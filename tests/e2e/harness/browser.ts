/**
 * Debian's Chromium under playwright-core (never a downloaded browser), with the network shut off except for
 * the harness server: whatever the pane or office.js tries to fetch from elsewhere is refused and recorded.
 */
import { existsSync } from "node:fs";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--lang=en-GB",
];

/**
 * The browser's own locale, so a date input shows dd/mm/yyyy and takes the day first as for a UK user. On
 * Linux Chromium takes it from the environment (not from --lang alone), and needs Debian's chromium-l10n for
 * en-GB (without it, en-US).
 */
const LOCALE_ENV = { LANG: "en_GB.UTF-8", LANGUAGE: "en_GB:en", LC_ALL: "en_GB.UTF-8" };

export interface E2eBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile: playwright's launch() creates a new temporary --user-data-dir for every
 * launch and deletes it on close (it refuses one passed in `args`; launchPersistentContext would take one,
 * but a persistent context cannot open the further contexts the zoom and theme tests need).
 */
export async function launchChromium(): Promise<E2eBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: apt-get install -y chromium chromium-l10n (or set CHROMIUM_PATH)`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...LOCALE_ENV },
  });
  return { browser, close: () => browser.close() };
}

export interface PaneContextOptions {
  /** CSS pixels of the pane; default 360 × 900 (a docked task pane). */
  width?: number;
  height?: number;
  /** 2 for 200% zoom: the same pane in device pixels shows half the CSS pixels at twice the scale. */
  zoom?: number;
}

export interface PaneContext {
  context: BrowserContext;
  /** URLs the page tried outside the harness (refused). */
  blocked: string[];
  /** Console errors and uncaught exceptions of every page in the context. */
  errors: string[];
  newPage(): Promise<Page>;
}

export async function newPaneContext(
  browser: Browser,
  origin: string,
  options: PaneContextOptions = {},
): Promise<PaneContext> {
  const zoom = options.zoom ?? 1;
  const width = options.width ?? 360;
  const height = options.height ?? 900;
  const context = await browser.newContext({
    viewport: { width: Math.round(width / zoom), height: Math.round(height / zoom) },
    deviceScaleFactor: zoom,
    locale: "en-GB",
    timezoneId: "Europe/London",
    serviceWorkers: "block",
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route(
    (url) => url.origin !== origin && url.protocol !== "data:" && url.protocol !== "blob:",
    async (route) => {
      blocked.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  const watch = (page: Page) => {
    page.on("console", (m: ConsoleMessage) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.stack ?? e.message}`));
  };
  context.on("page", watch);
  return {
    context,
    blocked,
    errors,
    newPage: () => context.newPage(),
  };
}

/**
 * Script for page.addInitScript: the page's clock (Date) stands at `at`, as the command line's does in the
 * test, so the change log and the report footer carry the same time. Timers run as usual. playwright's
 * page.clock also fakes `performance`, which leaves office.js's start-up telemetry without resource timings
 * (a TypeError in excel-win32-16.01.js), so it is not used.
 */
export function clockAt(at: Date): string {
  return `(() => {
  const RealDate = Date;
  const now = () => ${at.getTime()};
  function SimDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length ? new RealDate(...args) : new RealDate(now());
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = now;
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = RealDate.parse;
  Object.defineProperty(SimDate, "name", { value: "Date" });
  globalThis.Date = SimDate;
})();`;
}
