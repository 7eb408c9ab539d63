// Offline checks of manifest.xml: Microsoft's XSDs (through xmllint-wasm), then what the schema cannot see,
// cross-checked against this project (resource ids, host, requirement set, icons, the webpack build, the ribbon
// function). Used by `npm run validate:manifest` (scripts/validate-manifest.ts) and by tests/manifest.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DOMParser, onErrorStopParsing, type Document, type Element } from "@xmldom/xmldom";
import ts from "typescript";
import { validateXML } from "xmllint-wasm";
import { EXCEL_API_REQUIREMENT } from "../src/requirements";
import { DEV_URL } from "./manifest-url";
import { readPngHeader } from "./png";

export const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

export type IssueRule =
  | "xml" // not well-formed
  | "schema" // fails the XSDs
  | "resid" // a resid that names no resource, or a resource of the wrong kind
  | "unused-resource"
  | "duplicate-id"
  | "app-type"
  | "host"
  | "requirement"
  | "url" // a URL outside the base URL, or one the build does not produce
  | "icon" // a missing, non-PNG or wrongly sized image
  | "function"; // ExecuteFunction name not registered by the function file, or no function file

export interface ManifestIssue {
  rule: IssueRule;
  message: string;
  /** 1-based line in the manifest, when known. */
  line: number | null;
}

/** A file the webpack build writes into dist/, keyed by its path there ("taskpane.html", "assets/icon-16.png"). */
export type BuiltFile =
  | { kind: "page"; template: string; scriptFiles: readonly string[]; scriptSources: readonly string[] }
  | { kind: "copy"; source: string; bytes: Uint8Array };

/** What the manifest is checked against: facts about the project, gathered by loadProjectFacts(). */
export interface ProjectFacts {
  /** The base URL every add-in URL in the manifest must start with (the dev server's). */
  baseUrl: string;
  /** The ExcelApi version the code relies on (src/requirements.ts). */
  excelApiRequirement: string;
  builtFiles: ReadonlyMap<string, BuiltFile>;
}

// ---------------------------------------------------------------------------------------------------------
// Schema validation

export const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";

/** Validates the manifest against the XSDs in schemaDir (MAIN_SCHEMA, the others preloaded for its imports). */
export async function validateManifestSchema(xml: string, schemaDir: string): Promise<ManifestIssue[]> {
  const xsds = readdirSync(schemaDir).filter((f) => f.endsWith(".xsd"));
  if (!xsds.includes(MAIN_SCHEMA)) throw new Error(`${MAIN_SCHEMA} not found in ${schemaDir}`);
  const read = (fileName: string) => ({
    fileName,
    contents: readFileSync(path.join(schemaDir, fileName), "utf8"),
  });
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [read(MAIN_SCHEMA)],
    preload: xsds.filter((f) => f !== MAIN_SCHEMA).map(read),
  });
  if (result.valid) return [];
  const issues = result.errors.map((e): ManifestIssue => ({
    rule: "schema",
    message: e.message,
    line: e.loc?.lineNumber ?? null,
  }));
  // xmllint reports some failures (a document that is not well-formed) only in its raw output.
  return issues.length > 0 ? issues : [{ rule: "schema", message: result.rawOutput.trim(), line: null }];
}

// ---------------------------------------------------------------------------------------------------------
// Cross-checks

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/** Which kind of resource an element's resid must name. */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
};

/** Sizes Office asks for: IconUrl 32 x 32 and HighResolutionIconUrl 64 x 64 for task-pane add-ins. */
const TOP_LEVEL_ICON_SIZE: Record<string, number> = { IconUrl: 32, HighResolutionIconUrl: 64 };

function all(root: Document | Element, ns: string, localName: string): Element[] {
  const list = root.getElementsByTagNameNS(ns, localName);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i) as Element);
  return out;
}

function children(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.namespaceURI === ns && el.localName === localName) out.push(el);
    }
  }
  return out;
}

function line(el: Element): number | null {
  return el.lineNumber ?? null;
}

/** xsi:type without any namespace prefix ("ov:Workbook" and "Workbook" both give "Workbook"). */
function xsiType(el: Element): string {
  const value = el.getAttributeNS(NS.xsi, "type") ?? "";
  return value.includes(":") ? value.slice(value.indexOf(":") + 1) : value;
}

export function parseManifest(xml: string): Document {
  return new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, "text/xml");
}

/**
 * The names a script registers with Office.actions.associate(name, ...), read from its syntax tree (comments and
 * strings do not count). The name may be a string literal or a const in the same file that holds one.
 */
