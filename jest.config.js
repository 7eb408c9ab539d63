/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/tests/e2e/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
  },
  moduleNameMapper: {
    "\\.(css|png|svg)$": "<rootDir>/tests/support/file-stub.js",
  },
  setupFilesAfterEnv: ["<rootDir>/tests/support/setup.ts"],
  // Tests that run the CLI several times (Q2 then Q3) or read the GMPP exports take seconds on a loaded
  // machine: jest's 5 s default failed them at a load average of 16 on two cores.
  testTimeout: 30_000,
};
