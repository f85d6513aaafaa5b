#!/usr/bin/env node
// Runs a TypeScript script of the project (`node cli/run-ts.js bench/run.ts ...`).
"use strict";
require("./register-ts");
const path = require("node:path");
const script = process.argv[2];
if (!script) {
  process.stderr.write("usage: node cli/run-ts.js <script.ts> [args...]\n");
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(script));
