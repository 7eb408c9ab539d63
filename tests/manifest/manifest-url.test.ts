import { crossCheckManifest, loadProjectFacts, validateManifestSchema } from "../../scripts/manifest-checks";
import {
  DEFAULT_PRODUCTION_URL,
  DEV_URL,
  productionUrl,
  rewriteManifestUrls,
} from "../../scripts/manifest-url";
import { MANIFEST, ROOT, SCHEMA_DIR } from "./helpers";

const PROD = "https://rag.example-council.gov.uk/addin/";

describe("productionUrl", () => {
  it("defaults when PROGRAMME_RAG_URL is unset or blank", () => {
    expect(productionUrl({})).toBe(DEFAULT_PRODUCTION_URL);
    expect(productionUrl({ PROGRAMME_RAG_URL: "  " })).toBe(DEFAULT_PRODUCTION_URL);
    expect(DEFAULT_PRODUCTION_URL).toBe("https://programme-rag.example.gov.uk/");
  });

  it("takes PROGRAMME_RAG_URL and ends it with a slash", () => {
    expect(productionUrl({ PROGRAMME_RAG_URL: PROD })).toBe(PROD);
    expect(productionUrl({ PROGRAMME_RAG_URL: "https://rag.example-council.gov.uk/addin" })).toBe(PROD);
  });

  it.each([
    ["http://rag.example-council.gov.uk/", "must be https"],
    ["https://localhost:3000/", "must not point at this machine"],
    ["https://127.0.0.1/", "must not point at this machine"],
    ["https://rag.example-council.gov.uk/?v=2", "without ?query"],
    ["rag.example-council.gov.uk", "is not a URL"],
  ])("refuses %s", (url, message) => {
    expect(() => productionUrl({ PROGRAMME_RAG_URL: url })).toThrow(message);
  });
});

describe("rewriteManifestUrls on manifest.xml", () => {
  const rewritten = rewriteManifestUrls(MANIFEST, PROD);

  it("rewrites every dev URL and leaves no localhost URL", () => {
    const devCount = MANIFEST.split(DEV_URL).length - 1;
    expect(devCount).toBeGreaterThanOrEqual(10);
    expect(rewritten).not.toContain(DEV_URL);
    expect(rewritten.split(PROD).length - 1).toBe(devCount);
    expect(rewritten).toContain(`<SourceLocation DefaultValue="${PROD}taskpane.html"/>`);
    expect(rewritten).toContain(`<bt:Url id="Commands.Url" DefaultValue="${PROD}commands.html"/>`);
  });

  it("changes nothing else", () => {
    expect(rewritten.split(PROD).join(DEV_URL)).toBe(MANIFEST);
  });

  it("gives a manifest that still passes the schema and, against the production URL, the cross-checks", async () => {
    expect(await validateManifestSchema(rewritten, SCHEMA_DIR)).toEqual([]);
    const facts = await loadProjectFacts(ROOT);
    expect(crossCheckManifest(rewritten, { ...facts, baseUrl: PROD })).toEqual([]);
  });

  it("fails when the manifest has no dev URL, so a changed manifest cannot ship as it is", () => {
    const moved = MANIFEST.split(DEV_URL).join("https://localhost:3001/");
    expect(() => rewriteManifestUrls(moved, PROD)).toThrow(`manifest.xml has no "${DEV_URL}" URL to rewrite`);
    const noUrls = MANIFEST.split(DEV_URL).join(PROD);
    expect(() => rewriteManifestUrls(noUrls, PROD)).toThrow("has no");
  });

  it("fails when a localhost URL survives the rewrite", () => {
    const mixed = MANIFEST.replace(`${DEV_URL}support.html`, "http://localhost:3000/support.html");
    expect(() => rewriteManifestUrls(mixed, PROD)).toThrow(
      'still names this machine after the rewrite: "http://localhost:3000/support.html"',
    );
  });

  it("refuses a production URL without its trailing slash", () => {
    expect(() => rewriteManifestUrls(MANIFEST, "https://rag.example-council.gov.uk")).toThrow(
      'must end with "/"',
    );
  });
});