export function registeredFunctionNames(source: string, fileName = "commands.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const constants = new Map<string, string>();
  const calls: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isStringLiteralLike(node.initializer) &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      constants.set(node.name.text, node.initializer.text);
    }
    if (
      ts.isCallExpression(node) &&
      node.expression.getText(file).replace(/\s/g, "") === "Office.actions.associate"
    ) {
      const first = node.arguments[0];
      if (first) calls.push(first);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls.flatMap((arg) => {
    if (ts.isStringLiteralLike(arg)) return [arg.text];
    if (ts.isIdentifier(arg) && constants.has(arg.text)) return [constants.get(arg.text) as string];
    return [];
  });
}

/** Checks a manifest against the project; an empty list means no problem found. */
export function crossCheckManifest(xml: string, facts: ProjectFacts): ManifestIssue[] {
  let doc: Document;
  try {
    doc = parseManifest(xml);
  } catch (e) {
    return [{ rule: "xml", message: `not well-formed XML: ${(e as Error).message}`, line: null }];
  }
  const issues: ManifestIssue[] = [];
  const report = (rule: IssueRule, message: string, at: Element | null) =>
    issues.push({ rule, message, line: at ? line(at) : null });

  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.app || root.localName !== "OfficeApp") {
    report("app-type", "the root element is not OfficeApp in the add-in manifest namespace", null);
    return issues;
  }
  if (xsiType(root) !== "TaskPaneApp")
    report("app-type", `OfficeApp is "${xsiType(root)}", not TaskPaneApp`, root);

  checkHosts(root, report);
  checkRequirement(root, facts.excelApiRequirement, report);
  const resources = checkResources(doc, report);
  checkUrlsAndIcons(doc, root, resources, facts, report);
  checkFunctions(doc, resources, facts, report);
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

type Report = (rule: IssueRule, message: string, at: Element | null) => void;

function checkHosts(root: Element, report: Report): void {
  const hostLists = children(root, NS.app, "Hosts");
  const hosts = hostLists.flatMap((h) => children(h, NS.app, "Host"));
  const names = hosts.map((h) => h.getAttribute("Name") ?? "");
  if (names.length !== 1 || names[0] !== "Workbook") {
    report(
      "host",
      `<Hosts> must name exactly the host Workbook; it names [${names.join(", ")}]`,
      hosts[0] ?? root,
    );
  }
  const overrides = children(root, NS.ov, "VersionOverrides");
  if (overrides.length === 0) {
    report("host", "no VersionOverrides: the ribbon buttons need them", root);
    return;
  }
  for (const vo of overrides) {
    const voHosts = children(vo, NS.ov, "Hosts").flatMap((h) => children(h, NS.ov, "Host"));
    const types = voHosts.map(xsiType);
    if (types.length !== 1 || types[0] !== "Workbook") {
      report(
        "host",
        `VersionOverrides must have exactly one Host, Workbook; it has [${types.join(", ")}]`,
        vo,
      );
    }
  }
}

function checkRequirement(root: Element, expected: string, report: Report): void {
  const sets = children(root, NS.app, "Requirements").flatMap((r) => children(r, NS.app, "Sets"));
  const excel = sets.flatMap((s) =>
    children(s, NS.app, "Set")
      .filter((set) => set.getAttribute("Name") === "ExcelApi")
      .map((set) => ({
        set,
        version: set.getAttribute("MinVersion") || s.getAttribute("DefaultMinVersion") || "1.1",
      })),
  );
  if (excel.length !== 1) {
    report("requirement", `<Requirements> must declare the ExcelApi set once; found ${excel.length}`, root);
    return;
  }
  const only = excel[0] as { set: Element; version: string };
  if (only.version !== expected) {
    report(
      "requirement",
      `ExcelApi MinVersion is ${only.version} but src/requirements.ts says ${expected}`,
      only.set,
    );
  }
}

interface Resource {
  kind: ResourceKind;
  el: Element;
  value: string;
}

