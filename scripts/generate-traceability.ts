// Regenerates the table of docs/traceability.md from the registries and the test files.
// Run: node cli/run-ts.js scripts/generate-traceability.ts   (tests/rules/traceability.test.ts
// fails when the committed document is not current).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withCurrentTraceabilityTable } from "../cli/traceability/traceability";

const file = join(__dirname, "..", "docs", "traceability.md");
writeFileSync(file, withCurrentTraceabilityTable(readFileSync(file, "utf8")));
process.stdout.write(`wrote ${file}\n`);
