#!/usr/bin/env node
// Entry point of the `scw-infra` command: registers the TypeScript hook, then runs cli/main.ts.
"use strict";
require("./register-ts");
const { main } = require("./main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main() turns every expected failure into an exit code; this is a bug, not bad input.
    process.stderr.write(`scw-infra: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  },
);