function checkResources(doc: Document, report: Report): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  const kinds: [ResourceKind, string][] = [
    ["Images", "Image"],
    ["Urls", "Url"],
    ["ShortStrings", "String"],
    ["LongStrings", "String"],
  ];
  for (const resourcesEl of all(doc, NS.ov, "Resources")) {
    for (const [kind, item] of kinds) {
      for (const el of children(resourcesEl, NS.bt, kind).flatMap((list) => children(list, NS.bt, item))) {
        const id = el.getAttribute("id") ?? "";
        if (resources.has(id)) report("duplicate-id", `resource id "${id}" is defined more than once`, el);
        else resources.set(id, { kind, el, value: el.getAttribute("DefaultValue") ?? "" });
      }
    }
  }
  const used = new Set<string>();
  const referrers = all(doc, "*", "*").filter((el) => el.hasAttribute("resid"));
  for (const el of referrers) {
    const resid = el.getAttribute("resid") ?? "";
    used.add(resid);
    const resource = resources.get(resid);
    const wanted = RESID_KIND[el.localName ?? ""];
    if (!resource) {
      report("resid", `<${el.localName} resid="${resid}"> names no resource in <Resources>`, el);
    } else if (wanted && resource.kind !== wanted) {
      report(
        "resid",
        `<${el.localName} resid="${resid}"> needs a ${wanted} resource, not ${resource.kind}`,
        el,
      );
    }
  }
  for (const [id, resource] of resources) {
    if (!used.has(id))
      report("unused-resource", `resource "${id}" is defined but no resid uses it`, resource.el);
  }
  return resources;
}

