/**
 * The harness server: serves the production build (dist/ from `npm run build`) with office.js and its runtime
 * files from the npm package @microsoft/office-js instead of Microsoft's CDN, puts the simulated Excel host's
 * page half (page-shim.ts) in front of office.js, and answers the RichApi batches with the simulated host
 * (tools/excel-sim/host) over one in-memory workbook. Used by the e2e tests and by `npm run preview`.
 *
 *   const harness = await startHarness({ model });
 *   page.goto(harness.paneUrl());                 // the task pane, as Excel on Windows would open it
 *   harness.host.batches; harness.model           // what the pane sent and what it wrote
 */
import { readFileSync, existsSync, statSync, readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import ts from "typescript";
import type { WorkbookModel } from "../excel-model/workbook";
import type { RichApiHostOptions } from "../host/richapi-host";
import { RichApiHost } from "../host/richapi-host";
import { workbookView } from "./workbook-view";

export const REPO_ROOT = resolve(__dirname, "../../..");
/** The built add-in: dist/, or E2E_DIST (a build elsewhere, e.g. `webpack --output-path /tmp/x`). */
export const DEFAULT_DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(REPO_ROOT, "dist");
export const OFFICE_JS_DIR = join(REPO_ROOT, "node_modules/@microsoft/office-js/dist");
/** The query office.js reads its host from: Excel, Windows desktop (Win32), 16.01, en-GB. */
export const HOST_INFO = "Excel$Win32$16.01$en-GB$$$$0";
/** The script tag of the shipped HTML that the harness points at the local copy. */
const CDN_OFFICE_JS =
  /<script\s+src=["']?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js["']?\s*><\/script>/;

export type OfficeThemeName = "light" | "dark";

/** Office's theme colours as GetOfficeThemeInfo gives them (0xRRGGBB): "Colorful"/"White" and "Black". */
export const OFFICE_THEMES: Record<OfficeThemeName, Record<string, number>> = {
  light: {
    bodyBackgroundColor: 0xffffff,
    bodyForegroundColor: 0x262626,
    controlBackgroundColor: 0xffffff,
    controlForegroundColor: 0x262626,
  },
  dark: {
    bodyBackgroundColor: 0x262626,
    bodyForegroundColor: 0xffffff,
    controlBackgroundColor: 0x363636,
    controlForegroundColor: 0xffffff,
  },
};

export interface HarnessOptions {
  model: WorkbookModel;
  host?: RichApiHostOptions;
  /** The built add-in; default dist/. */
  distDir?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
}

export interface PaneUrlOptions {
  theme?: OfficeThemeName;
  /** "taskpane.html" (default), "commands.html", or "lab.html" (office.js alone, for Excel.run from a test). */
  page?: "taskpane.html" | "commands.html" | "lab.html";
}

export interface Harness {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  host: RichApiHost;
  readonly model: WorkbookModel;
  /** Replaces the workbook (and the host, so counts start again). */
  reset(model: WorkbookModel, options?: RichApiHostOptions): void;
  paneUrl(options?: PaneUrlOptions): string;
  /**
   * Holds the host's answers to workbook batches until the returned function is called (Excel busy): lets a
   * test see the pane while it waits. Batches are answered in order once released.
   */
  hold(): () => void;
  previewUrl(): string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** A TypeScript file of the harness as a browser script (the page half has no imports). */
function browserScript(file: string): string {
  const source = readFileSync(join(__dirname, file), "utf8");
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: false },
    fileName: file,
  });
  return out.outputText.replace(/^export \{\};?\s*$/m, "");
}

