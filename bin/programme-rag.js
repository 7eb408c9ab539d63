#!/usr/bin/env node
// The command-line entry point. `npm ci` compiles the TypeScript (the package's "prepare" script).
const path = require("node:path");
// A closed pipe (`programme-rag book.xlsx | head`) is not an error.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
  throw e;
});
let main;
try {
  main = require(path.join(__dirname, "..", "dist", "node", "src", "cli", "main.js"));
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write(
      "programme-rag: the command line is not built yet; run `npm run build:cli` (npm ci does it).\n",
    );
    process.exit(1);
  }
  throw e;
}
main.run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`programme-rag: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  },
);
