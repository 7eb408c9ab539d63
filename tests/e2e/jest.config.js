// The browser tests (`npm run test:e2e`): the production build in Debian's Chromium on Microsoft's office.js,
// with the Excel host simulated. Separate from `npm test` (the main jest.config.js ignores tests/e2e).
// One browser at a time: the files run in band, each with its own harness server.
const path = require("path");

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, "../.."),
  testEnvironment: "node",
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
  },
  testTimeout: 60_000,
  maxWorkers: 1,
  verbose: true,
};