/** JSON for an inline <script>: no "</script>" or "<!--" can end it early. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** Files under `dir` only (no "..", no absolute paths), or null. */
function safeFile(dir: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(dir, rel));
  if (full !== dir && !full.startsWith(dir + sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolveBody(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Says so when a source file is newer than the build (the tests would run yesterday's pane), else null. */
export function staleBuildWarning(distDir: string): string | null {
  const built = join(distDir, "taskpane.html");
  if (!existsSync(built)) return null;
  const builtAt = statSync(built).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (statSync(p).mtimeMs > builtAt) newer.push(p.slice(REPO_ROOT.length + 1));
    }
  };
  walk(join(REPO_ROOT, "src"));
  return newer.length
    ? `dist/ is older than ${newer.slice(0, 3).join(", ")}${newer.length > 3 ? ` and ${newer.length - 3} more` : ""}`
    : null;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const distDir = resolve(options.distDir ?? DEFAULT_DIST);
  for (const f of ["taskpane.html", "commands.html"]) {
    if (!existsSync(join(distDir, f))) {
      throw new Error(`${join(distDir, f)} is missing: run \`npm run build\` before the browser tests`);
    }
  }
  if (!existsSync(join(OFFICE_JS_DIR, "office.js"))) {
    throw new Error(
      `${OFFICE_JS_DIR}/office.js is missing: run \`npm ci\` (devDependency @microsoft/office-js)`,
    );
  }
  const shim = browserScript("page-shim.ts");
  const previewScript = browserScript("preview-page.ts");

  let model = options.model;
  let host = new RichApiHost(model, options.host);
  /** Office.context.document.settings of the open document. */
  let documentSettings: Record<string, string> = {};
  let gate: Promise<void> | null = null;

  /** The simulated host's configuration script (served, not inline: the pages' CSP allows no inline script). */
  function configScript(theme: OfficeThemeName): string {
    const config = {
      endpoint: "/__host",
      supportedMatrix: host.supportedMatrix(),
      theme: OFFICE_THEMES[theme],
      locale: "en-GB",
      hostFullVersion: "16.0.17928.20114",
      documentSettings,
    };
    return `window.__simHostConfig = ${inlineJson(config)};`;
  }

  /**
   * The head of every harness page: config, the simulated host's page half, the local office.js. All from this
   * origin, so the add-in's Content-Security-Policy (scripts from 'self' and Microsoft's CDN only) holds here too.
   */
  function officeHead(theme: OfficeThemeName): string {
    return [
      `<script src="/__host/config.js?sim_theme=${theme}"></script>`,
      `<script src="/__host/shim.js"></script>`,
      `<script src="/office-js/office.js"></script>`,
      // A call beyond the declared requirement set must fail (the shipped runtime does not check by default).
      `<script src="/__host/api-check.js"></script>`,
    ].join("");
  }

  function addinPage(file: "taskpane.html" | "commands.html", theme: OfficeThemeName): string {
    const html = readFileSync(join(distDir, file), "utf8");
    if (!CDN_OFFICE_JS.test(html)) {
      throw new Error(
        `${file}: no <script src=".../lib/1/hosted/office.js"> to point at the local office.js`,
      );
    }
    return html.replace(CDN_OFFICE_JS, () => officeHead(theme));
  }

  function labPage(theme: OfficeThemeName): string {
    return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Simulated host lab</title>${officeHead(theme)}</head><body><p>office.js on the simulated Excel host: drive Excel.run from the test.</p></body></html>`;
  }

  function previewPage(): string {
    const pane = `/taskpane.html?_host_Info=${HOST_INFO}`;
    return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Programme RAG preview: the task pane on a simulated Excel</title>
<style>
  body { margin: 0; font-family: "Segoe UI", system-ui, sans-serif; display: flex; height: 100vh; color: #242424; }
  #pane { width: 380px; flex: none; border: 0; border-right: 1px solid #c8c8c8; height: 100vh; }
  #workbook { flex: 1; min-width: 0; display: flex; flex-direction: column; padding: 8px 16px; }
  #sheet { flex: 1; min-height: 0; overflow: auto; }
  h1 { font-size: 18px; margin: 4px 0 8px; }
  .tabs { display: flex; gap: 4px; flex-wrap: wrap; margin-bottom: 8px; }
  .tabs button { border: 1px solid #c8c8c8; background: #f5f5f5; padding: 4px 10px; cursor: pointer; }
  .tabs button[aria-pressed="true"] { background: #fff; border-bottom-color: #fff; font-weight: 600; }
  table { border-collapse: collapse; font-size: 12px; table-layout: fixed; }
  caption { text-align: left; font-weight: 600; padding: 4px 0; }
  col:first-child { width: 40px; }
  th, td { border: 1px solid #d6d6d6; padding: 2px 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  thead th { background: #f0f0f0; font-weight: 600; position: sticky; top: 0; }
  tbody th { background: #f0f0f0; font-weight: normal; color: #616161; position: sticky; left: 0; }
  .muted { color: #616161; font-size: 12px; }
</style>
</head>
<body>
<iframe id="pane" title="Programme RAG task pane" src="${pane}"></iframe>
<main id="workbook" aria-live="polite">
  <h1>Simulated workbook</h1>
  <p class="muted" id="status">Loading…</p>
  <div class="tabs" id="tabs" role="group" aria-label="Sheets"></div>
  <div id="sheet"></div>
</main>
<script src="/__host/preview.js"></script>
</body>
</html>`;
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://harness.invalid");
    const path = url.pathname;
    const theme: OfficeThemeName = url.searchParams.get("sim_theme") === "dark" ? "dark" : "light";
    if (req.method === "POST" && path === "/__host/batch") {
      // Read past the host's limit so the host itself answers RequestPayloadSizeLimitExceeded.
      const body = await readBody(req, host.payloadLimitBytes * 4);
      while (gate) await gate;
      send(res, 200, MIME[".json"]!, host.process(body));
      return;
    }
    if (req.method === "POST" && path === "/__host/document-settings") {
      documentSettings = JSON.parse(await readBody(req, 1_000_000)) as Record<string, string>;
      send(res, 204, MIME[".txt"]!, "");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, MIME[".txt"]!, "method not allowed");
      return;
    }
    switch (path) {
      case "/":
      case "/preview.html":
        send(res, 200, MIME[".html"]!, previewPage());
        return;
      case "/taskpane.html":
      case "/commands.html":
        send(res, 200, MIME[".html"]!, addinPage(path.slice(1) as "taskpane.html", theme));
        return;
      case "/lab.html":
        send(res, 200, MIME[".html"]!, labPage(theme));
        return;
      case "/__host/shim.js":
        send(res, 200, MIME[".js"]!, shim);
        return;
      case "/__host/config.js":
        send(res, 200, MIME[".js"]!, configScript(theme));
        return;
      case "/__host/api-check.js":
        send(
          res,
          200,
          MIME[".js"]!,
          "Office.onReady(function () { OfficeExtension.CommonUtility._doApiNotSupportedCheck = true; });",
        );
        return;
      case "/__host/preview.js":
        send(res, 200, MIME[".js"]!, previewScript);
        return;
      case "/__host/workbook.json":
        send(res, 200, MIME[".json"]!, JSON.stringify(workbookView(model, host.batches.length)));
        return;
    }
    const file = path.startsWith("/office-js/")
      ? safeFile(OFFICE_JS_DIR, path.slice("/office-js/".length))
      : safeFile(distDir, path.slice(1));
    if (!file) {
      send(res, 404, MIME[".txt"]!, "not found");
      return;
    }
    send(res, 200, MIME[extname(file)] ?? "application/octet-stream", readFileSync(file));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, MIME[".txt"]!, String(e instanceof Error ? e.stack : e));
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, options.hostname ?? "127.0.0.1", () => ok());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${options.hostname ?? "127.0.0.1"}:${address.port}`;

  return {
    origin,
    get host() {
      return host;
    },
    get model() {
      return model;
    },
    reset(next: WorkbookModel, hostOptions?: RichApiHostOptions) {
      model = next;
      host = new RichApiHost(model, hostOptions ?? options.host);
      documentSettings = {};
    },
    paneUrl(o: PaneUrlOptions = {}) {
      const page = o.page ?? "taskpane.html";
      const theme = o.theme === "dark" ? "&sim_theme=dark" : "";
      return `${origin}/${page}?_host_Info=${HOST_INFO}${theme}`;
    },
    hold() {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      gate = held;
      return () => {
        if (gate === held) gate = null;
        release();
      };
    },
    previewUrl() {
      return `${origin}/preview.html`;
    },
    close() {
      return new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
    },
  };
}
