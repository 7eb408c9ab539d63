import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { MAIN_SCHEMA, validateManifestSchema } from "../../scripts/manifest-checks";
import { MANIFEST, SCHEMA_DIR, replaceOnce } from "./helpers";

describe("manifest.xml against Microsoft's add-in manifest XSDs (xmllint-wasm, offline)", () => {
  it("is valid", async () => {
    expect(await validateManifestSchema(MANIFEST, SCHEMA_DIR)).toEqual([]);
  });

  it("keeps the schemas with their source and licence note", () => {
    const files = readdirSync(SCHEMA_DIR);
    expect(files).toEqual(
      expect.arrayContaining([
        MAIN_SCHEMA,
        "OfficeAppBasicTypesV1_0.xsd",
        "TaskPaneAppVersionOverridesV1_0.xsd",
        "README.md",
      ]),
    );
    const readme = readFileSync(path.join(SCHEMA_DIR, "README.md"), "utf8");
    expect(readme).toContain("OfficeDev/office-js-docs-pr");
    expect(readme).toContain("MIT");
  });

  it.each([
    [
      "a missing <Id>",
      (xml: string) => xml.replace(/<Id>[^<]*<\/Id>/, ""),
      "Expected is ( {http://schemas.microsoft.com/office/appforoffice/1.1}Id )",
    ],
    [
      "a misspelt element",
      (xml: string) =>
        replaceOnce(
          xml,
          "<TaskpaneId>ProgrammeRag.Pane</TaskpaneId>",
          "<TaskPaneId>ProgrammeRag.Pane</TaskPaneId>",
        ),
      "TaskPaneId': This element is not expected",
    ],
    [
      "elements out of order",
      (xml: string) =>
        replaceOnce(
          replaceOnce(xml, "<Permissions>ReadWriteDocument</Permissions>", ""),
          "<DefaultSettings>",
          "<Permissions>ReadWriteDocument</Permissions><DefaultSettings>",
        ),
      "Permissions': This element is not expected",
    ],
    [
      "an unknown permission",
      (xml: string) => replaceOnce(xml, "ReadWriteDocument", "ReadWriteEverything"),
      "is not an element of the set",
    ],
    [
      "a display name over 125 characters",
      (xml: string) =>
        replaceOnce(
          xml,
          'DisplayName DefaultValue="Programme RAG"',
          `DisplayName DefaultValue="${"x".repeat(126)}"`,
        ),
      "maxLength",
    ],
    [
      "a Version with five parts",
      (xml: string) => replaceOnce(xml, "<Version>1.0.0.0</Version>", "<Version>1.0.0.0.0</Version>"),
      "pattern",
    ],
    [
      "a resid longer than 32 characters",
      (xml: string) => xml.split('resid="Chart.16"').join(`resid="${"c".repeat(33)}"`),
      "maxLength",
    ],
  ])("rejects %s", async (_what, mutate, expected) => {
    const issues = await validateManifestSchema(mutate(MANIFEST), SCHEMA_DIR);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.message).join("\n")).toContain(expected);
    expect(issues.every((i) => i.rule === "schema")).toBe(true);
  });
});
