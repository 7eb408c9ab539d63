import { readFileSync } from "node:fs";
import path from "node:path";
import {
  NS,
  crossCheckManifest,
  loadProjectFacts,
  parseManifest,
  registeredFunctionNames,
  type BuiltFile,
  type ManifestIssue,
  type ProjectFacts,
} from "../../scripts/manifest-checks";
import { encodePng } from "../../scripts/png";
import { EXCEL_API_REQUIREMENT } from "../../src/requirements";
import { MANIFEST, ROOT, replaceOnce } from "./helpers";

let facts: ProjectFacts;
beforeAll(async () => {
  facts = await loadProjectFacts(ROOT);
});

function withFile(base: ProjectFacts, file: string, built: BuiltFile | null): ProjectFacts {
  const builtFiles = new Map(base.builtFiles);
  if (built) builtFiles.set(file, built);
  else builtFiles.delete(file);
  return { ...base, builtFiles };
}

function rules(issues: ManifestIssue[]): string[] {
  return issues.map((i) => i.rule);
}

describe("the project as webpack.config.js builds it", () => {
  it("produces the task pane, the function file and the help page from their templates", () => {
    const page = (file: string) => facts.builtFiles.get(file);
    expect(page("taskpane.html")).toMatchObject({ kind: "page", template: "./src/taskpane/taskpane.html" });
    expect(page("taskpane.html")).toMatchObject({ scriptFiles: [path.join("src", "taskpane", "index.tsx")] });
    expect(page("commands.html")).toMatchObject({ kind: "page", template: "./src/commands/commands.html" });
    expect(page("commands.html")).toMatchObject({
      scriptFiles: [path.join("src", "commands", "commands.ts")],
    });
    expect(page("support.html")).toMatchObject({ kind: "page", scriptFiles: [] });
  });

  it("loads office.js from Microsoft's CDN in both Office pages", () => {
    for (const template of ["src/taskpane/taskpane.html", "src/commands/commands.html"]) {
      const html = readFileSync(path.join(ROOT, template), "utf8");
      expect(html).toContain(
        '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
      );
    }
  });

  it("copies the icons and the manifest", () => {
    for (const file of [
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
    ]) {
      expect(facts.builtFiles.get(file)).toMatchObject({ kind: "copy", source: path.join(ROOT, file) });
    }
    expect(facts.builtFiles.get("manifest.xml")).toMatchObject({ kind: "copy" });
  });

  it("takes the requirement set from src/requirements.ts", () => {
    expect(facts.excelApiRequirement).toBe(EXCEL_API_REQUIREMENT);
    expect(EXCEL_API_REQUIREMENT).toBe("1.9");
  });
});

describe("manifest.xml", () => {
  const doc = parseManifest(MANIFEST);
  const text = (ns: string, name: string) => doc.getElementsByTagNameNS(ns, name).item(0)?.textContent;
  const attr = (ns: string, name: string, attribute: string) =>
    doc.getElementsByTagNameNS(ns, name).item(0)?.getAttribute(attribute);
  const resource = (id: string) =>
    Array.from({ length: doc.getElementsByTagNameNS(NS.bt, "String").length }, (_, i) =>
      doc.getElementsByTagNameNS(NS.bt, "String").item(i),
    )
      .find((el) => el?.getAttribute("id") === id)
      ?.getAttribute("DefaultValue");

  it("keeps its identity: the Id must never change, or Office treats it as another add-in", () => {
    expect(text(NS.app, "Id")).toBe("6a52ac86-8f53-4717-9e61-4ce94d84414a");
    expect(text(NS.app, "Version")).toBe("1.0.0.0");
    expect(attr(NS.app, "DisplayName", "DefaultValue")).toBe("Programme RAG");
    expect(text(NS.app, "DefaultLocale")).toBe("en-GB");
    expect(text(NS.app, "Permissions")).toBe("ReadWriteDocument");
  });

  it("puts the two buttons, with supertips, in a group on the Home tab", () => {
    expect(attr(NS.ov, "OfficeTab", "id")).toBe("TabHome");
    const controls = doc.getElementsByTagNameNS(NS.ov, "Control");
    expect(controls.length).toBe(2);
    const labels = [0, 1].map((i) => {
      const control = controls.item(i);
      const label = control?.getElementsByTagNameNS(NS.ov, "Label").item(0)?.getAttribute("resid") ?? "";
      const tip = control?.getElementsByTagNameNS(NS.ov, "Supertip").item(0);
      const tipText = tip?.getElementsByTagNameNS(NS.ov, "Description").item(0)?.getAttribute("resid") ?? "";
      const action = control?.getElementsByTagNameNS(NS.ov, "Action").item(0);
      return [resource(label), (resource(tipText) ?? "").length > 20, action?.getAttributeNS(NS.xsi, "type")];
    });
    expect(labels).toEqual([
      ["RAG pane", true, "ShowTaskpane"],
      ["Refresh RAG", true, "ExecuteFunction"],
    ]);
    expect(text(NS.ov, "FunctionName")).toBe("refreshRag");
  });
});

