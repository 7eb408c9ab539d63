// Builds the Excel add-in into dist/: the task pane, the ribbon's function file, the help page, the icons and
// the manifest. In the shape of OfficeDev/Office-Addin-TaskPane-React's config.
//   npm run build       production: minified, hashed file names, manifest URLs rewritten to PROGRAMME_RAG_URL
//   npm run build:dev   development build into dist/, manifest left on https://localhost:3000/
//   npm run dev-server  https://localhost:3000/ with the office-addin-dev-certs certificate
// dist/node/ belongs to the CLI build (tsc -p tsconfig.node.json) and is kept when webpack cleans dist/.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { EsbuildPlugin } = require("esbuild-loader");
const { DEV_URL, productionUrl, rewriteManifestUrls } = require("./scripts/manifest-url");

/**
 * The newest JavaScript the bundles may contain: every webview that can host ExcelApi 1.9 parses ES2017 (EdgeHTML
 * 18 and Safari 12 do not all parse ES2018+ syntax). Each emitted file, our code and node_modules together, is
 * lowered to it by esbuild once bundled (EsbuildPlugin below), so the helpers the lowering needs (object spread
 * and rest, class fields) are written once per file, not once per module as when each module was lowered by the
 * loader (that was 6.3 KB gzip of the pane's first bundle: BENCHMARKS.md, "The add-in's bundle");
 * tests/e2e/bundle.e2e.test.ts parses the built files at this level. Trident (IE11) cannot run the
 * bundle at all: src/static/check-support.js (ES5) shows it a plain message instead.
 */
const JS_TARGET = "es2017";

/** Largest JavaScript file a production build may emit (source maps are separate files, not counted). */
const BUNDLE_BUDGET_BYTES = 1_000_000;

async function getHttpsOptions() {
  // Loaded only when serving: building and testing never touch the certificate store.
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  // Read once, so a bad PROGRAMME_RAG_URL fails the production build before anything is compiled.
  const prodUrl = dev ? DEV_URL : productionUrl(process.env);

  return {
    mode: dev ? "development" : "production",
    // "eval-…" source maps need 'unsafe-eval', which the pages' Content-Security-Policy does not allow.
    devtool: dev ? "cheap-module-source-map" : "source-map",
    target: ["web", JS_TARGET],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // Chunks loaded on demand (the report builder: adapters/office/operations.ts's import()) are fetched from
      // where the page's bundle came from: "auto" takes the folder of the running script's own URL, so the chunk
      // comes from the add-in's origin (the pages' CSP: script-src 'self') under any PROGRAMME_RAG_URL path.
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      publicPath: "auto",
      clean: { keep: /^node[\\/]/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          // The report's code (report-code.ts's import() of engine/report-plan.ts) is built in a layer of its own,
          // and every module it imports inherits the layer (webpack's issuer layer): the report chunk holds its own
          // copy of the engine modules it uses (dates, money, the history ...), so none of the first bundle's
          // modules is shared with it. A module shared with another chunk cannot be concatenated into the bundle's
          // one scope and pays for its wrapper, its export getters and a property access at every call from the
          // rest; that was 4.2 KB gzip of the pane's first bundle (BENCHMARKS.md, "The add-in's bundle"). The
          // engine is pure, so two copies behave as one; the chunk is larger (it is fetched only for a report).
          test: /[\\/]src[\\/]engine[\\/]report-plan\.ts$/,
          issuer: /[\\/]src[\\/]adapters[\\/]office[\\/]report-code\.ts$/,
          layer: "report",
        },
        {
          // The engine is pure (no Office.js, DOM or Node; eslint holds it to that): importing a module of it does
          // nothing but define names, so webpack may leave out a module none of whose names a bundle uses. The
          // pane's and the ribbon's bundles so leave out the report builder (engine/report-plan.ts), which
          // planRun and buildWritePlan name for the command line but the add-in loads on demand.
          test: /[\\/]src[\\/]engine[\\/]/,
          sideEffects: false,
        },
        {
          // TypeScript and JSX (tsconfig.json's "jsx") without type checking (that is `npm run typecheck`). The
          // syntax is left as it is here, and node_modules (which ship ES2020+: optional chaining, class fields,
          // ??=) are read as they are by webpack's parser: both are lowered to JS_TARGET per emitted file
          // (EsbuildPlugin), not per module.
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: "esnext" },
        },
        {
          test: /\.(png|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name].[contenthash:8][ext]" },
        },
      ],
    },
    plugins: [
      // Lowers every emitted .js file to JS_TARGET (ES2017) before it is minified, each inside an IIFE of its own
      // (esbuild-loader's default for a web target), so the helpers it adds are not globals. No minify options:
      // webpack's own minimizer still minifies afterwards, as before.
      new EsbuildPlugin({ target: JS_TARGET }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new HtmlWebpackPlugin({
        filename: "support.html",
        template: "./src/support/support.html",
        chunks: [],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          // Plain ES5 files, copied as they are: the support check and the ribbon's notice dialog.
          { from: "src/static", to: "." },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // Throws (and so fails the build) when the manifest has no dev URL to rewrite.
            transform: (content) => (dev ? content : rewriteManifestUrls(content.toString("utf8"), prodUrl)),
          },
        ],
      }),
    ],
    performance: {
      hints: dev ? false : "error",
      maxAssetSize: BUNDLE_BUDGET_BYTES,
      maxEntrypointSize: BUNDLE_BUDGET_BYTES,
      assetFilter: (file) => file.endsWith(".js"),
    },
    devServer: {
      port: Number(new URL(DEV_URL).port), // 3000: the manifest's URLs name it
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: await getHttpsOptions() } : "https",
    },
  };
};
