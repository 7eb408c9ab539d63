// Builds the Excel add-in into dist/: the task pane, the ribbon's function file, the help page, the icons and
// the manifest. In the shape of OfficeDev/Office-Addin-TaskPane-React's config.
//   npm run build       production: minified, hashed file names, manifest URLs rewritten to PROGRAMME_RAG_URL
//   npm run build:dev   development build into dist/, manifest left on https://localhost:3000/
//   npm run dev-server  https://localhost:3000/ with the office-addin-dev-certs certificate
// dist/node/ belongs to the CLI build (tsc -p tsconfig.node.json) and is kept when webpack cleans dist/.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_URL, productionUrl, rewriteManifestUrls } = require("./scripts/manifest-url");

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
    devtool: dev ? "eval-cheap-module-source-map" : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: { keep: /^node[\\/]/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          test: /\.(png|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name].[contenthash:8][ext]" },
        },
      ],
    },
    plugins: [
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