describe("crossCheckManifest on manifest.xml", () => {
  it("finds nothing wrong with the manifest as it is", () => {
    expect(crossCheckManifest(MANIFEST, facts)).toEqual([]);
  });

  it("reports a resid that points nowhere, with its line", () => {
    const broken = replaceOnce(MANIFEST, '<Label resid="Group.Label"/>', '<Label resid="Group.Lable"/>');
    const issues = crossCheckManifest(broken, facts);
    const lineOfLabel = broken.split("\n").findIndex((l) => l.includes('resid="Group.Lable"')) + 1;
    expect(issues).toContainEqual({
      rule: "resid",
      message: '<Label resid="Group.Lable"> names no resource in <Resources>',
      line: lineOfLabel,
    });
    // ...and the resource it should have named is now unused.
    expect(issues).toContainEqual(
      expect.objectContaining({ rule: "unused-resource", message: expect.stringContaining('"Group.Label"') }),
    );
  });

  it("reports a resid that names a resource of the wrong kind", () => {
    const broken = replaceOnce(
      MANIFEST,
      '<Description resid="RefreshButton.Tooltip"/>',
      '<Description resid="RefreshButton.Label"/>',
    );
    expect(crossCheckManifest(broken, facts)).toContainEqual(
      expect.objectContaining({
        rule: "resid",
        message: '<Description resid="RefreshButton.Label"> needs a LongStrings resource, not ShortStrings',
      }),
    );
  });

  it("reports a resource that nothing uses, and an id defined twice", () => {
    const extra = replaceOnce(
      MANIFEST,
      "</bt:ShortStrings>",
      '<bt:String id="Spare.Label" DefaultValue="Spare"/><bt:String id="Group.Label" DefaultValue="Again"/></bt:ShortStrings>',
    );
    const issues = crossCheckManifest(extra, facts);
    expect(issues).toContainEqual(
      expect.objectContaining({ rule: "unused-resource", message: expect.stringContaining('"Spare.Label"') }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ rule: "duplicate-id", message: expect.stringContaining('"Group.Label"') }),
    );
  });

  it.each([
    ["a misspelt host", '<Host Name="Workbook"/>', '<Host Name="Workbok"/>'],
    ["a second host", '<Host Name="Workbook"/>', '<Host Name="Workbook"/><Host Name="Document"/>'],
    ["another host in VersionOverrides", '<Host xsi:type="Workbook">', '<Host xsi:type="Document">'],
  ])("reports %s", (_what, from, to) => {
    expect(rules(crossCheckManifest(replaceOnce(MANIFEST, from, to), facts))).toContain("host");
  });

  it("reports an ExcelApi version other than src/requirements.ts's", () => {
    const older = replaceOnce(
      MANIFEST,
      '<Set Name="ExcelApi" MinVersion="1.9"/>',
      '<Set Name="ExcelApi" MinVersion="1.7"/>',
    );
    expect(crossCheckManifest(older, facts)).toContainEqual(
      expect.objectContaining({
        rule: "requirement",
        message: "ExcelApi MinVersion is 1.7 but src/requirements.ts says 1.9",
      }),
    );
    // The same manifest passes when the code's requirement moves with it.
    expect(crossCheckManifest(older, { ...facts, excelApiRequirement: "1.7" })).toEqual([]);
  });

  it("reports a missing ExcelApi requirement", () => {
    const none = replaceOnce(
      MANIFEST,
      '<Set Name="ExcelApi" MinVersion="1.9"/>',
      '<Set Name="DialogApi" MinVersion="1.1"/>',
    );
    expect(rules(crossCheckManifest(none, facts))).toContain("requirement");
  });

  it("reports an icon file that is missing, and one of the wrong size", () => {
    const missing = crossCheckManifest(MANIFEST, withFile(facts, "assets/icon-80.png", null));
    expect(missing).toContainEqual(
      expect.objectContaining({
        rule: "url",
        message: expect.stringContaining("assets/icon-80.png, which the webpack build does not produce"),
      }),
    );
    const small = encodePng(16, 16, new Uint8Array(16 * 16 * 4));
    const wrongSize = crossCheckManifest(
      MANIFEST,
      withFile(facts, "assets/icon-32.png", { kind: "copy", source: "assets/icon-32.png", bytes: small }),
    );
    expect(wrongSize).toContainEqual(
      expect.objectContaining({ rule: "icon", message: "IconUrl: assets/icon-32.png is 16x16, not 32x32" }),
    );
    expect(wrongSize).toContainEqual(
      expect.objectContaining({
        rule: "icon",
        message: '<bt:Image size="32">: assets/icon-32.png is 16x16, not 32x32',
      }),
    );
    const notPng = crossCheckManifest(
      MANIFEST,
      withFile(facts, "assets/icon-16.png", {
        kind: "copy",
        source: "assets/icon-16.png",
        bytes: Buffer.from("GIF89a"),
      }),
    );
    expect(rules(notPng)).toContain("icon");
  });

  it("reports an image resource used at a size it is not", () => {
    const swapped = replaceOnce(
      MANIFEST,
      '<bt:Image size="80" resid="Refresh.80"/>',
      '<bt:Image size="80" resid="Refresh.32"/>',
    );
    expect(crossCheckManifest(swapped, facts)).toContainEqual(
      expect.objectContaining({
        rule: "icon",
        message: '<bt:Image size="80">: assets/refresh-32.png is 32x32, not 80x80',
      }),
    );
  });

  it("reports a page the webpack config does not build, and a URL outside the dev server", () => {
    const noPane = crossCheckManifest(MANIFEST, withFile(facts, "taskpane.html", null));
    expect(noPane.filter((i) => i.rule === "url")).toHaveLength(2); // DefaultSettings and the Taskpane.Url resource
    const elsewhere = replaceOnce(
      MANIFEST,
      '"https://localhost:3000/support.html"/>\n  <Hosts>',
      '"https://example.org/help"/>\n  <Hosts>',
    );
    expect(crossCheckManifest(elsewhere, facts)).toContainEqual(
      expect.objectContaining({
        rule: "url",
        message: expect.stringContaining(
          'SupportUrl: "https://example.org/help" is not under https://localhost:3000/',
        ),
      }),
    );
  });

  it("reports a FunctionName that the function file does not register", () => {
    const renamed = replaceOnce(
      MANIFEST,
      "<FunctionName>refreshRag</FunctionName>",
      "<FunctionName>refreshRAG</FunctionName>",
    );
    expect(crossCheckManifest(renamed, facts)).toContainEqual(
      expect.objectContaining({
        rule: "function",
        message: expect.stringContaining('FunctionName "refreshRAG" is not registered by commands.html'),
      }),
    );
    const commands = facts.builtFiles.get("commands.html") as Extract<BuiltFile, { kind: "page" }>;
    const unregistered = withFile(facts, "commands.html", {
      ...commands,
      scriptSources: [
        'Office.onReady(() => undefined); // forgot Office.actions.associate("refreshRag", ...)',
      ],
    });
    expect(rules(crossCheckManifest(MANIFEST, unregistered))).toContain("function");
  });

  it("reports ExecuteFunction without a FunctionFile", () => {
    const noFile = replaceOnce(
      replaceOnce(MANIFEST, '<FunctionFile resid="Commands.Url"/>', ""),
      '<bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>',
      "",
    );
    expect(crossCheckManifest(noFile, facts)).toEqual([
      expect.objectContaining({
        rule: "function",
        message: "ExecuteFunction buttons need a <FunctionFile> in their form factor",
      }),
    ]);
  });

  it("reports XML that is not well-formed instead of throwing", () => {
    expect(rules(crossCheckManifest(MANIFEST.replace("</OfficeApp>", ""), facts))).toEqual(["xml"]);
  });
});

describe("registeredFunctionNames", () => {
  it("reads the names given to Office.actions.associate, as literals or consts", () => {
    const source = [
      'const OTHER = "other";',
      'Office.actions.associate("refreshRag", refreshRag);',
      "Office.actions.associate( 'second' , f);",
      "Office . actions . associate(OTHER, g);",
    ].join("\n");
    expect(registeredFunctionNames(source)).toEqual(["refreshRag", "second", "other"]);
  });

  it("ignores comments, strings and other associate functions", () => {
    const source = [
      '// Office.actions.associate("inComment", f);',
      '/* Office.actions.associate("inBlock", f); */',
      "const text = \"Office.actions.associate('inString', f)\";",
      'other.associate("notOffice", f);',
      "let mutable = 'x'; Office.actions.associate(mutable, f);",
    ].join("\n");
    expect(registeredFunctionNames(source)).toEqual([]);
  });

  it("finds refreshRag in src/commands/commands.ts", () => {
    const source = readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
    expect(registeredFunctionNames(source)).toContain("refreshRag");
  });
});