/** The dist path a base-URL URL names ("https://localhost:3000/assets/a.png?v=1" -> "assets/a.png"). */
function builtPath(url: string, baseUrl: string): string | null {
  if (!url.startsWith(baseUrl)) return null;
  const rest = url.slice(baseUrl.length).replace(/[?#].*$/, "");
  return decodeURIComponent(rest) || "index.html";
}

function checkUrlsAndIcons(
  doc: Document,
  root: Element,
  resources: Map<string, Resource>,
  facts: ProjectFacts,
  report: Report,
): void {
  // Every URL: the top-level settings, the URL and image resources, and their locale overrides.
  const urls: { el: Element; url: string; what: string }[] = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    for (const el of children(root, NS.app, name))
      urls.push({ el, url: el.getAttribute("DefaultValue") ?? "", what: name });
  }
  for (const settings of children(root, NS.app, "DefaultSettings")) {
    for (const el of children(settings, NS.app, "SourceLocation")) {
      urls.push({ el, url: el.getAttribute("DefaultValue") ?? "", what: "DefaultSettings/SourceLocation" });
    }
  }
  for (const r of resources.values()) {
    if (r.kind === "Images" || r.kind === "Urls") {
      urls.push({ el: r.el, url: r.value, what: `resource "${r.el.getAttribute("id")}"` });
    }
  }
  for (const el of [...all(doc, NS.app, "Override"), ...all(doc, NS.bt, "Override")]) {
    const value = el.getAttribute("Value") ?? "";
    if (/^https?:/i.test(value))
      urls.push({ el, url: value, what: `Override for ${el.getAttribute("Locale")}` });
  }

  for (const { el, url, what } of urls) {
    const file = builtPath(url, facts.baseUrl);
    if (file === null) {
      report("url", `${what}: "${url}" is not under ${facts.baseUrl}, where the add-in is served from`, el);
    } else if (!facts.builtFiles.has(file)) {
      report("url", `${what}: "${url}" names ${file}, which the webpack build does not produce`, el);
    }
  }

  const checkImage = (el: Element, url: string, size: number | null, what: string) => {
    const file = builtPath(url, facts.baseUrl);
    const built = file === null ? undefined : facts.builtFiles.get(file);
    if (!built) return; // reported above as a URL problem
    if (built.kind !== "copy") {
      report("icon", `${what}: ${file} is a page, not an image`, el);
      return;
    }
    const header = readPngHeader(built.bytes);
    if (!header) {
      report("icon", `${what}: ${path.relative(process.cwd(), built.source)} is not a PNG`, el);
    } else if (size !== null && (header.width !== size || header.height !== size)) {
      report("icon", `${what}: ${file} is ${header.width}x${header.height}, not ${size}x${size}`, el);
    }
  };
  for (const [name, size] of Object.entries(TOP_LEVEL_ICON_SIZE)) {
    for (const el of children(root, NS.app, name))
      checkImage(el, el.getAttribute("DefaultValue") ?? "", size, name);
  }
  for (const r of resources.values()) {
    if (r.kind === "Images") checkImage(r.el, r.value, null, `image "${r.el.getAttribute("id")}"`);
  }
  for (const use of all(doc, NS.bt, "Image").filter((el) => el.hasAttribute("resid"))) {
    const resource = resources.get(use.getAttribute("resid") ?? "");
    if (resource?.kind === "Images") {
      checkImage(
        use,
        resource.value,
        Number(use.getAttribute("size")),
        `<bt:Image size="${use.getAttribute("size")}">`,
      );
    }
  }
}

function checkFunctions(
  doc: Document,
  resources: Map<string, Resource>,
  facts: ProjectFacts,
  report: Report,
): void {
  for (const formFactor of all(doc, NS.ov, "DesktopFormFactor")) {
    const actions = all(formFactor, NS.ov, "Action").filter((a) => xsiType(a) === "ExecuteFunction");
    if (actions.length === 0) continue;
    const functionFile = children(formFactor, NS.ov, "FunctionFile")[0];
    if (!functionFile) {
      report(
        "function",
        "ExecuteFunction buttons need a <FunctionFile> in their form factor",
        actions[0] ?? null,
      );
      continue;
    }
    const url = resources.get(functionFile.getAttribute("resid") ?? "")?.value ?? "";
    const file = builtPath(url, facts.baseUrl);
    const page = file === null ? undefined : facts.builtFiles.get(file);
    if (!page || page.kind !== "page") {
      report("function", `the FunctionFile "${url}" is not a page the webpack build produces`, functionFile);
      continue;
    }
    const registered = new Set(
      page.scriptSources.flatMap((source, i) => registeredFunctionNames(source, page.scriptFiles[i])),
    );
    for (const action of actions) {
      const name = (children(action, NS.ov, "FunctionName")[0]?.textContent ?? "").trim();
      if (!registered.has(name)) {
        report(
          "function",
          `FunctionName "${name}" is not registered by ${file}: its scripts (${page.scriptFiles.join(", ")}) ` +
            `call Office.actions.associate with [${[...registered].join(", ")}]`,
          action,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Facts from this project: what the webpack config builds, and the requirement set.

interface HtmlPluginLike {
  userOptions: { filename?: string; template?: string; chunks?: string[] | "all" };
}
interface CopyPattern {
  from: string;
  to?: string;
}
interface CopyPluginLike {
  patterns: (string | CopyPattern)[];
}
interface WebpackConfigLike {
  entry: Record<string, string | string[]>;
  plugins: object[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(full) : [full];
  });
}

/** What the production webpack config writes into dist/ (pages and copied files), read from the config itself. */
export async function loadProjectFacts(rootDir: string): Promise<ProjectFacts> {
  const load = createRequire(path.join(rootDir, "package.json"));
  const HtmlWebpackPlugin = load("html-webpack-plugin") as new (...args: never[]) => HtmlPluginLike;
  const CopyWebpackPlugin = load("copy-webpack-plugin") as new (...args: never[]) => CopyPluginLike;
  const makeConfig = load(path.join(rootDir, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: Record<string, unknown>,
  ) => Promise<WebpackConfigLike>;
  const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });

  const builtFiles = new Map<string, BuiltFile>();
  const add = (file: string, built: BuiltFile) => {
    const key = file.split(path.sep).join("/");
    if (builtFiles.has(key)) throw new Error(`two webpack outputs write dist/${key}`);
    builtFiles.set(key, built);
  };
  for (const plugin of config.plugins) {
    if (plugin instanceof HtmlWebpackPlugin) {
      const { filename = "index.html", template = "", chunks = "all" } = plugin.userOptions;
      const names = chunks === "all" ? Object.keys(config.entry) : chunks;
      const scriptFiles = names.flatMap((n) => config.entry[n] ?? []).map((f) => path.resolve(rootDir, f));
      add(filename, {
        kind: "page",
        template,
        scriptFiles: scriptFiles.map((f) => path.relative(rootDir, f)),
        scriptSources: scriptFiles.map((f) => readFileSync(f, "utf8")),
      });
    } else if (plugin instanceof CopyWebpackPlugin) {
      for (const pattern of plugin.patterns) {
        const { from, to } = typeof pattern === "string" ? { from: pattern, to: undefined } : pattern;
        if (/[*?[\]{}!]/.test(from)) {
          throw new Error(`copy pattern "${from}" is a glob: teach scripts/manifest-checks.ts to expand it`);
        }
        const source = path.resolve(rootDir, from);
        if (statSync(source).isDirectory()) {
          for (const file of listFiles(source)) {
            add(path.join(to ?? "", path.relative(source, file)), {
              kind: "copy",
              source: file,
              bytes: readFileSync(file),
            });
          }
        } else {
          const target = to === undefined || to.endsWith("/") ? path.join(to ?? "", path.basename(from)) : to;
          add(target, { kind: "copy", source, bytes: readFileSync(source) });
        }
      }
    }
  }
  return { baseUrl: DEV_URL, excelApiRequirement: EXCEL_API_REQUIREMENT, builtFiles };
}
