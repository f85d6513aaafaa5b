/** Jest: transpile-only with SWC (type checking is `tsc --noEmit`, run first by `npm test`). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // Modules @pulumi/pulumi requires at import but few suites use, loaded on first use
  // (tests/support/lazy-module.js says why and how).
  moduleNameMapper: {
    "^typescript$": "<rootDir>/tests/support/lazy/typescript.js",
    "^@npmcli/arborist$": "<rootDir>/tests/support/lazy/arborist.js",
    "^execa$": "<rootDir>/tests/support/lazy/execa.js",
  },
  modulePathIgnorePatterns: ["<rootDir>/policies/node_modules", "<rootDir>/tests/e2e/fixtures"],
  testPathIgnorePatterns: ["/node_modules/", "/tests/e2e/fixtures/"],
  collectCoverageFrom: [
    "components/**/*.ts",
    "contracts/**/*.ts",
    "policies/**/*.ts",
    "cli/**/*.ts",
    "!**/node_modules/**",
  ],
  // Issue 3's bar: at least 90% of the lines of components/ run under the tests.
  coverageThreshold: { "./components/": { lines: 90 } },
  coverageReporters: ["text-summary"],
  testTimeout: 60000,
  // Jest's default (one worker fewer than the cores) runs the suites one at a time, in one process,
  // on a 2-core machine; one worker per core uses both. A worker that has grown past the limit after
  // a suite (each suite loads its own copy of @pulumi/pulumi) is restarted rather than swapping.
  maxWorkers: "100%",
  workerIdleMemoryLimit: "1.5GB",
};
