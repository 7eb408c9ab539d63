import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { DEFAULT_PRODUCTION_URL, DEV_URL } from "../../scripts/manifest-url";
import { ROOT } from "./helpers";

// The real webpack.config.js, inspected as webpack would receive it (no build is run: that is `npm run build`).
type Transform = (content: Buffer, absoluteFrom: string) => string | Buffer;
interface Config {
  mode: string;
  devtool: string | false;
  entry: Record<string, string>;
  output: { path: string; filename: string; clean: { keep: RegExp } };
  plugins: object[];
  performance: { hints: string | false; maxAssetSize: number; assetFilter: (file: string) => boolean };
  devServer: { port: number; server: unknown };
}
type ConfigFactory = (env: Record<string, unknown>, argv: { mode: string }) => Promise<Config>;

const load = createRequire(path.join(ROOT, "package.json"));
const makeConfig = load("./webpack.config.js") as ConfigFactory;
const HtmlWebpackPlugin = load("html-webpack-plugin") as abstract new (...args: never[]) => object;
const CopyWebpackPlugin = load("copy-webpack-plugin") as abstract new (...args: never[]) => object;
const { EsbuildPlugin } = load("esbuild-loader") as {
  EsbuildPlugin: abstract new (...args: never[]) => object;
};

function manifestTransform(config: Config): Transform {
  const copy = config.plugins.find((p) => p instanceof CopyWebpackPlugin) as {
    patterns: { from: string; transform?: Transform }[];
  };
  const pattern = copy.patterns.find((p) => p.from === "manifest.xml");
  if (!pattern?.transform) throw new Error("no transform on the manifest.xml copy pattern");
  return pattern.transform;
}

const manifestBytes = readFileSync(path.join(ROOT, "manifest.xml"));

describe("webpack.config.js", () => {
  const saved = process.env.PROGRAMME_RAG_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.PROGRAMME_RAG_URL;
    else process.env.PROGRAMME_RAG_URL = saved;
  });

  it("builds the two entries into dist/, keeping the CLI's dist/node", async () => {
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    expect(config.entry).toEqual({
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    });
    expect(config.output.path).toBe(path.join(ROOT, "dist"));
    expect(config.output.clean.keep.test("node/cli/main.js")).toBe(true);
    expect(config.output.clean.keep.test("taskpane.js")).toBe(false);
  });

  it("does not load office-addin-dev-certs unless serving", async () => {
    await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
    expect(Object.keys(load.cache).filter((file) => file.includes("office-addin-dev-certs"))).toEqual([]);
  });

  it("gives each page only its own script", async () => {
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    const pages = config.plugins
      .filter((p) => p instanceof HtmlWebpackPlugin)
      .map((p) => (p as { userOptions: { filename: string; chunks: string[] } }).userOptions);
    expect(pages.map((p) => [p.filename, p.chunks])).toEqual([
      ["taskpane.html", ["taskpane"]],
      ["commands.html", ["commands"]],
      ["support.html", []],
    ]);
  });

  it("writes source maps as separate files and holds production scripts to a size budget", async () => {
    const prod = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    expect(prod.devtool).toBe("source-map");
    expect(prod.performance.hints).toBe("error");
    expect(prod.performance.maxAssetSize).toBeLessThanOrEqual(1_000_000);
    expect(prod.performance.assetFilter("taskpane.0123abcd.js")).toBe(true);
    expect(prod.performance.assetFilter("taskpane.0123abcd.js.map")).toBe(false);
    const dev = await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
    expect(dev.performance.hints).toBe(false);
  });

  it("rewrites the manifest's dev URL to the default production URL in a production build", async () => {
    delete process.env.PROGRAMME_RAG_URL;
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    const out = String(manifestTransform(config)(manifestBytes, path.join(ROOT, "manifest.xml")));
    expect(out).not.toContain(DEV_URL);
    expect(out).toContain(`<SourceLocation DefaultValue="${DEFAULT_PRODUCTION_URL}taskpane.html"/>`);
  });

  it("takes the production URL from PROGRAMME_RAG_URL", async () => {
    process.env.PROGRAMME_RAG_URL = "https://rag.example-council.gov.uk/excel";
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    const out = String(manifestTransform(config)(manifestBytes, path.join(ROOT, "manifest.xml")));
    expect(out).toContain(
      '<IconUrl DefaultValue="https://rag.example-council.gov.uk/excel/assets/icon-32.png"/>',
    );
  });

  it("fails the production build on a bad PROGRAMME_RAG_URL before compiling anything", async () => {
    process.env.PROGRAMME_RAG_URL = "http://rag.example-council.gov.uk/";
    await expect(makeConfig({ WEBPACK_BUILD: true }, { mode: "production" })).rejects.toThrow(
      "must be https",
    );
  });

  it("fails the production build when the manifest has no dev URL", async () => {
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    const moved = Buffer.from(
      manifestBytes.toString("utf8").split(DEV_URL).join("https://addin.example.org/"),
    );
    expect(() => manifestTransform(config)(moved, "manifest.xml")).toThrow("has no");
  });

  it("lowers each emitted file to ES2017 once, so the syntax helpers are not repeated in every module", async () => {
    for (const mode of ["production", "development"]) {
      const config = await makeConfig({ WEBPACK_BUILD: true }, { mode });
      const lowering = config.plugins.filter((p) => p instanceof EsbuildPlugin) as { options: object }[];
      // No minify option: webpack's minimizer still minifies after it (the plugin runs first, as a plugin).
      expect(lowering.map((p) => p.options)).toEqual([{ target: "es2017" }]);
      const rules = (config as unknown as { module: { rules: { loader?: string; options?: object }[] } })
        .module.rules;
      const loaders = rules.filter((r) => r.loader === "esbuild-loader");
      expect(loaders.map((r) => r.options)).toEqual([{ target: "esnext" }]);
    }
  });

  it("builds the report's code, imported by report-code.ts, in a layer of its own (no module shared with the pane's first bundle)", async () => {
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "production" });
    type Rule = { test?: RegExp; issuer?: RegExp; layer?: string };
    const rules = (config as unknown as { module: { rules: Rule[] } }).module.rules;
    const layerOf = (resource: string, issuer: string) =>
      rules.find((r) => r.layer && r.test?.test(resource) && r.issuer?.test(issuer))?.layer ?? null;
    const reportPlan = path.join(ROOT, "src", "engine", "report-plan.ts");
    // The pane's on-demand import: every module report-plan.ts imports inherits the layer (webpack's issuerLayer).
    expect(layerOf(reportPlan, path.join(ROOT, "src", "adapters", "office", "report-code.ts"))).toBe(
      "report",
    );
    // The command line's and the tests' static imports (planRun, buildWritePlan) stay in the default layer.
    expect(layerOf(reportPlan, path.join(ROOT, "src", "engine", "run.ts"))).toBeNull();
    expect(layerOf(reportPlan, path.join(ROOT, "src", "engine", "write-plan.ts"))).toBeNull();
  });

  it("leaves the manifest alone in a development build, and serves on the manifest's port", async () => {
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: "development" });
    expect(manifestTransform(config)(manifestBytes, "manifest.xml")).toBe(manifestBytes);
    expect(config.devServer.port).toBe(3000);
    expect(DEV_URL).toBe("https://localhost:3000/");
  });
});
